//! What a course's gradebook reads beside submissions and attempts: the learners enrolled
//! in it, the lessons each has completed (from `lesson_progress`), and when the server last
//! received an event of theirs in it (from `events`).

use super::decode_error;
use jiff::Timestamp;
use lectern_api::v1::LearnerRef;
use lectern_core::{CourseId, LessonId, UserId};
use sqlx::SqliteExecutor;

/// The users enrolled in `course_id` as learners, by display name.
pub async fn enrolled_learners(
    db: impl SqliteExecutor<'_>,
    course_id: &CourseId,
) -> Result<Vec<LearnerRef>, sqlx::Error> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT users.user_id, users.display_name FROM enrolments \
         JOIN users ON users.user_id = enrolments.user_id \
         WHERE enrolments.course_id = ? AND enrolments.role = 'learner' \
         ORDER BY users.display_name COLLATE NOCASE, users.user_id",
    )
    .bind(course_id.as_str())
    .fetch_all(db)
    .await?;
    rows.into_iter()
        .map(|(user_id, display_name)| {
            Ok(LearnerRef {
                user_id: UserId::parse(&user_id).map_err(decode_error)?,
                display_name,
            })
        })
        .collect()
}

/// Every (learner, lesson) of `course_id` whose lesson is complete.
pub async fn completed_lessons(
    db: impl SqliteExecutor<'_>,
    course_id: &CourseId,
) -> Result<Vec<(UserId, LessonId)>, sqlx::Error> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT user_id, lesson_id FROM lesson_progress WHERE course_id = ? AND is_complete = 1",
    )
    .bind(course_id.as_str())
    .fetch_all(db)
    .await?;
    rows.into_iter()
        .map(|(user_id, lesson_id)| {
            Ok((
                UserId::parse(&user_id).map_err(decode_error)?,
                LessonId::parse(&lesson_id).map_err(decode_error)?,
            ))
        })
        .collect()
}

/// When the server last received an event of each user in `course_id`.
pub async fn last_activity(
    db: impl SqliteExecutor<'_>,
    course_id: &CourseId,
) -> Result<Vec<(UserId, Timestamp)>, sqlx::Error> {
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "SELECT user_id, MAX(received_at) FROM events WHERE course_id = ? GROUP BY user_id",
    )
    .bind(course_id.as_str())
    .fetch_all(db)
    .await?;
    rows.into_iter()
        .map(|(user_id, received_at)| {
            Ok((
                UserId::parse(&user_id).map_err(decode_error)?,
                Timestamp::from_millisecond(received_at).map_err(decode_error)?,
            ))
        })
        .collect()
}
