//! The instructor's side of quizzes: every learner's submissions, reviews of single answers
//! that raise the score and carry feedback, and everything a learner may not do or see.
// Test code: `allow-unwrap-in-tests` does not reach helper functions outside `#[test]`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::expect_problem;
use common::quiz::{attempt_id, graded, quiz_server, QUIZ};
use jiff::SignedDuration;
use lectern_api::v1::{AttemptList, ProblemType, SubmissionList};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

fn essay(text: &str) -> Value {
    json!({"essay": {"kind": "essay", "value": text}})
}

#[tokio::test]
async fn an_instructor_reviews_an_essay_and_the_learner_sees_the_feedback_and_the_score() {
    let server = quiz_server(graded(json!({"pass_percent": 50}))).await;
    let learner1 = server.sign_in("learner1", "learner1").await;
    let learner2 = server.sign_in("learner2", "learner2").await;
    let instructor = server.sign_in("instructor1", "instructor1").await;

    server.start_new(&learner1, 1).await;
    let capital = json!({"capital": {"kind": "single_choice", "value": "paris"}});
    server
        .submit_attempt(
            &learner1,
            1,
            json!({"answers": essay("Stars are far away.")}),
        )
        .await;
    server.clock.advance(SignedDuration::from_secs(60));
    server.start_new(&learner2, 2).await;
    server
        .submit_attempt(&learner2, 2, json!({"answers": capital}))
        .await;
    server.clock.advance(SignedDuration::from_secs(60));
    server.start_new(&learner2, 3).await;

    let response = server.submissions(&instructor).await;
    assert_eq!(response.status(), StatusCode::OK);
    let list: SubmissionList = response.json().await.unwrap();
    let order: Vec<(&str, &str)> = list
        .submissions
        .iter()
        .map(|s| (s.learner.user_id.as_str(), s.attempt.attempt_id.as_str()))
        .collect();
    let (one, two, three) = (attempt_id(1), attempt_id(2), attempt_id(3));
    assert_eq!(
        order,
        [
            ("learner1", one.as_str()),
            ("learner2", three.as_str()),
            ("learner2", two.as_str())
        ],
        "waiting for review first, then newest first"
    );
    assert_eq!(list.submissions[0].learner.display_name, "Learner One");
    let result = list.submissions[0].attempt.result.as_ref().unwrap();
    assert!(result.needs_review);
    assert!(result.questions.iter().all(|q| q.outcome.is_some()));
    assert_eq!(result.questions[0].explanation.as_deref(), Some("Paris."));

    let reviewed = server
        .review(
            &instructor,
            1,
            "essay",
            json!({"awarded_millipoints": 4_000, "feedback": "Well argued."}),
        )
        .await;
    assert_eq!(reviewed.status(), StatusCode::OK);
    let reviewed: Value = reviewed.json().await.unwrap();
    assert_eq!(reviewed["result"]["score_millipoints"], 4_000);

    let list: AttemptList = serde_json::from_value(server.attempts(&learner1).await).unwrap();
    let result = list.attempts[0].result.as_ref().unwrap();
    assert_eq!(result.score_millipoints.millipoints(), 4_000);
    assert!(!result.needs_review);
    assert_eq!(result.is_passed, Some(false), "4 of 9 points is under half");
    let essay_result = result
        .questions
        .iter()
        .find(|q| q.question_id == "essay")
        .unwrap();
    assert_eq!(
        essay_result.instructor_feedback.as_deref(),
        Some("Well argued.")
    );
    assert_eq!(
        essay_result.awarded_millipoints.map(|s| s.millipoints()),
        Some(4_000)
    );

    // A second review replaces the first.
    let raised = server
        .review(
            &instructor,
            1,
            "essay",
            json!({"awarded_millipoints": 5_000}),
        )
        .await;
    assert_eq!(raised.status(), StatusCode::OK);
    let list = server.attempts(&learner1).await;
    assert_eq!(list["attempts"][0]["result"]["score_millipoints"], 5_000);
    assert_eq!(list["attempts"][0]["result"]["is_passed"], true);
    assert!(list["attempts"][0]["result"]["questions"][2]
        .get("instructor_feedback")
        .is_none());
    assert_eq!(server.count_rows("quiz_reviews").await, 1);
}

