//! `POST /api/v1/events`: each event stored once by id (a resend is a duplicate and changes
//! nothing), other content under a stored id kept apart as a conflict, invalid events
//! rejected, unreadable ones reported by position without blocking the rest, and what is
//! stored of each device's sequence numbers.
// Test code: `allow-unwrap-in-tests` does not reach helper functions outside `#[test]`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::events::{
    at, completed, event, event_id, events_server, progressed, statuses, t0, COURSE, LAPTOP, PHONE,
};
use jiff::{SignedDuration, Timestamp};
use lectern_api::v1::{EventBatchResponse, EventStatus};
use serde_json::{json, Value};

#[tokio::test]
async fn an_event_is_stored_once_and_a_resend_is_a_duplicate_that_changes_nothing() {
    let server = events_server().await;
    let learner = server.sign_in("learner1", "learner1").await;
    let first = event(1, PHONE, 1, 10, progressed(30_000, json!([[0, 30_000]])));
    let stored = server
        .send_batch(&learner, std::slice::from_ref(&first))
        .await;
    assert_eq!(statuses(&stored), [EventStatus::Stored]);
    assert_eq!(stored.results[0].event_id.as_str(), event_id(1));
    assert_eq!(stored.results[0].reason, None);
    assert!(stored.unreadable.is_empty());
    let events_before = server.stored_events().await;
    let progress_before = server.progress(&learner, COURSE).await;
    assert_eq!(progress_before.lessons.len(), 1);
    assert_eq!(progress_before.lessons[0].position_ms, 30_000);

    server.clock.advance(SignedDuration::from_secs(60));
    // The same event, spelled differently: another offset, fields in another order.
    let mut respelled = first.clone();
    respelled["occurred_at"] = json!("2030-01-10T10:00:10+01:00");
    let resent = server.send_batch(&learner, &[respelled, first]).await;
    assert_eq!(
        statuses(&resent),
        [EventStatus::Duplicate, EventStatus::Duplicate]
    );
    assert_eq!(server.stored_events().await, events_before);
    assert_eq!(server.progress(&learner, COURSE).await, progress_before);
    assert_eq!(server.count_rows("event_conflicts").await, 0);
    let received_at: i64 = sqlx::query_scalar("SELECT received_at FROM events")
        .fetch_one(&server.db)
        .await
        .unwrap();
    assert_eq!(received_at, t0().as_millisecond());
}

#[tokio::test]
async fn other_content_under_a_stored_id_is_a_conflict_kept_apart() {
    let server = events_server().await;
    let learner = server.sign_in("learner1", "learner1").await;
    let original = event(1, PHONE, 1, 10, progressed(30_000, json!([[0, 30_000]])));
    server.send_batch(&learner, &[original]).await;
    let events_before = server.stored_events().await;
    let progress_before = server.progress(&learner, COURSE).await;

    let changed = event(1, PHONE, 1, 10, progressed(90_000, json!([[0, 90_000]])));
    for _ in 0..2 {
        let answer = server
            .send_batch(&learner, std::slice::from_ref(&changed))
            .await;
        assert_eq!(statuses(&answer), [EventStatus::Conflict]);
        assert!(answer.results[0].reason.is_some());
    }
    assert_eq!(server.stored_events().await, events_before);
    assert_eq!(server.progress(&learner, COURSE).await, progress_before);
    // Kept once, as received, so nothing is lost.
    let conflicts: Vec<(String, String, String, i64)> =
        sqlx::query_as("SELECT event_id, user_id, body_json, received_at FROM event_conflicts")
            .fetch_all(&server.db)
            .await
            .unwrap();
    assert_eq!(conflicts.len(), 1);
    let (id, user, body, received_at) = &conflicts[0];
    assert_eq!(
        (id.as_str(), user.as_str()),
        (event_id(1).as_str(), "learner1")
    );
    assert_eq!(
        serde_json::from_str::<Value>(body).unwrap()["position_ms"],
        90_000
    );
    assert_eq!(*received_at, t0().as_millisecond());
}

