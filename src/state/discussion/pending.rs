//! What of a discussion is still on this device: posts, edits and deletions in the outbox
//! (the server has not answered for them yet: "pending"), and those the server refused,
//! with its reason. Read straight from the outbox, so they show the moment they are
//! written, online or not, and disappear once the server's copy takes over.

use jiff::Timestamp;
use lectern_api::v1::PostId;
use lectern_core::sync::{EventBody, EventId, LearnerEvent};
use lectern_core::{CourseId, LessonId};

/// A post written on this device that the server does not hold (yet).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalPost {
    pub event_id: EventId,
    pub lesson_id: LessonId,
    pub post_id: PostId,
    /// `None`: it opens a thread.
    pub thread_id: Option<PostId>,
    pub reply_to: Option<PostId>,
    pub title: Option<String>,
    pub body: String,
    pub written_at: Timestamp,
    /// Why the server refused it; `None` while it waits to be sent.
    pub refusal: Option<String>,
}

/// A change to a post (an edit or a deletion) not yet answered for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LocalChange {
    Edited { title: Option<String>, body: String },
    Deleted,
}

/// The discussion of one lesson as this device holds it beyond the server's copy.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LocalDiscussion {
    /// Oldest first.
    pub posts: Vec<LocalPost>,
    /// The latest unsent change of each post, by post.
    pub changes: Vec<(PostId, LocalChange)>,
}

impl LocalDiscussion {
    /// Reads the discussion events of `course_id`'s `lesson_id` (every lesson when `None`)
    /// from the outbox (`unsent`, oldest first) and the refused ones with their reasons.
    pub fn from_events(
        unsent: &[LearnerEvent],
        refused: &[(LearnerEvent, Option<String>)],
        course_id: &CourseId,
        lesson_id: Option<&LessonId>,
    ) -> LocalDiscussion {
        let here = |event: &LearnerEvent| {
            &event.course_id == course_id && lesson_id.is_none_or(|l| &event.lesson_id == l)
        };
        let mut local = LocalDiscussion::default();
        let waiting = unsent.iter().filter(|e| here(e)).map(|e| (e, None));
        let refused = refused
            .iter()
            .filter(|(e, _)| here(e))
            .map(|(e, reason)| (e, Some(reason.clone().unwrap_or_default())));
        for (event, refusal) in refused.chain(waiting) {
            match (&event.body, refusal) {
                (
                    EventBody::Posted {
                        post_id,
                        thread_id,
                        reply_to,
                        title,
                        body,
                    },
                    refusal,
                ) => local.posts.push(LocalPost {
                    event_id: event.event_id.clone(),
                    lesson_id: event.lesson_id.clone(),
                    post_id: post_id.clone(),
                    thread_id: thread_id.clone(),
                    reply_to: reply_to.clone(),
                    title: title.clone(),
                    body: body.clone(),
                    written_at: event.occurred_at,
                    refusal,
                }),
                // A refused edit or deletion changes nothing: the post stays as stored.
                (
                    EventBody::PostEdited {
                        post_id,
                        title,
                        body,
                    },
                    None,
                ) => local.change(
                    post_id,
                    LocalChange::Edited {
                        title: title.clone(),
                        body: body.clone(),
                    },
                ),
                (EventBody::PostDeleted { post_id }, None) => {
                    local.change(post_id, LocalChange::Deleted)
                }
                _ => {}
            }
        }
        local.posts.sort_by_key(|post| post.written_at);
        local
    }

    fn change(&mut self, post_id: &PostId, change: LocalChange) {
        self.changes.retain(|(changed, _)| changed != post_id);
        self.changes.push((post_id.clone(), change));
    }

    /// Threads opened on this device.
    pub fn threads(&self) -> impl Iterator<Item = &LocalPost> {
        self.posts.iter().filter(|post| post.thread_id.is_none())
    }

    /// Replies written on this device in `thread_id`.
    pub fn replies_in<'a>(&'a self, thread_id: &'a PostId) -> impl Iterator<Item = &'a LocalPost> {
        self.posts
            .iter()
            .filter(move |post| post.thread_id.as_ref() == Some(thread_id))
    }

    /// The unsent change to `post_id`, if any.
    pub fn change_of(&self, post_id: &PostId) -> Option<&LocalChange> {
        self.changes
            .iter()
            .find(|(changed, _)| changed == post_id)
            .map(|(_, change)| change)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lectern_core::sync::DeviceId;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn uuid(n: u8) -> String {
        format!("0f8fad5b-d9cb-469f-a165-7086772895{n:02x}")
    }

    fn event(n: u8, lesson: &str, body: EventBody) -> LearnerEvent {
        LearnerEvent {
            event_id: EventId::parse(&uuid(n)).unwrap(),
            device_id: DeviceId::parse(&uuid(200)).unwrap(),
            sequence: u64::from(n) + 1,
            occurred_at: Timestamp::from_second(1_800_000_000 + i64::from(n)).unwrap(),
            course_id: CourseId::parse("astronomy-101").unwrap(),
            lesson_id: LessonId::parse(lesson).unwrap(),
            body,
        }
    }

    fn post(n: u8, thread: Option<u8>, title: Option<&str>) -> EventBody {
        EventBody::Posted {
            post_id: PostId::parse(&uuid(100 + n)).unwrap(),
            thread_id: thread.map(|t| PostId::parse(&uuid(100 + t)).unwrap()),
            reply_to: None,
            title: title.map(str::to_owned),
            body: format!("body {n}"),
        }
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn posts_of_the_lesson_are_read_with_their_state_and_the_latest_change_wins() {
        let course = CourseId::parse("astronomy-101").unwrap();
        let lesson = LessonId::parse("light-pollution").unwrap();
        let first_post = PostId::parse(&uuid(101)).unwrap();
        let unsent = vec![
            event(1, "light-pollution", post(1, None, Some("Orion"))),
            event(2, "light-pollution", post(2, Some(1), None)),
            event(3, "other-lesson", post(3, None, Some("Elsewhere"))),
            event(4, "light-pollution", EventBody::Completed),
            event(
                5,
                "light-pollution",
                EventBody::PostEdited {
                    post_id: first_post.clone(),
                    title: Some("Orion, edited".into()),
                    body: "v2".into(),
                },
            ),
            event(
                6,
                "light-pollution",
                EventBody::PostDeleted {
                    post_id: first_post.clone(),
                },
            ),
        ];
        let refused = vec![(
            event(0, "light-pollution", post(9, None, Some("Too late"))),
            Some("this thread was hidden".to_owned()),
        )];
        let local = LocalDiscussion::from_events(&unsent, &refused, &course, Some(&lesson));
        let titles: Vec<Option<&str>> = local.posts.iter().map(|p| p.title.as_deref()).collect();
        assert_eq!(titles, [Some("Too late"), Some("Orion"), None]);
        assert_eq!(
            local.posts[0].refusal.as_deref(),
            Some("this thread was hidden")
        );
        assert_eq!(local.posts[1].refusal, None);
        assert_eq!(local.threads().count(), 2);
        assert_eq!(local.replies_in(&first_post).count(), 1);
        assert_eq!(local.change_of(&first_post), Some(&LocalChange::Deleted));
        let everywhere = LocalDiscussion::from_events(&unsent, &[], &course, None);
        assert_eq!(everywhere.threads().count(), 2);
    }
}
