//! The `sessions` table: one row per signed-in client, keyed by the SHA-256 of its token.

use super::unix_now;
use crate::auth::token::SESSION_LIFETIME_SECONDS;
use lectern_api::v1::UserProfile;
use lectern_core::UserId;
use sqlx::SqliteExecutor;

/// Stores a new session for `user_id` that expires after the session lifetime.
pub async fn insert(
    db: impl SqliteExecutor<'_>,
    token_sha256: &[u8],
    user_id: &UserId,
) -> Result<(), sqlx::Error> {
    let now = unix_now();
    sqlx::query(
        "INSERT INTO sessions (token_sha256, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
    )
    .bind(token_sha256)
    .bind(user_id.as_str())
    .bind(now)
    .bind(now.saturating_add(SESSION_LIFETIME_SECONDS))
    .execute(db)
    .await?;
    Ok(())
}

/// The user of an unexpired session, if the token digest names one.
pub async fn find_user(
    db: impl SqliteExecutor<'_>,
    token_sha256: &[u8],
) -> Result<Option<UserProfile>, sqlx::Error> {
    let row: Option<(String, String, String)> = sqlx::query_as(
        "SELECT users.user_id, users.display_name, users.role FROM sessions \
         JOIN users ON users.user_id = sessions.user_id \
         WHERE sessions.token_sha256 = ? AND sessions.expires_at > ?",
    )
    .bind(token_sha256)
    .bind(unix_now())
    .fetch_optional(db)
    .await?;
    let Some((user_id, display_name, role)) = row else {
        return Ok(None);
    };
    super::users::profile(user_id, display_name, &role).map(Some)
}

/// Revokes one session.
pub async fn delete(db: impl SqliteExecutor<'_>, token_sha256: &[u8]) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sessions WHERE token_sha256 = ?")
        .bind(token_sha256)
        .execute(db)
        .await?;
    Ok(())
}

/// Forgets every expired session.
pub async fn delete_expired(db: impl SqliteExecutor<'_>) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sessions WHERE expires_at <= ?")
        .bind(unix_now())
        .execute(db)
        .await?;
    Ok(())
}
