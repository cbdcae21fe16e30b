//! Quiz events from the outbox (`POST /api/v1/events`) applied to attempts by the quiz
//! endpoints' rules: practice attempts started offline, answers saved and attempts submitted
//! by event, refusals that store nothing, other learners' attempts left alone, answers after
//! the deadline kept apart as one late copy, and a first submission that stands.
// Test code: `allow-unwrap-in-tests` does not reach helper functions outside `#[test]`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::events::{reason, statuses};
use common::quiz::{
    answered, at, attempt_id, attempt_started, attempt_submitted, graded, pool_question,
    quiz_event, quiz_server,
};
use lectern_api::v1::EventStatus::{Duplicate, Rejected, Stored};
use reqwest::StatusCode;
use serde_json::{json, Value};

fn paris() -> Value {
    json!({"kind": "single_choice", "value": "paris"})
}

fn lyon() -> Value {
    json!({"kind": "single_choice", "value": "lyon"})
}

fn earth_and_sun() -> Value {
    json!({"kind": "fill_blanks", "value": {"one": "Earth", "two": "Sun"}})
}

fn essay() -> Value {
    json!({"kind": "essay", "value": "Short."})
}

#[tokio::test]
async fn a_practice_attempt_started_answered_and_submitted_by_events_is_graded_once() {
    let server = quiz_server(json!({"is_graded": false})).await;
    let learner = server.sign_in("learner1", "learner1").await;
    server.clock.set(at(60));
    let batch = [
        quiz_event(1, 1, 0, attempt_started(1, 42)),
        quiz_event(2, 2, 10, answered(1, "capital", lyon())),
        quiz_event(3, 3, 20, answered(1, "capital", paris())),
        quiz_event(4, 4, 25, answered(1, "blanks", earth_and_sun())),
        quiz_event(5, 5, 30, attempt_submitted(1, json!({"essay": essay()}))),
    ];
    let answer = server.send_batch(&learner, &batch).await;
    assert_eq!(statuses(&answer), [Stored; 5], "{answer:?}");

    let list = server.attempts(&learner).await;
    let attempts = list["attempts"].as_array().unwrap();
    assert_eq!(attempts.len(), 1, "{list}");
    let attempt = &attempts[0];
    assert_eq!(attempt["attempt_id"], attempt_id(1));
    assert_eq!(attempt["seed"], "42", "the device's seed is kept");
    assert_eq!(attempt["status"], "submitted");
    assert_eq!(
        attempt["answers"],
        json!({"capital": paris(), "blanks": earth_and_sun(), "essay": essay()})
    );
    assert_eq!(attempt["submitted_at"], "2030-01-10T09:01:00Z");
    assert_eq!(attempt["client_submitted_at"], "2030-01-10T09:00:30Z");
    // capital 2 of 2, blanks 1 of 1, essay waits for review, the pooled one unanswered.
    assert_eq!(attempt["result"]["score_millipoints"], 3_000);
    assert_eq!(attempt["result"]["possible_millipoints"], 9_000);
    assert!(["tf", "number"].contains(&pool_question(attempt)));

    server.clock.set(at(120));
    let again = server.send_batch(&learner, &batch).await;
    assert_eq!(statuses(&again), [Duplicate; 5]);
    let relisted = server.attempts(&learner).await;
    assert_eq!(
        relisted["attempts"], list["attempts"],
        "the same grade, once"
    );
    assert_eq!(server.count_rows("events").await, 5);
}

#[tokio::test]
async fn a_graded_attempt_takes_answers_and_its_submission_by_event_but_never_a_start() {
    let server = quiz_server(graded(json!({}))).await;
    let learner = server.sign_in("learner1", "learner1").await;
    server.start_new(&learner, 1).await;
    let batch = [
        quiz_event(1, 1, 0, answered(1, "capital", paris())),
        quiz_event(
            2,
            2,
            5,
            attempt_submitted(1, json!({"blanks": earth_and_sun()})),
        ),
        quiz_event(3, 3, 10, attempt_started(2, 7)),
    ];
    let answer = server.send_batch(&learner, &batch).await;
    assert_eq!(statuses(&answer), [Stored, Stored, Rejected]);
    assert!(
        reason(&answer, 2).contains("a graded attempt is started online, by the server"),
        "{answer:?}"
    );
    let list = server.attempts(&learner).await;
    let attempts = list["attempts"].as_array().unwrap();
    assert_eq!(attempts.len(), 1, "the start made no attempt: {list}");
    assert_eq!(attempts[0]["status"], "submitted");
    assert_eq!(
        attempts[0]["answers"],
        json!({"capital": paris(), "blanks": earth_and_sun()})
    );
    assert_eq!(attempts[0]["result"]["score_millipoints"], 3_000);
    assert_eq!(
        server.count_rows("events").await,
        2,
        "the start is not stored"
    );
}

