//! The `uploads` table: each file uploaded for an assignment, whose it is and what it is,
//! and how many of its bytes are stored (the bytes themselves are on disk, in a file named by
//! the upload id). Bytes arrive in order, so `received_bytes` only ever grows; once it
//! reaches the size, the upload is complete with its SHA-256 and never changes again.

use super::decode_error;
use jiff::Timestamp;
use lectern_core::assignment::UploadId;
use lectern_core::{CourseId, LessonId, UserId};
use sqlx::SqliteExecutor;

/// An upload as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredUpload {
    pub upload_id: UploadId,
    pub user_id: UserId,
    pub course_id: CourseId,
    pub lesson_id: LessonId,
    pub file_name: String,
    /// Lowercase `type/subtype`.
    pub media_type: String,
    pub size_bytes: u64,
    pub received_bytes: u64,
    /// Lowercase hex, once complete.
    pub sha256: Option<String>,
}

impl StoredUpload {
    pub fn is_complete(&self) -> bool {
        self.sha256.is_some()
    }
}

type UploadRow = (
    String,
    String,
    String,
    String,
    String,
    String,
    i64,
    i64,
    Option<String>,
);

const UPLOAD_COLUMNS: &str = "upload_id, user_id, course_id, lesson_id, file_name, media_type, \
    size_bytes, received_bytes, sha256";

fn upload(row: UploadRow) -> Result<StoredUpload, sqlx::Error> {
    let (upload_id, user_id, course_id, lesson_id, file_name, media_type, size, received, sha) =
        row;
    let bytes = |n: i64| u64::try_from(n).map_err(decode_error);
    Ok(StoredUpload {
        upload_id: UploadId::parse(&upload_id).map_err(decode_error)?,
        user_id: UserId::parse(&user_id).map_err(decode_error)?,
        course_id: CourseId::parse(&course_id).map_err(decode_error)?,
        lesson_id: LessonId::parse(&lesson_id).map_err(decode_error)?,
        file_name,
        media_type,
        size_bytes: bytes(size)?,
        received_bytes: bytes(received)?,
        sha256: sha,
    })
}

/// The upload with this id, whoever it belongs to.
pub async fn find(
    db: impl SqliteExecutor<'_>,
    upload_id: &UploadId,
) -> Result<Option<StoredUpload>, sqlx::Error> {
    let row: Option<UploadRow> = sqlx::query_as(&format!(
        "SELECT {UPLOAD_COLUMNS} FROM uploads WHERE upload_id = ?"
    ))
    .bind(upload_id.as_str())
    .fetch_optional(db)
    .await?;
    row.map(upload).transpose()
}

/// Records a new upload with no bytes yet. Fails on a taken upload id.
pub async fn insert(
    db: impl SqliteExecutor<'_>,
    new: &StoredUpload,
    created_at: Timestamp,
) -> Result<(), sqlx::Error> {
    let bytes = |n: u64| i64::try_from(n).map_err(super::encode_error);
    sqlx::query(
        "INSERT INTO uploads (upload_id, user_id, course_id, lesson_id, file_name, media_type, \
         size_bytes, received_bytes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?)",
    )
    .bind(new.upload_id.as_str())
    .bind(new.user_id.as_str())
    .bind(new.course_id.as_str())
    .bind(new.lesson_id.as_str())
    .bind(&new.file_name)
    .bind(&new.media_type)
    .bind(bytes(new.size_bytes)?)
    .bind(created_at.as_millisecond())
    .execute(db)
    .await?;
    Ok(())
}

/// Records that bytes `0..received_bytes` of an incomplete upload are stored.
pub async fn set_received(
    db: impl SqliteExecutor<'_>,
    upload_id: &UploadId,
    received_bytes: u64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE uploads SET received_bytes = ? WHERE upload_id = ? AND completed_at IS NULL",
    )
    .bind(i64::try_from(received_bytes).map_err(super::encode_error)?)
    .bind(upload_id.as_str())
    .execute(db)
    .await?;
    Ok(())
}

/// Marks an upload whose every byte is stored complete, with the file's digest.
pub async fn complete(
    db: impl SqliteExecutor<'_>,
    upload_id: &UploadId,
    sha256: &str,
    completed_at: Timestamp,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE uploads SET received_bytes = size_bytes, sha256 = ?, completed_at = ? \
         WHERE upload_id = ? AND completed_at IS NULL",
    )
    .bind(sha256)
    .bind(completed_at.as_millisecond())
    .bind(upload_id.as_str())
    .execute(db)
    .await?;
    Ok(())
}
