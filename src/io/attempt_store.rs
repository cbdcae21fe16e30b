//! Quiz attempts on this device, for the player: reads, and writes queued so the learner
//! never waits on storage. Each write keeps the attempt **and** appends the events of what
//! changed (started here, answers given, submitted) to the outbox in one transaction, so
//! the sync engine sends every answer exactly once and nothing the learner did is lost.
//! Writes run one at a time; changes made while one is under way are coalesced into the
//! next (the latest copy of the attempt, every question answered meanwhile). A failed write
//! is retried, with a growing delay, for as long as the page lives. The store is the
//! device's IndexedDB, or the page's memory when the browser will not open it.

pub use super::idb::QuizOwner;

use super::document::now_ms;
use super::event_recorder::{fresh_device_id, fresh_event_id};
use super::idb::{EventDraft, IdbError, LocalAttempt, SharedConnection, DB_NAME};
use super::local_db::LocalDb;
use super::progress_store::retry_delay_ms;
use super::server_clock::server_now;
use super::timer::sleep_ms;
use lectern_core::sync::{EventBody, EventId, LearnerEvent};
use lectern_core::UserId;
use leptos::logging::warn;
use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

/// What the learner changed in an attempt since it was last written: what the next write
/// records as events.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AttemptChanges {
    /// A practice attempt started on this device with no connection.
    pub started: bool,
    /// Questions whose answer changed.
    pub answered: BTreeSet<String>,
    /// Submitted (by the learner, or because time ran out).
    pub submitted: bool,
}

impl AttemptChanges {
    pub fn answered(question_id: &str) -> AttemptChanges {
        AttemptChanges {
            answered: BTreeSet::from([question_id.to_owned()]),
            ..AttemptChanges::default()
        }
    }

    fn absorb(&mut self, later: AttemptChanges) {
        self.started |= later.started;
        self.answered.extend(later.answered);
        self.submitted |= later.submitted;
    }

    /// The events for these changes to `attempt`, in the order the server must take them:
    /// the start, the answers, then the submission.
    fn drafts(
        &self,
        owner: &QuizOwner,
        attempt: &LocalAttempt,
        mut fresh_id: impl FnMut() -> Result<EventId, IdbError>,
    ) -> Result<Vec<EventDraft>, IdbError> {
        let attempt_id = attempt.view.attempt_id.to_string();
        let mut bodies = Vec::new();
        if self.started {
            bodies.push(EventBody::AttemptStarted {
                attempt_id: attempt_id.clone(),
                seed: attempt.view.seed.0,
            });
        }
        for question_id in &self.answered {
            if let Some(answer) = attempt.view.answers.get(question_id) {
                bodies.push(EventBody::Answered {
                    attempt_id: attempt_id.clone(),
                    question_id: question_id.clone(),
                    answer: answer.clone(),
                });
            }
        }
        if self.submitted {
            bodies.push(EventBody::AttemptSubmitted {
                attempt_id,
                answers: attempt.view.answers.clone(),
            });
        }
        let occurred_at = server_now();
        bodies
            .into_iter()
            .map(|body| {
                Ok(EventDraft {
                    event_id: fresh_id()?,
                    occurred_at,
                    course_id: owner.course_id.clone(),
                    lesson_id: owner.lesson_id.clone(),
                    body,
                })
            })
            .collect()
    }
}

/// An attempt waiting to be written, with what changed in it.
#[derive(Debug, Clone)]
struct PendingWrite {
    owner: QuizOwner,
    attempt: LocalAttempt,
    changes: AttemptChanges,
}

/// Reads and queued writes of attempts. Clones share the connection and the queue.
#[derive(Clone)]
pub struct AttemptStore {
    shared: Rc<Shared>,
}

impl std::fmt::Debug for AttemptStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AttemptStore")
            .field("connection", &self.shared.connection)
            .field("pending", &self.shared.pending.borrow().len())
            .finish_non_exhaustive()
    }
}

/// Told the outcome of each write.
type WriteListener = Rc<dyn Fn(Result<(), IdbError>)>;
/// Told of the events each write appended to the outbox, with whose they are.
type RecordedListener = Rc<dyn Fn(&UserId, Vec<LearnerEvent>)>;