#[tokio::test]
async fn an_id_another_learner_stored_is_a_conflict_that_tells_nothing_of_it() {
    let server = events_server().await;
    let learner1 = server.sign_in("learner1", "learner1").await;
    let learner2 = server.sign_in("learner2", "learner2").await;
    let theirs = event(7, LAPTOP, 1, 10, completed());
    server
        .send_batch(&learner2, std::slice::from_ref(&theirs))
        .await;
    let events_before = server.stored_events().await;

    let response = server
        .post_events(&learner1, &json!({ "events": [theirs] }))
        .await;
    let text = response.text().await.unwrap();
    let answer: EventBatchResponse = serde_json::from_str(&text).unwrap();
    assert_eq!(statuses(&answer), [EventStatus::Conflict]);
    assert!(!text.contains("learner2"), "{text}");
    assert_eq!(server.stored_events().await, events_before);
    assert!(server.progress(&learner1, COURSE).await.lessons.is_empty());
    assert!(server.progress(&learner2, COURSE).await.lessons[0].is_complete);
    // The id is learner2's, so learner1's device has stored nothing.
    assert_eq!(answer.devices[0].last_acknowledged_sequence, 0);
    let conflicting_user: String = sqlx::query_scalar("SELECT user_id FROM event_conflicts")
        .fetch_one(&server.db)
        .await
        .unwrap();
    assert_eq!(conflicting_user, "learner1");
}

#[tokio::test]
async fn events_that_fail_their_checks_are_rejected_with_the_reason_and_not_stored() {
    let server = events_server().await;
    let learner = server.sign_in("learner1", "learner1").await;
    let answered = |attempt_id: &str, question_id: &str| {
        json!({"kind": "answered", "attempt_id": attempt_id, "question_id": question_id,
               "answer": {"kind": "true_false", "value": true}})
    };
    let good_attempt = "0f8fad5b-d9cb-469f-a165-70867728950e";
    let mut zero_sequence = event(1, PHONE, 1, 0, completed());
    zero_sequence["sequence"] = json!(0);
    let cases = [
        (zero_sequence, "1 or more"),
        (
            event(2, PHONE, 2, 0, progressed(1 << 53, json!([]))),
            "beyond",
        ),
        (
            event(3, PHONE, 3, 0, progressed(0, json!([[5, 2]]))),
            "ends before it starts",
        ),
        (
            event(4, PHONE, 4, 0, progressed(0, json!(vec![[0, 1]; 1_001]))),
            "at most 1000",
        ),
        (
            event(5, PHONE, 5, 0, answered("../x", "capital")),
            "attempt id",
        ),
        (
            event(6, PHONE, 6, 0, answered(good_attempt, "no spaces allowed")),
            "question id",
        ),
        (
            event(
                7,
                PHONE,
                7,
                0,
                json!({"kind": "attempt_submitted", "attempt_id": "1"}),
            ),
            "attempt id",
        ),
        (event(8, PHONE, 8, 24 * 3600 + 1, completed()), "24 hours"),
        (
            {
                let mut ancient = event(9, PHONE, 9, 0, completed());
                ancient["occurred_at"] = json!("1969-07-20T20:17:40Z");
                ancient
            },
            "before 1970",
        ),
        (
            {
                let mut huge = event(10, PHONE, 10, 0, completed());
                huge["sequence"] = json!(u64::MAX);
                huge
            },
            "at most",
        ),
    ];
    let batch: Vec<Value> = cases.iter().map(|(event, _)| event.clone()).collect();
    let answer = server.send_batch(&learner, &batch).await;
    assert_eq!(answer.results.len(), cases.len(), "{answer:?}");
    for (result, (_, expected)) in answer.results.iter().zip(&cases) {
        assert_eq!(result.status, EventStatus::Rejected, "{result:?}");
        let reason = result.reason.as_deref().unwrap_or_default();
        assert!(reason.contains(expected), "{reason:?} lacks {expected:?}");
    }
    // Exactly 24 hours ahead is still believed.
    let day_ahead = server
        .send_batch(&learner, &[event(11, PHONE, 11, 24 * 3600, completed())])
        .await;
    assert_eq!(statuses(&day_ahead), [EventStatus::Stored]);
    assert_eq!(server.stored_events().await.len(), 1);
}

