//! Discussions over real HTTP on a real SQLite file: posts written as learner events (one
//! level of nesting, stored once per event id, checked before anything is stored), edits
//! kept as versions, deletion by the author only, and what is new to whom. Moderation is in
//! `discussion_moderation.rs`.
// Test code: `allow-unwrap-in-tests` does not reach helper functions outside `#[test]`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::discussions::{
    delete_body, discussion_event, edit_body, post, reply_body, stored, thread_body,
};
use common::events::events_server;
use common::expect_problem;
use lectern_api::v1::{EventBatchResponse, PostVersionList, ThreadList};
use lectern_core::discussion::MAX_POST_BODY_CHARS;
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn a_thread_and_its_replies_are_posted_as_events_and_nest_one_level() {
    let server = events_server().await;
    let learner1 = server.sign_in("learner1", "learner1").await;
    let learner2 = server.sign_in("learner2", "learner2").await;
    let opened = server
        .send_posts(
            &learner1,
            1,
            vec![thread_body(1, "Orion tonight", "I saw it!")],
        )
        .await;
    assert_eq!(opened, [stored()]);
    server.pass_a_minute();
    let replies = vec![
        reply_body(2, 1, None, "Me too."),
        reply_body(3, 1, Some(2), "Which part?"),
        // A reply to a nested reply is attached to that reply's parent.
        reply_body(4, 1, Some(3), "The belt."),
    ];
    assert_eq!(
        server.send_posts(&learner2, 2, replies).await,
        vec![stored(); 3]
    );

    let view = server.thread(&learner1, 1).await;
    assert_eq!(view.opening.title.as_deref(), Some("Orion tonight"));
    assert_eq!(view.opening.author.display_name, "Learner One");
    assert_eq!(view.replies.len(), 1);
    let nested: Vec<_> = view.replies[0].replies.iter().map(|p| &p.post_id).collect();
    assert_eq!(nested, [&post(3), &post(4)]);
    assert!(view.replies[0].post.is_new && !view.opening.is_new);

    let list = server.discussion_threads(&learner2).await;
    let order: Vec<_> = list.threads.iter().map(|t| t.title.as_str()).collect();
    assert_eq!(
        order[0], "Start here: count the stars in a square",
        "pinned first"
    );
    assert_eq!(order[1], "Orion tonight", "then the most recently active");
    assert_eq!(list.threads.len(), 4);
    let ours = &list.threads[1];
    assert_eq!((ours.reply_count, ours.new_reply_count), (3, 0));
    assert!(!ours.mine && !ours.pinned && !ours.answered);
    assert_eq!(ours.last_activity_at, server.clock.now());
    // Another lesson that is not a discussion has no threads to list.
    let response = server
        .threads(&learner2, "?lesson_id=tour-of-the-sky")
        .await;
    expect_problem(response, StatusCode::NOT_FOUND).await;
}

