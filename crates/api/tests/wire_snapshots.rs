//! JSON snapshots of the v1 wire format. A change to any of these is a change to the API
//! contract: it must stay backwards compatible or move to v2.

use lectern_api::v1::*;
use lectern_core::{parse_manifest, user::Role, CourseId, UserId};

#[test]
fn session_response() {
    let response = SessionResponse {
        token: "t0k3n".into(),
        user: UserProfile {
            user_id: UserId::parse("learner1").unwrap(),
            display_name: "Learner One".into(),
            role: Role::Learner,
        },
    };
    insta::assert_json_snapshot!(response);
}

#[test]
fn course_list() {
    let list = CourseList {
        courses: vec![CourseSummary {
            course_id: CourseId::parse("astro-101").unwrap(),
            title: "Astronomy".into(),
            summary: "Stars".into(),
            language: "en".into(),
            module_count: 2,
            lesson_count: 5,
        }],
    };
    insta::assert_json_snapshot!(list);
}

#[test]
fn problem_details() {
    let problem = ProblemDetails::new(ProblemType::InvalidCourse, "the course has 1 problem")
        .with_errors(vec![FieldProblem {
            path: "$.title".into(),
            message: "\"title\" must not be empty".into(),
        }]);
    insta::assert_json_snapshot!(problem);
    assert_eq!(problem.kind(), Some(ProblemType::InvalidCourse));
}

#[test]
fn manifest_is_the_canonical_course() {
    let course = parse_manifest(
        r#"{"schema_version":1,"course_id":"c","title":"C","modules":[{"module_id":"m","title":"M","lessons":[
            {"lesson_id":"l","title":"L","kind":"text","body":"Hi","unknown":true},
            {"lesson_id":"v","title":"V","kind":"video","media_url":"/media/v.webm"}]}]}"#,
    )
    .unwrap();
    insta::assert_json_snapshot!(course);
    assert_eq!(CourseSummary::from(&course).lesson_count, 2);
}

#[test]
fn unknown_fields_are_tolerated() {
    let request: SignInRequest =
        serde_json::from_str(r#"{"username":"a","password":"b","remember":true}"#).unwrap();
    assert_eq!(request.username, "a");
    let problem: ProblemDetails = serde_json::from_str(
        r#"{"type":"/problems/not-found","title":"Not found","status":404,"instance":"/x"}"#,
    )
    .unwrap();
    assert_eq!(problem.kind(), Some(ProblemType::NotFound));
}

#[test]
fn every_problem_type_has_a_distinct_uri_and_an_error_status() {
    let mut uris: Vec<&str> = ProblemType::ALL.iter().map(|t| t.uri()).collect();
    uris.sort_unstable();
    uris.dedup();
    assert_eq!(uris.len(), ProblemType::ALL.len());
    assert!(ProblemType::ALL.iter().all(|t| t.status() >= 400));
}
