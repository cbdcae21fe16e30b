//! Signing in and out.

use lectern_core::{user::Role, UserId};
use serde::{Deserialize, Serialize};

/// `POST /api/v1/session` body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInRequest {
    pub username: String,
    pub password: String,
}

/// `POST /api/v1/session` answer: a bearer token and who it belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionResponse {
    pub token: String,
    pub user: UserProfile,
}

/// The signed-in user, as the player shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserProfile {
    /// The account's username.
    pub user_id: UserId,
    pub display_name: String,
    pub role: Role,
}