#[tokio::test]
async fn a_resent_post_is_stored_once_and_notified_once() {
    let server = events_server().await;
    let learner1 = server.sign_in("learner1", "learner1").await;
    let learner2 = server.sign_in("learner2", "learner2").await;
    server
        .send_posts(&learner1, 1, vec![thread_body(1, "Venus", "So bright.")])
        .await;
    let reply = discussion_event(2, reply_body(2, 1, None, "Brighter than Jupiter."));
    let (posts, notifications) = (
        server.count_rows("discussion_posts").await,
        server.count_rows("notifications").await,
    );
    let first = server
        .send_batch(&learner2, &[reply.clone(), reply.clone()])
        .await;
    let again = server.send_batch(&learner2, &[reply]).await;
    let statuses = |batch: &EventBatchResponse| {
        let value = serde_json::to_value(&batch.results).unwrap();
        value
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["status"].clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(statuses(&first), [json!("stored"), json!("duplicate")]);
    assert_eq!(statuses(&again), [json!("duplicate")]);
    assert_eq!(server.count_rows("discussion_posts").await, posts + 1);
    assert_eq!(server.count_rows("notifications").await, notifications + 1);
}

#[tokio::test]
async fn a_post_id_used_by_another_event_is_rejected() {
    let server = events_server().await;
    let learner1 = server.sign_in("learner1", "learner1").await;
    let learner2 = server.sign_in("learner2", "learner2").await;
    server
        .send_posts(&learner1, 1, vec![thread_body(1, "Mars", "Red.")])
        .await;
    let taken = server
        .send_posts(
            &learner2,
            2,
            vec![thread_body(1, "Mars again", "Mine now.")],
        )
        .await;
    assert_eq!(taken[0].0, "rejected");
    assert!(
        taken[0].1.as_deref().unwrap().contains("already in use"),
        "{taken:?}"
    );
    let view = server.thread(&learner2, 1).await;
    assert_eq!(view.opening.body, "Red.");
}

#[tokio::test]
async fn blank_oversized_and_misplaced_posts_are_rejected_and_nothing_is_stored() {
    let server = events_server().await;
    let learner1 = server.sign_in("learner1", "learner1").await;
    server
        .send_posts(&learner1, 1, vec![thread_body(1, "Saturn", "Rings!")])
        .await;
    let (posts, events) = (
        server.count_rows("discussion_posts").await,
        server.count_rows("events").await,
    );
    let long = "x".repeat(MAX_POST_BODY_CHARS + 1);
    let mut in_a_lecture = discussion_event(7, thread_body(7, "Lost", "Here?"));
    in_a_lecture["lesson_id"] = json!("tour-of-the-sky");
    let refused = server
        .send_batch(
            &learner1,
            &[
                discussion_event(2, reply_body(2, 1, None, "  \n ")),
                discussion_event(3, reply_body(3, 1, None, &long)),
                discussion_event(4, thread_body(4, " ", "No title.")),
                discussion_event(5, reply_body(5, 99, None, "Nowhere.")),
                discussion_event(6, reply_body(6, 1, Some(99), "To nothing.")),
                in_a_lecture,
            ],
        )
        .await;
    let reasons: Vec<&str> = refused
        .results
        .iter()
        .map(|result| result.reason.as_deref().unwrap())
        .collect();
    assert!(reasons[0].contains("write something"), "{reasons:?}");
    assert!(
        reasons[1].contains(&format!("{}", MAX_POST_BODY_CHARS + 1)),
        "{reasons:?}"
    );
    assert!(reasons[2].contains("title"), "{reasons:?}");
    assert!(reasons[3].contains("no thread"), "{reasons:?}");
    assert!(reasons[4].contains("not in this thread"), "{reasons:?}");
    assert!(reasons[5].contains("not a discussion"), "{reasons:?}");
    assert_eq!(server.count_rows("discussion_posts").await, posts);
    assert_eq!(server.count_rows("events").await, events);
}

#[tokio::test]
async fn edits_are_kept_as_versions_and_the_latest_is_shown() {
    let server = events_server().await;
    let learner1 = server.sign_in("learner1", "learner1").await;
    let learner2 = server.sign_in("learner2", "learner2").await;
    let instructor = server.sign_in("instructor1", "instructor1").await;
    server
        .send_posts(&learner1, 1, vec![thread_body(1, "Jupyter", "Four moons")])
        .await;
    server.pass_a_minute();
    let edits = vec![
        edit_body(1, Some("Jupiter"), "Four moons, in a line"),
        edit_body(1, None, "A title is needed"),
    ];
    let edited = server.send_posts(&learner1, 2, edits).await;
    assert_eq!(edited[0], stored());
    assert!(edited[1].1.as_deref().unwrap().contains("keeps a title"));
    let by_classmate = server
        .send_posts(&learner2, 4, vec![edit_body(1, Some("Mine"), "Not yours")])
        .await;
    assert!(by_classmate[0].1.as_deref().unwrap().contains("is yours"));

    let view = server.thread(&learner2, 1).await;
    assert_eq!(view.opening.title.as_deref(), Some("Jupiter"));
    assert_eq!(view.opening.body, "Four moons, in a line");
    assert_eq!(view.opening.version_count, 2);
    assert_eq!(view.opening.edited_at, Some(server.clock.now()));
    for token in [&learner1, &instructor] {
        let response = server.versions(token, 1).await;
        assert_eq!(response.status(), StatusCode::OK);
        let list: PostVersionList = response.json().await.unwrap();
        let bodies: Vec<_> = list.versions.iter().map(|v| v.body.as_str()).collect();
        assert_eq!(bodies, ["Four moons", "Four moons, in a line"]);
        assert_eq!(list.versions[0].title.as_deref(), Some("Jupyter"));
    }
    let classmate = server.versions(&learner2, 1).await;
    expect_problem(classmate, StatusCode::NOT_FOUND).await;
}

#[tokio::test]
async fn only_the_author_deletes_a_post_and_its_text_never_leaves_the_server() {
    let server = events_server().await;
    let learner1 = server.sign_in("learner1", "learner1").await;
    let learner2 = server.sign_in("learner2", "learner2").await;
    let instructor = server.sign_in("instructor1", "instructor1").await;
    server
        .send_posts(&learner1, 1, vec![thread_body(1, "Comet", "A secret tail")])
        .await;
    server
        .send_posts(&learner2, 2, vec![reply_body(2, 1, None, "Where?")])
        .await;
    let not_theirs = server.send_posts(&learner2, 3, vec![delete_body(1)]).await;
    assert_eq!(not_theirs[0].0, "rejected");
    let deleted = server
        .send_posts(&learner1, 4, vec![delete_body(1), delete_body(1)])
        .await;
    assert_eq!(deleted[0], stored());
    assert!(deleted[1].1.as_deref().unwrap().contains("deleted"));
    // The thread still takes replies.
    let reply = server
        .send_posts(&learner2, 6, vec![reply_body(3, 1, None, "Still here.")])
        .await;
    assert_eq!(reply, [stored()]);
    for token in [&learner2, &instructor] {
        let text = server.get_thread(token, 1).await.text().await.unwrap();
        assert!(
            !text.contains("secret") && !text.contains("Comet"),
            "{text}"
        );
        let listed = server.threads(token, "").await.text().await.unwrap();
        assert!(!listed.contains("Comet"), "{listed}");
        expect_problem(server.versions(token, 1).await, StatusCode::NOT_FOUND).await;
    }
    let view = server.thread(&learner2, 1).await;
    assert!(view.opening.deleted);
    assert_eq!(view.replies.len(), 2);
    // Without replies left, a deleted thread is listed no more.
    server
        .send_posts(&learner2, 7, vec![delete_body(2), delete_body(3)])
        .await;
    let list = server.discussion_threads(&learner2).await;
    assert!(list.threads.iter().all(|t| t.thread_id != post(1)));
    expect_problem(server.get_thread(&learner2, 1).await, StatusCode::NOT_FOUND).await;
}

#[tokio::test]
async fn post_text_is_stored_and_returned_exactly_as_written() {
    let server = events_server().await;
    let learner1 = server.sign_in("learner1", "learner1").await;
    let body = "<script>alert('x')</script> & **bold** <img src=x onerror=alert(1)>";
    server
        .send_posts(&learner1, 1, vec![thread_body(1, "<b>Title</b>", body)])
        .await;
    let view = server.thread(&learner1, 1).await;
    assert_eq!(view.opening.body, body);
    assert_eq!(view.opening.title.as_deref(), Some("<b>Title</b>"));
}

#[tokio::test]
async fn replies_are_new_until_the_reader_opens_the_thread() {
    let server = events_server().await;
    let learner1 = server.sign_in("learner1", "learner1").await;
    let learner2 = server.sign_in("learner2", "learner2").await;
    server
        .send_posts(&learner1, 1, vec![thread_body(1, "Moon", "Full tonight")])
        .await;
    server.pass_a_minute();
    server
        .send_posts(&learner2, 2, vec![reply_body(2, 1, None, "Lovely")])
        .await;
    let ours = |list: &ThreadList| {
        list.threads
            .iter()
            .find(|t| t.thread_id == post(1))
            .cloned()
    };
    let before = ours(&server.discussion_threads(&learner1).await).unwrap();
    assert_eq!(before.new_reply_count, 1);
    assert!(before.mine);
    assert_eq!(
        server.inbox(&learner1).await.unread_count,
        2,
        "the reply and the demo's announcement"
    );

    server.pass_a_minute();
    let read_at = server.clock.now();
    let response = server.read_thread(&learner1, 1).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let after = ours(&server.discussion_threads(&learner1).await).unwrap();
    assert_eq!(after.new_reply_count, 0);
    assert_eq!(server.inbox(&learner1).await.unread_count, 1);
    server.pass_a_minute();
    server
        .send_posts(
            &learner2,
            3,
            vec![reply_body(3, 1, Some(2), "Really lovely")],
        )
        .await;
    let view = server.thread(&learner1, 1).await;
    assert_eq!(view.last_read_at, Some(read_at));
    assert!(!view.replies[0].post.is_new);
    assert!(view.replies[0].replies[0].is_new);
    let missing = server.read_thread(&learner1, 99).await;
    expect_problem(missing, StatusCode::NOT_FOUND).await;
}
#[tokio::test]
async fn the_demo_discussion_is_seeded_once() {
    let server = events_server().await;
    let learner3 = server.sign_in("learner3", "learner3").await;
    let list = server.discussion_threads(&learner3).await;
    assert_eq!(list.threads.len(), 3);
    assert!(list.threads[0].pinned);
    assert!(list.threads.iter().any(|t| t.answered));
    let posts = server.count_rows("discussion_posts").await;
    let outcome = lectern_server::demo::seed(&server.db).await.unwrap();
    assert_eq!(outcome, lectern_server::demo::SeedOutcome::AlreadyPopulated);
    assert_eq!(server.count_rows("discussion_posts").await, posts);
    assert_eq!(server.count_rows("announcements").await, 1);
}
