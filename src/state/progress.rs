//! The learners' lesson progress on this device, in context: one [`ProgressStore`] for the
//! whole app, so every view reads what the lecture player has just saved.

use crate::io::progress_store::ProgressStore;
use leptos::prelude::*;

/// The progress store, in context. `Copy`, so views capture it freely.
#[derive(Debug, Clone, Copy)]
pub struct ProgressInjection {
    store: StoredValue<ProgressStore, LocalStorage>,
}

/// Provides the app's progress store.
pub fn provide_progress() {
    provide_context(ProgressInjection {
        store: StoredValue::new_local(ProgressStore::new()),
    });
}

impl ProgressInjection {
    /// The store provided by [`provide_progress`].
    pub fn expect() -> Self {
        expect_context::<ProgressInjection>()
    }

    /// A handle on the store (handles share one queue and one connection).
    pub fn store(&self) -> ProgressStore {
        self.store.get_value()
    }
}
