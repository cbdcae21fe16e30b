//! The sync engine: a sans-IO state machine that sends the device's outbox to the server in
//! batches and decides what leaves the outbox. Inputs come in with the time
//! ([`SyncEngine::handle`]); outputs are polled out ([`SyncEngine::poll`]): a batch to send,
//! events to delete from the outbox, conflicts and rejections to show the learner, and the
//! status. [`SyncEngine::next_wake`] says when to poll again.
//!
//! The rules:
//! - an event leaves the outbox only when the server answered for it: stored or duplicate
//!   (acknowledged), conflict or rejected (moved to their own stores, shown, never lost);
//! - nothing is dropped for its age or its number of tries;
//! - one batch is in flight at a time; an answer for another batch (one sent before a
//!   restart, say) is ignored, and its events are simply sent again (the server answers
//!   "duplicate");
//! - after a failure, the next try waits [`retry_delay`]; a trigger (app open, `online`,
//!   the tab shown again, a periodic tick, Background Sync) tries at once when online;
//! - a batch the server refused whole (413, or a 400 it could not answer per event) is
//!   halved before the next try, down to one event, so one bad event cannot hold back the
//!   others for long.

use super::backoff::retry_delay;
use super::event::{EventId, EventResult, EventStatus, LearnerEvent};
use crate::quiz::SplitMix64;
use jiff::Timestamp;
use std::collections::{BTreeMap, BTreeSet, VecDeque};

/// Most events in one batch.
pub const MAX_BATCH: usize = 200;

/// What happens to the engine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyncInput {
    /// An event was written to the outbox (with its update of the local view).
    Recorded(Box<LearnerEvent>),
    /// The outbox as stored, when the app starts (a restart forgets everything else).
    Restored(Vec<LearnerEvent>),
    Online,
    Offline,
    /// Something asks for a sync now: app open, `online`, the tab shown, a tick.
    Triggered,
    /// The server answered batch `batch_id`, per event.
    Answered {
        batch_id: u64,
        results: Vec<EventResult>,
    },
    /// Batch `batch_id` got no usable answer.
    Failed {
        batch_id: u64,
        failure: SendFailure,
    },
}

/// How a send failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SendFailure {
    /// No answer: offline, DNS, a reset connection, a timeout.
    Network,
    /// The server failed (5xx) or asked to slow down (429).
    Server(u16),
    /// The server refused the batch as a whole (413, or a 400 without per-event answers).
    Refused(u16),
    /// 401: the session ended. Nothing is sent until the next trigger (after sign-in).
    SignedOut,
}

/// A batch to send to `POST /api/v1/events`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Batch {
    pub batch_id: u64,
    pub events: Vec<LearnerEvent>,
}

/// What the engine asks its driver to do or show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyncOutput {
    Send(Batch),
    /// The server has these: delete them from the outbox.
    Acknowledged(Vec<EventId>),
    /// Move to the conflicts store and tell the learner.
    Conflicted(Vec<(LearnerEvent, Option<String>)>),
    /// Move to the rejected store and tell the learner.
    Rejected(Vec<(LearnerEvent, Option<String>)>),
    Status(SyncStatus),
}

/// What the learner's indicator shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyncStatus {
    Synced,
    /// Events wait and a send is under way or due.
    Pending {
        count: usize,
    },
    Offline {
        count: usize,
    },
    /// The last try failed; another is scheduled (or waits for sign-in).
    Failing {
        count: usize,
    },
}

type OutboxKey = (String, u64, EventId);

#[derive(Debug, Clone, PartialEq, Eq)]
struct InFlight {
    batch_id: u64,
    event_ids: BTreeSet<EventId>,
}

/// The engine. Create one per app start, then feed it [`SyncInput::Restored`].
#[derive(Debug, Clone)]
pub struct SyncEngine {
    /// Unacknowledged events by device, sequence and id: in recorded order per device.
    outbox: BTreeMap<OutboxKey, LearnerEvent>,
    /// Where each event sits in `outbox`.
    keys_by_id: BTreeMap<EventId, OutboxKey>,
    in_flight: Option<InFlight>,
    next_batch_id: u64,
    batch_limit: usize,
    failures: u32,
    /// No send before this (a backoff after failure).
    not_before: Option<Timestamp>,
    is_online: bool,
    is_signed_out: bool,
    rng: SplitMix64,
    outputs: VecDeque<SyncOutput>,
    last_status: Option<SyncStatus>,
}

impl SyncEngine {
    /// A fresh engine; `jitter_seed` seeds the retry jitter, `is_online` is the browser's
    /// `navigator.onLine` at start.
    pub fn new(jitter_seed: u64, is_online: bool) -> SyncEngine {
        SyncEngine {
            outbox: BTreeMap::new(),
            keys_by_id: BTreeMap::new(),
            in_flight: None,
            next_batch_id: 1,
            batch_limit: MAX_BATCH,
            failures: 0,
            not_before: None,
            is_online,
            is_signed_out: false,
            rng: SplitMix64::new(jitter_seed),
            outputs: VecDeque::new(),
            last_status: None,
        }
    }

