//! Moderating discussions over real HTTP on a real SQLite file: instructors pin threads,
//! mark answers and hide posts; learners may not (403 for what they can see, 404 for what
//! they cannot), never see hidden text, and cannot reply in a hidden thread.
// Test code: `allow-unwrap-in-tests` does not reach helper functions outside `#[test]`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::discussions::{post, reply_body, stored, thread_body};
use common::events::events_server;
use common::expect_problem;
use lectern_api::v1::{PostView, ProblemType};
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn instructors_pin_mark_answers_and_hide_and_learners_may_not() {
    let server = events_server().await;
    let learner1 = server.sign_in("learner1", "learner1").await;
    let learner2 = server.sign_in("learner2", "learner2").await;
    let instructor = server.sign_in("instructor1", "instructor1").await;
    server
        .send_posts(
            &learner1,
            1,
            vec![thread_body(1, "Why twinkle?", "Stars do, planets not")],
        )
        .await;
    server
        .send_posts(&learner2, 2, vec![reply_body(2, 1, None, "The air moves.")])
        .await;

    let response = server.moderate(&learner2, 1, json!({"pinned": true})).await;
    let problem = expect_problem(response, StatusCode::FORBIDDEN).await;
    assert_eq!(problem.kind(), Some(ProblemType::Forbidden));
    let response = server
        .moderate(&instructor, 1, json!({"pinned": true}))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let response = server
        .moderate(&instructor, 2, json!({"answer": true}))
        .await;
    let answer: PostView = response.json().await.unwrap();
    assert!(answer.is_answer);
    let wrong = server
        .moderate(&instructor, 2, json!({"pinned": true, "answer": true}))
        .await;
    let problem = expect_problem(wrong, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(problem.kind(), Some(ProblemType::InvalidModeration));
    assert_eq!(problem.errors[0].path, "$.pinned");
    let wrong = server
        .moderate(&instructor, 1, json!({"answer": true}))
        .await;
    let problem = expect_problem(wrong, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(problem.errors[0].path, "$.answer");

    let list = server.discussion_threads(&learner2).await;
    let ours = list
        .threads
        .iter()
        .find(|t| t.thread_id == post(1))
        .unwrap();
    assert!(ours.pinned && ours.answered);
    let view = server.thread(&learner2, 1).await;
    assert!(view.pinned && view.replies[0].post.is_answer);
}

#[tokio::test]
async fn hidden_text_never_reaches_learners_and_hidden_threads_take_no_learner_replies() {
    let server = events_server().await;
    let learner1 = server.sign_in("learner1", "learner1").await;
    let learner2 = server.sign_in("learner2", "learner2").await;
    let instructor = server.sign_in("instructor1", "instructor1").await;
    server
        .send_posts(
            &learner1,
            1,
            vec![thread_body(1, "Rude title", "Rude words")],
        )
        .await;
    server
        .send_posts(&learner2, 2, vec![thread_body(2, "Fine", "Fine words")])
        .await;
    server
        .send_posts(&learner1, 3, vec![reply_body(3, 2, None, "Unkind reply")])
        .await;
    for hidden in [1, 3] {
        let response = server
            .moderate(&instructor, hidden, json!({"hidden": true}))
            .await;
        assert_eq!(response.status(), StatusCode::OK);
    }
    for learner in [&learner1, &learner2] {
        let listed = server.threads(learner, "").await.text().await.unwrap();
        let opened = server.get_thread(learner, 2).await.text().await.unwrap();
        for text in [&listed, &opened] {
            assert!(!text.contains("Rude") && !text.contains("Unkind"), "{text}");
        }
    }
    // Its author still sees the thread is there, hidden; classmates do not see it at all.
    let own = server.discussion_threads(&learner1).await;
    let own = own.threads.iter().find(|t| t.thread_id == post(1)).unwrap();
    assert!(own.hidden && own.title.is_empty());
    expect_problem(server.get_thread(&learner2, 1).await, StatusCode::NOT_FOUND).await;
    let response = server
        .moderate(&learner2, 1, json!({"hidden": false}))
        .await;
    expect_problem(response, StatusCode::NOT_FOUND).await;
    let teacher_view = server.thread(&instructor, 1).await;
    assert_eq!(teacher_view.opening.body, "Rude words");
    let refused = server
        .send_posts(&learner1, 4, vec![reply_body(4, 1, None, "Anyone?")])
        .await;
    assert!(refused[0]
        .1
        .as_deref()
        .unwrap()
        .contains("hidden by an instructor"));
    let by_teacher = server
        .send_posts(
            &instructor,
            5,
            vec![reply_body(5, 1, None, "Please keep it kind.")],
        )
        .await;
    assert_eq!(by_teacher, [stored()]);
}
