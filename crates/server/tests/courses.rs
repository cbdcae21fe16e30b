//! The catalog and course manifests: who sees what, and that a course one may not see is
//! indistinguishable from one that does not exist.
// Test code: `allow-unwrap-in-tests` does not reach helper functions outside `#[test]`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{expect_problem, start};
use lectern_api::v1::{routes, CourseList, ProblemType};
use lectern_core::parse_manifest;
use lectern_server::API_ROUTES;
use reqwest::header::{CONTENT_TYPE, WWW_AUTHENTICATE};
use reqwest::{Method, StatusCode};

async fn catalog_ids(server: &common::TestServer, username: &str) -> Vec<String> {
    let token = server.sign_in(username, username).await;
    let response = server.get("/api/v1/courses", Some(&token)).await;
    assert_eq!(response.status(), StatusCode::OK);
    let list: CourseList = response.json().await.unwrap();
    list.courses
        .iter()
        .map(|course| course.course_id.to_string())
        .collect()
}

#[tokio::test]
async fn each_user_sees_only_their_courses_ordered_by_title() {
    let server = start().await;
    // "Introduction to Astronomy" sorts before "Night Sky Lab".
    assert_eq!(
        catalog_ids(&server, "learner1").await,
        ["astronomy-101", "night-sky-lab"]
    );
    assert_eq!(catalog_ids(&server, "learner2").await, ["astronomy-101"]);
    assert_eq!(
        catalog_ids(&server, "instructor1").await,
        ["astronomy-101", "night-sky-lab"]
    );
}

#[tokio::test]
async fn catalog_entries_summarise_the_course() {
    let server = start().await;
    let token = server.sign_in("learner2", "learner2").await;
    let list: CourseList = server
        .get("/api/v1/courses", Some(&token))
        .await
        .json()
        .await
        .unwrap();
    let astronomy = &list.courses[0];
    assert_eq!(astronomy.title, "Introduction to Astronomy");
    assert_eq!((astronomy.module_count, astronomy.lesson_count), (3, 10));
    assert_eq!(astronomy.language, "en");
}

#[tokio::test]
async fn an_enrolled_user_gets_the_canonical_manifest() {
    let server = start().await;
    let token = server.sign_in("learner2", "learner2").await;
    let response = server
        .get("/api/v1/courses/astronomy-101", Some(&token))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()[CONTENT_TYPE], "application/json");
    let course = parse_manifest(&response.text().await.unwrap()).unwrap();
    assert_eq!(course.title, "Introduction to Astronomy");
    assert_eq!(course.modules[0].module_id.as_str(), "getting-started");
    assert_eq!(course.modules[0].lessons[0].lesson_id.as_str(), "welcome");
}

