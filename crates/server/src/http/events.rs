//! `POST /api/v1/events`: a batch of the caller's learner events from a device's outbox.
//! The events are always the caller's own (the user is the token's, never a field).
//!
//! Each event of the batch is read on its own, so one that cannot be read goes into
//! `unreadable` by its position and never blocks the others. The readable ones are taken in
//! batch order, all in one transaction:
//! - refused by [`event_admission`](super::event_admission) → `rejected` with the reason,
//!   nothing stored;
//! - a new event id → `stored`, and applied: progress events to the caller's progress
//!   ([`progress`](super::progress)), quiz events to the caller's attempts by the quiz
//!   endpoints' rules ([`quiz_events`](super::quiz_events)), discussion events to the
//!   course's posts ([`discussion_events`](super::discussion_events)), submissions to the
//!   caller's assignment work ([`assignment_events`](super::assignment_events)). An event
//!   those rules refuse is `rejected` instead, with the reason, and nothing of it is stored;
//! - an id stored before with the same canonical JSON by the caller → `duplicate`, nothing
//!   changes (so a resend, or the same event twice in one batch, is harmless);
//! - an id stored before with another body, or by another user → `conflict`: what was sent
//!   is kept in `event_conflicts` and nothing else changes. The answer says no more than
//!   "conflict", whoever stored the id.
//!
//! The answer ends with what is stored of each device in the batch, so a device sees gaps.

use super::event_admission::{check_event, EnrolledLessons, Refusal};
use super::peer_limit::{EventsRoute, WithinRateLimit};
use super::{
    assignment_events, discussion_events, progress, quiz_events, ApiError, ApiJson, AuthUser,
};
use crate::db::events::{self, NewEvent};
use crate::AppState;
use axum::extract::State;
use axum::routing::post;
use axum::{Json, Router};
use jiff::Timestamp;
use lectern_api::v1::{
    routes, EventBatchResponse, EventResult, EventStatus, LearnerEvent, UnreadableEvent,
    MAX_EVENTS_PER_BATCH,
};
use lectern_core::sync::{DeviceId, EventId};
use lectern_core::{CourseId, LessonId, UserId};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::Value;
use sqlx::SqliteConnection;

/// The reason given for a conflict: the same whoever stored the id first.
const CONFLICT_REASON: &str =
    "an event with this id is already stored with other content; what was sent is kept apart";

pub fn router() -> Router<AppState> {
    Router::new().route(routes::EVENTS, post(receive))
}

/// The batch as sent, before its events are read one by one.
#[derive(Deserialize)]
struct RawEventBatch {
    events: Vec<Value>,
}

async fn receive(
    _within_limit: WithinRateLimit<EventsRoute>,
    State(state): State<AppState>,
    caller: AuthUser,
    ApiJson(batch): ApiJson<RawEventBatch>,
) -> Result<Json<EventBatchResponse>, ApiError> {
    if batch.events.len() > MAX_EVENTS_PER_BATCH {
        return Err(ApiError::BadRequest(format!(
            "A batch may hold at most {MAX_EVENTS_PER_BATCH} events; this one has {}. Send \
             the rest in another batch.",
            batch.events.len()
        )));
    }
    let (readable, unreadable) = read_events(batch.events);
    let user_id = &caller.profile.user_id;
    let now = state.clock.now();
    // IMMEDIATE takes the write lock first, so two batches with the same event id cannot
    // both store it.
    let mut transaction = state.db.begin_with("BEGIN IMMEDIATE").await?;
    let mut lessons = EnrolledLessons::new(user_id);
    let mut results = Vec::with_capacity(readable.len());
    for event in &readable {
        results.push(take(&mut transaction, &mut lessons, user_id, event, now).await?);
    }
    let mut devices = Vec::new();
    for device_id in devices_in(&readable) {
        devices.push(events::device_sequences(&mut transaction, user_id, device_id).await?);
    }
    transaction.commit().await?;
    Ok(Json(EventBatchResponse {
        results,
        unreadable,
        devices,
    }))
}

/// Splits a batch into the events that read as [`LearnerEvent`]s and the rest, by position.
fn read_events(raw: Vec<Value>) -> (Vec<LearnerEvent>, Vec<UnreadableEvent>) {
    let mut events = Vec::with_capacity(raw.len());
    let mut unreadable = Vec::new();
    for (index, value) in raw.iter().enumerate() {
        match LearnerEvent::deserialize(value) {
            Ok(event) => events.push(event),
            Err(err) => unreadable.push(UnreadableEvent {
                index,
                reason: match bad_field(value) {
                    Some((name, err)) => format!("not a learner event: {name}: {err}"),
                    None => format!("not a learner event: {err}"),
                },
            }),
        }
    }
    (events, unreadable)
}

