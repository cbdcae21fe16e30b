//! The `api_keys` table: the keys LMSs hold to ask for launches, by id, with the SHA-256 of
//! the key (never the key), the origins allowed to embed the player, and when the key was
//! revoked, if it was. Minting keys is `crate::apikey`'s.

use super::decode_error;
use jiff::Timestamp;
use sqlx::SqliteExecutor;

/// A key as stored, without its digest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredApiKey {
    pub api_key_id: String,
    pub name: String,
    /// Exact origins such as `https://lms.example.edu`.
    pub allowed_origins: Vec<String>,
    pub created_at: Timestamp,
    pub revoked_at: Option<Timestamp>,
}

/// A key to insert.
pub struct NewApiKey<'a> {
    pub api_key_id: &'a str,
    pub name: &'a str,
    pub key_sha256: &'a [u8],
    pub allowed_origins: &'a [String],
    pub created_at: Timestamp,
}

type ApiKeyRow = (String, String, String, i64, Option<i64>);

fn time(millis: i64) -> Result<Timestamp, sqlx::Error> {
    Timestamp::from_millisecond(millis).map_err(decode_error)
}

fn api_key(
    (api_key_id, name, origins_json, created_at, revoked_at): ApiKeyRow,
) -> Result<StoredApiKey, sqlx::Error> {
    Ok(StoredApiKey {
        api_key_id,
        name,
        allowed_origins: serde_json::from_str(&origins_json).map_err(decode_error)?,
        created_at: time(created_at)?,
        revoked_at: revoked_at.map(time).transpose()?,
    })
}

/// Inserts a key; fails if its id or its digest is taken.
pub async fn insert(db: impl SqliteExecutor<'_>, key: &NewApiKey<'_>) -> Result<(), sqlx::Error> {
    let origins_json = serde_json::to_string(key.allowed_origins).map_err(super::encode_error)?;
    sqlx::query(
        "INSERT INTO api_keys (api_key_id, name, key_sha256, allowed_origins, created_at) \
         VALUES (?, ?, ?, ?, ?)",
    )
    .bind(key.api_key_id)
    .bind(key.name)
    .bind(key.key_sha256)
    .bind(origins_json)
    .bind(key.created_at.as_millisecond())
    .execute(db)
    .await?;
    Ok(())
}

/// Every key, oldest first.
pub async fn list(db: impl SqliteExecutor<'_>) -> Result<Vec<StoredApiKey>, sqlx::Error> {
    let rows: Vec<ApiKeyRow> = sqlx::query_as(
        "SELECT api_key_id, name, allowed_origins, created_at, revoked_at FROM api_keys \
         ORDER BY created_at, api_key_id",
    )
    .fetch_all(db)
    .await?;
    rows.into_iter().map(api_key).collect()
}

/// The key with this id, revoked or not.
pub async fn find(
    db: impl SqliteExecutor<'_>,
    api_key_id: &str,
) -> Result<Option<StoredApiKey>, sqlx::Error> {
    let row: Option<ApiKeyRow> = sqlx::query_as(
        "SELECT api_key_id, name, allowed_origins, created_at, revoked_at FROM api_keys \
         WHERE api_key_id = ?",
    )
    .bind(api_key_id)
    .fetch_optional(db)
    .await?;
    row.map(api_key).transpose()
}

/// The id of the unrevoked key with this digest, if there is one.
pub async fn find_active_id(
    db: impl SqliteExecutor<'_>,
    key_sha256: &[u8],
) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT api_key_id FROM api_keys WHERE key_sha256 = ? AND revoked_at IS NULL",
    )
    .bind(key_sha256)
    .fetch_optional(db)
    .await
}

/// Every origin that an unrevoked key lets embed the player, each once, oldest key first.
pub async fn active_allowed_origins(
    db: impl SqliteExecutor<'_>,
) -> Result<Vec<String>, sqlx::Error> {
    let lists: Vec<String> = sqlx::query_scalar(
        "SELECT allowed_origins FROM api_keys WHERE revoked_at IS NULL \
         ORDER BY created_at, api_key_id",
    )
    .fetch_all(db)
    .await?;
    let mut origins: Vec<String> = Vec::new();
    for list in lists {
        let list: Vec<String> = serde_json::from_str(&list).map_err(decode_error)?;
        for origin in list {
            if !origins.contains(&origin) {
                origins.push(origin);
            }
        }
    }
    Ok(origins)
}

/// Whether the key with this id exists and is not revoked.
pub async fn is_active(db: impl SqliteExecutor<'_>, api_key_id: &str) -> Result<bool, sqlx::Error> {
    let found: Option<i64> =
        sqlx::query_scalar("SELECT 1 FROM api_keys WHERE api_key_id = ? AND revoked_at IS NULL")
            .bind(api_key_id)
            .fetch_optional(db)
            .await?;
    Ok(found.is_some())
}

/// Revokes an unrevoked key at `now`. Returns whether a key was revoked (not when it is
/// unknown or was revoked before).
pub async fn revoke(
    db: impl SqliteExecutor<'_>,
    api_key_id: &str,
    now: Timestamp,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE api_keys SET revoked_at = ? WHERE api_key_id = ? AND revoked_at IS NULL",
    )
    .bind(now.as_millisecond())
    .bind(api_key_id)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}
