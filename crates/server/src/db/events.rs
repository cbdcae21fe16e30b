//! The `events` and `event_conflicts` tables: each learner event stored once under the id its
//! device chose, as canonical JSON; resends that did not match what was stored, kept apart;
//! and what is held of each device's sequence numbers, so a device can see its gaps.

use super::{decode_error, encode_error};
use jiff::Timestamp;
use lectern_api::v1::{DeviceSequences, LearnerEvent};
use lectern_core::sync::{DeviceId, EventId};
use lectern_core::UserId;
use sqlx::{SqliteConnection, SqliteExecutor};

/// Most missing sequence numbers reported per device.
pub const MAX_MISSING_SEQUENCES: usize = 100;

/// Who stored an event, and what it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredEvent {
    pub user_id: UserId,
    /// The event as first stored, canonical JSON.
    pub body_json: String,
}

/// An event to store: the event, its canonical JSON, and whose it is.
pub struct NewEvent<'a> {
    pub user_id: &'a UserId,
    pub event: &'a LearnerEvent,
    pub body_json: &'a str,
    pub received_at: Timestamp,
}

/// The event stored under `event_id`, whoever stored it.
pub async fn find(
    db: impl SqliteExecutor<'_>,
    event_id: &EventId,
) -> Result<Option<StoredEvent>, sqlx::Error> {
    let row: Option<(String, String)> =
        sqlx::query_as("SELECT user_id, body_json FROM events WHERE event_id = ?")
            .bind(event_id.as_str())
            .fetch_optional(db)
            .await?;
    row.map(|(user_id, body_json)| {
        Ok(StoredEvent {
            user_id: UserId::parse(&user_id).map_err(decode_error)?,
            body_json,
        })
    })
    .transpose()
}

/// Stores a new event. Fails on a taken event id.
pub async fn insert(db: impl SqliteExecutor<'_>, new: &NewEvent<'_>) -> Result<(), sqlx::Error> {
    let event = new.event;
    sqlx::query(
        "INSERT INTO events (event_id, user_id, device_id, sequence, course_id, lesson_id, kind, \
         body_json, occurred_at, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(event.event_id.as_str())
    .bind(new.user_id.as_str())
    .bind(event.device_id.as_str())
    .bind(i64::try_from(event.sequence).map_err(encode_error)?)
    .bind(event.course_id.as_str())
    .bind(event.lesson_id.as_str())
    .bind(event.body.kind_name())
    .bind(new.body_json)
    .bind(event.occurred_at.as_millisecond())
    .bind(new.received_at.as_millisecond())
    .execute(db)
    .await?;
    Ok(())
}

/// Records a resend that conflicts with the event stored under its id. The same body from
/// the same user is recorded once, at the time it first came.
pub async fn insert_conflict(
    db: impl SqliteExecutor<'_>,
    event_id: &EventId,
    user_id: &UserId,
    body_json: &str,
    received_at: Timestamp,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO event_conflicts (event_id, user_id, body_json, received_at) \
         VALUES (?, ?, ?, ?) ON CONFLICT (event_id, user_id, body_json) DO NOTHING",
    )
    .bind(event_id.as_str())
    .bind(user_id.as_str())
    .bind(body_json)
    .bind(received_at.as_millisecond())
    .execute(db)
    .await?;
    Ok(())
}

/// What is stored of `user_id`'s events from `device_id`: the end of the unbroken run from
/// 1, and the first [`MAX_MISSING_SEQUENCES`] numbers missing below the highest stored one.
pub async fn device_sequences(
    conn: &mut SqliteConnection,
    user_id: &UserId,
    device_id: &DeviceId,
) -> Result<DeviceSequences, sqlx::Error> {
    // Each row is a stored sequence (or the 0 before 1) followed by a gap, with the next
    // stored sequence after it.
    let gaps: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT sequence, next_sequence FROM ( \
             SELECT sequence, LEAD(sequence) OVER (ORDER BY sequence) AS next_sequence FROM ( \
                 SELECT 0 AS sequence UNION ALL \
                 SELECT sequence FROM events WHERE user_id = ? AND device_id = ?)) \
         WHERE next_sequence > sequence + 1 ORDER BY sequence LIMIT ?",
    )
    .bind(user_id.as_str())
    .bind(device_id.as_str())
    .bind(i64::try_from(MAX_MISSING_SEQUENCES).map_err(encode_error)?)
    .fetch_all(&mut *conn)
    .await?;
    let highest: i64 = sqlx::query_scalar(
        "SELECT COALESCE(MAX(sequence), 0) FROM events WHERE user_id = ? AND device_id = ?",
    )
    .bind(user_id.as_str())
    .bind(device_id.as_str())
    .fetch_one(&mut *conn)
    .await?;
    let sequence = |n: i64| u64::try_from(n).map_err(decode_error);
    let mut missing_sequences = Vec::new();
    for &(before, after) in &gaps {
        let room = MAX_MISSING_SEQUENCES.saturating_sub(missing_sequences.len());
        missing_sequences.extend((sequence(before)? + 1..sequence(after)?).take(room));
    }
    let last_acknowledged_sequence = match gaps.first() {
        Some(&(before_first_gap, _)) => sequence(before_first_gap)?,
        None => sequence(highest)?,
    };
    Ok(DeviceSequences {
        device_id: device_id.clone(),
        last_acknowledged_sequence,
        missing_sequences,
    })
}
