//! JSON snapshots of the v1 wire format. A change to any of these is a change to the API
//! contract: it must stay backwards compatible or move to v2.
// Test code: `allow-unwrap-in-tests` does not reach helper functions outside `#[test]`.
#![allow(clippy::unwrap_used)]

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

fn attempt_id() -> AttemptId {
    AttemptId::parse("0f8fad5b-d9cb-469f-a165-70867728950e").unwrap()
}

fn at(text: &str) -> jiff::Timestamp {
    text.parse().unwrap()
}

fn submitted_attempt() -> AttemptView {
    use lectern_core::quiz::{Answer, ChoiceId, Outcome, PartResult, Score};
    let answers = [
        (
            "capital".to_owned(),
            Answer::SingleChoice(ChoiceId::new("paris")),
        ),
        (
            "blanks".to_owned(),
            Answer::FillBlanks([("one".to_owned(), "Earth".to_owned())].into()),
        ),
        ("essay".to_owned(), Answer::Essay("Far away.".to_owned())),
    ]
    .into();
    AttemptView {
        attempt_id: attempt_id(),
        quiz_id: QuizId::parse("astronomy-101.planets-graded-quiz").unwrap(),
        attempt_number: 2,
        seed: Seed(18_446_744_073_709_551_615),
        started_at: at("2027-01-12T18:00:00Z"),
        deadline_at: Some(at("2027-01-12T18:20:00Z")),
        status: AttemptStatus::Submitted,
        answers,
        submitted_at: Some(at("2027-01-12T18:14:05.250Z")),
        client_submitted_at: Some(at("2027-01-12T18:14:03Z")),
        is_late: false,
        has_ignored_late_answers: true,
        late_copy_of: None,
        result: Some(AttemptResult {
            score_millipoints: Score::from_millipoints(2_500),
            possible_millipoints: Score::from_points(8),
            is_passed: None,
            needs_review: true,
            questions: vec![
                QuestionResult {
                    question_id: "capital".into(),
                    outcome: Some(Outcome::Correct),
                    awarded_millipoints: Some(Score::from_points(2)),
                    possible_millipoints: Some(Score::from_points(2)),
                    per_part: Vec::new(),
                    explanation: Some("Paris.".into()),
                    instructor_feedback: None,
                },
                QuestionResult {
                    question_id: "blanks".into(),
                    outcome: Some(Outcome::PartiallyCorrect),
                    awarded_millipoints: Some(Score::from_millipoints(500)),
                    possible_millipoints: Some(Score::from_points(1)),
                    per_part: vec![
                        PartResult {
                            part_id: "one".into(),
                            is_answered: true,
                            is_correct: true,
                        },
                        PartResult {
                            part_id: "two".into(),
                            is_answered: false,
                            is_correct: false,
                        },
                    ],
                    explanation: None,
                    instructor_feedback: None,
                },
                QuestionResult {
                    question_id: "essay".into(),
                    outcome: Some(Outcome::NeedsReview),
                    awarded_millipoints: Some(Score::ZERO),
                    possible_millipoints: Some(Score::from_points(5)),
                    per_part: Vec::new(),
                    explanation: None,
                    instructor_feedback: Some("Say more about distances.".into()),
                },
            ],
        }),
    }
}

#[test]
fn attempt_requests() {
    use lectern_core::quiz::{Answer, ChoiceId};
    let start = StartAttemptRequest {
        attempt_id: attempt_id(),
        seed: Some(Seed(42)),
    };
    insta::assert_json_snapshot!("start_attempt_request", start);
    let save = SaveAnswersRequest {
        answers: [
            ("tf".to_owned(), Answer::TrueFalse(false)),
            (
                "pairs".to_owned(),
                Answer::Matching(vec![(ChoiceId::new("mars"), ChoiceId::new("red-dust"))]),
            ),
            (
                "order".to_owned(),
                Answer::Ordering(vec![ChoiceId::new("mercury"), ChoiceId::new("venus")]),
            ),
            ("number".to_owned(), Answer::Numeric("2,5".into())),
        ]
        .into(),
    };
    insta::assert_json_snapshot!("save_answers_request", save);
    let submit = SubmitAttemptRequest {
        answers: [(
            "multi".to_owned(),
            Answer::MultipleResponse(vec![ChoiceId::new("a"), ChoiceId::new("c")]),
        )]
        .into(),
        client_submitted_at: Some(at("2027-01-12T18:14:03Z")),
    };
    insta::assert_json_snapshot!("submit_attempt_request", submit);
    let review = ReviewRequest {
        awarded_millipoints: lectern_core::quiz::Score::from_millipoints(4_500),
        feedback: "Well argued.".into(),
    };
    insta::assert_json_snapshot!("review_request", review);
    let minimal: SubmitAttemptRequest = serde_json::from_str("{}").unwrap();
    assert!(minimal.answers.is_empty() && minimal.client_submitted_at.is_none());
}

#[test]
fn attempt_view() {
    let view = submitted_attempt();
    insta::assert_json_snapshot!(view);
    let json = serde_json::to_string(&view).unwrap();
    assert_eq!(serde_json::from_str::<AttemptView>(&json).unwrap(), view);
}

#[test]
fn attempt_in_progress() {
    let view = AttemptView {
        status: AttemptStatus::InProgress,
        deadline_at: None,
        submitted_at: None,
        client_submitted_at: None,
        has_ignored_late_answers: false,
        late_copy_of: None,
        result: None,
        answers: Default::default(),
        ..submitted_attempt()
    };
    insta::assert_json_snapshot!(view);
}

#[test]
fn attempt_and_submission_lists() {
    let list = AttemptList {
        attempts: vec![submitted_attempt()],
        attempts_remaining: Some(1),
        server_time: at("2027-01-12T18:30:00Z"),
    };
    insta::assert_json_snapshot!("attempt_list", list);
    let submissions = SubmissionList {
        submissions: vec![Submission {
            learner: LearnerRef {
                user_id: UserId::parse("learner1").unwrap(),
                display_name: "Learner One".into(),
            },
            attempt: submitted_attempt(),
        }],
    };
    insta::assert_json_snapshot!("submission_list", submissions);
}

#[test]
fn quiz_problems() {
    let problem = ProblemDetails::new(
        ProblemType::InvalidAnswer,
        "An answer does not fit its question. Nothing was saved.",
    )
    .with_errors(vec![FieldProblem {
        path: "$.answers.capital".into(),
        message: "the question is single_choice, but the answer is true_false".into(),
    }]);
    insta::assert_json_snapshot!("invalid_answer_problem", problem);
    let statuses: Vec<(&str, u16)> = [
        ProblemType::QuizNotOpen,
        ProblemType::QuizClosed,
        ProblemType::AttemptLimitReached,
        ProblemType::AttemptClosed,
        ProblemType::InvalidAnswer,
        ProblemType::InvalidReview,
    ]
    .iter()
    .map(|t| (t.uri(), t.status()))
    .collect();
    insta::assert_json_snapshot!("quiz_problem_types", statuses);
}

#[test]
fn rate_limited_problem() {
    let problem = ProblemDetails::new(
        ProblemType::RateLimited,
        "Too many requests from your network address: wait 2 seconds and try again.",
    );
    assert_eq!(problem.kind(), Some(ProblemType::RateLimited));
    insta::assert_json_snapshot!("rate_limited_problem", problem);
}
