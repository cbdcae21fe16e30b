//! Files for assignments: `PUT /api/v1/uploads/{upload_id}` stores one chunk of a file,
//! `GET` (or `HEAD`) says how much of it is stored, and `.../content` serves a complete file
//! to its owner and to those who teach its course. Every other caller gets 404, exactly as
//! for an upload that does not exist.
//!
//! An upload is idempotent and resumable. The query says which file it is (the same on every
//! chunk); the body is the bytes `Content-Range: bytes start-end/total` names, or the whole
//! file without that header. Bytes are stored in order: a chunk may repeat bytes already
//! stored (they are kept as first stored) but never start past them (409, with where to
//! resume). Chunks are at most [`MAX_UPLOAD_CHUNK_BYTES`], the limit of this router's own
//! body layer. Before anything is stored, the file's name, type and size are checked
//! against the assignment's file rules (422 and 413), and a new upload must be for an
//! assignment that still takes the caller's work (409).

use super::assignment_access::{assignment_for_caller, course_for_caller, upload_id_from_path};
use super::assignment_problem::AssignmentProblem;
use super::assignment_rules::{media_type_essence, submit_refusal};
use super::attachment::attachment_response;
use super::quiz_access::Viewer;
use super::upload_files::{unstored_part, UploadFiles};
use super::{ApiError, AuthUser};
use crate::db::submissions;
use crate::db::uploads::{self, StoredUpload};
use crate::AppState;
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, PathRejection, QueryRejection};
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::header::CONTENT_RANGE;
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, put};
use axum::{Json, Router};
use jiff::Timestamp;
use lectern_api::v1::{
    routes, AssignmentId, UploadId, UploadStatus, UploadTarget, MAX_UPLOAD_CHUNK_BYTES,
};
use lectern_core::assignment::{check_file, SubmissionProblem};
use lectern_core::offline::parse_content_range;
use lectern_core::UserId;
use sqlx::SqliteConnection;

/// How many bytes are stored, on every answer about an upload (so `HEAD` tells it too).
const UPLOAD_OFFSET: HeaderName = HeaderName::from_static("upload-offset");
/// The whole file's size.
const UPLOAD_LENGTH: HeaderName = HeaderName::from_static("upload-length");

pub fn router() -> Router<AppState> {
    Router::new()
        .route(routes::UPLOAD, put(put_chunk).get(status))
        .route(routes::UPLOAD_CONTENT, get(content))
        .layer(DefaultBodyLimit::max(MAX_UPLOAD_CHUNK_BYTES))
}

/// Bytes of an upload: `bytes` from offset `start`.
struct Chunk {
    start: u64,
    bytes: Bytes,
}

async fn put_chunk(
    State(state): State<AppState>,
    caller: AuthUser,
    raw_upload_id: Result<Path<String>, PathRejection>,
    target: Result<Query<UploadTarget>, QueryRejection>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let upload_id = upload_id_from_path(raw_upload_id)?;
    let Ok(Query(target)) = target else {
        return Err(AssignmentProblem::BadUploadRequest(
            "Say which file this is in the query: course_id, lesson_id, file_name, media_type \
             and size_bytes."
                .into(),
        )
        .into());
    };
    let body = body.map_err(|rejection| match rejection.status() {
        StatusCode::PAYLOAD_TOO_LARGE => AssignmentProblem::ChunkTooLarge,
        _ => AssignmentProblem::BadUploadRequest("The chunk could not be read.".into()),
    })?;
    let chunk = chunk_of(&headers, target.size_bytes, body)?;
    let Some(dir) = state.uploads_dir.clone() else {
        return Err(ApiError::Internal(
            "the server has no uploads directory".into(),
        ));
    };
    let now = state.clock.now();
    // IMMEDIATE takes the write lock first, so two chunks of one file are stored in turn.
    let mut transaction = state.db.begin_with("BEGIN IMMEDIATE").await?;
    let upload = admit(
        &mut transaction,
        &caller.profile.user_id,
        upload_id,
        target,
        now,
    )
    .await?;
    let upload = store_chunk(
        &mut transaction,
        &UploadFiles::new(&dir),
        upload,
        chunk,
        now,
    )
    .await?;
    transaction.commit().await?;
    Ok(status_answer(upload))
}

