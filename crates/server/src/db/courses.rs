//! The `courses` table: each validated course as canonical manifest JSON, with the catalog
//! columns beside it so listing never parses manifests.

use super::unix_now;
use lectern_api::v1::CourseSummary;
use lectern_core::{Course, CourseId, UserId};
use sqlx::SqliteExecutor;

/// Inserts `course`, or replaces the stored course with the same id (enrolments stay).
pub async fn upsert(
    db: impl SqliteExecutor<'_>,
    course: &Course,
    manifest_json: &str,
) -> Result<(), sqlx::Error> {
    let summary = CourseSummary::from(course);
    sqlx::query(
        "INSERT INTO courses (course_id, title, summary, language, module_count, lesson_count, manifest_json, imported_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) \
         ON CONFLICT (course_id) DO UPDATE SET title = excluded.title, summary = excluded.summary, \
         language = excluded.language, module_count = excluded.module_count, lesson_count = excluded.lesson_count, \
         manifest_json = excluded.manifest_json, imported_at = excluded.imported_at",
    )
    .bind(summary.course_id.as_str())
    .bind(&summary.title)
    .bind(&summary.summary)
    .bind(&summary.language)
    .bind(i64::from(summary.module_count))
    .bind(i64::from(summary.lesson_count))
    .bind(manifest_json)
    .bind(unix_now())
    .execute(db)
    .await?;
    Ok(())
}

type SummaryRow = (String, String, String, String, i64, i64);

/// The catalog of `user_id`: the courses they are enrolled in, ordered by title.
pub async fn list_for_user(
    db: impl SqliteExecutor<'_>,
    user_id: &UserId,
) -> Result<Vec<CourseSummary>, sqlx::Error> {
    let rows: Vec<SummaryRow> = sqlx::query_as(
        "SELECT courses.course_id, title, summary, language, module_count, lesson_count FROM courses \
         JOIN enrolments ON enrolments.course_id = courses.course_id \
         WHERE enrolments.user_id = ? ORDER BY title COLLATE NOCASE, courses.course_id",
    )
    .bind(user_id.as_str())
    .fetch_all(db)
    .await?;
    rows.into_iter().map(summary).collect()
}

fn summary(
    (course_id, title, summary, language, module_count, lesson_count): SummaryRow,
) -> Result<CourseSummary, sqlx::Error> {
    let course_id =
        CourseId::parse(&course_id).map_err(|err| sqlx::Error::Decode(Box::new(err)))?;
    let count = |n: i64| u32::try_from(n).map_err(|err| sqlx::Error::Decode(Box::new(err)));
    Ok(CourseSummary {
        course_id,
        title,
        summary,
        language,
        module_count: count(module_count)?,
        lesson_count: count(lesson_count)?,
    })
}

/// The manifest JSON of `course_id` and the caller's role in it, only if `user_id` is
/// enrolled in it.
pub async fn manifest_for_user(
    db: impl SqliteExecutor<'_>,
    user_id: &UserId,
    course_id: &CourseId,
) -> Result<Option<(String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT courses.manifest_json, enrolments.role FROM courses \
         JOIN enrolments ON enrolments.course_id = courses.course_id \
         WHERE enrolments.user_id = ? AND courses.course_id = ?",
    )
    .bind(user_id.as_str())
    .bind(course_id.as_str())
    .fetch_optional(db)
    .await
}

/// The stored manifest JSON of `course_id`, whoever asks.
pub async fn manifest(
    db: impl SqliteExecutor<'_>,
    course_id: &CourseId,
) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT manifest_json FROM courses WHERE course_id = ?")
        .bind(course_id.as_str())
        .fetch_optional(db)
        .await
}

/// Whether a course with this id is stored.
pub async fn exists(
    db: impl SqliteExecutor<'_>,
    course_id: &CourseId,
) -> Result<bool, sqlx::Error> {
    let found: Option<i64> = sqlx::query_scalar("SELECT 1 FROM courses WHERE course_id = ?")
        .bind(course_id.as_str())
        .fetch_optional(db)
        .await?;
    Ok(found.is_some())
}

/// How many courses are stored.
pub async fn count(db: impl SqliteExecutor<'_>) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM courses")
        .fetch_one(db)
        .await
}
