//! Table tests for quiz lessons in a manifest: a valid quiz reads into pools and settings,
//! and each malformed quiz is rejected with the problem's kind at its JSON path.
#![allow(clippy::unwrap_used)] // test helpers outside #[test] fns

use lectern_core::course::{validate_manifest, LessonContent, ProblemKind};
use lectern_core::quiz::{FeedbackTiming, LatePolicy, QuestionBody, MAIN_POOL_ID};
use serde_json::{json, Value};

/// The fixture's quiz lesson is `$.modules[1].lessons[0]`.
const QUIZ: &str = "$.modules[1].lessons[0]";

fn sample() -> Value {
    serde_json::from_str(include_str!("fixtures/course.json")).unwrap()
}

fn with_quiz(edit: impl FnOnce(&mut Value)) -> Value {
    let mut manifest = sample();
    edit(&mut manifest["modules"][1]["lessons"][0]);
    manifest
}

#[test]
fn the_sample_quiz_reads_into_pools_and_settings() {
    let course = validate_manifest(&sample()).unwrap();
    let lesson = course
        .lessons()
        .find(|l| l.lesson_id.as_str() == "check")
        .unwrap();
    let LessonContent::Quiz(quiz) = &lesson.content else {
        panic!("not a quiz: {:?}", lesson.content);
    };
    let pools: Vec<(&str, u32, usize)> = quiz
        .pools
        .iter()
        .map(|p| (p.pool_id.as_str(), p.draw, p.questions.len()))
        .collect();
    assert_eq!(pools, vec![(MAIN_POOL_ID, 5, 5), ("extra", 2, 4)]);
    assert!(quiz.settings.is_graded && quiz.settings.shuffle_choices);
    assert_eq!(quiz.settings.time_limit_seconds, Some(600));
    assert_eq!(quiz.settings.late_policy, LatePolicy::Refuse);
    assert_eq!(quiz.settings.feedback, FeedbackTiming::AfterDueDate);
    assert_eq!(quiz.question("single").unwrap().points, 2);
    assert_eq!(quiz.question("tf").unwrap().points, 1);
    assert!(matches!(
        quiz.question("multi").unwrap().body,
        QuestionBody::MultipleResponse {
            scoring: lectern_core::quiz::MultiScoring::RightMinusWrong,
            ..
        }
    ));
}

#[test]
fn a_quiz_without_settings_is_practice() {
    let manifest = with_quiz(|quiz| {
        quiz.as_object_mut().unwrap().remove("settings");
    });
    let course = validate_manifest(&manifest).unwrap();
    let Some(LessonContent::Quiz(quiz)) = course
        .lessons()
        .map(|l| &l.content)
        .find(|c| matches!(c, LessonContent::Quiz(_)))
    else {
        panic!("no quiz");
    };
    assert!(!quiz.settings.is_graded);
    assert_eq!(quiz.settings.feedback, FeedbackTiming::AfterEachQuestion);
}