struct Shared {
    connection: SharedConnection,
    /// The latest unwritten copy of each attempt, by attempt id.
    pending: RefCell<BTreeMap<String, PendingWrite>>,
    /// The copy being written right now (no longer pending, not yet stored).
    in_flight: RefCell<Option<PendingWrite>>,
    is_writing: Cell<bool>,
    writes_done: Cell<u64>,
    on_written: RefCell<Option<WriteListener>>,
    on_recorded: RefCell<Option<RecordedListener>>,
}

impl AttemptStore {
    pub fn new() -> Self {
        AttemptStore::named(DB_NAME)
    }

    /// A store on the database called `db_name` (for tests).
    pub fn named(db_name: &str) -> Self {
        AttemptStore {
            shared: Rc::new(Shared {
                connection: SharedConnection::new(db_name),
                pending: RefCell::new(BTreeMap::new()),
                in_flight: RefCell::new(None),
                is_writing: Cell::new(false),
                writes_done: Cell::new(0),
                on_written: RefCell::new(None),
                on_recorded: RefCell::new(None),
            }),
        }
    }

    /// Calls `report` after each write with its outcome (one listener; a new one replaces it).
    pub fn on_written(&self, report: impl Fn(Result<(), IdbError>) + 'static) {
        *self.shared.on_written.borrow_mut() = Some(Rc::new(report));
    }

    /// Calls `listener` with the events each write appended to the outbox, so the sync
    /// engine sends them at once (one listener; a new one replaces it).
    pub fn on_recorded(&self, listener: impl Fn(&UserId, Vec<LearnerEvent>) + 'static) {
        *self.shared.on_recorded.borrow_mut() = Some(Rc::new(listener));
    }

    /// The learner's attempts at a quiz, with any copy not yet written. Unwritten copies are
    /// read before and after the database, so a write that lands in between is never missed.
    pub async fn load(&self, owner: &QuizOwner) -> Result<Vec<LocalAttempt>, IdbError> {
        let before = self.unwritten(owner);
        let db = self.connection().await?;
        let mut attempts = db
            .attempts(owner)
            .await
            .inspect_err(|_| self.shared.connection.forget_local(&db))?;
        for pending in before.into_iter().chain(self.unwritten(owner)) {
            match attempts
                .iter_mut()
                .find(|known| known.view.attempt_id == pending.view.attempt_id)
            {
                Some(known) if known.is_submitted() && !pending.is_submitted() => {}
                Some(known) => *known = pending,
                None => attempts.push(pending),
            }
        }
        Ok(attempts)
    }

    /// The ids of the attempts whose events still wait in `user_id`'s outbox (or in this
    /// store's queue): the server has not heard everything of those yet.
    pub async fn unsent_attempt_ids(&self, user_id: &UserId) -> Result<BTreeSet<String>, IdbError> {
        let mut unsent = self.queued_attempt_ids(user_id);
        let db = self.connection().await?;
        let outbox = db
            .outbox(user_id)
            .await
            .inspect_err(|_| self.shared.connection.forget_local(&db))?;
        unsent.extend(outbox.into_iter().filter_map(|event| match event.body {
            EventBody::AttemptStarted { attempt_id, .. }
            | EventBody::Answered { attempt_id, .. }
            | EventBody::AttemptSubmitted { attempt_id, .. } => Some(attempt_id),
            _ => None,
        }));
        Ok(unsent)
    }

    /// The ids of `user_id`'s attempts queued or being written right now.
    pub fn queued_attempt_ids(&self, user_id: &UserId) -> BTreeSet<String> {
        self.shared
            .in_flight
            .borrow()
            .iter()
            .chain(self.shared.pending.borrow().values())
            .filter(|write| &write.owner.user_id == user_id)
            .map(|write| write.attempt.view.attempt_id.to_string())
            .collect()
    }

    /// How many writes have landed so far: a reader of the outbox compares it before and
    /// after, to know whether a write it did not see landed meanwhile.
    pub fn writes_done(&self) -> u64 {
        self.shared.writes_done.get()
    }

