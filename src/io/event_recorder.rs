//! Recording learner events that have no local view of their own to update (discussion
//! posts, assignment submissions): each goes into the outbox in one write, with this
//! device's next sequence number, and is sent by the app's sync driver like every other
//! event. What is still in the outbox is what the server has not answered for yet, so the
//! views show those events as "pending" straight from it; what the server refused is kept
//! in the `rejected` store with its reason.

use super::document::now_ms;
use super::idb::{EventDraft, IdbError, SetAside, SharedConnection, DB_NAME};
use super::random::random_uuid;
use super::server_clock::server_now;
use lectern_core::sync::{DeviceId, EventBody, EventId, LearnerEvent};
use lectern_core::{CourseId, LessonId, UserId};
use std::rc::Rc;

/// Records events into the outbox and reads back the ones not yet answered for. Clones
/// share one connection.
#[derive(Debug, Clone)]
pub struct EventRecorder {
    connection: Rc<SharedConnection>,
}

impl EventRecorder {
    pub fn new() -> Self {
        EventRecorder::named(DB_NAME)
    }

    /// A recorder on the database called `db_name` (for tests).
    pub fn named(db_name: &str) -> Self {
        EventRecorder {
            connection: Rc::new(SharedConnection::new(db_name)),
        }
    }

    /// Appends one event for `user_id` in `course_id`'s `lesson_id`, happening now by the
    /// server's clock as this device estimates it. Returns the event as stored (hand it to
    /// the sync driver to send it at once).
    pub async fn record(
        &self,
        user_id: &UserId,
        course_id: &CourseId,
        lesson_id: &LessonId,
        body: EventBody,
    ) -> Result<LearnerEvent, IdbError> {
        let draft = EventDraft {
            event_id: fresh_event_id()?,
            occurred_at: server_now(),
            course_id: course_id.clone(),
            lesson_id: lesson_id.clone(),
            body,
        };
        let db = self.connection.local().await?;
        let mut events = db
            .record_events(user_id, vec![draft], &fresh_device_id()?, now_ms())
            .await
            .inspect_err(|_| self.connection.forget_local(&db))?;
        events
            .pop()
            .ok_or_else(|| IdbError::Operation("the event was not appended".into()))
    }

    /// `user_id`'s events the server has not answered for yet, oldest first.
    pub async fn unsent(&self, user_id: &UserId) -> Result<Vec<LearnerEvent>, IdbError> {
        self.connection.local().await?.outbox(user_id).await
    }

    /// `user_id`'s events the server refused, with its reasons.
    pub async fn refused(
        &self,
        user_id: &UserId,
    ) -> Result<Vec<(LearnerEvent, Option<String>)>, IdbError> {
        self.connection
            .local()
            .await?
            .set_aside_events(user_id, SetAside::Rejected)
            .await
    }
}

impl Default for EventRecorder {
    fn default() -> Self {
        EventRecorder::new()
    }
}

fn fresh_uuid() -> Result<String, IdbError> {
    random_uuid().map_err(|err| IdbError::Operation(err.to_string()))
}

/// A new event id from the browser's random source.
pub(crate) fn fresh_event_id() -> Result<EventId, IdbError> {
    EventId::parse(&fresh_uuid()?)
        .map_err(|_| IdbError::Operation("the browser made an invalid UUID".into()))
}

/// A device id to use if this device has none yet.
pub(crate) fn fresh_device_id() -> Result<DeviceId, IdbError> {
    DeviceId::parse(&fresh_uuid()?)
        .map_err(|_| IdbError::Operation("the browser made an invalid UUID".into()))
}

/// A new random id of any UUID kind (post ids, submission ids, upload ids).
pub fn fresh_id<T>(
    parse: impl Fn(&str) -> Result<T, lectern_core::sync::NotAUuid>,
) -> Result<T, IdbError> {
    parse(&fresh_uuid()?)
        .map_err(|_| IdbError::Operation("the browser made an invalid UUID".into()))
}
