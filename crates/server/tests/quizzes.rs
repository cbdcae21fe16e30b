//! Starting quiz attempts: idempotent by attempt id, one in progress at a time, the attempt
//! limit and the availability window judged by the server's clock, seeds, and answer keys
//! that never reach a learner.
// Test code: `allow-unwrap-in-tests` does not reach helper functions outside `#[test]`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::expect_problem;
use common::quiz::{answer_keys, at, attempt_id, graded, quiz_server, t0, QUIZ};
use jiff::SignedDuration;
use lectern_api::v1::{AttemptList, AttemptView, ProblemType};
use reqwest::StatusCode;
use serde_json::{json, Value};

#[tokio::test]
async fn graded_keys_reach_neither_the_learners_manifest_nor_any_learner_view() {
    let server = quiz_server(graded(json!({"attempt_limit": 3}))).await;
    let learner = server.sign_in("learner1", "learner1").await;
    let manifest: Value = server
        .get("/api/v1/courses/quiz-lab", Some(&learner))
        .await
        .json()
        .await
        .unwrap();
    let mut keys = Vec::new();
    answer_keys(&manifest, "$", &mut keys);
    assert!(
        keys.is_empty(),
        "the learner's manifest holds keys at {keys:?}"
    );

    let mut views = vec![server.start_new(&learner, 1).await];
    let saved = server
        .save_answers(
            &learner,
            1,
            json!({"capital": {"kind": "single_choice", "value": "lyon"}}),
        )
        .await;
    views.push(saved.json().await.unwrap());
    let submitted = server
        .submit_attempt(
            &learner,
            1,
            json!({"answers": {"essay": {"kind": "essay", "value": "Hm."}}}),
        )
        .await;
    assert_eq!(submitted.status(), StatusCode::OK);
    views.push(submitted.json().await.unwrap());
    views.push(server.attempts(&learner).await);
    let last = views.last().unwrap().clone();
    assert_eq!(
        last["attempts"][0]["result"]["questions"][0]["outcome"],
        "incorrect"
    );
    assert_eq!(
        last["attempts"][0]["result"]["questions"][0]["explanation"],
        "Paris."
    );
    for view in &views {
        let mut keys = Vec::new();
        answer_keys(view, "$", &mut keys);
        assert!(
            keys.is_empty(),
            "a learner's view holds keys at {keys:?}: {view}"
        );
    }
}

#[tokio::test]
async fn a_retried_start_returns_the_same_attempt_and_uses_no_extra_attempt() {
    let server = quiz_server(graded(json!({"attempt_limit": 2}))).await;
    let learner = server.sign_in("learner1", "learner1").await;
    let first = server.start_new(&learner, 1).await;
    assert_eq!(first["attempt_number"], 1);
    assert_eq!(first["status"], "in_progress");
    assert_eq!(first["started_at"], "2030-01-10T09:00:00Z");
    assert!(
        first.get("deadline_at").is_none(),
        "no time limit, no deadline"
    );

    server.clock.advance(SignedDuration::from_secs(5));
    let retried = server
        .start_attempt(&learner, QUIZ, &json!({"attempt_id": attempt_id(1)}))
        .await;
    assert_eq!(retried.status(), StatusCode::OK);
    assert_eq!(retried.json::<Value>().await.unwrap(), first);

    // Another device asks for a new attempt while one is in progress: it resumes that one.
    let second_device = server
        .start_attempt(&learner, QUIZ, &json!({"attempt_id": attempt_id(2)}))
        .await;
    assert_eq!(second_device.status(), StatusCode::OK);
    assert_eq!(second_device.json::<Value>().await.unwrap(), first);

    let list: AttemptList = serde_json::from_value(server.attempts(&learner).await).unwrap();
    assert_eq!(list.attempts.len(), 1);
    assert_eq!(list.attempts_remaining, Some(1));
    assert_eq!(list.server_time, at(5));
    assert_eq!(server.count_rows("quiz_attempts").await, 1);
}

#[tokio::test]
async fn an_attempt_id_of_another_learner_cannot_be_taken() {
    let server = quiz_server(graded(json!({}))).await;
    let learner1 = server.sign_in("learner1", "learner1").await;
    let learner2 = server.sign_in("learner2", "learner2").await;
    server.start_new(&learner1, 1).await;
    let taken = server
        .start_attempt(&learner2, QUIZ, &json!({"attempt_id": attempt_id(1)}))
        .await;
    let problem = expect_problem(taken, StatusCode::BAD_REQUEST).await;
    assert_eq!(problem.kind(), Some(ProblemType::BadRequest));
    assert!(problem.detail.contains("attempt id"), "{}", problem.detail);
    assert_eq!(server.count_rows("quiz_attempts").await, 1);
}

