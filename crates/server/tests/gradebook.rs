//! The gradebook over real HTTP on a real SQLite file: the numbers of a seeded scenario
//! (lessons completed, best and latest quiz scores, an assignment grade less its late
//! penalty, last activity), the CSV export with its quoting and formulas made inert, who may
//! read it, and the demo's learner activity.
// Test code: `allow-unwrap-in-tests` does not reach helper functions outside `#[test]`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::assignments::{
    assignment_server, at, submission_id, submitted_event, COURSE, DAY, ESSAY, QUIZ,
};
use common::{expect_problem, start, TestServer};
use lectern_api::v1::EventStatus;
use lectern_server::demo;
use reqwest::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

/// A `completed` event for `lesson` of the test course.
fn completed(n: u32, sequence: u64, lesson: &str) -> Value {
    json!({
        "event_id": format!("00000000-0000-4000-d000-{n:012}"),
        "device_id": common::events::LAPTOP, "sequence": sequence,
        "occurred_at": at(0).to_string(), "course_id": COURSE, "lesson_id": lesson,
        "kind": "completed",
    })
}

/// Starts attempt `n` at the test quiz and submits it with `full` and `new` as the answers.
async fn quiz_attempt(server: &TestServer, token: &str, n: u32, full: bool, new: bool) {
    let attempt_id = format!("00000000-0000-4000-e000-{n:012}");
    let start = format!("/api/v1/quizzes/{COURSE}.{QUIZ}/attempts");
    let body = json!({"attempt_id": attempt_id});
    let started = server.send(Method::POST, &start, token, Some(&body)).await;
    assert_eq!(started.status(), StatusCode::CREATED);
    let answers = json!({"answers": {
        "full": {"kind": "true_false", "value": full},
        "new": {"kind": "true_false", "value": new},
    }});
    let submit = format!("/api/v1/attempts/{attempt_id}/submit");
    let submitted = server
        .send(Method::POST, &submit, token, Some(&answers))
        .await;
    assert_eq!(submitted.status(), StatusCode::OK);
}

/// learner1 completes two lessons, makes two quiz attempts (half right, then all), and
/// hands in the essay two days and an hour late (the third late day), graded 15 of 20;
/// learner2 does nothing.
async fn seeded_scenario() -> TestServer {
    let server = assignment_server().await;
    let learner = server.sign_in("learner1", "learner1").await;
    let teacher = server.sign_in("instructor1", "instructor1").await;
    let batch = [completed(1, 1, "intro"), completed(2, 2, "talk")];
    server.send_batch(&learner, &batch).await;
    quiz_attempt(&server, &learner, 1, true, true).await;
    server.clock.set(at(60));
    quiz_attempt(&server, &learner, 2, true, false).await;
    server.clock.set(at(3 * DAY + 3_600));
    let event = submitted_event(1, 3, 0, ESSAY, "The Moon.", &[]);
    assert_eq!(
        server.hand_in(&learner, event).await,
        (EventStatus::Stored, None)
    );
    let graded = server
        .put_grade(&teacher, &submission_id(1), 15, "Fine.")
        .await;
    assert_eq!(graded.status(), StatusCode::OK);
    server
}

