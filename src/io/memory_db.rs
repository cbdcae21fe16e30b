//! The store the player falls back on when this browser will not open IndexedDB (some
//! private modes, a storage error at open, an upgrade another tab blocks): lesson progress
//! and the outbox kept in the page's memory, with the same rules as the device stores
//! (progress merged on every write, events appended with this page's own sequence numbers,
//! set-aside events kept apart). It lasts as long as the page, so the player sends events
//! at once and says that progress is not kept on this device.

use super::idb::{
    progress_drafts, EventDraft, LocalAttempt, ProgressEventIds, QuizOwner, SetAside,
};
use lectern_core::progress::LessonProgress;
use lectern_core::sync::{DeviceId, EventId, LearnerEvent};
use lectern_core::{CourseId, LessonId, UserId};
use std::cell::RefCell;
use std::collections::BTreeMap;

type LessonKey = (UserId, CourseId, LessonId);

#[derive(Default)]
struct Memory {
    progress: BTreeMap<LessonKey, LessonProgress>,
    /// Quiz attempts by attempt id, with whose they are.
    attempts: BTreeMap<String, (QuizOwner, LocalAttempt)>,
    /// Per learner, in the order recorded.
    outbox: Vec<(UserId, LearnerEvent)>,
    conflicts: Vec<(UserId, LearnerEvent, Option<String>)>,
    rejected: Vec<(UserId, LearnerEvent, Option<String>)>,
    /// This page's device id (a fresh one per page: nothing of it outlives the page) and
    /// the last sequence number given out.
    device: Option<(DeviceId, u64)>,
}

thread_local! {
    static MEMORY: RefCell<BTreeMap<String, Memory>> = RefCell::default();
}

/// The in-memory stand-in for the database named `db_name`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemoryDb {
    db_name: String,
}

impl MemoryDb {
    pub fn named(db_name: &str) -> MemoryDb {
        MemoryDb {
            db_name: db_name.to_owned(),
        }
    }

    fn with<T>(&self, use_memory: impl FnOnce(&mut Memory) -> T) -> T {
        MEMORY.with(|memory| {
            let mut memory = memory.borrow_mut();
            use_memory(memory.entry(self.db_name.clone()).or_default())
        })
    }

    pub fn progress(
        &self,
        user_id: &UserId,
        course_id: &CourseId,
        lesson_id: &LessonId,
    ) -> Option<LessonProgress> {
        let key = (user_id.clone(), course_id.clone(), lesson_id.clone());
        self.with(|memory| memory.progress.get(&key).cloned())
    }

    pub fn course_progress(
        &self,
        user_id: &UserId,
        course_id: &CourseId,
    ) -> Vec<(LessonId, LessonProgress)> {
        self.with(|memory| {
            memory
                .progress
                .iter()
                .filter(|((user, course, _), _)| user == user_id && course == course_id)
                .map(|((_, _, lesson_id), progress)| (lesson_id.clone(), progress.clone()))
                .collect()
        })
    }

    /// Merges `progress` into the lesson's and returns the merged progress.
    pub fn save_progress(
        &self,
        user_id: &UserId,
        course_id: &CourseId,
        lesson_id: &LessonId,
        progress: &LessonProgress,
    ) -> LessonProgress {
        self.merge(user_id, course_id, lesson_id, progress).1
    }

    fn merge(
        &self,
        user_id: &UserId,
        course_id: &CourseId,
        lesson_id: &LessonId,
        progress: &LessonProgress,
    ) -> (Option<LessonProgress>, LessonProgress) {
        let key = (user_id.clone(), course_id.clone(), lesson_id.clone());
        self.with(|memory| {
            let before = memory.progress.get(&key).cloned();
            let merged = before
                .as_ref()
                .map_or_else(|| progress.clone(), |known| known.merge(progress));
            memory.progress.insert(key, merged.clone());
            (before, merged)
        })
    }

    /// As `PlayerDb::record_progress`: merges the progress and appends a `progressed` event
    /// (and `completed` once), returning the merged progress and the events.
    pub fn record_progress(
        &self,
        user_id: &UserId,
        course_id: &CourseId,
        lesson_id: &LessonId,
        progress: &LessonProgress,
        ids: ProgressEventIds,
    ) -> (LessonProgress, Vec<LearnerEvent>) {
        let (before, merged) = self.merge(user_id, course_id, lesson_id, progress);
        let drafts = progress_drafts(course_id, lesson_id, before.as_ref(), &merged, &ids);
        let events = self.append(user_id, drafts, &ids.new_device);
        (merged, events)
    }

