//! Where lesson progress and the outbox live for this page: the device's IndexedDB, or,
//! when the browser will not open it, the page's memory ([`MemoryDb`]). The switch happens
//! once per database and page, at the first failed open, and is announced to whoever
//! listens ([`on_fallback`]) so the learner is told; it is never switched back within the
//! page, so events are never split between the two.

use super::idb::{
    EventDraft, EventWrite, IdbError, LocalAttempt, PlayerDb, ProgressEventIds, QuizOwner, SetAside,
};
use super::memory_db::MemoryDb;
use lectern_core::progress::LessonProgress;
use lectern_core::sync::{DeviceId, EventId, LearnerEvent};
use lectern_core::{CourseId, LessonId, UserId};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

/// Why this page keeps its data in memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fallback {
    /// Another tab keeps an older version of the database open, so it cannot be upgraded.
    Blocked,
    /// The browser refused IndexedDB (a private mode, a storage error at open).
    Unavailable(String),
}

type FallbackListener = Rc<dyn Fn(&Fallback)>;

thread_local! {
    static FALLBACKS: RefCell<BTreeMap<String, Fallback>> = RefCell::default();
    static LISTENERS: RefCell<Vec<FallbackListener>> = RefCell::default();
}

/// Calls `listener` whenever a database falls back to memory (and at once for one that
/// already has).
pub fn on_fallback(listener: impl Fn(&Fallback) + 'static) {
    let listener: FallbackListener = Rc::new(listener);
    let known: Vec<Fallback> =
        FALLBACKS.with(|fallbacks| fallbacks.borrow().values().cloned().collect());
    for fallback in &known {
        listener(fallback);
    }
    LISTENERS.with(|listeners| listeners.borrow_mut().push(listener));
}

/// Whether `db_name` lives in memory on this page.
pub fn fallback_of(db_name: &str) -> Option<Fallback> {
    FALLBACKS.with(|fallbacks| fallbacks.borrow().get(db_name).cloned())
}

/// Moves `db_name` to memory for the rest of the page, because of `err`.
pub(crate) fn fall_back(db_name: &str, err: &IdbError) {
    let fallback = match err {
        IdbError::Blocked => Fallback::Blocked,
        other => Fallback::Unavailable(other.to_string()),
    };
    let is_new = FALLBACKS.with(|fallbacks| {
        fallbacks
            .borrow_mut()
            .insert(db_name.to_owned(), fallback.clone())
            .is_none()
    });
    if is_new {
        leptos::logging::warn!("{db_name}: keeping progress in memory: {err}");
        let listeners: Vec<FallbackListener> =
            LISTENERS.with(|listeners| listeners.borrow().clone());
        for listener in listeners {
            listener(&fallback);
        }
    }
}

/// The store of progress and events for this page.
#[derive(Debug, Clone)]
pub enum LocalDb {
    Device(Rc<PlayerDb>),
    Memory(MemoryDb),
}

impl LocalDb {
    pub fn is_memory(&self) -> bool {
        matches!(self, LocalDb::Memory(_))
    }

    pub async fn progress(
        &self,
        user_id: &UserId,
        course_id: &CourseId,
        lesson_id: &LessonId,
    ) -> Result<Option<LessonProgress>, IdbError> {
        match self {
            LocalDb::Device(db) => db.progress(user_id, course_id, lesson_id).await,
            LocalDb::Memory(memory) => Ok(memory.progress(user_id, course_id, lesson_id)),
        }
    }

    pub async fn course_progress(
        &self,
        user_id: &UserId,
        course_id: &CourseId,
    ) -> Result<Vec<(LessonId, LessonProgress)>, IdbError> {
        match self {
            LocalDb::Device(db) => db.course_progress(user_id, course_id).await,
            LocalDb::Memory(memory) => Ok(memory.course_progress(user_id, course_id)),
        }
    }

    pub async fn save_progress(
        &self,
        user_id: &UserId,
        course_id: &CourseId,
        lesson_id: &LessonId,
        progress: &LessonProgress,
        now_ms: f64,
    ) -> Result<LessonProgress, IdbError> {
        match self {
            LocalDb::Device(db) => {
                db.save_progress(user_id, course_id, lesson_id, progress, now_ms)
                    .await
            }
            LocalDb::Memory(memory) => {
                Ok(memory.save_progress(user_id, course_id, lesson_id, progress))
            }
        }
    }

