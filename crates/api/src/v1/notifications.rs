//! The inbox: the caller's notifications, newest first, with the unread count the header
//! shows; marking them read; and announcements, which an instructor sends to every learner
//! enrolled in a course.
//!
//! Notifications are made by the server: a reply to the caller's thread or post, a graded
//! assignment or reviewed quiz answer, a new announcement, a live session starting
//! within [`LIVE_SOON_MINUTES`] (by the server's clock, made when the inbox is read), and a
//! live session's recording ready to watch.

use jiff::Timestamp;
use lectern_core::discussion::PostId;
use lectern_core::{CourseId, LessonId};
use serde::{Deserialize, Serialize};

/// How long before a live session its notification appears.
pub const LIVE_SOON_MINUTES: i64 = 30;
/// Most notifications one inbox answer holds.
pub const MAX_NOTIFICATIONS: usize = 100;
/// Longest announcement title, in characters.
pub const MAX_ANNOUNCEMENT_TITLE_CHARS: usize = 200;
/// Longest announcement body, in characters (Markdown).
pub const MAX_ANNOUNCEMENT_BODY_CHARS: usize = 20_000;

/// What a notification is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NotificationKind {
    /// Someone replied to the caller's thread or post (`thread_id`, `post_id` say where).
    Reply,
    /// The caller's assignment was graded, or a quiz answer reviewed.
    Graded,
    /// An instructor posted an announcement in the course (`announcement_id`).
    Announcement,
    /// A live session of the course starts soon.
    LiveSoon,
    /// A live session's recording is a lesson now (`lesson_id` is the recording's).
    RecordingReady,
}

/// One notification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationView {
    /// A UUID.
    pub notification_id: String,
    pub kind: NotificationKind,
    pub course_id: CourseId,
    /// The lesson it concerns, if any (the discussion, assignment, quiz or live lesson).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lesson_id: Option<LessonId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thread_id: Option<PostId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub post_id: Option<PostId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub announcement_id: Option<String>,
    /// A short line to show: the thread's title, the lesson's, or the announcement's.
    pub title: String,
    /// Who caused it (the replier, the grader, the announcer), if anyone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<String>,
    pub created_at: Timestamp,
    pub read: bool,
}

/// `GET /api/v1/notifications` answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationList {
    /// Unread notifications in all (not only those listed).
    pub unread_count: u32,
    /// Newest first, at most [`MAX_NOTIFICATIONS`].
    pub notifications: Vec<NotificationView>,
}

/// `POST /api/v1/notifications/read` body: mark these read (ids of the caller's own;
/// others are ignored), or all of them when `all` is true.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MarkNotificationsRead {
    #[serde(default)]
    pub notification_ids: Vec<String>,
    #[serde(default)]
    pub all: bool,
}

/// `POST /api/v1/courses/{course_id}/announcements` body (instructors of the course).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewAnnouncement {
    pub title: String,
    /// Markdown.
    pub body: String,
}

/// One announcement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnnouncementView {
    pub announcement_id: String,
    pub course_id: CourseId,
    pub title: String,
    pub body: String,
    pub author: String,
    pub created_at: Timestamp,
}

/// `GET /api/v1/courses/{course_id}/announcements` answer, newest first; the `POST` answers
/// the one made (201).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnnouncementList {
    pub announcements: Vec<AnnouncementView>,
}