#[tokio::test]
async fn answers_that_do_not_fit_the_attempt_are_rejected_with_why_and_not_stored() {
    let server = quiz_server(graded(json!({}))).await;
    let learner = server.sign_in("learner1", "learner1").await;
    let started = server.start_new(&learner, 1).await;
    let not_drawn = if pool_question(&started) == "tf" {
        "number"
    } else {
        "tf"
    };
    let true_false = json!({"kind": "true_false", "value": true});
    let batch = [
        quiz_event(1, 1, 0, answered(1, "nope", paris())),
        quiz_event(2, 2, 1, answered(1, not_drawn, true_false.clone())),
        quiz_event(3, 3, 2, answered(1, "capital", true_false.clone())),
        quiz_event(
            4,
            4,
            3,
            attempt_submitted(1, json!({"capital": true_false, "blanks": earth_and_sun()})),
        ),
        quiz_event(5, 5, 4, answered(1, "blanks", earth_and_sun())),
    ];
    let answer = server.send_batch(&learner, &batch).await;
    assert_eq!(
        statuses(&answer),
        [Rejected, Rejected, Rejected, Rejected, Stored]
    );
    for index in [0, 1] {
        assert!(
            reason(&answer, index).ends_with("$.answer: not a question of this attempt"),
            "{answer:?}"
        );
    }
    assert!(
        reason(&answer, 2)
            .ends_with("$.answer: the question is single_choice, but the answer is true_false"),
        "{answer:?}"
    );
    assert!(
        reason(&answer, 3).contains(
            "$.answers.capital: the question is single_choice, but the answer is true_false"
        ),
        "{answer:?}"
    );
    let stored: Vec<String> = server
        .stored_events()
        .await
        .into_iter()
        .map(|(event_id, _, _)| event_id)
        .collect();
    assert_eq!(
        stored,
        [common::events::event_id(5)],
        "only the one that fits"
    );
    let list = server.attempts(&learner).await;
    assert_eq!(list["attempts"][0]["status"], "in_progress");
    assert_eq!(
        list["attempts"][0]["answers"],
        json!({"blanks": earth_and_sun()})
    );
}

#[tokio::test]
async fn another_learners_attempt_is_refused_like_a_missing_one_and_left_as_it_was() {
    let server = quiz_server(json!({"is_graded": false})).await;
    let learner = server.sign_in("learner1", "learner1").await;
    let learner2 = server.sign_in("learner2", "learner2").await;
    server.start_new(&learner2, 2).await;
    let saved = server
        .save_answers(&learner2, 2, json!({"capital": lyon()}))
        .await;
    assert_eq!(saved.status(), StatusCode::OK);
    let theirs_before = server.attempts(&learner2).await;

    let batch = [
        quiz_event(1, 1, 0, answered(2, "capital", paris())),
        quiz_event(2, 2, 1, attempt_submitted(2, json!({"capital": paris()}))),
        quiz_event(3, 3, 2, answered(9, "capital", paris())),
        quiz_event(4, 4, 3, attempt_submitted(9, json!({}))),
        quiz_event(5, 5, 4, attempt_started(2, 42)),
    ];
    let answer = server.send_batch(&learner, &batch).await;
    assert_eq!(statuses(&answer), [Rejected; 5]);
    for index in 0..4 {
        assert_eq!(reason(&answer, index), "no attempt with this id is yours");
    }
    assert!(reason(&answer, 4).contains("already in use"), "{answer:?}");
    assert_eq!(
        server.attempts(&learner2).await["attempts"],
        theirs_before["attempts"]
    );
    assert!(server.attempts(&learner).await["attempts"]
        .as_array()
        .unwrap()
        .is_empty());
    assert_eq!(server.count_rows("events").await, 0);
}

#[tokio::test]
async fn a_start_by_event_finds_its_own_attempt_again_but_never_resumes_another() {
    let server = quiz_server(json!({"is_graded": false, "attempt_limit": 1})).await;
    let learner = server.sign_in("learner1", "learner1").await;
    let mut not_a_quiz = quiz_event(4, 4, 3, attempt_started(3, 1));
    not_a_quiz["lesson_id"] = json!("intro");
    let batch = [
        quiz_event(1, 1, 0, attempt_started(1, 42)),
        quiz_event(2, 2, 1, attempt_started(1, 42)),
        quiz_event(3, 3, 2, attempt_started(2, 43)),
        not_a_quiz,
        quiz_event(5, 5, 4, attempt_submitted(1, json!({}))),
        quiz_event(6, 6, 5, attempt_started(2, 43)),
    ];
    let answer = server.send_batch(&learner, &batch).await;
    assert_eq!(
        statuses(&answer),
        [Stored, Stored, Rejected, Rejected, Stored, Rejected]
    );
    assert!(
        reason(&answer, 2).starts_with("another attempt at this quiz is in progress"),
        "{answer:?}"
    );
    assert_eq!(
        reason(&answer, 3),
        "lesson intro is not a quiz of this course"
    );
    assert!(
        reason(&answer, 5).starts_with("the quiz takes no new attempt: "),
        "{answer:?}"
    );
    let list = server.attempts(&learner).await;
    let ids: Vec<&str> = list["attempts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|attempt| attempt["attempt_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, [attempt_id(1)]);
}

