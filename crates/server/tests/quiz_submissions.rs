//! Saving answers and submitting attempts: shape checks that store nothing on failure, the
//! time limit and its lazy submission at the deadline, late submissions, idempotent submits,
//! and when a learner sees the result.
// Test code: `allow-unwrap-in-tests` does not reach helper functions outside `#[test]`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::expect_problem;
use common::quiz::{at, attempt_id, graded, pool_question, quiz_server, QUIZ};
use jiff::SignedDuration;
use lectern_api::v1::{FieldProblem, ProblemType};
use reqwest::StatusCode;
use serde_json::{json, Value};

fn paris() -> Value {
    json!({"kind": "single_choice", "value": "paris"})
}

#[tokio::test]
async fn saved_answers_merge_and_submitting_grades_them() {
    let server = quiz_server(graded(json!({}))).await;
    let learner = server.sign_in("learner1", "learner1").await;
    let started = server.start_new(&learner, 1).await;
    let saved = server
        .save_answers(
            &learner,
            1,
            json!({"capital": {"kind": "single_choice", "value": "lyon"}}),
        )
        .await;
    assert_eq!(saved.status(), StatusCode::OK);
    let blanks = json!({"kind": "fill_blanks", "value": {"one": "earth", "two": "Moon"}});
    let saved: Value = server
        .save_answers(&learner, 1, json!({"blanks": blanks, "capital": paris()}))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        saved["answers"],
        json!({"blanks": blanks, "capital": paris()})
    );
    assert!(
        saved.get("result").is_none(),
        "nothing shows before submission"
    );

    let pooled = pool_question(&started);
    server.clock.advance(SignedDuration::from_secs(60));
    let submitted: Value = server
        .submit_attempt(
            &learner,
            1,
            json!({"answers": {"essay": {"kind": "essay", "value": "Short."}},
                   "client_submitted_at": "2030-01-10T08:59:00Z"}),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(submitted["status"], "submitted");
    assert_eq!(submitted["submitted_at"], "2030-01-10T09:01:00Z");
    assert_eq!(submitted["client_submitted_at"], "2030-01-10T08:59:00Z");
    assert_eq!(submitted["is_late"], false);
    let result = &submitted["result"];
    // capital 2 of 2, blanks 0.5 of 1, essay waits for review (0 of 5), pooled 0 of 1.
    assert_eq!(result["score_millipoints"], 2_500);
    assert_eq!(result["possible_millipoints"], 9_000);
    assert_eq!(result["needs_review"], true);
    assert!(
        result.get("is_passed").is_none(),
        "a review could still change it"
    );
    let ids: Vec<&str> = result["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["question_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["capital", "blanks", "essay", pooled]);
    assert_eq!(result["questions"][1]["outcome"], "partially_correct");
    assert_eq!(result["questions"][1]["per_part"][1]["is_correct"], false);
    assert_eq!(result["questions"][2]["outcome"], "needs_review");
}

