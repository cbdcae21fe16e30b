//! Small settings in `localStorage`: the chosen locale and the session. Storage can be
//! missing (some private modes) or full; callers then keep working in memory.

/// Why `localStorage` could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StorageError {
    #[error("localStorage is not available")]
    Unavailable,
    #[error("localStorage refused the operation: {0}")]
    Refused(String),
}

/// Keys this app uses.
pub mod keys {
    pub const LOCALE: &str = "lectern.locale";
    pub const SESSION: &str = "lectern.session.v1";
}

fn local_storage() -> Result<web_sys::Storage, StorageError> {
    leptos::prelude::window()
        .local_storage()
        .ok()
        .flatten()
        .ok_or(StorageError::Unavailable)
}

fn refused(err: wasm_bindgen::JsValue) -> StorageError {
    StorageError::Refused(format!("{err:?}"))
}

/// The value stored under `key`, if any.
pub fn read(key: &str) -> Result<Option<String>, StorageError> {
    local_storage()?.get_item(key).map_err(refused)
}

/// Stores `value` under `key`.
pub fn write(key: &str, value: &str) -> Result<(), StorageError> {
    local_storage()?.set_item(key, value).map_err(refused)
}

/// Forgets `key`.
pub fn remove(key: &str) -> Result<(), StorageError> {
    local_storage()?.remove_item(key).map_err(refused)
}
