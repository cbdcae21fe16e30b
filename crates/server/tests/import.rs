//! Importing courses, through the library and through the real `import` and `enrol`
//! commands, and seeding the demo: bad input writes nothing, good input is served.
// Test code: `allow-unwrap-in-tests` does not reach helper functions outside `#[test]`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::start;
use lectern_api::v1::CourseList;
use lectern_server::import::{import_manifest, ImportError};
use lectern_server::{db, demo};
use reqwest::StatusCode;
use std::path::Path;
use std::process::{Command, Output};

const BAD_COURSE: &str = r#"{"schema_version":1,"course_id":"bad course","title":" ","modules":[
    {"module_id":"m","title":"M","lessons":[{"lesson_id":"l","title":"L","kind":"video","media_url":"javascript:alert(1)"}]}]}"#;

const GOOD_COURSE: &str = r#"{"schema_version":1,"course_id":"comets","title":"Comets","summary":"Dirty snowballs.",
    "modules":[{"module_id":"m","title":"M","lessons":[{"lesson_id":"l","title":"L","kind":"text","body":"Hello"}]}]}"#;

fn server_command(db_path: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lectern-server"))
        .arg("--db")
        .arg(db_path)
        .args(args)
        .output()
        .unwrap()
}

async fn course_rows(db: &sqlx::SqlitePool) -> Vec<(String, String)> {
    sqlx::query_as("SELECT course_id, manifest_json FROM courses ORDER BY course_id")
        .fetch_all(db)
        .await
        .unwrap()
}

#[tokio::test]
async fn the_import_function_rejects_a_bad_course_and_writes_nothing() {
    let server = start().await;
    let before = course_rows(&server.db).await;
    let Err(ImportError::Invalid(problems)) = import_manifest(&server.db, BAD_COURSE).await else {
        panic!("a bad course was accepted");
    };
    let paths: Vec<&str> = problems
        .problems()
        .iter()
        .map(|p| p.path.as_str())
        .collect();
    assert_eq!(
        paths,
        [
            "$.course_id",
            "$.title",
            "$.modules[0].lessons[0].media_url"
        ]
    );
    assert_eq!(course_rows(&server.db).await, before);
}

