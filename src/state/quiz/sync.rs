//! Loading and starting attempts, and where the learner's answers stand. Answers and
//! submissions travel as outbox events (`io::attempt_store` records them with the attempt,
//! the app's sync driver sends them); this module asks the server for its copy again once
//! the outbox has changed, so a submission's grade shows as soon as the server has it.

use super::{adopt, merge_attempts, AttemptsLoad, QuizInjection};
use crate::io::attempt_store::AttemptChanges;
use crate::io::http::HttpError;
use crate::io::idb::LocalAttempt;
use crate::io::quiz_api;
use crate::io::random::{random_u64, random_uuid};
use crate::io::server_clock::server_now;
use lectern_api::v1::{AttemptId, AttemptStatus, AttemptView, Seed, StartAttemptRequest};
use lectern_core::embed::PlayerEvent;
use lectern_core::quiz::attempt_deadline;
use lectern_core::sync::SyncStatus as OutboxStatus;
use leptos::logging::warn;
use leptos::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

/// Whether the server has everything this device holds of the quiz.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyncStatus {
    Synced,
    /// Saved on this device and on the way to the server.
    Sending,
    /// Saved on this device; the server cannot be reached and will be told later.
    Offline,
    /// Saved on this device; the last try to send failed and another is scheduled.
    Failing,
}

impl QuizInjection {
    /// Where the quiz's answers stand (reactive).
    pub fn sync_status(&self) -> SyncStatus {
        let has_unsent = self
            .attempts
            .with(|attempts| attempts.iter().any(LocalAttempt::has_unsent));
        if !has_unsent {
            return SyncStatus::Synced;
        }
        match self.sync.status.get() {
            OutboxStatus::Offline { .. } => SyncStatus::Offline,
            OutboxStatus::Failing { .. } => SyncStatus::Failing,
            OutboxStatus::Synced | OutboxStatus::Pending { .. } => SyncStatus::Sending,
        }
    }

    /// Reads the attempts on this device, then the server's, and merges them: the server's
    /// copy wins for every attempt whose events have all left the outbox.
    pub async fn refresh(self) {
        let owner = self.owner.get_value();
        match self.store().load(&owner).await {
            Ok(local) => self
                .attempts
                .set(merge_attempts(local, Vec::new(), &BTreeSet::new())),
            Err(err) => self.device_error.set(Some(err)),
        }
        let Some(token) = self.session.token_untracked() else {
            return;
        };
        // Read before asking the server: an event answered in between keeps this device's
        // copy one refresh longer, never the other way round.
        let writes_before = self.store().writes_done();
        let unsent = match self.store().unsent_attempt_ids(&owner.user_id).await {
            Ok(unsent) => unsent,
            Err(err) => {
                warn!("the outbox cannot be read, so this device's answers are kept: {err}");
                self.attempts
                    .with_untracked(|attempts| all_attempt_ids(attempts))
            }
        };
        let quiz_id = self.quiz_id.get_value();
        match self
            .session
            .observe(quiz_api::list_attempts(&token, &quiz_id).await)
        {
            Ok(list) => {
                let mut unsent = unsent;
                unsent.extend(self.store().queued_attempt_ids(&owner.user_id));
                if self.store().writes_done() != writes_before {
                    unsent.extend(
                        self.attempts
                            .with_untracked(|attempts| all_attempt_ids(attempts)),
                    );
                }
                let known = self.attempts.get_untracked();
                let merged = merge_attempts(known.clone(), list.attempts, &unsent);
                self.tell_new_grades(&known, &merged);
                merged
                    .iter()
                    .for_each(|attempt| self.save_on_device(attempt, AttemptChanges::default()));
                self.attempts.set(merged);
                self.attempts_remaining.set(list.attempts_remaining);
                self.load.set(AttemptsLoad::Ready);
            }
            Err(err) => self.load.set(AttemptsLoad::DeviceOnly(err)),
        }
    }

    /// Opens the attempt in progress, or starts a new one: on the server, or for a practice
    /// quiz with no connection, on this device (its start is an event the server hears of
    /// with the answers).
    pub async fn start(self) {
        if self.is_starting.get_untracked() {
            return;
        }
        self.is_starting.set(true);
        self.start_or_resume().await;
        self.is_starting.set(false);
    }

