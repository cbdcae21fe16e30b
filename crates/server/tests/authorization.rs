//! The authorization matrix, over real HTTP on a real SQLite file: every route of
//! `API_ROUTES`, called by each kind of caller, answers the status [`MATRIX`] says. The
//! matrix must list exactly the routes of `API_ROUTES`, so a new route fails here until
//! someone writes down who may call it.
//!
//! Path ids are real: the demo course `astronomy-101`, its graded quiz, and three attempts of
//! the enrolled learner (one open, one open at the practice quiz to submit, one submitted to
//! review), a thread the learner opened in the course's discussion, and the learner's star
//! journal handed in with one uploaded file; the demo's live session, whose recording its
//! instructor uploads and completes (the server has a media directory for it). Nobody but
//! that learner and those who teach the course may see the attempts or the journal: every
//! other caller's answers are checked to hold none of their ids, answers or text.
// Test code: `allow-unwrap-in-tests` does not reach helper functions outside `#[test]`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::launches::{launch_body, launch_token};
use common::{start_with, TestServer};
use lectern_api::v1::routes;
use lectern_core::user::Role;
use lectern_core::{CourseId, UserId};
use lectern_server::auth::{password, token};
use lectern_server::db::{enrolments, sessions, users};
use lectern_server::API_ROUTES;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::sync::atomic::{AtomicU32, Ordering};

/// Who calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Caller {
    /// No `Authorization` header.
    Anonymous,
    /// `learner1`, enrolled in the course, whose attempts the paths name.
    Learner,
    /// `learner2`, enrolled in the same course.
    Classmate,
    /// `outsider1`, a learner of `night-sky-lab` only.
    Outsider,
    /// `instructor1`, who teaches the course.
    Instructor,
    /// `admin1`, an admin account enrolled in the course as admin.
    Admin,
    /// An LMS's API key.
    LmsKey,
}

/// The callers, in the order of each row's statuses.
const CALLERS: [Caller; 7] = [
    Caller::Anonymous,
    Caller::Learner,
    Caller::Classmate,
    Caller::Outsider,
    Caller::Instructor,
    Caller::Admin,
    Caller::LmsKey,
];

/// The body a route is called with.
#[derive(Debug, Clone, Copy)]
enum Body {
    Empty,
    /// learner3's right username and password.
    SignIn,
    NoEvents,
    /// A start with a new attempt id.
    NewAttempt,
    NoAnswers,
    /// A launch of an LMS learner into the course.
    Launch,
    /// A new, unused launch token.
    LaunchToken,
    /// Points and feedback for the essay.
    Review,
    /// Pins a thread.
    Pin,
    MarkAllRead,
    Announcement,
    /// The learner's upload, whole, as they sent it.
    UploadChunk,
    /// Points and feedback for the learner's star journal.
    Grade,
    /// The first bytes of the live session's recording, as `video/webm`.
    RecordingChunk,
    /// The recording is whole: a minute from the session's start.
    CompleteRecording,
}

/// What one route answers each caller.
struct Row {
    method: &'static str,
    path: &'static str,
    body: Body,
    /// One status per caller, in [`CALLERS`] order.
    statuses: [u16; 7],
}

const fn row(method: &'static str, path: &'static str, body: Body, statuses: [u16; 7]) -> Row {
    Row {
        method,
        path,
        body,
        statuses,
    }
}

