//! Assignments over real HTTP on a real SQLite file: work handed in through the outbox's
//! `assignment_submitted` events, judged by the server's clock (a hard deadline refuses
//! late work whatever the event says of its time; a penalty counts late days); resubmitting
//! where it is allowed; and submissions that break the rules, refused with their reasons and
//! nothing stored. Grading is in `grading.rs`.
// Test code: `allow-unwrap-in-tests` does not reach helper functions outside `#[test]`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::assignments::{
    assignment_server, at, file_bytes, submission_id, submitted_event, t0, TestFile, COURSE, DAY,
    ESSAY, REPORT,
};
use lectern_api::v1::EventStatus;
use serde_json::Value;

#[tokio::test]
async fn a_text_submission_is_handed_in_through_the_outbox_and_stored_once() {
    let server = assignment_server().await;
    let learner = server.sign_in("learner1", "learner1").await;
    let before = server.assignment(&learner, ESSAY).await;
    assert_eq!(before["state"], "not_submitted");
    assert_eq!(before["can_submit"], true);
    assert_eq!(before["max_points"], 20);
    assert_eq!(before["late_policy"]["kind"], "penalty");
    assert_eq!(before["server_time"], t0().to_string());

    // Written offline an hour ago, reaching the server now.
    server.clock.set(at(600));
    let event = submitted_event(1, 1, -3_600, ESSAY, "The Moon is a rock.", &[]);
    assert_eq!(
        server.hand_in(&learner, event.clone()).await,
        (EventStatus::Stored, None)
    );
    assert_eq!(
        server.hand_in(&learner, event).await,
        (EventStatus::Duplicate, None)
    );
    let view = server.assignment(&learner, ESSAY).await;
    assert_eq!(view["state"], "submitted");
    let submissions = view["submissions"].as_array().unwrap();
    assert_eq!(submissions.len(), 1);
    let submission = &submissions[0];
    assert_eq!(submission["submission_id"], submission_id(1));
    assert_eq!(submission["assignment_id"], format!("{COURSE}.{ESSAY}"));
    assert_eq!(submission["text"], "The Moon is a rock.");
    assert_eq!(submission["submitted_at"], at(600).to_string());
    assert_eq!(submission["client_submitted_at"], at(-3_600).to_string());
    assert_eq!(
        (&submission["is_late"], &submission["days_late"]),
        (&Value::Bool(false), &Value::from(0))
    );
    assert!(submission.get("grade").is_none());
    assert_eq!(server.stored_work().await, (1, 0, 0));
}

#[tokio::test]
async fn a_hard_deadline_refuses_late_work_by_the_servers_clock() {
    let server = assignment_server().await;
    let learner = server.sign_in("learner1", "learner1").await;
    let file = TestFile::pdf(1, "chart.pdf", 100);
    server.upload_whole(&learner, &file, &file_bytes(100)).await;
    // The device says it was handed in on time; it reaches the server a minute late.
    server.clock.set(at(DAY + 60));
    let event = submitted_event(1, 1, DAY - 600, REPORT, "Charts.", &[&file]);
    let (status, reason) = server.hand_in(&learner, event).await;
    assert_eq!(status, EventStatus::Rejected);
    assert_eq!(
        reason.as_deref(),
        Some(
            "this assignment was due at 2030-01-11T09:00:00Z and takes no late work; the \
             server's time is 2030-01-11T09:01:00Z"
        )
    );
    assert_eq!(server.stored_work().await, (0, 0, 1));
    assert_eq!(server.count_rows("events").await, 0);
    let view = server.assignment(&learner, REPORT).await;
    assert_eq!(view["can_submit"], false);
    assert_eq!(view["state"], "not_submitted");
    assert!(view["cannot_submit_reason"]
        .as_str()
        .unwrap()
        .contains("takes no late work"));
}

#[tokio::test]
async fn late_work_loses_the_penalty_of_its_late_days() {
    let server = assignment_server().await;
    let learner = server.sign_in("learner1", "learner1").await;
    let teacher = server.sign_in("instructor1", "instructor1").await;
    // Two days and an hour past the due date: the third late day has started.
    server.clock.set(at(3 * DAY + 3_600));
    let event = submitted_event(1, 1, 0, ESSAY, "Late, but here.", &[]);
    assert_eq!(
        server.hand_in(&learner, event).await,
        (EventStatus::Stored, None)
    );
    let view = server.assignment(&learner, ESSAY).await;
    assert_eq!(view["state"], "late");
    let submission = &view["submissions"][0];
    assert_eq!(submission["is_late"], true);
    assert_eq!(submission["days_late"], 3);
    assert_eq!(submission["penalty_percent"], 30);
    let graded: Value = server
        .put_grade(&teacher, &submission_id(1), 17, "Good.")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(graded["grade"]["score"], 17);
    assert_eq!(graded["grade"]["final_score_millipoints"], 11_900);
    // Resubmitting after the due date is not taken, even where resubmitting is allowed.
    let again = submitted_event(2, 2, 0, ESSAY, "Better.", &[]);
    let (status, reason) = server.hand_in(&learner, again).await;
    assert_eq!(status, EventStatus::Rejected);
    assert_eq!(
        reason.as_deref(),
        Some("handing in again was possible until the due date, 2030-01-11T09:00:00Z")
    );
}

