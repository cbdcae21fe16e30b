//! Discussion events from a device's outbox, applied to the course's posts at the server's
//! time (which is what `created_at`, `edited_at` and the thread's activity say):
//! - `posted` writes a post under the device's id: a thread's opening post, or a reply in a
//!   thread of the same discussion lesson. A reply to a thread's direct reply nests under
//!   it; a reply to a nested reply is attached to that reply's parent, so nesting never
//!   goes deeper than one level. The authors of the thread and of the post replied to are
//!   notified (never the replier). Learners cannot reply in a thread, or to a post, that an
//!   instructor hid; a thread whose opening post was deleted still takes replies.
//! - `post_edited` adds a version of the caller's own post, `post_deleted` deletes it; not
//!   once it is deleted.
//!
//! The event must be for a discussion lesson the caller is enrolled in. What the rules
//! refuse is a [`DiscussionEventRefusal`], the reason the event is rejected with; nothing it
//! did is kept, as it runs in a savepoint that is then rolled back. A resent event never
//! gets here twice: its id makes it a duplicate first.

use super::discussion_access::{course_member, CourseMember};
use super::ApiError;
use crate::db::discussions::{posts, threads, StoredPost};
use crate::db::notifications::{self, NewNotification};
use crate::db::users;
use jiff::Timestamp;
use lectern_api::v1::{LearnerEvent, NotificationKind, PostId};
use lectern_core::discussion::PostProblem;
use lectern_core::sync::EventBody;
use lectern_core::{LessonId, UserId};
use sqlx::{Connection, SqliteConnection};

/// Why the discussion rules refuse an event; the text is the reason its "rejected" answer
/// gives.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(super) enum DiscussionEventRefusal {
    #[error("lesson {0} is not a discussion of this course")]
    NotADiscussion(LessonId),
    #[error("this post id is already in use; write the post with a new UUID")]
    PostIdTaken,
    #[error("there is no thread {0} in this discussion")]
    NoSuchThread(PostId),
    #[error("post {0} is not in this thread")]
    NotInThread(PostId),
    #[error("this thread was hidden by an instructor and takes no more replies")]
    ThreadHidden,
    #[error("the post replied to was hidden by an instructor")]
    PostHidden,
    /// The same whether the post does not exist, is in another discussion, or is another's.
    #[error("no post with this id in this discussion is yours")]
    NotYourPost,
    #[error("this post was deleted and can no longer change")]
    PostDeleted,
    #[error("the opening post of a thread keeps a title: send one with the edit")]
    TitleNeeded,
    #[error(transparent)]
    Text(#[from] PostProblem),
}

/// Why applying an event stopped: a refusal rejects the event, a server error fails the
/// whole batch.
enum Failure {
    Refused(DiscussionEventRefusal),
    Server(ApiError),
}

impl From<DiscussionEventRefusal> for Failure {
    fn from(refusal: DiscussionEventRefusal) -> Self {
        Failure::Refused(refusal)
    }
}

impl From<ApiError> for Failure {
    fn from(err: ApiError) -> Self {
        Failure::Server(err)
    }
}

impl From<sqlx::Error> for Failure {
    fn from(err: sqlx::Error) -> Self {
        Failure::Server(err.into())
    }
}

/// Applies `event` to the course's posts if it is a discussion event; other kinds pass. On
/// a refusal nothing it did is kept, and the refusal is the reason to reject it with.
pub(super) async fn apply(
    conn: &mut SqliteConnection,
    user_id: &UserId,
    event: &LearnerEvent,
    now: Timestamp,
) -> Result<Result<(), DiscussionEventRefusal>, ApiError> {
    if !matches!(
        event.body,
        EventBody::Posted { .. } | EventBody::PostEdited { .. } | EventBody::PostDeleted { .. }
    ) {
        return Ok(Ok(()));
    }
    let mut savepoint = conn.begin().await?;
    match apply_discussion_event(&mut savepoint, user_id, event, now).await {
        Ok(()) => {
            savepoint.commit().await?;
            Ok(Ok(()))
        }
        Err(Failure::Refused(refusal)) => {
            savepoint.rollback().await?;
            Ok(Err(refusal))
        }
        Err(Failure::Server(err)) => Err(err),
    }
}