/// Sign-in and the launch exchange open to anyone with the right body, whatever else they
/// send; an API key opens nothing but `POST /api/v1/launches`; what belongs to a course is
/// 404 outside it; a learner's attempts are 404 to everyone but them, and what only those
/// who teach may see or do is 404 to learners.
#[rustfmt::skip]
const MATRIX: &[Row] = &[
    // Per caller: anonymous, learner, classmate, outsider, instructor (tchr), admin, LMS key.
    //                                                          anon lrnr mate out  tchr adm  key
    row("POST",   routes::SESSION,          Body::SignIn,      [200, 200, 200, 200, 200, 200, 200]),
    row("DELETE", routes::SESSION,          Body::Empty,       [401, 204, 204, 204, 204, 204, 401]),
    row("GET",    routes::COURSES,          Body::Empty,       [401, 200, 200, 200, 200, 200, 401]),
    row("GET",    routes::COURSE,           Body::Empty,       [401, 200, 200, 404, 200, 200, 401]),
    row("GET",    routes::COURSE_PROGRESS,  Body::Empty,       [401, 200, 200, 404, 200, 200, 401]),
    row("POST",   routes::EVENTS,           Body::NoEvents,    [401, 200, 200, 200, 200, 200, 401]),
    // The learner resumes their open attempt (200); the others start one of their own.
    row("POST",   routes::QUIZ_ATTEMPTS,    Body::NewAttempt,  [401, 200, 201, 404, 201, 201, 401]),
    row("GET",    routes::QUIZ_ATTEMPTS,    Body::Empty,       [401, 200, 200, 404, 200, 200, 401]),
    row("GET",    routes::QUIZ_SUBMISSIONS, Body::Empty,       [401, 404, 404, 404, 200, 200, 401]),
    row("PUT",    routes::ATTEMPT_ANSWERS,  Body::NoAnswers,   [401, 200, 404, 404, 404, 404, 401]),
    row("POST",   routes::ATTEMPT_SUBMIT,   Body::NoAnswers,   [401, 200, 404, 404, 404, 404, 401]),
    row("PUT",    routes::ATTEMPT_REVIEW,   Body::Review,      [401, 404, 404, 404, 200, 200, 401]),
    row("POST",   routes::LAUNCHES,         Body::Launch,      [401, 401, 401, 401, 401, 401, 201]),
    row("POST",   routes::LAUNCH_EXCHANGE,  Body::LaunchToken, [200, 200, 200, 200, 200, 200, 200]),
    // The learner's thread: classmates read it; its post's versions are the learner's and
    // their teachers'; learners who see a post may not moderate it (403).
    row("GET",    routes::COURSE_THREADS,   Body::Empty,       [401, 200, 200, 404, 200, 200, 401]),
    row("GET",    routes::THREAD,           Body::Empty,       [401, 200, 200, 404, 200, 200, 401]),
    row("PUT",    routes::THREAD_READ,      Body::Empty,       [401, 204, 204, 404, 204, 204, 401]),
    row("GET",    routes::POST_VERSIONS,    Body::Empty,       [401, 200, 404, 404, 200, 200, 401]),
    row("PUT",    routes::POST_MODERATION,  Body::Pin,         [401, 403, 403, 404, 200, 200, 401]),
    row("GET",    routes::NOTIFICATIONS,    Body::Empty,       [401, 200, 200, 200, 200, 200, 401]),
    row("POST",   routes::NOTIFICATIONS_READ, Body::MarkAllRead, [401, 204, 204, 204, 204, 204, 401]),
    row("GET",    routes::COURSE_ANNOUNCEMENTS, Body::Empty,   [401, 200, 200, 404, 200, 200, 401]),
    row("POST",   routes::COURSE_ANNOUNCEMENTS, Body::Announcement, [401, 403, 403, 404, 201, 201, 401]),
    // The learner's upload and star journal: the upload id is theirs alone (400 to others in
    // the course, who may not reuse it); the file reaches only them and their teachers.
    row("PUT",    routes::UPLOAD,           Body::UploadChunk, [401, 200, 400, 404, 400, 400, 401]),
    row("GET",    routes::UPLOAD,           Body::Empty,       [401, 200, 404, 404, 404, 404, 401]),
    row("GET",    routes::UPLOAD_CONTENT,   Body::Empty,       [401, 200, 404, 404, 200, 200, 401]),
    row("GET",    routes::ASSIGNMENT,       Body::Empty,       [401, 200, 200, 404, 200, 200, 401]),
    row("GET",    routes::ASSIGNMENT_SUBMISSIONS, Body::Empty, [401, 404, 404, 404, 200, 200, 401]),
    row("PUT",    routes::SUBMISSION_GRADE, Body::Grade,       [401, 404, 404, 404, 200, 200, 401]),
    row("GET",    routes::COURSE_GRADEBOOK, Body::Empty,       [401, 404, 404, 404, 200, 200, 401]),
    row("GET",    routes::COURSE_GRADEBOOK_CSV, Body::Empty,   [401, 404, 404, 404, 200, 200, 401]),
    row("GET",    routes::CALENDAR,         Body::Empty,       [401, 200, 200, 200, 200, 200, 401]),
    row("GET",    routes::CALENDAR_ICS,     Body::Empty,       [401, 200, 200, 200, 200, 200, 401]),
    // The live socket, called without upgrade headers: those with a place in the room get
    // 426 Upgrade Required (every check is made before the upgrade); an admin of the course
    // has no place in the room (403). Attendance is the session's instructor's alone.
    row("GET",    routes::LIVE_SOCKET,      Body::Empty,       [401, 400, 400, 404, 400, 403, 401]),
    row("GET",    routes::LIVE_ATTENDANCE,  Body::Empty,       [401, 404, 404, 404, 200, 404, 401]),
    // The recording is the session's instructor's too; members of the course are told so.
    row("PUT",    routes::LIVE_RECORDING,   Body::RecordingChunk, [401, 403, 403, 404, 200, 403, 401]),
    row("GET",    routes::LIVE_RECORDING,   Body::Empty,       [401, 403, 403, 404, 200, 403, 401]),
    row("POST",   routes::LIVE_RECORDING_COMPLETE, Body::CompleteRecording, [401, 403, 403, 404, 200, 403, 401]),
];