    pub async fn record_progress(
        &self,
        user_id: &UserId,
        course_id: &CourseId,
        lesson_id: &LessonId,
        progress: &LessonProgress,
        ids: ProgressEventIds,
        now_ms: f64,
    ) -> Result<(LessonProgress, Vec<LearnerEvent>), IdbError> {
        match self {
            LocalDb::Device(db) => {
                db.record_progress(user_id, course_id, lesson_id, progress, ids, now_ms)
                    .await
            }
            LocalDb::Memory(memory) => {
                Ok(memory.record_progress(user_id, course_id, lesson_id, progress, ids))
            }
        }
    }

    pub async fn attempts(&self, owner: &QuizOwner) -> Result<Vec<LocalAttempt>, IdbError> {
        match self {
            LocalDb::Device(db) => {
                db.attempts(&owner.user_id, &owner.course_id, &owner.lesson_id)
                    .await
            }
            LocalDb::Memory(memory) => Ok(memory.attempts(owner)),
        }
    }

    /// Keeps `attempt` and appends `drafts` to the outbox, together (see
    /// `PlayerDb::record_attempt`); with no drafts, only keeps the attempt.
    pub async fn record_attempt(
        &self,
        owner: &QuizOwner,
        attempt: &LocalAttempt,
        drafts: Vec<EventDraft>,
        new_device_id: &DeviceId,
        now_ms: f64,
    ) -> Result<(LocalAttempt, Vec<LearnerEvent>), IdbError> {
        match self {
            LocalDb::Device(db) => {
                db.record_attempt(owner, attempt, drafts, new_device_id, now_ms)
                    .await
            }
            LocalDb::Memory(memory) => {
                Ok(memory.record_attempt(owner, attempt, drafts, new_device_id))
            }
        }
    }

    /// Appends `drafts` to the outbox for `user_id`, in one write (events with no local view
    /// of their own to update: posts, submissions).
    pub async fn record_events(
        &self,
        user_id: &UserId,
        drafts: Vec<EventDraft>,
        new_device_id: &DeviceId,
        now_ms: f64,
    ) -> Result<Vec<LearnerEvent>, IdbError> {
        match self {
            LocalDb::Device(db) => {
                let writes = drafts
                    .into_iter()
                    .map(|draft| EventWrite {
                        draft,
                        progress: None,
                    })
                    .collect();
                db.record_events(user_id, writes, new_device_id, now_ms)
                    .await
            }
            LocalDb::Memory(memory) => Ok(memory.append(user_id, drafts, new_device_id)),
        }
    }

    pub async fn outbox(&self, user_id: &UserId) -> Result<Vec<LearnerEvent>, IdbError> {
        match self {
            LocalDb::Device(db) => db.outbox(user_id).await,
            LocalDb::Memory(memory) => Ok(memory.outbox(user_id)),
        }
    }

    pub async fn acknowledge(&self, event_ids: &[EventId]) -> Result<(), IdbError> {
        match self {
            LocalDb::Device(db) => db.acknowledge(event_ids).await,
            LocalDb::Memory(memory) => {
                memory.acknowledge(event_ids);
                Ok(())
            }
        }
    }

    pub async fn set_aside(
        &self,
        user_id: &UserId,
        into: SetAside,
        events: &[(LearnerEvent, Option<String>)],
        now_ms: f64,
    ) -> Result<(), IdbError> {
        match self {
            LocalDb::Device(db) => db.set_aside(user_id, into, events, now_ms).await,
            LocalDb::Memory(memory) => {
                memory.set_aside(user_id, into, events);
                Ok(())
            }
        }
    }

    pub async fn set_aside_events(
        &self,
        user_id: &UserId,
        from: SetAside,
    ) -> Result<Vec<(LearnerEvent, Option<String>)>, IdbError> {
        match self {
            LocalDb::Device(db) => db.set_aside_events(user_id, from).await,
            LocalDb::Memory(memory) => Ok(memory.set_aside_events(user_id, from)),
        }
    }
}
