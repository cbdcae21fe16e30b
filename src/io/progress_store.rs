//! Lesson progress on this device, for the player: reads, and writes that never make the
//! player wait. [`ProgressStore::save`] returns at once; one background task per store
//! writes what is pending, keeping only the latest value per lesson (merged, so nothing
//! watched is lost), and retries a failed write with a growing delay for as long as the page
//! lives. The database connection is opened on first use, kept, and opened again after a
//! failure or once another tab's upgrade closed it.

use super::document::now_ms;
use super::idb::{IdbError, ProgressEventIds, SharedConnection, DB_NAME};
use super::local_db::LocalDb;
use super::random::random_uuid;
use futures_channel::oneshot;
use lectern_core::progress::LessonProgress;
use lectern_core::sync::{DeviceId, EventId, LearnerEvent};
use lectern_core::{CourseId, LessonId, UserId};
use leptos::logging::warn;
use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

/// The wait before the first retry of a failed write; each further failure in a row
/// doubles it.
pub const FIRST_RETRY_MS: u32 = 1_000;
/// The longest wait between two retries.
pub const MAX_RETRY_MS: u32 = 30_000;

/// The wait before retrying after `failures` failed writes in a row (at least one):
/// 1 s, 2 s, 4 s, … up to 30 s.
pub fn retry_delay_ms(failures: u32) -> u32 {
    let doublings = failures.saturating_sub(1).min(16);
    FIRST_RETRY_MS
        .saturating_mul(1 << doublings)
        .min(MAX_RETRY_MS)
}

/// One learner's progress in one lesson: what writes are coalesced by.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct LessonKey {
    user_id: UserId,
    course_id: CourseId,
    lesson_id: LessonId,
}

impl LessonKey {
    fn new(user_id: &UserId, course_id: &CourseId, lesson_id: &LessonId) -> Self {
        LessonKey {
            user_id: user_id.clone(),
            course_id: course_id.clone(),
            lesson_id: lesson_id.clone(),
        }
    }
}

/// Reads and queued writes of lesson progress. Cheap to clone; clones share the connection
/// and the queue. Create one for the app and share it.
#[derive(Debug, Clone)]
pub struct ProgressStore {
    shared: Rc<Shared>,
}

#[derive(Debug)]
struct Shared {
    connection: SharedConnection,
    /// The latest unwritten progress per lesson.
    pending: RefCell<BTreeMap<LessonKey, LessonProgress>>,
    /// The value being written right now.
    in_flight: RefCell<Option<(LessonKey, LessonProgress)>>,
    /// Whether the background writer is running (writing or waiting to retry).
    is_writing: Cell<bool>,
    /// Callers of [`ProgressStore::flush`] waiting for an answer.
    flush_waiters: RefCell<Vec<oneshot::Sender<Result<(), IdbError>>>>,
    /// Ends the writer's wait before its next retry.
    wake_retry: RefCell<Option<js_sys::Function>>,
    /// Told of the events each write appended to the outbox.
    on_recorded: RefCell<Option<RecordedListener>>,
    /// Told whether each write landed.
    on_outcome: RefCell<Option<OutcomeListener>>,
}

/// Hears whether each write landed (`Ok`) or failed (and will be retried).
#[derive(Clone)]
struct OutcomeListener(Rc<dyn Fn(Result<(), IdbError>)>);

impl std::fmt::Debug for OutcomeListener {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("OutcomeListener")
    }
}

/// Hears of the events a progress write appended, with whose they are.
#[derive(Clone)]
struct RecordedListener(Rc<RecordedFn>);

type RecordedFn = dyn Fn(&UserId, Vec<LearnerEvent>);

impl std::fmt::Debug for RecordedListener {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RecordedListener")
    }
}

impl Default for ProgressStore {
    fn default() -> Self {
        ProgressStore::new()
    }
}

impl ProgressStore {
    /// A store on the player's database. Nothing is opened until first used.
    pub fn new() -> Self {
        ProgressStore::named(DB_NAME)
    }

    /// A store on the database called `db_name` (for tests).
    pub fn named(db_name: &str) -> Self {
        ProgressStore {
            shared: Rc::new(Shared {
                connection: SharedConnection::new(db_name),
                pending: RefCell::new(BTreeMap::new()),
                in_flight: RefCell::new(None),
                is_writing: Cell::new(false),
                flush_waiters: RefCell::new(Vec::new()),
                wake_retry: RefCell::new(None),
                on_recorded: RefCell::new(None),
                on_outcome: RefCell::new(None),
            }),
        }
    }

    /// Calls `listener` with the events each write appends to the outbox (one listener; a new
    /// one replaces it), so the sync engine hears of them.
    pub fn on_recorded(&self, listener: impl Fn(&UserId, Vec<LearnerEvent>) + 'static) {
        *self.shared.on_recorded.borrow_mut() = Some(RecordedListener(Rc::new(listener)));
    }

