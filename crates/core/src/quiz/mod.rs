//! Quizzes: the question model with its answer keys, learners' answers and their shape
//! check, grading (one answer and a whole attempt, in exact milli-points), and the seeded
//! draw of pools and choice orders. Pure and deterministic: the player grades practice
//! quizzes with this code and the server grades graded ones with the same code.

mod answer;
mod attempt;
mod attempt_grade;
mod definition;
mod draw;
mod editing;
mod grading;
mod normalise;
mod number;
mod question;
mod rng;
mod score;
pub mod workload;

pub use answer::{Answer, AnswerShapeError, MAX_ANSWER_CHARS};
pub use attempt::{
    attempt_deadline, check_start, feedback_view, is_late, seconds_left, takes_answers,
    FeedbackView, StartRefusal, SUBMIT_GRACE,
};
pub use attempt_grade::{apply_reviews, grade_quiz, QuestionGrade, QuizGrade};
pub use definition::{FeedbackTiming, LatePolicy, Pool, Quiz, QuizSettings, MAIN_POOL_ID};
pub use draw::{draw, DrawnQuiz};
pub use editing::{
    blank_segments, is_answered, move_item, set_match, shown_choices, toggle_choice, BlankSegment,
};
pub use grading::{grade, numeric_matches, Grade, Outcome, PartResult, NUMERIC_EPSILON};
pub use normalise::{matches_any, normalise_answer, EDGE_PUNCTUATION};
pub use number::{parse_number, NumberError, NumberLocale};
pub use question::{
    Blank, Choice, ChoiceId, MultiScoring, NumericRule, Question, QuestionBody, DEFAULT_POINTS,
    MAX_POINTS,
};
pub use rng::{fnv1a64, SplitMix64};
pub use score::Score;