const COURSE: &str = "astronomy-101";
const GRADED_QUIZ: &str = "astronomy-101.planets-graded-quiz";
const PRACTICE_QUIZ: &str = "astronomy-101.solar-system-check";
/// The learner's open attempt at the graded quiz.
const OPEN_ATTEMPT: &str = "0a000000-0000-4000-8000-000000000001";
/// The learner's open attempt at the practice quiz, which the matrix submits.
const PRACTICE_ATTEMPT: &str = "0a000000-0000-4000-8000-000000000002";
/// The learner's submitted attempt at the graded quiz, which the matrix reviews.
const SUBMITTED_ATTEMPT: &str = "0a000000-0000-4000-8000-000000000003";
/// The learner's essay in the submitted attempt.
const ESSAY: &str = "Only my teachers may read this essay about Jupiter.";
/// The learner's thread in the course's discussion, which the matrix pins.
const LEARNERS_THREAD: &str = "0d000000-0000-4000-8000-000000000001";
/// The learner's star journal, handed in with one file, which the matrix grades.
const STAR_JOURNAL: &str = "astronomy-101.star-journal";
const LEARNERS_UPLOAD: &str = "0e000000-0000-4000-8000-000000000001";
const LEARNERS_SUBMISSION: &str = "0e000000-0000-4000-8000-000000000002";
const JOURNAL_TEXT: &str = "Only my teachers may read my star journal.";
/// The learner's file: the bytes the matrix's `PUT` sends again (the JSON string `"chunk"`).
const UPLOAD_QUERY: &str =
    "course_id=astronomy-101&lesson_id=star-journal&file_name=journal.pdf&media_type=application%2Fpdf&size_bytes=7";

/// A route as (method, path template).
type Route = (&'static str, &'static str);