#[tokio::test]
async fn events_outside_the_callers_courses_are_rejected_alike() {
    let server = events_server().await;
    let learner2 = server.sign_in("learner2", "learner2").await;
    let mut not_enrolled = event(1, PHONE, 1, 0, completed());
    not_enrolled["course_id"] = json!("night-sky-lab");
    not_enrolled["lesson_id"] = json!("moon-log");
    let mut unknown_course = event(2, PHONE, 2, 0, completed());
    unknown_course["course_id"] = json!("no-such-course");
    let mut unknown_lesson = event(3, PHONE, 3, 0, completed());
    unknown_lesson["lesson_id"] = json!("no-such-lesson");
    let mut other_courses_lesson = event(4, PHONE, 4, 0, completed());
    other_courses_lesson["lesson_id"] = json!("moon-log");
    let batch = [
        not_enrolled,
        unknown_course,
        unknown_lesson,
        other_courses_lesson,
    ];
    let answer = server.send_batch(&learner2, &batch).await;
    for result in &answer.results {
        assert_eq!(result.status, EventStatus::Rejected);
        assert_eq!(
            result.reason.as_deref(),
            Some("not a lesson of a course you are enrolled in")
        );
    }
    assert_eq!(answer.results.len(), 4);
    assert_eq!(server.count_rows("events").await, 0);
    assert_eq!(server.count_rows("lesson_progress").await, 0);
}

#[tokio::test]
async fn unreadable_events_are_reported_by_position_and_the_rest_are_stored() {
    let server = events_server().await;
    let learner = server.sign_in("learner1", "learner1").await;
    let mut unknown_kind = event(2, PHONE, 2, 0, completed());
    unknown_kind["kind"] = json!("teleported");
    let mut bad_uuid = event(3, PHONE, 3, 0, completed());
    bad_uuid["event_id"] = json!("0F8FAD5B-D9CB-469F-A165-70867728950E");
    let mut wrong_type = event(4, PHONE, 4, 0, progressed(0, json!([])));
    wrong_type["position_ms"] = json!("ten");
    let batch = [
        event(1, PHONE, 1, 0, completed()),
        unknown_kind,
        bad_uuid,
        json!("not even an object"),
        wrong_type,
        event(5, PHONE, 5, 0, progressed(1_000, json!([[0, 1_000]]))),
    ];
    let answer = server.send_batch(&learner, &batch).await;
    assert_eq!(
        statuses(&answer),
        [EventStatus::Stored, EventStatus::Stored]
    );
    assert_eq!(answer.results[1].event_id.as_str(), event_id(5));
    let indexes: Vec<usize> = answer.unreadable.iter().map(|u| u.index).collect();
    assert_eq!(indexes, [1, 2, 3, 4]);
    let reasons: Vec<&str> = answer
        .unreadable
        .iter()
        .map(|u| u.reason.as_str())
        .collect();
    assert!(reasons[0].contains("teleported"), "{reasons:?}");
    assert!(
        reasons[1].contains("event_id: expected a UUID"),
        "{reasons:?}"
    );
    assert!(reasons[2].contains("not even an object"), "{reasons:?}");
    assert!(reasons[3].contains("\"ten\""), "{reasons:?}");
    assert_eq!(server.count_rows("events").await, 2);
    // Readable events of the batch still count for the device: 1 and 5 are stored.
    assert_eq!(answer.devices[0].last_acknowledged_sequence, 1);
    assert_eq!(answer.devices[0].missing_sequences, [2, 3, 4]);
}

#[tokio::test]
async fn an_id_repeated_in_one_batch_is_stored_once() {
    let server = events_server().await;
    let learner = server.sign_in("learner1", "learner1").await;
    let once = event(1, PHONE, 1, 0, progressed(5_000, json!([[0, 5_000]])));
    let other_content = event(1, PHONE, 1, 0, progressed(9_000, json!([[0, 9_000]])));
    let answer = server
        .send_batch(&learner, &[once.clone(), once, other_content])
        .await;
    assert_eq!(
        statuses(&answer),
        [
            EventStatus::Stored,
            EventStatus::Duplicate,
            EventStatus::Conflict
        ]
    );
    assert_eq!(server.count_rows("events").await, 1);
    assert_eq!(server.count_rows("event_conflicts").await, 1);
    assert_eq!(
        server.progress(&learner, COURSE).await.lessons[0].position_ms,
        5_000
    );
}

