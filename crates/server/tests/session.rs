//! Signing in and out over real HTTP.
// Test code: `allow-unwrap-in-tests` does not reach helper functions outside `#[test]`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{expect_problem, start};
use lectern_api::v1::{ProblemType, SessionResponse};
use lectern_core::user::Role;
use reqwest::header::WWW_AUTHENTICATE;
use reqwest::StatusCode;

#[tokio::test]
async fn sign_in_returns_a_token_and_the_profile() {
    let server = start().await;
    let response = server.post_session("instructor1", "instructor1").await;
    assert_eq!(response.status(), StatusCode::OK);
    let session: SessionResponse = response.json().await.unwrap();
    assert_eq!(session.user.user_id.as_str(), "instructor1");
    assert_eq!(session.user.display_name, "Instructor One");
    assert_eq!(session.user.role, Role::Instructor);
    assert!(session.token.len() >= 43);
    let catalog = server.get("/api/v1/courses", Some(&session.token)).await;
    assert_eq!(catalog.status(), StatusCode::OK);
}

#[tokio::test]
async fn wrong_password_and_unknown_user_get_the_same_answer() {
    let server = start().await;
    let wrong_password = server.post_session("learner1", "learner2").await;
    assert_eq!(wrong_password.headers()[WWW_AUTHENTICATE], "Bearer");
    let wrong_password = expect_problem(wrong_password, StatusCode::UNAUTHORIZED).await;
    assert_eq!(wrong_password.kind(), Some(ProblemType::BadCredentials));
    let unknown_user = expect_problem(
        server.post_session("nobody", "learner1").await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    assert_eq!(unknown_user, wrong_password);
    let not_a_username = expect_problem(
        server.post_session("../etc", "x").await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    assert_eq!(not_a_username, wrong_password);
    assert_eq!(server.count_rows("sessions").await, 0);
}

#[tokio::test]
async fn only_a_digest_of_the_token_is_stored() {
    let server = start().await;
    let token = server.sign_in("learner1", "learner1").await;
    let stored: Vec<u8> = sqlx::query_scalar("SELECT token_sha256 FROM sessions")
        .fetch_one(&server.db)
        .await
        .unwrap();
    assert_eq!(stored.len(), 32);
    assert_ne!(stored, token.as_bytes());
}

#[tokio::test]
async fn sign_out_revokes_the_token() {
    let server = start().await;
    let token = server.sign_in("learner1", "learner1").await;
    let other_device = server.sign_in("learner1", "learner1").await;
    let response = server
        .client
        .delete(server.url("/api/v1/session"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let after = expect_problem(
        server.get("/api/v1/courses", Some(&token)).await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    assert_eq!(after.kind(), Some(ProblemType::Unauthorized));
    let again = server
        .client
        .delete(server.url("/api/v1/session"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    expect_problem(again, StatusCode::UNAUTHORIZED).await;
    assert_eq!(
        server
            .get("/api/v1/courses", Some(&other_device))
            .await
            .status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn expired_and_garbage_tokens_are_refused() {
    let server = start().await;
    let token = server.sign_in("learner1", "learner1").await;
    sqlx::query("UPDATE sessions SET expires_at = created_at - 1")
        .execute(&server.db)
        .await
        .unwrap();
    let expired = server.get("/api/v1/courses", Some(&token)).await;
    assert_eq!(expired.headers()[WWW_AUTHENTICATE], "Bearer");
    expect_problem(expired, StatusCode::UNAUTHORIZED).await;
    for garbage in ["garbage", "Zm9v", &"A".repeat(43), "é"] {
        let response = server
            .client
            .get(server.url("/api/v1/courses"))
            .header("authorization", format!("Bearer {garbage}"))
            .send()
            .await
            .unwrap();
        expect_problem(response, StatusCode::UNAUTHORIZED).await;
    }
    let wrong_scheme = server
        .client
        .get(server.url("/api/v1/courses"))
        .header("authorization", format!("Basic {token}"))
        .send()
        .await;
    expect_problem(wrong_scheme.unwrap(), StatusCode::UNAUTHORIZED).await;
}