/// The routes of the matrix that are not in `API_ROUTES`, and those of `API_ROUTES` that are
/// not in the matrix; panics if the matrix lists a route twice.
fn matrix_coverage() -> (Vec<Route>, Vec<Route>) {
    let listed: Vec<Route> = MATRIX.iter().map(|row| (row.method, row.path)).collect();
    let in_matrix: BTreeSet<Route> = listed.iter().copied().collect();
    assert_eq!(in_matrix.len(), listed.len(), "MATRIX lists a route twice");
    let in_server: BTreeSet<Route> = API_ROUTES.iter().copied().collect();
    let unknown = in_matrix.difference(&in_server).copied().collect();
    let missing = in_server.difference(&in_matrix).copied().collect();
    (unknown, missing)
}

#[test]
fn the_matrix_lists_exactly_the_api_routes() {
    let (unknown, missing) = matrix_coverage();
    assert!(
        missing.is_empty(),
        "routes without a row in MATRIX (say what each caller gets): {missing:?}"
    );
    assert!(
        unknown.is_empty(),
        "MATRIX rows for routes the server lacks: {unknown:?}"
    );
}

/// The server with the callers' accounts, the learner's attempts and an API key.
struct Fixture {
    server: TestServer,
    api_key: String,
    next_id: AtomicU32,
    /// The server's media directory, where recordings go.
    _media: tempfile::TempDir,
}

impl Fixture {
    async fn new() -> Fixture {
        let media = tempfile::tempdir().unwrap();
        let server = start_with(None, Some(media.path())).await;
        let mut conn = server.db.acquire().await.unwrap();
        for (username, role, course_id) in [
            ("outsider1", Role::Learner, "night-sky-lab"),
            ("admin1", Role::Admin, COURSE),
        ] {
            let user_id = UserId::parse(username).unwrap();
            let password_hash = password::hash_off_thread(username.to_owned())
                .await
                .unwrap();
            let user = users::NewUser {
                user_id: &user_id,
                display_name: username,
                role,
                password_hash: &password_hash,
            };
            users::insert(&mut *conn, &user).await.unwrap();
            let course_id = CourseId::parse(course_id).unwrap();
            enrolments::enrol(&mut conn, &user_id, &course_id, role)
                .await
                .unwrap();
        }
        drop(conn);
        let api_key = server.create_api_key("Moodle").await.key;
        let fixture = Fixture {
            server,
            api_key,
            next_id: AtomicU32::new(1),
            _media: media,
        };
        fixture.learners_attempts().await;
        fixture.learners_thread().await;
        fixture.learners_star_journal().await;
        fixture
    }

    /// The learner uploads a file and hands in the star journal with it.
    async fn learners_star_journal(&self) {
        let learner = self.session_of("learner1").await;
        let upload = format!("/api/v1/uploads/{LEARNERS_UPLOAD}?{UPLOAD_QUERY}");
        let response = self
            .server
            .client
            .put(self.server.url(&upload))
            .bearer_auth(&learner)
            .body("\"chunk\"")
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        let event = json!({
            "event_id": "0e000000-0000-4000-8000-0000000000e1", "sequence": 2,
            "device_id": "7c9e6679-7425-40de-944b-e07fc1f90ae7",
            "occurred_at": "2026-01-10T09:00:00Z", "course_id": COURSE,
            "lesson_id": "star-journal", "kind": "assignment_submitted",
            "submission_id": LEARNERS_SUBMISSION, "text": JOURNAL_TEXT,
            "files": [{"upload_id": LEARNERS_UPLOAD, "file_name": "journal.pdf",
                       "media_type": "application/pdf", "size_bytes": 7}]
        });
        let body = json!({ "events": [event] });
        let (status, text) = self
            .call(Method::POST, routes::EVENTS, Some(&learner), &body)
            .await;
        assert_eq!(status, StatusCode::OK);
        assert!(text.contains("\"stored\""), "{text}");
    }

