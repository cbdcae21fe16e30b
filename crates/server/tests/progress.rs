//! `GET /api/v1/courses/{course_id}/progress`: the caller's progress merged from every
//! device's events by the sync contract (the latest event time's position wins whatever the
//! order of arrival, watched time is the union, completion never goes back), seen by the
//! caller alone; and, as a property, that any sequence of batches with repeats and reorders
//! stores each valid event once and ends at the merge of them all.
// Test code: `allow-unwrap-in-tests` does not reach helper functions outside `#[test]`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::events::{
    at, completed, event, event_id, events_server, progressed, statuses, COURSE, LAPTOP, LESSON,
    OTHER_LESSON, PHONE,
};
use common::expect_problem;
use jiff::Timestamp;
use lectern_api::v1::{CourseProgressView, EventStatus};
use lectern_core::progress::LessonProgress;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use reqwest::StatusCode;
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};

#[tokio::test]
async fn two_devices_merge_by_event_time_not_by_arrival() {
    let server = events_server().await;
    let learner = server.sign_in("learner1", "learner1").await;
    // The laptop played later, but its events arrive first.
    let mut laptop = event(
        10,
        LAPTOP,
        1,
        200,
        progressed(20_000, json!([[100_000, 120_000]])),
    );
    laptop["duration_ms"] = json!(240_000);
    let answer = server.send_batch(&learner, &[laptop]).await;
    assert_eq!(statuses(&answer), [EventStatus::Stored]);
    let phone = [
        event(1, PHONE, 1, 100, progressed(50_000, json!([[0, 50_000]]))),
        event(2, PHONE, 2, 150, completed()),
    ];
    server.send_batch(&learner, &phone).await;

    let view = server.progress(&learner, COURSE).await;
    assert_eq!(view.lessons.len(), 1);
    let lesson = &view.lessons[0];
    assert_eq!(lesson.lesson_id.as_str(), LESSON);
    assert_eq!(
        lesson.position_ms, 20_000,
        "the later event's position wins"
    );
    assert_eq!(lesson.position_at, at(200).parse::<Timestamp>().unwrap());
    assert_eq!(lesson.duration_ms, Some(240_000));
    assert_eq!(lesson.watched, [(0, 50_000), (100_000, 120_000)]);
    assert!(lesson.is_complete);

    // A later position without completion moves the position, never the completion back.
    let later = event(
        11,
        LAPTOP,
        2,
        300,
        progressed(5_000, json!([[40_000, 110_000]])),
    );
    server.send_batch(&learner, &[later]).await;
    let view = server.progress(&learner, COURSE).await;
    let lesson = &view.lessons[0];
    assert_eq!(lesson.position_ms, 5_000);
    assert_eq!(lesson.position_at, at(300).parse::<Timestamp>().unwrap());
    assert_eq!(lesson.watched, [(0, 120_000)]);
    assert_eq!(lesson.duration_ms, Some(240_000));
    assert!(lesson.is_complete);
}

#[tokio::test]
async fn lessons_are_listed_by_id_and_a_completion_alone_has_no_position() {
    let server = events_server().await;
    let learner = server.sign_in("learner1", "learner1").await;
    let mut other = event(2, PHONE, 2, 0, completed());
    other["lesson_id"] = json!(OTHER_LESSON);
    let batch = [
        event(1, PHONE, 1, 0, progressed(1_000, json!([[0, 1_000]]))),
        other,
    ];
    server.send_batch(&learner, &batch).await;
    let view = server.progress(&learner, COURSE).await;
    let ids: Vec<&str> = view.lessons.iter().map(|l| l.lesson_id.as_str()).collect();
    assert_eq!(ids, [OTHER_LESSON, LESSON]);
    let completed_only = &view.lessons[0];
    assert!(completed_only.is_complete);
    assert_eq!(completed_only.position_ms, 0);
    assert_eq!(completed_only.position_at, Timestamp::UNIX_EPOCH);
    assert_eq!(completed_only.duration_ms, None);
    assert!(completed_only.watched.is_empty());
}

#[tokio::test]
async fn another_learner_never_sees_the_progress() {
    let server = events_server().await;
    let learner1 = server.sign_in("learner1", "learner1").await;
    let learner2 = server.sign_in("learner2", "learner2").await;
    let mut in_lab = event(2, PHONE, 2, 0, completed());
    in_lab["course_id"] = json!("night-sky-lab");
    in_lab["lesson_id"] = json!("moon-log");
    let batch = [event(1, PHONE, 1, 0, completed()), in_lab];
    let answer = server.send_batch(&learner1, &batch).await;
    assert_eq!(
        statuses(&answer),
        [EventStatus::Stored, EventStatus::Stored]
    );
    assert_eq!(
        server
            .progress(&learner1, "night-sky-lab")
            .await
            .lessons
            .len(),
        1
    );

    let theirs = server.progress(&learner2, COURSE).await;
    assert!(theirs.lessons.is_empty());
    let not_theirs = server.get_progress(&learner2, "night-sky-lab").await;
    expect_problem(not_theirs, StatusCode::NOT_FOUND).await;
    // The same answer as for a course that does not exist.
    let missing = server.get_progress(&learner2, "no-such-course").await;
    expect_problem(missing, StatusCode::NOT_FOUND).await;
}

