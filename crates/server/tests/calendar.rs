//! The calendar over real HTTP on a real SQLite file: the caller's upcoming and overdue
//! deadlines and sessions across their courses by the server's clock, with what they have
//! handed in; and the same items as an iCalendar file that calendar apps import (CRLF lines
//! of at most 75 octets, UTC times, UIDs that stay the same from one export to the next).
// Test code: `allow-unwrap-in-tests` does not reach helper functions outside `#[test]`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::assignments::{assignment_server, at, submitted_event, t0, DAY, ESSAY};
use common::expect_problem;
use lectern_api::v1::EventStatus;
use reqwest::header::CONTENT_TYPE;
use reqwest::StatusCode;
use serde_json::Value;

/// `(item_id, submitted, done, is_overdue)` of each item, in order.
fn items(calendar: &Value) -> Vec<(String, bool, bool, bool)> {
    calendar["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| {
            (
                item["item_id"].as_str().unwrap().to_owned(),
                item["submitted"].as_bool().unwrap(),
                item["done"].as_bool().unwrap(),
                item["is_overdue"].as_bool().unwrap(),
            )
        })
        .collect()
}

fn item(id: &str, submitted: bool, done: bool, is_overdue: bool) -> (String, bool, bool, bool) {
    (id.to_owned(), submitted, done, is_overdue)
}

/// The logical lines of an iCalendar file: folds undone.
fn unfold(ics: &str) -> Vec<String> {
    ics.replace("\r\n ", "")
        .split("\r\n")
        .filter(|line| !line.is_empty())
        .map(str::to_owned)
        .collect()
}

#[tokio::test]
async fn the_calendar_holds_what_is_ahead_and_what_is_overdue_by_server_time() {
    let server = assignment_server().await;
    let learner = server.sign_in("learner1", "learner1").await;
    let response = server.get("/api/v1/calendar", Some(&learner)).await;
    assert_eq!(response.status(), StatusCode::OK);
    let calendar: Value = response.json().await.unwrap();
    assert_eq!(calendar["server_time"], t0().to_string());
    // The demo courses' deadlines of 2027 have passed by 2030; their live session too.
    assert_eq!(
        items(&calendar),
        [
            item("astronomy-101.star-journal.due", false, false, true),
            item("night-sky-lab.moon-log.due", false, false, true),
            item("assign-lab.talk.live", false, false, false),
            item("assign-lab.essay.due", false, false, false),
            item("assign-lab.report.due", false, false, false),
            item("assign-lab.quiz.due", false, false, false),
            item("assign-lab.quiz.closes", false, false, false),
            item("astronomy-101.planets-graded-quiz.due", false, false, false),
        ]
    );
    let talk = &calendar["items"][2];
    assert_eq!(talk["kind"], "live_session");
    assert_eq!(talk["course_title"], "Assignment lab");
    assert_eq!(talk["lesson_title"], "Moon watch");
    assert_eq!(talk["at"], at(DAY / 2).to_string());
    assert_eq!(talk["ends_at"], at(DAY / 2 + 3_600).to_string());
    assert_eq!(calendar["items"][3]["kind"], "assignment_due");
    assert!(calendar["items"][3].get("ends_at").is_none());

    let event = submitted_event(1, 1, 0, ESSAY, "Done.", &[]);
    assert_eq!(
        server.hand_in(&learner, event).await,
        (EventStatus::Stored, None)
    );
    // After the essay's and the report's due date: the essay was handed in, the report not.
    server.clock.set(at(DAY + 3_600));
    let later: Value = server
        .get("/api/v1/calendar", Some(&learner))
        .await
        .json()
        .await
        .unwrap();
    let ids: Vec<(String, bool, bool, bool)> = items(&later).into_iter().skip(2).collect();
    assert_eq!(
        ids,
        [
            item("assign-lab.report.due", false, false, true),
            item("assign-lab.quiz.due", false, false, false),
            item("assign-lab.quiz.closes", false, false, false),
            item("astronomy-101.planets-graded-quiz.due", false, false, false),
        ]
    );
    assert_eq!(later["server_time"], at(DAY + 3_600).to_string());
}

#[tokio::test]
async fn those_who_teach_see_only_what_is_ahead() {
    let server = assignment_server().await;
    let teacher = server.sign_in("instructor1", "instructor1").await;
    let calendar: Value = server
        .get("/api/v1/calendar", Some(&teacher))
        .await
        .json()
        .await
        .unwrap();
    let ids: Vec<String> = items(&calendar).into_iter().map(|item| item.0).collect();
    assert!(
        !ids.iter()
            .any(|id| id.starts_with("astronomy-101.star-journal")),
        "{ids:?}"
    );
    assert_eq!(
        ids.first().map(String::as_str),
        Some("assign-lab.talk.live")
    );
    let anonymous = server.get("/api/v1/calendar.ics", None).await;
    expect_problem(anonymous, StatusCode::UNAUTHORIZED).await;
}

#[tokio::test]
async fn the_ics_export_is_what_calendar_apps_import() {
    let server = assignment_server().await;
    let learner = server.sign_in("learner1", "learner1").await;
    let response = server.get("/api/v1/calendar.ics", Some(&learner)).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()[CONTENT_TYPE],
        "text/calendar; charset=utf-8"
    );
    let ics = response.text().await.unwrap();
    assert!(
        ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"),
        "{ics}"
    );
    assert!(ics.ends_with("END:VCALENDAR\r\n"));
    assert!(!ics.replace("\r\n", "").contains(['\r', '\n']), "CRLF only");
    for line in ics.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line}", line.len());
    }
    let lines = unfold(&ics);
    assert!(lines.contains(&"X-WR-CALNAME:Lectern: Learner One".to_owned()));
    let uids: Vec<&str> = lines
        .iter()
        .filter_map(|line| line.strip_prefix("UID:"))
        .collect();
    assert_eq!(
        uids,
        [
            "astronomy-101.star-journal.due@lectern",
            "night-sky-lab.moon-log.due@lectern",
            "assign-lab.talk.live@lectern",
            "assign-lab.essay.due@lectern",
            "assign-lab.report.due@lectern",
            "assign-lab.quiz.due@lectern",
            "assign-lab.quiz.closes@lectern",
            "astronomy-101.planets-graded-quiz.due@lectern",
        ]
    );
    for line in &lines {
        if let Some(time) = line
            .strip_prefix("DTSTART:")
            .or_else(|| line.strip_prefix("DTEND:"))
            .or_else(|| line.strip_prefix("DTSTAMP:"))
        {
            let is_utc = time.len() == 16
                && time.ends_with('Z')
                && time.as_bytes()[8] == b'T'
                && time[..8]
                    .bytes()
                    .chain(time[9..15].bytes())
                    .all(|b| b.is_ascii_digit());
            assert!(is_utc, "{line}");
        }
    }
    assert!(lines.contains(&"DTSTART:20300110T210000Z".to_owned()));
    assert!(lines.contains(&"DTEND:20300110T220000Z".to_owned()));
    assert!(lines.contains(&"SUMMARY:Live: Moon watch".to_owned()));
    assert!(lines.contains(&format!(
        "URL:{}/courses/assign-lab/lessons/essay",
        server.base_url
    )));

    // A later export names the same items the same way, so importing it updates them.
    server.clock.set(at(60));
    let again = server
        .get("/api/v1/calendar.ics", Some(&learner))
        .await
        .text()
        .await
        .unwrap();
    let again_uids: Vec<String> = unfold(&again)
        .into_iter()
        .filter_map(|line| line.strip_prefix("UID:").map(str::to_owned))
        .collect();
    assert_eq!(again_uids, uids);
}
