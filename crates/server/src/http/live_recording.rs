//! A live session's recording, uploaded by its instructor's browser while the class runs:
//! `PUT /api/v1/live/{session_id}/recording` appends the next chunk, `GET` says how much is
//! stored, and `.../recording/complete` (`recording_complete`) turns it into a lesson.
//! Only the session's instructor may call them (`live_access`).
//!
//! Chunks arrive in order, like assignment uploads (and through the same helpers): the body
//! is the bytes `Content-Range: bytes start-end/*` (or `/total`) names, at most
//! [`MAX_RECORDING_CHUNK_BYTES`], sent as `video/webm` or `audio/webm` (with any
//! parameters), the same all through the recording. A chunk must start at the stored
//! count (409 says where to resume otherwise); one stored already is answered as if
//! stored again and written once. The checks are made in that order: the caller, the media
//! directory, the type, the size, the range, then the stored count.

use super::assignment_rules::media_type_essence;
use super::live_access::instructed_session;
use super::recording_complete;
use super::recording_files::RecordingFiles;
use super::recording_problem::{RecordingProblem, UPLOAD_OFFSET};
use super::upload_files::{unstored_part, StartsPastStored};
use super::{ApiError, AuthUser};
use crate::db::recordings::{self, StoredRecording};
use crate::AppState;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::header::{CONTENT_RANGE, CONTENT_TYPE};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{post, put};
use axum::{Json, Router};
use lectern_api::v1::live::{
    RecordingStatus, MAX_RECORDING_BYTES, MAX_RECORDING_CHUNK_BYTES, RECORDING_MEDIA_TYPES,
};
use lectern_api::v1::routes;
use lectern_core::live::{recording_lesson_id, LiveSessionId};
use lectern_core::offline::{parse_upload_range, UploadRange};

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            routes::LIVE_RECORDING,
            put(put_chunk)
                .get(status)
                .layer(DefaultBodyLimit::max(MAX_RECORDING_CHUNK_BYTES)),
        )
        .route(
            routes::LIVE_RECORDING_COMPLETE,
            post(recording_complete::complete),
        )
}

async fn put_chunk(
    State(state): State<AppState>,
    caller: AuthUser,
    Path(raw_session_id): Path<String>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let session_id =
        &instructed_session(&state.db, &caller.profile.user_id, &raw_session_id).await?;
    let files = RecordingFiles::new(state.media_dir.as_deref(), session_id)?;
    let mime_type = recording_media_type(&headers)?;
    let body = body.map_err(|rejection| match rejection.status() {
        StatusCode::PAYLOAD_TOO_LARGE => ApiError::from(RecordingProblem::ChunkTooLarge),
        _ => ApiError::BadRequest("The chunk could not be read.".into()),
    })?;
    let range = chunk_range(&headers, body.len())?;
    if range.end_exclusive() > MAX_RECORDING_BYTES {
        return Err(RecordingProblem::RecordingTooLarge.into());
    }
    // IMMEDIATE takes the write lock first, so two chunks are stored in turn.
    let mut transaction = state.db.begin_with("BEGIN IMMEDIATE").await?;
    let stored = match recordings::find(&mut *transaction, session_id).await? {
        Some(stored) => stored,
        None => {
            let now = state.clock.now();
            recordings::insert(&mut *transaction, session_id, &mime_type, now).await?;
            StoredRecording {
                mime_type: mime_type.clone(),
                bytes_stored: 0,
                completion: None,
            }
        }
    };
    let recorded_as = media_type_essence(&stored.mime_type);
    if media_type_essence(&mime_type) != recorded_as {
        return Err(ApiError::UnsupportedMediaType(format!(
            "This recording is {recorded_as}; send every chunk of it as {recorded_as}."
        )));
    }
    let new_bytes = new_bytes(&stored, range.start, &body)?;
    let stored = if new_bytes.is_empty() {
        stored
    } else {
        files.write_media_at(stored.bytes_stored, new_bytes).await?;
        let added = u64::try_from(new_bytes.len()).unwrap_or(u64::MAX);
        let bytes_stored = stored.bytes_stored.saturating_add(added);
        recordings::set_bytes_stored(&mut *transaction, session_id, bytes_stored).await?;
        StoredRecording {
            bytes_stored,
            ..stored
        }
    };
    transaction.commit().await?;
    Ok(status_answer(session_id, Some(&stored)))
}

/// The chunk's bytes that are not stored yet; none for a chunk sent again.
fn new_bytes<'a>(
    stored: &StoredRecording,
    start: u64,
    body: &'a [u8],
) -> Result<&'a [u8], RecordingProblem> {
    match unstored_part(stored.bytes_stored, start, body) {
        Ok(new_bytes) if new_bytes.is_empty() => Ok(new_bytes),
        _ if stored.is_complete() => Err(RecordingProblem::Complete),
        Ok(new_bytes) => Ok(new_bytes),
        Err(StartsPastStored) => Err(RecordingProblem::OffsetMismatch {
            bytes_stored: stored.bytes_stored,
        }),
    }
}

