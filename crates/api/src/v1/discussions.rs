//! Discussions: the threads of a course (all of them, or one discussion lesson's), one
//! thread with its replies, the versions of a post, marking a thread read, and an
//! instructor's moderation (pin a thread, mark an answer, hide a post).
//!
//! Posts are written, edited and deleted as learner events (`posted`, `post_edited`,
//! `post_deleted` in `POST /api/v1/events`), so a post written offline is sent by the
//! outbox and stored once by its event id. These routes read what is stored.
//!
//! Bodies are Markdown source; clients render them with raw HTML disabled. A hidden post's
//! title and body reach only instructors; a deleted post's never leave the server.

use jiff::Timestamp;
pub use lectern_core::discussion::PostId;
use lectern_core::user::Role;
use lectern_core::{CourseId, LessonId};
use serde::{Deserialize, Serialize};

/// Who wrote a post, as classmates see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostAuthor {
    pub display_name: String,
    /// The author's role in the course (instructors' posts are marked as such).
    pub role: Role,
}

/// One thread in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreadSummary {
    /// The id of the thread's opening post.
    pub thread_id: PostId,
    pub lesson_id: LessonId,
    /// Empty when the opening post is hidden (for learners) or deleted.
    pub title: String,
    pub author: PostAuthor,
    pub created_at: Timestamp,
    /// The latest post or edit in the thread.
    pub last_activity_at: Timestamp,
    /// Replies that are not deleted.
    pub reply_count: u32,
    /// Replies by others since the caller last opened the thread (all of them if never).
    pub new_reply_count: u32,
    pub pinned: bool,
    /// Whether an instructor has marked a reply as the answer.
    pub answered: bool,
    pub hidden: bool,
    pub deleted: bool,
    /// Whether the caller wrote the opening post.
    pub mine: bool,
}

/// `GET /api/v1/courses/{course_id}/threads[?lesson_id=…]` answer: pinned threads first,
/// then the most recently active.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreadList {
    pub threads: Vec<ThreadSummary>,
}

/// One post, in its latest version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostView {
    pub post_id: PostId,
    pub author: PostAuthor,
    /// Only on a thread's opening post.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Markdown. Empty when the post is deleted, or hidden and the caller is a learner.
    pub body: String,
    pub created_at: Timestamp,
    /// When the latest version was written, if the post was edited.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edited_at: Option<Timestamp>,
    /// 1 for a post never edited.
    pub version_count: u32,
    pub hidden: bool,
    pub deleted: bool,
    pub mine: bool,
    /// Written by someone else since the caller last opened the thread.
    pub is_new: bool,
    /// Marked by an instructor as the answer to the thread.
    pub is_answer: bool,
}

/// A direct reply to a thread's opening post, with the replies to it (one level).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplyView {
    pub post: PostView,
    pub replies: Vec<PostView>,
}

/// `GET /api/v1/threads/{thread_id}` answer. Replies are oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreadView {
    pub thread_id: PostId,
    pub course_id: CourseId,
    pub lesson_id: LessonId,
    pub pinned: bool,
    /// When the caller last opened the thread before now, if ever.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_read_at: Option<Timestamp>,
    pub opening: PostView,
    pub replies: Vec<ReplyView>,
}

/// One version of a post.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostVersion {
    /// 1 for the first.
    pub version: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    pub body: String,
    pub written_at: Timestamp,
}

/// `GET /api/v1/posts/{post_id}/versions` answer (the author, or an instructor of the
/// course): every version, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostVersionList {
    pub versions: Vec<PostVersion>,
}

/// `PUT /api/v1/posts/{post_id}/moderation` body (instructors of the course). Fields left
/// out stay as they are. `pinned` applies to a thread's opening post only; `answer` to a
/// reply only (marking one answer unmarks any other in its thread).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostModeration {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pinned: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hidden: Option<bool>,
}
