//! Launches without passwords. `POST /api/v1/launches`, for an LMS with its API key, gives
//! the learner an account and an enrolment if they lack them and answers a single-use launch
//! link; `POST /api/v1/launches/exchange` trades the link's token for a session, once, within
//! `LAUNCH_TTL`, while the key is not revoked, and tells the player which origins the key
//! lets embed it. Both are rate limited by peer address. API keys, launch tokens, session
//! tokens and launch links are never logged.

use super::launch_refusal::{refusal, LaunchRefusal, LAUNCH_TTL};
use super::peer_limit::{LaunchExchangeRoute, LaunchesRoute, WithinRateLimit};
use super::{ApiError, ApiJson, ApiKeyCaller};
use crate::auth::token;
use crate::db::launches::{self, NewLaunch};
use crate::db::users::{self, LmsLearner, ProvisionError};
use crate::db::{api_keys, enrolments, sessions};
use crate::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use axum::{Json, Router};
use jiff::{SignedDuration, Timestamp};
use lectern_api::v1::{
    routes, FieldProblem, LaunchExchangeRequest, LaunchExchangeResponse, LaunchRequest,
    LaunchResponse,
};
use lectern_core::parse_manifest;
use lectern_core::user::Role;
use sqlx::SqlitePool;

/// How long launches are kept after they expire, so that a late second use still hears
/// "used" or "expired" rather than "unknown".
const LAUNCH_RETENTION: SignedDuration = SignedDuration::from_secs(24 * 60 * 60);

impl From<ProvisionError> for ApiError {
    fn from(err: ProvisionError) -> Self {
        match err {
            ProvisionError::Database(err) => ApiError::Database(err),
            taken @ ProvisionError::UserIdTaken(_) => ApiError::Internal(taken.to_string()),
        }
    }
}

pub fn router() -> Router<AppState> {
    Router::new()
        .route(routes::LAUNCHES, post(create))
        .route(routes::LAUNCH_EXCHANGE, post(exchange))
}

async fn create(
    _within_limit: WithinRateLimit<LaunchesRoute>,
    State(state): State<AppState>,
    caller: ApiKeyCaller,
    ApiJson(request): ApiJson<LaunchRequest>,
) -> Result<(StatusCode, Json<LaunchResponse>), ApiError> {
    let problems = request.problems();
    if !problems.is_empty() {
        return Err(ApiError::InvalidLaunch(problems));
    }
    check_course_and_lesson(&state.db, &request).await?;
    let now = state.clock.now();
    let expires_at = now
        .checked_add(LAUNCH_TTL)
        .map_err(|err| ApiError::Internal(format!("a launch's expiry: {err}")))?;
    let launch_token = token::mint()?;
    let learner = LmsLearner {
        api_key_id: &caller.api_key_id,
        lms_learner_id: request.trimmed_learner_id(),
        display_name: request.trimmed_display_name(),
        role: request.role,
        now,
    };
    let mut transaction = state.db.begin().await?;
    let user_id = users::provision_lms_learner(&mut transaction, &learner).await?;
    let role = Role::from(request.role);
    enrolments::upsert_keeping_admin(&mut *transaction, &user_id, &request.course_id, role).await?;
    let forget_before = now.checked_sub(LAUNCH_RETENTION).unwrap_or(Timestamp::MIN);
    launches::delete_expired_before(&mut *transaction, forget_before).await?;
    let launch = NewLaunch {
        launch_sha256: &launch_token.token_sha256,
        api_key_id: &caller.api_key_id,
        user_id: &user_id,
        course_id: &request.course_id,
        lesson_id: request.lesson_id.as_ref(),
        created_at: now,
        expires_at,
    };
    launches::insert(&mut *transaction, &launch).await?;
    transaction.commit().await?;
    tracing::info!(
        api_key_id = %caller.api_key_id,
        user_id = %user_id,
        course_id = %request.course_id,
        "launch link made"
    );
    let launch_url = format!(
        "{}/launch#token={}",
        state.public_url.as_str(),
        launch_token.token
    );
    let response = LaunchResponse {
        launch_url,
        expires_at,
        user_id,
    };
    Ok((StatusCode::CREATED, Json(response)))
}

/// The course must be stored, and the lesson, if one is named, be in it.
async fn check_course_and_lesson(db: &SqlitePool, request: &LaunchRequest) -> Result<(), ApiError> {
    let Some(manifest_json) = launches::course_manifest(db, &request.course_id).await? else {
        return Err(ApiError::CourseNotFound(request.course_id.clone()));
    };
    let Some(lesson_id) = &request.lesson_id else {
        return Ok(());
    };
    let course = parse_manifest(&manifest_json).map_err(|problems| {
        ApiError::Internal(format!("a stored manifest no longer validates: {problems}"))
    })?;
    if course.lesson(lesson_id).is_some() {
        return Ok(());
    }
    Err(ApiError::InvalidLaunch(vec![FieldProblem {
        path: "$.lesson_id".into(),
        message: format!(
            "the course {} has no lesson {:?}",
            request.course_id,
            lesson_id.as_str()
        ),
    }]))
}

/// Marks the launch used and starts the session in one transaction: a refused or failed
/// exchange leaves the launch as it was.
async fn exchange(
    _within_limit: WithinRateLimit<LaunchExchangeRoute>,
    State(state): State<AppState>,
    ApiJson(request): ApiJson<LaunchExchangeRequest>,
) -> Result<Json<LaunchExchangeResponse>, ApiError> {
    let now = state.clock.now();
    let launch_sha256 = token::digest(request.launch_token.trim());
    let session_token = token::mint()?;
    let mut transaction = state.db.begin().await?;
    let Some(launch) = launches::mark_used(&mut *transaction, &launch_sha256, now).await? else {
        let is_known = launches::find(&mut *transaction, &launch_sha256)
            .await?
            .is_some();
        let refused = if is_known {
            LaunchRefusal::Used
        } else {
            LaunchRefusal::Unknown
        };
        return Err(ApiError::LaunchRefused(refused));
    };
    let key = api_keys::find(&mut *transaction, &launch.api_key_id).await?;
    let is_key_active = key.as_ref().is_some_and(|key| key.revoked_at.is_none());
    if let Some(refused) = refusal(&launch, is_key_active, now) {
        // Dropping the transaction rolls the marking back.
        return Err(ApiError::LaunchRefused(refused));
    }
    sessions::insert(
        &mut *transaction,
        &session_token.token_sha256,
        &launch.user_id,
    )
    .await?;
    let Some(user) = users::find(&mut *transaction, &launch.user_id).await? else {
        let gone = format!("the account {} of a launch is gone", launch.user_id);
        return Err(ApiError::Internal(gone));
    };
    transaction.commit().await?;
    tracing::info!(
        user_id = %launch.user_id,
        course_id = %launch.course_id,
        "launch exchanged for a session"
    );
    Ok(Json(LaunchExchangeResponse {
        token: session_token.token,
        user: user.profile,
        course_id: launch.course_id,
        lesson_id: launch.lesson_id,
        embed_origins: key.map(|key| key.allowed_origins).unwrap_or_default(),
    }))
}
