//! Launches without passwords over real HTTP: an LMS holding an API key (made by the real
//! `apikey` command or the library function behind it) gets a single-use, short-lived launch
//! link for one of its learners, and opening the link signs that learner in, once.
// Test code: `allow-unwrap-in-tests` does not reach helper functions outside `#[test]`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::launches::{captured_logs, launch_body, launch_token};
use common::{expect_problem, start, TestServer};
use jiff::SignedDuration;
use lectern_api::v1::{CourseList, LaunchExchangeResponse, LaunchResponse, ProblemType};
use lectern_core::user::Role;
use lectern_server::apikey::{self, origin::Origin, Revocation};
use lectern_server::auth::token;
use lectern_server::db::users::LAUNCH_ONLY_PASSWORD_HASH;
use lectern_server::http::LAUNCH_TTL;
use reqwest::header::WWW_AUTHENTICATE;
use reqwest::StatusCode;
use serde_json::json;
use std::path::Path;
use std::process::{Command, Output};

fn server_command(db_path: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lectern-server"))
        .arg("--db")
        .arg(db_path)
        .args(args)
        .output()
        .unwrap()
}

fn stdout(output: &Output) -> String {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout.clone()).unwrap()
}

async fn exchange(server: &TestServer, launched: &LaunchResponse) -> LaunchExchangeResponse {
    let response = server
        .post_exchange(&launch_token(&launched.launch_url))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

async fn course_ids(server: &TestServer, session_token: &str) -> Vec<String> {
    let response = server.get("/api/v1/courses", Some(session_token)).await;
    assert_eq!(response.status(), StatusCode::OK);
    let list: CourseList = response.json().await.unwrap();
    list.courses
        .into_iter()
        .map(|course| course.course_id.to_string())
        .collect()
}

async fn enrolment_role(server: &TestServer, user_id: &str, course_id: &str) -> String {
    sqlx::query_scalar("SELECT role FROM enrolments WHERE user_id = ? AND course_id = ?")
        .bind(user_id)
        .bind(course_id)
        .fetch_one(&server.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn the_apikey_command_prints_the_key_alone_on_its_last_line() {
    let server = start().await;
    let created = stdout(&server_command(
        &server.db_path,
        &[
            "apikey",
            "create",
            "--name",
            "Moodle",
            "--origin",
            "https://LMS.example.edu",
            "--origin",
            "http://localhost:8000",
        ],
    ));
    let api_key = created.lines().last().unwrap();
    assert!(
        api_key.starts_with("lk_") && !api_key.contains(' '),
        "{created}"
    );
    assert_eq!(created.matches("lk_").count(), 1, "{created}");
    let launched = server.launch(api_key, "student-42", "astronomy-101").await;
    let link_start = format!("{}/launch#token=", server.base_url);
    assert!(launched.launch_url.starts_with(&link_start), "{launched:?}");

    let listed = stdout(&server_command(&server.db_path, &["apikey", "list"]));
    let columns: Vec<&str> = listed.trim_end().split('\t').collect();
    assert!(columns[0].starts_with("key_"), "{listed}");
    assert_eq!(
        columns[1..3],
        ["Moodle", "https://lms.example.edu http://localhost:8000"]
    );
    assert!(columns[3].starts_with("created ") && columns[4] == "active");
    assert!(!listed.contains("lk_"), "{listed}");

    let revoked = stdout(&server_command(
        &server.db_path,
        &["apikey", "revoke", columns[0]],
    ));
    assert_eq!(
        revoked.trim(),
        format!("revoked API key {} \"Moodle\"", columns[0])
    );
    let refused = server
        .post_launch(api_key, &launch_body("student-42", "Ada", "astronomy-101"))
        .await;
    expect_problem(refused, StatusCode::UNAUTHORIZED).await;
    let listed = stdout(&server_command(&server.db_path, &["apikey", "list"]));
    assert!(listed.trim_end().contains("\trevoked "), "{listed}");

    let unknown = server_command(&server.db_path, &["apikey", "revoke", "key_nope"]);
    assert!(!unknown.status.success());
    let stderr = String::from_utf8_lossy(&unknown.stderr);
    assert!(
        stderr.contains("there is no API key \"key_nope\""),
        "{stderr}"
    );
    let with_path = server_command(
        &server.db_path,
        &[
            "apikey",
            "create",
            "--name",
            "X",
            "--origin",
            "https://lms.example.edu/moodle",
        ],
    );
    assert!(!with_path.status.success());
    let stderr = String::from_utf8_lossy(&with_path.stderr);
    assert!(stderr.contains("an origin has no path"), "{stderr}");
    assert_eq!(server.count_rows("api_keys").await, 1);
}

#[tokio::test]
async fn a_launch_signs_the_learner_in_once() {
    let server = start().await;
    let key = server.create_api_key("Moodle").await;
    let mut body = launch_body("student-42", "  Ada Lovelace ", "astronomy-101");
    body["lesson_id"] = json!("welcome");
    let response = server.post_launch(&key.key, &body).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let launched: LaunchResponse = response.json().await.unwrap();
    assert_eq!(
        launched.expires_at,
        server.clock.now().checked_add(LAUNCH_TTL).unwrap()
    );
    assert!(launched.user_id.as_str().starts_with("lms-"));

    let launch_token = launch_token(&launched.launch_url);
    let stored: Vec<u8> = sqlx::query_scalar("SELECT launch_sha256 FROM launches")
        .fetch_one(&server.db)
        .await
        .unwrap();
    assert_eq!(stored, token::digest(&launch_token));

    let session = exchange(&server, &launched).await;
    assert_eq!(session.user.user_id, launched.user_id);
    assert_eq!(session.user.display_name, "Ada Lovelace");
    assert_eq!(session.user.role, Role::Learner);
    assert_eq!(session.course_id.as_str(), "astronomy-101");
    assert_eq!(session.lesson_id.unwrap().as_str(), "welcome");
    assert_eq!(session.embed_origins, ["https://lms.example.edu"]);
    assert_eq!(course_ids(&server, &session.token).await, ["astronomy-101"]);
    let manifest = server
        .get("/api/v1/courses/astronomy-101", Some(&session.token))
        .await;
    assert_eq!(manifest.status(), StatusCode::OK);

    let again = expect_problem(server.post_exchange(&launch_token).await, StatusCode::GONE).await;
    assert_eq!(again.kind(), Some(ProblemType::LaunchUsed));
    assert_eq!(
        again.title,
        "This launch link was already used. Open the course again from your LMS."
    );
    let unknown = expect_problem(
        server.post_exchange("not-a-launch-token").await,
        StatusCode::NOT_FOUND,
    )
    .await;
    assert_eq!(unknown.kind(), Some(ProblemType::NotFound));
    assert_eq!(server.count_rows("sessions").await, 1);
}

#[tokio::test]
async fn each_key_has_its_own_learners_and_none_reaches_a_local_account() {
    let server = start().await;
    let moodle = server.create_api_key("Moodle").await;
    let canvas = server.create_api_key("Canvas").await;
    let first = server
        .launch(&moodle.key, "student-42", "astronomy-101")
        .await;
    let again = server
        .launch(&moodle.key, " student-42 ", "night-sky-lab")
        .await;
    assert_eq!(again.user_id, first.user_id);
    let other_lms = server
        .launch(&canvas.key, "student-42", "astronomy-101")
        .await;
    assert_ne!(other_lms.user_id, first.user_id);

    let mut renamed = launch_body("student-42", "Ada King", "astronomy-101");
    renamed["role"] = json!("learner");
    let response = server.post_launch(&moodle.key, &renamed).await;
    let renamed: LaunchResponse = response.json().await.unwrap();
    let session = exchange(&server, &renamed).await;
    assert_eq!(session.user.display_name, "Ada King");
    let mut courses = course_ids(&server, &session.token).await;
    courses.sort();
    assert_eq!(courses, ["astronomy-101", "night-sky-lab"]);

    let local = server
        .launch(&moodle.key, "learner1", "astronomy-101")
        .await;
    assert_ne!(local.user_id.as_str(), "learner1");
    let learner1 = server.sign_in("learner1", "learner1").await;
    let response = server.get("/api/v1/courses", Some(&learner1)).await;
    assert_eq!(response.status(), StatusCode::OK);
    let name: String =
        sqlx::query_scalar("SELECT display_name FROM users WHERE user_id = 'learner1'")
            .fetch_one(&server.db)
            .await
            .unwrap();
    assert_eq!(name, "Learner One");
    assert_eq!(server.count_rows("lms_users").await, 3);
}

#[tokio::test]
async fn an_expired_launch_is_refused_and_stays_unused() {
    let server = start().await;
    let key = server.create_api_key("Moodle").await;
    let in_time = server.launch(&key.key, "student-1", "astronomy-101").await;
    let too_late = server.launch(&key.key, "student-2", "astronomy-101").await;
    server
        .clock
        .advance(LAUNCH_TTL - SignedDuration::from_millis(1));
    exchange(&server, &in_time).await;
    server.clock.advance(SignedDuration::from_millis(1));
    for _ in 0..2 {
        let response = server
            .post_exchange(&launch_token(&too_late.launch_url))
            .await;
        let expired = expect_problem(response, StatusCode::GONE).await;
        assert_eq!(expired.kind(), Some(ProblemType::LaunchExpired));
        assert!(expired.title.starts_with("This launch link has expired"));
        assert!(expired.detail.contains(&too_late.expires_at.to_string()));
    }
    let used: Option<i64> = sqlx::query_scalar("SELECT used_at FROM launches WHERE user_id = ?")
        .bind(too_late.user_id.as_str())
        .fetch_one(&server.db)
        .await
        .unwrap();
    assert_eq!(used, None);
}

#[tokio::test]
async fn a_revoked_key_cannot_launch_and_its_links_stop_working() {
    let server = start().await;
    let key = server.create_api_key("Moodle").await;
    let launched = server.launch(&key.key, "student-42", "astronomy-101").await;
    let revocation = apikey::revoke(&server.db, &key.api_key_id, server.clock.now())
        .await
        .unwrap();
    assert!(matches!(revocation, Revocation::Revoked(_)));

    let body = launch_body("student-42", "Ada", "astronomy-101");
    let response = server.post_launch(&key.key, &body).await;
    assert_eq!(response.headers()[WWW_AUTHENTICATE], "Bearer");
    let refused = expect_problem(response, StatusCode::UNAUTHORIZED).await;
    assert_eq!(refused.kind(), Some(ProblemType::Unauthorized));

    let response = server
        .post_exchange(&launch_token(&launched.launch_url))
        .await;
    let revoked = expect_problem(response, StatusCode::UNAUTHORIZED).await;
    assert_eq!(revoked.kind(), Some(ProblemType::LaunchRevoked));
    assert!(revoked.detail.contains("revoked"), "{}", revoked.detail);
    assert_eq!(server.count_rows("sessions").await, 0);
}

#[tokio::test]
async fn only_an_api_key_opens_the_launch_route() {
    let server = start().await;
    let key = server.create_api_key("Moodle").await;
    let session_token = server.sign_in("instructor1", "instructor1").await;
    let body = launch_body("student-42", "Ada", "astronomy-101");
    let disguised = format!("lk_{session_token}");
    for not_a_key in [session_token.as_str(), disguised.as_str(), "lk_", "garbage"] {
        let response = server.post_launch(not_a_key, &body).await;
        let problem = expect_problem(response, StatusCode::UNAUTHORIZED).await;
        assert_eq!(problem.kind(), Some(ProblemType::Unauthorized));
    }
    let without_key = server
        .client
        .post(server.url("/api/v1/launches"))
        .json(&body)
        .send()
        .await
        .unwrap();
    expect_problem(without_key, StatusCode::UNAUTHORIZED).await;
    // Nor is an API key a session token.
    let response = server.get("/api/v1/courses", Some(&key.key)).await;
    expect_problem(response, StatusCode::UNAUTHORIZED).await;
    assert_eq!(server.count_rows("launches").await, 0);
}

#[tokio::test]
async fn a_launch_names_a_stored_course_a_lesson_of_it_and_a_learner() {
    let server = start().await;
    let key = server.create_api_key("Moodle").await;
    let mut other_course_lesson = launch_body("student-42", "Ada", "astronomy-101");
    other_course_lesson["lesson_id"] = json!("star-hopping");
    let response = server.post_launch(&key.key, &other_course_lesson).await;
    let problem = expect_problem(response, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(problem.kind(), Some(ProblemType::InvalidLaunch));
    assert_eq!(problem.errors.len(), 1);
    assert_eq!(problem.errors[0].path, "$.lesson_id");
    assert!(problem.errors[0].message.contains("star-hopping"));

    let body = launch_body("student-42", "Ada", "no-such-course");
    let response = server.post_launch(&key.key, &body).await;
    let problem = expect_problem(response, StatusCode::NOT_FOUND).await;
    assert!(
        problem.detail.contains("\"no-such-course\""),
        "{}",
        problem.detail
    );

    for (learner_id, path) in [
        (" ".to_owned(), "$.learner_id"),
        ("x".repeat(129), "$.learner_id"),
    ] {
        let body = launch_body(&learner_id, "Ada", "astronomy-101");
        let response = server.post_launch(&key.key, &body).await;
        let problem = expect_problem(response, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert_eq!(problem.errors[0].path, path);
    }
    let mut admin = launch_body("student-42", "Ada", "astronomy-101");
    admin["role"] = json!("admin");
    expect_problem(
        server.post_launch(&key.key, &admin).await,
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert_eq!(server.count_rows("users").await, 4);
    assert_eq!(server.count_rows("launches").await, 0);
}

#[tokio::test]
async fn a_provisioned_account_cannot_sign_in_with_any_password() {
    let server = start().await;
    let key = server.create_api_key("Moodle").await;
    let launched = server.launch(&key.key, "student-42", "astronomy-101").await;
    let user_id = launched.user_id.as_str();
    for password in [
        "",
        user_id,
        "student-42",
        "Ada Lovelace",
        LAUNCH_ONLY_PASSWORD_HASH,
    ] {
        let response = server.post_session(user_id, password).await;
        let problem = expect_problem(response, StatusCode::UNAUTHORIZED).await;
        assert_eq!(
            problem.kind(),
            Some(ProblemType::BadCredentials),
            "{password:?}"
        );
    }
    // Exactly what an unknown user hears (and, unit-tested in `http::session`, after the
    // same Argon2 verification), so sign-in does not tell that the account exists.
    let unknown = server.post_session("lms-00000000000000000000000000000000", "x");
    let unknown = expect_problem(unknown.await, StatusCode::UNAUTHORIZED).await;
    let provisioned = server.post_session(user_id, "x").await;
    let provisioned = expect_problem(provisioned, StatusCode::UNAUTHORIZED).await;
    assert_eq!(provisioned, unknown);
}

#[tokio::test]
async fn the_exchange_names_the_origins_the_launching_key_allows() {
    let server = start().await;
    let origins = [
        Origin::parse("https://moodle.example.edu").unwrap(),
        Origin::parse("http://localhost:8000").unwrap(),
    ];
    let moodle = apikey::create(&server.db, "Moodle", &origins, server.clock.now())
        .await
        .unwrap();
    let headless = apikey::create(&server.db, "Headless", &[], server.clock.now())
        .await
        .unwrap();
    let other = server.create_api_key("Canvas").await;

    let launched = server
        .launch(&moodle.key, "student-1", "astronomy-101")
        .await;
    assert_eq!(
        exchange(&server, &launched).await.embed_origins,
        ["https://moodle.example.edu", "http://localhost:8000"]
    );
    let launched = server
        .launch(&headless.key, "student-2", "astronomy-101")
        .await;
    assert!(exchange(&server, &launched).await.embed_origins.is_empty());
    let launched = server
        .launch(&other.key, "student-3", "astronomy-101")
        .await;
    assert_eq!(
        exchange(&server, &launched).await.embed_origins,
        ["https://lms.example.edu"]
    );
}

#[tokio::test]
async fn instructors_teach_and_an_admin_is_never_lowered() {
    let server = start().await;
    let key = server.create_api_key("Moodle").await;
    let mut body = launch_body("teacher-7", "Grace Hopper", "astronomy-101");
    body["role"] = json!("instructor");
    let response = server.post_launch(&key.key, &body).await;
    let launched: LaunchResponse = response.json().await.unwrap();
    let user_id = launched.user_id.to_string();
    let session = exchange(&server, &launched).await;
    assert_eq!(session.user.role, Role::Instructor);
    let submissions = server
        .get(
            "/api/v1/quizzes/astronomy-101.planets-graded-quiz/submissions",
            Some(&session.token),
        )
        .await;
    assert_eq!(submissions.status(), StatusCode::OK);

    body["role"] = json!("learner");
    server.post_launch(&key.key, &body).await;
    assert_eq!(
        enrolment_role(&server, &user_id, "astronomy-101").await,
        "learner"
    );
    sqlx::query("UPDATE enrolments SET role = 'admin' WHERE user_id = ?")
        .bind(&user_id)
        .execute(&server.db)
        .await
        .unwrap();
    for role in ["learner", "instructor"] {
        body["role"] = json!(role);
        let response = server.post_launch(&key.key, &body).await;
        assert_eq!(response.status(), StatusCode::CREATED);
        assert_eq!(
            enrolment_role(&server, &user_id, "astronomy-101").await,
            "admin"
        );
    }
}

#[tokio::test]
async fn no_key_token_or_link_is_ever_logged() {
    let logs = captured_logs();
    let server = start().await;
    let key = server.create_api_key("Moodle").await;
    let launched = server.launch(&key.key, "student-42", "astronomy-101").await;
    let session = exchange(&server, &launched).await;
    course_ids(&server, &session.token).await;
    let used_token = launch_token(&launched.launch_url);
    expect_problem(server.post_exchange(&used_token).await, StatusCode::GONE).await;
    let revoked = server.launch(&key.key, "student-43", "astronomy-101").await;
    let revoked_token = launch_token(&revoked.launch_url);
    apikey::revoke(&server.db, &key.api_key_id, server.clock.now())
        .await
        .unwrap();
    let response = server.post_exchange(&revoked_token).await;
    expect_problem(response, StatusCode::UNAUTHORIZED).await;
    expect_problem(
        server
            .post_launch(&key.key, &launch_body("s", "S", "astronomy-101"))
            .await,
        StatusCode::UNAUTHORIZED,
    )
    .await;

    let logged = logs.text();
    assert!(logged.contains("launch link made"), "{logged}");
    assert!(
        logged.contains("launch exchanged for a session"),
        "{logged}"
    );
    for secret in [
        key.key.as_str(),
        &used_token,
        &session.token,
        &launched.launch_url,
        &revoked_token,
        &revoked.launch_url,
    ] {
        assert!(!logged.contains(secret), "{secret} was logged:\n{logged}");
    }
}
