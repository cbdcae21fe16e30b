//! `discussion_posts` and `discussion_post_versions`: a post is inserted with its first
//! version; an edit adds the next version and never changes an earlier one; deleting and
//! hiding only set a time.

use super::{post_id, time, ListedPost, PostRow, StoredPost, POST_COLUMNS, POST_JOINS};
use crate::db::decode_error;
use jiff::Timestamp;
use lectern_api::v1::{PostId, PostVersion};
use lectern_core::{CourseId, LessonId, UserId};
use sqlx::{SqliteConnection, SqliteExecutor};

/// A post to insert, with its first version.
pub struct NewPost<'a> {
    pub post_id: &'a PostId,
    pub course_id: &'a CourseId,
    pub lesson_id: &'a LessonId,
    /// The post's own id for an opening post.
    pub thread_id: &'a PostId,
    /// `None` for an opening post.
    pub parent_post_id: Option<&'a PostId>,
    pub author_id: &'a UserId,
    pub title: Option<&'a str>,
    pub body: &'a str,
    pub written_at: Timestamp,
}

type StoredPostRow = (
    String,
    String,
    String,
    String,
    Option<String>,
    String,
    i64,
    Option<i64>,
    Option<i64>,
);

/// The post with this id, in any course.
pub async fn find(
    db: impl SqliteExecutor<'_>,
    post_id: &PostId,
) -> Result<Option<StoredPost>, sqlx::Error> {
    let row: Option<StoredPostRow> = sqlx::query_as(
        "SELECT post_id, course_id, lesson_id, thread_id, parent_post_id, author_id, \
         created_at, deleted_at, hidden_at FROM discussion_posts WHERE post_id = ?",
    )
    .bind(post_id.as_str())
    .fetch_optional(db)
    .await?;
    row.map(stored_post).transpose()
}

fn stored_post(row: StoredPostRow) -> Result<StoredPost, sqlx::Error> {
    let (id, course_id, lesson_id, thread_id, parent_post_id, author_id) =
        (row.0, row.1, row.2, row.3, row.4, row.5);
    Ok(StoredPost {
        post_id: post_id(&id)?,
        course_id: CourseId::parse(&course_id).map_err(decode_error)?,
        lesson_id: LessonId::parse(&lesson_id).map_err(decode_error)?,
        thread_id: post_id(&thread_id)?,
        parent_post_id: parent_post_id.as_deref().map(post_id).transpose()?,
        author_id: UserId::parse(&author_id).map_err(decode_error)?,
        created_at: time(row.6)?,
        deleted_at: row.7.map(time).transpose()?,
        hidden_at: row.8.map(time).transpose()?,
    })
}

/// Inserts a post and its first version. Fails on a taken post id. An opening post needs
/// its thread inserted after it ([`super::threads::insert`]).
pub async fn insert(conn: &mut SqliteConnection, new: &NewPost<'_>) -> Result<(), sqlx::Error> {
    let written_at = new.written_at.as_millisecond();
    sqlx::query(
        "INSERT INTO discussion_posts (post_id, course_id, lesson_id, thread_id, \
         parent_post_id, author_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(new.post_id.as_str())
    .bind(new.course_id.as_str())
    .bind(new.lesson_id.as_str())
    .bind(new.thread_id.as_str())
    .bind(new.parent_post_id.map(PostId::as_str))
    .bind(new.author_id.as_str())
    .bind(written_at)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "INSERT INTO discussion_post_versions (post_id, version, title, body, written_at) \
         VALUES (?, 1, ?, ?, ?)",
    )
    .bind(new.post_id.as_str())
    .bind(new.title)
    .bind(new.body)
    .bind(written_at)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Adds the next version of a post.
pub async fn add_version(
    db: impl SqliteExecutor<'_>,
    post_id: &PostId,
    title: Option<&str>,
    body: &str,
    written_at: Timestamp,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO discussion_post_versions (post_id, version, title, body, written_at) \
         SELECT ?1, COALESCE(MAX(version), 0) + 1, ?2, ?3, ?4 \
         FROM discussion_post_versions WHERE post_id = ?1",
    )
    .bind(post_id.as_str())
    .bind(title)
    .bind(body)
    .bind(written_at.as_millisecond())
    .execute(db)
    .await?;
    Ok(())
}

/// Marks a post deleted, unless it is already; answers whether it was marked.
pub async fn mark_deleted(
    db: impl SqliteExecutor<'_>,
    post_id: &PostId,
    at: Timestamp,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE discussion_posts SET deleted_at = ? WHERE post_id = ? AND deleted_at IS NULL",
    )
    .bind(at.as_millisecond())
    .bind(post_id.as_str())
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Hides a post, by `moderator` at `at`. A post already hidden keeps who hid it first, and
/// when.
pub async fn hide(
    db: impl SqliteExecutor<'_>,
    post_id: &PostId,
    moderator: &UserId,
    at: Timestamp,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE discussion_posts SET hidden_at = ?, hidden_by = ? \
         WHERE post_id = ? AND hidden_at IS NULL",
    )
    .bind(at.as_millisecond())
    .bind(moderator.as_str())
    .bind(post_id.as_str())
    .execute(db)
    .await?;
    Ok(())
}

/// Shows a hidden post again.
pub async fn unhide(db: impl SqliteExecutor<'_>, post_id: &PostId) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE discussion_posts SET hidden_at = NULL, hidden_by = NULL WHERE post_id = ?")
        .bind(post_id.as_str())
        .execute(db)
        .await?;
    Ok(())
}

/// Every version of a post, oldest first.
pub async fn versions(
    db: impl SqliteExecutor<'_>,
    post_id: &PostId,
) -> Result<Vec<PostVersion>, sqlx::Error> {
    let rows: Vec<(i64, Option<String>, String, i64)> = sqlx::query_as(
        "SELECT version, title, body, written_at FROM discussion_post_versions \
         WHERE post_id = ? ORDER BY version",
    )
    .bind(post_id.as_str())
    .fetch_all(db)
    .await?;
    rows.into_iter()
        .map(|(version, title, body, written_at)| {
            Ok(PostVersion {
                version: u32::try_from(version).map_err(decode_error)?,
                title,
                body,
                written_at: time(written_at)?,
            })
        })
        .collect()
}

/// One post with its author and latest version.
pub async fn listed(
    db: impl SqliteExecutor<'_>,
    post_id: &PostId,
) -> Result<Option<ListedPost>, sqlx::Error> {
    let row: Option<PostRow> = sqlx::query_as(&format!(
        "SELECT {POST_COLUMNS} FROM discussion_posts p {POST_JOINS} WHERE p.post_id = ?"
    ))
    .bind(post_id.as_str())
    .fetch_optional(db)
    .await?;
    row.map(ListedPost::try_from).transpose()
}

/// Every post of a thread, the opening post included, in the order they were written.
pub async fn in_thread(
    db: impl SqliteExecutor<'_>,
    thread_id: &PostId,
) -> Result<Vec<ListedPost>, sqlx::Error> {
    let rows: Vec<PostRow> = sqlx::query_as(&format!(
        "SELECT {POST_COLUMNS} FROM discussion_posts p {POST_JOINS} \
         WHERE p.thread_id = ? ORDER BY p.created_at, p.rowid"
    ))
    .bind(thread_id.as_str())
    .fetch_all(db)
    .await?;
    rows.into_iter().map(ListedPost::try_from).collect()
}
