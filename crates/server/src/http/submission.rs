//! Checking answers against an attempt's questions, and submitting an attempt: graded with
//! `lectern_core` against the full quiz, once. An attempt whose time ran out is submitted
//! lazily, the first time anything reads it, as if at its deadline by the server's clock.
//! The submit endpoint and the outbox's `attempt_submitted` events share [`submit_answers`].

use super::ApiError;
use crate::db::attempts::{self, StoredAttempt, StoredSubmission};
use jiff::Timestamp;
use lectern_api::v1::{AttemptId, FieldProblem, SubmitAttemptRequest};
use lectern_core::quiz::{draw, grade_quiz, is_late, takes_answers, Answer, DrawnQuiz, Quiz};
use sqlx::SqliteConnection;
use std::collections::BTreeMap;

/// Checks that every answer is for a question drawn in the attempt and fits it. All the
/// problems are reported together, by JSON path.
pub(super) fn check_answers(
    quiz: &Quiz,
    drawn: &DrawnQuiz,
    answers: &BTreeMap<String, Answer>,
) -> Result<(), ApiError> {
    let problems: Vec<FieldProblem> = answers
        .iter()
        .filter_map(|(question_id, answer)| {
            let question = drawn
                .question_ids
                .contains(question_id)
                .then(|| quiz.question(question_id))
                .flatten();
            let message = match question {
                None => "not a question of this attempt".to_owned(),
                Some(question) => answer.check_shape(question).err()?.to_string(),
            };
            Some(FieldProblem {
                path: format!("$.answers.{question_id}"),
                message,
            })
        })
        .collect();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(ApiError::InvalidAnswers(problems))
    }
}

/// How a submission came about.
pub(super) struct SubmitRequest {
    /// Server time of the submission: now, or the deadline for an expired attempt.
    pub submitted_at: Timestamp,
    pub client_submitted_at: Option<Timestamp>,
    pub has_ignored_late_answers: bool,
}

/// Grades `answers` and submits the attempt with them. If another request submitted it
/// first, that submission stands. Returns the attempt as stored.
pub(super) async fn submit(
    conn: &mut SqliteConnection,
    quiz: &Quiz,
    attempt: &StoredAttempt,
    answers: &BTreeMap<String, Answer>,
    request: SubmitRequest,
) -> Result<StoredAttempt, ApiError> {
    let grade = grade_quiz(quiz, &draw(quiz, attempt.seed), answers);
    let submission = StoredSubmission {
        submitted_at: request.submitted_at,
        client_submitted_at: request.client_submitted_at,
        is_late: is_late(&quiz.settings, request.submitted_at),
        has_ignored_late_answers: request.has_ignored_late_answers,
        grade,
    };
    // `false` when another request submitted it first: the reload shows that submission.
    let _is_first = attempts::submit(&mut *conn, &attempt.attempt_id, answers, &submission).await?;
    reload(conn, attempt).await
}

/// Submits `attempt` with `request`'s answers. An attempt submitted before keeps its first
/// submission and grade; if the server closed it at its deadline, answers that differ are
/// kept as a late copy. One that takes no answers at `now` is submitted at its deadline with
/// the answers saved by then, and `request`'s are kept as a late copy. Returns the attempt
/// as stored.
pub(super) async fn submit_answers(
    conn: &mut SqliteConnection,
    quiz: &Quiz,
    attempt: StoredAttempt,
    request: &SubmitAttemptRequest,
    now: Timestamp,
) -> Result<StoredAttempt, ApiError> {
    let late_answers = &request.answers;
    let client_submitted_at = request.client_submitted_at;
    if let Some(submission) = &attempt.submission {
        if submission.client_submitted_at.is_none() {
            keep_late_answers(conn, quiz, &attempt, late_answers, client_submitted_at, now).await?;
        }
        return Ok(attempt);
    }
    if !takes_answers(attempt.deadline_at, now) {
        let closed = submit_expired(conn, quiz, &attempt, request).await?;
        keep_late_answers(conn, quiz, &closed, late_answers, client_submitted_at, now).await?;
        return Ok(closed);
    }
    check_answers(quiz, &draw(quiz, attempt.seed), &request.answers)?;
    let mut answers = attempt.answers.clone();
    answers.extend(request.answers.clone());
    let submitted = SubmitRequest {
        submitted_at: now,
        client_submitted_at,
        has_ignored_late_answers: false,
    };
    submit(conn, quiz, &attempt, &answers, submitted).await
}