#[tokio::test]
async fn a_wrong_shaped_answer_is_422_with_its_path_and_nothing_is_stored() {
    let server = quiz_server(graded(json!({}))).await;
    let learner = server.sign_in("learner1", "learner1").await;
    let started = server.start_new(&learner, 1).await;
    let not_drawn = if pool_question(&started) == "tf" {
        "number"
    } else {
        "tf"
    };
    let answers = json!({
        "capital": {"kind": "true_false", "value": true},
        "blanks": {"kind": "fill_blanks", "value": {"three": "x"}},
        "essay": {"kind": "essay", "value": "one two three four five six seven eight nine ten eleven"},
        "nope": paris(),
        not_drawn: {"kind": "true_false", "value": true},
    });
    for response in [
        server.save_answers(&learner, 1, answers.clone()).await,
        server
            .submit_attempt(&learner, 1, json!({"answers": answers}))
            .await,
    ] {
        let problem = expect_problem(response, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert_eq!(problem.kind(), Some(ProblemType::InvalidAnswer));
        let mut expected = vec![
            FieldProblem {
                path: "$.answers.blanks".into(),
                message: "\"three\" is not one of the question's blanks".into(),
            },
            FieldProblem {
                path: "$.answers.capital".into(),
                message: "the question is single_choice, but the answer is true_false".into(),
            },
            FieldProblem {
                path: "$.answers.essay".into(),
                message: "at most 10 words are allowed, the answer has 11".into(),
            },
            FieldProblem {
                path: "$.answers.nope".into(),
                message: "not a question of this attempt".into(),
            },
            FieldProblem {
                path: format!("$.answers.{not_drawn}"),
                message: "not a question of this attempt".into(),
            },
        ];
        expected.sort_by(|a, b| a.path.cmp(&b.path));
        assert_eq!(problem.errors, expected);
    }
    let list = server.attempts(&learner).await;
    assert_eq!(list["attempts"][0]["answers"], json!({}));
    assert_eq!(list["attempts"][0]["status"], "in_progress");
}

#[tokio::test]
async fn after_the_time_limit_answers_are_refused_and_the_attempt_is_submitted_at_its_deadline() {
    let server = quiz_server(graded(json!({"time_limit_seconds": 600}))).await;
    let learner = server.sign_in("learner1", "learner1").await;
    let started = server.start_new(&learner, 1).await;
    assert_eq!(started["deadline_at"], "2030-01-10T09:10:00Z");
    server.clock.set(at(630));
    let in_grace = server
        .save_answers(&learner, 1, json!({"capital": paris()}))
        .await;
    assert_eq!(in_grace.status(), StatusCode::OK, "30 s of grace");
    server.clock.set(at(631));
    let refused = server
        .save_answers(
            &learner,
            1,
            json!({"capital": {"kind": "single_choice", "value": "lyon"}}),
        )
        .await;
    let problem = expect_problem(refused, StatusCode::CONFLICT).await;
    assert_eq!(problem.kind(), Some(ProblemType::AttemptClosed));
    assert!(
        problem.detail.contains("2030-01-10T09:10:00Z"),
        "{}",
        problem.detail
    );

    let list = server.attempts(&learner).await;
    let attempt = &list["attempts"][0];
    assert_eq!(attempt["status"], "submitted");
    assert_eq!(attempt["submitted_at"], "2030-01-10T09:10:00Z");
    assert_eq!(attempt["answers"], json!({"capital": paris()}));
    assert_eq!(attempt["has_ignored_late_answers"], false);
    assert_eq!(attempt["result"]["score_millipoints"], 2_000);

    let again = server
        .save_answers(&learner, 1, json!({"capital": paris()}))
        .await;
    let problem = expect_problem(again, StatusCode::CONFLICT).await;
    assert!(problem.detail.contains("submitted"), "{}", problem.detail);
}

#[tokio::test]
async fn an_expired_attempt_is_submitted_by_any_read() {
    let server = quiz_server(graded(json!({"time_limit_seconds": 60}))).await;
    let learner = server.sign_in("learner1", "learner1").await;
    server.start_new(&learner, 1).await;
    server.clock.set(at(3_600));
    let list = server.attempts(&learner).await;
    assert_eq!(list["attempts"][0]["status"], "submitted");
    assert_eq!(list["attempts"][0]["submitted_at"], "2030-01-10T09:01:00Z");
    let stored: Option<i64> = sqlx::query_scalar("SELECT submitted_at FROM quiz_attempts")
        .fetch_one(&server.db)
        .await
        .unwrap();
    assert_eq!(
        stored,
        Some(at(60).as_millisecond()),
        "stored, not only shown"
    );
}

#[tokio::test]
async fn a_submit_after_the_deadline_ignores_new_answers_and_says_so() {
    let server = quiz_server(graded(json!({"time_limit_seconds": 600}))).await;
    let learner = server.sign_in("learner1", "learner1").await;
    server.start_new(&learner, 1).await;
    server
        .save_answers(&learner, 1, json!({"capital": paris()}))
        .await;
    server.clock.set(at(900));
    let lyon = json!({"kind": "single_choice", "value": "lyon"});
    let response = server
        .submit_attempt(
            &learner,
            1,
            json!({"answers": {"capital": lyon}, "client_submitted_at": "2030-01-10T09:09:59Z"}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let view: Value = response.json().await.unwrap();
    assert_eq!(view["status"], "submitted");
    assert_eq!(view["submitted_at"], "2030-01-10T09:10:00Z");
    assert_eq!(view["client_submitted_at"], "2030-01-10T09:09:59Z");
    assert_eq!(view["has_ignored_late_answers"], true);
    assert_eq!(view["answers"], json!({"capital": paris()}));
    assert_eq!(view["result"]["questions"][0]["outcome"], "correct");
}

#[tokio::test]
async fn a_late_submission_is_flagged_where_late_work_is_accepted() {
    let settings =
        graded(json!({"due_at": "2030-01-10T10:00:00Z", "late_policy": "accept_and_flag"}));
    let server = quiz_server(settings).await;
    let learner = server.sign_in("learner1", "learner1").await;
    server.start_new(&learner, 1).await;
    server.clock.set(at(3_630));
    let on_time: Value = server
        .submit_attempt(&learner, 1, json!({}))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(on_time["is_late"], false, "within the grace");

    server.clock.set(at(7_200));
    let started = server.start_new(&learner, 2).await;
    assert!(
        started.get("deadline_at").is_none(),
        "late work is accepted"
    );
    let late: Value = server
        .submit_attempt(&learner, 2, json!({}))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(late["is_late"], true);
}

#[tokio::test]
async fn submitting_twice_changes_nothing() {
    let server = quiz_server(graded(json!({}))).await;
    let learner = server.sign_in("learner1", "learner1").await;
    server.start_new(&learner, 1).await;
    let body = json!({"answers": {"capital": paris()}});
    let first = server.submit_attempt(&learner, 1, body.clone()).await;
    assert_eq!(first.status(), StatusCode::OK);
    let first: Value = first.json().await.unwrap();
    let grade_before: String = sqlx::query_scalar("SELECT grade_json FROM quiz_attempts")
        .fetch_one(&server.db)
        .await
        .unwrap();
    server.clock.advance(SignedDuration::from_secs(120));
    for again in [
        body,
        json!({"answers": {"capital": {"kind": "single_choice", "value": "lyon"}}}),
    ] {
        let response = server.submit_attempt(&learner, 1, again).await;
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(response.json::<Value>().await.unwrap(), first);
    }
    let grade_after: String = sqlx::query_scalar("SELECT grade_json FROM quiz_attempts")
        .fetch_one(&server.db)
        .await
        .unwrap();
    assert_eq!(grade_after, grade_before);
}

#[tokio::test]
async fn feedback_after_the_due_date_hides_the_result_until_then() {
    let settings = graded(json!({"due_at": "2030-01-10T10:00:00Z", "feedback": "after_due_date"}));
    let server = quiz_server(settings).await;
    let learner = server.sign_in("learner1", "learner1").await;
    server.start_new(&learner, 1).await;
    let submitted: Value = server
        .submit_attempt(&learner, 1, json!({"answers": {"capital": paris()}}))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(submitted["status"], "submitted");
    assert!(submitted.get("result").is_none(), "{submitted}");
    server.clock.set(at(3_599));
    assert!(server.attempts(&learner).await["attempts"][0]
        .get("result")
        .is_none());
    server.clock.set(at(3_600));
    let list = server.attempts(&learner).await;
    assert_eq!(list["attempts"][0]["result"]["score_millipoints"], 2_000);
    assert_eq!(
        list["attempts"][0]["result"]["questions"][0]["explanation"],
        "Paris."
    );
}

#[tokio::test]
async fn answers_sent_after_the_attempt_closed_are_kept_as_a_copy_for_review() {
    let server = quiz_server(graded(
        json!({"time_limit_seconds": 600, "attempt_limit": 1}),
    ))
    .await;
    let learner = server.sign_in("learner1", "learner1").await;
    server.start_new(&learner, 1).await;
    let lyon = json!({"kind": "single_choice", "value": "lyon"});
    server
        .save_answers(&learner, 1, json!({"capital": lyon}))
        .await;
    // Offline, the learner changes the answer and submits; the time runs out meanwhile.
    server.clock.set(at(900));
    let offline =
        json!({"answers": {"capital": paris()}, "client_submitted_at": "2030-01-10T09:09:00Z"});
    for _ in 0..2 {
        let response = server.submit_attempt(&learner, 1, offline.clone()).await;
        assert_eq!(response.status(), StatusCode::OK);
        let closed: Value = response.json().await.unwrap();
        assert_eq!(
            closed["answers"],
            json!({"capital": lyon}),
            "graded on what was in time"
        );
        assert_eq!(closed["has_ignored_late_answers"], true);
        assert!(closed.get("late_copy_of").is_none());
    }
    let list = server.attempts(&learner).await;
    let attempts = list["attempts"].as_array().unwrap();
    assert_eq!(
        attempts.len(),
        2,
        "one copy, even for a retried submission: {list}"
    );
    let copy = &attempts[1];
    assert_eq!(copy["late_copy_of"], attempts[0]["attempt_id"]);
    assert_eq!(copy["status"], "submitted");
    assert_eq!(copy["answers"], json!({"capital": paris()}));
    assert_eq!(copy["attempt_number"], 2);
    assert_eq!(copy["client_submitted_at"], "2030-01-10T09:09:00Z");
    // The copy is not an attempt made: the limit of one still counts the first only.
    let refused = server
        .start_attempt(&learner, QUIZ, &json!({"attempt_id": attempt_id(3)}))
        .await;
    assert_eq!(refused.status(), StatusCode::CONFLICT);
}

#[tokio::test]
async fn an_attempt_the_server_closed_keeps_later_answers_as_a_copy_and_the_same_ones_add_nothing()
{
    let server = quiz_server(graded(json!({"time_limit_seconds": 60}))).await;
    let learner = server.sign_in("learner1", "learner1").await;
    server.start_new(&learner, 1).await;
    server
        .save_answers(&learner, 1, json!({"capital": paris()}))
        .await;
    server.clock.set(at(3_600));
    // Any read submits it at its deadline; the device had nothing new to send.
    server.attempts(&learner).await;
    let same = json!({"answers": {"capital": paris()}});
    let response = server.submit_attempt(&learner, 1, same).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        server.attempts(&learner).await["attempts"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let lyon = json!({"kind": "single_choice", "value": "lyon"});
    let response = server
        .submit_attempt(&learner, 1, json!({"answers": {"capital": lyon}}))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let list = server.attempts(&learner).await;
    assert_eq!(list["attempts"].as_array().unwrap().len(), 2, "{list}");
    assert_eq!(list["attempts"][1]["answers"], json!({"capital": lyon}));
}