    /// The learner opens a thread in the course's discussion.
    async fn learners_thread(&self) {
        let learner = self.session_of("learner1").await;
        let event = json!({
            "event_id": "0d000000-0000-4000-8000-0000000000e1", "sequence": 1,
            "device_id": "7c9e6679-7425-40de-944b-e07fc1f90ae7",
            "occurred_at": "2026-01-10T09:00:00Z", "course_id": COURSE,
            "lesson_id": "light-pollution", "kind": "posted", "post_id": LEARNERS_THREAD,
            "title": "Orion", "body": "Seen from my window."
        });
        let body = json!({ "events": [event] });
        let (status, text) = self
            .call(Method::POST, routes::EVENTS, Some(&learner), &body)
            .await;
        assert_eq!(status, StatusCode::OK);
        assert!(text.contains("\"stored\""), "{text}");
    }

    /// The learner submits an essay in one graded attempt, then opens another, and opens
    /// one at the practice quiz.
    async fn learners_attempts(&self) {
        let learner = Some(self.session_of("learner1").await);
        let start = |quiz: &str| format!("/api/v1/quizzes/{quiz}/attempts");
        for (quiz, attempt_id) in [
            (GRADED_QUIZ, SUBMITTED_ATTEMPT),
            (GRADED_QUIZ, OPEN_ATTEMPT),
            (PRACTICE_QUIZ, PRACTICE_ATTEMPT),
        ] {
            let body = json!({ "attempt_id": attempt_id });
            let (status, _) = self
                .call(Method::POST, &start(quiz), learner.as_deref(), &body)
                .await;
            assert_eq!(status, StatusCode::CREATED, "{attempt_id}");
            if attempt_id == SUBMITTED_ATTEMPT {
                let answers =
                    json!({"answers": {"graded-essay": {"kind": "essay", "value": ESSAY}}});
                let submit = format!("/api/v1/attempts/{attempt_id}/submit");
                let (status, _) = self
                    .call(Method::POST, &submit, learner.as_deref(), &answers)
                    .await;
                assert_eq!(status, StatusCode::OK);
            }
        }
    }

    /// A new session of `username`, made as sign-in makes one, so that signing out in one
    /// call never spoils another.
    async fn session_of(&self, username: &str) -> String {
        let new_token = token::mint().unwrap();
        let user_id = UserId::parse(username).unwrap();
        sessions::insert(&self.server.db, &new_token.token_sha256, &user_id)
            .await
            .unwrap();
        new_token.token
    }

    async fn credential(&self, caller: Caller) -> Option<String> {
        let username = match caller {
            Caller::Anonymous => return None,
            Caller::LmsKey => return Some(self.api_key.clone()),
            Caller::Learner => "learner1",
            Caller::Classmate => "learner2",
            Caller::Outsider => "outsider1",
            Caller::Instructor => "instructor1",
            Caller::Admin => "admin1",
        };
        Some(self.session_of(username).await)
    }

    async fn body(&self, body: Body) -> Value {
        match body {
            Body::Empty => Value::Null,
            Body::SignIn => json!({"username": "learner3", "password": "learner3"}),
            Body::NoEvents => json!({"events": []}),
            Body::NewAttempt => {
                let n = self.next_id.fetch_add(1, Ordering::Relaxed);
                json!({"attempt_id": format!("0b000000-0000-4000-8000-{n:012}")})
            }
            Body::NoAnswers => json!({"answers": {}}),
            Body::Review => json!({"awarded_millipoints": 0, "feedback": "Seen."}),
            Body::Pin => json!({"pinned": true}),
            Body::MarkAllRead => json!({"all": true}),
            Body::Announcement => json!({"title": "Clear skies", "body": "Look up tonight."}),
            Body::UploadChunk => json!("chunk"),
            Body::Grade => json!({"score": 5, "feedback": "Seen."}),
            // Sent as raw bytes by `call_with`.
            Body::RecordingChunk => Value::Null,
            Body::CompleteRecording => {
                json!({"started_at": "2027-01-20T18:00:00Z", "duration_seconds": 60})
            }
            Body::Launch => launch_body("student-42", "Ada Lovelace", COURSE),
            Body::LaunchToken => {
                let n = self.next_id.fetch_add(1, Ordering::Relaxed);
                let learner_id = format!("student-{n}");
                let launched = self.server.launch(&self.api_key, &learner_id, COURSE).await;
                json!({"launch_token": launch_token(&launched.launch_url)})
            }
        }
    }