/// Submits an attempt whose time ran out at its deadline, with the answers saved by then;
/// answers in `request` that differ from those are ignored, and the attempt says so.
async fn submit_expired(
    conn: &mut SqliteConnection,
    quiz: &Quiz,
    attempt: &StoredAttempt,
    request: &SubmitAttemptRequest,
) -> Result<StoredAttempt, ApiError> {
    let Some(deadline) = attempt.deadline_at else {
        return Err(ApiError::Internal(
            "an attempt without a deadline stopped taking answers".into(),
        ));
    };
    let has_ignored_late_answers = request
        .answers
        .iter()
        .any(|(question_id, answer)| attempt.answers.get(question_id) != Some(answer));
    let submitted = SubmitRequest {
        submitted_at: deadline,
        client_submitted_at: request.client_submitted_at,
        has_ignored_late_answers,
    };
    submit(conn, quiz, attempt, &attempt.answers, submitted).await
}

/// Submits `attempt` at its deadline with the answers saved by then, if it is in progress
/// and no longer takes answers at `now`. Returns the attempt as it now stands.
pub(super) async fn finalise_if_expired(
    conn: &mut SqliteConnection,
    quiz: &Quiz,
    attempt: StoredAttempt,
    now: Timestamp,
) -> Result<StoredAttempt, ApiError> {
    if attempt.submission.is_some() || takes_answers(attempt.deadline_at, now) {
        return Ok(attempt);
    }
    let Some(deadline) = attempt.deadline_at else {
        return Ok(attempt);
    };
    let request = SubmitRequest {
        submitted_at: deadline,
        client_submitted_at: None,
        has_ignored_late_answers: false,
    };
    submit(conn, quiz, &attempt, &attempt.answers, request).await
}

/// The attempt as stored now.
pub(super) async fn reload(
    conn: &mut SqliteConnection,
    attempt: &StoredAttempt,
) -> Result<StoredAttempt, ApiError> {
    attempts::find(&mut *conn, &attempt.attempt_id)
        .await?
        .ok_or_else(|| ApiError::Internal(format!("attempt {} vanished", attempt.attempt_id)))
}

/// Keeps answers that reached the server after `closed` had closed (an offline submission)
/// as a new, submitted attempt naming `closed`, for an instructor to review, when they
/// differ from what `closed` was graded on and fit its questions. `closed` keeps its grade.
/// Only one copy is ever kept per attempt, so a retried submission adds nothing. Returns
/// whether a copy now exists.
pub(super) async fn keep_late_answers(
    conn: &mut SqliteConnection,
    quiz: &Quiz,
    closed: &StoredAttempt,
    late_answers: &BTreeMap<String, Answer>,
    client_submitted_at: Option<Timestamp>,
    now: Timestamp,
) -> Result<bool, ApiError> {
    if attempts::late_copy_of(&mut *conn, &closed.attempt_id)
        .await?
        .is_some()
    {
        return Ok(true);
    }
    let differs = late_answers
        .iter()
        .any(|(question_id, answer)| closed.answers.get(question_id) != Some(answer));
    let drawn = draw(quiz, closed.seed);
    if !differs || check_answers(quiz, &drawn, late_answers).is_err() {
        return Ok(false);
    }
    let mut answers = closed.answers.clone();
    answers.extend(
        late_answers
            .iter()
            .map(|(id, answer)| (id.clone(), answer.clone())),
    );
    let attempt_number = attempts::next_attempt_number(
        &mut *conn,
        &closed.course_id,
        &closed.lesson_id,
        &closed.user_id,
    )
    .await?;
    let copy = StoredAttempt {
        attempt_id: random_attempt_id()?,
        attempt_number,
        deadline_at: None,
        answers: BTreeMap::new(),
        submission: None,
        late_copy_of: Some(closed.attempt_id.clone()),
        ..closed.clone()
    };
    attempts::insert(&mut *conn, &copy).await?;
    let request = SubmitRequest {
        submitted_at: now,
        client_submitted_at,
        has_ignored_late_answers: false,
    };
    submit(conn, quiz, &copy, &answers, request).await?;
    Ok(true)
}

/// A fresh version 4 UUID for an attempt the server makes itself.
fn random_attempt_id() -> Result<AttemptId, ApiError> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|err| ApiError::Internal(err.to_string()))?;
    let text = lectern_core::sync::uuid_v4_from_bytes(bytes);
    AttemptId::parse(&text).map_err(|err| ApiError::Internal(err.to_string()))
}
