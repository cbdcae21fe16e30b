//! Saving text the app made (a lecture's transcript) as a file on the learner's device: a
//! `Blob` behind an object URL, handed to the browser through a temporary `<a download>`.

use super::media::describe;
use leptos::prelude::{document, set_timeout};
use std::time::Duration;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};

/// How long the object URL stays valid after the click. Browsers start the download from
/// it asynchronously (Firefox after the click handler returns), so it is not revoked at once.
const REVOKE_AFTER: Duration = Duration::from_secs(30);

/// Why a download could not be started.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DownloadError {
    #[error("the file could not be prepared: {0}")]
    Blob(String),
    #[error("the download link could not be made: {0}")]
    Link(String),
}

/// Offers `text` as a UTF-8 plain-text file named `file_name`.
pub fn download_text(file_name: &str, text: &str) -> Result<(), DownloadError> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = BlobPropertyBag::new();
    options.set_type("text/plain;charset=utf-8");
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|err| DownloadError::Blob(describe(&err)))?;
    let url = Url::create_object_url_with_blob(&blob)
        .map_err(|err| DownloadError::Blob(describe(&err)))?;
    let clicked = click_download_link(&url, file_name);
    let revoked_url = url.clone();
    set_timeout(
        move || {
            // Revoking only fails for URLs that are not object URLs; this one is.
            let _ = Url::revoke_object_url(&revoked_url);
        },
        if clicked.is_ok() {
            REVOKE_AFTER
        } else {
            Duration::ZERO
        },
    );
    clicked
}

/// Adds a hidden `<a href download>` to the page, clicks it and removes it again.
fn click_download_link(url: &str, file_name: &str) -> Result<(), DownloadError> {
    let document = document();
    let anchor: HtmlAnchorElement = document
        .create_element("a")
        .map_err(|err| DownloadError::Link(describe(&err)))?
        .dyn_into()
        .map_err(|_| DownloadError::Link("not an anchor element".to_owned()))?;
    anchor.set_href(url);
    anchor.set_download(file_name);
    anchor.set_hidden(true);
    let Some(body) = document.body() else {
        return Err(DownloadError::Link("the page has no body".to_owned()));
    };
    body.append_child(&anchor)
        .map_err(|err| DownloadError::Link(describe(&err)))?;
    anchor.click();
    anchor.remove();
    Ok(())
}
