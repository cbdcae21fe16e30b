//! Assignment helpers: a course of our own (`assign-lab`) with a text assignment that takes
//! late work with a penalty and resubmissions, a file assignment with a hard deadline, a
//! graded quiz with a due and a closing time, and a live session; learner1 and learner2
//! take it and instructor1 teaches it. Plus one call per upload and assignment endpoint,
//! and `assignment_submitted` events as a device's outbox sends them.

use super::TestServer;
use jiff::{SignedDuration, Timestamp};
use lectern_api::v1::{EventBatchResponse, EventStatus};
use lectern_core::user::Role;
use lectern_core::{CourseId, UserId};
use lectern_server::{db, import};
use reqwest::header::CONTENT_RANGE;
use reqwest::{Method, Response, StatusCode};
use serde_json::{json, Value};

pub const COURSE: &str = "assign-lab";
/// Text only; due a day after `T0`, 10 % off per late day (at most 50 %), resubmit, 20 points.
pub const ESSAY: &str = "essay";
/// Text and up to two PDF or PNG files of at most 1 MiB; due a day after `T0`, no late work,
/// one submission, 10 points.
pub const REPORT: &str = "report";
pub const QUIZ: &str = "quiz";
pub const TALK: &str = "talk";
/// The largest file `REPORT` takes.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// The time the server's clock reads when a test starts.
pub const T0: &str = "2030-01-10T09:00:00Z";

pub fn t0() -> Timestamp {
    T0.parse().unwrap()
}

/// `T0` plus `seconds`.
pub fn at(seconds: i64) -> Timestamp {
    t0().checked_add(SignedDuration::from_secs(seconds))
        .unwrap()
}

pub const DAY: i64 = 86_400;

pub fn course() -> String {
    json!({
        "schema_version": 1, "course_id": COURSE, "title": "Assignment lab", "summary": "Tests.",
        "modules": [{"module_id": "m", "title": "M", "lessons": [
            {"lesson_id": "intro", "title": "Intro", "kind": "text", "body": "Hello"},
            {"lesson_id": ESSAY, "title": "Essay on the Moon", "kind": "assignment",
             "instructions": "Write about the Moon.", "due_at": at(DAY).to_string(),
             "late_policy": {"kind": "penalty", "percent_per_day": 10, "max_percent": 50},
             "resubmit": true, "max_points": 20},
            {"lesson_id": REPORT, "title": "Observation report", "kind": "assignment",
             "instructions": "Hand in your charts.", "due_at": at(DAY).to_string(),
             "late_policy": {"kind": "refuse"}, "max_points": 10,
             "submission": {"text": true, "files": {"max_files": 2,
                "max_file_bytes": MAX_FILE_BYTES,
                "accepted_types": ["application/pdf", "image/png"]}}},
            {"lesson_id": QUIZ, "title": "Phases quiz", "kind": "quiz",
             "settings": {"is_graded": true, "due_at": at(2 * DAY).to_string(),
                          "closes_at": at(3 * DAY).to_string()},
             "questions": [
                {"question_id": "full", "kind": "true_false", "prompt": "Is a full Moon round?",
                 "points": 2, "correct": true},
                {"question_id": "new", "kind": "true_false", "prompt": "Is a new Moon bright?",
                 "points": 2, "correct": false}
             ]},
            {"lesson_id": TALK, "title": "Moon watch", "kind": "live",
             "starts_at": at(DAY / 2).to_string(), "ends_at": at(DAY / 2 + 3_600).to_string(),
             "instructor": "instructor1"}
        ]}]
    })
    .to_string()
}

