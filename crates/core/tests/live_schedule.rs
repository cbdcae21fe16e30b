//! The next live session of a course, by the server's clock: the one on now, else the
//! earliest to come; none once every session has ended.

// Helpers are not `#[test]` functions, so clippy's test allowance does not reach them.
#![allow(clippy::unwrap_used)]

use jiff::Timestamp;
use lectern_core::parse_manifest;
use serde_json::json;

fn at(raw: &str) -> Timestamp {
    raw.parse().unwrap()
}

fn live(lesson_id: &str, starts_at: &str, ends_at: &str) -> serde_json::Value {
    json!({
        "lesson_id": lesson_id, "title": lesson_id, "kind": "live",
        "starts_at": starts_at, "ends_at": ends_at, "instructor": "instructor1"
    })
}

#[test]
fn the_session_on_now_or_the_earliest_to_come_is_next() {
    let manifest = json!({
        "schema_version": 1, "course_id": "sky", "title": "Sky", "summary": "",
        "language": "en",
        "modules": [
            { "module_id": "m1", "title": "One", "lessons": [
                live("second", "2030-01-20T18:00:00Z", "2030-01-20T19:00:00Z"),
                { "lesson_id": "reading", "title": "Reading", "kind": "text", "body": "Hi" }
            ]},
            { "module_id": "m2", "title": "Two", "lessons": [
                live("first", "2030-01-10T18:00:00Z", "2030-01-10T19:00:00Z")
            ]}
        ]
    });
    let course = parse_manifest(&manifest.to_string()).unwrap();
    let next = |now: &str| {
        course
            .next_live_session(at(now))
            .map(|(lesson, _)| lesson.lesson_id.to_string())
    };
    assert_eq!(next("2030-01-01T00:00:00Z").as_deref(), Some("first"));
    assert_eq!(next("2030-01-10T18:30:00Z").as_deref(), Some("first"));
    assert_eq!(next("2030-01-10T19:00:00Z").as_deref(), Some("second"));
    assert_eq!(next("2030-01-20T19:00:01Z"), None);
}

#[test]
fn the_switch_takes_the_session_that_started_since_the_last_look_and_is_still_on() {
    let manifest = json!({
        "schema_version": 1, "course_id": "sky", "title": "Sky", "summary": "",
        "language": "en",
        "modules": [{ "module_id": "m1", "title": "One", "lessons": [
            live("evening", "2030-01-10T18:00:00Z", "2030-01-10T19:00:00Z"),
            live("short", "2030-01-10T18:00:00Z", "2030-01-10T18:00:01Z"),
            live("later", "2030-01-10T18:00:02Z", "2030-01-10T20:00:00Z")
        ]}]
    });
    let course = parse_manifest(&manifest.to_string()).unwrap();
    let started = |after: &str, until: &str| {
        course
            .live_session_started(at(after), at(until))
            .map(|(lesson, _)| lesson.lesson_id.to_string())
    };
    // The start itself counts; a look before it does not.
    assert_eq!(
        started("2030-01-10T17:59:59Z", "2030-01-10T18:00:00Z").as_deref(),
        Some("evening")
    );
    assert_eq!(
        started("2030-01-10T17:59:58Z", "2030-01-10T17:59:59Z"),
        None
    );
    // Already on at the last look: no new switch (the learner may have gone back).
    assert_eq!(
        started("2030-01-10T18:00:00Z", "2030-01-10T18:00:01Z"),
        None
    );
    // A session over by now is not switched into, even if it started since.
    assert_eq!(
        started("2030-01-10T17:00:00Z", "2030-01-10T19:30:00Z").as_deref(),
        Some("later")
    );
    // A device asleep past the end of every session switches nowhere.
    assert_eq!(
        started("2030-01-10T17:00:00Z", "2030-01-10T21:00:00Z"),
        None
    );
}
