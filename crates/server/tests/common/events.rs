//! Learner event helpers: events as a device's outbox sends them (for the demo course
//! `astronomy-101`, which learner1 and learner2 take; only learner1 takes `night-sky-lab`),
//! two devices, and one call per sync endpoint.

use super::TestServer;
use jiff::{SignedDuration, Timestamp};
use lectern_api::v1::{routes, CourseProgressView, EventBatchResponse, EventStatus};
use lectern_core::CourseId;
use reqwest::{Response, StatusCode};
use serde_json::{json, Value};

/// The course and lecture most tests record progress in.
pub const COURSE: &str = "astronomy-101";
pub const LESSON: &str = "tour-of-the-sky";
/// Another lecture of the same course.
pub const OTHER_LESSON: &str = "planets-narrated";

/// Two devices of one learner.
pub const PHONE: &str = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
pub const LAPTOP: &str = "9b2d6f44-3b0e-4a55-8f0c-8d7f0b1e2a3c";

/// The time the server's clock reads when a test starts.
pub const T0: &str = "2030-01-10T09:00:00Z";

pub fn t0() -> Timestamp {
    T0.parse().unwrap()
}

/// `T0` plus `seconds`, as the RFC 3339 text an event carries.
pub fn at(seconds: i64) -> String {
    t0().checked_add(SignedDuration::from_secs(seconds))
        .unwrap()
        .to_string()
}

/// A lowercase UUID made from `n`.
pub fn event_id(n: u32) -> String {
    format!("00000000-0000-4000-9000-{n:012}")
}

/// A server on `T0` with the demo seeded.
pub async fn events_server() -> TestServer {
    let server = super::start().await;
    server.clock.set(t0());
    server
}

/// Event `n` from `device`, its `sequence`-th there, `seconds` after `T0`, in `LESSON`.
pub fn event(n: u32, device: &str, sequence: u64, seconds: i64, body: Value) -> Value {
    let mut event = json!({
        "event_id": event_id(n), "device_id": device, "sequence": sequence,
        "occurred_at": at(seconds), "course_id": COURSE, "lesson_id": LESSON,
    });
    let (Value::Object(event_map), Value::Object(body)) = (&mut event, body) else {
        panic!("events and bodies are objects");
    };
    event_map.extend(body);
    event
}

/// A `progressed` body.
pub fn progressed(position_ms: u64, watched: Value) -> Value {
    json!({"kind": "progressed", "position_ms": position_ms, "watched": watched})
}

/// A `completed` body.
pub fn completed() -> Value {
    json!({"kind": "completed"})
}

/// The statuses of a batch's results, in order.
pub fn statuses(response: &EventBatchResponse) -> Vec<EventStatus> {
    response
        .results
        .iter()
        .map(|result| result.status)
        .collect()
}

/// The reason given for result `index` of a batch; panics if there is none.
pub fn reason(response: &EventBatchResponse, index: usize) -> &str {
    response.results[index]
        .reason
        .as_deref()
        .unwrap_or_else(|| panic!("result {index} gives no reason: {response:?}"))
}

impl TestServer {
    /// `POST /api/v1/events` with `body`, returning the raw response.
    pub async fn post_events(&self, token: &str, body: &Value) -> Response {
        self.client
            .post(self.url(routes::EVENTS))
            .bearer_auth(token)
            .json(body)
            .send()
            .await
            .unwrap()
    }

    /// Sends `events` as one batch; panics unless 200.
    pub async fn send_batch(&self, token: &str, events: &[Value]) -> EventBatchResponse {
        let response = self.post_events(token, &json!({ "events": events })).await;
        assert_eq!(response.status(), StatusCode::OK);
        response.json().await.unwrap()
    }

    /// `GET /api/v1/courses/{course}/progress`, returning the raw response.
    pub async fn get_progress(&self, token: &str, course: &str) -> Response {
        let path = routes::course_progress(&CourseId::parse(course).unwrap());
        self.get(&path, Some(token)).await
    }

    /// The caller's progress in `course`; panics unless 200.
    pub async fn progress(&self, token: &str, course: &str) -> CourseProgressView {
        let response = self.get_progress(token, course).await;
        assert_eq!(response.status(), StatusCode::OK);
        response.json().await.unwrap()
    }

    /// Every stored event id with its owner and canonical body, by id.
    pub async fn stored_events(&self) -> Vec<(String, String, String)> {
        sqlx::query_as("SELECT event_id, user_id, body_json FROM events ORDER BY event_id")
            .fetch_all(&self.db)
            .await
            .unwrap()
    }
}
