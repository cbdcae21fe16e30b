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

pub use attempts::{quiz_key, LocalAttempt, QuizOwner, StoredAttemptV1};
pub use connection::SharedConnection;
pub use downloads::{download_key, StoredDownloadLessonV1, StoredDownloadV1, StoredFileV1};
pub use manifests::StoredManifestV1;
pub use outbox::{
    progress_drafts, EventDraft, EventWrite, ProgressEventIds, SetAside, StoredEventV1,
};
pub use progress::{course_key, progress_key, StoredProgressV1};

use futures_channel::oneshot;
use indexed_db_futures::database::{Database, VersionChangeEvent, VersionChangeListener};
use leptos::logging::warn;
use std::cell::{Cell, RefCell};
use std::future::{poll_fn, Future};
use std::pin::Pin;
use std::rc::Rc;
use std::task::Poll;

/// The database's name.
pub const DB_NAME: &str = "lectern";
thread_local! {
    /// Databases for which an open was blocked by another tab on this page's watch.
    static BLOCKED: RefCell<std::collections::BTreeSet<String>> = RefCell::default();
}

fn was_blocked(name: &str) -> bool {
    BLOCKED.with(|blocked| blocked.borrow().contains(name))
}

/// How long an open may take, an upgrade waiting for other tabs to close theirs included.
pub const BLOCKED_PATIENCE: std::time::Duration = std::time::Duration::from_secs(5);
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
    /// Another tab keeps an older version open and did not step aside within
    /// [`BLOCKED_PATIENCE`].
    #[error("IndexedDB could not be upgraded: another tab keeps an older version open")]
    Blocked,
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

    /// Stores `record` in `store_name` (keyed by the store's key path), replacing any
    /// record with the same key, in one committed transaction.
    async fn put_record<T: serde::Serialize>(
        &self,
        store_name: &str,
        record: &T,
    ) -> Result<(), IdbError> {
        use indexed_db_futures::prelude::*;
        use indexed_db_futures::transaction::TransactionMode;
        let tx = self
            .db
            .transaction(store_name)
            .with_mode(TransactionMode::Readwrite)
            .build()
            .map_err(operation)?;
        let store = tx.object_store(store_name).map_err(operation)?;
        store
            .put(record)
            .serde()
            .map_err(operation)?
            .await
            .map_err(operation)?;
        tx.commit().await.map_err(operation)
    }

    /// Every record of `store_name`, in key order.
    async fn all_records<T: serde::de::DeserializeOwned>(
        &self,
        store_name: &str,
    ) -> Result<Vec<T>, IdbError> {
        use indexed_db_futures::prelude::*;
        let tx = self.db.transaction(store_name).build().map_err(operation)?;
        let store = tx.object_store(store_name).map_err(operation)?;
        let records = store
            .get_all()
            .serde()
            .map_err(operation)?
            .await
            .map_err(operation)?;
        records
            .into_iter()
            .map(|record| record.map_err(operation))
            .collect()
    }

    /// Deletes the record of `store_name` under `key`, in one committed transaction.
    async fn delete_record(&self, store_name: &str, key: &str) -> Result<(), IdbError> {
        use indexed_db_futures::prelude::*;
        use indexed_db_futures::transaction::TransactionMode;
        let tx = self
            .db
            .transaction(store_name)
            .with_mode(TransactionMode::Readwrite)
            .build()
            .map_err(operation)?;
        let store = tx.object_store(store_name).map_err(operation)?;
        store
            .delete(key)
            .primitive()
            .map_err(operation)?
            .await
            .map_err(operation)?;
        tx.commit().await.map_err(operation)
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

    /// Opens a database with the player's schema under another name (for tests). An open
    /// that has not settled within [`BLOCKED_PATIENCE`] fails instead of waiting for ever:
    /// with [`IdbError::Blocked`] when another tab holds an older version open (the
    /// `blocked` event fired for this database), otherwise with [`IdbError::Open`]. The
    /// request itself goes on, and a connection it opens too late is closed at once.
    pub async fn open_named(name: &str) -> Result<PlayerDb, IdbError> {
        let (answer, answered) = oneshot::channel::<Result<Database, IdbError>>();
        let answer = Rc::new(RefCell::new(Some(answer)));
        let on_time = Rc::clone(&answer);
        let timed_name = name.to_owned();
        let give_up = move || {
            if let Some(answer) = on_time.borrow_mut().take() {
                let failure = if was_blocked(&timed_name) {
                    IdbError::Blocked
                } else {
                    IdbError::Open(format!("no answer within {BLOCKED_PATIENCE:?}"))
                };
                let _ = answer.send(Err(failure));
            }
        };
        let timer = leptos::prelude::set_timeout_with_handle(give_up, BLOCKED_PATIENCE);
        let blocked_name = name.to_owned();
        let request = Database::open(name.to_owned())
            .with_version(DB_VERSION)
            .with_on_blocked(move |_event: VersionChangeEvent| {
                BLOCKED.with(|blocked| blocked.borrow_mut().insert(blocked_name));
                Ok(())
            })
            .with_on_upgrade_needed(|event: VersionChangeEvent, db: Database| {
                upgrade::upgrade(&db, event.old_version())
            });
        wasm_bindgen_futures::spawn_local(async move {
            let opened = request.await.map_err(|err| IdbError::Open(err.to_string()));
            match answer.borrow_mut().take() {
                Some(answer) => {
                    let _ = answer.send(opened);
                }
                // Too late: the caller gave up. Closing lets the blocking tab's work go on.
                None => {
                    if let Ok(db) = opened {
                        db.close();
                    }
                }
            }
        });
        let outcome = answered
            .await
            .unwrap_or_else(|_| Err(IdbError::Open("the open request was dropped".into())));
        if let Ok(timer) = timer {
            timer.clear();
        }
        let db = outcome?;
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
