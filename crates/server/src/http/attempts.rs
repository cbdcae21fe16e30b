//! One attempt: its learner saves answers and submits it; those who teach the course review
//! single answers. Another learner's attempt answers 404, like a missing one. Saving runs
//! [`save_answers_in_progress`], shared with the outbox's `answered` events.

use super::attempt_view::attempt_view;
use super::quiz_access::{
    attempt_id_from_path, attempt_id_from_path_text, own_attempt, taught_attempt,
};
use super::submission::{check_answers, finalise_if_expired, reload, submit_answers};
use super::{ApiError, ApiJson, AuthUser};
use crate::db::attempts::{self, NewReview, StoredAttempt};
use crate::AppState;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::routing::{post, put};
use axum::{Json, Router};
use jiff::Timestamp;
use lectern_api::v1::{
    routes, AttemptView, ReviewRequest, SaveAnswersRequest, SubmitAttemptRequest,
    MAX_FEEDBACK_CHARS,
};
use lectern_core::quiz::{draw, takes_answers, Answer, Quiz, Score};
use sqlx::SqliteConnection;
use std::collections::BTreeMap;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(routes::ATTEMPT_ANSWERS, put(save_answers))
        .route(routes::ATTEMPT_SUBMIT, post(submit_attempt))
        .route(routes::ATTEMPT_REVIEW, put(review))
}

async fn save_answers(
    State(state): State<AppState>,
    caller: AuthUser,
    raw_attempt_id: Result<Path<String>, PathRejection>,
    ApiJson(request): ApiJson<SaveAnswersRequest>,
) -> Result<Json<AttemptView>, ApiError> {
    let attempt_id = attempt_id_from_path(raw_attempt_id)?;
    let now = state.clock.now();
    let mut transaction = state.db.begin_with("BEGIN IMMEDIATE").await?;
    let (access, attempt) =
        own_attempt(&mut transaction, &caller.profile.user_id, &attempt_id).await?;
    let saved = save_answers_in_progress(
        &mut transaction,
        &access.quiz,
        attempt,
        request.answers,
        now,
    )
    .await;
    let attempt = match saved {
        Ok(attempt) => attempt,
        Err(closed @ ApiError::AttemptClosed { .. }) => {
            // Keeps the lazy submission of an attempt whose time ran out.
            transaction.commit().await?;
            return Err(closed);
        }
        Err(err) => return Err(err),
    };
    let view = attempt_view(&mut transaction, &access, &attempt, now).await?;
    transaction.commit().await?;
    Ok(Json(view))
}

/// Saves `new_answers` over those `attempt` saved, if they all fit its questions. An
/// attempt that is submitted, or takes no answers at `now` (it is then submitted at its
/// deadline), takes none: [`ApiError::AttemptClosed`]. Returns the attempt as stored.
pub(super) async fn save_answers_in_progress(
    conn: &mut SqliteConnection,
    quiz: &Quiz,
    attempt: StoredAttempt,
    new_answers: BTreeMap<String, Answer>,
    now: Timestamp,
) -> Result<StoredAttempt, ApiError> {
    if attempt.submission.is_some() {
        return Err(ApiError::AttemptClosed { deadline: None });
    }
    if !takes_answers(attempt.deadline_at, now) {
        let deadline = attempt.deadline_at;
        finalise_if_expired(conn, quiz, attempt, now).await?;
        return Err(ApiError::AttemptClosed { deadline });
    }
    check_answers(quiz, &draw(quiz, attempt.seed), &new_answers)?;
    let mut answers = attempt.answers.clone();
    answers.extend(new_answers);
    if !attempts::save_answers(&mut *conn, &attempt.attempt_id, &answers).await? {
        return Err(ApiError::AttemptClosed { deadline: None });
    }
    reload(conn, &attempt).await
}

async fn submit_attempt(
    State(state): State<AppState>,
    caller: AuthUser,
    raw_attempt_id: Result<Path<String>, PathRejection>,
    ApiJson(request): ApiJson<SubmitAttemptRequest>,
) -> Result<Json<AttemptView>, ApiError> {
    let attempt_id = attempt_id_from_path(raw_attempt_id)?;
    let now = state.clock.now();
    let mut transaction = state.db.begin_with("BEGIN IMMEDIATE").await?;
    let (access, attempt) =
        own_attempt(&mut transaction, &caller.profile.user_id, &attempt_id).await?;
    let attempt = submit_answers(&mut transaction, &access.quiz, attempt, &request, now).await?;
    let view = attempt_view(&mut transaction, &access, &attempt, now).await?;
    transaction.commit().await?;
    Ok(Json(view))
}

async fn review(
    State(state): State<AppState>,
    caller: AuthUser,
    raw_path: Result<Path<(String, String)>, PathRejection>,
    ApiJson(request): ApiJson<ReviewRequest>,
) -> Result<Json<AttemptView>, ApiError> {
    let Ok(Path((raw_attempt_id, question_id))) = raw_path else {
        return Err(ApiError::NotFound);
    };
    let attempt_id = attempt_id_from_path_text(&raw_attempt_id)?;
    let reviewer_id = &caller.profile.user_id;
    let now = state.clock.now();
    let mut conn = state.db.acquire().await?;
    let (access, attempt) = taught_attempt(&mut conn, reviewer_id, &attempt_id).await?;
    let attempt = finalise_if_expired(&mut conn, &access.quiz, attempt, now).await?;
    check_review(&access.quiz, &attempt, &question_id, &request)?;
    let new_review = NewReview {
        attempt_id: &attempt_id,
        question_id: &question_id,
        awarded: request.awarded_millipoints,
        feedback: &request.feedback,
        reviewer_id,
        reviewed_at: now,
    };
    attempts::upsert_review(&mut *conn, &new_review).await?;
    Ok(Json(attempt_view(&mut conn, &access, &attempt, now).await?))
}

/// A review needs a submitted attempt, a question drawn in it, points it is worth at most,
/// and feedback of a sensible length.
fn check_review(
    quiz: &Quiz,
    attempt: &StoredAttempt,
    question_id: &str,
    request: &ReviewRequest,
) -> Result<(), ApiError> {
    if attempt.submission.is_none() {
        return Err(ApiError::InvalidReview(
            "This attempt is still in progress; its answers can be reviewed once it is submitted."
                .into(),
        ));
    }
    let is_drawn = draw(quiz, attempt.seed)
        .question_ids
        .iter()
        .any(|drawn| drawn == question_id);
    let Some(question) = quiz.question(question_id).filter(|_| is_drawn) else {
        return Err(ApiError::InvalidReview(format!(
            "\"{question_id}\" is not a question of this attempt."
        )));
    };
    let possible = Score::from_points(question.points);
    if request.awarded_millipoints > possible {
        return Err(ApiError::InvalidReview(format!(
            "The question is worth at most {possible} points ({} milli-points), so {} \
             milli-points cannot be awarded.",
            possible.millipoints(),
            request.awarded_millipoints.millipoints()
        )));
    }
    let feedback_chars = request.feedback.chars().count();
    if feedback_chars > MAX_FEEDBACK_CHARS {
        return Err(ApiError::InvalidReview(format!(
            "Feedback may be at most {MAX_FEEDBACK_CHARS} characters; this has {feedback_chars}."
        )));
    }
    Ok(())
}
