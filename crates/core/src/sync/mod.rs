//! Offline-first sync: learner events, the sans-IO engine that sends the device's outbox to
//! the server and decides what leaves it, and the retry backoff. The player's `io` drives
//! the engine with real time and `fetch`; tests drive it with a fake clock and a fake
//! network (`crates/core/tests/sync_scenarios.rs`).

mod backoff;
mod engine;
mod event;
pub(crate) use event::uuid_id;

pub use backoff::{retry_delay, FIRST_RETRY, MAX_RETRY};
pub use engine::{Batch, SendFailure, SyncEngine, SyncInput, SyncOutput, SyncStatus, MAX_BATCH};
pub use event::{
    is_uuid, uuid_v4_from_bytes, DeviceId, EventBody, EventId, EventProblem, EventResult,
    EventStatus, LearnerEvent, NotAUuid, MAX_MEDIA_MS, MAX_SUBMITTED_FILES, MAX_WATCHED_RANGES,
};