#[tokio::test]
async fn reviews_must_fit_the_question_and_the_attempt() {
    let server = quiz_server(graded(json!({}))).await;
    let learner = server.sign_in("learner1", "learner1").await;
    let instructor = server.sign_in("instructor1", "instructor1").await;
    server.start_new(&learner, 1).await;
    let in_progress = server
        .review(
            &instructor,
            1,
            "essay",
            json!({"awarded_millipoints": 1_000}),
        )
        .await;
    let problem = expect_problem(in_progress, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(problem.kind(), Some(ProblemType::InvalidReview));
    assert!(problem.detail.contains("in progress"), "{}", problem.detail);

    server.submit_attempt(&learner, 1, json!({})).await;
    let cases = [
        (
            "essay",
            json!({"awarded_millipoints": 5_001}),
            "at most 5 points",
        ),
        (
            "nope",
            json!({"awarded_millipoints": 0}),
            "not a question of this attempt",
        ),
        (
            "essay",
            json!({"awarded_millipoints": 0, "feedback": "x".repeat(20_001)}),
            "at most 20000 characters",
        ),
    ];
    for (question_id, body, expected) in cases {
        let response = server.review(&instructor, 1, question_id, body).await;
        let problem = expect_problem(response, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert_eq!(problem.kind(), Some(ProblemType::InvalidReview));
        assert!(problem.detail.contains(expected), "{}", problem.detail);
    }
    assert_eq!(server.count_rows("quiz_reviews").await, 0);
}

#[tokio::test]
async fn another_learners_attempt_looks_like_a_missing_one() {
    let server = quiz_server(graded(json!({}))).await;
    let learner1 = server.sign_in("learner1", "learner1").await;
    let learner2 = server.sign_in("learner2", "learner2").await;
    server.start_new(&learner1, 1).await;
    let answers = json!({"capital": {"kind": "single_choice", "value": "paris"}});
    let missing = expect_problem(
        server.save_answers(&learner2, 99, answers.clone()).await,
        StatusCode::NOT_FOUND,
    )
    .await;
    let attempts = [
        server.save_answers(&learner2, 1, answers.clone()).await,
        server.submit_attempt(&learner2, 1, json!({})).await,
        server.submit_attempt(&learner2, 99, json!({})).await,
        server
            .review(&learner2, 1, "essay", json!({"awarded_millipoints": 0}))
            .await,
        server
            .review(&learner1, 1, "essay", json!({"awarded_millipoints": 0}))
            .await,
        server
            .send(
                Method::PUT,
                "/api/v1/attempts/NOT-A-UUID/answers",
                &learner1,
                Some(&json!({"answers": {}})),
            )
            .await,
    ];
    for response in attempts {
        assert_eq!(
            expect_problem(response, StatusCode::NOT_FOUND).await,
            missing
        );
    }
    let list = server.attempts(&learner1).await;
    assert_eq!(list["attempts"][0]["status"], "in_progress");
    assert_eq!(list["attempts"][0]["answers"], json!({}));
}

#[tokio::test]
async fn learners_cannot_list_submissions() {
    let server = quiz_server(graded(json!({}))).await;
    let learner = server.sign_in("learner1", "learner1").await;
    let missing = server
        .send(
            Method::GET,
            "/api/v1/quizzes/quiz-lab.nope/submissions",
            &learner,
            None,
        )
        .await;
    let missing = expect_problem(missing, StatusCode::NOT_FOUND).await;
    let hidden = expect_problem(server.submissions(&learner).await, StatusCode::NOT_FOUND).await;
    assert_eq!(hidden, missing);
    let instructor = server.sign_in("instructor1", "instructor1").await;
    let path = format!("/api/v1/quizzes/{QUIZ}/submissions");
    let list: SubmissionList = server
        .send(Method::GET, &path, &instructor, None)
        .await
        .json()
        .await
        .unwrap();
    assert!(list.submissions.is_empty());
}
