//! What `ApiError` answers: statuses, problem bodies and headers.

use super::*;

#[test]
fn internal_errors_never_show_their_cause() {
    let response =
        ApiError::Database(sqlx::Error::Protocol("secret table users_x".into())).into_response();
    assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
    let problem = ApiError::Internal("secret".into()).problem();
    assert!(!problem.detail.contains("secret"));
    assert_eq!(problem.kind(), Some(ProblemType::Internal));
}

#[test]
fn refused_starts_say_when_in_rfc_3339() {
    let closes_at: Timestamp = "2031-06-30T21:00:00Z".parse().unwrap();
    let problem = ApiError::StartRefused(StartRefusal::Closed { closes_at }).problem();
    assert_eq!(problem.kind(), Some(ProblemType::QuizClosed));
    assert_eq!(problem.status, 409);
    assert!(
        problem.detail.contains("2031-06-30T21:00:00Z"),
        "{}",
        problem.detail
    );
    let past_due = ApiError::StartRefused(StartRefusal::PastDue { due_at: closes_at });
    assert_eq!(past_due.problem().kind(), Some(ProblemType::QuizClosed));
}

#[test]
fn rate_limited_says_when_to_try_again() {
    let response = ApiError::RateLimited {
        retry_after_seconds: 12,
    }
    .into_response();
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(response.headers()[RETRY_AFTER], "12");
    let problem = ApiError::RateLimited {
        retry_after_seconds: 12,
    }
    .problem();
    assert_eq!(problem.kind(), Some(ProblemType::RateLimited));
    assert!(
        problem.detail.contains("wait 12 seconds"),
        "{}",
        problem.detail
    );
}

#[test]
fn unauthorized_asks_for_a_bearer_token() {
    let response = ApiError::Unauthorized.into_response();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(response.headers()[WWW_AUTHENTICATE], "Bearer");
    assert_eq!(response.headers()[CONTENT_TYPE], PROBLEM_JSON);
}