    /// Calls a route of the matrix with `body`: as JSON, or as a recording chunk.
    async fn call_with(
        &self,
        method: Method,
        path: &str,
        credential: Option<&str>,
        body: Body,
    ) -> (StatusCode, String) {
        let Body::RecordingChunk = body else {
            let body = self.body(body).await;
            return self.call(method, path, credential, &body).await;
        };
        let mut request = self
            .server
            .client
            .request(method, self.server.url(path))
            .header("content-type", "video/webm;codecs=vp8,opus")
            .header("content-range", "bytes 0-4/*")
            .body("webm!");
        if let Some(credential) = credential {
            request = request.bearer_auth(credential);
        }
        let response = request.send().await.unwrap();
        (response.status(), response.text().await.unwrap())
    }

    /// Calls `path`, with `credential` as the bearer token and `body` unless it is null.
    async fn call(
        &self,
        method: Method,
        path: &str,
        credential: Option<&str>,
        body: &Value,
    ) -> (StatusCode, String) {
        let mut request = self.server.client.request(method, self.server.url(path));
        if let Some(credential) = credential {
            request = request.bearer_auth(credential);
        }
        if !body.is_null() {
            request = request.json(body);
        }
        let response = request.send().await.unwrap();
        (response.status(), response.text().await.unwrap())
    }
}

/// `template` with the real ids of the fixture.
fn path_for(template: &str) -> String {
    let attempt_id = match template {
        routes::ATTEMPT_SUBMIT => PRACTICE_ATTEMPT,
        routes::ATTEMPT_REVIEW => SUBMITTED_ATTEMPT,
        _ => OPEN_ATTEMPT,
    };
    let path = template
        .replace("{course_id}", COURSE)
        .replace("{quiz_id}", GRADED_QUIZ)
        .replace("{attempt_id}", attempt_id)
        .replace("{question_id}", "graded-essay")
        .replace("{thread_id}", LEARNERS_THREAD)
        .replace("{post_id}", LEARNERS_THREAD)
        .replace("{assignment_id}", STAR_JOURNAL)
        .replace("{submission_id}", LEARNERS_SUBMISSION)
        .replace("{upload_id}", LEARNERS_UPLOAD)
        .replace("{session_id}", "astronomy-101.live-q-and-a");
    let path = match template {
        routes::UPLOAD => format!("{path}?{UPLOAD_QUERY}"),
        _ => path,
    };
    assert!(!path.contains('{'), "give {template} a real id in path_for");
    path
}

/// Whether `caller` may see the learner's attempts.
fn sees_the_learners_attempts(caller: Caller) -> bool {
    matches!(caller, Caller::Learner | Caller::Instructor | Caller::Admin)
}

