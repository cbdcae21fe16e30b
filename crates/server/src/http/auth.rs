//! The callers' extractors, both reading `Authorization: Bearer <token>`. `AuthUser`, which
//! every protected route takes, looks up the token's digest among unexpired sessions;
//! `ApiKeyCaller`, which the LMS routes take, among unrevoked API keys. Either rejects with
//! 401 `Unauthorized` otherwise, and a session token is never an API key nor the other way.

use super::ApiError;
use crate::apikey;
use crate::auth::token;
use crate::db::{api_keys, sessions};
use crate::AppState;
use axum::extract::FromRequestParts;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use axum::http::HeaderMap;
use lectern_api::v1::UserProfile;

/// The signed-in caller.
pub struct AuthUser {
    pub profile: UserProfile,
    /// The digest of the presented token, to revoke this session.
    pub token_sha256: Vec<u8>,
}

impl FromRequestParts<AppState> for AuthUser {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let Some(bearer) = bearer_token(&parts.headers) else {
            return Err(ApiError::Unauthorized);
        };
        let token_sha256 = token::digest(bearer);
        let Some(profile) = sessions::find_user(&state.db, &token_sha256).await? else {
            return Err(ApiError::Unauthorized);
        };
        Ok(AuthUser {
            profile,
            token_sha256,
        })
    }
}

/// An LMS calling with its API key.
pub struct ApiKeyCaller {
    pub api_key_id: String,
}

impl FromRequestParts<AppState> for ApiKeyCaller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let Some(key) = bearer_token(&parts.headers).filter(|key| apikey::is_api_key(key)) else {
            return Err(ApiError::BadApiKey);
        };
        let Some(api_key_id) = api_keys::find_active_id(&state.db, &token::digest(key)).await?
        else {
            return Err(ApiError::BadApiKey);
        };
        Ok(ApiKeyCaller { api_key_id })
    }
}

/// The token of an `Authorization: Bearer` header (the scheme is case-insensitive).
fn bearer_token(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(AUTHORIZATION, value.parse().unwrap());
        headers
    }

    #[test]
    fn reads_only_bearer_tokens() {
        assert_eq!(bearer_token(&headers("Bearer abc")), Some("abc"));
        assert_eq!(bearer_token(&headers("bearer  abc ")), Some("abc"));
        assert_eq!(bearer_token(&headers("Basic abc")), None);
        assert_eq!(bearer_token(&headers("Bearer ")), None);
        assert_eq!(bearer_token(&HeaderMap::new()), None);
    }
}