    async fn start_or_resume(self) {
        self.start_error.set(None);
        if let Some(open) = self.attempts.with_untracked(|attempts| {
            attempts
                .iter()
                .find(|a| !a.is_submitted() && a.submit_requested_at.is_none())
                .map(|a| a.view.attempt_id.clone())
        }) {
            self.open(open);
            return;
        }
        let Some(token) = self.session.token_untracked() else {
            self.start_error.set(Some(HttpError::SignedOut));
            return;
        };
        let (attempt_id, seed) = match new_ids() {
            Ok(ids) => ids,
            Err(message) => {
                self.start_error.set(Some(HttpError::Decode(message)));
                return;
            }
        };
        let is_graded = self.quiz.with_value(|quiz| quiz.settings.is_graded);
        let request = StartAttemptRequest {
            attempt_id: attempt_id.clone(),
            seed: (!is_graded).then_some(seed),
        };
        let quiz_id = self.quiz_id.get_value();
        match self
            .session
            .observe(quiz_api::start_attempt(&token, &quiz_id, &request).await)
        {
            Ok(view) => {
                let opened = view.attempt_id.clone();
                self.take_server_copy(view);
                self.attempts_remaining
                    .update(|left| *left = left.map(|n| n.saturating_sub(1)));
                self.open(opened);
            }
            Err(HttpError::Unreachable(_)) if !is_graded => {
                let attempt = self.started_here(attempt_id.clone(), seed);
                let started = AttemptChanges {
                    started: true,
                    ..AttemptChanges::default()
                };
                self.save_on_device(&attempt, started);
                self.attempts.update(|attempts| attempts.push(attempt));
                self.open(attempt_id);
            }
            Err(err) => self.start_error.set(Some(err)),
        }
    }

    /// Tells the embedding page of each attempt graded since `before` (an attempt known
    /// graded already, or only on the server from the start, is not news).
    fn tell_new_grades(&self, before: &[LocalAttempt], after: &[LocalAttempt]) {
        let Some(embed) = self.embed else {
            return;
        };
        let quiz_id = self.quiz_id.get_value().to_string();
        for attempt in after {
            let was_graded = before.iter().any(|known| {
                known.view.attempt_id == attempt.view.attempt_id && known.view.result.is_some()
            });
            let was_known = before
                .iter()
                .any(|known| known.view.attempt_id == attempt.view.attempt_id);
            let Some(result) = attempt
                .view
                .result
                .as_ref()
                .filter(|_| was_known && !was_graded)
            else {
                continue;
            };
            embed.post(&PlayerEvent::Scored {
                quiz_id: quiz_id.clone(),
                score: result.score_millipoints.millipoints() as f64 / 1_000.0,
                max: result.possible_millipoints.millipoints() as f64 / 1_000.0,
                passed: result.is_passed,
            });
        }
    }

    /// Sends what waits in the outbox now (the learner's "Retry").
    pub fn send_now(&self) {
        self.sync.retry_now();
    }

    /// Merges the server's copy of one attempt and writes the result to this device.
    fn take_server_copy(&self, view: AttemptView) {
        let mut saved = None;
        self.attempts.update(|attempts| {
            match attempts
                .iter_mut()
                .find(|a| a.view.attempt_id == view.attempt_id)
            {
                Some(known) => {
                    let is_unsent = known.has_unsent();
                    adopt(known, view, is_unsent);
                    saved = Some(known.clone());
                }
                None => {
                    let attempt = LocalAttempt::from_server(view);
                    saved = Some(attempt.clone());
                    attempts.push(attempt);
                }
            }
        });
        if let Some(attempt) = saved {
            self.save_on_device(&attempt, AttemptChanges::default());
        }
    }

    /// A practice attempt started on this device, by its estimate of the server's clock.
    fn started_here(&self, attempt_id: AttemptId, seed: Seed) -> LocalAttempt {
        let started_at = server_now();
        let number = self.attempts.with_untracked(|attempts| {
            attempts
                .iter()
                .map(|a| a.view.attempt_number)
                .max()
                .unwrap_or(0)
                + 1
        });
        LocalAttempt {
            view: AttemptView {
                attempt_id,
                quiz_id: self.quiz_id.get_value(),
                attempt_number: number,
                seed,
                started_at,
                deadline_at: self
                    .quiz
                    .with_value(|quiz| attempt_deadline(&quiz.settings, started_at)),
                status: AttemptStatus::InProgress,
                answers: BTreeMap::new(),
                submitted_at: None,
                client_submitted_at: None,
                is_late: false,
                has_ignored_late_answers: false,
                late_copy_of: None,
                result: None,
            },
            current_question: 0,
            has_unsent_start: true,
            has_unsent_answers: false,
            submit_requested_at: None,
        }
    }
}

fn all_attempt_ids(attempts: &[LocalAttempt]) -> BTreeSet<String> {
    attempts
        .iter()
        .map(|attempt| attempt.view.attempt_id.to_string())
        .collect()
}

/// A new attempt id and a seed for a practice attempt.
fn new_ids() -> Result<(AttemptId, Seed), String> {
    let uuid = random_uuid().map_err(|err| err.to_string())?;
    let attempt_id = AttemptId::parse(&uuid).map_err(|err| err.to_string())?;
    let seed = random_u64().map_err(|err| err.to_string())?;
    Ok((attempt_id, Seed(seed)))
}
