//! Table tests for assignment lessons in a manifest: the defaults of a bare assignment, a
//! full one read into its late policy, resubmission, points and submission rules, and each
//! malformed field rejected with the problem's kind at its JSON path.
#![allow(clippy::unwrap_used)] // test helpers outside #[test] fns

use lectern_core::assignment::{Assignment, AssignmentRules, FileRules};
use lectern_core::calendar::SubmissionLatePolicy;
use lectern_core::course::{validate_manifest, LessonContent, ProblemKind};
use serde_json::{json, Value};

/// The fixture's assignment lesson is `$.modules[1].lessons[1]`.
const ESSAY: &str = "$.modules[1].lessons[1]";

fn sample() -> Value {
    serde_json::from_str(include_str!("fixtures/course.json")).unwrap()
}

fn with_essay(edit: impl FnOnce(&mut Value)) -> Value {
    let mut manifest = sample();
    edit(&mut manifest["modules"][1]["lessons"][1]);
    manifest
}

fn essay(manifest: &Value) -> Assignment {
    let course = validate_manifest(manifest).unwrap();
    let lesson = course
        .lessons()
        .find(|lesson| lesson.lesson_id.as_str() == "essay")
        .unwrap();
    let LessonContent::Assignment(assignment) = &lesson.content else {
        panic!("not an assignment: {:?}", lesson.content);
    };
    assignment.clone()
}

#[test]
fn a_bare_assignment_takes_text_late_work_and_one_submission_out_of_100_points() {
    let assignment = essay(&sample());
    assert_eq!(assignment.instructions, "Write.");
    assert_eq!(
        assignment.due_at,
        Some("2026-12-01T12:00:00Z".parse().unwrap())
    );
    assert_eq!(assignment.late_policy, SubmissionLatePolicy::Accept);
    assert!(!assignment.resubmit);
    assert_eq!(assignment.max_points, 100);
    assert_eq!(
        assignment.submission,
        AssignmentRules {
            text: true,
            files: None
        }
    );
}

#[test]
fn a_full_assignment_reads_every_field_and_round_trips() {
    let manifest = with_essay(|lesson| {
        lesson["late_policy"] =
            json!({"kind": "penalty", "percent_per_day": 10, "max_percent": 50});
        lesson["resubmit"] = json!(true);
        lesson["max_points"] = json!(20);
        lesson["submission"] = json!({"text": false, "files": {
            "max_files": 3, "max_file_bytes": 10_485_760,
            "accepted_types": ["application/pdf", "image/*"]}});
    });
    let assignment = essay(&manifest);
    assert_eq!(
        assignment.late_policy,
        SubmissionLatePolicy::Penalty {
            percent_per_day: 10,
            max_percent: 50
        }
    );
    assert!(assignment.resubmit);
    assert_eq!(assignment.max_points, 20);
    assert_eq!(
        assignment.submission,
        AssignmentRules {
            text: false,
            files: Some(FileRules {
                max_files: 3,
                max_file_bytes: 10_485_760,
                accepted_types: vec!["application/pdf".into(), "image/*".into()],
            }),
        }
    );
    let canonical = serde_json::to_value(validate_manifest(&manifest).unwrap()).unwrap();
    assert_eq!(essay(&canonical), assignment);
}

#[test]
fn policies_fill_their_defaults() {
    let refuse = with_essay(|lesson| lesson["late_policy"] = json!({"kind": "refuse"}));
    assert_eq!(essay(&refuse).late_policy, SubmissionLatePolicy::Refuse);
    let no_kind = with_essay(|lesson| lesson["late_policy"] = json!({}));
    assert_eq!(essay(&no_kind).late_policy, SubmissionLatePolicy::Accept);
    let bare_penalty = with_essay(|lesson| lesson["late_policy"] = json!({"kind": "penalty"}));
    assert_eq!(
        essay(&bare_penalty).late_policy,
        SubmissionLatePolicy::Penalty {
            percent_per_day: 10,
            max_percent: 100
        }
    );
    let bare_files = with_essay(|lesson| {
        lesson["submission"] = json!({"files": {"accepted_types": ["image/png"]}});
    });
    let rules = essay(&bare_files).submission;
    assert!(rules.text);
    assert_eq!(
        rules.files,
        Some(FileRules {
            max_files: 1,
            max_file_bytes: 10 * 1024 * 1024,
            accepted_types: vec!["image/png".into()],
        })
    );
}

