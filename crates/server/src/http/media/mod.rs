//! Course media (video, audio, captions, slides) from the media directory at
//! `GET`/`HEAD /media/{*path}`: only plain paths inside the directory, the type from the
//! extension, single byte ranges (206/416) streamed from disk, and validators (`ETag`,
//! `Last-Modified`) with 304 answers and `If-Range`. Anything that is not a servable file, for
//! whatever reason, is the same 404 problem. Media is public: a `<video>` element cannot send a
//! bearer token (see docs/architecture.md, "Media").
//!
//! `app` mounts this router outside the compression layer: video and audio are compressed
//! already, and a compressed 206 would no longer match its byte offsets.

mod content_type;
mod range;
mod safe_path;
mod validators;

use super::ApiError;
use crate::AppState;
use axum::body::Body;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::header::{
    ACCEPT_RANGES, CACHE_CONTROL, CONTENT_LENGTH, CONTENT_RANGE, CONTENT_SECURITY_POLICY,
    CONTENT_TYPE, ETAG, IF_MODIFIED_SINCE, IF_NONE_MATCH, IF_RANGE, LAST_MODIFIED, RANGE,
    X_CONTENT_TYPE_OPTIONS,
};
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use range::{parse_range, unsatisfied_content_range, ByteRange};
use safe_path::MediaPathError;
use std::io::SeekFrom;
use tokio::io::{AsyncReadExt, AsyncSeekExt};
use tokio_util::io::ReaderStream;
use validators::Validators;

/// Fresh for an hour, then revalidated. While fresh, the browser's cache answers seeks into
/// ranges it already holds without a request; afterwards a revalidation costs one 304 thanks to
/// the `ETag`. An edited file (new length or mtime, so a new `ETag`) reaches learners within the
/// hour; publish under a new name to make a change immediate. `public`: media needs no sign-in
/// (yet), so shared caches may keep it.
const CACHE_POLICY: &str = "public, max-age=3600";

/// Read size for streaming; larger than `ReaderStream`'s 4 KiB default because media is big.
const STREAM_CHUNK_BYTES: usize = 64 * 1024;

/// The media routes; `/media` and `/media/` are 404 here so the player never answers them.
pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/media", get(not_found))
        .route("/media/", get(not_found))
        .route("/media/{*path}", get(serve))
}

async fn not_found() -> Response {
    ApiError::NotFound.into_response()
}

async fn serve(
    State(state): State<AppState>,
    method: Method,
    requested: Result<Path<String>, PathRejection>,
    request_headers: HeaderMap,
) -> Response {
    let (Some(root), Ok(Path(requested))) = (state.media_dir.as_deref(), requested) else {
        return not_found().await;
    };
    match MediaFile::open(root, &requested).await {
        Ok(media) => respond(media, &method, &request_headers).await,
        Err(err) => {
            tracing::debug!(path = %requested, error = %err, "media not served");
            not_found().await
        }
    }
}

/// An open media file and what is known about it.
struct MediaFile {
    file: tokio::fs::File,
    length: u64,
    content_type: &'static str,
    /// `None` only where the platform has no modification times.
    validators: Option<Validators>,
}

impl MediaFile {
    async fn open(root: &std::path::Path, requested: &str) -> Result<MediaFile, MediaPathError> {
        let relative = safe_path::relative_path(requested)?;
        let canonical = safe_path::resolve(root, &relative).await?;
        let file = tokio::fs::File::open(&canonical).await?;
        // Checked on the open handle, so this is the file that will be read.
        let metadata = file.metadata().await?;
        if !metadata.is_file() {
            return Err(MediaPathError::NotAFile);
        }
        let length = metadata.len();
        Ok(MediaFile {
            file,
            length,
            // The requested name decides, not a symbolic link's target.
            content_type: content_type::content_type_for(&relative),
            validators: metadata
                .modified()
                .ok()
                .map(|modified| Validators::new(length, modified)),
        })
    }
}

/// Which part of the file to send.
enum Selection {
    Whole,
    Part(ByteRange),
    Unsatisfiable,
}

