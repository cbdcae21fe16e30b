//! `docs/openapi.yaml` and the server list the same routes: every (method, path) in the spec
//! is in `API_ROUTES` and the other way round, and every route in `API_ROUTES` is really
//! routed (a request without a token is neither 404 nor 405).
// Test code: `allow-unwrap-in-tests` does not reach helper functions outside `#[test]`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use lectern_server::{API_ROUTES, RATE_LIMITED_ROUTES};
use reqwest::{Method, StatusCode};
use serde_yaml::Value;
use std::collections::BTreeSet;

const HTTP_METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "patch", "head", "options", "trace",
];

fn spec() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/openapi.yaml");
    serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Every operation in the spec as (METHOD, path template) with its operation object.
fn spec_operations(spec: &Value) -> Vec<(String, String, Value)> {
    let paths = spec["paths"].as_mapping().expect("the spec has paths");
    let mut operations = Vec::new();
    for (path, item) in paths {
        let item = item.as_mapping().unwrap();
        for (key, operation) in item {
            let key = key.as_str().unwrap();
            if HTTP_METHODS.contains(&key) {
                operations.push((
                    key.to_ascii_uppercase(),
                    path.as_str().unwrap().to_owned(),
                    operation.clone(),
                ));
            }
        }
    }
    operations
}

#[test]
fn the_spec_and_the_server_list_the_same_routes() {
    let spec = spec();
    assert_eq!(spec["openapi"].as_str(), Some("3.1.0"));
    let in_spec: BTreeSet<(String, String)> = spec_operations(&spec)
        .into_iter()
        .map(|(m, p, _)| (m, p))
        .collect();
    let in_server: BTreeSet<(String, String)> = API_ROUTES
        .iter()
        .map(|(m, p)| ((*m).to_owned(), (*p).to_owned()))
        .collect();
    assert_eq!(
        API_ROUTES.len(),
        in_server.len(),
        "API_ROUTES lists a route twice"
    );
    let missing_from_spec: Vec<_> = in_server.difference(&in_spec).collect();
    let missing_from_server: Vec<_> = in_spec.difference(&in_server).collect();
    assert!(
        missing_from_spec.is_empty(),
        "routes missing from docs/openapi.yaml: {missing_from_spec:?}"
    );
    assert!(
        missing_from_server.is_empty(),
        "docs/openapi.yaml names routes the server lacks: {missing_from_server:?}"
    );
}

#[test]
fn protected_operations_document_bearer_auth_and_401_problems() {
    let spec = spec();
    assert_eq!(spec["security"][0]["bearer"], Value::Sequence(vec![]));
    assert_eq!(
        spec["components"]["securitySchemes"]["bearer"]["scheme"].as_str(),
        Some("bearer")
    );
    for (method, path, operation) in spec_operations(&spec) {
        // Signing in and trading a launch token are how a token is got in the first place.
        let gets_a_token =
            method == "POST" && (path == "/api/v1/session" || path == "/api/v1/launches/exchange");
        let security_overridden_to_none = operation["security"]
            .as_sequence()
            .is_some_and(|s| s.is_empty());
        assert_eq!(
            security_overridden_to_none, gets_a_token,
            "{method} {path}: only sign-in and the launch exchange may skip the token"
        );
        assert!(
            !operation["responses"]["401"].is_null(),
            "{method} {path} does not document 401"
        );
        assert!(
            !operation["responses"]["500"].is_null(),
            "{method} {path} does not document 500"
        );
    }
    for (name, response) in spec["components"]["responses"].as_mapping().unwrap() {
        assert!(
            !response["content"]["application/problem+json"].is_null(),
            "{name:?} is not problem+json"
        );
    }
}

#[test]
fn exactly_the_rate_limited_operations_document_429_with_retry_after() {
    let spec = spec();
    let limited: BTreeSet<(String, String)> = RATE_LIMITED_ROUTES
        .iter()
        .map(|(m, p, _)| ((*m).to_owned(), (*p).to_owned()))
        .collect();
    for (method, path, operation) in spec_operations(&spec) {
        let is_limited = limited.contains(&(method.clone(), path.clone()));
        let documented = &operation["responses"]["429"];
        assert_eq!(!documented.is_null(), is_limited, "{method} {path}");
        if is_limited {
            assert_eq!(
                documented["$ref"].as_str(),
                Some("#/components/responses/TooManyRequests"),
                "{method} {path}"
            );
        }
    }
    let too_many = &spec["components"]["responses"]["TooManyRequests"];
    assert!(!too_many["headers"]["Retry-After"].is_null());
    assert_eq!(
        too_many["content"]["application/problem+json"]["example"]["type"].as_str(),
        Some("/problems/rate-limited")
    );
}

#[tokio::test]
async fn every_listed_route_is_routed() {
    let server = common::start().await;
    for (method, template) in API_ROUTES {
        let path = template
            .replace("{course_id}", "astronomy-101")
            .replace("{quiz_id}", "astronomy-101.planets-graded-quiz")
            .replace("{attempt_id}", "0f8fad5b-d9cb-469f-a165-70867728950e")
            .replace("{question_id}", "graded-essay")
            .replace("{thread_id}", "5eed0000-0000-4000-8000-000000000001")
            .replace("{post_id}", "5eed0000-0000-4000-8000-000000000001")
            .replace("{upload_id}", "0f8fad5b-d9cb-469f-a165-70867728950e")
            .replace("{assignment_id}", "astronomy-101.star-journal")
            .replace("{submission_id}", "0f8fad5b-d9cb-469f-a165-70867728950e")
            .replace("{session_id}", "astronomy-101.live-q-and-a");
        assert!(
            !path.contains('{'),
            "give {template} an example value in this test"
        );
        let method = Method::from_bytes(method.as_bytes()).unwrap();
        let response = server
            .client
            .request(method.clone(), server.url(&path))
            .send()
            .await
            .unwrap();
        let status = response.status();
        assert!(
            status != StatusCode::NOT_FOUND && status != StatusCode::METHOD_NOT_ALLOWED,
            "{method} {path} answered {status}"
        );
    }
}