/// The fixed events the property test sends: two devices, two lessons, ties and overlaps,
/// a completion, a quiz event (which changes no progress), and one invalid event that must
/// never be stored.
fn fixed_events() -> Vec<Value> {
    let other_lesson = |n: u32, device: &str, sequence: u64, seconds: i64, body: Value| {
        let mut e = event(n, device, sequence, seconds, body);
        e["lesson_id"] = json!(OTHER_LESSON);
        e
    };
    let mut with_duration = event(
        3,
        LAPTOP,
        1,
        50,
        progressed(70_000, json!([[60_000, 80_000]])),
    );
    with_duration["duration_ms"] = json!(300_000);
    // A practice attempt started offline: stored (and the attempt found again once the
    // events are cleared), and no lesson's progress.
    let mut quiz = event(
        8,
        LAPTOP,
        4,
        30,
        json!({"kind": "attempt_started", "attempt_id": "0f8fad5b-d9cb-469f-a165-70867728950e",
               "seed": "42"}),
    );
    quiz["lesson_id"] = json!("solar-system-check");
    vec![
        event(1, PHONE, 1, 10, progressed(10_000, json!([[0, 10_000]]))),
        event(
            2,
            PHONE,
            2,
            50,
            progressed(40_000, json!([[10_000, 40_000]])),
        ),
        with_duration,
        event(4, LAPTOP, 2, 60, completed()),
        event(
            5,
            PHONE,
            3,
            90,
            progressed(5_000, json!([[0, 5_000], [250_000, 260_000]])),
        ),
        other_lesson(6, PHONE, 4, 20, progressed(1_000, json!([[0, 1_000]]))),
        other_lesson(7, LAPTOP, 3, 20, progressed(3_000, json!([[500, 3_000]]))),
        quiz,
        // Inverted range: rejected every time it is sent.
        event(9, PHONE, 5, 95, progressed(1, json!([[9, 1]]))),
    ]
}

/// What one valid event adds to its lesson's progress: the test's own reading of the
/// contract, merged with the core's `LessonProgress::merge`.
fn expected_progress(event: &Value) -> Option<LessonProgress> {
    let occurred_at: Timestamp = event["occurred_at"].as_str().unwrap().parse().unwrap();
    match event["kind"].as_str().unwrap() {
        "progressed" => Some(LessonProgress {
            position_ms: event["position_ms"].as_u64().unwrap(),
            position_at_ms: u64::try_from(occurred_at.as_millisecond()).unwrap(),
            duration_ms: event["duration_ms"].as_u64(),
            watched: event["watched"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| (r[0].as_u64().unwrap(), r[1].as_u64().unwrap()))
                .collect(),
            is_complete: false,
        }),
        "completed" => Some(LessonProgress {
            is_complete: true,
            ..LessonProgress::default()
        }),
        _ => None,
    }
}

fn view_as_progress(view: &CourseProgressView) -> BTreeMap<String, LessonProgress> {
    view.lessons
        .iter()
        .map(|lesson| {
            let progress = LessonProgress {
                position_ms: lesson.position_ms,
                position_at_ms: u64::try_from(lesson.position_at.as_millisecond()).unwrap(),
                duration_ms: lesson.duration_ms,
                watched: lesson.watched.iter().copied().collect(),
                is_complete: lesson.is_complete,
            };
            (lesson.lesson_id.to_string(), progress)
        })
        .collect()
}

/// Batches of indexes into [`fixed_events`], with repeats, in any order.
fn batches() -> impl Strategy<Value = Vec<Vec<usize>>> {
    let count = fixed_events().len();
    prop::collection::vec(prop::collection::vec(0..count, 1..8), 1..6)
}

#[test]
fn any_batches_store_each_valid_event_once_and_end_at_their_merge() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let server = runtime.block_on(events_server());
    let learner = runtime.block_on(server.sign_in("learner1", "learner1"));
    let events = fixed_events();
    let is_valid = |index: usize| index != events.len() - 1;
    let mut runner = TestRunner::new(Config::with_cases(32));
    runner
        .run(&batches(), |batches| {
            runtime.block_on(async {
                for table in ["events", "event_conflicts", "lesson_progress"] {
                    sqlx::query(&format!("DELETE FROM {table}"))
                        .execute(&server.db)
                        .await
                        .unwrap();
                }
                let mut seen = BTreeSet::new();
                for batch in &batches {
                    let sent: Vec<Value> = batch.iter().map(|&i| events[i].clone()).collect();
                    let answer = server.send_batch(&learner, &sent).await;
                    for (&index, result) in batch.iter().zip(&answer.results) {
                        let expected = if !is_valid(index) {
                            EventStatus::Rejected
                        } else if seen.insert(index) {
                            EventStatus::Stored
                        } else {
                            EventStatus::Duplicate
                        };
                        prop_assert_eq!(result.status, expected, "event {}", index);
                    }
                }
                let stored: BTreeSet<String> = server
                    .stored_events()
                    .await
                    .into_iter()
                    .map(|(id, _, _)| id)
                    .collect();
                let expected_ids: BTreeSet<String> =
                    seen.iter().map(|&i| event_id(i as u32 + 1)).collect();
                prop_assert_eq!(stored, expected_ids);
                prop_assert_eq!(server.count_rows("events").await, seen.len() as i64);
                prop_assert_eq!(server.count_rows("event_conflicts").await, 0);

                let mut expected: BTreeMap<String, LessonProgress> = BTreeMap::new();
                for &index in &seen {
                    let Some(update) = expected_progress(&events[index]) else {
                        continue;
                    };
                    let lesson = events[index]["lesson_id"].as_str().unwrap().to_owned();
                    let merged = expected
                        .get(&lesson)
                        .cloned()
                        .unwrap_or_default()
                        .merge(&update);
                    expected.insert(lesson, merged);
                }
                let view = server.progress(&learner, COURSE).await;
                prop_assert_eq!(view_as_progress(&view), expected);
                Ok(())
            })
        })
        .unwrap();
}
