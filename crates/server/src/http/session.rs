//! `POST /api/v1/session` signs in with a username and password, within the sign-in rate
//! limit; `DELETE` signs out by revoking the presented token.

use super::peer_limit::{SignInRoute, WithinRateLimit};
use super::{ApiError, ApiJson, AuthUser};
use crate::auth::{password, token};
use crate::db::sessions;
use crate::db::users::{self, StoredUser, LAUNCH_ONLY_PASSWORD_HASH};
use crate::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use axum::{Json, Router};
use lectern_api::v1::{routes, SessionResponse, SignInRequest, UserProfile};
use lectern_core::UserId;

pub fn router() -> Router<AppState> {
    Router::new().route(routes::SESSION, post(sign_in).delete(sign_out))
}

async fn sign_in(
    _within_limit: WithinRateLimit<SignInRoute>,
    State(state): State<AppState>,
    ApiJson(request): ApiJson<SignInRequest>,
) -> Result<Json<SessionResponse>, ApiError> {
    let stored = match UserId::parse(&request.username) {
        Ok(user_id) => users::find(&state.db, &user_id).await?,
        Err(_) => None,
    };
    let (password_hash, profile) = hash_to_verify(stored, &state.dummy_password_hash);
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

/// The hash to verify the password against, and the account it opens. An unknown user and
/// an account that signs in only through its LMS open nothing, but still cost one Argon2
/// verification (against the dummy hash), so timing does not tell them from a wrong password.
fn hash_to_verify(
    stored: Option<StoredUser>,
    dummy_password_hash: &str,
) -> (String, Option<UserProfile>) {
    match stored {
        Some(user) if user.password_hash != LAUNCH_ONLY_PASSWORD_HASH => {
            (user.password_hash, Some(user.profile))
        }
        _ => (dummy_password_hash.to_owned(), None),
    }
}

async fn sign_out(State(state): State<AppState>, caller: AuthUser) -> Result<StatusCode, ApiError> {
    sessions::delete(&state.db, &caller.token_sha256).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[cfg(test)]
mod tests {
    use super::*;
    use lectern_core::user::Role;

    fn stored(user_id: &str, password_hash: &str) -> StoredUser {
        StoredUser {
            profile: UserProfile {
                user_id: UserId::parse(user_id).unwrap(),
                display_name: "Someone".into(),
                role: Role::Learner,
            },
            password_hash: password_hash.into(),
        }
    }

    #[test]
    fn accounts_of_lms_learners_cost_a_verification_like_unknown_users() {
        let dummy = "$argon2id$v=19$m=19456,t=2,p=1$ZHVtbXk$ZHVtbXk";
        let lms_account = stored("lms-0a1b", LAUNCH_ONLY_PASSWORD_HASH);
        assert_eq!(
            hash_to_verify(Some(lms_account), dummy),
            (dummy.to_owned(), None)
        );
        assert_eq!(hash_to_verify(None, dummy), (dummy.to_owned(), None));
        let (hash, profile) = hash_to_verify(Some(stored("learner1", "$argon2id$real")), dummy);
        assert_eq!(hash, "$argon2id$real");
        assert_eq!(
            profile.map(|p| p.user_id.to_string()).as_deref(),
            Some("learner1")
        );
    }
}
