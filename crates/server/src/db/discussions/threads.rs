//! `discussion_threads` and `discussion_thread_reads`: each thread's pin, answer and latest
//! activity, the threads of a course with their counts for one reader, and when each user
//! last opened each thread.

use super::{post_id, time, ListedPost, PostRow, POST_COLUMNS, POST_JOINS};
use crate::db::decode_error;
use jiff::Timestamp;
use lectern_api::v1::PostId;
use lectern_core::{CourseId, LessonId, UserId};
use sqlx::SqliteExecutor;

/// A thread as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredThread {
    pub thread_id: PostId,
    pub course_id: CourseId,
    pub lesson_id: LessonId,
    pub is_pinned: bool,
    /// The reply an instructor marked as the answer, if any.
    pub answer_post_id: Option<PostId>,
    pub last_activity_at: Timestamp,
}

/// A thread in a list, as one reader sees its counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListedThread {
    pub opening: ListedPost,
    pub is_pinned: bool,
    pub last_activity_at: Timestamp,
    /// Replies that are not deleted.
    pub reply_count: u32,
    /// Replies not deleted, by others than the reader, since the reader last opened the
    /// thread (all of them if never).
    pub new_reply_count: u32,
    /// Whether an answer is marked and not deleted.
    pub is_answered: bool,
}

#[derive(sqlx::FromRow)]
struct ListedThreadRow {
    #[sqlx(flatten)]
    opening: PostRow,
    is_pinned: bool,
    last_activity_at: i64,
    reply_count: i64,
    new_reply_count: i64,
    is_answered: bool,
}

/// Starts the thread of an opening post just inserted.
pub async fn insert(
    db: impl SqliteExecutor<'_>,
    thread_id: &PostId,
    course_id: &CourseId,
    lesson_id: &LessonId,
    at: Timestamp,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO discussion_threads (thread_id, course_id, lesson_id, last_activity_at) \
         VALUES (?, ?, ?, ?)",
    )
    .bind(thread_id.as_str())
    .bind(course_id.as_str())
    .bind(lesson_id.as_str())
    .bind(at.as_millisecond())
    .execute(db)
    .await?;
    Ok(())
}

/// The thread with this id, in any course.
pub async fn find(
    db: impl SqliteExecutor<'_>,
    thread_id: &PostId,
) -> Result<Option<StoredThread>, sqlx::Error> {
    let row: Option<(String, String, String, bool, Option<String>, i64)> = sqlx::query_as(
        "SELECT thread_id, course_id, lesson_id, is_pinned, answer_post_id, last_activity_at \
         FROM discussion_threads WHERE thread_id = ?",
    )
    .bind(thread_id.as_str())
    .fetch_optional(db)
    .await?;
    let Some((thread_id, course_id, lesson_id, is_pinned, answer_post_id, last_activity_at)) = row
    else {
        return Ok(None);
    };
    Ok(Some(StoredThread {
        thread_id: post_id(&thread_id)?,
        course_id: CourseId::parse(&course_id).map_err(decode_error)?,
        lesson_id: LessonId::parse(&lesson_id).map_err(decode_error)?,
        is_pinned,
        answer_post_id: answer_post_id.as_deref().map(post_id).transpose()?,
        last_activity_at: time(last_activity_at)?,
    }))
}

/// Something was written in the thread at `at`.
pub async fn touch(
    db: impl SqliteExecutor<'_>,
    thread_id: &PostId,
    at: Timestamp,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE discussion_threads SET last_activity_at = MAX(last_activity_at, ?) \
         WHERE thread_id = ?",
    )
    .bind(at.as_millisecond())
    .bind(thread_id.as_str())
    .execute(db)
    .await?;
    Ok(())
}

pub async fn set_pinned(
    db: impl SqliteExecutor<'_>,
    thread_id: &PostId,
    is_pinned: bool,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE discussion_threads SET is_pinned = ? WHERE thread_id = ?")
        .bind(is_pinned)
        .bind(thread_id.as_str())
        .execute(db)
        .await?;
    Ok(())
}

