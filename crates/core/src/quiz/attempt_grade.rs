//! Grading a whole attempt: every drawn question against the learner's answers, the total,
//! and whether the attempt passes.

use super::answer::Answer;
use super::definition::Quiz;
use super::draw::DrawnQuiz;
use super::grading::{grade, Grade, Outcome};
use super::score::Score;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The grade of one drawn question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionGrade {
    pub question_id: String,
    #[serde(flatten)]
    pub grade: Grade,
}

/// The grade of an attempt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuizGrade {
    pub score: Score,
    pub possible: Score,
    /// In the order the questions were drawn.
    pub per_question: Vec<QuestionGrade>,
    /// Some answer waits for an instructor (an essay); the score may still rise.
    pub needs_review: bool,
    /// `None` without a pass mark, or while a review could still change the result.
    pub is_passed: Option<bool>,
}

/// Grades the drawn questions of `quiz` against `answers` (keyed by question id). Answers
/// to questions that were not drawn are ignored; drawn ids the quiz does not know are
/// skipped.
pub fn grade_quiz(quiz: &Quiz, drawn: &DrawnQuiz, answers: &BTreeMap<String, Answer>) -> QuizGrade {
    let per_question: Vec<QuestionGrade> = drawn
        .question_ids
        .iter()
        .filter_map(|question_id| quiz.question(question_id))
        .map(|question| QuestionGrade {
            question_id: question.question_id.clone(),
            grade: grade(question, answers.get(&question.question_id)),
        })
        .collect();
    totals(quiz, per_question)
}

/// `grade` with an instructor's points for some questions (by question id) replacing their
/// automatic grades, capped at what each question is worth. Reviews of questions the attempt
/// did not draw are ignored.
pub fn apply_reviews(
    quiz: &Quiz,
    grade: &QuizGrade,
    reviews: &BTreeMap<String, Score>,
) -> QuizGrade {
    let per_question = grade
        .per_question
        .iter()
        .map(|question| match reviews.get(&question.question_id) {
            None => question.clone(),
            Some(awarded) => {
                let possible = question.grade.points_possible;
                let awarded = (*awarded).min(possible);
                let outcome = if awarded == possible {
                    Outcome::Correct
                } else if awarded == Score::ZERO {
                    Outcome::Incorrect
                } else {
                    Outcome::PartiallyCorrect
                };
                QuestionGrade {
                    question_id: question.question_id.clone(),
                    grade: Grade {
                        points_awarded: awarded,
                        points_possible: possible,
                        outcome,
                        per_part: question.grade.per_part.clone(),
                    },
                }
            }
        })
        .collect();
    totals(quiz, per_question)
}

fn totals(quiz: &Quiz, per_question: Vec<QuestionGrade>) -> QuizGrade {
    let score = per_question.iter().fold(Score::ZERO, |sum, q| {
        sum.saturating_add(q.grade.points_awarded)
    });
    let possible = per_question.iter().fold(Score::ZERO, |sum, q| {
        sum.saturating_add(q.grade.points_possible)
    });
    let needs_review = per_question
        .iter()
        .any(|q| q.grade.outcome == Outcome::NeedsReview);
    let is_passed = quiz.settings.pass_percent.and_then(|percent| {
        let is_reached = u64::from(score.millipoints()) * 100
            >= u64::from(percent) * u64::from(possible.millipoints());
        (is_reached || !needs_review).then_some(is_reached)
    });
    QuizGrade {
        score,
        possible,
        per_question,
        needs_review,
        is_passed,
    }
}
