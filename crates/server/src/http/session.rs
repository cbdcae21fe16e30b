//! `POST /api/v1/session` signs in with a username and password; `DELETE` signs out by
//! revoking the presented token.

use super::{ApiError, ApiJson, AuthUser};
use crate::auth::{password, token};
use crate::db::{sessions, users};
use crate::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use axum::{Json, Router};
use lectern_api::v1::{routes, SessionResponse, SignInRequest};
use lectern_core::UserId;

pub fn router() -> Router<AppState> {
    Router::new().route(routes::SESSION, post(sign_in).delete(sign_out))
}

async fn sign_in(
    State(state): State<AppState>,
    ApiJson(request): ApiJson<SignInRequest>,
) -> Result<Json<SessionResponse>, ApiError> {
    let stored = match UserId::parse(&request.username) {
        Ok(user_id) => users::find(&state.db, &user_id).await?,
        Err(_) => None,
    };
    // An unknown user still costs one Argon2 verification, so timing does not tell.
    let (password_hash, profile) = match stored {
        Some(user) => (user.password_hash, Some(user.profile)),
        None => (state.dummy_password_hash.to_string(), None),
    };
    let is_match = password::verify_off_thread(request.password, password_hash).await?;
    let (true, Some(profile)) = (is_match, profile) else {
        return Err(ApiError::BadCredentials);
    };
    let new_token = token::mint()?;
    sessions::delete_expired(&state.db).await?;
    sessions::insert(&state.db, &new_token.token_sha256, &profile.user_id).await?;
    tracing::info!(user_id = %profile.user_id, "signed in");
    Ok(Json(SessionResponse {
        token: new_token.token,
        user: profile,
    }))
}

async fn sign_out(State(state): State<AppState>, caller: AuthUser) -> Result<StatusCode, ApiError> {
    sessions::delete(&state.db, &caller.token_sha256).await?;
    Ok(StatusCode::NO_CONTENT)
}