#[tokio::test]
async fn the_gradebook_adds_up_a_seeded_scenario() {
    let server = seeded_scenario().await;
    let teacher = server.sign_in("instructor1", "instructor1").await;
    let response = server
        .get(
            &format!("/api/v1/courses/{COURSE}/gradebook"),
            Some(&teacher),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let gradebook: Value = response.json().await.unwrap();
    assert_eq!(gradebook["course_title"], "Assignment lab");
    assert_eq!(gradebook["lesson_count"], 5);
    assert_eq!(
        gradebook["quiz_columns"],
        json!([{"lesson_id": QUIZ, "title": "Phases quiz"}])
    );
    assert_eq!(
        gradebook["assignment_columns"],
        json!([
            {"lesson_id": ESSAY, "title": "Essay on the Moon", "max_points": 20},
            {"lesson_id": "report", "title": "Observation report", "max_points": 10}
        ])
    );
    let rows = gradebook["learners"].as_array().unwrap();
    assert_eq!(rows.len(), 2, "learners only: {rows:?}");
    let one = &rows[0];
    assert_eq!(one["learner"]["display_name"], "Learner One");
    assert_eq!(one["lessons_completed"], 2);
    assert_eq!(one["last_activity_at"], at(3 * DAY + 3_600).to_string());
    assert_eq!(
        one["quizzes"][0],
        json!({"lesson_id": QUIZ, "attempts_submitted": 2, "best_score_millipoints": 4000,
               "latest_score_millipoints": 4000, "possible_millipoints": 4000,
               "needs_review": false})
    );
    assert_eq!(
        one["assignments"][0],
        json!({"lesson_id": ESSAY, "state": "graded", "submission_id": submission_id(1),
               "score": 15, "final_score_millipoints": 10500, "days_late": 3,
               "penalty_percent": 30})
    );
    assert_eq!(
        one["assignments"][1],
        json!({"lesson_id": "report", "state": "not_submitted", "days_late": 0,
               "penalty_percent": 0})
    );
    let two = &rows[1];
    assert_eq!(two["learner"]["user_id"], "learner2");
    assert_eq!(two["lessons_completed"], 0);
    assert!(two.get("last_activity_at").is_none());
    assert_eq!(two["quizzes"][0]["attempts_submitted"], 0);
    assert!(two["quizzes"][0].get("best_score_millipoints").is_none());
}

#[tokio::test]
async fn the_best_and_the_latest_quiz_score_can_differ() {
    let server = assignment_server().await;
    let learner = server.sign_in("learner1", "learner1").await;
    let teacher = server.sign_in("instructor1", "instructor1").await;
    quiz_attempt(&server, &learner, 1, true, true).await;
    server.clock.set(at(60));
    quiz_attempt(&server, &learner, 2, true, false).await;
    server.clock.set(at(120));
    quiz_attempt(&server, &learner, 3, false, true).await;
    let gradebook: Value = server
        .get(
            &format!("/api/v1/courses/{COURSE}/gradebook"),
            Some(&teacher),
        )
        .await
        .json()
        .await
        .unwrap();
    let quiz = &gradebook["learners"][0]["quizzes"][0];
    assert_eq!(quiz["attempts_submitted"], 3);
    assert_eq!(quiz["best_score_millipoints"], 4000);
    assert_eq!(quiz["latest_score_millipoints"], 0);
}

#[tokio::test]
async fn the_csv_quotes_what_it_must_and_makes_formulas_inert() {
    let server = seeded_scenario().await;
    for (user_id, display_name) in [
        ("learner1", "Lovelace, Ada"),
        ("learner2", "=HYPERLINK(\"http://evil.example\",\"click\")"),
    ] {
        sqlx::query("UPDATE users SET display_name = ? WHERE user_id = ?")
            .bind(display_name)
            .bind(user_id)
            .execute(&server.db)
            .await
            .unwrap();
    }
    let teacher = server.sign_in("instructor1", "instructor1").await;
    let response = server
        .get(
            &format!("/api/v1/courses/{COURSE}/gradebook.csv"),
            Some(&teacher),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()[CONTENT_TYPE], "text/csv; charset=utf-8");
    assert_eq!(
        response.headers()[CONTENT_DISPOSITION],
        "attachment; filename=\"assign-lab-gradebook.csv\""
    );
    let csv = response.text().await.unwrap();
    assert!(csv.ends_with("\r\n"));
    assert!(
        !csv.replace("\r\n", "").contains('\n'),
        "records end with CRLF"
    );
    let records: Vec<&str> = csv.trim_end_matches("\r\n").split("\r\n").collect();
    assert_eq!(
        records,
        [
            "learner_id,learner,lessons_completed (of 5),last_activity_at,\
             Phases quiz: best score,Phases quiz: points possible,Phases quiz: attempts,\
             \"Essay on the Moon: points of 20, late penalty applied\",\
             Essay on the Moon: state,Essay on the Moon: late penalty %,\
             \"Observation report: points of 10, late penalty applied\",\
             Observation report: state,Observation report: late penalty %",
            "learner2,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\",0,,,,0,,\
             not_submitted,0,,not_submitted,0",
            "learner1,\"Lovelace, Ada\",2,2030-01-13T10:00:00Z,4,4,2,10.5,graded,30,,\
             not_submitted,0",
        ]
    );
}

#[tokio::test]
async fn only_those_who_teach_the_course_read_its_gradebook() {
    let server = seeded_scenario().await;
    let learner = server.sign_in("learner1", "learner1").await;
    for path in [
        format!("/api/v1/courses/{COURSE}/gradebook"),
        format!("/api/v1/courses/{COURSE}/gradebook.csv"),
        "/api/v1/courses/no-such-course/gradebook".to_owned(),
    ] {
        let response = server.get(&path, Some(&learner)).await;
        let problem = expect_problem(response, StatusCode::NOT_FOUND).await;
        assert_eq!(
            problem.detail,
            "There is nothing here, or you may not see it."
        );
    }
    let anonymous = server
        .get(&format!("/api/v1/courses/{COURSE}/gradebook"), None)
        .await;
    expect_problem(anonymous, StatusCode::UNAUTHORIZED).await;
}

#[tokio::test]
async fn the_demo_gradebook_shows_learner2s_graded_star_journal() {
    let server = start().await;
    demo::seed_learner_activity(&server.db).await.unwrap();
    // Once only.
    demo::seed_learner_activity(&server.db).await.unwrap();
    assert_eq!(server.count_rows("assignment_submissions").await, 1);
    let teacher = server.sign_in("instructor1", "instructor1").await;
    let gradebook: Value = server
        .get("/api/v1/courses/astronomy-101/gradebook", Some(&teacher))
        .await
        .json()
        .await
        .unwrap();
    let names: Vec<&str> = gradebook["learners"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| row["learner"]["display_name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Learner One", "Learner Three", "Learner Two"]);
    let learner2 = &gradebook["learners"][2];
    assert_eq!(learner2["lessons_completed"], 2);
    assert_eq!(learner2["last_activity_at"], "2026-11-24T20:15:00Z");
    let journal = &learner2["assignments"][0];
    assert_eq!(journal["lesson_id"], "star-journal");
    assert_eq!(journal["state"], "graded");
    assert_eq!(journal["score"], 17);
    assert_eq!(journal["final_score_millipoints"], 17_000);
    assert_eq!(
        gradebook["assignment_columns"][0]["max_points"], 20,
        "the demo's star journal is out of 20"
    );
    let token = server.sign_in("learner2", "learner2").await;
    let view: Value = server
        .get(
            "/api/v1/assignments/astronomy-101.star-journal",
            Some(&token),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(view["submissions"][0]["grade"]["grader"], "Instructor One");
    assert_eq!(view["resubmit"], true);
    assert_eq!(
        view["late_policy"],
        json!({"kind": "penalty", "percent_per_day": 10, "max_percent": 50})
    );
}