    /// This learner's copies queued or being written, oldest first.
    fn unwritten(&self, owner: &QuizOwner) -> Vec<LocalAttempt> {
        let in_flight = self.shared.in_flight.borrow().clone();
        in_flight
            .into_iter()
            .chain(self.shared.pending.borrow().values().cloned())
            .filter(|write| &write.owner == owner)
            .map(|write| write.attempt)
            .collect()
    }

    /// Queues `attempt` to be kept, with the events of `changes`; returns at once.
    /// `AttemptChanges::default()` keeps the attempt and records nothing (the server's
    /// copy, or the question the learner is on).
    pub fn save(&self, owner: &QuizOwner, attempt: &LocalAttempt, changes: AttemptChanges) {
        self.queue(PendingWrite {
            owner: owner.clone(),
            attempt: attempt.clone(),
            changes,
        });
        if !self.shared.is_writing.replace(true) {
            wasm_bindgen_futures::spawn_local(self.clone().write_pending());
        }
    }

    /// Queues `write`, coalesced with the one waiting for the same attempt: the later copy
    /// of the attempt, and the changes of both.
    fn queue(&self, write: PendingWrite) {
        let mut pending = self.shared.pending.borrow_mut();
        let attempt_key = write.attempt.view.attempt_id.to_string();
        let merged = match pending.remove(&attempt_key) {
            Some(mut earlier) => {
                earlier.changes.absorb(write.changes);
                PendingWrite {
                    changes: earlier.changes,
                    ..write
                }
            }
            None => write,
        };
        pending.insert(attempt_key, merged);
    }

    /// Writes queued copies until none is left. A failed write goes back in the queue
    /// (merged with any later change) and is retried after a growing delay.
    async fn write_pending(self) {
        let mut failures: u32 = 0;
        loop {
            let next = self.shared.pending.borrow_mut().pop_first();
            let Some((attempt_key, write)) = next else {
                break;
            };
            *self.shared.in_flight.borrow_mut() = Some(write.clone());
            let outcome = self.write(&write).await;
            self.shared.in_flight.borrow_mut().take();
            let report = self.shared.on_written.borrow().clone();
            if let Some(report) = report {
                report(outcome.clone());
            }
            match outcome {
                Ok(()) => failures = 0,
                Err(err) => {
                    self.requeue(attempt_key, write);
                    failures = failures.saturating_add(1);
                    let delay_ms = retry_delay_ms(failures);
                    warn!("saving a quiz attempt failed, retrying in {delay_ms} ms: {err}");
                    sleep_ms(delay_ms).await;
                }
            }
        }
        self.shared.is_writing.set(false);
    }

    /// Puts a failed write back ahead of any later change to the same attempt.
    fn requeue(&self, attempt_key: String, failed: PendingWrite) {
        let later = self.shared.pending.borrow_mut().remove(&attempt_key);
        self.shared.pending.borrow_mut().insert(attempt_key, failed);
        if let Some(later) = later {
            self.queue(later);
        }
    }

    async fn write(&self, write: &PendingWrite) -> Result<(), IdbError> {
        let drafts = write
            .changes
            .drafts(&write.owner, &write.attempt, fresh_event_id)?;
        let new_device_id = fresh_device_id()?;
        let db = self.connection().await?;
        let (_, events) = db
            .record_attempt(
                &write.owner,
                &write.attempt,
                drafts,
                &new_device_id,
                now_ms(),
            )
            .await
            .inspect_err(|_| self.shared.connection.forget_local(&db))?;
        self.shared
            .writes_done
            .set(self.shared.writes_done.get() + 1);
        let listener = self.shared.on_recorded.borrow().clone();
        if let Some(listener) = listener.filter(|_| !events.is_empty()) {
            listener(&write.owner.user_id, events);
        }
        Ok(())
    }

    async fn connection(&self) -> Result<LocalDb, IdbError> {
        self.shared.connection.local().await
    }
}

impl Default for AttemptStore {
    fn default() -> Self {
        AttemptStore::new()
    }
}