async fn apply_discussion_event(
    conn: &mut SqliteConnection,
    user_id: &UserId,
    event: &LearnerEvent,
    now: Timestamp,
) -> Result<(), Failure> {
    let not_a_discussion = || DiscussionEventRefusal::NotADiscussion(event.lesson_id.clone());
    let member = course_member(conn, user_id, &event.course_id)
        .await?
        .filter(|member| member.has_discussion(&event.lesson_id))
        .ok_or_else(not_a_discussion)?;
    match &event.body {
        EventBody::Posted {
            post_id,
            thread_id,
            reply_to,
            title,
            body,
        } => {
            if posts::find(&mut *conn, post_id).await?.is_some() {
                return Err(DiscussionEventRefusal::PostIdTaken.into());
            }
            let post = Post {
                post_id,
                title: title.as_deref(),
                body,
            };
            match thread_id {
                None => open_thread(conn, user_id, event, &post, now).await,
                Some(thread_id) => {
                    let place = ReplyPlace {
                        thread_id,
                        reply_to: reply_to.as_ref(),
                    };
                    reply(conn, &member, user_id, event, &post, &place, now).await
                }
            }
        }
        EventBody::PostEdited {
            post_id,
            title,
            body,
        } => {
            let post = own_live_post(conn, user_id, event, post_id).await?;
            match (post.opens_thread(), title) {
                (true, None) => return Err(DiscussionEventRefusal::TitleNeeded.into()),
                (false, Some(_)) => {
                    return Err(DiscussionEventRefusal::from(PostProblem::TitleOnReply).into())
                }
                _ => {}
            }
            posts::add_version(&mut *conn, post_id, title.as_deref(), body, now).await?;
            threads::touch(&mut *conn, &post.thread_id, now).await?;
            Ok(())
        }
        EventBody::PostDeleted { post_id } => {
            own_live_post(conn, user_id, event, post_id).await?;
            posts::mark_deleted(&mut *conn, post_id, now).await?;
            Ok(())
        }
        _ => Ok(()),
    }
}

/// The text of a new post.
struct Post<'a> {
    post_id: &'a PostId,
    title: Option<&'a str>,
    body: &'a str,
}

/// Where a reply goes, as the event says.
struct ReplyPlace<'a> {
    thread_id: &'a PostId,
    reply_to: Option<&'a PostId>,
}

async fn open_thread(
    conn: &mut SqliteConnection,
    user_id: &UserId,
    event: &LearnerEvent,
    post: &Post<'_>,
    now: Timestamp,
) -> Result<(), Failure> {
    let new_post = posts::NewPost {
        post_id: post.post_id,
        course_id: &event.course_id,
        lesson_id: &event.lesson_id,
        thread_id: post.post_id,
        parent_post_id: None,
        author_id: user_id,
        title: post.title,
        body: post.body,
        written_at: now,
    };
    posts::insert(conn, &new_post).await?;
    threads::insert(
        &mut *conn,
        post.post_id,
        &event.course_id,
        &event.lesson_id,
        now,
    )
    .await?;
    Ok(())
}

