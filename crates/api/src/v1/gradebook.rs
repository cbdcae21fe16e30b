//! The gradebook of a course (instructors of the course): per enrolled learner, the lessons
//! completed, the score of every graded quiz, the grade of every assignment with its late
//! penalty applied, and when they were last active. `GET .../gradebook.csv` is the same
//! data as a spreadsheet.
//!
//! Quiz scores count submitted attempts only, with instructors' reviews applied; a late copy
//! of a closed attempt is not an attempt made, so it never counts.

use super::{AssignmentState, LearnerRef, SubmissionId};
use jiff::Timestamp;
use lectern_core::quiz::Score;
use lectern_core::{CourseId, LessonId};
use serde::{Deserialize, Serialize};

/// A graded quiz or an assignment of the course, in outline order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GradebookColumn {
    pub lesson_id: LessonId,
    pub title: String,
}

/// One learner's graded quiz.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuizCell {
    pub lesson_id: LessonId,
    pub attempts_submitted: u32,
    /// The best submitted attempt's score; absent before the first submission.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub best_score_millipoints: Option<Score>,
    /// The latest submitted attempt's score.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latest_score_millipoints: Option<Score>,
    /// What the best attempt was worth (attempts may draw different questions).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub possible_millipoints: Option<Score>,
    /// Some submitted attempt waits for an instructor's review.
    pub needs_review: bool,
}

/// One learner's assignment: their latest submission.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssignmentCell {
    pub lesson_id: LessonId,
    pub state: AssignmentState,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub submission_id: Option<SubmissionId>,
    /// The points given, before the late penalty; absent until graded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<u32>,
    /// The points with the late penalty taken off, in milli-points; absent until graded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub final_score_millipoints: Option<u32>,
    pub days_late: u32,
    pub penalty_percent: u8,
}

/// One enrolled learner's row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GradebookRow {
    pub learner: LearnerRef,
    /// Lessons of the course that reached their completion rule.
    pub lessons_completed: u32,
    /// When the server last received an event of theirs in this course.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_activity_at: Option<Timestamp>,
    /// One per quiz column, in that order.
    pub quizzes: Vec<QuizCell>,
    /// One per assignment column, in that order.
    pub assignments: Vec<AssignmentCell>,
}

/// `GET /api/v1/courses/{course_id}/gradebook` answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Gradebook {
    pub course_id: CourseId,
    pub course_title: String,
    pub lesson_count: u32,
    /// The graded quizzes (practice quizzes have no grade).
    pub quiz_columns: Vec<GradebookColumn>,
    pub assignment_columns: Vec<AssignmentColumn>,
    /// The learners enrolled as learners, by display name.
    pub learners: Vec<GradebookRow>,
    pub generated_at: Timestamp,
}

/// An assignment of the course, with the points it is out of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssignmentColumn {
    pub lesson_id: LessonId,
    pub title: String,
    pub max_points: u32,
}
