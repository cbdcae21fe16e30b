//! Rate limits by peer address over real HTTP: past its route group's limit a caller hears
//! 429 with `Retry-After` and a problem, whatever headers it sends about its address, while
//! other addresses and other route groups go on as before. The limiter itself, on a fake
//! clock, is unit-tested in `rate_limit::address_limiter`.
// Test code: `allow-unwrap-in-tests` does not reach helper functions outside `#[test]`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::launches::launch_body;
use common::{expect_problem, start_with_rate_limits, TestServer};
use lectern_api::v1::{routes, ProblemType};
use lectern_server::{Rate, RateLimits, RouteGroup, API_ROUTES, RATE_LIMITED_ROUTES};
use reqwest::header::RETRY_AFTER;
use reqwest::Method;
use reqwest::{Response, StatusCode};
use serde_json::json;

/// Ten calls a minute (one every 6 s), two at once.
const TINY: Rate = Rate::new(10, 2);

/// Asserts that `response` is the rate limit's 429, and returns its `Retry-After`.
async fn expect_rate_limited(response: Response) -> u64 {
    let retry_after: u64 = response.headers()[RETRY_AFTER]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=6).contains(&retry_after), "Retry-After: {retry_after}");
    let problem = expect_problem(response, StatusCode::TOO_MANY_REQUESTS).await;
    assert_eq!(problem.kind(), Some(ProblemType::RateLimited));
    assert_eq!(
        problem.title,
        "Too many requests: wait a few seconds and try again"
    );
    assert!(
        problem
            .detail
            .contains(&format!("wait {retry_after} second")),
        "{}",
        problem.detail
    );
    retry_after
}

#[tokio::test]
async fn sign_in_past_the_limit_is_refused_whatever_address_the_client_claims() {
    let limits = RateLimits::default().with(RouteGroup::SignIn, TINY);
    let server = start_with_rate_limits(limits).await;
    // Wrong guesses count like right ones.
    for _ in 0..2 {
        let wrong = server.post_session("learner1", "guess").await;
        expect_problem(wrong, StatusCode::UNAUTHORIZED).await;
    }
    expect_rate_limited(server.post_session("learner1", "learner1").await).await;
    for (header, value) in [
        ("x-forwarded-for", "203.0.113.9"),
        ("x-real-ip", "203.0.113.9"),
        ("forwarded", "for=203.0.113.9"),
    ] {
        let spoofed = server
            .client
            .post(server.url(routes::SESSION))
            .header(header, value)
            .json(&json!({"username": "learner1", "password": "learner1"}))
            .send()
            .await
            .unwrap();
        expect_rate_limited(spoofed).await;
    }
    // Other route groups count apart.
    let response = server.post_exchange("not-a-launch-token").await;
    expect_problem(response, StatusCode::NOT_FOUND).await;
}

/// Another loopback address is another peer (Linux routes all of 127.0.0.0/8 to `lo`).
#[cfg(target_os = "linux")]
#[tokio::test]
async fn another_peer_address_keeps_its_own_allowance() {
    let limits = RateLimits::default().with(RouteGroup::SignIn, TINY);
    let server = start_with_rate_limits(limits).await;
    for _ in 0..2 {
        server.sign_in("learner1", "learner1").await;
    }
    expect_rate_limited(server.post_session("learner1", "learner1").await).await;
    let neighbour = reqwest::Client::builder()
        .local_address("127.0.0.2".parse::<std::net::IpAddr>().unwrap())
        .build()
        .unwrap();
    let body = json!({"username": "learner2", "password": "learner2"});
    for _ in 0..2 {
        let response = neighbour
            .post(server.url(routes::SESSION))
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
    }
    let response = neighbour
        .post(server.url(routes::SESSION))
        .json(&body)
        .send()
        .await
        .unwrap();
    expect_rate_limited(response).await;
}

/// One call to the route of `group`, as its callers make it.
async fn call(server: &TestServer, group: RouteGroup, api_key: &str, token: &str) -> Response {
    match group {
        RouteGroup::SignIn => server.post_session("learner1", "guess").await,
        RouteGroup::Launches => {
            let body = launch_body("student-1", "Ada", "astronomy-101");
            server.post_launch(api_key, &body).await
        }
        RouteGroup::LaunchExchange => server.post_exchange("not-a-launch-token").await,
        RouteGroup::Events => server.post_events(token, &json!({"events": []})).await,
    }
}

#[tokio::test]
async fn every_limited_route_answers_429_past_its_limit_before_anything_else() {
    for group in RouteGroup::ALL {
        let server = start_with_rate_limits(RateLimits::default().with(group, TINY)).await;
        let api_key = server.create_api_key("Moodle").await.key;
        // Signing in would use up the sign-in allowance under test.
        let token = match group {
            RouteGroup::Events => server.sign_in("learner1", "learner1").await,
            _ => String::new(),
        };
        for _ in 0..2 {
            let status = call(&server, group, &api_key, &token).await.status();
            assert_ne!(status, StatusCode::TOO_MANY_REQUESTS, "{group:?}");
        }
        expect_rate_limited(call(&server, group, &api_key, &token).await).await;
        // Refused before its credentials are even looked at.
        let anonymous = call(&server, group, "", "").await;
        expect_rate_limited(anonymous).await;
    }
}

#[tokio::test]
async fn no_other_route_is_limited() {
    let mut limits = RateLimits::default();
    for group in RouteGroup::ALL {
        limits = limits.with(group, Rate::new(1, 1));
    }
    let server = start_with_rate_limits(limits).await;
    for (method, template) in API_ROUTES {
        let path = template
            .replace("{course_id}", "astronomy-101")
            .replace("{quiz_id}", "astronomy-101.planets-graded-quiz")
            .replace("{attempt_id}", "0f8fad5b-d9cb-469f-a165-70867728950e")
            .replace("{question_id}", "graded-essay");
        let method = Method::from_bytes(method.as_bytes()).unwrap();
        let is_limited = RATE_LIMITED_ROUTES
            .iter()
            .any(|(m, p, _)| *m == method.as_str() && p == template);
        let mut statuses = Vec::new();
        for _ in 0..3 {
            let request = server.client.request(method.clone(), server.url(&path));
            statuses.push(request.send().await.unwrap().status());
        }
        let limited_calls = statuses
            .iter()
            .filter(|status| **status == StatusCode::TOO_MANY_REQUESTS)
            .count();
        let expected = if is_limited { 2 } else { 0 };
        assert_eq!(limited_calls, expected, "{method} {path}: {statuses:?}");
    }
}