async fn reply(
    conn: &mut SqliteConnection,
    member: &CourseMember,
    user_id: &UserId,
    event: &LearnerEvent,
    post: &Post<'_>,
    place: &ReplyPlace<'_>,
    now: Timestamp,
) -> Result<(), Failure> {
    let no_thread = || DiscussionEventRefusal::NoSuchThread(place.thread_id.clone());
    let opening = posts::find(&mut *conn, place.thread_id)
        .await?
        .filter(|opening| {
            opening.opens_thread()
                && opening.course_id == event.course_id
                && opening.lesson_id == event.lesson_id
        })
        .ok_or_else(no_thread)?;
    if opening.hidden_at.is_some() && !member.is_teacher {
        return Err(DiscussionEventRefusal::ThreadHidden.into());
    }
    let replied_to = match place.reply_to {
        None => opening.clone(),
        Some(reply_to) => posts::find(&mut *conn, reply_to)
            .await?
            .filter(|replied_to| replied_to.thread_id == opening.post_id)
            .ok_or_else(|| DiscussionEventRefusal::NotInThread(reply_to.clone()))?,
    };
    // Nesting stops at one level: a reply to a nested reply goes under its parent.
    let parent = match &replied_to.parent_post_id {
        Some(parent_id) if *parent_id != opening.post_id => posts::find(&mut *conn, parent_id)
            .await?
            .ok_or_else(|| DiscussionEventRefusal::NotInThread(parent_id.clone()))?,
        _ => replied_to.clone(),
    };
    let is_hidden = replied_to.hidden_at.is_some() || parent.hidden_at.is_some();
    if is_hidden && !member.is_teacher {
        return Err(DiscussionEventRefusal::PostHidden.into());
    }
    let new_post = posts::NewPost {
        post_id: post.post_id,
        course_id: &event.course_id,
        lesson_id: &event.lesson_id,
        thread_id: &opening.post_id,
        parent_post_id: Some(&parent.post_id),
        author_id: user_id,
        title: None,
        body: post.body,
        written_at: now,
    };
    posts::insert(conn, &new_post).await?;
    threads::touch(&mut *conn, &opening.post_id, now).await?;
    notify_reply(
        conn,
        member,
        user_id,
        post.post_id,
        &opening,
        &replied_to,
        now,
    )
    .await
}

/// Tells the authors of the thread and of the post replied to (once each, never the
/// replier, and not for a post they deleted) that `reply_id` was written.
async fn notify_reply(
    conn: &mut SqliteConnection,
    member: &CourseMember,
    replier: &UserId,
    reply_id: &PostId,
    opening: &StoredPost,
    replied_to: &StoredPost,
    now: Timestamp,
) -> Result<(), Failure> {
    let title = thread_title(conn, member, opening).await?;
    let actor = match users::find(&mut *conn, replier).await? {
        Some(user) => user.profile.display_name,
        None => replier.to_string(),
    };
    let subject_key = format!("reply:{reply_id}");
    let mut told: Vec<&UserId> = vec![replier];
    for post in [opening, replied_to] {
        if post.deleted_at.is_some() || told.contains(&&post.author_id) {
            continue;
        }
        told.push(&post.author_id);
        let notification = NewNotification {
            user_id: &post.author_id,
            kind: NotificationKind::Reply,
            course_id: &opening.course_id,
            lesson_id: Some(&opening.lesson_id),
            thread_id: Some(&opening.post_id),
            post_id: Some(reply_id),
            announcement_id: None,
            subject_key: &subject_key,
            title: &title,
            actor: Some(&actor),
            created_at: now,
        };
        notifications::notify(&mut *conn, &notification).await?;
    }
    Ok(())
}

/// The line a reply notification shows: the thread's title, or the lesson's when the
/// thread's text is not for everyone (hidden or deleted).
async fn thread_title(
    conn: &mut SqliteConnection,
    member: &CourseMember,
    opening: &StoredPost,
) -> Result<String, Failure> {
    let lesson_title = || {
        member
            .course
            .lesson(&opening.lesson_id)
            .map(|lesson| lesson.title.clone())
            .unwrap_or_default()
    };
    if opening.hidden_at.is_some() || opening.deleted_at.is_some() {
        return Ok(lesson_title());
    }
    let listed = posts::listed(&mut *conn, &opening.post_id).await?;
    Ok(listed
        .and_then(|listed| listed.latest.title)
        .unwrap_or_else(lesson_title))
}

/// The caller's own post `post_id` in the event's discussion, not deleted.
async fn own_live_post(
    conn: &mut SqliteConnection,
    user_id: &UserId,
    event: &LearnerEvent,
    post_id: &PostId,
) -> Result<StoredPost, Failure> {
    let post = posts::find(&mut *conn, post_id)
        .await?
        .filter(|post| {
            post.author_id == *user_id
                && post.course_id == event.course_id
                && post.lesson_id == event.lesson_id
        })
        .ok_or(DiscussionEventRefusal::NotYourPost)?;
    if post.deleted_at.is_some() {
        return Err(DiscussionEventRefusal::PostDeleted.into());
    }
    Ok(post)
}
