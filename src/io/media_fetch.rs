//! Fetching media for a download: the size of a file (`HEAD`), and one byte range of it.
//! Media is public like the pages that show it, so no token is sent. A request can be cut
//! short through the [`AbortSignal`](web_sys::AbortSignal) of the caller (a pause).

use super::media::describe;
use js_sys::Reflect;
use lectern_core::offline::ByteRange;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortSignal, Blob, Request, RequestInit, Response};

/// Why a media request did not give what a download needs.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MediaFetchError {
    #[error("the server could not be reached: {0}")]
    Unreachable(String),
    /// The caller's signal stopped it.
    #[error("the request was stopped")]
    Aborted,
    #[error("the server answered {0}")]
    Status(u16),
}

/// What the server sent for a range request.
pub struct RangeAnswer {
    /// 206 for the part asked for, 200 for a server that sent the whole file.
    pub status: u16,
    pub content_range: Option<String>,
    pub content_type: Option<String>,
    pub body: Blob,
}

fn failed(err: JsValue) -> MediaFetchError {
    let name = Reflect::get(&err, &JsValue::from_str("name"))
        .ok()
        .and_then(|name| name.as_string());
    if name.as_deref() == Some("AbortError") {
        MediaFetchError::Aborted
    } else {
        MediaFetchError::Unreachable(describe(&err))
    }
}

async fn fetch(
    url: &str,
    method: &str,
    range: Option<ByteRange>,
    signal: Option<&AbortSignal>,
) -> Result<Response, MediaFetchError> {
    let init = RequestInit::new();
    init.set_method(method);
    init.set_signal(signal);
    let request = Request::new_with_str_and_init(url, &init).map_err(failed)?;
    if let Some(range) = range {
        request
            .headers()
            .set("Range", &range.header_value())
            .map_err(failed)?;
    }
    let promise = leptos::prelude::window().fetch_with_request(&request);
    JsFuture::from(promise)
        .await
        .map_err(failed)?
        .dyn_into::<Response>()
        .map_err(failed)
}

/// The file's size from a `HEAD` answer's `Content-Length`, if the server gives it.
pub async fn file_size(url: &str) -> Result<Option<u64>, MediaFetchError> {
    let response = fetch(url, "HEAD", None, None).await?;
    if !response.ok() {
        return Err(MediaFetchError::Status(response.status()));
    }
    let length = response.headers().get("Content-Length").ok().flatten();
    Ok(length.and_then(|value| value.trim().parse::<u64>().ok()))
}

/// Fetches `range` of `url`, body and all.
pub async fn fetch_range(
    url: &str,
    range: ByteRange,
    signal: Option<&AbortSignal>,
) -> Result<RangeAnswer, MediaFetchError> {
    let response = fetch(url, "GET", Some(range), signal).await?;
    let status = response.status();
    if status != 200 && status != 206 {
        return Err(MediaFetchError::Status(status));
    }
    let header = |name: &str| response.headers().get(name).ok().flatten();
    let content_range = header("Content-Range");
    let content_type = header("Content-Type");
    let body = JsFuture::from(response.blob().map_err(failed)?)
        .await
        .map_err(failed)?
        .dyn_into::<Blob>()
        .map_err(failed)?;
    Ok(RangeAnswer {
        status,
        content_range,
        content_type,
        body,
    })
}
