//! The sync stores (since schema version 4): `outbox` holds each learner event until the
//! server answered for it, `conflicts` and `rejected` keep the events the server would not
//! store (shown to the learner, never lost), and `device` holds this device's id and its next
//! sequence number. Recording an event (or a batch of them) updates the local view and
//! appends the events in one transaction, so the two can never disagree, even if the tab
//! dies halfway.

use super::progress::{lenient, merge_and_put, merge_and_put_reporting};
use super::{
    operation, IdbError, PlayerDb, CONFLICTS, DEVICE, OUTBOX, OUTBOX_BY_USER, PROGRESS, REJECTED,
};
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use jiff::Timestamp;
use lectern_core::progress::LessonProgress;
use lectern_core::sync::{DeviceId, EventBody, EventId, LearnerEvent};
use lectern_core::{CourseId, LessonId, UserId};
use leptos::logging::warn;
use serde::{Deserialize, Serialize};

/// The key of the one record in the `device` store.
const DEVICE_KEY: &str = "this-device";

/// An event as stored in `outbox`, `conflicts` or `rejected` (record format 1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredEventV1 {
    /// The key: the event id.
    #[serde(default, deserialize_with = "lenient")]
    pub event_key: String,
    /// Whose event it is (the `by_user` index of the outbox).
    #[serde(default, deserialize_with = "lenient")]
    pub user_id: String,
    /// The event as API v1 JSON ([`LearnerEvent`]).
    #[serde(default, deserialize_with = "lenient")]
    pub event_json: String,
    /// Why the server would not store it (conflicts and rejections).
    #[serde(default, deserialize_with = "lenient")]
    pub reason: Option<String>,
    /// When it was written here, in milliseconds since the Unix epoch.
    #[serde(default, deserialize_with = "lenient")]
    pub written_at_ms: f64,
}

impl StoredEventV1 {
    fn new(
        user_id: &UserId,
        event: &LearnerEvent,
        reason: Option<String>,
        now_ms: f64,
    ) -> Result<Self, IdbError> {
        let event_json = serde_json::to_string(event)
            .map_err(|err| IdbError::Operation(format!("the event could not be written: {err}")))?;
        Ok(StoredEventV1 {
            event_key: event.event_id.to_string(),
            user_id: user_id.to_string(),
            event_json,
            reason,
            written_at_ms: now_ms,
        })
    }

    /// The event, or `None` for a record that no longer reads (logged, left in place).
    pub fn to_event(&self) -> Option<LearnerEvent> {
        serde_json::from_str(&self.event_json)
            .inspect_err(|err| warn!("a stored event ({}) is unreadable: {err}", self.event_key))
            .ok()
    }
}

/// This device's id and next sequence number (record format 1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct StoredDeviceV1 {
    device_key: String,
    device_id: String,
    next_sequence: f64,
}

/// An event about to be recorded: what happened, where and when.
#[derive(Debug, Clone, PartialEq)]
pub struct EventDraft {
    pub event_id: EventId,
    pub occurred_at: Timestamp,
    pub course_id: CourseId,
    pub lesson_id: LessonId,
    pub body: EventBody,
}

/// One event of a batch for [`PlayerDb::record_events`]: what happened, and the lesson
/// progress to merge in the same transaction, if any.
#[derive(Debug, Clone, PartialEq)]
pub struct EventWrite {
    pub draft: EventDraft,
    pub progress: Option<LessonProgress>,
}

/// Fresh ids for what one progress write may record: its events, and this device's id if it
/// has none yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgressEventIds {
    pub progressed: EventId,
    pub completed: EventId,
    pub new_device: DeviceId,
}

/// The events one progress write records: `progressed` with the merged position and
/// watched time, at the progress's own time, and `completed` when this write completed the
/// lesson (`before` was not complete).
pub fn progress_drafts(
    course_id: &CourseId,
    lesson_id: &LessonId,
    before: Option<&LessonProgress>,
    merged: &LessonProgress,
    ids: &ProgressEventIds,
) -> Vec<EventDraft> {
    let occurred_at = i64::try_from(merged.position_at_ms)
        .ok()
        .and_then(|ms| Timestamp::from_millisecond(ms).ok())
        .unwrap_or(Timestamp::UNIX_EPOCH);
    let draft = |event_id: EventId, body: EventBody| EventDraft {
        event_id,
        occurred_at,
        course_id: course_id.clone(),
        lesson_id: lesson_id.clone(),
        body,
    };
    let mut drafts = vec![draft(
        ids.progressed.clone(),
        EventBody::Progressed {
            position_ms: merged.position_ms,
            duration_ms: merged.duration_ms,
            watched: merged.watched.ranges().to_vec(),
        },
    )];
    if merged.is_complete && !before.is_some_and(|b| b.is_complete) {
        drafts.push(draft(ids.completed.clone(), EventBody::Completed));
    }
    drafts
}

