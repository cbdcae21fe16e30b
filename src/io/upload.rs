//! Uploading an assignment's file, resumably: the device chooses the upload id once, asks
//! the server how much of it is stored, and sends the rest in chunks with
//! `Content-Range`. A chunk whose request fails for want of a network is sent again after a
//! pause, from wherever the server's copy then ends, so an upload cut off goes on and a
//! resent chunk never stores a byte twice. The server's refusals (a type or size the
//! assignment does not take, a deadline passed) end it with the server's words.

use super::http::{authorized, build, decode_json, send, AbortOnDrop, HttpError};
use super::progress_store::retry_delay_ms;
use super::timer::sleep_ms;
use gloo_net::http::Request;
use lectern_api::v1::{routes, UploadId, UploadStatus, UploadTarget};

/// The size of the chunks this player sends (the server takes up to 4 MiB): small enough
/// that a chunk lost on a slow phone network costs little to send again.
pub const CHUNK_BYTES: u64 = 1024 * 1024;
/// How many times in a row a chunk may fail for want of a network before the upload stops.
const MAX_NETWORK_FAILURES: u32 = 6;

/// Uploads `file` as `upload_id` for `target`, calling `on_progress` with the bytes the
/// server holds after each chunk. Returns the server's final status (complete).
pub async fn upload_file(
    token: &str,
    upload_id: &UploadId,
    target: &UploadTarget,
    file: &web_sys::File,
    on_progress: impl Fn(u64),
) -> Result<UploadStatus, HttpError> {
    let mut failures = 0u32;
    let mut stored = match upload_status(token, upload_id).await {
        Ok(status) => status.received_bytes,
        Err(HttpError::NotFound) => 0,
        Err(err) => return Err(err),
    };
    loop {
        on_progress(stored);
        let sent = send_chunk(token, upload_id, target, file, stored).await;
        match sent {
            Ok(status) if status.is_complete => {
                on_progress(status.received_bytes);
                return Ok(status);
            }
            Ok(status) => {
                failures = 0;
                stored = status.received_bytes;
            }
            // A chunk that started past what is stored (another tab, a lost answer): the
            // server says where to go on from.
            Err(HttpError::Problem(problem)) if problem.status == 409 => {
                stored = upload_status(token, upload_id).await?.received_bytes;
            }
            Err(HttpError::Unreachable(reason)) => {
                failures += 1;
                if failures >= MAX_NETWORK_FAILURES {
                    return Err(HttpError::Unreachable(reason));
                }
                sleep_ms(retry_delay_ms(failures)).await;
                stored = match upload_status(token, upload_id).await {
                    Ok(status) => status.received_bytes,
                    Err(HttpError::NotFound) => 0,
                    Err(HttpError::Unreachable(_)) => stored,
                    Err(err) => return Err(err),
                };
            }
            Err(err) => return Err(err),
        }
    }
}

/// `GET /api/v1/uploads/{upload_id}`: what the server holds of an upload.
pub async fn upload_status(token: &str, upload_id: &UploadId) -> Result<UploadStatus, HttpError> {
    let abort = AbortOnDrop::new();
    let path = routes::upload(upload_id);
    decode_json(&send(build(authorized(Request::get(&path), token, &abort))?).await?)
}

/// `PUT /api/v1/uploads/{upload_id}` with the file's bytes from `start`, at most one chunk.
async fn send_chunk(
    token: &str,
    upload_id: &UploadId,
    target: &UploadTarget,
    file: &web_sys::File,
    start: u64,
) -> Result<UploadStatus, HttpError> {
    let size = target.size_bytes;
    let end = size.min(start.saturating_add(CHUNK_BYTES));
    let abort = AbortOnDrop::new();
    let path = format!("{}?{}", routes::upload(upload_id), target_query(target));
    let mut builder = authorized(Request::put(&path), token, &abort)
        .header("Content-Type", "application/octet-stream");
    if size > 0 {
        let last = end.saturating_sub(1);
        builder = builder.header("Content-Range", &format!("bytes {start}-{last}/{size}"));
    }
    let chunk = file
        .slice_with_f64_and_f64(start as f64, end as f64)
        .map_err(|err| HttpError::Decode(format!("the file could not be read: {err:?}")))?;
    let request = builder
        .body(chunk)
        .map_err(|err| HttpError::Decode(format!("could not build the upload: {err}")))?;
    decode_json(&send(request).await?)
}

/// The query naming the file, every value percent-encoded.
fn target_query(target: &UploadTarget) -> String {
    let encode = |raw: &str| String::from(js_sys::encode_uri_component(raw));
    format!(
        "course_id={}&lesson_id={}&file_name={}&media_type={}&size_bytes={}",
        encode(target.course_id.as_str()),
        encode(target.lesson_id.as_str()),
        encode(&target.file_name),
        encode(&target.media_type),
        target.size_bytes
    )
}
