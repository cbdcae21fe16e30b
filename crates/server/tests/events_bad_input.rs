//! Malformed requests to the sync routes: no token, broken JSON, a body that is not a batch,
//! too many events, the wrong content type and huge bodies are answered with 401, 400, 415
//! and 413 problems, never a 500, and store nothing.
// Test code: `allow-unwrap-in-tests` does not reach helper functions outside `#[test]`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::events::{completed, event, events_server, PHONE};
use common::expect_problem;
use lectern_api::v1::{routes, ProblemType, MAX_BODY_BYTES, MAX_EVENTS_PER_BATCH};
use reqwest::header::CONTENT_TYPE;
use reqwest::StatusCode;
use serde_json::{json, Value};

#[tokio::test]
async fn both_routes_need_a_token() {
    let server = events_server().await;
    let body = json!({ "events": [event(1, PHONE, 1, 0, completed())] });
    let response = server
        .client
        .post(server.url(routes::EVENTS))
        .json(&body)
        .send()
        .await
        .unwrap();
    let problem = expect_problem(response, StatusCode::UNAUTHORIZED).await;
    assert_eq!(problem.kind(), Some(ProblemType::Unauthorized));
    let revoked = server.post_events("not-a-real-token", &body).await;
    expect_problem(revoked, StatusCode::UNAUTHORIZED).await;
    let progress = server
        .get("/api/v1/courses/astronomy-101/progress", None)
        .await;
    expect_problem(progress, StatusCode::UNAUTHORIZED).await;
    assert_eq!(server.count_rows("events").await, 0);
}

#[tokio::test]
async fn malformed_batches_are_problems_and_store_nothing() {
    let server = events_server().await;
    let learner = server.sign_in("learner1", "learner1").await;
    let one = event(1, PHONE, 1, 0, completed());
    let too_many: Vec<Value> = (0..=MAX_EVENTS_PER_BATCH)
        .map(|n| event(n as u32 + 1, PHONE, n as u64 + 1, 0, completed()))
        .collect();
    let too_many = json!({ "events": too_many }).to_string();
    let huge = format!(
        "{{\"events\":[{one}],\"padding\":\"{}\"}}",
        "x".repeat(MAX_BODY_BYTES)
    );
    let bodies = [
        ("{", Some("application/json"), StatusCode::BAD_REQUEST),
        ("[]", Some("application/json"), StatusCode::BAD_REQUEST),
        ("{}", Some("application/json"), StatusCode::BAD_REQUEST),
        (
            r#"{"events": {"0": 1}}"#,
            Some("application/json"),
            StatusCode::BAD_REQUEST,
        ),
        (
            r#"{"events": 5}"#,
            Some("application/json"),
            StatusCode::BAD_REQUEST,
        ),
        ("null", Some("application/json"), StatusCode::BAD_REQUEST),
        (
            too_many.as_str(),
            Some("application/json"),
            StatusCode::BAD_REQUEST,
        ),
        ("{}", Some("text/plain"), StatusCode::UNSUPPORTED_MEDIA_TYPE),
        ("{}", None, StatusCode::UNSUPPORTED_MEDIA_TYPE),
        (
            huge.as_str(),
            Some("application/json"),
            StatusCode::PAYLOAD_TOO_LARGE,
        ),
    ];
    for (body, content_type, status) in &bodies {
        let mut request = server
            .client
            .post(server.url(routes::EVENTS))
            .bearer_auth(&learner)
            .body(body.to_string());
        if let Some(content_type) = content_type {
            request = request.header(CONTENT_TYPE, *content_type);
        }
        let response = request.send().await.unwrap();
        let problem = expect_problem(response, *status).await;
        assert_ne!(problem.kind(), Some(ProblemType::Internal), "{body:.40}");
    }
    assert_eq!(server.count_rows("events").await, 0);
    assert_eq!(server.count_rows("lesson_progress").await, 0);
}

#[tokio::test]
async fn a_full_batch_is_taken_and_one_more_is_refused_with_the_limit() {
    let server = events_server().await;
    let learner = server.sign_in("learner1", "learner1").await;
    let full: Vec<Value> = (1..=MAX_EVENTS_PER_BATCH)
        .map(|n| event(n as u32, PHONE, n as u64, 0, completed()))
        .collect();
    let answer = server.send_batch(&learner, &full).await;
    assert_eq!(answer.results.len(), MAX_EVENTS_PER_BATCH);
    assert_eq!(
        answer.devices[0].last_acknowledged_sequence,
        MAX_EVENTS_PER_BATCH as u64
    );

    let mut over = full;
    over.push(event(9_999, PHONE, 9_999, 0, completed()));
    let response = server
        .post_events(&learner, &json!({ "events": over }))
        .await;
    let problem = expect_problem(response, StatusCode::BAD_REQUEST).await;
    assert!(problem.detail.contains("500"), "{}", problem.detail);
    assert_eq!(
        server.count_rows("events").await,
        MAX_EVENTS_PER_BATCH as i64
    );
}

#[tokio::test]
async fn unknown_fields_are_ignored() {
    let server = events_server().await;
    let learner = server.sign_in("learner1", "learner1").await;
    let mut with_extra = event(1, PHONE, 1, 0, completed());
    with_extra["battery"] = json!("low");
    let body = json!({ "events": [with_extra], "client": "lectern-player/1" });
    let response = server.post_events(&learner, &body).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(server.count_rows("events").await, 1);
}

#[tokio::test]
async fn progress_paths_that_are_not_the_callers_courses_are_not_found() {
    let server = events_server().await;
    let learner2 = server.sign_in("learner2", "learner2").await;
    for course in ["night-sky-lab", "no-such-course", "not%20a%20slug"] {
        let path = format!("/api/v1/courses/{course}/progress");
        let response = server.get(&path, Some(&learner2)).await;
        let problem = expect_problem(response, StatusCode::NOT_FOUND).await;
        assert_eq!(problem.kind(), Some(ProblemType::NotFound), "{course}");
    }
    let wrong_method = server
        .client
        .delete(server.url("/api/v1/courses/astronomy-101/progress"))
        .bearer_auth(&learner2)
        .send()
        .await
        .unwrap();
    expect_problem(wrong_method, StatusCode::METHOD_NOT_ALLOWED).await;
}
