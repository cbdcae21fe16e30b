//! Saving a file the API makes (a calendar, a gradebook, an uploaded submission) to the
//! device: fetched with the bearer token like every API call, then handed to the browser as
//! a download from a short-lived object URL, so no token ever goes into a link.

use super::http::{AbortOnDrop, HttpError};
use super::server_clock;
use gloo_net::http::Request;
use leptos::prelude::document;
use wasm_bindgen::JsCast;

/// Fetches `path` with `token` and saves it as `file_name`.
pub async fn save_from_api(token: &str, path: &str, file_name: &str) -> Result<(), HttpError> {
    let abort = AbortOnDrop::new();
    let sent_at = server_clock::device_now();
    let response = Request::get(path)
        .header("Authorization", &format!("Bearer {token}"))
        .abort_signal(abort.signal().as_ref())
        .send()
        .await
        .map_err(|err| HttpError::Unreachable(err.to_string()))?;
    if let Some(date) = response.headers().get("date") {
        server_clock::observe(&date, sent_at, server_clock::device_now());
    }
    if !response.ok() {
        let body = response.text().await.unwrap_or_default();
        super::http::check_status(response.status(), &body)?;
        return Err(HttpError::UnexpectedStatus(response.status()));
    }
    let blob = response
        .binary()
        .await
        .map_err(|err| HttpError::Unreachable(err.to_string()))?;
    let array = js_sys::Uint8Array::from(blob.as_slice());
    let parts = js_sys::Array::of1(&array);
    let blob = web_sys::Blob::new_with_u8_array_sequence(&parts)
        .map_err(|err| HttpError::Decode(format!("the file could not be kept: {err:?}")))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)
        .map_err(|err| HttpError::Decode(format!("the file could not be offered: {err:?}")))?;
    let anchor = document()
        .create_element("a")
        .ok()
        .and_then(|element| element.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        .ok_or_else(|| HttpError::Decode("the page could not offer a download".into()))?;
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.click();
    // Some browsers read the URL after `click` returns: let it go a little later.
    leptos::prelude::set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(30),
    );
    Ok(())
}
