//! A quiz's attempts: starting one (idempotent by the client's attempt id, one in progress
//! at a time, within the quiz's window and attempt limit), the caller's own attempts, and
//! every learner's attempts for those who teach the course.

use super::attempt_view::attempt_view;
use super::quiz_access::{quiz_for_caller, quiz_id_from_path, QuizAccess, Viewer};
use super::submission::{finalise_if_expired, reload};
use super::{ApiError, ApiJson, AuthUser};
use crate::db::attempts::{self, StoredAttempt};
use crate::AppState;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use jiff::Timestamp;
use lectern_api::v1::{
    routes, AttemptList, AttemptView, StartAttemptRequest, Submission, SubmissionList,
};
use lectern_core::quiz::{attempt_deadline, check_start};
use lectern_core::UserId;
use sqlx::SqliteConnection;
use std::collections::BTreeMap;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(routes::QUIZ_ATTEMPTS, post(start).get(list))
        .route(routes::QUIZ_SUBMISSIONS, get(submissions))
}

async fn start(
    State(state): State<AppState>,
    caller: AuthUser,
    raw_quiz_id: Result<Path<String>, PathRejection>,
    ApiJson(request): ApiJson<StartAttemptRequest>,
) -> Result<(StatusCode, Json<AttemptView>), ApiError> {
    let quiz_id = quiz_id_from_path(raw_quiz_id)?;
    let user_id = &caller.profile.user_id;
    let now = state.clock.now();
    // IMMEDIATE takes the write lock first, so two starts cannot both pass the limit.
    let mut transaction = state.db.begin_with("BEGIN IMMEDIATE").await?;
    let access = quiz_for_caller(&mut transaction, user_id, &quiz_id).await?;
    let outcome = start_or_resume(&mut transaction, &access, user_id, &request, now).await;
    if matches!(outcome, Ok(_) | Err(ApiError::StartRefused(_))) {
        // A refused start still keeps the lazy submission of an expired attempt.
        transaction.commit().await?;
    }
    let (status, attempt) = outcome?;
    let mut conn = state.db.acquire().await?;
    let view = attempt_view(&mut conn, &access, &attempt, now).await?;
    Ok((status, Json(view)))
}

/// The attempt `request` names if it exists, else the caller's attempt in progress, else a
/// new one if the quiz's rules allow it (201). Shared with the outbox's `attempt_started`
/// events.
pub(super) async fn start_or_resume(
    conn: &mut SqliteConnection,
    access: &QuizAccess,
    user_id: &UserId,
    request: &StartAttemptRequest,
    now: Timestamp,
) -> Result<(StatusCode, StoredAttempt), ApiError> {
    let quiz = &access.quiz;
    if let Some(existing) = attempts::find(&mut *conn, &request.attempt_id).await? {
        let is_this_callers = existing.user_id == *user_id
            && existing.course_id == access.quiz_id.course_id
            && existing.lesson_id == access.quiz_id.lesson_id;
        if !is_this_callers {
            return Err(ApiError::AttemptIdTaken);
        }
        let existing = finalise_if_expired(conn, quiz, existing, now).await?;
        return Ok((StatusCode::OK, existing));
    }
    let stored = attempts::list_for_learner(
        &mut *conn,
        &access.quiz_id.course_id,
        &access.quiz_id.lesson_id,
        user_id,
    )
    .await?;
    let mut previous = Vec::with_capacity(stored.len());
    for attempt in stored {
        previous.push(finalise_if_expired(conn, quiz, attempt, now).await?);
    }
    if let Some(in_progress) = previous.iter().find(|a| a.submission.is_none()) {
        return Ok((StatusCode::OK, in_progress.clone()));
    }
    // A late copy (answers that came after an attempt closed) is not an attempt made.
    let made = previous.iter().filter(|a| a.late_copy_of.is_none()).count();
    let attempts_used = u32::try_from(made).unwrap_or(u32::MAX);
    check_start(&quiz.settings, now, attempts_used).map_err(ApiError::StartRefused)?;
    let seed = match request.seed {
        Some(seed) if !quiz.settings.is_graded => seed.0,
        _ => getrandom::u64()?,
    };
    let last_number = previous.iter().map(|a| a.attempt_number).max().unwrap_or(0);
    let attempt = StoredAttempt {
        attempt_id: request.attempt_id.clone(),
        course_id: access.quiz_id.course_id.clone(),
        lesson_id: access.quiz_id.lesson_id.clone(),
        user_id: user_id.clone(),
        attempt_number: last_number.saturating_add(1),
        seed,
        started_at: now,
        deadline_at: attempt_deadline(&quiz.settings, now),
        answers: BTreeMap::new(),
        submission: None,
        late_copy_of: None,
    };
    attempts::insert(&mut *conn, &attempt).await?;
    let attempt = reload(conn, &attempt).await?;
    Ok((StatusCode::CREATED, attempt))
}

async fn list(
    State(state): State<AppState>,
    caller: AuthUser,
    raw_quiz_id: Result<Path<String>, PathRejection>,
) -> Result<Json<AttemptList>, ApiError> {
    let quiz_id = quiz_id_from_path(raw_quiz_id)?;
    let user_id = &caller.profile.user_id;
    let now = state.clock.now();
    let mut conn = state.db.acquire().await?;
    let access = quiz_for_caller(&mut conn, user_id, &quiz_id).await?;
    let stored =
        attempts::list_for_learner(&mut *conn, &quiz_id.course_id, &quiz_id.lesson_id, user_id)
            .await?;
    let mut views = Vec::with_capacity(stored.len());
    for attempt in stored {
        let attempt = finalise_if_expired(&mut conn, &access.quiz, attempt, now).await?;
        views.push(attempt_view(&mut conn, &access, &attempt, now).await?);
    }
    let attempts_used = u32::try_from(views.len()).unwrap_or(u32::MAX);
    let attempts_remaining = access
        .quiz
        .settings
        .attempt_limit
        .map(|limit| limit.saturating_sub(attempts_used));
    Ok(Json(AttemptList {
        attempts: views,
        attempts_remaining,
        server_time: now,
    }))
}

async fn submissions(
    State(state): State<AppState>,
    caller: AuthUser,
    raw_quiz_id: Result<Path<String>, PathRejection>,
) -> Result<Json<SubmissionList>, ApiError> {
    let quiz_id = quiz_id_from_path(raw_quiz_id)?;
    let now = state.clock.now();
    let mut conn = state.db.acquire().await?;
    let access = quiz_for_caller(&mut conn, &caller.profile.user_id, &quiz_id).await?;
    if access.viewer != Viewer::Teacher {
        return Err(ApiError::NotFound);
    }
    let stored =
        attempts::list_for_quiz(&mut *conn, &quiz_id.course_id, &quiz_id.lesson_id).await?;
    let mut submissions = Vec::with_capacity(stored.len());
    for (learner, attempt) in stored {
        let attempt = finalise_if_expired(&mut conn, &access.quiz, attempt, now).await?;
        let attempt = attempt_view(&mut conn, &access, &attempt, now).await?;
        submissions.push(Submission { learner, attempt });
    }
    submissions.sort_by(|a, b| {
        needs_review(b)
            .cmp(&needs_review(a))
            .then(b.attempt.started_at.cmp(&a.attempt.started_at))
            .then(a.attempt.attempt_id.cmp(&b.attempt.attempt_id))
    });
    Ok(Json(SubmissionList { submissions }))
}

fn needs_review(submission: &Submission) -> bool {
    submission
        .attempt
        .result
        .as_ref()
        .is_some_and(|result| result.needs_review)
}