#[test]
fn each_assignment_problem_is_reported_at_its_path() {
    let at = |field: &str| format!("{ESSAY}.{field}");
    let cases: Vec<(&str, Value, ProblemKind, String)> = vec![
        (
            "a late policy that is not an object",
            with_essay(|l| l["late_policy"] = json!("refuse")),
            ProblemKind::WrongType,
            at("late_policy"),
        ),
        (
            "an unknown late policy",
            with_essay(|l| l["late_policy"] = json!({"kind": "forgive"})),
            ProblemKind::UnknownKind,
            at("late_policy.kind"),
        ),
        (
            "a penalty of nothing a day",
            with_essay(|l| l["late_policy"] = json!({"kind": "penalty", "percent_per_day": 0})),
            ProblemKind::OutOfRange,
            at("late_policy.percent_per_day"),
        ),
        (
            "a penalty cap over 100 %",
            with_essay(|l| l["late_policy"] = json!({"kind": "penalty", "max_percent": 150})),
            ProblemKind::OutOfRange,
            at("late_policy.max_percent"),
        ),
        (
            "resubmit that is not a flag",
            with_essay(|l| l["resubmit"] = json!("yes")),
            ProblemKind::WrongType,
            at("resubmit"),
        ),
        (
            "no points",
            with_essay(|l| l["max_points"] = json!(0)),
            ProblemKind::OutOfRange,
            at("max_points"),
        ),
        (
            "points that are not whole",
            with_essay(|l| l["max_points"] = json!(2.5)),
            ProblemKind::OutOfRange,
            at("max_points"),
        ),
        (
            "a submission taking nothing",
            with_essay(|l| l["submission"] = json!({"text": false})),
            ProblemKind::Empty,
            at("submission"),
        ),
        (
            "a submission that is not an object",
            with_essay(|l| l["submission"] = json!([])),
            ProblemKind::WrongType,
            at("submission"),
        ),
        (
            "text that is not a flag",
            with_essay(|l| l["submission"] = json!({"text": 1})),
            ProblemKind::WrongType,
            at("submission.text"),
        ),
        (
            "files without accepted types",
            with_essay(|l| l["submission"] = json!({"files": {"max_files": 2}})),
            ProblemKind::Missing,
            at("submission.files.accepted_types"),
        ),
        (
            "an empty list of types",
            with_essay(|l| l["submission"] = json!({"files": {"accepted_types": []}})),
            ProblemKind::OutOfRange,
            at("submission.files.accepted_types"),
        ),
        (
            "a type that is not type/subtype",
            with_essay(|l| {
                l["submission"] = json!({"files": {"accepted_types": ["image/png", "PDF"]}});
            }),
            ProblemKind::WrongType,
            at("submission.files.accepted_types[1]"),
        ),
        (
            "more files than any assignment takes",
            with_essay(|l| {
                l["submission"] =
                    json!({"files": {"max_files": 21, "accepted_types": ["image/png"]}});
            }),
            ProblemKind::OutOfRange,
            at("submission.files.max_files"),
        ),
        (
            "files larger than any assignment takes",
            with_essay(|l| {
                l["submission"] = json!({"files": {"max_file_bytes": 104_857_601_u64,
                                                   "accepted_types": ["image/png"]}});
            }),
            ProblemKind::OutOfRange,
            at("submission.files.max_file_bytes"),
        ),
        (
            "a due date that is not a time",
            with_essay(|l| l["due_at"] = json!("next Friday")),
            ProblemKind::BadTimestamp,
            at("due_at"),
        ),
    ];
    for (name, manifest, kind, path) in cases {
        let problems = validate_manifest(&manifest).unwrap_err();
        assert!(
            problems.has(kind, &path),
            "{name}: expected {kind:?} at {path}, got {problems}"
        );
    }
}

#[test]
fn every_assignment_problem_is_reported_at_once() {
    let manifest = with_essay(|l| {
        l["late_policy"] = json!({"kind": "penalty", "percent_per_day": 101});
        l["max_points"] = json!(-1);
        l["submission"] = json!({"files": {"accepted_types": ["nope"]}});
    });
    let problems = validate_manifest(&manifest).unwrap_err();
    let paths: Vec<&str> = problems
        .problems()
        .iter()
        .map(|p| p.path.as_str())
        .collect();
    assert_eq!(
        paths,
        vec![
            format!("{ESSAY}.late_policy.percent_per_day"),
            format!("{ESSAY}.max_points"),
            format!("{ESSAY}.submission.files.accepted_types[0]"),
        ]
    );
}