    /// Calls `listener` after every write with whether it landed, so the app never says
    /// "saved" for progress this device could not store (one listener; a new one replaces
    /// it).
    pub fn on_outcome(&self, listener: impl Fn(Result<(), IdbError>) + 'static) {
        *self.shared.on_outcome.borrow_mut() = Some(OutcomeListener(Rc::new(listener)));
    }

    /// The learner's progress in a lesson: what is saved, merged with anything not yet
    /// written.
    pub async fn load(
        &self,
        user_id: &UserId,
        course_id: &CourseId,
        lesson_id: &LessonId,
    ) -> Result<Option<LessonProgress>, IdbError> {
        let db = self.connection().await?;
        let stored = db
            .progress(user_id, course_id, lesson_id)
            .await
            .inspect_err(|_| self.forget(&db))?;
        let key = LessonKey::new(user_id, course_id, lesson_id);
        Ok(self
            .unwritten(|candidate| candidate == &key)
            .into_iter()
            .fold(stored, |known, (_, unwritten)| {
                Some(match known {
                    Some(known) => known.merge(&unwritten),
                    None => unwritten,
                })
            }))
    }

    /// The learner's progress in every lesson of a course that has any, merged with
    /// anything not yet written.
    pub async fn load_course(
        &self,
        user_id: &UserId,
        course_id: &CourseId,
    ) -> Result<HashMap<LessonId, LessonProgress>, IdbError> {
        let db = self.connection().await?;
        let stored = db
            .course_progress(user_id, course_id)
            .await
            .inspect_err(|_| self.forget(&db))?;
        let mut lessons: HashMap<LessonId, LessonProgress> = stored.into_iter().collect();
        let unwritten =
            self.unwritten(|key| &key.user_id == user_id && &key.course_id == course_id);
        for (key, progress) in unwritten {
            lessons
                .entry(key.lesson_id)
                .and_modify(|known| *known = known.merge(&progress))
                .or_insert(progress);
        }
        Ok(lessons)
    }

    /// Merges progress the server holds (from this learner's other devices) into what this
    /// device stores, without recording events: it is what the server already has.
    /// Returns the merged progress per lesson.
    pub async fn absorb(
        &self,
        user_id: &UserId,
        course_id: &CourseId,
        lessons: &[(LessonId, LessonProgress)],
    ) -> Result<Vec<(LessonId, LessonProgress)>, IdbError> {
        let db = self.connection().await?;
        let mut merged = Vec::new();
        for (lesson_id, progress) in lessons {
            let saved = db
                .save_progress(user_id, course_id, lesson_id, progress, now_ms())
                .await
                .inspect_err(|_| self.forget(&db))?;
            merged.push((lesson_id.clone(), saved));
        }
        Ok(merged)
    }

    /// Queues `progress` to be saved and returns at once. A value still waiting for the
    /// same lesson is merged with it rather than written twice. The write happens in the
    /// background and is retried until it succeeds.
    pub fn save(
        &self,
        user_id: &UserId,
        course_id: &CourseId,
        lesson_id: &LessonId,
        progress: LessonProgress,
    ) {
        self.queue(LessonKey::new(user_id, course_id, lesson_id), progress);
        if !self.shared.is_writing.replace(true) {
            wasm_bindgen_futures::spawn_local(self.clone().write_pending());
        }
    }

    /// How many lessons have progress not yet written (including one being written).
    pub fn pending_count(&self) -> usize {
        let pending = self.shared.pending.borrow();
        let is_other_in_flight = self
            .shared
            .in_flight
            .borrow()
            .as_ref()
            .is_some_and(|(key, _)| !pending.contains_key(key));
        pending.len() + usize::from(is_other_in_flight)
    }

    /// Writes what is pending now, without waiting out a retry delay. Resolves with `Ok`
    /// once nothing is pending, or with the error of the next failed write (the write is
    /// still retried in the background). For `pagehide` and for tests.
    pub async fn flush(&self) -> Result<(), IdbError> {
        if self.pending_count() == 0 {
            return Ok(());
        }
        let (answer, answered) = oneshot::channel();
        self.shared.flush_waiters.borrow_mut().push(answer);
        self.retry_now();
        answered.await.unwrap_or_else(|_dropped| {
            Err(IdbError::Operation(
                "the progress writer stopped before answering".into(),
            ))
        })
    }

    /// The device's database (opened now if there is none or it was closed), or the
    /// page's memory when the browser will not open it.
    async fn connection(&self) -> Result<LocalDb, IdbError> {
        self.shared.connection.local().await
    }

    /// Drops `db` after it failed, so the next use opens a fresh connection.
    fn forget(&self, db: &LocalDb) {
        self.shared.connection.forget_local(db);
    }

