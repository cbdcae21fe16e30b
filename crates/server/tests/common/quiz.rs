//! Quiz helpers: a small course of our own with one quiz whose settings each test chooses,
//! the three demo accounts enrolled in it, one call per attempt endpoint, and quiz events
//! for it as a device's outbox sends them.

use super::TestServer;
use jiff::{SignedDuration, Timestamp};
use lectern_core::user::Role;
use lectern_core::{CourseId, UserId};
use lectern_server::{db, import};
use reqwest::{Method, Response};
use serde_json::{json, Value};

/// The quiz of the test course.
pub const QUIZ: &str = "quiz-lab.quiz";

/// The time every quiz test starts at, by the server's clock.
pub const T0: &str = "2030-01-10T09:00:00Z";

pub fn t0() -> Timestamp {
    T0.parse().unwrap()
}

/// `T0` plus `seconds`.
pub fn at(seconds: i64) -> Timestamp {
    t0().checked_add(SignedDuration::from_secs(seconds))
        .unwrap()
}

/// A lowercase UUID made from `n`.
pub fn attempt_id(n: u32) -> String {
    format!("00000000-0000-4000-8000-{n:012}")
}

/// The questions of the test quiz: three asked always, and a pool that draws one of two.
pub fn questions() -> Value {
    json!([
        {"question_id": "capital", "kind": "single_choice", "prompt": "Which is the capital of France?",
         "points": 2, "feedback": "Paris.",
         "choices": [{"choice_id": "paris", "text": "Paris"}, {"choice_id": "lyon", "text": "Lyon"}],
         "correct": "paris"},
        {"question_id": "blanks", "kind": "fill_blanks", "prompt": "Fill in.",
         "text_with_blanks": "The {{one}} orbits the {{two}}.",
         "blanks": [{"blank_id": "one", "accepted": ["Earth"]}, {"blank_id": "two", "accepted": ["Sun"]}],
         "feedback": "Earth and Sun."},
        {"question_id": "essay", "kind": "essay", "prompt": "Discuss.", "points": 5, "max_words": 10,
         "feedback": "Any honest answer."}
    ])
}

/// A course `quiz-lab` with a text lesson `intro` and a quiz lesson `quiz` with `settings`.
pub fn course(settings: Value) -> String {
    json!({
        "schema_version": 1, "course_id": "quiz-lab", "title": "Quiz lab", "summary": "Tests.",
        "modules": [{"module_id": "m", "title": "M", "lessons": [
            {"lesson_id": "intro", "title": "Intro", "kind": "text", "body": "Hello"},
            {"lesson_id": "quiz", "title": "Quiz", "kind": "quiz", "settings": settings,
             "questions": questions(),
             "pools": [{"pool_id": "extra", "draw": 1, "questions": [
                {"question_id": "tf", "kind": "true_false", "prompt": "True?", "correct": true},
                {"question_id": "number", "kind": "numeric", "prompt": "How many?",
                 "correct": {"rule": "exact", "value": 2}}
             ]}]}
        ]}]
    })
    .to_string()
}

/// Graded settings with the given changes.
pub fn graded(changes: Value) -> Value {
    let mut settings = json!({"is_graded": true, "shuffle_choices": true, "pass_percent": 50});
    let (Value::Object(settings_map), Value::Object(changes)) = (&mut settings, changes) else {
        panic!("settings are objects");
    };
    settings_map.extend(changes);
    settings
}

/// A server on `T0` with the test course imported (quiz `settings`); learner1 and learner2
/// take it and instructor1 teaches it.
pub async fn quiz_server(settings: Value) -> TestServer {
    let server = super::start().await;
    server.clock.set(t0());
    import::import_manifest(&server.db, &course(settings))
        .await
        .unwrap();
    let course_id = CourseId::parse("quiz-lab").unwrap();
    let mut conn = server.db.acquire().await.unwrap();
    for (username, role) in [
        ("learner1", Role::Learner),
        ("learner2", Role::Learner),
        ("instructor1", Role::Instructor),
    ] {
        let user_id = UserId::parse(username).unwrap();
        db::enrolments::enrol(&mut conn, &user_id, &course_id, role)
            .await
            .unwrap();
    }
    server
}

impl TestServer {
    /// A request with a bearer token and an optional JSON body.
    pub async fn send(
        &self,
        method: Method,
        path: &str,
        token: &str,
        body: Option<&Value>,
    ) -> Response {
        let mut request = self
            .client
            .request(method, self.url(path))
            .bearer_auth(token);
        if let Some(body) = body {
            request = request.json(body);
        }
        request.send().await.unwrap()
    }

    /// `POST /api/v1/quizzes/{quiz}/attempts`.
    pub async fn start_attempt(&self, token: &str, quiz: &str, body: &Value) -> Response {
        let path = format!("/api/v1/quizzes/{quiz}/attempts");
        self.send(Method::POST, &path, token, Some(body)).await
    }