    /// Feeds one input at time `now`.
    pub fn handle(&mut self, input: SyncInput, now: Timestamp) {
        match input {
            SyncInput::Recorded(event) => self.add(*event),
            SyncInput::Restored(events) => events.into_iter().for_each(|event| self.add(event)),
            SyncInput::Online => {
                self.is_online = true;
                self.not_before = None;
            }
            SyncInput::Offline => self.is_online = false,
            SyncInput::Triggered => {
                self.not_before = None;
                self.is_signed_out = false;
            }
            SyncInput::Answered { batch_id, results } => self.answered(batch_id, results),
            SyncInput::Failed { batch_id, failure } => self.failed(batch_id, failure, now),
        }
        self.note_status();
    }

    /// The next output, if any; a batch comes out when one is due at `now`.
    pub fn poll(&mut self, now: Timestamp) -> Option<SyncOutput> {
        if let Some(output) = self.outputs.pop_front() {
            return Some(output);
        }
        if self.is_due(now) {
            let events: Vec<LearnerEvent> = self
                .outbox
                .values()
                .take(self.batch_limit)
                .cloned()
                .collect();
            let batch_id = self.next_batch_id;
            self.next_batch_id += 1;
            self.in_flight = Some(InFlight {
                batch_id,
                event_ids: events.iter().map(|e| e.event_id.clone()).collect(),
            });
            self.note_status();
            self.outputs
                .push_back(SyncOutput::Send(Batch { batch_id, events }));
        }
        self.outputs.pop_front()
    }

    /// When the engine wants to be polled again (a retry after backoff), if it does.
    pub fn next_wake(&self) -> Option<Timestamp> {
        let is_waiting = self.in_flight.is_none()
            && self.is_online
            && !self.is_signed_out
            && !self.outbox.is_empty();
        self.not_before.filter(|_| is_waiting)
    }

    /// How many events wait in the outbox.
    pub fn pending_count(&self) -> usize {
        self.outbox.len()
    }

    /// Adds an event once: the same event again (restored after being recorded) changes
    /// nothing, and another event under an id already waiting is a conflict at once.
    fn add(&mut self, event: LearnerEvent) {
        if let Some(key) = self.keys_by_id.get(&event.event_id) {
            if self.outbox.get(key) != Some(&event) {
                let reason = "another event on this device has the same id".to_owned();
                self.outputs
                    .push_back(SyncOutput::Conflicted(vec![(event, Some(reason))]));
            }
            return;
        }
        let key = (
            event.device_id.to_string(),
            event.sequence,
            event.event_id.clone(),
        );
        self.keys_by_id.insert(event.event_id.clone(), key.clone());
        self.outbox.insert(key, event);
    }

    fn is_due(&self, now: Timestamp) -> bool {
        self.in_flight.is_none()
            && self.is_online
            && !self.is_signed_out
            && !self.outbox.is_empty()
            && self.not_before.is_none_or(|at| now >= at)
    }

    fn answered(&mut self, batch_id: u64, results: Vec<EventResult>) {
        let Some(in_flight) = self.in_flight.take_if(|f| f.batch_id == batch_id) else {
            return;
        };
        self.failures = 0;
        self.not_before = None;
        self.batch_limit = MAX_BATCH;
        let mut acknowledged = Vec::new();
        let mut conflicted = Vec::new();
        let mut rejected = Vec::new();
        for result in results {
            // Only events of this batch: an answer cannot remove what was not sent.
            if !in_flight.event_ids.contains(&result.event_id) {
                continue;
            }
            let Some(key) = self.keys_by_id.remove(&result.event_id) else {
                continue;
            };
            let Some(event) = self.outbox.remove(&key) else {
                continue;
            };
            match result.status {
                EventStatus::Stored | EventStatus::Duplicate => acknowledged.push(event.event_id),
                EventStatus::Conflict => conflicted.push((event, result.reason)),
                EventStatus::Rejected => rejected.push((event, result.reason)),
            }
        }
        if !acknowledged.is_empty() {
            self.outputs
                .push_back(SyncOutput::Acknowledged(acknowledged));
        }
        if !conflicted.is_empty() {
            self.outputs.push_back(SyncOutput::Conflicted(conflicted));
        }
        if !rejected.is_empty() {
            self.outputs.push_back(SyncOutput::Rejected(rejected));
        }
    }

    fn failed(&mut self, batch_id: u64, failure: SendFailure, now: Timestamp) {
        if self.in_flight.take_if(|f| f.batch_id == batch_id).is_none() {
            return;
        }
        match failure {
            SendFailure::SignedOut => self.is_signed_out = true,
            SendFailure::Refused(_) => self.batch_limit = (self.batch_limit / 2).max(1),
            SendFailure::Network | SendFailure::Server(_) => {}
        }
        self.failures = self.failures.saturating_add(1);
        let delay = retry_delay(self.failures, &mut self.rng);
        self.not_before = Some(now.checked_add(delay).unwrap_or(now));
    }

    fn note_status(&mut self) {
        let count = self.outbox.len();
        let status = if count == 0 {
            SyncStatus::Synced
        } else if !self.is_online {
            SyncStatus::Offline { count }
        } else if self.failures > 0 || self.is_signed_out {
            SyncStatus::Failing { count }
        } else {
            SyncStatus::Pending { count }
        };
        if self.last_status != Some(status) {
            self.last_status = Some(status);
            self.outputs.push_back(SyncOutput::Status(status));
        }
    }
}
