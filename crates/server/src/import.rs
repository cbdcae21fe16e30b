//! Importing a course: validate the manifest with `lectern_core`, then store its canonical
//! JSON in one transaction. An invalid manifest writes nothing. The demo seed and the
//! `import` command both come through here.

use crate::db;
use lectern_core::{parse_manifest, Course, ManifestProblems};
use sqlx::{SqliteConnection, SqlitePool};

/// Why a course was not imported.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{0}")]
    Invalid(ManifestProblems),
    #[error("could not serialise the course: {0}")]
    Serialize(#[from] serde_json::Error),
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
}

/// Validates `manifest_json` and stores the course, inserting it or replacing the course
/// with the same id. Returns the stored course.
pub async fn import_manifest(db: &SqlitePool, manifest_json: &str) -> Result<Course, ImportError> {
    let course = parse_manifest(manifest_json).map_err(ImportError::Invalid)?;
    import_course(db, &course).await?;
    Ok(course)
}

/// Stores an already validated course in its own transaction.
pub async fn import_course(db: &SqlitePool, course: &Course) -> Result<(), ImportError> {
    let mut transaction = db.begin().await?;
    store_course(&mut transaction, course).await?;
    transaction.commit().await?;
    Ok(())
}

/// Stores an already validated course on `conn` (inside the caller's transaction).
pub async fn store_course(conn: &mut SqliteConnection, course: &Course) -> Result<(), ImportError> {
    let canonical_json = serde_json::to_string(course)?;
    db::courses::upsert(conn, course, &canonical_json).await?;
    Ok(())
}