async fn respond(media: MediaFile, method: &Method, request: &HeaderMap) -> Response {
    let mut headers = HeaderMap::new();
    headers.insert(ACCEPT_RANGES, HeaderValue::from_static("bytes"));
    headers.insert(CACHE_CONTROL, HeaderValue::from_static(CACHE_POLICY));
    headers.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    if let Some(validators) = &media.validators {
        insert(&mut headers, ETAG, validators.etag().to_owned());
        insert(&mut headers, LAST_MODIFIED, validators.last_modified());
        let if_none_match = joined(request, &IF_NONE_MATCH);
        let if_modified_since = request
            .get(IF_MODIFIED_SINCE)
            .and_then(|value| value.to_str().ok());
        if validators.is_not_modified(if_none_match.as_deref(), if_modified_since) {
            return (StatusCode::NOT_MODIFIED, headers).into_response();
        }
    }
    let selection = select(request, media.validators.as_ref(), media.length);
    let (status, part) = match selection {
        Selection::Unsatisfiable => {
            insert(
                &mut headers,
                CONTENT_RANGE,
                unsatisfied_content_range(media.length),
            );
            return (StatusCode::RANGE_NOT_SATISFIABLE, headers).into_response();
        }
        Selection::Whole => (StatusCode::OK, None),
        Selection::Part(part) => {
            insert(
                &mut headers,
                CONTENT_RANGE,
                part.content_range(media.length),
            );
            (StatusCode::PARTIAL_CONTENT, Some(part))
        }
    };
    headers.insert(CONTENT_TYPE, HeaderValue::from_static(media.content_type));
    if let Some(policy) = content_type::sandbox_policy_for(media.content_type) {
        headers.insert(CONTENT_SECURITY_POLICY, HeaderValue::from_static(policy));
    }
    let (first, byte_count) =
        part.map_or((0, media.length), |part| (part.first, part.byte_count()));
    headers.insert(CONTENT_LENGTH, HeaderValue::from(byte_count));
    if *method == Method::HEAD {
        return (status, headers).into_response();
    }
    match stream(media.file, first, byte_count).await {
        Ok(body) => (status, headers, body).into_response(),
        Err(err) => ApiError::Internal(format!("reading a media file: {err}")).into_response(),
    }
}

/// Whether to honour `Range`: not when `If-Range` names another version, and not when the
/// header is malformed or asks for several ranges (a 200 with the whole file is allowed then).
fn select(request: &HeaderMap, validators: Option<&Validators>, length: u64) -> Selection {
    let Some(range) = request.get(RANGE).and_then(|value| value.to_str().ok()) else {
        return Selection::Whole;
    };
    if let Some(if_range) = request.get(IF_RANGE) {
        let is_current = if_range
            .to_str()
            .ok()
            .zip(validators)
            .is_some_and(|(if_range, validators)| validators.is_if_range_current(if_range));
        if !is_current {
            return Selection::Whole;
        }
    }
    match parse_range(range, length) {
        Ok(part) => Selection::Part(part),
        Err(err) if err.is_ignored() => Selection::Whole,
        Err(_) => Selection::Unsatisfiable,
    }
}

/// `byte_count` bytes from `first`, read from disk as the client takes them.
async fn stream(mut file: tokio::fs::File, first: u64, byte_count: u64) -> std::io::Result<Body> {
    if first > 0 {
        file.seek(SeekFrom::Start(first)).await?;
    }
    let reader = ReaderStream::with_capacity(file.take(byte_count), STREAM_CHUNK_BYTES);
    Ok(Body::from_stream(reader))
}

/// All lines of a list-valued header joined with commas, as RFC 9110 §5.3 allows.
fn joined(request: &HeaderMap, name: &HeaderName) -> Option<String> {
    let lines: Vec<&str> = request
        .get_all(name)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .collect();
    (!lines.is_empty()).then(|| lines.join(", "))
}

/// Inserts a header built from text that is always valid here (digits, hex, dates).
fn insert(headers: &mut HeaderMap, name: HeaderName, value: String) {
    if let Ok(value) = HeaderValue::try_from(value) {
        headers.insert(name, value);
    }
}
