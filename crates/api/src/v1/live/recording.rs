//! A live session's recording, uploaded by the instructor's browser while the class runs
//! and turned into a lesson of the course when it is complete.
//!
//! - `PUT` [`super::super::routes::LIVE_RECORDING`] appends the next chunk: at most
//!   [`MAX_RECORDING_CHUNK_BYTES`] of one of [`RECORDING_MEDIA_TYPES`] (the same all through
//!   the recording), with `Content-Range: bytes {start}-{end}/*` (or `/{total}` once it is
//!   known). `start` is [`RecordingStatus::bytes_stored`]; a chunk stored already answers
//!   as if stored again, and one starting past the stored bytes is refused with where to
//!   resume.
//! - `GET` the same path says how much is stored ([`RecordingStatus`]).
//! - `POST` [`super::super::routes::LIVE_RECORDING_COMPLETE`] with [`CompleteRecording`]
//!   writes the chat track, adds the recording lesson to the course and tells its learners.

use jiff::Timestamp;
use lectern_core::live::LiveSessionId;
use lectern_core::LessonId;
use serde::{Deserialize, Serialize};

/// The most bytes one chunk of a recording may hold: 4 MiB, as an upload chunk.
pub const MAX_RECORDING_CHUNK_BYTES: usize = crate::v1::MAX_UPLOAD_CHUNK_BYTES;
/// The most bytes a whole recording may hold: 16 GiB (a day of video at 1.5 Mbit/s).
pub const MAX_RECORDING_BYTES: u64 = 16 * 1024 * 1024 * 1024;
/// The media types a recording may be sent as (without parameters such as `codecs`).
pub const RECORDING_MEDIA_TYPES: [&str; 2] = ["video/webm", "audio/webm"];
/// The longest recording, in seconds: 24 hours.
pub const MAX_RECORDING_SECONDS: u32 = 86_400;

/// What is stored of a session's recording: the answer of every recording route.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordingStatus {
    pub session_id: LiveSessionId,
    /// Bytes `0..bytes_stored` are stored; the next chunk starts here.
    pub bytes_stored: u64,
    /// The `Content-Type` of the first chunk, as sent (`video/webm;codecs=vp8,opus`); none
    /// before it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mime_type: Option<String>,
    pub completed: bool,
    /// Once completed: when the recording started (the instructor's device's estimate of
    /// server time).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started_at: Option<Timestamp>,
    /// Once completed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_seconds: Option<u32>,
    /// Once completed: the course's lesson that plays it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lesson_id: Option<LessonId>,
}

/// `POST` [`super::super::routes::LIVE_RECORDING_COMPLETE`] body: the recording is whole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompleteRecording {
    /// When recording started, in server time (chat is placed in it by this).
    pub started_at: Timestamp,
    /// 1 to [`MAX_RECORDING_SECONDS`].
    pub duration_seconds: u32,
}