/// Marks `answer` as the thread's answer (replacing any other), or none.
pub async fn set_answer(
    db: impl SqliteExecutor<'_>,
    thread_id: &PostId,
    answer: Option<&PostId>,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE discussion_threads SET answer_post_id = ? WHERE thread_id = ?")
        .bind(answer.map(PostId::as_str))
        .bind(thread_id.as_str())
        .execute(db)
        .await?;
    Ok(())
}

/// The threads of a course (of one lesson, if given), with their counts as `reader` sees
/// them, in no particular order.
pub async fn list(
    db: impl SqliteExecutor<'_>,
    reader: &UserId,
    course_id: &CourseId,
    lesson_id: Option<&LessonId>,
) -> Result<Vec<ListedThread>, sqlx::Error> {
    let replies = "FROM discussion_posts r WHERE r.thread_id = t.thread_id \
                   AND r.parent_post_id IS NOT NULL AND r.deleted_at IS NULL";
    let rows: Vec<ListedThreadRow> = sqlx::query_as(&format!(
        "SELECT {POST_COLUMNS}, t.is_pinned, t.last_activity_at, \
         (SELECT COUNT(*) {replies}) AS reply_count, \
         (SELECT COUNT(*) {replies} AND r.author_id <> ?1 \
          AND (rd.last_read_at IS NULL OR r.created_at > rd.last_read_at)) AS new_reply_count, \
         EXISTS (SELECT 1 FROM discussion_posts a WHERE a.post_id = t.answer_post_id \
          AND a.deleted_at IS NULL) AS is_answered \
         FROM discussion_threads t JOIN discussion_posts p ON p.post_id = t.thread_id \
         {POST_JOINS} \
         LEFT JOIN discussion_thread_reads rd ON rd.thread_id = t.thread_id AND rd.user_id = ?1 \
         WHERE t.course_id = ?2 AND (?3 IS NULL OR t.lesson_id = ?3)"
    ))
    .bind(reader.as_str())
    .bind(course_id.as_str())
    .bind(lesson_id.map(LessonId::as_str))
    .fetch_all(db)
    .await?;
    rows.into_iter()
        .map(|row| {
            let count = |n: i64| u32::try_from(n).map_err(decode_error);
            Ok(ListedThread {
                opening: ListedPost::try_from(row.opening)?,
                is_pinned: row.is_pinned,
                last_activity_at: time(row.last_activity_at)?,
                reply_count: count(row.reply_count)?,
                new_reply_count: count(row.new_reply_count)?,
                is_answered: row.is_answered,
            })
        })
        .collect()
}

/// When `user_id` last opened the thread, if ever.
pub async fn last_read_at(
    db: impl SqliteExecutor<'_>,
    user_id: &UserId,
    thread_id: &PostId,
) -> Result<Option<Timestamp>, sqlx::Error> {
    let read: Option<i64> = sqlx::query_scalar(
        "SELECT last_read_at FROM discussion_thread_reads WHERE user_id = ? AND thread_id = ?",
    )
    .bind(user_id.as_str())
    .bind(thread_id.as_str())
    .fetch_optional(db)
    .await?;
    read.map(time).transpose()
}

/// `user_id` opened the thread at `at`.
pub async fn mark_read(
    db: impl SqliteExecutor<'_>,
    user_id: &UserId,
    thread_id: &PostId,
    at: Timestamp,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO discussion_thread_reads (user_id, thread_id, last_read_at) VALUES (?, ?, ?) \
         ON CONFLICT (user_id, thread_id) DO UPDATE SET last_read_at = excluded.last_read_at",
    )
    .bind(user_id.as_str())
    .bind(thread_id.as_str())
    .bind(at.as_millisecond())
    .execute(db)
    .await?;
    Ok(())
}