/// The chunk the headers and body give, for a file of `size_bytes`.
fn chunk_of(headers: &HeaderMap, size_bytes: u64, bytes: Bytes) -> Result<Chunk, ApiError> {
    let bad = |detail: String| ApiError::from(AssignmentProblem::BadUploadRequest(detail));
    let length = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    let Some(value) = headers.get(CONTENT_RANGE) else {
        if length != size_bytes {
            return Err(bad(format!(
                "Without Content-Range the body is the whole file, {size_bytes} bytes; it has \
                 {length}. Send parts with \"Content-Range: bytes start-end/{size_bytes}\"."
            )));
        }
        return Ok(Chunk { start: 0, bytes });
    };
    let value = value.to_str().unwrap_or_default();
    let range = parse_content_range(value).map_err(|err| bad(format!("{err}.")))?;
    if range.total != size_bytes {
        return Err(bad(format!(
            "The Content-Range says the file has {} bytes, but size_bytes says {size_bytes}.",
            range.total
        )));
    }
    if range.len() != length {
        return Err(bad(format!(
            "The Content-Range covers {} bytes, but the body has {length}.",
            range.len()
        )));
    }
    Ok(Chunk {
        start: range.start,
        bytes,
    })
}

/// The upload `upload_id` of `target`, as stored, after the assignment's rules allow it; a
/// new one is recorded with no bytes.
async fn admit(
    conn: &mut SqliteConnection,
    user_id: &UserId,
    upload_id: UploadId,
    target: UploadTarget,
    now: Timestamp,
) -> Result<StoredUpload, ApiError> {
    let assignment_id = AssignmentId::new(target.course_id, target.lesson_id);
    let access = assignment_for_caller(conn, user_id, &assignment_id).await?;
    let Some(rules) = &access.assignment.submission.files else {
        return Err(AssignmentProblem::InvalidUpload(
            "This assignment takes no files; hand in a text answer.".into(),
        )
        .into());
    };
    let media_type = media_type_essence(&target.media_type);
    check_file(rules, &target.file_name, &media_type, target.size_bytes).map_err(file_problem)?;
    let wanted = StoredUpload {
        upload_id,
        user_id: user_id.clone(),
        course_id: assignment_id.course_id,
        lesson_id: assignment_id.lesson_id,
        file_name: target.file_name,
        media_type,
        size_bytes: target.size_bytes,
        received_bytes: 0,
        sha256: None,
    };
    if let Some(stored) = uploads::find(&mut *conn, &wanted.upload_id).await? {
        let is_this_file = StoredUpload {
            received_bytes: 0,
            sha256: None,
            ..stored.clone()
        } == wanted;
        return if is_this_file {
            Ok(stored)
        } else {
            Err(AssignmentProblem::UploadIdTaken.into())
        };
    }
    let handed_in =
        submissions::list_for_learner(conn, &wanted.course_id, &wanted.lesson_id, user_id)
            .await?
            .len();
    if let Some(refusal) = submit_refusal(&access.assignment, handed_in, now) {
        return Err(AssignmentProblem::SubmissionClosed(sentence(&refusal.to_string())).into());
    }
    uploads::insert(&mut *conn, &wanted, now).await?;
    Ok(wanted)
}

/// A file the rules refuse: too large is 413, anything else 422.
fn file_problem(problem: SubmissionProblem) -> ApiError {
    let detail = sentence(&problem.to_string());
    match problem {
        SubmissionProblem::FileTooLarge { .. } => AssignmentProblem::FileTooLarge(detail),
        _ => AssignmentProblem::InvalidUpload(detail),
    }
    .into()
}

/// `text` as a sentence: capitalised, with a full stop.
pub(super) fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    let Some(first) = chars.next() else {
        return String::new();
    };
    format!("{}{}.", first.to_uppercase(), chars.as_str())
}

/// Stores what `chunk` adds to `upload`, and completes the upload with its digest once every
/// byte is there. Bytes already stored are kept as they are.
async fn store_chunk(
    conn: &mut SqliteConnection,
    files: &UploadFiles<'_>,
    upload: StoredUpload,
    chunk: Chunk,
    now: Timestamp,
) -> Result<StoredUpload, ApiError> {
    if upload.is_complete() {
        return Ok(upload);
    }
    let received = upload.received_bytes;
    let new_bytes = unstored_part(received, chunk.start, &chunk.bytes).map_err(|_| {
        AssignmentProblem::UploadOffsetMismatch {
            received_bytes: received,
        }
    })?;
    let end = chunk
        .start
        .saturating_add(u64::try_from(chunk.bytes.len()).unwrap_or(u64::MAX));
    // The first write makes the file, even an empty one.
    if !new_bytes.is_empty() || received == 0 {
        files
            .write_at(&upload.upload_id, received, new_bytes)
            .await?;
    }
    let received = received.max(end);
    if received < upload.size_bytes {
        uploads::set_received(&mut *conn, &upload.upload_id, received).await?;
        return Ok(StoredUpload {
            received_bytes: received,
            ..upload
        });
    }
    let sha256 = files.sha256(&upload.upload_id).await?;
    uploads::complete(&mut *conn, &upload.upload_id, &sha256, now).await?;
    Ok(StoredUpload {
        received_bytes: upload.size_bytes,
        sha256: Some(sha256),
        ..upload
    })
}

