//! Recording posts and submissions in a real browser: each event goes into the outbox with
//! this device's next sequence number and reads back as unsent, in order, for its learner
//! only; refused ones read back from the `rejected` store with the server's reason; and the
//! discussion view of them (`LocalDiscussion`) is built from exactly those.

// Browser tests are not `#[test]` functions, so clippy's test allowance does not reach them.
#![allow(clippy::unwrap_used)]

use lectern::io::event_recorder::{fresh_id, EventRecorder};
use lectern::io::idb::{PlayerDb, SetAside};
use lectern::state::discussion::LocalDiscussion;
use lectern_api::v1::PostId;
use lectern_core::sync::EventBody;
use lectern_core::{CourseId, LessonId, UserId};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

mod common;

use common::fresh;

fn thread_body(title: &str) -> (PostId, EventBody) {
    let post_id = fresh_id(PostId::parse).unwrap();
    let body = EventBody::Posted {
        post_id: post_id.clone(),
        thread_id: None,
        reply_to: None,
        title: Some(title.into()),
        body: "What I saw".into(),
    };
    (post_id, body)
}

#[wasm_bindgen_test]
async fn recorded_posts_wait_in_order_for_their_learner_and_refusals_keep_their_reason() {
    let name = "lectern-test-event-recorder";
    fresh(name).await;
    let recorder = EventRecorder::named(name);
    let ada = UserId::parse("ada").unwrap();
    let bob = UserId::parse("bob").unwrap();
    let course = CourseId::parse("astronomy-101").unwrap();
    let lesson = LessonId::parse("light-pollution").unwrap();

    let (thread_id, opening) = thread_body("Orion");
    let first = recorder
        .record(&ada, &course, &lesson, opening)
        .await
        .unwrap();
    let reply = EventBody::Posted {
        post_id: fresh_id(PostId::parse).unwrap(),
        thread_id: Some(thread_id.clone()),
        reply_to: None,
        title: None,
        body: "Me too".into(),
    };
    let second = recorder
        .record(&ada, &course, &lesson, reply)
        .await
        .unwrap();
    let (_, bobs) = thread_body("Bob's");
    recorder.record(&bob, &course, &lesson, bobs).await.unwrap();

    assert_eq!(second.sequence, first.sequence + 1);
    assert_eq!(first.device_id, second.device_id);
    let unsent = recorder.unsent(&ada).await.unwrap();
    assert_eq!(unsent, vec![first.clone(), second.clone()]);

    // The server refused the reply: it moves to `rejected` with the reason.
    let db = PlayerDb::open_named(name).await.unwrap();
    let reason = "this thread was hidden by an instructor".to_owned();
    db.set_aside(
        &ada,
        SetAside::Rejected,
        &[(second.clone(), Some(reason.clone()))],
        0.0,
    )
    .await
    .unwrap();
    drop(db);
    let unsent = recorder.unsent(&ada).await.unwrap();
    let refused = recorder.refused(&ada).await.unwrap();
    assert_eq!(unsent, vec![first]);
    assert_eq!(refused, vec![(second, Some(reason.clone()))]);

    let local = LocalDiscussion::from_events(&unsent, &refused, &course, Some(&lesson));
    assert_eq!(local.threads().count(), 1);
    let replies: Vec<_> = local.replies_in(&thread_id).collect();
    assert_eq!(replies.len(), 1);
    assert_eq!(replies[0].refusal.as_deref(), Some(reason.as_str()));
}
