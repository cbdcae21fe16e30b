//! Bad requests: too large, not JSON, the wrong content type, unknown paths and methods.
//! Every one must be answered with a problem, never a plain-text axum default.
// Test code: `allow-unwrap-in-tests` does not reach helper functions outside `#[test]`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{expect_problem, start};
use lectern_api::v1::{ProblemType, MAX_BODY_BYTES};
use lectern_server::http::METHOD_NOT_ALLOWED_TYPE;
use reqwest::header::{ALLOW, CONTENT_TYPE};
use reqwest::StatusCode;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

fn sign_in_body_of_size(total_bytes: usize) -> String {
    let frame = r#"{"username":"learner1","password":""}"#;
    format!(
        r#"{{"username":"learner1","password":"{}"}}"#,
        "x".repeat(total_bytes - frame.len())
    )
}

#[tokio::test]
async fn a_body_over_the_limit_is_413() {
    let server = start().await;
    let body = sign_in_body_of_size(MAX_BODY_BYTES + 1);
    let response = server
        .client
        .post(server.url("/api/v1/session"))
        .header(CONTENT_TYPE, "application/json")
        .body(body)
        .send()
        .await
        .unwrap();
    let problem = expect_problem(response, StatusCode::PAYLOAD_TOO_LARGE).await;
    assert_eq!(problem.kind(), Some(ProblemType::PayloadTooLarge));
}

#[tokio::test]
async fn a_body_at_the_limit_is_read() {
    let server = start().await;
    let body = sign_in_body_of_size(MAX_BODY_BYTES);
    assert_eq!(body.len(), MAX_BODY_BYTES);
    let response = server
        .client
        .post(server.url("/api/v1/session"))
        .header(CONTENT_TYPE, "application/json")
        .body(body)
        .send()
        .await
        .unwrap();
    let problem = expect_problem(response, StatusCode::UNAUTHORIZED).await;
    assert_eq!(problem.kind(), Some(ProblemType::BadCredentials));
}

#[tokio::test]
async fn a_chunked_body_over_the_limit_is_413() {
    let server = start().await;
    let address = server.base_url.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
    let head = format!(
        "POST /api/v1/session HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    let chunk = "x".repeat(64 * 1024);
    for _ in 0..(MAX_BODY_BYTES / chunk.len() + 1) {
        stream
            .write_all(format!("{:x}\r\n{chunk}\r\n", chunk.len()).as_bytes())
            .await
            .unwrap();
    }
    stream.write_all(b"0\r\n\r\n").await.unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).await.unwrap();
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    assert!(
        answer
            .to_ascii_lowercase()
            .contains("content-type: application/problem+json"),
        "{answer}"
    );
}

#[tokio::test]
async fn malformed_json_is_400() {
    let server = start().await;
    for body in [
        r#"{"username": "learner1", "#,
        "[1, 2",
        r#"{"username": 1}"#,
    ] {
        let response = server
            .client
            .post(server.url("/api/v1/session"))
            .header(CONTENT_TYPE, "application/json")
            .body(body)
            .send()
            .await
            .unwrap();
        let problem = expect_problem(response, StatusCode::BAD_REQUEST).await;
        assert_eq!(problem.kind(), Some(ProblemType::BadRequest), "{body}");
    }
}

#[tokio::test]
async fn a_body_that_is_not_json_is_415() {
    let server = start().await;
    let body = r#"{"username":"learner1","password":"learner1"}"#;
    for content_type in [
        Some("text/plain"),
        Some("application/x-www-form-urlencoded"),
        None,
    ] {
        let mut request = server.client.post(server.url("/api/v1/session")).body(body);
        if let Some(content_type) = content_type {
            request = request.header(CONTENT_TYPE, content_type);
        }
        let problem = expect_problem(
            request.send().await.unwrap(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
        )
        .await;
        assert_eq!(problem.kind(), Some(ProblemType::UnsupportedMediaType));
    }
}

#[tokio::test]
async fn unknown_api_paths_are_404_problems() {
    let server = start().await;
    let token = server.sign_in("learner1", "learner1").await;
    for path in [
        "/api/v1/nope",
        "/api/v1",
        "/api/v1/courses/astronomy-101/extra",
        "/api/v2/courses",
        "/api/v1/nope.js",
    ] {
        let problem =
            expect_problem(server.get(path, Some(&token)).await, StatusCode::NOT_FOUND).await;
        assert_eq!(problem.kind(), Some(ProblemType::NotFound), "{path}");
    }
    let post = server
        .client
        .post(server.url("/api/v1/nope"))
        .send()
        .await
        .unwrap();
    expect_problem(post, StatusCode::NOT_FOUND).await;
}

#[tokio::test]
async fn a_wrong_method_is_a_405_problem() {
    let server = start().await;
    let response = server
        .client
        .put(server.url("/api/v1/courses"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()[ALLOW], "GET,HEAD");
    let problem = expect_problem(response, StatusCode::METHOD_NOT_ALLOWED).await;
    assert_eq!(problem.problem_type, METHOD_NOT_ALLOWED_TYPE);
    let get_session = server.get("/api/v1/session", None).await;
    expect_problem(get_session, StatusCode::METHOD_NOT_ALLOWED).await;
}