#[tokio::test]
async fn every_route_answers_every_caller_as_the_matrix_says() {
    assert_eq!(
        matrix_coverage(),
        (Vec::new(), Vec::new()),
        "see the_matrix_lists_exactly_the_api_routes"
    );
    let fixture = Fixture::new().await;
    let mut wrong = Vec::new();
    for row in MATRIX {
        let path = path_for(row.path);
        let method = Method::from_bytes(row.method.as_bytes()).unwrap();
        for (caller, expected) in CALLERS.into_iter().zip(row.statuses) {
            let credential = fixture.credential(caller).await;
            let (status, text) = fixture
                .call_with(method.clone(), &path, credential.as_deref(), row.body)
                .await;
            let cell = format!("{} {path} as {caller:?}", row.method);
            if status.as_u16() != expected {
                wrong.push(format!("{cell}: expected {expected}, got {status}: {text}"));
            }
            let secrets = [
                OPEN_ATTEMPT,
                PRACTICE_ATTEMPT,
                SUBMITTED_ATTEMPT,
                ESSAY,
                LEARNERS_UPLOAD,
                LEARNERS_SUBMISSION,
                JOURNAL_TEXT,
            ];
            if !sees_the_learners_attempts(caller) {
                if let Some(secret) = secrets.iter().find(|secret| text.contains(*secret)) {
                    wrong.push(format!(
                        "{cell}: the answer holds the learner's {secret:?}: {text}"
                    ));
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} cells are wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[tokio::test]
async fn someone_elses_attempt_looks_exactly_like_a_missing_one() {
    let fixture = Fixture::new().await;
    let body = json!({"answers": {}});
    let missing = "/api/v1/attempts/0c000000-0000-4000-8000-000000000009/answers";
    let theirs = format!("/api/v1/attempts/{OPEN_ATTEMPT}/answers");
    for caller in [Caller::Classmate, Caller::Outsider, Caller::Instructor] {
        let credential = fixture.credential(caller).await;
        let absent = fixture
            .call(Method::PUT, missing, credential.as_deref(), &body)
            .await;
        let hidden = fixture
            .call(Method::PUT, &theirs, credential.as_deref(), &body)
            .await;
        assert_eq!(absent.0, StatusCode::NOT_FOUND, "{caller:?}");
        assert_eq!(hidden, absent, "{caller:?}");
    }
    // Those who teach the course see the essay; the learner's classmates never do.
    for (caller, is_shown) in [
        (Caller::Instructor, true),
        (Caller::Admin, true),
        (Caller::Classmate, false),
    ] {
        let credential = fixture.credential(caller).await;
        let submissions = format!("/api/v1/quizzes/{GRADED_QUIZ}/submissions");
        let (_, text) = fixture
            .call(
                Method::GET,
                &submissions,
                credential.as_deref(),
                &Value::Null,
            )
            .await;
        assert_eq!(text.contains(ESSAY), is_shown, "{caller:?}: {text}");
    }
}

#[tokio::test]
async fn someone_elses_submission_file_and_grade_look_exactly_like_missing_ones() {
    let fixture = Fixture::new().await;
    let missing_upload = "0f000000-0000-4000-8000-000000000009";
    let missing_submission = "0f000000-0000-4000-8000-00000000000a";
    let grade = json!({"score": 1, "feedback": ""});
    for caller in [Caller::Classmate, Caller::Outsider] {
        let credential = fixture.credential(caller).await;
        for (method, theirs, absent, body) in [
            (
                Method::GET,
                format!("/api/v1/uploads/{LEARNERS_UPLOAD}"),
                format!("/api/v1/uploads/{missing_upload}"),
                Value::Null,
            ),
            (
                Method::GET,
                format!("/api/v1/uploads/{LEARNERS_UPLOAD}/content"),
                format!("/api/v1/uploads/{missing_upload}/content"),
                Value::Null,
            ),
            (
                Method::PUT,
                format!("/api/v1/submissions/{LEARNERS_SUBMISSION}/grade"),
                format!("/api/v1/submissions/{missing_submission}/grade"),
                grade.clone(),
            ),
        ] {
            let hidden = fixture
                .call(method.clone(), &theirs, credential.as_deref(), &body)
                .await;
            let nothing = fixture
                .call(method, &absent, credential.as_deref(), &body)
                .await;
            assert_eq!(nothing.0, StatusCode::NOT_FOUND, "{caller:?} {absent}");
            assert_eq!(hidden, nothing, "{caller:?} {theirs}");
        }
    }
    // The learner's classmate sees their own assignment, never the learner's work in it.
    let classmate = fixture.credential(Caller::Classmate).await;
    let (status, text) = fixture
        .call(
            Method::GET,
            &format!("/api/v1/assignments/{STAR_JOURNAL}"),
            classmate.as_deref(),
            &Value::Null,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(text.contains("\"submissions\":[]"), "{text}");
}
