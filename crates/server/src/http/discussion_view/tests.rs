//! What readers see of hidden, deleted and nested posts.

use super::*;
use crate::db::discussions::StoredPost;
use lectern_api::v1::{PostAuthor, PostVersion};
use lectern_core::user::Role;
use lectern_core::{CourseId, LessonId};

fn id(n: u32) -> PostId {
    PostId::parse(&format!("00000000-0000-4000-8000-{n:012}")).unwrap()
}

fn at(seconds: i64) -> Timestamp {
    Timestamp::from_second(1_900_000_000 + seconds).unwrap()
}

fn user(name: &str) -> UserId {
    UserId::parse(name).unwrap()
}

/// Post `n` by `author`, written at `n` seconds, answering `parent` (none: it opens thread 1).
fn post(n: u32, author: &str, parent: Option<u32>) -> ListedPost {
    ListedPost {
        post: StoredPost {
            post_id: id(n),
            course_id: CourseId::parse("astronomy-101").unwrap(),
            lesson_id: LessonId::parse("light-pollution").unwrap(),
            thread_id: id(1),
            parent_post_id: parent.map(id),
            author_id: user(author),
            created_at: at(i64::from(n)),
            deleted_at: None,
            hidden_at: None,
        },
        author: PostAuthor {
            display_name: author.to_uppercase(),
            role: Role::Learner,
        },
        latest: PostVersion {
            version: 1,
            title: parent.is_none().then(|| format!("Title {n}")),
            body: format!("Body {n}"),
            written_at: at(i64::from(n)),
        },
    }
}

fn thread() -> StoredThread {
    StoredThread {
        thread_id: id(1),
        course_id: CourseId::parse("astronomy-101").unwrap(),
        lesson_id: LessonId::parse("light-pollution").unwrap(),
        is_pinned: false,
        answer_post_id: Some(id(3)),
        last_activity_at: at(10),
    }
}

fn listed_thread(opening: ListedPost, reply_count: u32) -> ListedThread {
    ListedThread {
        opening,
        is_pinned: true,
        last_activity_at: at(10),
        reply_count,
        new_reply_count: 0,
        is_answered: false,
    }
}

#[test]
fn a_hidden_thread_is_listed_only_to_its_author_and_teachers_and_its_text_only_to_teachers() {
    let (author, classmate) = (user("learner1"), user("learner2"));
    let mut opening = post(1, "learner1", None);
    opening.post.hidden_at = Some(at(5));
    let hidden = listed_thread(opening, 0);
    let as_classmate = Reader {
        user_id: &classmate,
        is_teacher: false,
    };
    assert_eq!(thread_summary(&hidden, as_classmate), None);
    let as_author = Reader {
        user_id: &author,
        is_teacher: false,
    };
    let seen = thread_summary(&hidden, as_author).unwrap();
    assert!(seen.hidden && seen.mine);
    assert_eq!(seen.title, "");
    let as_teacher = Reader {
        user_id: &classmate,
        is_teacher: true,
    };
    assert_eq!(
        thread_summary(&hidden, as_teacher).unwrap().title,
        "Title 1"
    );
}

#[test]
fn a_deleted_thread_is_listed_without_text_while_replies_are_left() {
    let reader_id = user("instructor1");
    let reader = Reader {
        user_id: &reader_id,
        is_teacher: true,
    };
    let mut opening = post(1, "learner1", None);
    opening.post.deleted_at = Some(at(6));
    assert_eq!(
        thread_summary(&listed_thread(opening.clone(), 0), reader),
        None
    );
    let shown = thread_summary(&listed_thread(opening, 2), reader).unwrap();
    assert!(shown.deleted);
    assert_eq!(shown.title, "");
}

#[test]
fn replies_nest_one_level_and_deleted_ones_stay_only_as_the_place_of_their_replies() {
    let reader_id = user("learner3");
    let reader = Reader {
        user_id: &reader_id,
        is_teacher: false,
    };
    let mut deleted_with_reply = post(2, "learner2", Some(1));
    deleted_with_reply.post.deleted_at = Some(at(20));
    let mut deleted_alone = post(5, "learner2", Some(1));
    deleted_alone.post.deleted_at = Some(at(20));
    let mut hidden = post(6, "learner2", Some(3));
    hidden.post.hidden_at = Some(at(21));
    let posts = [
        post(1, "learner1", None),
        deleted_with_reply,
        post(3, "learner3", Some(1)),
        post(4, "learner1", Some(2)),
        deleted_alone,
        hidden,
    ];
    let view = thread_view(&thread(), &posts, reader, Some(at(3))).unwrap();
    assert_eq!(view.opening.title.as_deref(), Some("Title 1"));
    let shape: Vec<(PostId, Vec<PostId>)> = view
        .replies
        .iter()
        .map(|reply| {
            let nested = reply.replies.iter().map(|p| p.post_id.clone()).collect();
            (reply.post.post_id.clone(), nested)
        })
        .collect();
    assert_eq!(shape, [(id(2), vec![id(4)]), (id(3), vec![id(6)])]);
    let deleted = &view.replies[0].post;
    assert!(deleted.deleted && deleted.body.is_empty() && deleted.title.is_none());
    let hidden = &view.replies[1].replies[0];
    assert!(hidden.hidden && hidden.body.is_empty());
    // New: written by someone else after the last visit at 3 s.
    assert!(view.replies[0].replies[0].is_new);
    let own = &view.replies[1].post;
    assert!(own.mine && !own.is_new && own.is_answer);
}

#[test]
fn an_edited_post_shows_its_latest_version_and_when_it_was_written() {
    let reader_id = user("learner2");
    let reader = Reader {
        user_id: &reader_id,
        is_teacher: false,
    };
    let mut edited = post(3, "learner1", Some(1));
    edited.latest = PostVersion {
        version: 3,
        title: None,
        body: "Third try".into(),
        written_at: at(40),
    };
    let view = post_view(&edited, reader, None, None);
    assert_eq!(view.body, "Third try");
    assert_eq!((view.version_count, view.edited_at), (3, Some(at(40))));
    assert!(view.is_new, "never opened: everything by others is new");
    let unedited = post_view(&post(4, "learner1", Some(1)), reader, None, None);
    assert_eq!((unedited.version_count, unedited.edited_at), (1, None));
}