    /// Pending and in-flight values whose key passes `wanted`.
    fn unwritten(&self, wanted: impl Fn(&LessonKey) -> bool) -> Vec<(LessonKey, LessonProgress)> {
        let in_flight = self.shared.in_flight.borrow().clone();
        let pending = self.shared.pending.borrow();
        in_flight
            .into_iter()
            .chain(
                pending
                    .iter()
                    .map(|(key, progress)| (key.clone(), progress.clone())),
            )
            .filter(|(key, _)| wanted(key))
            .collect()
    }

    fn queue(&self, key: LessonKey, progress: LessonProgress) {
        let mut pending = self.shared.pending.borrow_mut();
        let merged = match pending.remove(&key) {
            Some(earlier) => earlier.merge(&progress),
            None => progress,
        };
        pending.insert(key, merged);
    }

    /// The background writer: writes pending values one lesson at a time until none are
    /// left, waiting longer after each failure in a row.
    async fn write_pending(self) {
        let mut failures: u32 = 0;
        loop {
            let next = self.shared.pending.borrow_mut().pop_first();
            let Some((key, progress)) = next else {
                break;
            };
            *self.shared.in_flight.borrow_mut() = Some((key.clone(), progress.clone()));
            let result = self.write(&key, &progress).await;
            self.shared.in_flight.borrow_mut().take();
            let listener = self.shared.on_outcome.borrow().clone();
            if let Some(OutcomeListener(listener)) = listener {
                listener(result.clone());
            }
            match result {
                Ok(()) => failures = 0,
                Err(err) => {
                    // Put it back, merged with anything queued for it meanwhile.
                    self.queue(key, progress);
                    failures = failures.saturating_add(1);
                    let delay_ms = retry_delay_ms(failures);
                    if !self.answer_flushes(Err(err.clone())) {
                        warn!("saving progress failed, retrying in {delay_ms} ms: {err}");
                    }
                    self.sleep(delay_ms).await;
                }
            }
        }
        self.shared.is_writing.set(false);
        self.answer_flushes(Ok(()));
    }

    async fn write(&self, key: &LessonKey, progress: &LessonProgress) -> Result<(), IdbError> {
        let ids = fresh_event_ids()?;
        let db = self.connection().await?;
        let (_, events) = db
            .record_progress(
                &key.user_id,
                &key.course_id,
                &key.lesson_id,
                progress,
                ids,
                now_ms(),
            )
            .await
            .inspect_err(|_| self.forget(&db))?;
        let listener = self.shared.on_recorded.borrow().clone();
        if let Some(RecordedListener(listener)) = listener {
            listener(&key.user_id, events);
        }
        Ok(())
    }

    /// Answers every waiting [`flush`](Self::flush); says whether anyone was waiting.
    fn answer_flushes(&self, answer: Result<(), IdbError>) -> bool {
        let waiters = self.shared.flush_waiters.take();
        let was_waited_for = !waiters.is_empty();
        for waiter in waiters {
            // A flush that is no longer awaited does not need its answer.
            let _ = waiter.send(answer.clone());
        }
        was_waited_for
    }

    /// Waits `delay_ms`, or less if [`retry_now`](Self::retry_now) is called meanwhile.
    async fn sleep(&self, delay_ms: u32) {
        let mut is_timer_set = false;
        let promise = js_sys::Promise::new(&mut |resolve, _reject| {
            is_timer_set = web_sys::window().is_some_and(|window| {
                window
                    .set_timeout_with_callback_and_timeout_and_arguments_0(
                        &resolve,
                        i32::try_from(delay_ms).unwrap_or(i32::MAX),
                    )
                    .is_ok()
            });
            *self.shared.wake_retry.borrow_mut() = Some(resolve);
        });
        if !is_timer_set {
            warn!("no timer for the progress retry; it waits for the next flush");
        }
        // The promise only ever resolves.
        let _ = JsFuture::from(promise).await;
        self.shared.wake_retry.borrow_mut().take();
    }

    /// Ends the writer's wait before its next retry, if it is waiting.
    fn retry_now(&self) {
        let wake = self.shared.wake_retry.borrow_mut().take();
        if let Some(wake) = wake {
            // Calling a promise's resolve function does not throw.
            let _ = wake.call0(&JsValue::UNDEFINED);
        }
    }
}

/// New ids for the events of one progress write.
fn fresh_event_ids() -> Result<ProgressEventIds, IdbError> {
    let uuid = || -> Result<String, IdbError> {
        random_uuid().map_err(|err| IdbError::Operation(err.to_string()))
    };
    let invalid = |_| IdbError::Operation("the browser made an invalid UUID".into());
    Ok(ProgressEventIds {
        progressed: EventId::parse(&uuid()?).map_err(invalid)?,
        completed: EventId::parse(&uuid()?).map_err(invalid)?,
        new_device: DeviceId::parse(&uuid()?).map_err(invalid)?,
    })
}