#[tokio::test]
async fn after_the_deadline_answers_are_kept_for_the_record_and_the_submission_as_one_late_copy() {
    let server = quiz_server(graded(json!({"time_limit_seconds": 600}))).await;
    let learner = server.sign_in("learner1", "learner1").await;
    server.start_new(&learner, 1).await;
    let saved = server
        .save_answers(&learner, 1, json!({"capital": lyon()}))
        .await;
    assert_eq!(saved.status(), StatusCode::OK);
    // Offline, the learner changed the answer and submitted in time; it arrives too late.
    server.clock.set(at(900));
    let batch = [
        quiz_event(1, 1, 540, answered(1, "capital", paris())),
        quiz_event(2, 2, 590, attempt_submitted(1, json!({"capital": paris()}))),
    ];
    let answer = server.send_batch(&learner, &batch).await;
    assert_eq!(statuses(&answer), [Stored, Stored]);
    let list = server.attempts(&learner).await;
    let attempts = list["attempts"].as_array().unwrap();
    assert_eq!(attempts.len(), 2, "{list}");
    let closed = &attempts[0];
    assert_eq!(closed["status"], "submitted");
    assert_eq!(closed["submitted_at"], "2030-01-10T09:10:00Z");
    assert_eq!(
        closed["answers"],
        json!({"capital": lyon()}),
        "graded on what was in time"
    );
    assert_eq!(closed["result"]["score_millipoints"], 0);
    let copy = &attempts[1];
    assert_eq!(copy["late_copy_of"], attempt_id(1));
    assert_eq!(copy["status"], "submitted");
    assert_eq!(copy["answers"], json!({"capital": paris()}));
    assert_eq!(copy["client_submitted_at"], "2030-01-10T09:09:50Z");

    let resent = server.send_batch(&learner, &batch).await;
    assert_eq!(statuses(&resent), [Duplicate, Duplicate]);
    let retried = [quiz_event(
        3,
        3,
        600,
        attempt_submitted(1, json!({"capital": paris(), "blanks": earth_and_sun()})),
    )];
    let answer = server.send_batch(&learner, &retried).await;
    assert_eq!(statuses(&answer), [Stored]);
    assert_eq!(
        server.attempts(&learner).await["attempts"],
        list["attempts"],
        "no second copy, and the closed attempt keeps its grade"
    );
}

#[tokio::test]
async fn a_submission_arriving_after_the_deadline_closes_the_attempt_with_what_was_in_time() {
    let server = quiz_server(graded(json!({"time_limit_seconds": 600}))).await;
    let learner = server.sign_in("learner1", "learner1").await;
    server.start_new(&learner, 1).await;
    let in_time = [quiz_event(1, 1, 60, answered(1, "capital", lyon()))];
    assert_eq!(
        statuses(&server.send_batch(&learner, &in_time).await),
        [Stored]
    );
    server.clock.set(at(900));
    let late = [quiz_event(
        2,
        2,
        590,
        attempt_submitted(1, json!({"capital": paris()})),
    )];
    assert_eq!(
        statuses(&server.send_batch(&learner, &late).await),
        [Stored]
    );
    let list = server.attempts(&learner).await;
    let attempts = list["attempts"].as_array().unwrap();
    assert_eq!(attempts.len(), 2, "{list}");
    assert_eq!(attempts[0]["submitted_at"], "2030-01-10T09:10:00Z");
    assert_eq!(attempts[0]["answers"], json!({"capital": lyon()}));
    assert_eq!(attempts[0]["has_ignored_late_answers"], true);
    assert_eq!(attempts[1]["late_copy_of"], attempt_id(1));
    assert_eq!(attempts[1]["answers"], json!({"capital": paris()}));
}

#[tokio::test]
async fn a_submission_by_event_after_the_endpoint_submitted_leaves_the_first_grade() {
    let server = quiz_server(graded(json!({}))).await;
    let learner = server.sign_in("learner1", "learner1").await;
    server.start_new(&learner, 1).await;
    let submitted = server
        .submit_attempt(
            &learner,
            1,
            json!({"answers": {"capital": paris()}, "client_submitted_at": "2030-01-10T09:00:30Z"}),
        )
        .await;
    assert_eq!(submitted.status(), StatusCode::OK);
    let before = server.attempts(&learner).await;
    assert_eq!(before["attempts"][0]["result"]["score_millipoints"], 2_000);

    let batch = [
        quiz_event(1, 1, 40, answered(1, "capital", lyon())),
        quiz_event(2, 2, 45, attempt_submitted(1, json!({"capital": lyon()}))),
    ];
    let answer = server.send_batch(&learner, &batch).await;
    assert_eq!(statuses(&answer), [Stored, Stored]);
    assert_eq!(
        server.attempts(&learner).await["attempts"],
        before["attempts"],
        "the first submission and its grade stand"
    );
}
