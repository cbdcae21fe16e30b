//! The `notifications` table: what each user is told about (a reply, a grade, an
//! announcement, a live session soon, a recording ready), newest first, with when they read it. Each subject
//! is notified to a user once: a second notice with the same `subject_key` is dropped.

use super::{decode_error, encode_error};
use jiff::Timestamp;
use lectern_api::v1::{NotificationKind, NotificationView, PostId};
use lectern_core::{CourseId, LessonId, UserId};
use sqlx::SqliteExecutor;

/// A notification to make.
#[derive(Debug, Clone)]
pub struct NewNotification<'a> {
    pub user_id: &'a UserId,
    pub kind: NotificationKind,
    pub course_id: &'a CourseId,
    pub lesson_id: Option<&'a LessonId>,
    pub thread_id: Option<&'a PostId>,
    pub post_id: Option<&'a PostId>,
    pub announcement_id: Option<&'a str>,
    /// What it is about, unique per user: `reply:{post_id}`, `graded:{submission_id}:{n}`,
    /// `announcement:{announcement_id}`, `live_soon:{course_id}:{lesson_id}:{starts_at}`,
    /// `recording_ready:{course_id}:{live_lesson_id}`.
    pub subject_key: &'a str,
    pub title: &'a str,
    pub actor: Option<&'a str>,
    pub created_at: Timestamp,
}

fn kind_name(kind: NotificationKind) -> &'static str {
    match kind {
        NotificationKind::Reply => "reply",
        NotificationKind::Graded => "graded",
        NotificationKind::Announcement => "announcement",
        NotificationKind::LiveSoon => "live_soon",
        NotificationKind::RecordingReady => "recording_ready",
    }
}

fn kind_of(name: &str) -> Option<NotificationKind> {
    [
        NotificationKind::Reply,
        NotificationKind::Graded,
        NotificationKind::Announcement,
        NotificationKind::LiveSoon,
        NotificationKind::RecordingReady,
    ]
    .into_iter()
    .find(|kind| kind_name(*kind) == name)
}

/// Makes a notification, unless the user already has one about the same subject. Answers
/// whether it was made.
pub async fn notify(
    db: impl SqliteExecutor<'_>,
    new: &NewNotification<'_>,
) -> Result<bool, sqlx::Error> {
    let notification_id = super::random_uuid()?;
    let done = sqlx::query(
        "INSERT INTO notifications (notification_id, user_id, kind, course_id, lesson_id, \
         thread_id, post_id, announcement_id, subject_key, title, actor, created_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) \
         ON CONFLICT (user_id, subject_key) DO NOTHING",
    )
    .bind(notification_id)
    .bind(new.user_id.as_str())
    .bind(kind_name(new.kind))
    .bind(new.course_id.as_str())
    .bind(new.lesson_id.map(LessonId::as_str))
    .bind(new.thread_id.map(PostId::as_str))
    .bind(new.post_id.map(PostId::as_str))
    .bind(new.announcement_id)
    .bind(new.subject_key)
    .bind(new.title)
    .bind(new.actor)
    .bind(new.created_at.as_millisecond())
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

type NotificationRow = (
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    String,
    Option<String>,
    i64,
    Option<i64>,
);

/// `user_id`'s newest `limit` notifications, newest first (of those made at the same time,
/// the one made last).
pub async fn newest(
    db: impl SqliteExecutor<'_>,
    user_id: &UserId,
    limit: usize,
) -> Result<Vec<NotificationView>, sqlx::Error> {
    let rows: Vec<NotificationRow> = sqlx::query_as(
        "SELECT notification_id, kind, course_id, lesson_id, thread_id, post_id, \
         announcement_id, title, actor, created_at, read_at FROM notifications \
         WHERE user_id = ? ORDER BY created_at DESC, rowid DESC LIMIT ?",
    )
    .bind(user_id.as_str())
    .bind(i64::try_from(limit).map_err(encode_error)?)
    .fetch_all(db)
    .await?;
    rows.into_iter().map(view_of).collect()
}

fn view_of(row: NotificationRow) -> Result<NotificationView, sqlx::Error> {
    let (id, kind, course_id, lesson_id, thread_id, post_id, announcement_id, title, actor) = (
        row.0, row.1, row.2, row.3, row.4, row.5, row.6, row.7, row.8,
    );
    let post = |raw: Option<String>| raw.map(|raw| PostId::parse(&raw)).transpose();
    Ok(NotificationView {
        notification_id: id,
        kind: kind_of(&kind).ok_or_else(|| decode_error(UnknownKind(kind)))?,
        course_id: CourseId::parse(&course_id).map_err(decode_error)?,
        lesson_id: lesson_id
            .map(|raw| LessonId::parse(&raw))
            .transpose()
            .map_err(decode_error)?,
        thread_id: post(thread_id).map_err(decode_error)?,
        post_id: post(post_id).map_err(decode_error)?,
        announcement_id,
        title,
        actor,
        created_at: Timestamp::from_millisecond(row.9).map_err(decode_error)?,
        read: row.10.is_some(),
    })
}

#[derive(Debug, thiserror::Error)]
#[error("unknown notification kind {0:?}")]
struct UnknownKind(String);

/// How many of `user_id`'s notifications are unread.
pub async fn unread_count(
    db: impl SqliteExecutor<'_>,
    user_id: &UserId,
) -> Result<u32, sqlx::Error> {
    let count: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM notifications WHERE user_id = ? AND read_at IS NULL",
    )
    .bind(user_id.as_str())
    .fetch_one(db)
    .await?;
    u32::try_from(count).map_err(decode_error)
}

/// Marks read those of `notification_ids` that are `user_id`'s (others are left alone).
/// Answers how many it marked.
pub async fn mark_read(
    db: impl SqliteExecutor<'_>,
    user_id: &UserId,
    notification_ids: &[String],
    at: Timestamp,
) -> Result<u64, sqlx::Error> {
    let ids_json = serde_json::to_string(notification_ids).map_err(encode_error)?;
    let done = sqlx::query(
        "UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL \
         AND notification_id IN (SELECT value FROM json_each(?))",
    )
    .bind(at.as_millisecond())
    .bind(user_id.as_str())
    .bind(ids_json)
    .execute(db)
    .await?;
    Ok(done.rows_affected())
}

/// Marks all of `user_id`'s notifications read. Answers how many it marked.
pub async fn mark_all_read(
    db: impl SqliteExecutor<'_>,
    user_id: &UserId,
    at: Timestamp,
) -> Result<u64, sqlx::Error> {
    let done =
        sqlx::query("UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL")
            .bind(at.as_millisecond())
            .bind(user_id.as_str())
            .execute(db)
            .await?;
    Ok(done.rows_affected())
}

/// Marks read `user_id`'s notifications of replies in one thread (they opened it).
pub async fn mark_thread_replies_read(
    db: impl SqliteExecutor<'_>,
    user_id: &UserId,
    thread_id: &PostId,
    at: Timestamp,
) -> Result<u64, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE notifications SET read_at = ? WHERE user_id = ? AND thread_id = ? \
         AND kind = 'reply' AND read_at IS NULL",
    )
    .bind(at.as_millisecond())
    .bind(user_id.as_str())
    .bind(thread_id.as_str())
    .execute(db)
    .await?;
    Ok(done.rows_affected())
}