#[tokio::test]
async fn a_course_one_is_not_enrolled_in_looks_exactly_like_a_missing_one() {
    let server = start().await;
    let token = server.sign_in("learner2", "learner2").await;
    let hidden = server
        .get("/api/v1/courses/night-sky-lab", Some(&token))
        .await;
    let hidden_headers = hidden.headers().clone();
    let hidden = expect_problem(hidden, StatusCode::NOT_FOUND).await;
    assert_eq!(hidden.kind(), Some(ProblemType::NotFound));
    let missing = server
        .get("/api/v1/courses/no-such-course", Some(&token))
        .await;
    assert_eq!(
        missing.headers().get("content-length"),
        hidden_headers.get("content-length")
    );
    assert_eq!(expect_problem(missing, StatusCode::NOT_FOUND).await, hidden);
    let bad_slug = expect_problem(
        server.get("/api/v1/courses/bad%20slug", Some(&token)).await,
        StatusCode::NOT_FOUND,
    )
    .await;
    assert_eq!(bad_slug, hidden);
    let learner1 = server.sign_in("learner1", "learner1").await;
    assert_eq!(
        server
            .get("/api/v1/courses/night-sky-lab", Some(&learner1))
            .await
            .status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn every_route_but_sign_in_and_the_launch_exchange_needs_a_token() {
    let server = start().await;
    // Signing in and trading a launch token are how a token is got in the first place.
    let public = [routes::SESSION, routes::LAUNCH_EXCHANGE];
    let protected: Vec<_> = API_ROUTES
        .iter()
        .filter(|(method, path)| !(*method == "POST" && public.contains(path)))
        .collect();
    assert_eq!(protected.len(), API_ROUTES.len() - public.len());
    for (method, template) in protected {
        let path = example_path(template);
        let method = Method::from_bytes(method.as_bytes()).unwrap();
        for token in [None, Some("garbage")] {
            let mut request = server.client.request(method.clone(), server.url(&path));
            if let Some(token) = token {
                request = request.bearer_auth(token);
            }
            let response = request.send().await.unwrap();
            assert_eq!(
                response.headers()[WWW_AUTHENTICATE],
                "Bearer",
                "{method} {path}"
            );
            let problem = expect_problem(response, StatusCode::UNAUTHORIZED).await;
            assert_eq!(
                problem.kind(),
                Some(ProblemType::Unauthorized),
                "{method} {path}"
            );
        }
    }
}

/// `template` with an example value for each path parameter.
fn example_path(template: &str) -> String {
    template
        .replace("{course_id}", "astronomy-101")
        .replace("{quiz_id}", "astronomy-101.planets-graded-quiz")
        .replace("{attempt_id}", "0f8fad5b-d9cb-469f-a165-70867728950e")
        .replace("{question_id}", "graded-essay")
}

/// Every `"correct"` and `"accepted"` key anywhere under `value`, by JSON path.
fn answer_keys(value: &serde_json::Value, path: &str, found: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(object) => {
            for (key, child) in object {
                let here = format!("{path}.{key}");
                // `settings.feedback` is when feedback shows, not feedback itself.
                let is_feedback_text = key == "feedback" && !path.ends_with(".settings");
                if matches!(key.as_str(), "correct" | "accepted") || is_feedback_text {
                    found.push(here.clone());
                }
                answer_keys(child, &here, found);
            }
        }
        serde_json::Value::Array(items) => {
            for (index, child) in items.iter().enumerate() {
                answer_keys(child, &format!("{path}[{index}]"), found);
            }
        }
        _ => {}
    }
}

#[tokio::test]
async fn graded_quiz_keys_never_reach_learners_but_practice_keys_do() {
    use lectern_core::user::Role;
    use lectern_core::{CourseId, UserId};
    let server = start().await;
    let fixture = include_str!("../../core/tests/fixtures/course.json");
    lectern_server::import::import_manifest(&server.db, fixture)
        .await
        .unwrap();
    let course_id = CourseId::parse("sample").unwrap();
    let mut conn = server.db.acquire().await.unwrap();
    for (username, role) in [
        ("learner2", Role::Learner),
        ("instructor1", Role::Instructor),
    ] {
        let user_id = UserId::parse(username).unwrap();
        lectern_server::db::enrolments::enrol(&mut conn, &user_id, &course_id, role)
            .await
            .unwrap();
    }
    drop(conn);

    let learner = server.sign_in("learner2", "learner2").await;
    let response = server.get("/api/v1/courses/sample", Some(&learner)).await;
    assert_eq!(response.status(), StatusCode::OK);
    let text = response.text().await.unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    let mut keys = Vec::new();
    answer_keys(&json, "$", &mut keys);
    assert!(
        keys.is_empty(),
        "the learner's copy holds answer keys at {keys:?}"
    );
    let course = parse_manifest(&text).expect("the learner's copy is a valid course");
    assert!(!course.has_graded_keys());
    let quiz = course
        .lessons()
        .find(|l| l.lesson_id.as_str() == "check")
        .unwrap();
    assert!(
        matches!(&quiz.content, lectern_core::course::LessonContent::Quiz(q) if q.questions().count() >= 9),
        "questions and choices are all still there"
    );

    let instructor = server.sign_in("instructor1", "instructor1").await;
    let text = server
        .get("/api/v1/courses/sample", Some(&instructor))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        parse_manifest(&text).unwrap().has_graded_keys(),
        "instructors get the keys"
    );

    // The demo course's quiz is a practice quiz: its keys travel, for instant feedback offline.
    let text = server
        .get("/api/v1/courses/astronomy-101", Some(&learner))
        .await
        .text()
        .await
        .unwrap();
    let mut keys = Vec::new();
    answer_keys(&serde_json::from_str(&text).unwrap(), "$", &mut keys);
    assert!(!keys.is_empty(), "practice quizzes keep their keys");
}