/// The first field every event has that is present but does not read, with why: serde's
/// own error does not say which field it was.
fn bad_field(value: &Value) -> Option<(&'static str, serde_json::Error)> {
    type Reader = fn(&Value) -> Result<(), serde_json::Error>;
    let readers: [(&'static str, Reader); 6] = [
        ("event_id", reads_as::<EventId>),
        ("device_id", reads_as::<DeviceId>),
        ("sequence", reads_as::<u64>),
        ("occurred_at", reads_as::<Timestamp>),
        ("course_id", reads_as::<CourseId>),
        ("lesson_id", reads_as::<LessonId>),
    ];
    readers.into_iter().find_map(|(name, read)| {
        let field = value.get(name)?;
        read(field).err().map(|err| (name, err))
    })
}

fn reads_as<T: DeserializeOwned>(value: &Value) -> Result<(), serde_json::Error> {
    T::deserialize(value).map(drop)
}

/// The devices of `events`, each once, in the order they first appear.
fn devices_in(events: &[LearnerEvent]) -> Vec<&DeviceId> {
    let mut devices: Vec<&DeviceId> = Vec::new();
    for event in events {
        if !devices.contains(&&event.device_id) {
            devices.push(&event.device_id);
        }
    }
    devices
}

/// Takes one readable event of `user_id`'s batch: rejects, stores, acknowledges or sets it
/// apart as a conflict.
async fn take(
    conn: &mut SqliteConnection,
    lessons: &mut EnrolledLessons<'_>,
    user_id: &UserId,
    event: &LearnerEvent,
    now: Timestamp,
) -> Result<EventResult, ApiError> {
    let answer = |status, reason: Option<String>| EventResult {
        event_id: event.event_id.clone(),
        status,
        reason,
    };
    if let Err(refusal) = check_event(event, now) {
        return Ok(answer(EventStatus::Rejected, Some(refusal.to_string())));
    }
    if !lessons
        .contains(conn, &event.course_id, &event.lesson_id)
        .await?
    {
        let refusal = Refusal::NotYourLesson;
        return Ok(answer(EventStatus::Rejected, Some(refusal.to_string())));
    }
    let body_json = serde_json::to_string(event)
        .map_err(|err| ApiError::Internal(format!("an event could not be written: {err}")))?;
    let Some(stored) = events::find(&mut *conn, &event.event_id).await? else {
        if let Err(refusal) = quiz_events::apply(conn, user_id, event, now).await? {
            return Ok(answer(EventStatus::Rejected, Some(refusal.to_string())));
        }
        if let Err(refusal) = discussion_events::apply(conn, user_id, event, now).await? {
            return Ok(answer(EventStatus::Rejected, Some(refusal.to_string())));
        }
        if let Err(refusal) = assignment_events::apply(conn, user_id, event, now).await? {
            return Ok(answer(EventStatus::Rejected, Some(refusal.to_string())));
        }
        let new_event = NewEvent {
            user_id,
            event,
            body_json: &body_json,
            received_at: now,
        };
        events::insert(&mut *conn, &new_event).await?;
        progress::apply(conn, user_id, event).await?;
        return Ok(answer(EventStatus::Stored, None));
    };
    if stored.user_id == *user_id && stored.body_json == body_json {
        return Ok(answer(EventStatus::Duplicate, None));
    }
    events::insert_conflict(&mut *conn, &event.event_id, user_id, &body_json, now).await?;
    Ok(answer(
        EventStatus::Conflict,
        Some(CONFLICT_REASON.to_owned()),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn completed(event_id: &str, device_id: &str) -> Value {
        json!({
            "event_id": event_id, "device_id": device_id, "sequence": 1,
            "occurred_at": "2030-01-10T09:00:00Z", "course_id": "astronomy-101",
            "lesson_id": "tour-of-the-sky", "kind": "completed"
        })
    }

    const EVENT: &str = "0f8fad5b-d9cb-469f-a165-70867728950e";
    const DEVICE: &str = "7c9e6679-7425-40de-944b-e07fc1f90ae7";

    #[test]
    fn unreadable_events_are_reported_by_position_and_the_rest_read() {
        let mut teleported = completed(EVENT, DEVICE);
        teleported["kind"] = json!("teleported");
        let raw = vec![
            teleported,
            completed(EVENT, DEVICE),
            completed("NOT-A-UUID", DEVICE),
            json!(42),
        ];
        let (events, unreadable) = read_events(raw);
        assert_eq!(events.len(), 1);
        let indexes: Vec<usize> = unreadable.iter().map(|u| u.index).collect();
        assert_eq!(indexes, [0, 2, 3]);
        assert!(
            unreadable[0].reason.contains("teleported"),
            "{}",
            unreadable[0].reason
        );
        assert!(
            unreadable[1].reason.contains("event_id: expected a UUID"),
            "{}",
            unreadable[1].reason
        );
    }

    #[test]
    fn devices_are_listed_once_in_order_of_appearance() {
        let other = "9b2d6f44-3b0e-4a55-8f0c-8d7f0b1e2a3c";
        let raw = vec![
            completed(EVENT, other),
            completed(EVENT, DEVICE),
            completed(EVENT, other),
        ];
        let (events, _) = read_events(raw);
        let devices: Vec<&str> = devices_in(&events).iter().map(|d| d.as_str()).collect();
        assert_eq!(devices, [other, DEVICE]);
    }
}