#[tokio::test]
async fn the_import_command_prints_every_problem_and_writes_nothing() {
    let server = start().await;
    let before = course_rows(&server.db).await;
    let manifest = server.db_path.with_file_name("bad.json");
    std::fs::write(&manifest, BAD_COURSE).unwrap();
    let output = server_command(&server.db_path, &["import", manifest.to_str().unwrap()]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    for path in [
        "$.course_id: ",
        "$.title: ",
        "$.modules[0].lessons[0].media_url: ",
    ] {
        assert!(stderr.contains(path), "{path} missing from:\n{stderr}");
    }
    assert_eq!(course_rows(&server.db).await, before);
    let fresh_db = server.db_path.with_file_name("never-created.db");
    assert!(
        !server_command(&fresh_db, &["import", manifest.to_str().unwrap()])
            .status
            .success()
    );
    assert!(!fresh_db.exists(), "a rejected import created a database");
}

#[tokio::test]
async fn an_imported_course_is_served_to_users_enrolled_in_it() {
    let server = start().await;
    let manifest = server.db_path.with_file_name("comets.json");
    std::fs::write(&manifest, GOOD_COURSE).unwrap();
    let imported = server_command(&server.db_path, &["import", manifest.to_str().unwrap()]);
    assert!(
        imported.status.success(),
        "{}",
        String::from_utf8_lossy(&imported.stderr)
    );
    assert_eq!(server.count_rows("courses").await, 3);
    let token = server.sign_in("learner2", "learner2").await;
    assert_eq!(
        server
            .get("/api/v1/courses/comets", Some(&token))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );

    let enrolled = server_command(&server.db_path, &["enrol", "learner2", "comets"]);
    assert!(
        enrolled.status.success(),
        "{}",
        String::from_utf8_lossy(&enrolled.stderr)
    );
    let list: CourseList = server
        .get("/api/v1/courses", Some(&token))
        .await
        .json()
        .await
        .unwrap();
    let ids: Vec<&str> = list.courses.iter().map(|c| c.course_id.as_str()).collect();
    assert_eq!(ids, ["comets", "astronomy-101"]);
    assert_eq!(
        server
            .get("/api/v1/courses/comets", Some(&token))
            .await
            .status(),
        StatusCode::OK
    );

    // Importing again replaces the course and keeps its enrolments.
    std::fs::write(
        &manifest,
        GOOD_COURSE.replace("\"Comets\"", "\"Comets and meteors\""),
    )
    .unwrap();
    assert!(
        server_command(&server.db_path, &["import", manifest.to_str().unwrap()])
            .status
            .success()
    );
    let list: CourseList = server
        .get("/api/v1/courses", Some(&token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list.courses[0].title, "Comets and meteors");
    assert_eq!(server.count_rows("courses").await, 3);
}

#[tokio::test]
async fn enrolling_needs_an_existing_user_and_course() {
    let server = start().await;
    for args in [
        ["enrol", "nobody", "astronomy-101"],
        ["enrol", "learner2", "no-such-course"],
    ] {
        let output = server_command(&server.db_path, &args);
        assert!(!output.status.success(), "{args:?}");
    }
    assert_eq!(server.count_rows("enrolments").await, 6);
}

#[tokio::test]
async fn seeding_the_demo_twice_changes_nothing() {
    let scratch = tempfile::tempdir().unwrap();
    let db_path = scratch.path().join("demo.db");
    let pool = db::open(db_path.to_str().unwrap()).await.unwrap();
    assert_eq!(demo::seed(&pool).await.unwrap(), demo::SeedOutcome::Seeded);
    let snapshot = |pool: sqlx::SqlitePool| async move {
        let users: Vec<(String, String)> =
            sqlx::query_as("SELECT user_id, password_hash FROM users ORDER BY user_id")
                .fetch_all(&pool)
                .await
                .unwrap();
        let enrolments: Vec<(String, String, String)> = sqlx::query_as(
            "SELECT user_id, course_id, role FROM enrolments ORDER BY user_id, course_id",
        )
        .fetch_all(&pool)
        .await
        .unwrap();
        (users, enrolments, course_rows(&pool).await)
    };
    let first = snapshot(pool.clone()).await;
    assert_eq!((first.0.len(), first.1.len(), first.2.len()), (4, 6, 2));
    pool.close().await;

    // A restart opens the same file again and seeds again.
    let pool = db::open(db_path.to_str().unwrap()).await.unwrap();
    assert_eq!(
        demo::seed(&pool).await.unwrap(),
        demo::SeedOutcome::AlreadyPopulated
    );
    assert_eq!(snapshot(pool.clone()).await, first);
}

#[tokio::test]
async fn an_older_demo_course_is_brought_up_to_date_and_enrolments_stay() {
    let scratch = tempfile::tempdir().unwrap();
    let pool = db::open(scratch.path().join("old.db").to_str().unwrap())
        .await
        .unwrap();
    assert_eq!(demo::seed(&pool).await.unwrap(), demo::SeedOutcome::Seeded);
    // What an older version stored: a manifest this version no longer writes.
    sqlx::query("UPDATE courses SET manifest_json = '{\"old\": true}', title = 'Old' WHERE course_id = 'astronomy-101'")
        .execute(&pool)
        .await
        .unwrap();
    let courses_before = course_rows(&pool).await.len();
    assert_eq!(
        demo::seed(&pool).await.unwrap(),
        demo::SeedOutcome::DemoCoursesUpdated(1)
    );
    let stored: String =
        sqlx::query_scalar("SELECT manifest_json FROM courses WHERE course_id = 'astronomy-101'")
            .fetch_one(&pool)
            .await
            .unwrap();
    let current = demo::courses().unwrap().remove(0);
    assert_eq!(stored, serde_json::to_string(&current).unwrap());
    assert_eq!(course_rows(&pool).await.len(), courses_before);
    let enrolled: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM enrolments")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(enrolled, 6, "enrolments are untouched");
    // Up to date now: a further start changes nothing.
    assert_eq!(
        demo::seed(&pool).await.unwrap(),
        demo::SeedOutcome::AlreadyPopulated
    );
}

#[tokio::test]
async fn the_demo_is_not_seeded_into_a_database_with_courses() {
    let scratch = tempfile::tempdir().unwrap();
    let pool = db::open(scratch.path().join("x.db").to_str().unwrap())
        .await
        .unwrap();
    import_manifest(&pool, GOOD_COURSE).await.unwrap();
    assert_eq!(
        demo::seed(&pool).await.unwrap(),
        demo::SeedOutcome::AlreadyPopulated
    );
    let users: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(users, 0);
}