/// The `Content-Type` of a chunk, as sent, if it is one a recording may be (else 415).
fn recording_media_type(headers: &HeaderMap) -> Result<String, ApiError> {
    let sent = headers
        .get(CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .map(str::trim)
        .unwrap_or_default();
    if RECORDING_MEDIA_TYPES.contains(&media_type_essence(sent).as_str()) {
        return Ok(sent.to_owned());
    }
    Err(ApiError::UnsupportedMediaType(format!(
        "Send recording chunks as {} (parameters such as codecs may follow), not {sent:?}.",
        RECORDING_MEDIA_TYPES.join(" or ")
    )))
}

/// Where the chunk's `length` bytes go, as its `Content-Range` says (400 without one, or
/// with one that does not read or does not cover the body).
fn chunk_range(headers: &HeaderMap, length: usize) -> Result<UploadRange, ApiError> {
    let Some(value) = headers.get(CONTENT_RANGE) else {
        return Err(ApiError::BadRequest(
            "Say where the chunk goes with \"Content-Range: bytes start-end/*\" (or the \
             recording's size instead of * once it is known)."
                .into(),
        ));
    };
    let value = value.to_str().unwrap_or_default();
    let range = parse_upload_range(value)
        .map_err(|err| ApiError::BadRequest(super::uploads::sentence(&err.to_string())))?;
    let length = u64::try_from(length).unwrap_or(u64::MAX);
    if range.len() != length {
        return Err(ApiError::BadRequest(format!(
            "The Content-Range covers {} bytes, but the body has {length}.",
            range.len()
        )));
    }
    Ok(range)
}

async fn status(
    State(state): State<AppState>,
    caller: AuthUser,
    Path(raw_session_id): Path<String>,
) -> Result<Response, ApiError> {
    let session_id =
        instructed_session(&state.db, &caller.profile.user_id, &raw_session_id).await?;
    let stored = recordings::find(&state.db, &session_id).await?;
    Ok(status_answer(&session_id, stored.as_ref()))
}

/// What is stored of the recording, as every recording route answers it.
pub(super) fn recording_status(
    session_id: &LiveSessionId,
    stored: Option<&StoredRecording>,
) -> RecordingStatus {
    let completion = stored.and_then(|stored| stored.completion);
    RecordingStatus {
        session_id: session_id.clone(),
        bytes_stored: stored.map_or(0, |stored| stored.bytes_stored),
        mime_type: stored.map(|stored| stored.mime_type.clone()),
        completed: completion.is_some(),
        started_at: completion.map(|completion| completion.started_at),
        duration_seconds: completion.map(|completion| completion.duration_seconds),
        lesson_id: completion.and_then(|_| recording_lesson_id(session_id.lesson_id()).ok()),
    }
}

/// The status as JSON, with how much is stored in `Upload-Offset` too.
fn status_answer(session_id: &LiveSessionId, stored: Option<&StoredRecording>) -> Response {
    let status = recording_status(session_id, stored);
    let offset = [(UPLOAD_OFFSET, HeaderValue::from(status.bytes_stored))];
    (offset, Json(status)).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
        pairs
            .iter()
            .map(|(name, value)| (name.parse().unwrap(), value.parse().unwrap()))
            .collect()
    }

    fn detail(result: Result<impl std::fmt::Debug, ApiError>) -> String {
        match result {
            Err(ApiError::BadRequest(detail) | ApiError::UnsupportedMediaType(detail)) => detail,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn recordings_are_webm_with_any_parameters() {
        for sent in [
            "video/webm",
            "Video/WebM; codecs=\"vp8, opus\"",
            "audio/webm;codecs=opus",
        ] {
            let ok = recording_media_type(&headers(&[("content-type", sent)])).unwrap();
            assert_eq!(ok, sent);
        }
        let refused = detail(recording_media_type(&headers(&[(
            "content-type",
            "video/mp4",
        )])));
        assert!(refused.contains("video/webm or audio/webm"), "{refused}");
        assert!(recording_media_type(&headers(&[])).is_err());
    }

    #[test]
    fn a_chunk_says_where_it_goes_and_covers_its_body() {
        let open = chunk_range(&headers(&[("content-range", "bytes 4-7/*")]), 4).unwrap();
        assert_eq!((open.start, open.total), (4, None));
        let closed = chunk_range(&headers(&[("content-range", "bytes 4-7/8")]), 4).unwrap();
        assert_eq!(closed.total, Some(8));
        assert!(detail(chunk_range(&headers(&[]), 4)).contains("Content-Range"));
        let short = detail(chunk_range(
            &headers(&[("content-range", "bytes 0-4/*")]),
            4,
        ));
        assert!(short.contains("covers 5 bytes"), "{short}");
        let malformed = detail(chunk_range(&headers(&[("content-range", "bytes=0-3")]), 4));
        assert!(malformed.starts_with("The Content-Range"), "{malformed}");
    }

    #[test]
    fn a_chunk_continues_the_recording_or_repeats_it() {
        let recording = |bytes_stored, is_complete: bool| StoredRecording {
            mime_type: "video/webm".into(),
            bytes_stored,
            completion: is_complete.then_some(recordings::Completion {
                started_at: jiff::Timestamp::UNIX_EPOCH,
                duration_seconds: 1,
                completed_at: jiff::Timestamp::UNIX_EPOCH,
            }),
        };
        assert_eq!(
            new_bytes(&recording(4, false), 4, b"efgh"),
            Ok(&b"efgh"[..])
        );
        assert_eq!(new_bytes(&recording(8, false), 4, b"efgh"), Ok(&b""[..]));
        assert_eq!(
            new_bytes(&recording(4, false), 8, b"ijkl"),
            Err(RecordingProblem::OffsetMismatch { bytes_stored: 4 })
        );
        assert_eq!(new_bytes(&recording(8, true), 4, b"efgh"), Ok(&b""[..]));
        for start in [8, 12] {
            assert_eq!(
                new_bytes(&recording(8, true), start, b"ijkl"),
                Err(RecordingProblem::Complete)
            );
        }
    }
}
