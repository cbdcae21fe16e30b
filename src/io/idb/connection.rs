//! One shared connection to the player's database for a store that uses it often: opened
//! on first use, kept, and opened again after a failure or once another tab's upgrade
//! closed it.

use super::{IdbError, PlayerDb};
use crate::io::local_db::{fall_back, fallback_of, LocalDb};
use crate::io::memory_db::MemoryDb;
use std::cell::RefCell;
use std::rc::Rc;

/// A lazily opened, reopened-when-needed connection.
#[derive(Debug)]
pub struct SharedConnection {
    db_name: String,
    slot: RefCell<Option<Rc<PlayerDb>>>,
}

impl SharedConnection {
    pub fn new(db_name: &str) -> SharedConnection {
        SharedConnection {
            db_name: db_name.to_owned(),
            slot: RefCell::new(None),
        }
    }

    /// Where progress and the outbox live: this connection, or the page's memory once the
    /// database would not open (from then on, for the rest of the page).
    pub async fn local(&self) -> Result<LocalDb, IdbError> {
        if fallback_of(&self.db_name).is_some() {
            return Ok(LocalDb::Memory(MemoryDb::named(&self.db_name)));
        }
        match self.get().await {
            Ok(db) => Ok(LocalDb::Device(db)),
            Err(err @ (IdbError::Open(_) | IdbError::Blocked)) => {
                fall_back(&self.db_name, &err);
                Ok(LocalDb::Memory(MemoryDb::named(&self.db_name)))
            }
            Err(err) => Err(err),
        }
    }

    /// The open connection, opened now if there is none or it was closed. Once this page
    /// keeps its data in memory, the database is not tried again.
    pub async fn get(&self) -> Result<Rc<PlayerDb>, IdbError> {
        if let Some(fallback) = fallback_of(&self.db_name) {
            return Err(IdbError::Open(format!(
                "this page keeps its data in memory ({fallback:?})"
            )));
        }
        let cached = self.slot.borrow().clone();
        if let Some(db) = cached.filter(|db| db.is_open()) {
            return Ok(db);
        }
        let opened = Rc::new(PlayerDb::open_named(&self.db_name).await?);
        let mut slot = self.slot.borrow_mut();
        // Another caller may have opened one meanwhile; keep a single connection.
        if let Some(db) = slot.as_ref().filter(|db| db.is_open()) {
            return Ok(Rc::clone(db));
        }
        *slot = Some(Rc::clone(&opened));
        Ok(opened)
    }

    /// Drops the connection behind `local` after it failed (nothing to drop in memory).
    pub fn forget_local(&self, local: &LocalDb) {
        if let LocalDb::Device(db) = local {
            self.forget(db);
        }
    }

    /// Drops `db` after it failed, so the next use opens a fresh connection.
    pub fn forget(&self, db: &Rc<PlayerDb>) {
        let mut slot = self.slot.borrow_mut();
        if slot.as_ref().is_some_and(|kept| Rc::ptr_eq(kept, db)) {
            *slot = None;
        }
    }
}
