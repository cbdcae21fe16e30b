//! Loading, starting and sending attempts. The server hears of every change soon after it
//! is made: one request at a time, and changes made meanwhile go in the next one. When the
//! server cannot be reached, everything stays on this device (flagged unsent) and is sent
//! on the next change, when the browser comes back online, or on the next visit.

use super::{adopt, merge_attempts, AttemptsLoad, QuizInjection};
use crate::io::http::HttpError;
use crate::io::idb::LocalAttempt;
use crate::io::quiz_api;
use crate::io::random::{random_u64, random_uuid};
use crate::io::server_clock::server_now;
use lectern_api::v1::{
    AttemptId, AttemptStatus, AttemptView, ProblemType, SaveAnswersRequest, Seed,
    StartAttemptRequest, SubmitAttemptRequest,
};
use lectern_core::quiz::attempt_deadline;
use leptos::logging::warn;
use leptos::prelude::*;
use std::collections::BTreeMap;

/// Whether the server has everything this device holds.
#[derive(Debug, Clone, PartialEq)]
pub enum SyncStatus {
    Synced,
    /// Saved on this device; the server could not be reached and will be told later.
    Offline,
    /// The server refused or failed; the answers are still on this device.
    Failed(HttpError),
}

impl QuizInjection {
    /// Reads the attempts on this device, then the server's, and merges them.
    pub async fn refresh(self) {
        let owner = self.owner.get_value();
        match self.store().load(&owner).await {
            Ok(local) => self.attempts.set(merge_attempts(local, Vec::new())),
            Err(err) => self.device_error.set(Some(err)),
        }
        let Some(token) = self.session.token_untracked() else {
            return;
        };
        let quiz_id = self.quiz_id.get_value();
        match self
            .session
            .observe(quiz_api::list_attempts(&token, &quiz_id).await)
        {
            Ok(list) => {
                let merged = merge_attempts(self.attempts.get_untracked(), list.attempts);
                merged
                    .iter()
                    .for_each(|attempt| self.save_on_device(attempt));
                self.attempts.set(merged);
                self.attempts_remaining.set(list.attempts_remaining);
                self.load.set(AttemptsLoad::Ready);
            }
            Err(err) => self.load.set(AttemptsLoad::DeviceOnly(err)),
        }
        if self
            .attempts
            .with_untracked(|attempts| attempts.iter().any(LocalAttempt::has_unsent))
        {
            self.sync();
        }
    }

    /// Opens the attempt in progress, or starts a new one: on the server, or for a practice
    /// quiz with no connection, on this device (sent when the connection returns).
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
                self.save_on_device(&attempt);
                self.attempts.update(|attempts| attempts.push(attempt));
                self.sync_status.set(SyncStatus::Offline);
                self.open(attempt_id);
            }
            Err(err) => self.start_error.set(Some(err)),
        }
    }

    /// Sends whatever the server has not heard yet; a call while a send is under way makes
    /// that send go round once more.
    pub fn sync(&self) {
        if self.is_syncing.get_untracked() {
            self.wants_sync.set(true);
            return;
        }
        self.is_syncing.set(true);
        let injection = *self;
        leptos::task::spawn_local(async move {
            loop {
                injection.wants_sync.set(false);
                let status = injection.send_unsent().await;
                injection.sync_status.set(status);
                if !injection.wants_sync.get_untracked() {
                    break;
                }
            }
            injection.is_syncing.set(false);
        });
    }

    /// Same as [`QuizInjection::sync`]: changes coalesce while a request is in flight.
    pub(super) fn sync_soon(&self) {
        self.sync();
    }

    async fn send_unsent(&self) -> SyncStatus {
        let Some(token) = self.session.token_untracked() else {
            return SyncStatus::Failed(HttpError::SignedOut);
        };
        let unsent: Vec<AttemptId> = self.attempts.with_untracked(|attempts| {
            attempts
                .iter()
                .filter(|a| a.has_unsent())
                .map(|a| a.view.attempt_id.clone())
                .collect()
        });
        for attempt_id in unsent {
            match self
                .session
                .observe(self.send_one(&token, &attempt_id).await)
            {
                Ok(()) => {}
                Err(HttpError::Unreachable(_)) => return SyncStatus::Offline,
                Err(err) => return SyncStatus::Failed(err),
            }
        }
        SyncStatus::Synced
    }

    async fn send_one(&self, token: &str, attempt_id: &AttemptId) -> Result<(), HttpError> {
        let quiz_id = self.quiz_id.get_value();
        let Some(attempt) = self.attempt(attempt_id) else {
            return Ok(());
        };
        if attempt.has_unsent_start {
            let request = StartAttemptRequest {
                attempt_id: attempt_id.clone(),
                seed: Some(attempt.view.seed),
            };
            let view = quiz_api::start_attempt(token, &quiz_id, &request).await?;
            if &view.attempt_id != attempt_id {
                warn!(
                    "the server resumed attempt {} instead of {attempt_id}",
                    view.attempt_id
                );
            }
            self.take_server_copy(view);
        }
        let Some(attempt) = self.attempt(attempt_id) else {
            return Ok(());
        };
        let answers = attempt.view.answers.clone();
        let sent = if let Some(at) = attempt.submit_requested_at {
            let request = SubmitAttemptRequest {
                answers,
                client_submitted_at: Some(at),
            };
            quiz_api::submit_attempt(token, attempt_id, &request).await
        } else if attempt.has_unsent_answers {
            let request = SaveAnswersRequest {
                answers: answers.clone(),
            };
            quiz_api::save_answers(token, attempt_id, &request)
                .await
                .map(|view| self.confirm_answers(view, &answers))
        } else {
            return Ok(());
        };
        match sent {
            Ok(view) => {
                self.take_server_copy(view);
                Ok(())
            }
            // The server closed the attempt (its time ran out there): take its copy.
            Err(HttpError::Problem(problem))
                if problem.kind() == Some(ProblemType::AttemptClosed) =>
            {
                let list = quiz_api::list_attempts(token, &quiz_id).await?;
                list.attempts
                    .into_iter()
                    .filter(|view| &view.attempt_id == attempt_id)
                    .for_each(|view| self.take_server_copy(view));
                Ok(())
            }
            Err(err) => Err(err),
        }
    }

    /// The server confirmed `sent`; answers changed since then stay unsent.
    fn confirm_answers(
        &self,
        view: AttemptView,
        sent: &BTreeMap<String, lectern_core::quiz::Answer>,
    ) -> AttemptView {
        let attempt_id = view.attempt_id.clone();
        self.attempts.update(|attempts| {
            if let Some(known) = attempts
                .iter_mut()
                .find(|a| a.view.attempt_id == attempt_id)
            {
                if &known.view.answers == sent {
                    known.has_unsent_answers = false;
                }
            }
        });
        view
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
                    adopt(known, view);
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
            self.save_on_device(&attempt);
        }
    }

    fn attempt(&self, attempt_id: &AttemptId) -> Option<LocalAttempt> {
        self.attempts.with_untracked(|attempts| {
            attempts
                .iter()
                .find(|a| &a.view.attempt_id == attempt_id)
                .cloned()
        })
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

/// A new attempt id and a seed for a practice attempt.
fn new_ids() -> Result<(AttemptId, Seed), String> {
    let uuid = random_uuid().map_err(|err| err.to_string())?;
    let attempt_id = AttemptId::parse(&uuid).map_err(|err| err.to_string())?;
    let seed = random_u64().map_err(|err| err.to_string())?;
    Ok((attempt_id, Seed(seed)))
}