    /// Starts attempt `n` at the test quiz and returns its view; panics unless 201.
    pub async fn start_new(&self, token: &str, n: u32) -> Value {
        let response = self
            .start_attempt(token, QUIZ, &json!({"attempt_id": attempt_id(n)}))
            .await;
        assert_eq!(response.status(), reqwest::StatusCode::CREATED);
        response.json().await.unwrap()
    }

    /// `GET /api/v1/quizzes/{quiz}/attempts`, as JSON; panics unless 200.
    pub async fn attempts(&self, token: &str) -> Value {
        let path = format!("/api/v1/quizzes/{QUIZ}/attempts");
        let response = self.send(Method::GET, &path, token, None).await;
        assert_eq!(response.status(), reqwest::StatusCode::OK);
        response.json().await.unwrap()
    }

    /// `PUT /api/v1/attempts/{n}/answers` with `answers`.
    pub async fn save_answers(&self, token: &str, n: u32, answers: Value) -> Response {
        let path = format!("/api/v1/attempts/{}/answers", attempt_id(n));
        let body = json!({ "answers": answers });
        self.send(Method::PUT, &path, token, Some(&body)).await
    }

    /// `POST /api/v1/attempts/{n}/submit` with `body`.
    pub async fn submit_attempt(&self, token: &str, n: u32, body: Value) -> Response {
        let path = format!("/api/v1/attempts/{}/submit", attempt_id(n));
        self.send(Method::POST, &path, token, Some(&body)).await
    }

    /// `PUT /api/v1/attempts/{n}/reviews/{question_id}` with `body`.
    pub async fn review(&self, token: &str, n: u32, question_id: &str, body: Value) -> Response {
        let path = format!("/api/v1/attempts/{}/reviews/{question_id}", attempt_id(n));
        self.send(Method::PUT, &path, token, Some(&body)).await
    }

    /// `GET /api/v1/quizzes/{quiz}/submissions`.
    pub async fn submissions(&self, token: &str) -> Response {
        let path = format!("/api/v1/quizzes/{QUIZ}/submissions");
        self.send(Method::GET, &path, token, None).await
    }
}

/// Event `n` from the phone, its `sequence`-th there, `seconds` after `T0`, for the test
/// quiz.
pub fn quiz_event(n: u32, sequence: u64, seconds: i64, body: Value) -> Value {
    let mut event = super::events::event(n, super::events::PHONE, sequence, seconds, body);
    event["course_id"] = json!("quiz-lab");
    event["lesson_id"] = json!("quiz");
    event
}

/// An `attempt_started` body for attempt `n`, drawn from `seed`.
pub fn attempt_started(n: u32, seed: u64) -> Value {
    json!({"kind": "attempt_started", "attempt_id": attempt_id(n), "seed": seed.to_string()})
}

/// An `answered` body: `answer` to `question_id` in attempt `n`.
pub fn answered(n: u32, question_id: &str, answer: Value) -> Value {
    json!({"kind": "answered", "attempt_id": attempt_id(n), "question_id": question_id,
           "answer": answer})
}

/// An `attempt_submitted` body for attempt `n`, with every answer it was submitted with.
pub fn attempt_submitted(n: u32, answers: Value) -> Value {
    json!({"kind": "attempt_submitted", "attempt_id": attempt_id(n), "answers": answers})
}

/// Which of the pool's two questions attempt `view` drew.
pub fn pool_question(view: &Value) -> &'static str {
    let seed: u64 = view["seed"].as_str().unwrap().parse().unwrap();
    let course = lectern_core::parse_manifest(&course(graded(json!({})))).unwrap();
    let quiz = course
        .lessons()
        .find_map(|lesson| match &lesson.content {
            lectern_core::course::LessonContent::Quiz(quiz) => Some(quiz),
            _ => None,
        })
        .unwrap();
    let drawn = lectern_core::quiz::draw(quiz, seed);
    if drawn.question_ids.iter().any(|id| id == "tf") {
        "tf"
    } else {
        "number"
    }
}

/// Every `"correct"` and `"accepted"` key anywhere under `value`, by JSON path.
pub fn answer_keys(value: &Value, path: &str, found: &mut Vec<String>) {
    match value {
        Value::Object(object) => {
            for (key, child) in object {
                let here = format!("{path}.{key}");
                if matches!(key.as_str(), "correct" | "accepted") {
                    found.push(here.clone());
                }
                answer_keys(child, &here, found);
            }
        }
        Value::Array(items) => {
            for (index, child) in items.iter().enumerate() {
                answer_keys(child, &format!("{path}[{index}]"), found);
            }
        }
        _ => {}
    }
}