#[tokio::test]
async fn devices_learn_what_is_stored_and_which_sequences_are_missing() {
    let server = events_server().await;
    let learner = server.sign_in("learner1", "learner1").await;
    let on_phone = |sequence: u64| event(sequence as u32, PHONE, sequence, 0, completed());
    let answer = server
        .send_batch(&learner, &[on_phone(1), on_phone(2), on_phone(4)])
        .await;
    assert_eq!(answer.devices.len(), 1);
    assert_eq!(answer.devices[0].device_id.as_str(), PHONE);
    assert_eq!(answer.devices[0].last_acknowledged_sequence, 2);
    assert_eq!(answer.devices[0].missing_sequences, [3]);

    let laptop_first = event(100, LAPTOP, 1, 0, completed());
    let answer = server
        .send_batch(&learner, &[on_phone(3), laptop_first])
        .await;
    let devices: Vec<(&str, u64, &[u64])> = answer
        .devices
        .iter()
        .map(|d| {
            let missing: &[u64] = &d.missing_sequences;
            (d.device_id.as_str(), d.last_acknowledged_sequence, missing)
        })
        .collect();
    assert_eq!(devices, [(PHONE, 4, &[][..]), (LAPTOP, 1, &[][..])]);

    // A device whose first events never arrived: nothing is acknowledged, and at most 100
    // of the missing sequences are listed.
    let new_device = "11111111-2222-4333-8444-555555555555";
    let late = event(200, new_device, 250, 0, completed());
    let answer = server.send_batch(&learner, &[late]).await;
    assert_eq!(answer.devices[0].last_acknowledged_sequence, 0);
    let expected: Vec<u64> = (1..=100).collect();
    assert_eq!(answer.devices[0].missing_sequences, expected);
    // Another learner's events never count for this learner's devices.
    let learner2 = server.sign_in("learner2", "learner2").await;
    let theirs = event(300, PHONE, 5, 0, completed());
    let answer = server.send_batch(&learner2, &[theirs]).await;
    assert_eq!(answer.devices[0].last_acknowledged_sequence, 0);
    assert_eq!(answer.devices[0].missing_sequences, [1, 2, 3, 4]);
}

#[tokio::test]
async fn quiz_events_go_to_attempts_and_change_no_progress() {
    let server = events_server().await;
    let learner = server.sign_in("learner1", "learner1").await;
    let attempt_id = "0f8fad5b-d9cb-469f-a165-70867728950e";
    let started = json!({"kind": "attempt_started", "attempt_id": attempt_id, "seed": "42"});
    let answered = json!({"kind": "answered", "attempt_id": attempt_id,
        "question_id": "closest-planet", "answer": {"kind": "single_choice", "value": "mercury"}});
    let submitted = json!({"kind": "attempt_submitted", "attempt_id": attempt_id});
    let unknown_attempt = json!({"kind": "attempt_submitted",
        "attempt_id": "5a8e3c0b-2f4d-4e8a-9c1b-6d7e8f9a0b1c"});
    let mut batch = [
        event(1, PHONE, 1, 5, started),
        event(2, PHONE, 2, 6, answered),
        event(3, PHONE, 3, 7, submitted),
        event(4, PHONE, 4, 8, unknown_attempt),
    ];
    for quiz_event in &mut batch {
        quiz_event["lesson_id"] = json!("solar-system-check");
    }
    let answer = server.send_batch(&learner, &batch).await;
    assert_eq!(
        statuses(&answer),
        [
            EventStatus::Stored,
            EventStatus::Stored,
            EventStatus::Stored,
            EventStatus::Rejected
        ]
    );
    assert_eq!(
        answer.results[3].reason.as_deref(),
        Some("no attempt with this id is yours")
    );
    let kinds: Vec<String> = sqlx::query_scalar("SELECT kind FROM events ORDER BY sequence")
        .fetch_all(&server.db)
        .await
        .unwrap();
    assert_eq!(kinds, ["attempt_started", "answered", "attempt_submitted"]);
    assert!(server.progress(&learner, COURSE).await.lessons.is_empty());
    let submitted: Vec<Option<i64>> = sqlx::query_scalar("SELECT submitted_at FROM quiz_attempts")
        .fetch_all(&server.db)
        .await
        .unwrap();
    assert_eq!(submitted, [Some(t0().as_millisecond())]);
    let occurred_at: i64 = sqlx::query_scalar("SELECT occurred_at FROM events WHERE sequence = 1")
        .fetch_one(&server.db)
        .await
        .unwrap();
    assert_eq!(
        occurred_at,
        at(5).parse::<Timestamp>().unwrap().as_millisecond()
    );
}
