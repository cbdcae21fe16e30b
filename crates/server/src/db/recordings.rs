//! The `live_recordings` table: each live session's recording, as the instructor uploads
//! it: its media type, how many of its bytes are stored (the bytes themselves are in the
//! media directory), and, once complete, when it started and how long it is.

use super::{decode_error, encode_error};
use jiff::Timestamp;
use lectern_core::live::LiveSessionId;
use sqlx::SqliteExecutor;

/// A recording as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredRecording {
    /// The first chunk's `Content-Type`, as sent.
    pub mime_type: String,
    pub bytes_stored: u64,
    pub completion: Option<Completion>,
}

/// What completing a recording said of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Completion {
    pub started_at: Timestamp,
    pub duration_seconds: u32,
    /// The first completion, by the server's clock.
    pub completed_at: Timestamp,
}

impl StoredRecording {
    pub fn is_complete(&self) -> bool {
        self.completion.is_some()
    }
}

type RecordingRow = (String, i64, Option<i64>, Option<i64>, Option<i64>);

/// The recording of `session_id`, if a chunk of it was ever stored.
pub async fn find(
    db: impl SqliteExecutor<'_>,
    session_id: &LiveSessionId,
) -> Result<Option<StoredRecording>, sqlx::Error> {
    let row: Option<RecordingRow> = sqlx::query_as(
        "SELECT mime_type, bytes_stored, started_at, duration_seconds, completed_at \
         FROM live_recordings WHERE course_id = ? AND lesson_id = ?",
    )
    .bind(session_id.course_id().as_str())
    .bind(session_id.lesson_id().as_str())
    .fetch_optional(db)
    .await?;
    row.map(recording).transpose()
}

fn recording(row: RecordingRow) -> Result<StoredRecording, sqlx::Error> {
    let (mime_type, bytes_stored, started_at, duration_seconds, completed_at) = row;
    let at = |ms: i64| Timestamp::from_millisecond(ms).map_err(decode_error);
    let completion = match (started_at, duration_seconds, completed_at) {
        (Some(started_at), Some(duration_seconds), Some(completed_at)) => Some(Completion {
            started_at: at(started_at)?,
            duration_seconds: u32::try_from(duration_seconds).map_err(decode_error)?,
            completed_at: at(completed_at)?,
        }),
        _ => None,
    };
    Ok(StoredRecording {
        mime_type,
        bytes_stored: u64::try_from(bytes_stored).map_err(decode_error)?,
        completion,
    })
}

/// Records the recording of `session_id`, with no bytes yet.
pub async fn insert(
    db: impl SqliteExecutor<'_>,
    session_id: &LiveSessionId,
    mime_type: &str,
    created_at: Timestamp,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO live_recordings (course_id, lesson_id, mime_type, bytes_stored, \
         created_at) VALUES (?, ?, ?, 0, ?)",
    )
    .bind(session_id.course_id().as_str())
    .bind(session_id.lesson_id().as_str())
    .bind(mime_type)
    .bind(created_at.as_millisecond())
    .execute(db)
    .await?;
    Ok(())
}

/// Records that bytes `0..bytes_stored` of an incomplete recording are stored.
pub async fn set_bytes_stored(
    db: impl SqliteExecutor<'_>,
    session_id: &LiveSessionId,
    bytes_stored: u64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE live_recordings SET bytes_stored = ? \
         WHERE course_id = ? AND lesson_id = ? AND completed_at IS NULL",
    )
    .bind(i64::try_from(bytes_stored).map_err(encode_error)?)
    .bind(session_id.course_id().as_str())
    .bind(session_id.lesson_id().as_str())
    .execute(db)
    .await?;
    Ok(())
}

/// Marks the recording complete with when it started and how long it is; completing it
/// again replaces those but keeps the first `completed_at`.
pub async fn complete(
    db: impl SqliteExecutor<'_>,
    session_id: &LiveSessionId,
    started_at: Timestamp,
    duration_seconds: u32,
    now: Timestamp,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE live_recordings SET started_at = ?, duration_seconds = ?, \
         completed_at = COALESCE(completed_at, ?) WHERE course_id = ? AND lesson_id = ?",
    )
    .bind(started_at.as_millisecond())
    .bind(i64::from(duration_seconds))
    .bind(now.as_millisecond())
    .bind(session_id.course_id().as_str())
    .bind(session_id.lesson_id().as_str())
    .execute(db)
    .await?;
    Ok(())
}
