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
