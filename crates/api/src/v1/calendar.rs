//! The caller's calendar across the courses they are enrolled in: quiz due and closing
//! times, assignment due dates and live sessions, upcoming and (for learners) overdue, by
//! the server's clock. `GET /api/v1/calendar.ics` is the same items as an iCalendar file,
//! fetched with the bearer token like every other route (the player saves it as a file).

use jiff::Timestamp;
use lectern_core::{CourseId, LessonId};
use serde::{Deserialize, Serialize};

/// What a calendar item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CalendarItemKind {
    /// A quiz's due date (`due_at` in its settings).
    QuizDue,
    /// The time a quiz stops taking attempts (`closes_at`).
    QuizCloses,
    AssignmentDue,
    /// A live session, from `at` to `ends_at`.
    LiveSession,
}

/// One deadline or session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarItem {
    /// Stable across answers and exports: `{course_id}.{lesson_id}.{due|closes|live}`
    /// (the `.ics` UID adds `@lectern`).
    pub item_id: String,
    pub kind: CalendarItemKind,
    pub course_id: CourseId,
    pub course_title: String,
    pub lesson_id: LessonId,
    pub lesson_title: String,
    /// The deadline, or when the session starts.
    pub at: Timestamp,
    /// When a live session ends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ends_at: Option<Timestamp>,
    /// The caller has handed in: an assignment submission, or a submitted quiz attempt.
    pub submitted: bool,
    /// Nothing is left to do: handed in, the lesson is complete, or the session is over.
    pub done: bool,
    /// A deadline that has passed with nothing handed in.
    pub is_overdue: bool,
}

/// `GET /api/v1/calendar` answer: items by time, earliest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarView {
    pub items: Vec<CalendarItem>,
    /// Server time of this answer, so the player can estimate its clock's offset.
    pub server_time: Timestamp,
}
