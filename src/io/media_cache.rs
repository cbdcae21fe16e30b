//! Downloaded media in Cache Storage, where the service worker (`public/sw.js`) serves it
//! from, with `Range` support. A file arrives in parts, each kept under its own key in a
//! cache of parts as it comes, so a stopped download keeps what it had; once every part is
//! there they become one entry, under the file's own URL, in the media cache.

use super::media::describe;
use js_sys::{Array, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, Cache, Response, ResponseInit};

/// The cache the service worker serves downloaded media from (`MEDIA_CACHE` in sw.js).
pub const MEDIA_CACHE: &str = "lectern-media-v1";
/// Parts of files still downloading. Apart from [`MEDIA_CACHE`], so the service worker
/// never mistakes a part for a whole file.
pub const PARTS_CACHE: &str = "lectern-media-parts-v1";

/// Why Cache Storage could not do what was asked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CacheError {
    #[error("this browser has no Cache Storage here")]
    Unavailable,
    #[error("the device has no space left for this site")]
    QuotaExceeded,
    #[error("a downloaded part is missing: {0}")]
    MissingPart(String),
    #[error("Cache Storage failed: {0}")]
    Storage(String),
}

fn storage_error(err: JsValue) -> CacheError {
    let name = Reflect::get(&err, &JsValue::from_str("name"))
        .ok()
        .and_then(|name| name.as_string());
    if name.as_deref() == Some("QuotaExceededError") {
        CacheError::QuotaExceeded
    } else {
        CacheError::Storage(describe(&err))
    }
}

async fn settle(promise: Result<Promise, JsValue>) -> Result<JsValue, CacheError> {
    JsFuture::from(promise.map_err(storage_error)?)
        .await
        .map_err(storage_error)
}

async fn open(name: &str) -> Result<Cache, CacheError> {
    let caches = leptos::prelude::window()
        .caches()
        .map_err(|_| CacheError::Unavailable)?;
    settle(Ok(caches.open(name)))
        .await?
        .dyn_into::<Cache>()
        .map_err(|_| CacheError::Unavailable)
}

/// The key of the part of `url` that starts at byte `start`.
fn part_key(url: &str, start: u64) -> String {
    let separator = if url.contains('?') { '&' } else { '?' };
    format!("{url}{separator}lectern-part={start}")
}

fn response_of(blob: &Blob, content_type: &str) -> Result<Response, CacheError> {
    let init = ResponseInit::new();
    init.set_status(200);
    let headers = web_sys::Headers::new().map_err(storage_error)?;
    headers
        .set("Content-Type", content_type)
        .map_err(storage_error)?;
    headers
        .set("Content-Length", &blob.size().to_string())
        .map_err(storage_error)?;
    init.set_headers(&headers);
    Response::new_with_opt_blob_and_init(Some(blob), &init).map_err(storage_error)
}

/// Keeps the part of `url` starting at `start`.
pub async fn put_part(url: &str, start: u64, part: &Blob) -> Result<(), CacheError> {
    let cache = open(PARTS_CACHE).await?;
    let response = response_of(part, "application/octet-stream")?;
    settle(Ok(cache.put_with_str(&part_key(url, start), &response))).await?;
    Ok(())
}

/// Joins the parts of `url` (starting at `part_starts`, in order) into one file of
/// `content_type` in the media cache, then drops the parts.
pub async fn assemble(
    url: &str,
    part_starts: &[u64],
    content_type: &str,
) -> Result<(), CacheError> {
    let parts_cache = open(PARTS_CACHE).await?;
    let blobs = Array::new();
    for start in part_starts {
        let key = part_key(url, *start);
        let found = settle(Ok(parts_cache.match_with_str(&key))).await?;
        let response = found
            .dyn_into::<Response>()
            .map_err(|_| CacheError::MissingPart(key.clone()))?;
        let blob = settle(response.blob()).await?;
        blobs.push(&blob);
    }
    let options = BlobPropertyBag::new();
    options.set_type(content_type);
    let whole =
        Blob::new_with_blob_sequence_and_options(&blobs, &options).map_err(storage_error)?;
    let media_cache = open(MEDIA_CACHE).await?;
    let response = response_of(&whole, content_type)?;
    settle(Ok(media_cache.put_with_str(url, &response))).await?;
    delete_parts(url, part_starts).await
}

/// Keeps a file that came whole (a server that ignores `Range`).
pub async fn put_whole(url: &str, file: &Blob, content_type: &str) -> Result<(), CacheError> {
    let media_cache = open(MEDIA_CACHE).await?;
    let response = response_of(file, content_type)?;
    settle(Ok(media_cache.put_with_str(url, &response))).await?;
    Ok(())
}

/// Drops the kept parts of `url`.
pub async fn delete_parts(url: &str, part_starts: &[u64]) -> Result<(), CacheError> {
    let parts_cache = open(PARTS_CACHE).await?;
    for start in part_starts {
        settle(Ok(parts_cache.delete_with_str(&part_key(url, *start)))).await?;
    }
    Ok(())
}

/// Removes the downloaded file `url` from this device.
pub async fn delete_file(url: &str) -> Result<(), CacheError> {
    let media_cache = open(MEDIA_CACHE).await?;
    settle(Ok(media_cache.delete_with_str(url))).await?;
    Ok(())
}

/// Whether the whole file `url` is on this device.
pub async fn has_file(url: &str) -> Result<bool, CacheError> {
    let media_cache = open(MEDIA_CACHE).await?;
    let found = settle(Ok(media_cache.match_with_str(url))).await?;
    Ok(found.is_instance_of::<Response>())
}
