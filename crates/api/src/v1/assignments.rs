//! Assignments: the caller's state and submissions for an assignment lesson, with what came
//! back (a grade and feedback); the files uploaded for a submission; and the instructors'
//! side (the grading queue, grading).
//!
//! Work is handed in as a learner event (`assignment_submitted` in `POST /api/v1/events`),
//! so a submission written offline is sent by the outbox and stored once by its event id.
//! Its files are uploaded before the event is recorded, each under an [`UploadId`] the
//! device chose, in chunks of at most [`MAX_UPLOAD_CHUNK_BYTES`] that continue where the
//! server's copy ends ([`UploadStatus::received_bytes`]), so an upload cut off resumes.
//!
//! An assignment is addressed by [`AssignmentId`], `{course_id}.{lesson_id}` like a quiz.
//! Every time is server time; a submission is late, or refused, by when it reached the
//! server, never by the device's clock.

use super::LearnerRef;
use jiff::Timestamp;
pub use lectern_core::assignment::{SubmissionId, UploadId};
use lectern_core::calendar::SubmissionLatePolicy;
use lectern_core::{CourseId, IdError, LessonId};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The most bytes one chunk of an upload (the body of one `PUT /api/v1/uploads/{upload_id}`)
/// may hold: 4 MiB. Larger files go in several chunks.
pub const MAX_UPLOAD_CHUNK_BYTES: usize = 4 * 1024 * 1024;

/// An assignment lesson, `{course_id}.{lesson_id}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct AssignmentId {
    pub course_id: CourseId,
    pub lesson_id: LessonId,
}

/// Why a string is not an [`AssignmentId`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AssignmentIdError {
    #[error("an assignment id is \"{{course_id}}.{{lesson_id}}\"")]
    MissingDot,
    #[error(transparent)]
    Id(#[from] IdError),
}

impl AssignmentId {
    pub fn new(course_id: CourseId, lesson_id: LessonId) -> AssignmentId {
        AssignmentId {
            course_id,
            lesson_id,
        }
    }

    pub fn parse(raw: &str) -> Result<AssignmentId, AssignmentIdError> {
        let (course, lesson) = raw.split_once('.').ok_or(AssignmentIdError::MissingDot)?;
        Ok(AssignmentId {
            course_id: CourseId::parse(course)?,
            lesson_id: LessonId::parse(lesson)?,
        })
    }
}

impl fmt::Display for AssignmentId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.course_id, self.lesson_id)
    }
}

impl TryFrom<String> for AssignmentId {
    type Error = AssignmentIdError;
    fn try_from(raw: String) -> Result<AssignmentId, AssignmentIdError> {
        AssignmentId::parse(&raw)
    }
}

impl From<AssignmentId> for String {
    fn from(assignment_id: AssignmentId) -> String {
        assignment_id.to_string()
    }
}

/// The query of `PUT /api/v1/uploads/{upload_id}`: which file the chunk belongs to, the
/// same on every chunk. The server checks it against the assignment's file rules before it
/// stores anything.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadTarget {
    pub course_id: CourseId,
    /// The assignment lesson the file is for.
    pub lesson_id: LessonId,
    /// The name the learner's file has (shown to instructors; never a name on disk).
    pub file_name: String,
    /// As the browser reports it; stored without parameters, in lowercase.
    pub media_type: String,
    /// The whole file's size.
    pub size_bytes: u64,
}

/// What the server holds of one upload: `PUT` and `GET /api/v1/uploads/{upload_id}` answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadStatus {
    pub upload_id: UploadId,
    pub course_id: CourseId,
    pub lesson_id: LessonId,
    pub file_name: String,
    pub media_type: String,
    pub size_bytes: u64,
    /// Bytes `0..received_bytes` are stored: the next chunk starts here.
    pub received_bytes: u64,
    pub is_complete: bool,
    /// The SHA-256 of the whole file in lowercase hex, once complete.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
}

/// Where the caller stands with an assignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AssignmentState {
    NotSubmitted,
    /// The latest submission came in time and waits for a grade.
    Submitted,
    /// The latest submission came after the due date and waits for a grade.
    Late,
    /// The latest submission has a grade.
    Graded,
}

