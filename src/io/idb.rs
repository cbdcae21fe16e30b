//! The player's IndexedDB database, `lectern`. Records stored here are versioned types of
//! their own, apart from the domain types, so the domain can change without breaking what
//! learners already have on their devices. Schema changes go through [`DB_VERSION`] and the
//! upgrade `match`; every write commits explicitly (indexed_db_futures rolls back otherwise).

use indexed_db_futures::database::{Database, VersionChangeEvent};
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use indexed_db_futures::KeyPath;
use serde::{Deserialize, Serialize};

/// The database's name.
pub const DB_NAME: &str = "lectern";
/// The schema version this build creates and reads.
pub const DB_VERSION: u32 = 1;
/// Course manifests, keyed by `course_id` (since version 1).
pub const MANIFESTS: &str = "manifests";

/// A cached course manifest, as stored since schema version 1.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredManifestV1 {
    /// The key.
    pub course_id: String,
    /// The manifest exactly as the server sent it; validated again when read.
    pub manifest_json: String,
    /// When it was fetched, in milliseconds since the Unix epoch.
    pub fetched_at_ms: f64,
}

/// Why IndexedDB could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdbError {
    /// No IndexedDB (some private modes), a blocked upgrade, or a failed upgrade.
    #[error("IndexedDB could not be opened: {0}")]
    Open(String),
    /// A read or write failed (quota, a closed connection, bad data).
    #[error("IndexedDB operation failed: {0}")]
    Operation(String),
}

fn operation(err: indexed_db_futures::error::Error) -> IdbError {
    IdbError::Operation(err.to_string())
}

/// An open connection to the player's database. Closes when dropped.
#[derive(Debug)]
pub struct PlayerDb {
    db: Database,
}

impl PlayerDb {
    /// Opens (creating or upgrading) the player's database.
    pub async fn open() -> Result<PlayerDb, IdbError> {
        PlayerDb::open_named(DB_NAME).await
    }

    /// Opens a database with the player's schema under another name (for tests).
    pub async fn open_named(name: &str) -> Result<PlayerDb, IdbError> {
        let db = Database::open(name)
            .with_version(DB_VERSION)
            .with_on_upgrade_needed(|event: VersionChangeEvent, db: Database| {
                upgrade(&db, event.old_version())
            })
            .await
            .map_err(|err| IdbError::Open(err.to_string()))?;
        Ok(PlayerDb { db })
    }

    /// The schema version of the open database.
    pub fn version(&self) -> f64 {
        self.db.version()
    }

    /// The names of its object stores.
    pub fn store_names(&self) -> Vec<String> {
        self.db.object_store_names().collect()
    }

    /// Stores `record`, replacing any record for the same course.
    pub async fn put_manifest(&self, record: &StoredManifestV1) -> Result<(), IdbError> {
        let tx = self
            .db
            .transaction(MANIFESTS)
            .with_mode(TransactionMode::Readwrite)
            .build()
            .map_err(operation)?;
        let store = tx.object_store(MANIFESTS).map_err(operation)?;
        store
            .put(record)
            .serde()
            .map_err(operation)?
            .await
            .map_err(operation)?;
        tx.commit().await.map_err(operation)
    }

    /// The cached manifest of `course_id`, if there is one.
    pub async fn manifest(&self, course_id: &str) -> Result<Option<StoredManifestV1>, IdbError> {
        let tx = self.db.transaction(MANIFESTS).build().map_err(operation)?;
        let store = tx.object_store(MANIFESTS).map_err(operation)?;
        store
            .get(course_id)
            .serde()
            .map_err(operation)?
            .await
            .map_err(operation)
    }

    /// Every cached manifest, by course id.
    pub async fn manifests(&self) -> Result<Vec<StoredManifestV1>, IdbError> {
        let tx = self.db.transaction(MANIFESTS).build().map_err(operation)?;
        let store = tx.object_store(MANIFESTS).map_err(operation)?;
        let records = store
            .get_all()
            .serde()
            .map_err(operation)?
            .await
            .map_err(operation)?;
        records
            .collect::<Result<Vec<StoredManifestV1>, _>>()
            .map_err(operation)
    }

    /// Forgets the cached manifest of `course_id`.
    pub async fn delete_manifest(&self, course_id: &str) -> Result<(), IdbError> {
        let tx = self
            .db
            .transaction(MANIFESTS)
            .with_mode(TransactionMode::Readwrite)
            .build()
            .map_err(operation)?;
        let store = tx.object_store(MANIFESTS).map_err(operation)?;
        store
            .delete(course_id)
            .primitive()
            .map_err(operation)?
            .await
            .map_err(operation)?;
        tx.commit().await.map_err(operation)
    }
}

impl Drop for PlayerDb {
    fn drop(&mut self) {
        // Closing lets a future version's upgrade run without waiting for this tab.
        self.db.clone().close();
    }
}

/// Brings the schema from `old_version` up to [`DB_VERSION`], one version at a time.
fn upgrade(db: &Database, old_version: f64) -> indexed_db_futures::Result<()> {
    // Versions are small whole numbers; IndexedDB hands them over as floats.
    let old_version = old_version as u32;
    for from in old_version..DB_VERSION {
        match from {
            0 => {
                db.create_object_store(MANIFESTS)
                    .with_key_path(KeyPath::One("course_id"))
                    .build()?;
            }
            // Each new schema version adds an arm here.
            _ => return Ok(()),
        }
    }
    Ok(())
}
