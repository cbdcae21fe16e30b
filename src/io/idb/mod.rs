//! The player's IndexedDB database, `lectern`: the connection, its errors and its schema.
//! Records stored here are versioned types of their own, apart from the domain types, so
//! the domain can change without breaking what learners already have on their devices.
//! Schema changes go through [`DB_VERSION`] and the upgrade `match` in `upgrade.rs`; every
//! write commits explicitly (indexed_db_futures rolls back otherwise). Each store's record
//! type and operations live in a file of their own.

mod attempts;
mod connection;
mod downloads;
mod manifests;
mod outbox;
mod progress;
mod upgrade;

pub use attempts::{quiz_key, LocalAttempt, StoredAttemptV1};
pub use connection::SharedConnection;
pub use downloads::{download_key, StoredDownloadLessonV1, StoredDownloadV1, StoredFileV1};
pub use manifests::StoredManifestV1;
pub use outbox::{EventDraft, EventWrite, ProgressEventIds, SetAside, StoredEventV1};
pub use progress::{course_key, progress_key, StoredProgressV1};

use futures_channel::oneshot;
use indexed_db_futures::database::{Database, VersionChangeEvent, VersionChangeListener};
use leptos::logging::warn;
use std::cell::Cell;
use std::future::{poll_fn, Future};
use std::pin::Pin;
use std::rc::Rc;
use std::task::Poll;

/// The database's name.
pub const DB_NAME: &str = "lectern";
/// The schema version this build creates and reads.
pub const DB_VERSION: u32 = 5;
/// Course manifests, keyed by `course_id` (since version 1).
pub const MANIFESTS: &str = "manifests";
/// Lesson progress, keyed by `progress_key` = `"user_id/course_id/lesson_id"` (since
/// version 2).
pub const PROGRESS: &str = "progress";
/// The index of [`PROGRESS`] on `course_key` = `"user_id/course_id"`: one learner's progress
/// through one course in a single request (since version 2).
pub const PROGRESS_BY_COURSE: &str = "by_course";
/// Quiz attempts, keyed by `attempt_key` = the attempt id (since version 3).
pub const ATTEMPTS: &str = "attempts";
/// The index of [`ATTEMPTS`] on `quiz_key` = `"user_id/course_id/lesson_id"` (since
/// version 3).
pub const ATTEMPTS_BY_QUIZ: &str = "by_quiz";
/// Learner events waiting for the server, keyed by `event_key` = the event id (since
/// version 4).
pub const OUTBOX: &str = "outbox";
/// The index of [`OUTBOX`] on `user_id` (since version 4).
pub const OUTBOX_BY_USER: &str = "by_user";
/// Events the server answered "conflict" for, keyed by event id (since version 4).
pub const CONFLICTS: &str = "conflicts";
/// Events the server rejected, keyed by event id (since version 4).
pub const REJECTED: &str = "rejected";
/// This device's id and next event sequence number: one record (since version 4).
pub const DEVICE: &str = "device";
/// The download index, keyed by `download_key` = `"user_id/course_id"` (since version 5).
pub const DOWNLOADS: &str = "downloads";

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

impl PlayerDb {
    /// Every record of `store_name` whose `index_name` key is `key`, read in one request.
    async fn records_by_index<T: serde::de::DeserializeOwned>(
        &self,
        store_name: &str,
        index_name: &str,
        key: &str,
    ) -> Result<Vec<T>, IdbError> {
        use indexed_db_futures::prelude::*;
        let tx = self.db.transaction(store_name).build().map_err(operation)?;
        let store = tx.object_store(store_name).map_err(operation)?;
        let index = store.index(index_name).map_err(operation)?;
        let records = index
            .get_all()
            .with_query(key)
            .serde()
            .map_err(operation)?
            .await
            .map_err(operation)?;
        records
            .into_iter()
            .map(|record| record.map_err(operation))
            .collect()
    }
}

/// An open connection to the player's database. Closes when dropped, and by itself when
/// another tab needs to upgrade or delete the database (a `versionchange` event), so a newer
/// player is never blocked by this one.
#[derive(Debug)]
pub struct PlayerDb {
    db: Database,
    /// Cleared once the connection has been closed under us.
    is_open: Rc<Cell<bool>>,
    /// Dropped with the connection, which ends its `versionchange` watcher.
    _stop_watching: oneshot::Sender<()>,
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
                upgrade::upgrade(&db, event.old_version())
            })
            .await
            .map_err(|err| IdbError::Open(err.to_string()))?;
        let is_open = Rc::new(Cell::new(true));
        let (stop_watching, stopped) = oneshot::channel();
        match db.version_changes() {
            Ok(listener) => wasm_bindgen_futures::spawn_local(close_on_version_change(
                listener,
                stopped,
                Rc::clone(&is_open),
            )),
            // The connection still works; it only cannot step aside for an upgrade.
            Err(err) => warn!("cannot watch IndexedDB for version changes: {err}"),
        }
        Ok(PlayerDb {
            db,
            is_open,
            _stop_watching: stop_watching,
        })
    }

    /// The schema version of the open database.
    pub fn version(&self) -> f64 {
        self.db.version()
    }

    /// The names of its object stores.
    pub fn store_names(&self) -> Vec<String> {
        self.db.object_store_names().collect()
    }

    /// Whether the connection can still be used: `false` once it was closed because another
    /// connection asked to upgrade or delete the database, or the browser closed it.
    pub fn is_open(&self) -> bool {
        self.is_open.get()
    }
}

impl Drop for PlayerDb {
    fn drop(&mut self) {
        // Closing lets a future version's upgrade run without waiting for this tab.
        self.db.clone().close();
    }
}

/// Closes the connection behind `listener` when a `versionchange` event arrives (or notes
/// that the browser closed it), and ends quietly when its [`PlayerDb`] is dropped first.
async fn close_on_version_change(
    mut listener: VersionChangeListener,
    mut stopped: oneshot::Receiver<()>,
    is_open: Rc<Cell<bool>>,
) {
    let is_changed = poll_fn(|cx| {
        if Pin::new(&mut stopped).poll(cx).is_ready() {
            return Poll::Ready(false);
        }
        // `None` means the browser closed the connection itself.
        listener.poll_recv(cx).map(|_| true)
    })
    .await;
    if is_changed {
        is_open.set(false);
        listener.db().clone().close();
    }
}
