//! Quiz attempts on this device, for the player: reads, and writes queued so the learner
//! never waits on storage. Writes run one at a time in the order given, keeping only the
//! latest copy of each attempt, and the connection is opened on first use and again after a
//! failure (or once another tab's upgrade closed it).

use super::document::now_ms;
use super::idb::{IdbError, LocalAttempt, PlayerDb, SharedConnection, DB_NAME};
use lectern_core::{CourseId, LessonId, UserId};
use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::rc::Rc;

/// Which learner's attempt at which quiz.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuizOwner {
    pub user_id: UserId,
    pub course_id: CourseId,
    pub lesson_id: LessonId,
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

struct Shared {
    connection: SharedConnection,
    /// The latest unwritten copy of each attempt, by attempt id.
    pending: RefCell<BTreeMap<String, (QuizOwner, LocalAttempt)>>,
    /// The copy being written right now (no longer pending, not yet stored).
    in_flight: RefCell<Option<(QuizOwner, LocalAttempt)>>,
    is_writing: Cell<bool>,
    /// Told the outcome of every write: `Ok` once stored, the error otherwise.
    on_written: RefCell<Option<WriteListener>>,
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
                on_written: RefCell::new(None),
            }),
        }
    }

    /// Calls `report` after each write with its outcome (one listener; a new one replaces it).
    pub fn on_written(&self, report: impl Fn(Result<(), IdbError>) + 'static) {
        *self.shared.on_written.borrow_mut() = Some(Rc::new(report));
    }

    /// The learner's attempts at a quiz, with any copy not yet written. Unwritten copies are
    /// read before and after the database, so a write that lands in between is never missed.
    pub async fn load(&self, owner: &QuizOwner) -> Result<Vec<LocalAttempt>, IdbError> {
        let before = self.unwritten(owner);
        let db = self.connection().await?;
        let mut attempts = db
            .attempts(&owner.user_id, &owner.course_id, &owner.lesson_id)
            .await
            .inspect_err(|_| self.shared.connection.forget(&db))?;
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

    /// This learner's copies queued or being written, oldest first.
    fn unwritten(&self, owner: &QuizOwner) -> Vec<LocalAttempt> {
        let in_flight = self.shared.in_flight.borrow().clone();
        in_flight
            .into_iter()
            .chain(self.shared.pending.borrow().values().cloned())
            .filter(|(pending_owner, _)| pending_owner == owner)
            .map(|(_, attempt)| attempt)
            .collect()
    }

    /// Queues `attempt` to be written; returns at once.
    pub fn save(&self, owner: &QuizOwner, attempt: &LocalAttempt) {
        self.shared.pending.borrow_mut().insert(
            attempt.view.attempt_id.to_string(),
            (owner.clone(), attempt.clone()),
        );
        if !self.shared.is_writing.replace(true) {
            wasm_bindgen_futures::spawn_local(self.clone().write_pending());
        }
    }

    /// Writes queued copies until none is left. A failed write is reported and dropped from
    /// the queue; the next change of that attempt writes it whole again.
    async fn write_pending(self) {
        loop {
            let next = self.shared.pending.borrow_mut().pop_first();
            let Some((_, (owner, attempt))) = next else {
                break;
            };
            *self.shared.in_flight.borrow_mut() = Some((owner.clone(), attempt.clone()));
            let outcome = match self.connection().await {
                Ok(db) => db
                    .save_attempt(
                        &owner.user_id,
                        &owner.course_id,
                        &owner.lesson_id,
                        &attempt,
                        now_ms(),
                    )
                    .await
                    .map(drop)
                    .inspect_err(|_| self.shared.connection.forget(&db)),
                Err(err) => Err(err),
            };
            self.shared.in_flight.borrow_mut().take();
            let report = self.shared.on_written.borrow().clone();
            if let Some(report) = report {
                report(outcome);
            }
        }
        self.shared.is_writing.set(false);
    }

    async fn connection(&self) -> Result<Rc<PlayerDb>, IdbError> {
        self.shared.connection.get().await
    }
}

impl Default for AttemptStore {
    fn default() -> Self {
        AttemptStore::new()
    }
}
