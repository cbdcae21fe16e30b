//! Brings an older schema up to [`DB_VERSION`](super::DB_VERSION), one version at a time, so
//! a database from any earlier player release still opens with everything it held.

use super::{
    ATTEMPTS, ATTEMPTS_BY_QUIZ, CONFLICTS, DB_VERSION, DEVICE, DOWNLOADS, MANIFESTS, OUTBOX,
    OUTBOX_BY_USER, PROGRESS, PROGRESS_BY_COURSE, REJECTED,
};
use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::KeyPath;

/// Runs the `match` arm of every version from `old_version` up to [`DB_VERSION`]: a new
/// database runs them all, a version 1 database only the arms from 1 on.
pub(super) fn upgrade(db: &Database, old_version: f64) -> indexed_db_futures::Result<()> {
    // Versions are small whole numbers; IndexedDB hands them over as floats.
    let old_version = old_version as u32;
    for from in old_version..DB_VERSION {
        match from {
            0 => {
                db.create_object_store(MANIFESTS)
                    .with_key_path(KeyPath::One("course_id"))
                    .build()?;
            }
            1 => {
                let progress = db
                    .create_object_store(PROGRESS)
                    .with_key_path(KeyPath::One("progress_key"))
                    .build()?;
                progress
                    .create_index(PROGRESS_BY_COURSE, KeyPath::One("course_key"))
                    .build()?;
            }
            2 => {
                let attempts = db
                    .create_object_store(ATTEMPTS)
                    .with_key_path(KeyPath::One("attempt_key"))
                    .build()?;
                attempts
                    .create_index(ATTEMPTS_BY_QUIZ, KeyPath::One("quiz_key"))
                    .build()?;
            }
            3 => {
                let outbox = db
                    .create_object_store(OUTBOX)
                    .with_key_path(KeyPath::One("event_key"))
                    .build()?;
                outbox
                    .create_index(OUTBOX_BY_USER, KeyPath::One("user_id"))
                    .build()?;
                for set_aside in [CONFLICTS, REJECTED] {
                    db.create_object_store(set_aside)
                        .with_key_path(KeyPath::One("event_key"))
                        .build()?;
                }
                db.create_object_store(DEVICE)
                    .with_key_path(KeyPath::One("device_key"))
                    .build()?;
            }
            4 => {
                db.create_object_store(DOWNLOADS)
                    .with_key_path(KeyPath::One("download_key"))
                    .build()?;
            }
            // Each new schema version adds an arm here.
            _ => return Ok(()),
        }
    }
    Ok(())
}
