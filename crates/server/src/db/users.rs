//! The `users` table: accounts with a display name, a role and an Argon2 password hash; and
//! `lms_users`, which account each LMS's learner id stands for. LMS learners get accounts of
//! their own (`lms-` and a hash) that no password opens.

use super::{decode_error, unix_now};
use jiff::Timestamp;
use lectern_api::v1::{LaunchRole, UserProfile};
use lectern_core::{user::Role, IdError, UserId};
use sha2::{Digest, Sha256};
use sqlx::{SqliteConnection, SqliteExecutor};

/// The password hash of accounts made for LMS learners. It is not a PHC string, so
/// `auth::password::verify` rejects every password against it.
pub const LAUNCH_ONLY_PASSWORD_HASH: &str = "!launch-only: this account signs in through its LMS";

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

/// An LMS's learner, as a launch names them.
pub struct LmsLearner<'a> {
    pub api_key_id: &'a str,
    /// The LMS's own id, trimmed.
    pub lms_learner_id: &'a str,
    pub display_name: &'a str,
    pub role: LaunchRole,
    pub now: Timestamp,
}

/// Why an LMS's learner has no account.
#[derive(Debug, thiserror::Error)]
pub enum ProvisionError {
    #[error("the account id {0} belongs to an account that is not this LMS learner's")]
    UserIdTaken(UserId),
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
}

/// The account id of an LMS's learner: `lms-` and 32 hex digits of the SHA-256 of the key
/// id and the learner id, so it is a slug whatever the LMS's ids look like.
pub fn lms_user_id(api_key_id: &str, lms_learner_id: &str) -> Result<UserId, IdError> {
    let mut hasher = Sha256::new();
    hasher.update(api_key_id.as_bytes());
    hasher.update([0]);
    hasher.update(lms_learner_id.as_bytes());
    let digest = hasher.finalize();
    let hex: String = digest[..16]
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect();
    UserId::parse(&format!("lms-{hex}"))
}

/// The account of an LMS's learner, made on their first launch. On later launches the
/// display name is brought up to date and a learner whom the LMS calls an instructor becomes
/// one; no role is ever lowered. Run it in a transaction: it writes first, so SQLite takes
/// the write lock before anything is read.
pub async fn provision_lms_learner(
    conn: &mut SqliteConnection,
    learner: &LmsLearner<'_>,
) -> Result<UserId, ProvisionError> {
    let role = Role::from(learner.role);
    let existing: Option<String> = sqlx::query_scalar(
        "UPDATE users SET display_name = ?, role = CASE WHEN role = 'learner' THEN ? ELSE role END \
         WHERE user_id = (SELECT user_id FROM lms_users WHERE api_key_id = ? AND lms_learner_id = ?) \
         RETURNING user_id",
    )
    .bind(learner.display_name)
    .bind(role.as_str())
    .bind(learner.api_key_id)
    .bind(learner.lms_learner_id)
    .fetch_optional(&mut *conn)
    .await?;
    if let Some(user_id) = existing {
        return Ok(UserId::parse(&user_id).map_err(decode_error)?);
    }
    let user_id =
        lms_user_id(learner.api_key_id, learner.lms_learner_id).map_err(super::encode_error)?;
    if find(&mut *conn, &user_id).await?.is_some() {
        return Err(ProvisionError::UserIdTaken(user_id));
    }
    let user = NewUser {
        user_id: &user_id,
        display_name: learner.display_name,
        role,
        password_hash: LAUNCH_ONLY_PASSWORD_HASH,
    };
    insert(&mut *conn, &user).await?;
    sqlx::query(
        "INSERT INTO lms_users (api_key_id, lms_learner_id, user_id, created_at) VALUES (?, ?, ?, ?)",
    )
    .bind(learner.api_key_id)
    .bind(learner.lms_learner_id)
    .bind(user_id.as_str())
    .bind(learner.now.as_millisecond())
    .execute(&mut *conn)
    .await?;
    Ok(user_id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::password;

    #[test]
    fn no_password_opens_a_launch_only_account() {
        for attempt in ["", "learner1", LAUNCH_ONLY_PASSWORD_HASH, "!launch-only"] {
            assert!(
                !password::verify(attempt, LAUNCH_ONLY_PASSWORD_HASH),
                "{attempt:?}"
            );
        }
    }

    #[test]
    fn lms_user_ids_are_slugs_that_depend_on_the_key_and_the_learner() {
        let id = lms_user_id("key_0011223344556677", "student 42/é").unwrap();
        assert!(
            id.as_str().starts_with("lms-") && id.as_str().len() == 36,
            "{id}"
        );
        assert_eq!(
            id,
            lms_user_id("key_0011223344556677", "student 42/é").unwrap()
        );
        assert_ne!(
            id,
            lms_user_id("key_8899aabbccddeeff", "student 42/é").unwrap()
        );
        assert_ne!(
            id,
            lms_user_id("key_0011223344556677", "student 43/é").unwrap()
        );
        // The separator keeps ("ab", "c") and ("a", "bc") apart.
        assert_ne!(
            lms_user_id("ab", "c").unwrap(),
            lms_user_id("a", "bc").unwrap()
        );
    }
}