#[tokio::test]
async fn resubmitting_is_taken_only_where_allowed() {
    let server = assignment_server().await;
    let learner = server.sign_in("learner1", "learner1").await;
    for (n, seconds) in [(1, 0), (2, 60)] {
        server.clock.set(at(seconds));
        let text = format!("Draft {n}");
        let event = submitted_event(n, u64::from(n), seconds, ESSAY, &text, &[]);
        assert_eq!(
            server.hand_in(&learner, event).await,
            (EventStatus::Stored, None)
        );
    }
    let view = server.assignment(&learner, ESSAY).await;
    let texts: Vec<&str> = view["submissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["text"].as_str().unwrap())
        .collect();
    assert_eq!(texts, ["Draft 2", "Draft 1"], "newest first");
    assert_eq!(view["can_submit"], true);

    let first = submitted_event(3, 3, 60, REPORT, "My report.", &[]);
    assert_eq!(
        server.hand_in(&learner, first).await,
        (EventStatus::Stored, None)
    );
    let second = submitted_event(4, 4, 60, REPORT, "My report, again.", &[]);
    let (status, reason) = server.hand_in(&learner, second).await;
    assert_eq!(status, EventStatus::Rejected);
    assert_eq!(
        reason.as_deref(),
        Some("you have handed this assignment in already, and it takes one submission")
    );
    let report = server.assignment(&learner, REPORT).await;
    assert_eq!(report["can_submit"], false);
    assert_eq!(server.stored_work().await, (3, 0, 0));
}

#[tokio::test]
async fn submissions_that_break_the_rules_are_refused_with_their_reasons() {
    let server = assignment_server().await;
    let learner = server.sign_in("learner1", "learner1").await;
    let classmate = server.sign_in("learner2", "learner2").await;
    let bytes = file_bytes(1_000);
    let chart = TestFile::pdf(1, "chart.pdf", 1_000);
    server.upload_whole(&learner, &chart, &bytes).await;
    let table = TestFile::pdf(2, "table.pdf", 1_000);
    server.upload_whole(&learner, &table, &bytes).await;
    let half = TestFile::pdf(3, "half.pdf", 1_000);
    server
        .put_chunk(&learner, &half, Some(0), &bytes[..10])
        .await;
    let theirs = TestFile::pdf(4, "theirs.pdf", 1_000);
    server.upload_whole(&classmate, &theirs, &bytes).await;
    let never = TestFile::pdf(5, "never.pdf", 1_000);
    let renamed = TestFile {
        file_name: "renamed.pdf".into(),
        ..chart.clone()
    };
    let cases: Vec<(Value, &str)> = vec![
        (
            submitted_event(1, 1, 0, ESSAY, "  \n ", &[]),
            "add your answer or a file before handing in",
        ),
        (
            submitted_event(2, 2, 0, ESSAY, "Text", &[&chart]),
            "this assignment takes no files",
        ),
        (
            submitted_event(3, 3, 0, REPORT, "", &[&chart, &table, &half]),
            "at most 2 files may be handed in; there are 3",
        ),
        (
            submitted_event(4, 4, 0, REPORT, "", &[&chart, &chart]),
            "the same file is handed in twice",
        ),
        (
            submitted_event(5, 5, 0, REPORT, "", &[&never]),
            "\"never.pdf\" has not been uploaded for this assignment; upload it before handing in",
        ),
        (
            submitted_event(6, 6, 0, REPORT, "", &[&theirs]),
            "\"theirs.pdf\" has not been uploaded for this assignment; upload it before handing in",
        ),
        (
            submitted_event(7, 7, 0, REPORT, "", &[&half]),
            "\"half.pdf\" is not fully uploaded yet (10 of 1000 bytes)",
        ),
        (
            submitted_event(8, 8, 0, REPORT, "", &[&renamed]),
            "\"renamed.pdf\" does not match its upload: hand it in with the name, type and \
             size it was uploaded with",
        ),
        (
            submitted_event(9, 9, 0, "intro", "Hello", &[]),
            "lesson intro is not an assignment of this course",
        ),
    ];
    for (event, expected) in cases {
        let (status, reason) = server.hand_in(&learner, event).await;
        assert_eq!(
            (status, reason.as_deref()),
            (EventStatus::Rejected, Some(expected))
        );
    }
    assert_eq!(server.stored_work().await, (0, 0, 4));
    assert_eq!(server.count_rows("events").await, 0);

    // A submission id used before, by another event of anyone's, is refused.
    let stored = submitted_event(10, 10, 0, ESSAY, "Mine.", &[]);
    assert_eq!(
        server.hand_in(&learner, stored.clone()).await,
        (EventStatus::Stored, None)
    );
    let mut reused = submitted_event(11, 1, 0, ESSAY, "Mine too.", &[]);
    reused["submission_id"] = stored["submission_id"].clone();
    let (status, reason) = server.hand_in(&classmate, reused).await;
    assert_eq!(status, EventStatus::Rejected);
    assert_eq!(
        reason.as_deref(),
        Some("this submission id is already in use; hand in with a new UUID")
    );
    assert_eq!(server.stored_work().await, (1, 0, 4));
}