#[tokio::test]
async fn the_attempt_limit_is_enforced() {
    let server = quiz_server(graded(json!({"attempt_limit": 2}))).await;
    let learner = server.sign_in("learner1", "learner1").await;
    for n in 1..=2 {
        let view = server.start_new(&learner, n).await;
        assert_eq!(view["attempt_number"], n);
        let submitted = server.submit_attempt(&learner, n, json!({})).await;
        assert_eq!(submitted.status(), StatusCode::OK);
    }
    let refused = server
        .start_attempt(&learner, QUIZ, &json!({"attempt_id": attempt_id(3)}))
        .await;
    let problem = expect_problem(refused, StatusCode::CONFLICT).await;
    assert_eq!(problem.kind(), Some(ProblemType::AttemptLimitReached));
    assert!(
        problem.detail.contains("all 2 attempts"),
        "{}",
        problem.detail
    );
    let list = server.attempts(&learner).await;
    assert_eq!(list["attempts_remaining"], 0);
    // The other learner has attempts of their own.
    let learner2 = server.sign_in("learner2", "learner2").await;
    server.start_new(&learner2, 4).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_starts_make_one_attempt() {
    let server = quiz_server(graded(json!({"attempt_limit": 1}))).await;
    let learner = server.sign_in("learner1", "learner1").await;
    let mut starts = tokio::task::JoinSet::new();
    for n in 1..=6 {
        let request = server
            .client
            .post(server.url(&format!("/api/v1/quizzes/{QUIZ}/attempts")))
            .bearer_auth(&learner)
            .json(&json!({"attempt_id": attempt_id(n)}));
        starts.spawn(async move { request.send().await.unwrap().status() });
    }
    let statuses = starts.join_all().await;
    let created = statuses
        .iter()
        .filter(|status| **status == StatusCode::CREATED)
        .count();
    assert_eq!(created, 1, "{statuses:?}");
    assert!(statuses
        .iter()
        .all(|status| matches!(*status, StatusCode::CREATED | StatusCode::OK)));
    assert_eq!(server.count_rows("quiz_attempts").await, 1);
}

#[tokio::test]
async fn the_window_is_judged_by_the_servers_clock() {
    let settings = graded(json!({
        "opens_at": "2030-01-10T10:00:00Z",
        "closes_at": "2030-01-10T11:00:00Z"
    }));
    let server = quiz_server(settings).await;
    let learner = server.sign_in("learner1", "learner1").await;
    let early = server
        .start_attempt(&learner, QUIZ, &json!({"attempt_id": attempt_id(1)}))
        .await;
    let problem = expect_problem(early, StatusCode::CONFLICT).await;
    assert_eq!(problem.kind(), Some(ProblemType::QuizNotOpen));
    assert!(
        problem.detail.contains("2030-01-10T10:00:00Z"),
        "{}",
        problem.detail
    );

    server.clock.set(at(3_600));
    let view = server.start_new(&learner, 1).await;
    assert_eq!(
        view["deadline_at"], "2030-01-10T11:00:00Z",
        "an attempt ends when the quiz closes"
    );
    server.submit_attempt(&learner, 1, json!({})).await;

    server.clock.set(at(7_200));
    let late = server
        .start_attempt(&learner, QUIZ, &json!({"attempt_id": attempt_id(2)}))
        .await;
    let problem = expect_problem(late, StatusCode::CONFLICT).await;
    assert_eq!(problem.kind(), Some(ProblemType::QuizClosed));
    assert!(
        problem.detail.contains("2030-01-10T11:00:00Z"),
        "{}",
        problem.detail
    );
}

#[tokio::test]
async fn a_quiz_that_refuses_late_work_starts_no_attempt_after_its_due_date() {
    let settings = graded(json!({"due_at": "2030-01-10T10:00:00Z", "late_policy": "refuse"}));
    let server = quiz_server(settings).await;
    let learner = server.sign_in("learner1", "learner1").await;
    server.clock.set(at(3_600));
    let refused = server
        .start_attempt(&learner, QUIZ, &json!({"attempt_id": attempt_id(1)}))
        .await;
    let problem = expect_problem(refused, StatusCode::CONFLICT).await;
    assert_eq!(problem.kind(), Some(ProblemType::QuizClosed));
    assert!(
        problem.detail.contains("due at 2030-01-10T10:00:00Z"),
        "{}",
        problem.detail
    );
}

#[tokio::test]
async fn practice_attempts_keep_the_clients_seed_and_graded_ones_never_do() {
    let server = quiz_server(json!({"is_graded": false})).await;
    let learner = server.sign_in("learner1", "learner1").await;
    let body = json!({"attempt_id": attempt_id(1), "seed": "18446744073709551615"});
    let response = server.start_attempt(&learner, QUIZ, &body).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let view: AttemptView = response.json().await.unwrap();
    assert_eq!(view.seed.0, u64::MAX);

    let server = quiz_server(graded(json!({}))).await;
    let learner = server.sign_in("learner1", "learner1").await;
    let body = json!({"attempt_id": attempt_id(1), "seed": "42"});
    let view: AttemptView = server
        .start_attempt(&learner, QUIZ, &body)
        .await
        .json()
        .await
        .unwrap();
    assert_ne!(view.seed.0, 42, "the server draws a graded quiz's seed");
}

#[tokio::test]
async fn quizzes_one_may_not_see_look_like_missing_ones() {
    let server = quiz_server(graded(json!({}))).await;
    let learner = server.sign_in("learner1", "learner1").await;
    let body = json!({"attempt_id": attempt_id(1)});
    let missing = expect_problem(
        server.start_attempt(&learner, "quiz-lab.nope", &body).await,
        StatusCode::NOT_FOUND,
    )
    .await;
    let learner2 = server.sign_in("learner2", "learner2").await;
    for quiz in [
        "quiz-lab.intro",        // not a quiz
        "astronomy-101.welcome", // a text lesson of an enrolled course
        "night-sky-lab.nothing", // a course learner2 is not enrolled in
        "not-a-quiz-id",
        "quiz-lab.bad%20slug",
    ] {
        let problem = expect_problem(
            server.start_attempt(&learner2, quiz, &body).await,
            StatusCode::NOT_FOUND,
        )
        .await;
        assert_eq!(problem, missing, "{quiz}");
        let path = format!("/api/v1/quizzes/{quiz}/attempts");
        let listed = server.get(&path, Some(&learner2)).await;
        assert_eq!(expect_problem(listed, StatusCode::NOT_FOUND).await, missing);
    }
    // A course one is not enrolled in, with a real quiz in it.
    sqlx::query("DELETE FROM enrolments WHERE user_id = 'learner2' AND course_id = 'quiz-lab'")
        .execute(&server.db)
        .await
        .unwrap();
    let hidden = server.start_attempt(&learner2, QUIZ, &body).await;
    assert_eq!(expect_problem(hidden, StatusCode::NOT_FOUND).await, missing);
    assert_eq!(server.count_rows("quiz_attempts").await, 0);
}

#[tokio::test]
async fn the_demo_courses_graded_quiz_can_be_taken() {
    let server = common::start().await;
    server.clock.set(t0());
    let learner = server.sign_in("learner1", "learner1").await;
    let manifest: Value = server
        .get("/api/v1/courses/astronomy-101", Some(&learner))
        .await
        .json()
        .await
        .unwrap();
    let graded_quiz = manifest["modules"][1]["lessons"]
        .as_array()
        .unwrap()
        .iter()
        .find(|lesson| lesson["lesson_id"] == "planets-graded-quiz")
        .unwrap();
    let mut keys = Vec::new();
    answer_keys(graded_quiz, "$", &mut keys);
    assert!(keys.is_empty(), "{keys:?}");

    let body = json!({"attempt_id": attempt_id(1)});
    let response = server
        .start_attempt(&learner, "astronomy-101.planets-graded-quiz", &body)
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let view: AttemptView = response.json().await.unwrap();
    assert_eq!(view.deadline_at, Some(at(1_200)));
    let submitted: AttemptView = server
        .submit_attempt(
            &learner,
            1,
            json!({"answers": {"graded-moons": {"kind": "numeric", "value": "2"}}}),
        )
        .await
        .json()
        .await
        .unwrap();
    let result = submitted.result.unwrap();
    assert_eq!(
        result.questions.len(),
        5,
        "three questions and two from the pool"
    );
    assert_eq!(result.score_millipoints.millipoints(), 1_000);
    assert!(!result.needs_review, "the essay was left blank");
}
