//! How much this site may store (`navigator.storage`): the estimate checked before a
//! download, and the request that the browser not clear the site's data under pressure.
//! Browsers without the Storage API simply give no estimate.

use js_sys::{Promise, Reflect};
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use web_sys::StorageManager;

/// What the site uses and may use, in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SpaceEstimate {
    pub usage_bytes: u64,
    pub quota_bytes: u64,
}

fn storage_manager() -> Option<StorageManager> {
    let navigator = leptos::prelude::window().navigator();
    let has_storage = Reflect::has(&navigator, &JsValue::from_str("storage")).unwrap_or(false);
    has_storage.then(|| navigator.storage())
}

async fn settle(promise: Result<Promise, JsValue>) -> Option<JsValue> {
    JsFuture::from(promise.ok()?).await.ok()
}

fn bytes(estimate: &JsValue, name: &str) -> Option<u64> {
    let value = Reflect::get(estimate, &JsValue::from_str(name)).ok()?;
    value
        .as_f64()
        .filter(|number| number.is_finite() && *number >= 0.0)
        .map(|number| number as u64)
}

/// `navigator.storage.estimate()`, if the browser gives one.
pub async fn estimate() -> Option<SpaceEstimate> {
    let estimate = settle(storage_manager()?.estimate()).await?;
    Some(SpaceEstimate {
        usage_bytes: bytes(&estimate, "usage")?,
        quota_bytes: bytes(&estimate, "quota")?,
    })
}

/// Asks that the site's storage be kept (`navigator.storage.persist()`); whether it is.
pub async fn ask_to_persist() -> bool {
    let Some(manager) = storage_manager() else {
        return false;
    };
    settle(manager.persist())
        .await
        .and_then(|granted| granted.as_bool())
        .unwrap_or(false)
}

/// Whether the browser already keeps the site's storage.
pub async fn is_persisted() -> bool {
    let Some(manager) = storage_manager() else {
        return false;
    };
    settle(manager.persisted())
        .await
        .and_then(|granted| granted.as_bool())
        .unwrap_or(false)
}
