//! Quizzes: the lesson view (overview, attempt, review), one component per question kind,
//! the timer, practice feedback and the sync notice. Logic lives in `state::quiz` and in the
//! core's `quiz` module; these only show state and send intents.

mod attempt_review;
mod attempt_runner;
mod attempt_sync_notice;
mod blanks_answer;
mod choice_answer;
mod matching_answer;
mod ordering_answer;
mod practice_feedback;
mod question_nav;
mod question_view;
mod quiz_overview;
mod quiz_timer;
mod quiz_view;
mod review_form;
mod submission_card;
mod text_answer;

pub use attempt_review::{score_text, AttemptReview};
pub use attempt_runner::AttemptRunner;
pub use attempt_sync_notice::AttemptSyncNotice;
pub use blanks_answer::BlanksAnswer;
pub use choice_answer::ChoiceAnswer;
pub use matching_answer::MatchingAnswer;
pub use ordering_answer::OrderingAnswer;
pub use practice_feedback::{outcome_name, PracticeFeedback};
pub use question_nav::QuestionNav;
pub use question_view::QuestionView;
pub use quiz_overview::QuizOverview;
pub use quiz_timer::QuizTimer;
pub use quiz_view::QuizView;
pub use review_form::{parse_points, ReviewForm};
pub use submission_card::SubmissionCard;
pub use text_answer::TextAnswer;

use crate::i18n::{quiz_text, QuizMsg};
use crate::io::http::HttpError;
use crate::io::idb::LocalAttempt;
use lectern_core::locale::Locale;
use lectern_core::quiz::Outcome;

/// The words for an outcome.
pub fn outcome_label(outcome: Outcome) -> QuizMsg {
    match outcome {
        Outcome::Correct => QuizMsg::Correct,
        Outcome::PartiallyCorrect => QuizMsg::PartlyCorrect,
        Outcome::Incorrect => QuizMsg::Incorrect,
        Outcome::Unanswered => QuizMsg::Unanswered,
        Outcome::NeedsReview => QuizMsg::NeedsReview,
    }
}

/// Where an attempt stands, for the list of attempts.
pub fn attempt_status_label(attempt: &LocalAttempt) -> QuizMsg {
    if attempt.is_submitted() {
        QuizMsg::StatusSubmitted
    } else if attempt.submit_requested_at.is_some() {
        QuizMsg::StatusWaitingToSend
    } else {
        QuizMsg::StatusInProgress
    }
}

/// What to tell the learner when a quiz request failed: the server's own sentence when it
/// explained (a closed quiz, no attempts left), else what kind of failure it was.
pub fn quiz_error_text(error: &HttpError, locale: Locale) -> String {
    match error {
        HttpError::Problem(problem) if !problem.detail.is_empty() => problem.detail.clone(),
        HttpError::Unreachable(_) => quiz_text(locale, QuizMsg::NeedsConnection).to_owned(),
        HttpError::SignedOut => quiz_text(locale, QuizMsg::SignInAgainToSend).to_owned(),
        _ => quiz_text(locale, QuizMsg::SomethingWentWrong).to_owned(),
    }
}
