//! Quiz attempts: starting one, saving answers as they change, submitting, the caller's
//! attempts with the feedback the quiz's settings allow, and the instructor's side (every
//! learner's submissions, and reviews of answers that need a person).
//!
//! A quiz is addressed by [`QuizId`], `{course_id}.{lesson_id}` (ids are slugs, so the dot
//! is unambiguous). An attempt is addressed by the [`AttemptId`] the client chose when it
//! asked to start it, which makes starting idempotent: a retried start after a lost answer
//! gets the same attempt back, never a second one that uses up the attempt limit.
//!
//! Scores on the wire are whole milli-points (`1500` is 1.5 points); the field names say so.

use jiff::Timestamp;
use lectern_core::quiz::{Answer, FeedbackView, Outcome, PartResult, Quiz, QuizGrade, Score};
use lectern_core::{CourseId, IdError, LessonId, UserId};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// A quiz lesson, `{course_id}.{lesson_id}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct QuizId {
    pub course_id: CourseId,
    pub lesson_id: LessonId,
}

/// Why a string is not a [`QuizId`] or an [`AttemptId`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WireIdError {
    #[error("a quiz id is \"{{course_id}}.{{lesson_id}}\"")]
    MissingDot,
    #[error(transparent)]
    Id(#[from] IdError),
    #[error("an attempt id is a UUID in lowercase hexadecimal (8-4-4-4-12)")]
    NotAUuid,
}

impl QuizId {
    pub fn new(course_id: CourseId, lesson_id: LessonId) -> QuizId {
        QuizId {
            course_id,
            lesson_id,
        }
    }

    pub fn parse(raw: &str) -> Result<QuizId, WireIdError> {
        let (course, lesson) = raw.split_once('.').ok_or(WireIdError::MissingDot)?;
        Ok(QuizId {
            course_id: CourseId::parse(course)?,
            lesson_id: LessonId::parse(lesson)?,
        })
    }
}

impl fmt::Display for QuizId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.course_id, self.lesson_id)
    }
}

impl TryFrom<String> for QuizId {
    type Error = WireIdError;
    fn try_from(raw: String) -> Result<QuizId, WireIdError> {
        QuizId::parse(&raw)
    }
}

impl From<QuizId> for String {
    fn from(quiz_id: QuizId) -> String {
        quiz_id.to_string()
    }
}

/// An attempt's id: a UUID the client generates, in lowercase hex with dashes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct AttemptId(String);

impl AttemptId {
    pub fn parse(raw: &str) -> Result<AttemptId, WireIdError> {
        if lectern_core::sync::is_uuid(raw) {
            Ok(AttemptId(raw.to_owned()))
        } else {
            Err(WireIdError::NotAUuid)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for AttemptId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for AttemptId {
    type Error = WireIdError;
    fn try_from(raw: String) -> Result<AttemptId, WireIdError> {
        AttemptId::parse(&raw)
    }
}

impl From<AttemptId> for String {
    fn from(attempt_id: AttemptId) -> String {
        attempt_id.0
    }
}

/// The seed an attempt's questions and choice orders are drawn from. Sent as a decimal
/// string: JSON numbers past 2^53 lose digits in many clients.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Seed(pub u64);

impl TryFrom<String> for Seed {
    type Error = std::num::ParseIntError;
    fn try_from(raw: String) -> Result<Seed, Self::Error> {
        raw.parse().map(Seed)
    }
}

impl From<Seed> for String {
    fn from(seed: Seed) -> String {
        seed.0.to_string()
    }
}

/// `POST /api/v1/quizzes/{quiz_id}/attempts` body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StartAttemptRequest {
    /// Chosen by the client; starting again with the same id returns the same attempt.
    pub attempt_id: AttemptId,
    /// A practice attempt started offline was drawn from this seed, so the server keeps it.
    /// Graded quizzes ignore it: the server draws their seed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<Seed>,
}

/// Whether an attempt still takes answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AttemptStatus {
    InProgress,
    Submitted,
}

/// One attempt, as its learner (or an instructor) may see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttemptView {
    pub attempt_id: AttemptId,
    pub quiz_id: QuizId,
    /// 1 for the learner's first attempt at this quiz.
    pub attempt_number: u32,
    pub seed: Seed,
    /// Server time.
    pub started_at: Timestamp,
    /// Server time after which answers are no longer taken (a grace of 30 s aside).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline_at: Option<Timestamp>,
    pub status: AttemptStatus,
    /// The saved answers, by question id.
    #[serde(default)]
    pub answers: BTreeMap<String, Answer>,
    /// Server time of the submission.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub submitted_at: Option<Timestamp>,
    /// When the learner pressed submit, by the device's clock (kept for the record only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_submitted_at: Option<Timestamp>,
    /// Submitted after the due date of a quiz that takes late work.
    #[serde(default)]
    pub is_late: bool,
    /// The submission carried answers after the attempt had stopped taking them; the
    /// attempt was graded on the answers saved in time.
    #[serde(default)]
    pub has_ignored_late_answers: bool,
    /// Set on an attempt the server made to keep answers that arrived after the named
    /// attempt had closed (an offline submission): submitted and graded, for an instructor
    /// to review; it does not replace that attempt's grade nor count as an attempt made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub late_copy_of: Option<AttemptId>,
    /// Present once submitted and the settings let the score show.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<AttemptResult>,
}

/// The grade of a submitted attempt, as far as the settings let it show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttemptResult {
    pub score_millipoints: Score,
    pub possible_millipoints: Score,
    /// `None` without a pass mark, or while a review could still change the result.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_passed: Option<bool>,
    /// Some answer waits for an instructor; the score may still rise.
    pub needs_review: bool,
    /// One entry per drawn question, in the attempt's order.
    #[serde(default)]
    pub questions: Vec<QuestionResult>,
}

