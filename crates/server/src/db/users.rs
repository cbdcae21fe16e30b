//! The `users` table: accounts with a display name, a role and an Argon2 password hash.

use super::unix_now;
use lectern_api::v1::UserProfile;
use lectern_core::{user::Role, UserId};
use sqlx::SqliteExecutor;

/// An account as stored, with its password hash.
pub struct StoredUser {
    pub profile: UserProfile,
    pub password_hash: String,
}

/// A new account to insert.
pub struct NewUser<'a> {
    pub user_id: &'a UserId,
    pub display_name: &'a str,
    pub role: Role,
    pub password_hash: &'a str,
}

/// Builds a profile from stored columns; a role the code does not know is a decode error.
pub(crate) fn profile(
    user_id: String,
    display_name: String,
    role: &str,
) -> Result<UserProfile, sqlx::Error> {
    let Some(role) = Role::parse(role) else {
        return Err(sqlx::Error::Decode(
            format!("unknown role {role:?} for user {user_id:?}").into(),
        ));
    };
    let user_id = UserId::parse(&user_id).map_err(|err| sqlx::Error::Decode(Box::new(err)))?;
    Ok(UserProfile {
        user_id,
        display_name,
        role,
    })
}

/// The account called `user_id`, if any.
pub async fn find(
    db: impl SqliteExecutor<'_>,
    user_id: &UserId,
) -> Result<Option<StoredUser>, sqlx::Error> {
    let row: Option<(String, String, String, String)> = sqlx::query_as(
        "SELECT user_id, display_name, role, password_hash FROM users WHERE user_id = ?",
    )
    .bind(user_id.as_str())
    .fetch_optional(db)
    .await?;
    let Some((user_id, display_name, role, password_hash)) = row else {
        return Ok(None);
    };
    Ok(Some(StoredUser {
        profile: profile(user_id, display_name, &role)?,
        password_hash,
    }))
}

/// Inserts an account; fails if the user id is taken.
pub async fn insert(db: impl SqliteExecutor<'_>, user: &NewUser<'_>) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO users (user_id, display_name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?)")
        .bind(user.user_id.as_str())
        .bind(user.display_name)
        .bind(user.role.as_str())
        .bind(user.password_hash)
        .bind(unix_now())
        .execute(db)
        .await?;
    Ok(())
}

/// How many accounts exist.
pub async fn count(db: impl SqliteExecutor<'_>) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM users")
        .fetch_one(db)
        .await
}
