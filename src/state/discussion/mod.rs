//! Discussions, in context: writing posts, replies, edits and deletions as outbox events
//! (so they work offline and are stored once by their event id), and reading back what of
//! them is still on this device ([`LocalDiscussion`]). Views combine that with the
//! server's copy, fetched again whenever the outbox changes.

mod pending;
mod shown;

pub use pending::{LocalChange, LocalDiscussion, LocalPost};
pub use shown::{shown_thread, PostState, ShownPost, ShownReply, ShownThread};

use super::{SessionInjection, SyncInjection};
use crate::io::event_recorder::{fresh_id, EventRecorder};
use crate::io::idb::IdbError;
use lectern_api::v1::PostId;
use lectern_core::discussion::{check_post_text, PostProblem};
use lectern_core::sync::EventBody;
use lectern_core::{CourseId, LessonId};
use leptos::prelude::*;

/// Why a post was not written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PostFailure {
    #[error(transparent)]
    Invalid(#[from] PostProblem),
    #[error("the post could not be saved on this device: {0}")]
    Storage(#[from] IdbError),
    #[error("signed out")]
    SignedOut,
}

/// Where a new post goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PostPlace {
    /// It opens a thread, with this title.
    NewThread { title: String },
    /// A reply in `thread_id`, to its opening post or (`reply_to`) one of its replies.
    Reply {
        thread_id: PostId,
        reply_to: Option<PostId>,
    },
}

/// The discussion writer, in context. `Copy`, so views capture it freely.
#[derive(Debug, Clone, Copy)]
pub struct DiscussionInjection {
    recorder: StoredValue<EventRecorder, LocalStorage>,
    /// Bumped whenever this device writes a post, edit or deletion, and whenever the outbox
    /// changes, so views read the discussion again.
    pub changes: Memo<u64>,
    written: RwSignal<u64>,
    session: SessionInjection,
    sync: SyncInjection,
}

/// Provides the discussion writer (after [`super::provide_sync`]).
pub fn provide_discussions() {
    let sync = SyncInjection::expect();
    let written = RwSignal::new(0u64);
    let changes = Memo::new(move |_| written.get() + sync.outbox_changes.get());
    provide_context(DiscussionInjection {
        recorder: StoredValue::new_local(EventRecorder::new()),
        changes,
        written,
        session: SessionInjection::expect(),
        sync,
    });
}

impl DiscussionInjection {
    pub fn expect() -> DiscussionInjection {
        expect_context::<DiscussionInjection>()
    }

    /// Writes a new post at `place`. Returns its id.
    pub async fn post(
        &self,
        course_id: &CourseId,
        lesson_id: &LessonId,
        place: PostPlace,
        body: String,
    ) -> Result<PostId, PostFailure> {
        let post_id = fresh_id(PostId::parse)?;
        let event = match place {
            PostPlace::NewThread { title } => {
                check_post_text(true, Some(&title), &body)?;
                EventBody::Posted {
                    post_id: post_id.clone(),
                    thread_id: None,
                    reply_to: None,
                    title: Some(title),
                    body,
                }
            }
            PostPlace::Reply {
                thread_id,
                reply_to,
            } => {
                check_post_text(false, None, &body)?;
                EventBody::Posted {
                    post_id: post_id.clone(),
                    thread_id: Some(thread_id),
                    reply_to,
                    title: None,
                    body,
                }
            }
        };
        self.record(course_id, lesson_id, event).await?;
        Ok(post_id)
    }

    /// Writes a new version of the caller's post (`title` only for a thread's opening post).
    pub async fn edit(
        &self,
        course_id: &CourseId,
        lesson_id: &LessonId,
        post_id: PostId,
        title: Option<String>,
        body: String,
    ) -> Result<(), PostFailure> {
        check_post_text(title.is_some(), title.as_deref(), &body)?;
        let event = EventBody::PostEdited {
            post_id,
            title,
            body,
        };
        self.record(course_id, lesson_id, event).await
    }

    /// Deletes the caller's post (its replies stay).
    pub async fn delete(
        &self,
        course_id: &CourseId,
        lesson_id: &LessonId,
        post_id: PostId,
    ) -> Result<(), PostFailure> {
        let event = EventBody::PostDeleted { post_id };
        self.record(course_id, lesson_id, event).await
    }

    /// What of `course_id`'s discussions (one lesson's, or all) is still only on this device.
    pub async fn local(
        &self,
        course_id: &CourseId,
        lesson_id: Option<&LessonId>,
    ) -> Result<LocalDiscussion, IdbError> {
        let Some(user_id) = self.session.user_id_untracked() else {
            return Ok(LocalDiscussion::default());
        };
        let recorder = self.recorder.get_value();
        let unsent = recorder.unsent(&user_id).await?;
        let refused = recorder.refused(&user_id).await?;
        Ok(LocalDiscussion::from_events(
            &unsent, &refused, course_id, lesson_id,
        ))
    }

    async fn record(
        &self,
        course_id: &CourseId,
        lesson_id: &LessonId,
        body: EventBody,
    ) -> Result<(), PostFailure> {
        let user_id = self
            .session
            .user_id_untracked()
            .ok_or(PostFailure::SignedOut)?;
        let recorder = self.recorder.get_value();
        let event = recorder
            .record(&user_id, course_id, lesson_id, body)
            .await?;
        self.sync.record(&user_id, vec![event]);
        self.written.update(|n| *n += 1);
        Ok(())
    }
}
