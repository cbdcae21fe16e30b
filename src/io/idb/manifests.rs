//! The `manifests` store (since schema version 1): the copy of each course manifest kept for
//! when the server cannot be reached.

use super::{operation, IdbError, PlayerDb, MANIFESTS};
use indexed_db_futures::prelude::*;
use serde::{Deserialize, Serialize};

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

impl PlayerDb {
    /// Stores `record`, replacing any record for the same course.
    pub async fn put_manifest(&self, record: &StoredManifestV1) -> Result<(), IdbError> {
        self.put_record(MANIFESTS, record).await
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
        self.all_records(MANIFESTS).await
    }

    /// Forgets the cached manifest of `course_id`.
    pub async fn delete_manifest(&self, course_id: &str) -> Result<(), IdbError> {
        self.delete_record(MANIFESTS, course_id).await
    }
}