/// A server on `T0` with the test course imported; learner1 and learner2 take it and
/// instructor1 teaches it.
pub async fn assignment_server() -> TestServer {
    let server = super::start().await;
    server.clock.set(t0());
    import::import_manifest(&server.db, &course())
        .await
        .unwrap();
    let course_id = CourseId::parse(COURSE).unwrap();
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

/// A lowercase UUID made from `n`, for uploads.
pub fn upload_id(n: u32) -> String {
    format!("00000000-0000-4000-a000-{n:012}")
}

/// A lowercase UUID made from `n`, for submissions.
pub fn submission_id(n: u32) -> String {
    format!("00000000-0000-4000-b000-{n:012}")
}

/// `len` bytes that differ from position to position, so a misplaced chunk shows.
pub fn file_bytes(len: usize) -> Vec<u8> {
    (0..len).map(|i| (i * 7 % 251) as u8).collect()
}

/// A file as the query of an upload and the `files` of a submission name it.
#[derive(Clone)]
pub struct TestFile {
    pub upload_id: String,
    pub lesson_id: &'static str,
    pub file_name: String,
    pub media_type: String,
    pub size_bytes: u64,
}

impl TestFile {
    /// Upload `n` for `REPORT`: a PDF of `size_bytes`.
    pub fn pdf(n: u32, file_name: &str, size_bytes: u64) -> TestFile {
        TestFile {
            upload_id: upload_id(n),
            lesson_id: REPORT,
            file_name: file_name.to_owned(),
            media_type: "application/pdf".to_owned(),
            size_bytes,
        }
    }

    pub fn query(&self) -> Vec<(&'static str, String)> {
        vec![
            ("course_id", COURSE.to_owned()),
            ("lesson_id", self.lesson_id.to_owned()),
            ("file_name", self.file_name.clone()),
            ("media_type", self.media_type.clone()),
            ("size_bytes", self.size_bytes.to_string()),
        ]
    }

    /// The file as a submission's `files` lists it.
    pub fn submitted(&self) -> Value {
        json!({"upload_id": self.upload_id, "file_name": self.file_name,
               "media_type": self.media_type, "size_bytes": self.size_bytes})
    }
}

/// An `assignment_submitted` event `n` from the phone, its `sequence`-th, in `lesson`,
/// saying it happened `seconds` after `T0`.
pub fn submitted_event(
    n: u32,
    sequence: u64,
    seconds: i64,
    lesson: &str,
    text: &str,
    files: &[&TestFile],
) -> Value {
    let files: Vec<Value> = files.iter().map(|file| file.submitted()).collect();
    json!({
        "event_id": format!("00000000-0000-4000-c000-{n:012}"),
        "device_id": super::events::PHONE, "sequence": sequence,
        "occurred_at": at(seconds).to_string(), "course_id": COURSE, "lesson_id": lesson,
        "kind": "assignment_submitted", "submission_id": submission_id(n),
        "text": text, "files": files,
    })
}

impl TestServer {
    /// `PUT /api/v1/uploads/{upload_id}` with `bytes`, as bytes `start..` of the file (the
    /// whole file without a `Content-Range` when `start` is `None`).
    pub async fn put_chunk(
        &self,
        token: &str,
        file: &TestFile,
        start: Option<u64>,
        bytes: &[u8],
    ) -> Response {
        let path = format!("/api/v1/uploads/{}", file.upload_id);
        let mut request = self
            .client
            .put(self.url(&path))
            .bearer_auth(token)
            .query(&file.query())
            .body(bytes.to_vec());
        if let Some(start) = start {
            let end = start + bytes.len() as u64 - 1;
            let range = format!("bytes {start}-{end}/{}", file.size_bytes);
            request = request.header(CONTENT_RANGE, range);
        }
        request.send().await.unwrap()
    }

    /// Uploads `bytes` as all of `file` in one request; panics unless it completes.
    pub async fn upload_whole(&self, token: &str, file: &TestFile, bytes: &[u8]) -> Value {
        let response = self.put_chunk(token, file, None, bytes).await;
        assert_eq!(response.status(), StatusCode::OK);
        let status: Value = response.json().await.unwrap();
        assert_eq!(status["is_complete"], true, "{status}");
        status
    }

    /// `GET /api/v1/uploads/{upload_id}`.
    pub async fn upload_status(&self, token: &str, upload_id: &str) -> Response {
        self.get(&format!("/api/v1/uploads/{upload_id}"), Some(token))
            .await
    }

    /// `GET /api/v1/uploads/{upload_id}/content`.
    pub async fn upload_content(&self, token: &str, upload_id: &str) -> Response {
        let path = format!("/api/v1/uploads/{upload_id}/content");
        self.get(&path, Some(token)).await
    }

    /// `GET /api/v1/assignments/{course}.{lesson}`.
    pub async fn get_assignment(&self, token: &str, lesson: &str) -> Response {
        self.get(
            &format!("/api/v1/assignments/{COURSE}.{lesson}"),
            Some(token),
        )
        .await
    }

    /// The caller's view of `lesson`; panics unless 200.
    pub async fn assignment(&self, token: &str, lesson: &str) -> Value {
        let response = self.get_assignment(token, lesson).await;
        assert_eq!(response.status(), StatusCode::OK);
        response.json().await.unwrap()
    }

    /// `GET /api/v1/assignments/{course}.{lesson}/submissions`.
    pub async fn grading_queue(&self, token: &str, lesson: &str) -> Response {
        let path = format!("/api/v1/assignments/{COURSE}.{lesson}/submissions");
        self.get(&path, Some(token)).await
    }

    /// `PUT /api/v1/submissions/{submission_id}/grade`.
    pub async fn put_grade(
        &self,
        token: &str,
        submission_id: &str,
        score: u32,
        feedback: &str,
    ) -> Response {
        let path = format!("/api/v1/submissions/{submission_id}/grade");
        let body = json!({"score": score, "feedback": feedback});
        self.client
            .request(Method::PUT, self.url(&path))
            .bearer_auth(token)
            .json(&body)
            .send()
            .await
            .unwrap()
    }

    /// Sends one `assignment_submitted` event; answers its result's status and reason.
    pub async fn hand_in(&self, token: &str, event: Value) -> (EventStatus, Option<String>) {
        let answer: EventBatchResponse = self.send_batch(token, &[event]).await;
        let result = &answer.results[0];
        (result.status, result.reason.clone())
    }

    /// How many submissions, submission files and uploads are stored.
    pub async fn stored_work(&self) -> (i64, i64, i64) {
        (
            self.count_rows("assignment_submissions").await,
            self.count_rows("submission_files").await,
            self.count_rows("uploads").await,
        )
    }
}
