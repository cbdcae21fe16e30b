//! Grading over real HTTP on a real SQLite file: a grade with feedback that reaches the
//! learner and notifies them, re-grades kept as versions, grades that do not fit, another
//! learner who never sees the work, its files or its grade, and the order of the grading
//! queue.
// Test code: `allow-unwrap-in-tests` does not reach helper functions outside `#[test]`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::assignments::{
    assignment_server, at, file_bytes, submission_id, submitted_event, TestFile, COURSE, ESSAY,
    REPORT,
};
use common::expect_problem;
use lectern_api::v1::{EventStatus, ProblemType};
use lectern_core::user::Role;
use lectern_core::{CourseId, UserId};
use lectern_server::db;
use reqwest::StatusCode;
use serde_json::Value;

#[tokio::test]
async fn a_grade_with_feedback_reaches_the_learner_and_notifies_them() {
    let server = assignment_server().await;
    let learner = server.sign_in("learner1", "learner1").await;
    let teacher = server.sign_in("instructor1", "instructor1").await;
    let event = submitted_event(1, 1, 0, ESSAY, "The Moon has phases.", &[]);
    server.hand_in(&learner, event).await;
    server.clock.set(at(3_600));
    let feedback = "Well **observed**.\n\n- Mention the terminator next time.";
    let graded = server
        .put_grade(&teacher, &submission_id(1), 18, feedback)
        .await;
    assert_eq!(graded.status(), StatusCode::OK);
    let view = server.assignment(&learner, ESSAY).await;
    assert_eq!(view["state"], "graded");
    let grade = &view["submissions"][0]["grade"];
    assert_eq!(grade["score"], 18);
    assert_eq!(grade["max_points"], 20);
    assert_eq!(grade["final_score_millipoints"], 18_000);
    assert_eq!(grade["feedback"], feedback);
    assert_eq!(grade["grader"], "Instructor One");
    assert_eq!(grade["graded_at"], at(3_600).to_string());
    assert_eq!(grade["grade_version"], 1);
    let notifications: Vec<(String, String, String, String, Option<String>)> = sqlx::query_as(
        "SELECT user_id, kind, subject_key, title, actor FROM notifications \
         WHERE kind = 'graded' ORDER BY created_at",
    )
    .fetch_all(&server.db)
    .await
    .unwrap();
    let graded_key = format!("graded:{}:1", submission_id(1));
    assert_eq!(
        notifications,
        [(
            "learner1".to_owned(),
            "graded".to_owned(),
            graded_key,
            "Essay on the Moon".to_owned(),
            Some("Instructor One".to_owned())
        )]
    );

    // A re-grade is a new version, and tells the learner again; the same grade sent again
    // is nothing new.
    server.clock.set(at(7_200));
    for _ in 0..2 {
        let regraded: Value = server
            .put_grade(&teacher, &submission_id(1), 15, "On reflection: fine.")
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(regraded["grade"]["grade_version"], 2);
        assert_eq!(regraded["grade"]["score"], 15);
    }
    assert_eq!(server.count_rows("submission_grades").await, 2);
    let graded_notices: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM notifications WHERE kind = 'graded'")
            .fetch_one(&server.db)
            .await
            .unwrap();
    assert_eq!(graded_notices, 2);

    let too_many = server.put_grade(&teacher, &submission_id(1), 21, "").await;
    let problem = expect_problem(too_many, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(problem.kind(), Some(ProblemType::InvalidGrade));
    assert_eq!(
        problem.detail,
        "The assignment is worth at most 20 points, so 21 cannot be given."
    );
    let by_the_learner = server.put_grade(&learner, &submission_id(1), 20, "").await;
    expect_problem(by_the_learner, StatusCode::NOT_FOUND).await;
    assert_eq!(server.count_rows("submission_grades").await, 2);
}

#[tokio::test]
async fn another_learner_never_sees_the_work_its_files_or_its_grade() {
    let server = assignment_server().await;
    let learner = server.sign_in("learner1", "learner1").await;
    let classmate = server.sign_in("learner2", "learner2").await;
    let teacher = server.sign_in("instructor1", "instructor1").await;
    let chart = TestFile::pdf(1, "secret-chart.pdf", 100);
    server
        .upload_whole(&learner, &chart, &file_bytes(100))
        .await;
    let event = submitted_event(1, 1, 0, REPORT, "Only for my teacher.", &[&chart]);
    server.hand_in(&learner, event).await;
    server
        .put_grade(&teacher, &submission_id(1), 9, "Private feedback.")
        .await;

    let view = server.get_assignment(&classmate, REPORT).await;
    let text = view.text().await.unwrap();
    for secret in ["Only for my teacher", "secret-chart", "Private feedback"] {
        assert!(!text.contains(secret), "{secret}: {text}");
    }
    let missing = submission_id(99);
    let theirs = server
        .put_grade(&classmate, &submission_id(1), 10, "")
        .await;
    let absent = server.put_grade(&classmate, &missing, 10, "").await;
    assert_eq!(theirs.status(), StatusCode::NOT_FOUND);
    assert_eq!(theirs.text().await.unwrap(), absent.text().await.unwrap());
    let queue = server.grading_queue(&classmate, REPORT).await;
    expect_problem(queue, StatusCode::NOT_FOUND).await;
    let content = server.upload_content(&classmate, &chart.upload_id).await;
    expect_problem(content, StatusCode::NOT_FOUND).await;
}

#[tokio::test]
async fn the_grading_queue_puts_ungraded_work_first_then_the_oldest() {
    let server = assignment_server().await;
    let course_id = CourseId::parse(COURSE).unwrap();
    let mut conn = server.db.acquire().await.unwrap();
    let learner3_id = UserId::parse("learner3").unwrap();
    db::enrolments::enrol(&mut conn, &learner3_id, &course_id, Role::Learner)
        .await
        .unwrap();
    drop(conn);
    let learner1 = server.sign_in("learner1", "learner1").await;
    let learner2 = server.sign_in("learner2", "learner2").await;
    let learner3 = server.sign_in("learner3", "learner3").await;
    let teacher = server.sign_in("instructor1", "instructor1").await;
    for (n, token, seconds) in [
        (1, &learner1, 0),
        (2, &learner2, 30),
        (3, &learner3, 60),
        (4, &learner1, 120),
    ] {
        server.clock.set(at(seconds));
        let event = submitted_event(n, u64::from(n), seconds, ESSAY, "Work.", &[]);
        assert_eq!(
            server.hand_in(token, event).await,
            (EventStatus::Stored, None)
        );
    }
    server.put_grade(&teacher, &submission_id(2), 12, "").await;
    let queue: Value = server
        .grading_queue(&teacher, ESSAY)
        .await
        .json()
        .await
        .unwrap();
    let order: Vec<(&str, &str, u64)> = queue["submissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|queued| {
            (
                queued["learner"]["display_name"].as_str().unwrap(),
                queued["submission"]["submission_id"].as_str().unwrap(),
                queued["submission_count"].as_u64().unwrap(),
            )
        })
        .collect();
    let (two, three, four) = (submission_id(2), submission_id(3), submission_id(4));
    assert_eq!(
        order,
        [
            ("Learner Three", three.as_str(), 1),
            ("Learner One", four.as_str(), 2),
            ("Learner Two", two.as_str(), 1),
        ]
    );
    assert_eq!(queue["max_points"], 20);
}