/// `GET /api/v1/assignments/{assignment_id}` answer: the assignment as the caller stands
/// with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssignmentView {
    pub assignment_id: AssignmentId,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_at: Option<Timestamp>,
    pub late_policy: SubmissionLatePolicy,
    pub resubmit: bool,
    pub max_points: u32,
    pub state: AssignmentState,
    /// Whether an `assignment_submitted` event sent now would be taken (by the server's
    /// clock; the file and text rules aside).
    pub can_submit: bool,
    /// Why not, for the learner, when `can_submit` is false.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cannot_submit_reason: Option<String>,
    /// The caller's submissions, newest first.
    pub submissions: Vec<SubmissionView>,
    /// Server time of this answer, for the player's countdowns.
    pub server_time: Timestamp,
}

/// One submission, as its learner (or an instructor of the course) sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubmissionView {
    pub submission_id: SubmissionId,
    pub assignment_id: AssignmentId,
    pub text: String,
    pub files: Vec<SubmittedFileView>,
    /// When it reached the server: what lateness is judged by.
    pub submitted_at: Timestamp,
    /// When the learner handed it in, by the device's clock (for the record only).
    pub client_submitted_at: Timestamp,
    pub is_late: bool,
    /// Late days started (0 when on time), counted in UTC.
    pub days_late: u32,
    /// The share the late policy takes off the grade, 0 to 100.
    pub penalty_percent: u8,
    /// The latest grade, once graded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grade: Option<GradeView>,
}

/// One file of a submission.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubmittedFileView {
    pub upload_id: UploadId,
    pub file_name: String,
    pub media_type: String,
    pub size_bytes: u64,
    /// `GET` it with the bearer token (`/api/v1/uploads/{upload_id}/content`).
    pub download_url: String,
}

/// An instructor's grade of a submission.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GradeView {
    /// The points given, before any late penalty.
    pub score: u32,
    pub max_points: u32,
    /// `score` less the late penalty, in milli-points: 17 points with 10 % off is 15300.
    pub final_score_millipoints: u32,
    /// Markdown; may be empty.
    pub feedback: String,
    pub graded_at: Timestamp,
    /// The grader's display name.
    pub grader: String,
    /// 1 for the first grade; each re-grade is the next version, and the latest stands.
    pub grade_version: u32,
}

/// `PUT /api/v1/submissions/{submission_id}/grade` body (instructors of the course).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GradeRequest {
    /// At most the assignment's `max_points`.
    pub score: u32,
    /// Markdown, at most [`super::MAX_FEEDBACK_CHARS`] characters.
    #[serde(default)]
    pub feedback: String,
}

/// One learner's latest submission in the grading queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueuedSubmission {
    pub learner: LearnerRef,
    /// How many times the learner has handed in.
    pub submission_count: u32,
    pub submission: SubmissionView,
}

/// `GET /api/v1/assignments/{assignment_id}/submissions` answer (instructors of the course):
/// each learner's latest submission, those without a grade first, then the oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GradingQueue {
    pub assignment_id: AssignmentId,
    pub max_points: u32,
    pub submissions: Vec<QueuedSubmission>,
}

/// `score` less `penalty_percent` %, in milli-points (exact: whole points and percents).
pub fn final_score_millipoints(score: u32, penalty_percent: u8) -> u32 {
    let kept_percent = 100 - u32::from(penalty_percent.min(100));
    score.saturating_mul(10).saturating_mul(kept_percent)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn assignment_ids_are_course_dot_lesson() {
        let id = AssignmentId::parse("astronomy-101.star-journal").unwrap();
        assert_eq!(id.course_id.as_str(), "astronomy-101");
        assert_eq!(id.lesson_id.as_str(), "star-journal");
        assert_eq!(id.to_string(), "astronomy-101.star-journal");
        assert_eq!(
            AssignmentId::parse("nodot"),
            Err(AssignmentIdError::MissingDot)
        );
        assert!(matches!(
            AssignmentId::parse("a.b/c"),
            Err(AssignmentIdError::Id(_))
        ));
    }

    #[test]
    fn the_final_score_takes_the_penalty_off_exactly() {
        assert_eq!(final_score_millipoints(17, 10), 15_300);
        assert_eq!(final_score_millipoints(20, 0), 20_000);
        assert_eq!(final_score_millipoints(20, 100), 0);
        assert_eq!(final_score_millipoints(3, 33), 2_010);
        assert_eq!(final_score_millipoints(u32::MAX, 0), u32::MAX);
    }
}
