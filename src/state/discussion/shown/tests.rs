use super::*;
use crate::state::discussion::LocalPost;
use lectern_api::v1::{PostAuthor, ReplyView};
use lectern_core::sync::EventId;
use lectern_core::{CourseId, LessonId};
use wasm_bindgen_test::wasm_bindgen_test;

fn id(n: u8) -> PostId {
    PostId::parse(&format!("0f8fad5b-d9cb-469f-a165-7086772895{n:02x}")).unwrap()
}

fn at(second: i64) -> Timestamp {
    Timestamp::from_second(1_800_000_000 + second).unwrap()
}

fn server_post(n: u8, title: Option<&str>) -> PostView {
    PostView {
        post_id: id(n),
        author: PostAuthor {
            display_name: "Learner Two".into(),
            role: Role::Learner,
        },
        title: title.map(str::to_owned),
        body: format!("server {n}"),
        created_at: at(i64::from(n)),
        edited_at: None,
        version_count: 1,
        hidden: false,
        deleted: false,
        mine: false,
        is_new: true,
        is_answer: false,
    }
}

fn local_post(n: u8, thread: Option<u8>, reply_to: Option<u8>, refusal: Option<&str>) -> LocalPost {
    LocalPost {
        event_id: EventId::parse(&format!("1f8fad5b-d9cb-469f-a165-7086772895{n:02x}")).unwrap(),
        lesson_id: LessonId::parse("light-pollution").unwrap(),
        post_id: id(n),
        thread_id: thread.map(id),
        reply_to: reply_to.map(id),
        title: thread.is_none().then(|| "Mine".to_owned()),
        body: format!("local {n}"),
        written_at: at(i64::from(n)),
        refusal: refusal.map(str::to_owned),
    }
}

fn view() -> ThreadView {
    ThreadView {
        thread_id: id(1),
        course_id: CourseId::parse("astronomy-101").unwrap(),
        lesson_id: LessonId::parse("light-pollution").unwrap(),
        pinned: true,
        last_read_at: None,
        opening: server_post(1, Some("Orion")),
        replies: vec![ReplyView {
            post: server_post(2, None),
            replies: vec![],
        }],
    }
}

const ME: (&str, Role) = ("Learner One", Role::Learner);

#[wasm_bindgen_test(unsupported = test)]
fn unsent_replies_join_the_server_copy_where_they_belong() {
    let local = LocalDiscussion {
        posts: vec![
            local_post(10, Some(1), Some(2), None),
            local_post(11, Some(1), None, Some("this thread was hidden")),
            // Already in the server's copy (the answer raced the outbox): shown once.
            local_post(2, Some(1), None, None),
            local_post(12, Some(9), None, None),
        ],
        changes: vec![],
    };
    let thread = shown_thread(Some(&view()), &local, &id(1), ME).unwrap();
    assert!(thread.pinned);
    assert_eq!(thread.replies.len(), 2);
    assert_eq!(thread.replies[0].post.state, PostState::Stored);
    assert_eq!(thread.replies[0].replies.len(), 1);
    assert_eq!(thread.replies[0].replies[0].state, PostState::Pending);
    assert_eq!(thread.replies[0].replies[0].author_name, "Learner One");
    assert_eq!(
        thread.replies[1].post.state,
        PostState::Refused("this thread was hidden".into())
    );
}

#[wasm_bindgen_test(unsupported = test)]
fn unsent_edits_and_deletions_show_over_the_server_copy() {
    let local = LocalDiscussion {
        posts: vec![],
        changes: vec![
            (
                id(1),
                LocalChange::Edited {
                    title: Some("Orion, edited".into()),
                    body: "v2".into(),
                },
            ),
            (id(2), LocalChange::Deleted),
        ],
    };
    let thread = shown_thread(Some(&view()), &local, &id(1), ME).unwrap();
    assert_eq!(thread.opening.title.as_deref(), Some("Orion, edited"));
    assert_eq!(thread.opening.body, "v2");
    assert_eq!(thread.opening.state, PostState::Pending);
    assert!(thread.replies[0].post.deleted);
    assert!(thread.replies[0].post.body.is_empty());
}

#[wasm_bindgen_test(unsupported = test)]
fn a_thread_opened_offline_shows_from_this_device_alone() {
    let local = LocalDiscussion {
        posts: vec![
            local_post(5, None, None, None),
            local_post(6, Some(5), None, None),
        ],
        changes: vec![],
    };
    let thread = shown_thread(None, &local, &id(5), ME).unwrap();
    assert_eq!(thread.opening.state, PostState::Pending);
    assert_eq!(thread.opening.title.as_deref(), Some("Mine"));
    assert_eq!(thread.replies.len(), 1);
    assert!(shown_thread(None, &local, &id(7), ME).is_none());
}
