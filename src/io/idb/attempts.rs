//! The `attempts` store (since schema version 3): the learner's quiz attempts on this
//! device, so a reload, a crash or a closed tab loses no answer and resumes at the same
//! question, and a submission made offline waits here until it is sent. Each record keeps
//! the attempt as API v1 JSON next to what this device still owes the server.
//!
//! A submitted attempt is immutable: a write of an older, unsubmitted copy (a second tab, a
//! late save) never reopens it.

use super::outbox::{append, EventDraft};
use super::progress::lenient;
use super::{operation, IdbError, PlayerDb, ATTEMPTS, ATTEMPTS_BY_QUIZ, DEVICE, OUTBOX};
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use jiff::Timestamp;
use lectern_api::v1::{AttemptStatus, AttemptView};
use lectern_core::sync::{DeviceId, LearnerEvent};
use lectern_core::{CourseId, LessonId, UserId};
use leptos::logging::warn;
use serde::{Deserialize, Serialize};

/// The `by_quiz` index key of one learner's attempts at one quiz:
/// `"user_id/course_id/lesson_id"`.
pub fn quiz_key(user_id: &UserId, course_id: &CourseId, lesson_id: &LessonId) -> String {
    format!("{user_id}/{course_id}/{lesson_id}")
}

/// An attempt on this device.
#[derive(Debug, Clone, PartialEq)]
pub struct LocalAttempt {
    /// As last known: the server's copy with this device's newer answers.
    pub view: AttemptView,
    /// The question the learner was on (an index into the drawn questions).
    pub current_question: usize,
    /// Started on this device while offline; the server has not heard of it yet.
    pub has_unsent_start: bool,
    /// Answers changed since the server last confirmed them.
    pub has_unsent_answers: bool,
    /// When the learner submitted (or time ran out), if the server has not confirmed it.
    pub submit_requested_at: Option<Timestamp>,
}

impl LocalAttempt {
    /// The server's copy of an attempt this device did not hold yet: nothing unsent.
    pub fn from_server(view: AttemptView) -> LocalAttempt {
        LocalAttempt {
            view,
            current_question: 0,
            has_unsent_start: false,
            has_unsent_answers: false,
            submit_requested_at: None,
        }
    }

    pub fn is_submitted(&self) -> bool {
        self.view.status == AttemptStatus::Submitted
    }

    /// Whether anything still has to reach the server.
    pub fn has_unsent(&self) -> bool {
        self.has_unsent_start || self.has_unsent_answers || self.submit_requested_at.is_some()
    }
}

/// An attempt as stored (record format 1, since schema version 3).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredAttemptV1 {
    /// The key: the attempt id.
    #[serde(default, deserialize_with = "lenient")]
    pub attempt_key: String,
    /// The `by_quiz` index key: [`quiz_key`].
    #[serde(default, deserialize_with = "lenient")]
    pub quiz_key: String,
    /// The attempt as API v1 JSON ([`AttemptView`]).
    #[serde(default, deserialize_with = "lenient")]
    pub attempt_json: String,
    #[serde(default, deserialize_with = "lenient")]
    pub current_question: u32,
    #[serde(default, deserialize_with = "lenient")]
    pub has_unsent_start: bool,
    #[serde(default, deserialize_with = "lenient")]
    pub has_unsent_answers: bool,
    /// Milliseconds since the Unix epoch.
    #[serde(default, deserialize_with = "lenient")]
    pub submit_requested_at_ms: Option<f64>,
    /// When this record was written, in milliseconds since the Unix epoch.
    #[serde(default, deserialize_with = "lenient")]
    pub updated_at_ms: f64,
}

impl StoredAttemptV1 {
    pub fn from_attempt(
        quiz_key: String,
        attempt: &LocalAttempt,
        updated_at_ms: f64,
    ) -> Result<Self, IdbError> {
        let attempt_json = serde_json::to_string(&attempt.view).map_err(|err| {
            IdbError::Operation(format!("the attempt could not be written: {err}"))
        })?;
        Ok(StoredAttemptV1 {
            attempt_key: attempt.view.attempt_id.to_string(),
            quiz_key,
            attempt_json,
            current_question: u32::try_from(attempt.current_question).unwrap_or(u32::MAX),
            has_unsent_start: attempt.has_unsent_start,
            has_unsent_answers: attempt.has_unsent_answers,
            submit_requested_at_ms: attempt
                .submit_requested_at
                .map(|at| at.as_millisecond() as f64),
            updated_at_ms,
        })
    }