/// Which store an event the server would not keep goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SetAside {
    Conflicts,
    Rejected,
}

impl PlayerDb {
    /// Records `draft` for `user_id`: allocates this device's next sequence number (making
    /// the device id `new_device_id` on first use), merges `progress` into the lesson's
    /// progress when given, and appends the event to the outbox, all in one transaction.
    /// Returns the event as stored.
    pub async fn record_event(
        &self,
        user_id: &UserId,
        draft: EventDraft,
        progress: Option<&LessonProgress>,
        new_device_id: &DeviceId,
        now_ms: f64,
    ) -> Result<LearnerEvent, IdbError> {
        let write = EventWrite {
            draft,
            progress: progress.cloned(),
        };
        let mut events = self
            .record_events(user_id, vec![write], new_device_id, now_ms)
            .await?;
        events
            .pop()
            .ok_or_else(|| IdbError::Operation("the event was not appended".into()))
    }

    /// Records many events for `user_id` in one transaction, as
    /// [`record_event`](Self::record_event) records one: each write's progress, if any, is
    /// merged into its lesson's progress, and the events get this device's next sequence
    /// numbers in the order given. Either all of it is stored or none of it. One
    /// transaction for many events costs far less than one each (`tests/idb_bench.rs`
    /// measures both), for what happens at once: a quiz's answers and its submission, or
    /// several lessons' progress flushed together. Returns the events as stored.
    pub async fn record_events(
        &self,
        user_id: &UserId,
        writes: Vec<EventWrite>,
        new_device_id: &DeviceId,
        now_ms: f64,
    ) -> Result<Vec<LearnerEvent>, IdbError> {
        let tx = self
            .db
            .transaction([PROGRESS, OUTBOX, DEVICE])
            .with_mode(TransactionMode::Readwrite)
            .build()
            .map_err(operation)?;
        // Merging is associative and commutative, so each lesson's writes are merged here
        // first and its stored progress is read and written once.
        let mut lessons: Vec<(CourseId, LessonId, LessonProgress)> = Vec::new();
        let mut drafts = Vec::with_capacity(writes.len());
        for EventWrite { draft, progress } in writes {
            if let Some(progress) = progress {
                let known = lessons.iter_mut().find(|(course_id, lesson_id, _)| {
                    (course_id, lesson_id) == (&draft.course_id, &draft.lesson_id)
                });
                match known {
                    Some((_, _, merged)) => *merged = merged.merge(&progress),
                    None => {
                        lessons.push((draft.course_id.clone(), draft.lesson_id.clone(), progress))
                    }
                }
            }
            drafts.push(draft);
        }
        let store = tx.object_store(PROGRESS).map_err(operation)?;
        for (course_id, lesson_id, progress) in &lessons {
            merge_and_put(&store, user_id, course_id, lesson_id, progress, now_ms).await?;
        }
        let events = append(&tx, user_id, drafts, new_device_id, now_ms).await?;
        tx.commit().await.map_err(operation)?;
        Ok(events)
    }

    /// Saves a lecture's progress as the learner's view and as events, in one transaction:
    /// merges `progress` into the lesson's stored progress, appends a `progressed` event with
    /// the merged position and watched time (id `progressed_id`, at the progress's own
    /// time), and a `completed` event (id `completed_id`) when this write completes the
    /// lesson. Returns the merged progress and the events appended.
    pub async fn record_progress(
        &self,
        user_id: &UserId,
        course_id: &CourseId,
        lesson_id: &LessonId,
        progress: &LessonProgress,
        ids: ProgressEventIds,
        now_ms: f64,
    ) -> Result<(LessonProgress, Vec<LearnerEvent>), IdbError> {
        let tx = self
            .db
            .transaction([PROGRESS, OUTBOX, DEVICE])
            .with_mode(TransactionMode::Readwrite)
            .build()
            .map_err(operation)?;
        let store = tx.object_store(PROGRESS).map_err(operation)?;
        let (before, merged) =
            merge_and_put_reporting(&store, user_id, course_id, lesson_id, progress, now_ms)
                .await?;
        let drafts = progress_drafts(course_id, lesson_id, before.as_ref(), &merged, &ids);
        let events = append(&tx, user_id, drafts, &ids.new_device, now_ms).await?;
        tx.commit().await.map_err(operation)?;
        Ok((merged, events))
    }

    /// The learner's events waiting for the server, oldest first (by device and sequence).
    pub async fn outbox(&self, user_id: &UserId) -> Result<Vec<LearnerEvent>, IdbError> {
        let records: Vec<StoredEventV1> = self
            .records_by_index(OUTBOX, OUTBOX_BY_USER, user_id.as_str())
            .await?;
        let mut events = Vec::new();
        for record in records {
            if record.user_id == user_id.as_str() {
                events.extend(record.to_event());
            }
        }
        events.sort_by(|a, b| {
            (a.device_id.as_str(), a.sequence).cmp(&(b.device_id.as_str(), b.sequence))
        });
        Ok(events)
    }

