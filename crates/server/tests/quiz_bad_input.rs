//! Malformed requests to the quiz routes: broken JSON, wrong types, the wrong content type
//! and huge bodies are answered with 400, 415 and 413 problems, never a 500, and store
//! nothing.
// Test code: `allow-unwrap-in-tests` does not reach helper functions outside `#[test]`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::expect_problem;
use common::quiz::{attempt_id, graded, quiz_server, QUIZ};
use lectern_api::v1::{ProblemType, MAX_BODY_BYTES};
use reqwest::header::CONTENT_TYPE;
use reqwest::{Method, StatusCode};
use serde_json::json;

#[tokio::test]
async fn malformed_bodies_are_problems_and_store_nothing() {
    let server = quiz_server(graded(json!({}))).await;
    let learner = server.sign_in("learner1", "learner1").await;
    let instructor = server.sign_in("instructor1", "instructor1").await;
    server.start_new(&learner, 1).await;
    server.submit_attempt(&learner, 1, json!({})).await;
    server.start_new(&learner, 2).await;
    let id = attempt_id(2);
    let routes = [
        (
            Method::POST,
            format!("/api/v1/quizzes/{QUIZ}/attempts"),
            &learner,
        ),
        (
            Method::PUT,
            format!("/api/v1/attempts/{id}/answers"),
            &learner,
        ),
        (
            Method::POST,
            format!("/api/v1/attempts/{id}/submit"),
            &learner,
        ),
        (
            Method::PUT,
            format!("/api/v1/attempts/{}/reviews/essay", attempt_id(1)),
            &instructor,
        ),
    ];
    let huge = format!(
        "{{\"answers\":{{\"essay\":{{\"kind\":\"essay\",\"value\":\"{}\"}}}}}}",
        "x".repeat(MAX_BODY_BYTES)
    );
    let bodies = [
        ("{", Some("application/json"), StatusCode::BAD_REQUEST),
        ("[1, 2]", Some("application/json"), StatusCode::BAD_REQUEST),
        (
            r#"{"attempt_id": 5, "answers": 5, "awarded_millipoints": "many"}"#,
            Some("application/json"),
            StatusCode::BAD_REQUEST,
        ),
        (
            r#"{"attempt_id": "NOT-A-UUID", "seed": "-1", "answers": {"capital": {"kind": "guess"}}, "awarded_millipoints": -1}"#,
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
    for (method, path, token) in &routes {
        for (body, content_type, status) in &bodies {
            let mut request = server
                .client
                .request(method.clone(), server.url(path))
                .bearer_auth(token)
                .body(body.to_string());
            if let Some(content_type) = content_type {
                request = request.header(CONTENT_TYPE, *content_type);
            }
            let response = request.send().await.unwrap();
            let problem = expect_problem(response, *status).await;
            assert_ne!(
                problem.kind(),
                Some(ProblemType::Internal),
                "{method} {path}"
            );
        }
    }
    assert_eq!(server.count_rows("quiz_attempts").await, 2);
    assert_eq!(server.count_rows("quiz_reviews").await, 0);
    let list = server.attempts(&learner).await;
    assert_eq!(list["attempts"][1]["answers"], json!({}));
    assert_eq!(list["attempts"][1]["status"], "in_progress");
}

#[tokio::test]
async fn unknown_request_fields_are_ignored() {
    let server = quiz_server(graded(json!({}))).await;
    let learner = server.sign_in("learner1", "learner1").await;
    let body = json!({"attempt_id": attempt_id(1), "device": "phone"});
    let response = server.start_attempt(&learner, QUIZ, &body).await;
    assert_eq!(response.status(), StatusCode::CREATED);
}
