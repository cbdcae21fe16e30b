//! One quiz lesson's attempts, in context for its views: the attempts this device and the
//! server know, the open attempt, and the intents that change it (answer, go to a question,
//! check an answer, submit). Every change is written to IndexedDB at once, with its events
//! in the outbox, which the app's sync driver sends; nothing waits on the network.
//! (`sync.rs` loads, starts and reads the server's copy back.)

mod merge;
mod sync;

pub use merge::{adopt, merge_attempts};
pub use sync::SyncStatus;

use super::embed::EmbedInjection;
use super::{SessionInjection, SyncInjection};
use crate::io::attempt_store::{AttemptChanges, AttemptStore, QuizOwner};
use crate::io::http::HttpError;
use crate::io::idb::{IdbError, LocalAttempt};
use crate::io::server_clock::{device_now, server_now};
use lectern_api::v1::{AttemptId, QuizId};
use lectern_core::quiz::{draw, Answer, DrawnQuiz, Quiz};
use leptos::prelude::*;
use std::collections::BTreeSet;

/// How the list of attempts stands.
#[derive(Debug, Clone, PartialEq)]
pub enum AttemptsLoad {
    Loading,
    Ready,
    /// Known only from this device: the server could not be asked.
    DeviceOnly(HttpError),
}

/// A quiz lesson's attempts, in context. `Copy`, so views capture it freely.
#[derive(Debug, Clone, Copy)]
pub struct QuizInjection {
    pub quiz: StoredValue<Quiz>,
    pub quiz_id: StoredValue<QuizId>,
    pub owner: StoredValue<QuizOwner>,
    /// The course's language (BCP 47), for `lang` and `dir` on question content.
    pub content_language: StoredValue<String>,
    pub session: SessionInjection,
    sync: SyncInjection,
    /// The host page's link, when the player is embedded: it hears each grade.
    embed: Option<EmbedInjection>,
    store: StoredValue<AttemptStore, LocalStorage>,
    /// Every attempt known, oldest first.
    pub attempts: RwSignal<Vec<LocalAttempt>>,
    pub attempts_remaining: RwSignal<Option<u32>>,
    pub load: RwSignal<AttemptsLoad>,
    /// The attempt being taken or reviewed.
    pub open_attempt: RwSignal<Option<AttemptId>>,
    /// Practice questions whose answer the learner has checked in the open attempt.
    pub checked: RwSignal<BTreeSet<String>>,
    /// The last write to this device's storage failed: answers are only in memory.
    pub device_error: RwSignal<Option<IdbError>>,
    /// Starting failed (offline for a graded quiz, no attempts left, closed...).
    pub start_error: RwSignal<Option<HttpError>>,
    /// A start is under way (the button waits for it).
    pub is_starting: RwSignal<bool>,
}

impl QuizInjection {
    /// Provides the attempts of `quiz` for the signed-in learner and starts loading them.
    pub fn provide(
        quiz: Quiz,
        quiz_id: QuizId,
        owner: QuizOwner,
        content_language: String,
    ) -> QuizInjection {
        let store = AttemptStore::new();
        let device_error = RwSignal::new(None);
        store.on_written(move |outcome| device_error.set(outcome.err()));
        let sync = SyncInjection::expect();
        store.on_recorded(move |user_id, events| sync.record(user_id, events));
        let injection = QuizInjection {
            quiz: StoredValue::new(quiz),
            quiz_id: StoredValue::new(quiz_id),
            owner: StoredValue::new(owner),
            content_language: StoredValue::new(content_language),
            session: SessionInjection::expect(),
            sync,
            embed: EmbedInjection::use_optional(),
            store: StoredValue::new_local(store),
            attempts: RwSignal::new(Vec::new()),
            attempts_remaining: RwSignal::new(None),
            load: RwSignal::new(AttemptsLoad::Loading),
            open_attempt: RwSignal::new(None),
            checked: RwSignal::new(BTreeSet::new()),
            device_error,
            start_error: RwSignal::new(None),
            is_starting: RwSignal::new(false),
        };
        provide_context(injection);
        // Every change of the outbox (the first run included) may bring the server's copy
        // of an attempt this device was waiting on: its grade, once submitted.
        Effect::new(move |previous: Option<u64>| {
            let changes = sync.outbox_changes.get();
            let waits = injection
                .attempts
                .with_untracked(|attempts| attempts.iter().any(LocalAttempt::has_unsent));
            if previous.is_none() || waits {
                leptos::task::spawn_local(injection.refresh());
            }
            changes
        });
        injection
    }

