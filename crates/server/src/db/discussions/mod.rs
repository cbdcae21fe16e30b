//! The discussion tables: `discussion_posts` with their append-only
//! `discussion_post_versions` ([`posts`]), and `discussion_threads` with each user's last
//! visit in `discussion_thread_reads` ([`threads`]). Rows come back whole, text included;
//! what a reader may see of them is the HTTP layer's to decide.

pub mod posts;
pub mod threads;

use super::decode_error;
use jiff::Timestamp;
use lectern_api::v1::{PostAuthor, PostId, PostVersion};
use lectern_core::user::Role;
use lectern_core::{CourseId, LessonId, UserId};

/// A post as stored, without its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredPost {
    pub post_id: PostId,
    pub course_id: CourseId,
    pub lesson_id: LessonId,
    /// The id of the thread's opening post (its own id for an opening post).
    pub thread_id: PostId,
    /// The post this one answers: the opening post, or one of its direct replies. `None` for
    /// an opening post.
    pub parent_post_id: Option<PostId>,
    pub author_id: UserId,
    pub created_at: Timestamp,
    pub deleted_at: Option<Timestamp>,
    pub hidden_at: Option<Timestamp>,
}

impl StoredPost {
    /// Whether the post is a thread's opening post.
    pub fn opens_thread(&self) -> bool {
        self.parent_post_id.is_none()
    }
}

/// A post with its author and its latest version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListedPost {
    pub post: StoredPost,
    pub author: PostAuthor,
    pub latest: PostVersion,
}

/// The columns of a post: `p` is the post, `u` its author, `e` the author's enrolment in the
/// post's course, `v` its latest version (see [`POST_JOINS`]).
pub(super) const POST_COLUMNS: &str = "p.post_id, p.course_id, p.lesson_id, p.thread_id, \
    p.parent_post_id, p.author_id, p.created_at, p.deleted_at, p.hidden_at, \
    u.display_name AS author_name, COALESCE(e.role, u.role) AS author_role, \
    v.version, v.title, v.body, v.written_at";

/// What [`POST_COLUMNS`] reads from, after `FROM discussion_posts p`.
pub(super) const POST_JOINS: &str = "JOIN users u ON u.user_id = p.author_id \
    LEFT JOIN enrolments e ON e.user_id = p.author_id AND e.course_id = p.course_id \
    JOIN discussion_post_versions v ON v.post_id = p.post_id AND v.version = \
    (SELECT MAX(version) FROM discussion_post_versions WHERE post_id = p.post_id)";

/// One row of [`POST_COLUMNS`].
#[derive(sqlx::FromRow)]
pub(super) struct PostRow {
    post_id: String,
    course_id: String,
    lesson_id: String,
    thread_id: String,
    parent_post_id: Option<String>,
    author_id: String,
    created_at: i64,
    deleted_at: Option<i64>,
    hidden_at: Option<i64>,
    author_name: String,
    author_role: String,
    version: i64,
    title: Option<String>,
    body: String,
    written_at: i64,
}

impl TryFrom<PostRow> for ListedPost {
    type Error = sqlx::Error;

    fn try_from(row: PostRow) -> Result<ListedPost, sqlx::Error> {
        let Some(role) = Role::parse(&row.author_role) else {
            return Err(decode_error(UnknownRole(row.author_role)));
        };
        let post = StoredPost {
            post_id: post_id(&row.post_id)?,
            course_id: CourseId::parse(&row.course_id).map_err(decode_error)?,
            lesson_id: LessonId::parse(&row.lesson_id).map_err(decode_error)?,
            thread_id: post_id(&row.thread_id)?,
            parent_post_id: row.parent_post_id.as_deref().map(post_id).transpose()?,
            author_id: UserId::parse(&row.author_id).map_err(decode_error)?,
            created_at: time(row.created_at)?,
            deleted_at: row.deleted_at.map(time).transpose()?,
            hidden_at: row.hidden_at.map(time).transpose()?,
        };
        Ok(ListedPost {
            post,
            author: PostAuthor {
                display_name: row.author_name,
                role,
            },
            latest: PostVersion {
                version: u32::try_from(row.version).map_err(decode_error)?,
                title: row.title,
                body: row.body,
                written_at: time(row.written_at)?,
            },
        })
    }
}

#[derive(Debug, thiserror::Error)]
#[error("unknown role {0:?}")]
struct UnknownRole(String);

pub(super) fn post_id(raw: &str) -> Result<PostId, sqlx::Error> {
    PostId::parse(raw).map_err(decode_error)
}

pub(super) fn time(millis: i64) -> Result<Timestamp, sqlx::Error> {
    Timestamp::from_millisecond(millis).map_err(decode_error)
}
