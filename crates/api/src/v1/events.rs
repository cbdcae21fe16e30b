//! Learner events and the progress they add up to: `POST /api/v1/events` takes a batch and
//! answers per event (stored, duplicate, conflict, rejected), plus what the server holds of
//! each device's sequence so gaps show; `GET /api/v1/courses/{course_id}/progress` is the
//! caller's merged progress through a course.
//!
//! The events themselves are the core's [`LearnerEvent`] (the outbox holds exactly what is
//! sent). A server reads each event of a batch on its own, so one it cannot read is
//! reported in `unreadable` by its position and never blocks the others.

use jiff::Timestamp;
use lectern_core::sync::DeviceId;
pub use lectern_core::sync::{EventResult, EventStatus, LearnerEvent};
use lectern_core::LessonId;
use serde::{Deserialize, Serialize};

/// Most events one batch may hold; more is a 400.
pub const MAX_EVENTS_PER_BATCH: usize = 500;

/// `POST /api/v1/events` body, as a client sends it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventBatchRequest {
    pub events: Vec<LearnerEvent>,
}

/// `POST /api/v1/events` answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventBatchResponse {
    /// One per readable event, in the batch's order.
    pub results: Vec<EventResult>,
    /// Events that could not be read at all (no usable `event_id`, a kind this server does
    /// not know, a field of the wrong type), by their position in the batch.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unreadable: Vec<UnreadableEvent>,
    /// For each device in the batch: the sequence numbers the server holds.
    #[serde(default)]
    pub devices: Vec<DeviceSequences>,
}

/// An event of a batch that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnreadableEvent {
    /// Its position in the batch, from 0.
    pub index: usize,
    pub reason: String,
}

/// What the server holds of one device's events.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceSequences {
    pub device_id: DeviceId,
    /// Every sequence from 1 up to this one is stored (0: none yet).
    pub last_acknowledged_sequence: u64,
    /// Sequences below the highest stored one that the server has not seen (at most 100).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub missing_sequences: Vec<u64>,
}

/// `GET /api/v1/courses/{course_id}/progress` answer: the caller's progress, merged from
/// every device by the sync contract (position: latest event wins; watched: union;
/// completion: once complete, always complete).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CourseProgressView {
    pub lessons: Vec<LessonProgressEntry>,
}

impl From<&LessonProgressEntry> for lectern_core::progress::LessonProgress {
    /// The entry as the core's progress, to merge into what a device holds.
    fn from(entry: &LessonProgressEntry) -> Self {
        lectern_core::progress::LessonProgress {
            position_ms: entry.position_ms,
            position_at_ms: u64::try_from(entry.position_at.as_millisecond()).unwrap_or(0),
            duration_ms: entry.duration_ms,
            watched: entry.watched.iter().copied().collect(),
            is_complete: entry.is_complete,
        }
    }
}

/// One lesson's merged progress.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LessonProgressEntry {
    pub lesson_id: LessonId,
    pub position_ms: u64,
    /// When that position was recorded.
    pub position_at: Timestamp,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_ms: Option<u64>,
    /// `[start_ms, end_ms]` ranges played, sorted and merged.
    #[serde(default)]
    pub watched: Vec<(u64, u64)>,
    pub is_complete: bool,
}
