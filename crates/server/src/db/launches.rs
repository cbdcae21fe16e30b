//! The `launches` table: single-use launch links, keyed by the SHA-256 of their token, with
//! the key that asked for them, whom they sign in, where they lead, when they expire and when
//! they were used. Also the one read of `courses` a launch needs: a manifest by id alone,
//! since the learner may not be enrolled yet.

use super::decode_error;
use jiff::Timestamp;
use lectern_core::{CourseId, LessonId, UserId};
use sqlx::SqliteExecutor;

/// A launch as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredLaunch {
    pub api_key_id: String,
    pub user_id: UserId,
    pub course_id: CourseId,
    pub lesson_id: Option<LessonId>,
    pub expires_at: Timestamp,
    pub used_at: Option<Timestamp>,
}

/// A launch to insert.
pub struct NewLaunch<'a> {
    pub launch_sha256: &'a [u8],
    pub api_key_id: &'a str,
    pub user_id: &'a UserId,
    pub course_id: &'a CourseId,
    pub lesson_id: Option<&'a LessonId>,
    pub created_at: Timestamp,
    pub expires_at: Timestamp,
}

const LAUNCH_COLUMNS: &str = "api_key_id, user_id, course_id, lesson_id, expires_at, used_at";

type LaunchRow = (String, String, String, Option<String>, i64, Option<i64>);

fn time(millis: i64) -> Result<Timestamp, sqlx::Error> {
    Timestamp::from_millisecond(millis).map_err(decode_error)
}

fn launch(
    (api_key_id, user_id, course_id, lesson_id, expires_at, used_at): LaunchRow,
) -> Result<StoredLaunch, sqlx::Error> {
    Ok(StoredLaunch {
        api_key_id,
        user_id: UserId::parse(&user_id).map_err(decode_error)?,
        course_id: CourseId::parse(&course_id).map_err(decode_error)?,
        lesson_id: lesson_id
            .as_deref()
            .map(LessonId::parse)
            .transpose()
            .map_err(decode_error)?,
        expires_at: time(expires_at)?,
        used_at: used_at.map(time).transpose()?,
    })
}

/// Inserts a launch; fails if its digest is taken.
pub async fn insert(
    db: impl SqliteExecutor<'_>,
    launch: &NewLaunch<'_>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO launches (launch_sha256, api_key_id, user_id, course_id, lesson_id, \
         created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(launch.launch_sha256)
    .bind(launch.api_key_id)
    .bind(launch.user_id.as_str())
    .bind(launch.course_id.as_str())
    .bind(launch.lesson_id.map(LessonId::as_str))
    .bind(launch.created_at.as_millisecond())
    .bind(launch.expires_at.as_millisecond())
    .execute(db)
    .await?;
    Ok(())
}

/// Marks the unused launch with this digest used at `now` and returns it (as it was before);
/// `None` if there is no such launch or it was used already. Whether it may still be used is
/// the caller's to judge, inside the same transaction.
pub async fn mark_used(
    db: impl SqliteExecutor<'_>,
    launch_sha256: &[u8],
    now: Timestamp,
) -> Result<Option<StoredLaunch>, sqlx::Error> {
    let row: Option<LaunchRow> = sqlx::query_as(&format!(
        "UPDATE launches SET used_at = ? WHERE launch_sha256 = ? AND used_at IS NULL \
         RETURNING {LAUNCH_COLUMNS}"
    ))
    .bind(now.as_millisecond())
    .bind(launch_sha256)
    .fetch_optional(db)
    .await?;
    // RETURNING shows the row as updated; the caller wants it as it was.
    row.map(
        |(api_key_id, user_id, course_id, lesson_id, expires_at, _)| {
            launch((api_key_id, user_id, course_id, lesson_id, expires_at, None))
        },
    )
    .transpose()
}

/// The launch with this digest, used or not.
pub async fn find(
    db: impl SqliteExecutor<'_>,
    launch_sha256: &[u8],
) -> Result<Option<StoredLaunch>, sqlx::Error> {
    let row: Option<LaunchRow> = sqlx::query_as(&format!(
        "SELECT {LAUNCH_COLUMNS} FROM launches WHERE launch_sha256 = ?"
    ))
    .bind(launch_sha256)
    .fetch_optional(db)
    .await?;
    row.map(launch).transpose()
}

/// Forgets launches that expired before `before`, used or not.
pub async fn delete_expired_before(
    db: impl SqliteExecutor<'_>,
    before: Timestamp,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM launches WHERE expires_at < ?")
        .bind(before.as_millisecond())
        .execute(db)
        .await?;
    Ok(())
}

/// The stored manifest JSON of `course_id`, whoever asks.
pub async fn course_manifest(
    db: impl SqliteExecutor<'_>,
    course_id: &CourseId,
) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT manifest_json FROM courses WHERE course_id = ?")
        .bind(course_id.as_str())
        .fetch_optional(db)
        .await
}
