//! One shared connection to the player's database for a store that uses it often: opened
//! on first use, kept, and opened again after a failure or once another tab's upgrade
//! closed it.

use super::{IdbError, PlayerDb};
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

    /// The open connection, opened now if there is none or it was closed.
    pub async fn get(&self) -> Result<Rc<PlayerDb>, IdbError> {
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

    /// Drops `db` after it failed, so the next use opens a fresh connection.
    pub fn forget(&self, db: &Rc<PlayerDb>) {
        let mut slot = self.slot.borrow_mut();
        if slot.as_ref().is_some_and(|kept| Rc::ptr_eq(kept, db)) {
            *slot = None;
        }
    }
}