    pub fn expect() -> QuizInjection {
        expect_context::<QuizInjection>()
    }

    /// The open attempt (reactive).
    pub fn current(&self) -> Option<LocalAttempt> {
        let attempt_id = self.open_attempt.get()?;
        self.attempts.with(|attempts| {
            attempts
                .iter()
                .find(|a| a.view.attempt_id == attempt_id)
                .cloned()
        })
    }

    /// The attempt still in progress, if any (reactive).
    pub fn in_progress(&self) -> Option<LocalAttempt> {
        self.attempts.with(|attempts| {
            attempts
                .iter()
                .rev()
                .find(|attempt| !attempt.is_submitted() && attempt.submit_requested_at.is_none())
                .cloned()
        })
    }

    /// The questions and choice orders of an attempt.
    pub fn drawn(&self, attempt: &LocalAttempt) -> DrawnQuiz {
        self.quiz.with_value(|quiz| draw(quiz, attempt.view.seed.0))
    }

    /// Opens `attempt_id` to take or review it.
    pub fn open(&self, attempt_id: AttemptId) {
        self.checked.set(BTreeSet::new());
        self.open_attempt.set(Some(attempt_id));
    }

    /// Back to the quiz's overview.
    pub fn close(&self) {
        self.open_attempt.set(None);
    }

    /// Records the learner's answer to a question of the open attempt.
    pub fn answer(&self, question_id: &str, answer: Answer) {
        self.checked.update(|checked| {
            checked.remove(question_id);
        });
        self.change_open(AttemptChanges::answered(question_id), |attempt| {
            attempt.view.answers.insert(question_id.to_owned(), answer);
            attempt.has_unsent_answers = true;
        });
    }

    /// Moves the open attempt to the question at `index`.
    pub fn go_to(&self, index: usize) {
        self.change_open(AttemptChanges::default(), |attempt| {
            attempt.current_question = index
        });
    }

    /// Shows a practice question's feedback.
    pub fn check(&self, question_id: &str) {
        self.checked.update(|checked| {
            checked.insert(question_id.to_owned());
        });
    }

    /// Submits the open attempt: at once on this device, then to the server. Submitting
    /// again records nothing more.
    pub fn submit(&self) {
        let is_first = self.current_untracked().is_some_and(|attempt| {
            attempt.submit_requested_at.is_none() && !attempt.is_submitted()
        });
        if !is_first {
            return;
        }
        let submitted = AttemptChanges {
            submitted: true,
            ..AttemptChanges::default()
        };
        self.change_open(submitted, |attempt| {
            attempt.submit_requested_at = Some(device_now());
        });
    }

    /// Seconds left in `attempt` by the server's clock, if it has a deadline.
    pub fn seconds_left(attempt: &LocalAttempt) -> Option<u64> {
        let deadline = attempt.view.deadline_at?;
        Some(lectern_core::quiz::seconds_left(deadline, server_now()))
    }

    fn current_untracked(&self) -> Option<LocalAttempt> {
        let attempt_id = self.open_attempt.get_untracked()?;
        self.attempts.with_untracked(|attempts| {
            attempts
                .iter()
                .find(|a| a.view.attempt_id == attempt_id)
                .cloned()
        })
    }

    /// Applies `change` to the open attempt and writes it to this device, with the events
    /// of `changes`.
    fn change_open(&self, changes: AttemptChanges, change: impl FnOnce(&mut LocalAttempt)) {
        let Some(attempt_id) = self.open_attempt.get_untracked() else {
            return;
        };
        let mut changed = None;
        self.attempts.update(|attempts| {
            if let Some(attempt) = attempts
                .iter_mut()
                .find(|a| a.view.attempt_id == attempt_id)
            {
                if attempt.is_submitted() {
                    return;
                }
                change(attempt);
                changed = Some(attempt.clone());
            }
        });
        if let Some(attempt) = changed {
            self.save_on_device(&attempt, changes);
        }
    }

    fn save_on_device(&self, attempt: &LocalAttempt, changes: AttemptChanges) {
        let owner = self.owner.get_value();
        self.store
            .with_value(|store| store.save(&owner, attempt, changes));
    }

    fn store(&self) -> AttemptStore {
        self.store.get_value()
    }
}