#[test]
fn each_quiz_problem_is_reported_at_its_path() {
    let q = |index: usize| format!("{QUIZ}.questions[{index}]");
    let pooled = |index: usize| format!("{QUIZ}.pools[0].questions[{index}]");
    let cases: Vec<(&str, Value, ProblemKind, String)> = vec![
        (
            "a quiz with no questions at all",
            with_quiz(|l| *l = json!({"lesson_id": "check", "title": "Check", "kind": "quiz"})),
            ProblemKind::Missing,
            format!("{QUIZ}.questions"),
        ),
        (
            "an empty question list",
            with_quiz(|l| {
                l["questions"] = json!([]);
                l.as_object_mut().unwrap().remove("pools");
            }),
            ProblemKind::Empty,
            format!("{QUIZ}.questions"),
        ),
        (
            "no choices",
            with_quiz(|l| l["questions"][0]["choices"] = json!([])),
            ProblemKind::Empty,
            format!("{}.choices", q(0)),
        ),
        (
            "a single choice",
            with_quiz(|l| l["questions"][0]["choices"] = json!([{"choice_id": "b", "text": "B"}])),
            ProblemKind::Empty,
            format!("{}.choices", q(0)),
        ),
        (
            "duplicate choice ids",
            with_quiz(|l| l["questions"][0]["choices"][1]["choice_id"] = json!("a")),
            ProblemKind::DuplicateId,
            format!("{}.choices[1].choice_id", q(0)),
        ),
        (
            "a key naming a missing choice",
            with_quiz(|l| l["questions"][0]["correct"] = json!("z")),
            ProblemKind::BadReference,
            format!("{}.correct", q(0)),
        ),
        (
            "a multiple-response key naming a missing choice",
            with_quiz(|l| l["questions"][1]["correct"] = json!(["a", "z"])),
            ProblemKind::BadReference,
            format!("{}.correct[1]", q(1)),
        ),
        (
            "an empty multiple-response key",
            with_quiz(|l| l["questions"][1]["correct"] = json!([])),
            ProblemKind::Empty,
            format!("{}.correct", q(1)),
        ),
        (
            "an unknown question kind",
            with_quiz(|l| l["questions"][2]["kind"] = json!("riddle")),
            ProblemKind::UnknownKind,
            format!("{}.kind", q(2)),
        ),
        (
            "a true/false key that is not a boolean",
            with_quiz(|l| l["questions"][2]["correct"] = json!("yes")),
            ProblemKind::WrongType,
            format!("{}.correct", q(2)),
        ),
        (
            "a blank in the text that is not defined",
            with_quiz(|l| l["questions"][3]["text_with_blanks"] = json!("{{1}} and {{3}}")),
            ProblemKind::BadReference,
            format!("{}.text_with_blanks", q(3)),
        ),
        (
            "a blank that is not in the text",
            with_quiz(|l| l["questions"][3]["text_with_blanks"] = json!("Only {{1}}.")),
            ProblemKind::BadReference,
            format!("{}.blanks[1].blank_id", q(3)),
        ),
        (
            "an empty accepted list",
            with_quiz(|l| l["questions"][3]["blanks"][0]["accepted"] = json!([])),
            ProblemKind::Empty,
            format!("{}.blanks[0].accepted", q(3)),
        ),
        (
            "a negative tolerance",
            with_quiz(|l| l["questions"][4]["correct"]["tolerance"] = json!(-0.1)),
            ProblemKind::OutOfRange,
            format!("{}.correct.tolerance", q(4)),
        ),
        (
            "a range whose max is below its min",
            with_quiz(|l| {
                l["questions"][4]["correct"] = json!({"rule": "range", "min": 5, "max": 4})
            }),
            ProblemKind::OutOfRange,
            format!("{}.correct.max", q(4)),
        ),
        (
            "an unknown decimal separator",
            with_quiz(|l| l["questions"][4]["decimal_separator"] = json!("dot")),
            ProblemKind::UnknownKind,
            format!("{}.decimal_separator", q(4)),
        ),
        (
            "points out of range",
            with_quiz(|l| l["questions"][0]["points"] = json!(-1)),
            ProblemKind::OutOfRange,
            format!("{}.points", q(0)),
        ),
        (
            "a duplicate question id across pools",
            with_quiz(|l| l["pools"][0]["questions"][0]["question_id"] = json!("single")),
            ProblemKind::DuplicateId,
            format!("{}.question_id", pooled(0)),
        ),
        (
            "a pool drawing more than it holds",
            with_quiz(|l| l["pools"][0]["draw"] = json!(5)),
            ProblemKind::OutOfRange,
            format!("{QUIZ}.pools[0].draw"),
        ),
        (
            "a pool drawing nothing",
            with_quiz(|l| l["pools"][0]["draw"] = json!(0)),
            ProblemKind::OutOfRange,
            format!("{QUIZ}.pools[0].draw"),
        ),
        (
            "a pool named like the main list",
            with_quiz(|l| l["pools"][0]["pool_id"] = json!("main")),
            ProblemKind::DuplicateId,
            format!("{QUIZ}.pools[0].pool_id"),
        ),
        (
            "matching keys that reuse a response",
            with_quiz(|l| {
                l["pools"][0]["questions"][0]["correct"] = json!([["p1", "r1"], ["p2", "r1"]])
            }),
            ProblemKind::DuplicateId,
            format!("{}.correct[1]", pooled(0)),
        ),
        (
            "matching keys that leave a premise out",
            with_quiz(|l| l["pools"][0]["questions"][0]["correct"] = json!([["p1", "r1"]])),
            ProblemKind::Missing,
            format!("{}.correct", pooled(0)),
        ),
        (
            "matching keys naming a missing response",
            with_quiz(|l| {
                l["pools"][0]["questions"][0]["correct"] = json!([["p1", "r1"], ["p2", "r9"]])
            }),
            ProblemKind::BadReference,
            format!("{}.correct[1]", pooled(0)),
        ),
        (
            "an ordering key that is not a permutation",
            with_quiz(|l| l["pools"][0]["questions"][1]["correct"] = json!(["y"])),
            ProblemKind::BadReference,
            format!("{}.correct", pooled(1)),
        ),
        (
            "an ordering key with a repeat",
            with_quiz(|l| l["pools"][0]["questions"][1]["correct"] = json!(["y", "y"])),
            ProblemKind::DuplicateId,
            format!("{}.correct[1]", pooled(1)),
        ),
        (
            "an empty short-text accepted list",
            with_quiz(|l| l["pools"][0]["questions"][2]["accepted"] = json!([])),
            ProblemKind::Empty,
            format!("{}.accepted", pooled(2)),
        ),
        (
            "a zero word limit",
            with_quiz(|l| l["pools"][0]["questions"][3]["max_words"] = json!(0)),
            ProblemKind::OutOfRange,
            format!("{}.max_words", pooled(3)),
        ),
        (
            "a negative time limit",
            with_quiz(|l| l["settings"]["time_limit_seconds"] = json!(-60)),
            ProblemKind::OutOfRange,
            format!("{QUIZ}.settings.time_limit_seconds"),
        ),
        (
            "a zero time limit",
            with_quiz(|l| l["settings"]["time_limit_seconds"] = json!(0)),
            ProblemKind::OutOfRange,
            format!("{QUIZ}.settings.time_limit_seconds"),
        ),
        (
            "a pass mark over 100",
            with_quiz(|l| l["settings"]["pass_percent"] = json!(101)),
            ProblemKind::OutOfRange,
            format!("{QUIZ}.settings.pass_percent"),
        ),
        (
            "no attempts allowed",
            with_quiz(|l| l["settings"]["attempt_limit"] = json!(0)),
            ProblemKind::OutOfRange,
            format!("{QUIZ}.settings.attempt_limit"),
        ),
        (
            "closing before opening",
            with_quiz(|l| l["settings"]["closes_at"] = json!("2026-10-01T00:00:00Z")),
            ProblemKind::EndBeforeStart,
            format!("{QUIZ}.settings.closes_at"),
        ),
        (
            "due before opening",
            with_quiz(|l| l["settings"]["due_at"] = json!("2026-10-01T00:00:00Z")),
            ProblemKind::EndBeforeStart,
            format!("{QUIZ}.settings.due_at"),
        ),
        (
            "a bad opening time",
            with_quiz(|l| l["settings"]["opens_at"] = json!("tomorrow")),
            ProblemKind::BadTimestamp,
            format!("{QUIZ}.settings.opens_at"),
        ),
        (
            "an unknown late policy",
            with_quiz(|l| l["settings"]["late_policy"] = json!("maybe")),
            ProblemKind::UnknownKind,
            format!("{QUIZ}.settings.late_policy"),
        ),
        (
            "settings that are not an object",
            with_quiz(|l| l["settings"] = json!(true)),
            ProblemKind::WrongType,
            format!("{QUIZ}.settings"),
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
fn every_quiz_problem_is_reported_at_once() {
    let manifest = with_quiz(|l| {
        l["questions"][0]["correct"] = json!("z");
        l["pools"][0]["draw"] = json!(9);
        l["settings"]["pass_percent"] = json!(200);
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
            format!("{QUIZ}.settings.pass_percent"),
            format!("{QUIZ}.questions[0].correct"),
            format!("{QUIZ}.pools[0].draw"),
        ]
    );
}
