//! The `lesson_progress` table: each learner's progress through each lesson, as merged from
//! their events by `lectern_core`'s rules. Rows are read and written whole; the merge is the
//! caller's.

use super::{decode_error, encode_error};
use lectern_core::progress::{LessonProgress, WatchedIntervals};
use lectern_core::{CourseId, LessonId, UserId};
use sqlx::SqliteExecutor;

type ProgressRow = (String, i64, i64, Option<i64>, String, bool);

const PROGRESS_COLUMNS: &str =
    "lesson_id, position_ms, position_at_ms, duration_ms, watched_json, is_complete";

fn progress(
    (lesson_id, position_ms, position_at_ms, duration_ms, watched_json, is_complete): ProgressRow,
) -> Result<(LessonId, LessonProgress), sqlx::Error> {
    let ms = |n: i64| u64::try_from(n).map_err(decode_error);
    let watched: WatchedIntervals = serde_json::from_str(&watched_json).map_err(decode_error)?;
    let progress = LessonProgress {
        position_ms: ms(position_ms)?,
        position_at_ms: ms(position_at_ms)?,
        duration_ms: duration_ms.map(ms).transpose()?,
        watched,
        is_complete,
    };
    Ok((LessonId::parse(&lesson_id).map_err(decode_error)?, progress))
}

/// `user_id`'s progress through one lesson, if anything was recorded.
pub async fn find(
    db: impl SqliteExecutor<'_>,
    user_id: &UserId,
    course_id: &CourseId,
    lesson_id: &LessonId,
) -> Result<Option<LessonProgress>, sqlx::Error> {
    let row: Option<ProgressRow> = sqlx::query_as(&format!(
        "SELECT {PROGRESS_COLUMNS} FROM lesson_progress \
         WHERE user_id = ? AND course_id = ? AND lesson_id = ?"
    ))
    .bind(user_id.as_str())
    .bind(course_id.as_str())
    .bind(lesson_id.as_str())
    .fetch_optional(db)
    .await?;
    Ok(row.map(progress).transpose()?.map(|(_, progress)| progress))
}

/// `user_id`'s progress through every lesson of a course that has any, by lesson id.
pub async fn list_for_course(
    db: impl SqliteExecutor<'_>,
    user_id: &UserId,
    course_id: &CourseId,
) -> Result<Vec<(LessonId, LessonProgress)>, sqlx::Error> {
    let rows: Vec<ProgressRow> = sqlx::query_as(&format!(
        "SELECT {PROGRESS_COLUMNS} FROM lesson_progress \
         WHERE user_id = ? AND course_id = ? ORDER BY lesson_id"
    ))
    .bind(user_id.as_str())
    .bind(course_id.as_str())
    .fetch_all(db)
    .await?;
    rows.into_iter().map(progress).collect()
}

/// Writes `user_id`'s progress through one lesson, replacing what was stored.
pub async fn upsert(
    db: impl SqliteExecutor<'_>,
    user_id: &UserId,
    course_id: &CourseId,
    lesson_id: &LessonId,
    progress: &LessonProgress,
) -> Result<(), sqlx::Error> {
    let ms = |n: u64| i64::try_from(n).map_err(encode_error);
    let watched_json = serde_json::to_string(&progress.watched).map_err(encode_error)?;
    sqlx::query(
        "INSERT INTO lesson_progress (user_id, course_id, lesson_id, position_ms, position_at_ms, \
         duration_ms, watched_json, is_complete) VALUES (?, ?, ?, ?, ?, ?, ?, ?) \
         ON CONFLICT (user_id, course_id, lesson_id) DO UPDATE SET \
         position_ms = excluded.position_ms, position_at_ms = excluded.position_at_ms, \
         duration_ms = excluded.duration_ms, watched_json = excluded.watched_json, \
         is_complete = excluded.is_complete",
    )
    .bind(user_id.as_str())
    .bind(course_id.as_str())
    .bind(lesson_id.as_str())
    .bind(ms(progress.position_ms)?)
    .bind(ms(progress.position_at_ms)?)
    .bind(progress.duration_ms.map(ms).transpose()?)
    .bind(watched_json)
    .bind(progress.is_complete)
    .execute(db)
    .await?;
    Ok(())
}