    /// One learner's attempts at one quiz, oldest first.
    pub fn attempts(&self, owner: &QuizOwner) -> Vec<LocalAttempt> {
        let mut attempts: Vec<LocalAttempt> = self.with(|memory| {
            memory
                .attempts
                .values()
                .filter(|(kept_for, _)| kept_for == owner)
                .map(|(_, attempt)| attempt.clone())
                .collect()
        });
        attempts.sort_by_key(|attempt| (attempt.view.attempt_number, attempt.view.started_at));
        attempts
    }

    /// As `PlayerDb::record_attempt`: keeps `attempt` (unless a submitted copy is kept and
    /// this one is not) and appends its events. Returns what is kept and the events.
    pub fn record_attempt(
        &self,
        owner: &QuizOwner,
        attempt: &LocalAttempt,
        drafts: Vec<EventDraft>,
        new_device_id: &DeviceId,
    ) -> (LocalAttempt, Vec<LearnerEvent>) {
        let attempt_key = attempt.view.attempt_id.to_string();
        let kept = self.with(|memory| {
            let submitted = memory
                .attempts
                .get(&attempt_key)
                .map(|(_, kept)| kept)
                .filter(|kept| kept.is_submitted() && !attempt.is_submitted())
                .cloned();
            if submitted.is_none() {
                memory
                    .attempts
                    .insert(attempt_key, (owner.clone(), attempt.clone()));
            }
            submitted
        });
        match kept {
            Some(kept) => (kept, Vec::new()),
            None => (
                attempt.clone(),
                self.append(&owner.user_id, drafts, new_device_id),
            ),
        }
    }

    /// Appends `drafts` to the outbox with this page's next sequence numbers.
    pub fn append(
        &self,
        user_id: &UserId,
        drafts: Vec<EventDraft>,
        new_device_id: &DeviceId,
    ) -> Vec<LearnerEvent> {
        self.with(|memory| {
            let (device_id, last) = memory
                .device
                .get_or_insert_with(|| (new_device_id.clone(), 0));
            let events: Vec<LearnerEvent> = drafts
                .into_iter()
                .map(|draft| {
                    *last += 1;
                    LearnerEvent {
                        event_id: draft.event_id,
                        device_id: device_id.clone(),
                        sequence: *last,
                        occurred_at: draft.occurred_at,
                        course_id: draft.course_id,
                        lesson_id: draft.lesson_id,
                        body: draft.body,
                    }
                })
                .collect();
            memory
                .outbox
                .extend(events.iter().map(|event| (user_id.clone(), event.clone())));
            events
        })
    }

    /// The learner's events waiting for the server, in the order recorded.
    pub fn outbox(&self, user_id: &UserId) -> Vec<LearnerEvent> {
        self.with(|memory| {
            memory
                .outbox
                .iter()
                .filter(|(user, _)| user == user_id)
                .map(|(_, event)| event.clone())
                .collect()
        })
    }

    /// Drops acknowledged events from the outbox.
    pub fn acknowledge(&self, event_ids: &[EventId]) {
        self.with(|memory| {
            memory
                .outbox
                .retain(|(_, event)| !event_ids.contains(&event.event_id))
        });
    }

    /// Moves events the server would not keep out of the outbox, with its reasons.
    pub fn set_aside(
        &self,
        user_id: &UserId,
        into: SetAside,
        events: &[(LearnerEvent, Option<String>)],
    ) {
        self.with(|memory| {
            let ids: Vec<&EventId> = events.iter().map(|(event, _)| &event.event_id).collect();
            memory
                .outbox
                .retain(|(_, event)| !ids.contains(&&event.event_id));
            let kept = events
                .iter()
                .map(|(event, reason)| (user_id.clone(), event.clone(), reason.clone()));
            match into {
                SetAside::Conflicts => memory.conflicts.extend(kept),
                SetAside::Rejected => memory.rejected.extend(kept),
            }
        });
    }

    /// The learner's events set aside `from` one place, with the server's reasons.
    pub fn set_aside_events(
        &self,
        user_id: &UserId,
        from: SetAside,
    ) -> Vec<(LearnerEvent, Option<String>)> {
        self.with(|memory| {
            let kept = match from {
                SetAside::Conflicts => &memory.conflicts,
                SetAside::Rejected => &memory.rejected,
            };
            kept.iter()
                .filter(|(user, _, _)| user == user_id)
                .map(|(_, event, reason)| (event.clone(), reason.clone()))
                .collect()
        })
    }
}