    /// Deletes events the server has acknowledged.
    pub async fn acknowledge(&self, event_ids: &[EventId]) -> Result<(), IdbError> {
        let tx = self
            .db
            .transaction(OUTBOX)
            .with_mode(TransactionMode::Readwrite)
            .build()
            .map_err(operation)?;
        let store = tx.object_store(OUTBOX).map_err(operation)?;
        for event_id in event_ids {
            store.delete(event_id.as_str()).await.map_err(operation)?;
        }
        tx.commit().await.map_err(operation)
    }

    /// Moves events the server would not store out of the outbox, with its reasons, in one
    /// transaction: they are never lost, only set aside.
    pub async fn set_aside(
        &self,
        user_id: &UserId,
        into: SetAside,
        events: &[(LearnerEvent, Option<String>)],
        now_ms: f64,
    ) -> Result<(), IdbError> {
        let target = match into {
            SetAside::Conflicts => CONFLICTS,
            SetAside::Rejected => REJECTED,
        };
        let tx = self
            .db
            .transaction([OUTBOX, target])
            .with_mode(TransactionMode::Readwrite)
            .build()
            .map_err(operation)?;
        let outbox = tx.object_store(OUTBOX).map_err(operation)?;
        let kept = tx.object_store(target).map_err(operation)?;
        for (event, reason) in events {
            let record = StoredEventV1::new(user_id, event, reason.clone(), now_ms)?;
            kept.put(&record)
                .serde()
                .map_err(operation)?
                .await
                .map_err(operation)?;
            outbox
                .delete(event.event_id.as_str())
                .await
                .map_err(operation)?;
        }
        tx.commit().await.map_err(operation)
    }

    /// The learner's events in the conflicts or rejected store, with the server's reasons.
    pub async fn set_aside_events(
        &self,
        user_id: &UserId,
        from: SetAside,
    ) -> Result<Vec<(LearnerEvent, Option<String>)>, IdbError> {
        let source = match from {
            SetAside::Conflicts => CONFLICTS,
            SetAside::Rejected => REJECTED,
        };
        let tx = self.db.transaction(source).build().map_err(operation)?;
        let store = tx.object_store(source).map_err(operation)?;
        let records = store
            .get_all()
            .serde()
            .map_err(operation)?
            .await
            .map_err(operation)?;
        let mut events = Vec::new();
        for record in records {
            let record: StoredEventV1 = record.map_err(operation)?;
            if record.user_id == user_id.as_str() {
                if let Some(event) = record.to_event() {
                    events.push((event, record.reason));
                }
            }
        }
        Ok(events)
    }
}

/// Appends `drafts` to the outbox inside `tx` with this device's next sequence numbers (the
/// device becomes `new_device_id` on first use), and advances the sequence.
pub(super) async fn append(
    tx: &indexed_db_futures::transaction::Transaction<'_>,
    user_id: &UserId,
    drafts: Vec<EventDraft>,
    new_device_id: &DeviceId,
    now_ms: f64,
) -> Result<Vec<LearnerEvent>, IdbError> {
    let devices = tx.object_store(DEVICE).map_err(operation)?;
    let device: Option<StoredDeviceV1> = devices
        .get(DEVICE_KEY)
        .serde()
        .map_err(operation)?
        .await
        .map_err(operation)?;
    let known = device.and_then(|d| Some((DeviceId::parse(&d.device_id).ok()?, d.next_sequence)));
    let (device_id, mut sequence) = match known {
        Some((device_id, next)) if next.is_finite() && next >= 1.0 => (device_id, next as u64),
        _ => (new_device_id.clone(), 1),
    };
    let outbox = tx.object_store(OUTBOX).map_err(operation)?;
    let mut events = Vec::new();
    // Every put is issued before any is awaited: the transaction runs them in order, and
    // one that fails aborts it all.
    let mut puts = Vec::with_capacity(drafts.len());
    for draft in drafts {
        let event = LearnerEvent {
            event_id: draft.event_id,
            device_id: device_id.clone(),
            sequence,
            occurred_at: draft.occurred_at,
            course_id: draft.course_id,
            lesson_id: draft.lesson_id,
            body: draft.body,
        };
        puts.push(
            outbox
                .put(&StoredEventV1::new(user_id, &event, None, now_ms)?)
                .serde()
                .map_err(operation)?,
        );
        sequence += 1;
        events.push(event);
    }
    for put in puts {
        put.await.map_err(operation)?;
    }
    let next = StoredDeviceV1 {
        device_key: DEVICE_KEY.to_owned(),
        device_id: device_id.to_string(),
        next_sequence: sequence as f64,
    };
    devices
        .put(&next)
        .serde()
        .map_err(operation)?
        .await
        .map_err(operation)?;
    Ok(events)
}
