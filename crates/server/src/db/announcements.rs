//! The `announcements` table: what an instructor told every learner of a course. Publishing
//! one also puts an `announcement` notification in the inbox of each learner enrolled.

use super::decode_error;
use super::notifications::{self, NewNotification};
use jiff::Timestamp;
use lectern_api::v1::{AnnouncementView, NotificationKind};
use lectern_core::{CourseId, UserId};
use sqlx::{SqliteConnection, SqliteExecutor};

/// An announcement to publish.
pub struct NewAnnouncement<'a> {
    pub announcement_id: &'a str,
    pub course_id: &'a CourseId,
    pub author_id: &'a UserId,
    /// The author's display name, for the notifications.
    pub author_name: &'a str,
    pub title: &'a str,
    pub body: &'a str,
    pub created_at: Timestamp,
}

/// Stores the announcement and notifies every learner enrolled in its course (its author
/// never). Answers how many were notified. Run it in a transaction.
pub async fn publish(
    conn: &mut SqliteConnection,
    new: &NewAnnouncement<'_>,
) -> Result<usize, sqlx::Error> {
    sqlx::query(
        "INSERT INTO announcements (announcement_id, course_id, author_id, title, body, \
         created_at) VALUES (?, ?, ?, ?, ?, ?)",
    )
    .bind(new.announcement_id)
    .bind(new.course_id.as_str())
    .bind(new.author_id.as_str())
    .bind(new.title)
    .bind(new.body)
    .bind(new.created_at.as_millisecond())
    .execute(&mut *conn)
    .await?;
    let learners: Vec<String> = sqlx::query_scalar(
        "SELECT user_id FROM enrolments WHERE course_id = ? AND role = 'learner' \
         AND user_id <> ? ORDER BY user_id",
    )
    .bind(new.course_id.as_str())
    .bind(new.author_id.as_str())
    .fetch_all(&mut *conn)
    .await?;
    let subject_key = format!("announcement:{}", new.announcement_id);
    for learner in &learners {
        let user_id = UserId::parse(learner).map_err(decode_error)?;
        let notification = NewNotification {
            user_id: &user_id,
            kind: NotificationKind::Announcement,
            course_id: new.course_id,
            lesson_id: None,
            thread_id: None,
            post_id: None,
            announcement_id: Some(new.announcement_id),
            subject_key: &subject_key,
            title: new.title,
            actor: Some(new.author_name),
            created_at: new.created_at,
        };
        notifications::notify(&mut *conn, &notification).await?;
    }
    Ok(learners.len())
}

/// Whether an announcement with this id is stored.
pub async fn exists(
    db: impl SqliteExecutor<'_>,
    announcement_id: &str,
) -> Result<bool, sqlx::Error> {
    let found: Option<i64> =
        sqlx::query_scalar("SELECT 1 FROM announcements WHERE announcement_id = ?")
            .bind(announcement_id)
            .fetch_optional(db)
            .await?;
    Ok(found.is_some())
}

/// The announcements of a course, newest first.
pub async fn list_for_course(
    db: impl SqliteExecutor<'_>,
    course_id: &CourseId,
) -> Result<Vec<AnnouncementView>, sqlx::Error> {
    select(db, "a.course_id = ?", course_id.as_str()).await
}

async fn select(
    db: impl SqliteExecutor<'_>,
    condition: &str,
    value: &str,
) -> Result<Vec<AnnouncementView>, sqlx::Error> {
    let rows: Vec<(String, String, String, String, String, i64)> = sqlx::query_as(&format!(
        "SELECT a.announcement_id, a.course_id, a.title, a.body, u.display_name, a.created_at \
         FROM announcements a JOIN users u ON u.user_id = a.author_id WHERE {condition} \
         ORDER BY a.created_at DESC, a.rowid DESC"
    ))
    .bind(value)
    .fetch_all(db)
    .await?;
    rows.into_iter()
        .map(
            |(announcement_id, course_id, title, body, author, created_at)| {
                Ok(AnnouncementView {
                    announcement_id,
                    course_id: CourseId::parse(&course_id).map_err(decode_error)?,
                    title,
                    body,
                    author,
                    created_at: Timestamp::from_millisecond(created_at).map_err(decode_error)?,
                })
            },
        )
        .collect()
}