    /// The attempt, or `None` for a record whose attempt JSON no longer reads.
    pub fn to_attempt(&self) -> Option<LocalAttempt> {
        let view: AttemptView = match serde_json::from_str(&self.attempt_json) {
            Ok(view) => view,
            Err(err) => {
                warn!(
                    "a stored attempt ({}) is unreadable: {err}",
                    self.attempt_key
                );
                return None;
            }
        };
        Some(LocalAttempt {
            view,
            current_question: usize::try_from(self.current_question).unwrap_or(0),
            has_unsent_start: self.has_unsent_start,
            has_unsent_answers: self.has_unsent_answers,
            submit_requested_at: self
                .submit_requested_at_ms
                .filter(|ms| ms.is_finite())
                .and_then(|ms| Timestamp::from_millisecond(ms as i64).ok()),
        })
    }
}

impl PlayerDb {
    /// One learner's attempts at one quiz, oldest first. Other learners' never come back.
    pub async fn attempts(
        &self,
        user_id: &UserId,
        course_id: &CourseId,
        lesson_id: &LessonId,
    ) -> Result<Vec<LocalAttempt>, IdbError> {
        let key = quiz_key(user_id, course_id, lesson_id);
        let records: Vec<StoredAttemptV1> = self
            .records_by_index(ATTEMPTS, ATTEMPTS_BY_QUIZ, &key)
            .await?;
        let mut attempts = Vec::new();
        for record in records {
            if record.quiz_key == key {
                attempts.extend(record.to_attempt());
            }
        }
        attempts.sort_by_key(|attempt| (attempt.view.attempt_number, attempt.view.started_at));
        Ok(attempts)
    }

    /// Saves the server's copy of an attempt (nothing to tell it), unless the stored copy
    /// is already submitted and this one is not (it is then kept). Returns what is stored.
    pub async fn save_attempt(
        &self,
        user_id: &UserId,
        course_id: &CourseId,
        lesson_id: &LessonId,
        attempt: &LocalAttempt,
        now_ms: f64,
    ) -> Result<LocalAttempt, IdbError> {
        let owner = QuizOwner {
            user_id: user_id.clone(),
            course_id: course_id.clone(),
            lesson_id: lesson_id.clone(),
        };
        let (stored, _) = self.write_attempt(&owner, attempt, None, now_ms).await?;
        Ok(stored)
    }

    /// Saves the learner's change to `attempt` and appends its events (`drafts`) to the
    /// outbox, in one transaction: either both are stored or neither. A stored copy that is
    /// already submitted is never reopened by an unsubmitted one: it is kept and nothing is
    /// recorded. Returns what is stored and the events appended.
    pub async fn record_attempt(
        &self,
        owner: &QuizOwner,
        attempt: &LocalAttempt,
        drafts: Vec<EventDraft>,
        new_device_id: &DeviceId,
        now_ms: f64,
    ) -> Result<(LocalAttempt, Vec<LearnerEvent>), IdbError> {
        self.write_attempt(owner, attempt, Some((drafts, new_device_id)), now_ms)
            .await
    }

    async fn write_attempt(
        &self,
        owner: &QuizOwner,
        attempt: &LocalAttempt,
        events: Option<(Vec<EventDraft>, &DeviceId)>,
        now_ms: f64,
    ) -> Result<(LocalAttempt, Vec<LearnerEvent>), IdbError> {
        let tx = self
            .db
            .transaction([ATTEMPTS, OUTBOX, DEVICE])
            .with_mode(TransactionMode::Readwrite)
            .build()
            .map_err(operation)?;
        let store = tx.object_store(ATTEMPTS).map_err(operation)?;
        let stored: Option<StoredAttemptV1> = store
            .get(attempt.view.attempt_id.to_string())
            .serde()
            .map_err(operation)?
            .await
            .map_err(operation)?;
        if let Some(kept) = stored.and_then(|record| record.to_attempt()) {
            if kept.is_submitted() && !attempt.is_submitted() {
                return Ok((kept, Vec::new()));
            }
        }
        let record = StoredAttemptV1::from_attempt(
            quiz_key(&owner.user_id, &owner.course_id, &owner.lesson_id),
            attempt,
            now_ms,
        )?;
        store
            .put(&record)
            .serde()
            .map_err(operation)?
            .await
            .map_err(operation)?;
        let events = match events {
            Some((drafts, new_device_id)) if !drafts.is_empty() => {
                append(&tx, &owner.user_id, drafts, new_device_id, now_ms).await?
            }
            _ => Vec::new(),
        };
        tx.commit().await.map_err(operation)?;
        Ok((attempt.clone(), events))
    }
}

/// Which learner's attempt at which quiz.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuizOwner {
    pub user_id: UserId,
    pub course_id: CourseId,
    pub lesson_id: LessonId,
}