async fn status(
    State(state): State<AppState>,
    caller: AuthUser,
    raw_upload_id: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    let upload_id = upload_id_from_path(raw_upload_id)?;
    let Some(upload) = uploads::find(&state.db, &upload_id).await? else {
        return Err(ApiError::NotFound);
    };
    if upload.user_id != caller.profile.user_id {
        return Err(ApiError::NotFound);
    }
    Ok(status_answer(upload))
}

/// `upload` as JSON, with how much is stored in the headers too.
fn status_answer(upload: StoredUpload) -> Response {
    let headers = [
        (UPLOAD_OFFSET, HeaderValue::from(upload.received_bytes)),
        (UPLOAD_LENGTH, HeaderValue::from(upload.size_bytes)),
    ];
    let status = UploadStatus {
        is_complete: upload.is_complete(),
        upload_id: upload.upload_id,
        course_id: upload.course_id,
        lesson_id: upload.lesson_id,
        file_name: upload.file_name,
        media_type: upload.media_type,
        size_bytes: upload.size_bytes,
        received_bytes: upload.received_bytes,
        sha256: upload.sha256,
    };
    (headers, Json(status)).into_response()
}

async fn content(
    State(state): State<AppState>,
    caller: AuthUser,
    raw_upload_id: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    let upload_id = upload_id_from_path(raw_upload_id)?;
    let user_id = &caller.profile.user_id;
    let mut conn = state.db.acquire().await?;
    let Some(upload) = uploads::find(&mut *conn, &upload_id)
        .await?
        .filter(StoredUpload::is_complete)
    else {
        return Err(ApiError::NotFound);
    };
    if upload.user_id != *user_id {
        let (_, viewer) = course_for_caller(&mut conn, user_id, &upload.course_id).await?;
        if viewer != Viewer::Teacher {
            return Err(ApiError::NotFound);
        }
    }
    drop(conn);
    let Some(dir) = state.uploads_dir.as_deref() else {
        return Err(ApiError::Internal(
            "the server has no uploads directory".into(),
        ));
    };
    let file = UploadFiles::new(dir).open(&upload_id).await?;
    Ok(attachment_response(&upload, file))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(content_range: Option<&str>) -> HeaderMap {
        let mut headers = HeaderMap::new();
        if let Some(value) = content_range {
            headers.insert(CONTENT_RANGE, value.parse().unwrap());
        }
        headers
    }

    fn refusal(result: Result<Chunk, ApiError>) -> String {
        match result {
            Err(ApiError::Assignment(AssignmentProblem::BadUploadRequest(detail))) => detail,
            Err(other) => panic!("another error: {other}"),
            Ok(chunk) => panic!("a chunk at {}", chunk.start),
        }
    }

    #[test]
    fn a_chunk_is_where_its_content_range_says_or_the_whole_file() {
        let body = Bytes::from_static(b"abcd");
        let chunk = chunk_of(&headers(Some("bytes 4-7/10")), 10, body.clone()).unwrap();
        assert_eq!((chunk.start, chunk.bytes.len()), (4, 4));
        let whole = chunk_of(&headers(None), 4, body.clone()).unwrap();
        assert_eq!(whole.start, 0);
        let not_whole = refusal(chunk_of(&headers(None), 10, body.clone()));
        assert!(not_whole.contains("whole file, 10 bytes"), "{not_whole}");
        let wrong_total = refusal(chunk_of(&headers(Some("bytes 0-3/11")), 10, body.clone()));
        assert!(wrong_total.contains("size_bytes says 10"), "{wrong_total}");
        let wrong_length = refusal(chunk_of(&headers(Some("bytes 0-4/10")), 10, body.clone()));
        assert!(wrong_length.contains("covers 5 bytes"), "{wrong_length}");
        let malformed = refusal(chunk_of(&headers(Some("bytes=0-3")), 10, body));
        assert!(malformed.contains("not of the form"), "{malformed}");
    }

    #[test]
    fn refusals_read_as_sentences() {
        assert_eq!(sentence("this takes no files"), "This takes no files.");
        assert_eq!(sentence(""), "");
    }
}
