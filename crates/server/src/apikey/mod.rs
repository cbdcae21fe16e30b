//! API keys for LMSs: minting one (`lk_` and a random token, stored only as its SHA-256,
//! under an id `key_` and 16 hex digits), listing and revoking them. The `apikey` command
//! and the tests come through here; `http::auth::ApiKeyCaller` checks presented keys.

pub mod origin;

use crate::auth::token;
use crate::db::api_keys::{self, NewApiKey, StoredApiKey};
use jiff::Timestamp;
use origin::Origin;
use sqlx::SqlitePool;

/// Every API key starts with this, so it is never mistaken for a session token.
pub const API_KEY_PREFIX: &str = "lk_";

/// Every API key id starts with this.
pub const API_KEY_ID_PREFIX: &str = "key_";

/// Longest name a key may have, in characters.
pub const MAX_API_KEY_NAME_CHARS: usize = 100;

/// A key just made. `key` is the secret: it exists only here and with the LMS.
pub struct CreatedApiKey {
    pub api_key_id: String,
    pub name: String,
    pub allowed_origins: Vec<String>,
    pub key: String,
}

/// What revoking did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Revocation {
    Revoked(StoredApiKey),
    /// The key had been revoked before; nothing changed.
    AlreadyRevoked(StoredApiKey),
}

/// Why a key could not be made or revoked.
#[derive(Debug, thiserror::Error)]
pub enum ApiKeyError {
    #[error("the key's name must not be empty")]
    EmptyName,
    #[error("the key's name must be at most {MAX_API_KEY_NAME_CHARS} characters")]
    NameTooLong,
    #[error("there is no API key {0:?} (`apikey list` shows them)")]
    UnknownKey(String),
    #[error("no random source for the key: {0}")]
    Random(getrandom::Error),
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
}

/// Whether `text` looks like an API key (and so is not a session token).
pub fn is_api_key(text: &str) -> bool {
    text.starts_with(API_KEY_PREFIX)
}

/// Mints and stores a key called `name` (trimmed) for the LMS at `origins` (duplicates
/// dropped, order kept).
pub async fn create(
    db: &SqlitePool,
    name: &str,
    origins: &[Origin],
    now: Timestamp,
) -> Result<CreatedApiKey, ApiKeyError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(ApiKeyError::EmptyName);
    }
    if name.chars().count() > MAX_API_KEY_NAME_CHARS {
        return Err(ApiKeyError::NameTooLong);
    }
    let mut allowed_origins: Vec<String> = Vec::with_capacity(origins.len());
    for origin in origins {
        if !allowed_origins.iter().any(|kept| kept == origin.as_str()) {
            allowed_origins.push(origin.as_str().to_owned());
        }
    }
    let minted = token::mint().map_err(ApiKeyError::Random)?;
    let key = format!("{API_KEY_PREFIX}{}", minted.token);
    let api_key_id = new_api_key_id()?;
    api_keys::insert(
        db,
        &NewApiKey {
            api_key_id: &api_key_id,
            name,
            key_sha256: &token::digest(&key),
            allowed_origins: &allowed_origins,
            created_at: now,
        },
    )
    .await?;
    Ok(CreatedApiKey {
        api_key_id,
        name: name.to_owned(),
        allowed_origins,
        key,
    })
}

/// Every key, oldest first, without secrets (none are stored).
pub async fn list(db: &SqlitePool) -> Result<Vec<StoredApiKey>, ApiKeyError> {
    Ok(api_keys::list(db).await?)
}

/// Revokes the key `api_key_id` at `now`: it can no longer launch, and its launch links that
/// are not yet used stop working.
pub async fn revoke(
    db: &SqlitePool,
    api_key_id: &str,
    now: Timestamp,
) -> Result<Revocation, ApiKeyError> {
    let Some(mut key) = api_keys::find(db, api_key_id).await? else {
        return Err(ApiKeyError::UnknownKey(api_key_id.to_owned()));
    };
    if !api_keys::revoke(db, api_key_id, now).await? {
        return Ok(Revocation::AlreadyRevoked(key));
    }
    key.revoked_at = Some(now);
    Ok(Revocation::Revoked(key))
}

/// `key_` and 16 random hex digits.
fn new_api_key_id() -> Result<String, ApiKeyError> {
    let mut random = [0_u8; 8];
    getrandom::fill(&mut random).map_err(ApiKeyError::Random)?;
    let hex: String = random.iter().map(|byte| format!("{byte:02x}")).collect();
    Ok(format!("{API_KEY_ID_PREFIX}{hex}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn scratch_db() -> (tempfile::TempDir, SqlitePool) {
        let scratch = tempfile::tempdir().unwrap();
        let path = scratch.path().join("keys.db");
        let db = crate::db::open(path.to_str().unwrap()).await.unwrap();
        (scratch, db)
    }

    #[tokio::test]
    async fn keys_are_prefixed_stored_as_digests_and_revoked_once() {
        let (_scratch, db) = scratch_db().await;
        let now: Timestamp = "2031-01-01T00:00:00Z".parse().unwrap();
        let lms = Origin::parse("https://lms.example.edu").unwrap();
        let created = create(&db, "  Moodle ", &[lms.clone(), lms], now)
            .await
            .unwrap();
        assert!(is_api_key(&created.key) && created.key.len() == 46);
        assert!(created.api_key_id.starts_with("key_") && created.api_key_id.len() == 20);
        assert_eq!(created.name, "Moodle");
        assert_eq!(created.allowed_origins, ["https://lms.example.edu"]);
        let stored: Vec<u8> = sqlx::query_scalar("SELECT key_sha256 FROM api_keys")
            .fetch_one(&db)
            .await
            .unwrap();
        assert_eq!(stored, token::digest(&created.key));

        let later: Timestamp = "2031-01-02T00:00:00Z".parse().unwrap();
        let Revocation::Revoked(revoked) = revoke(&db, &created.api_key_id, later).await.unwrap()
        else {
            panic!("not revoked")
        };
        assert_eq!(revoked.revoked_at, Some(later));
        let again = revoke(&db, &created.api_key_id, now).await.unwrap();
        assert!(matches!(again, Revocation::AlreadyRevoked(key) if key.revoked_at == Some(later)));
        assert!(matches!(
            revoke(&db, "key_nope", now).await,
            Err(ApiKeyError::UnknownKey(_))
        ));
        assert_eq!(list(&db).await.unwrap(), [revoked]);
    }

    #[tokio::test]
    async fn a_key_needs_a_name() {
        let (_scratch, db) = scratch_db().await;
        let now = Timestamp::UNIX_EPOCH;
        assert!(matches!(
            create(&db, " ", &[], now).await,
            Err(ApiKeyError::EmptyName)
        ));
        let long = "x".repeat(MAX_API_KEY_NAME_CHARS + 1);
        assert!(matches!(
            create(&db, &long, &[], now).await,
            Err(ApiKeyError::NameTooLong)
        ));
        assert!(list(&db).await.unwrap().is_empty());
    }
}