impl AttemptResult {
    /// What `view` lets show of `grade` (already with any reviews applied), with the
    /// explanations of `quiz` and the instructors' `feedback` by question id. `None` when
    /// the score may not show.
    pub fn shown(
        quiz: &Quiz,
        grade: &QuizGrade,
        feedback: &BTreeMap<String, String>,
        view: FeedbackView,
    ) -> Option<AttemptResult> {
        if !view.shows_score {
            return None;
        }
        let questions = grade
            .per_question
            .iter()
            .map(|question| {
                let outcomes = view.shows_outcomes.then_some(&question.grade);
                QuestionResult {
                    question_id: question.question_id.clone(),
                    outcome: outcomes.map(|grade| grade.outcome),
                    awarded_millipoints: outcomes.map(|grade| grade.points_awarded),
                    possible_millipoints: outcomes.map(|grade| grade.points_possible),
                    per_part: outcomes
                        .map(|grade| grade.per_part.clone())
                        .unwrap_or_default(),
                    explanation: view
                        .shows_explanations
                        .then(|| quiz.question(&question.question_id)?.feedback.clone())
                        .flatten(),
                    instructor_feedback: feedback.get(&question.question_id).cloned(),
                }
            })
            .collect();
        Some(AttemptResult {
            score_millipoints: grade.score,
            possible_millipoints: grade.possible,
            is_passed: grade.is_passed,
            needs_review: grade.needs_review,
            questions,
        })
    }
}

/// One question of a submitted attempt. Outcome, points and explanation are absent when the
/// settings hide them; an instructor's feedback always shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionResult {
    pub question_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<Outcome>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub awarded_millipoints: Option<Score>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub possible_millipoints: Option<Score>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub per_part: Vec<PartResult>,
    /// The question's authored explanation (Markdown).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explanation: Option<String>,
    /// What an instructor wrote on reviewing this answer (plain text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instructor_feedback: Option<String>,
}

/// `PUT /api/v1/attempts/{attempt_id}/answers` body: each answer replaces the saved answer
/// to its question; questions not named keep theirs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SaveAnswersRequest {
    pub answers: BTreeMap<String, Answer>,
}

/// `POST /api/v1/attempts/{attempt_id}/submit` body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubmitAttemptRequest {
    /// Last answers to save before grading (as in [`SaveAnswersRequest`]).
    #[serde(default)]
    pub answers: BTreeMap<String, Answer>,
    /// When the learner pressed submit (or the timer ran out), by the device's clock.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_submitted_at: Option<Timestamp>,
}

/// `GET /api/v1/quizzes/{quiz_id}/attempts` answer: the caller's attempts, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttemptList {
    pub attempts: Vec<AttemptView>,
    /// How many more attempts may start; `None` without a limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attempts_remaining: Option<u32>,
    /// Server time of this answer, for the player's countdowns.
    pub server_time: Timestamp,
}

/// A learner as an instructor's lists show them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LearnerRef {
    pub user_id: UserId,
    pub display_name: String,
}

/// One learner's attempt in an instructor's list, with everything visible.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Submission {
    pub learner: LearnerRef,
    pub attempt: AttemptView,
}

/// `GET /api/v1/quizzes/{quiz_id}/submissions` answer (instructors only): every attempt,
/// those waiting for review first, then newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubmissionList {
    pub submissions: Vec<Submission>,
}

/// `PUT /api/v1/attempts/{attempt_id}/reviews/{question_id}` body (instructors only): the
/// points for one answer, replacing its automatic grade, and feedback for the learner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewRequest {
    pub awarded_millipoints: Score,
    #[serde(default)]
    pub feedback: String,
}

/// Longest instructor feedback accepted, in characters.
pub const MAX_FEEDBACK_CHARS: usize = 20_000;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quiz_ids_are_course_dot_lesson() {
        let quiz_id = QuizId::parse("astronomy-101.solar-quiz").unwrap();
        assert_eq!(quiz_id.course_id.as_str(), "astronomy-101");
        assert_eq!(quiz_id.lesson_id.as_str(), "solar-quiz");
        assert_eq!(quiz_id.to_string(), "astronomy-101.solar-quiz");
        assert_eq!(QuizId::parse("nodot"), Err(WireIdError::MissingDot));
        assert!(matches!(QuizId::parse("a.b.c"), Err(WireIdError::Id(_))));
        assert!(matches!(QuizId::parse(".b"), Err(WireIdError::Id(_))));
    }

    #[test]
    fn attempt_ids_are_lowercase_uuids() {
        assert!(AttemptId::parse("0f8fad5b-d9cb-469f-a165-70867728950e").is_ok());
        for bad in [
            "",
            "0F8FAD5B-D9CB-469F-A165-70867728950E",
            "0f8fad5bd9cb469fa16570867728950e",
            "0f8fad5b-d9cb-469f-a165-70867728950",
            "0f8fad5b-d9cb-469f-a165-70867728950g",
            "../../etc/passwd",
        ] {
            assert_eq!(AttemptId::parse(bad), Err(WireIdError::NotAUuid), "{bad}");
        }
    }

    #[test]
    fn seeds_travel_as_decimal_strings() {
        let json = serde_json::to_string(&Seed(u64::MAX)).unwrap();
        assert_eq!(json, "\"18446744073709551615\"");
        let back: Seed = serde_json::from_str(&json).unwrap();
        assert_eq!(back, Seed(u64::MAX));
        assert!(serde_json::from_str::<Seed>("\"-1\"").is_err());
        assert!(serde_json::from_str::<Seed>("12").is_err());
    }
}
