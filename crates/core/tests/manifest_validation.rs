//! Table tests for manifest validation: each problem kind, with its JSON path, and the
//! guarantee that all problems are reported at once.
#![allow(clippy::unwrap_used)] // test helpers outside #[test] fns

use lectern_core::course::{parse_manifest, validate_manifest, LessonKind, ProblemKind};
use serde_json::{json, Value};

fn sample() -> Value {
    serde_json::from_str(include_str!("fixtures/course.json")).unwrap()
}

fn with(edit: impl FnOnce(&mut Value)) -> Value {
    let mut manifest = sample();
    edit(&mut manifest);
    manifest
}

#[test]
fn the_sample_is_valid_and_keeps_every_kind() {
    let course = validate_manifest(&sample()).unwrap();
    assert_eq!(course.course_id.as_str(), "sample");
    let kinds: Vec<LessonKind> = course.lessons().map(|l| l.content.kind()).collect();
    assert_eq!(kinds, LessonKind::ALL.to_vec());
}

#[test]
fn canonical_json_round_trips() {
    let course = validate_manifest(&sample()).unwrap();
    let canonical = serde_json::to_value(&course).unwrap();
    assert_eq!(validate_manifest(&canonical).unwrap(), course);
    assert!(canonical.get("x-vendor-extension").is_none());
}

#[test]
fn each_problem_kind_is_reported_at_its_path() {
    let cases: Vec<(&str, Value, ProblemKind, &str)> = vec![
        (
            "duplicate lesson id",
            with(|m| m["modules"][1]["lessons"][0]["lesson_id"] = json!("read")),
            ProblemKind::DuplicateId,
            "$.modules[1].lessons[0].lesson_id",
        ),
        (
            "duplicate module id",
            with(|m| m["modules"][1]["module_id"] = json!("m1")),
            ProblemKind::DuplicateId,
            "$.modules[1].module_id",
        ),
        (
            "unknown kind",
            with(|m| m["modules"][0]["lessons"][0]["kind"] = json!("hologram")),
            ProblemKind::UnknownKind,
            "$.modules[0].lessons[0].kind",
        ),
        (
            "empty title",
            with(|m| m["modules"][0]["lessons"][1]["title"] = json!("   ")),
            ProblemKind::Empty,
            "$.modules[0].lessons[1].title",
        ),
        (
            "missing title",
            with(|m| {
                m.as_object_mut()
                    .unwrap()
                    .remove("title")
                    .map(|_| ())
                    .unwrap()
            }),
            ProblemKind::Missing,
            "$.title",
        ),
        (
            "bad url",
            with(|m| m["modules"][0]["lessons"][1]["media_url"] = json!("javascript:alert(1)")),
            ProblemKind::BadUrl,
            "$.modules[0].lessons[1].media_url",
        ),
        (
            "bad slide url",
            with(|m| m["modules"][0]["lessons"][3]["slides"][0]["image_url"] = json!("not a url")),
            ProblemKind::BadUrl,
            "$.modules[0].lessons[3].slides[0].image_url",
        ),
        (
            "end before start",
            with(|m| m["modules"][1]["lessons"][3]["ends_at"] = json!("2026-12-02T14:00:00Z")),
            ProblemKind::EndBeforeStart,
            "$.modules[1].lessons[3].ends_at",
        ),
        (
            "bad timestamp",
            with(|m| m["modules"][1]["lessons"][3]["starts_at"] = json!("tomorrow")),
            ProblemKind::BadTimestamp,
            "$.modules[1].lessons[3].starts_at",
        ),
        (
            "unsupported schema",
            with(|m| m["schema_version"] = json!(2)),
            ProblemKind::UnsupportedSchemaVersion,
            "$.schema_version",
        ),
        (
            "schema not a number",
            with(|m| m["schema_version"] = json!("1")),
            ProblemKind::WrongType,
            "$.schema_version",
        ),
        (
            "bad id",
            with(|m| m["course_id"] = json!("no spaces")),
            ProblemKind::BadId,
            "$.course_id",
        ),
        (
            "modules not array",
            with(|m| m["modules"] = json!({})),
            ProblemKind::WrongType,
            "$.modules",
        ),
        (
            "lesson not object",
            with(|m| m["modules"][0]["lessons"][0] = json!(7)),
            ProblemKind::WrongType,
            "$.modules[0].lessons[0]",
        ),
        (
            "missing text body",
            with(|m| {
                m["modules"][0]["lessons"][0]
                    .as_object_mut()
                    .unwrap()
                    .remove("body")
                    .map(|_| ())
                    .unwrap()
            }),
            ProblemKind::Missing,
            "$.modules[0].lessons[0].body",
        ),
        (
            "empty slides",
            with(|m| m["modules"][0]["lessons"][3]["slides"] = json!([])),
            ProblemKind::Empty,
            "$.modules[0].lessons[3].slides",
        ),
        (
            "image slide without alt text",
            with(|m| m["modules"][0]["lessons"][3]["slides"][0]["alt"] = json!(" ")),
            ProblemKind::Empty,
            "$.modules[0].lessons[3].slides[0].alt",
        ),
        (
            "narrated slide without a time",
            with(|m| m["modules"][0]["lessons"][3]["slides"][1]["starts_at_seconds"] = json!(null)),
            ProblemKind::Missing,
            "$.modules[0].lessons[3].slides[1].starts_at_seconds",
        ),
        (
            "narrated slides out of order",
            with(|m| m["modules"][0]["lessons"][3]["slides"][1]["starts_at_seconds"] = json!(0)),
            ProblemKind::OutOfRange,
            "$.modules[0].lessons[3].slides[1].starts_at_seconds",
        ),
        (
            "slide with neither image nor text",
            with(|m| m["modules"][0]["lessons"][3]["slides"][1] = json!({"starts_at_seconds": 20})),
            ProblemKind::Missing,
            "$.modules[0].lessons[3].slides[1]",
        ),
        (
            "unknown track kind",
            with(|m| m["modules"][0]["lessons"][1]["tracks"][0]["kind"] = json!("descriptions")),
            ProblemKind::UnknownKind,
            "$.modules[0].lessons[1].tracks[0].kind",
        ),
        (
            "two caption tracks in one language",
            with(|m| {
                m["modules"][0]["lessons"][1]["tracks"][1]["language"] = json!("en");
                m["modules"][0]["lessons"][1]["tracks"][1]["kind"] = json!("captions");
            }),
            ProblemKind::DuplicateId,
            "$.modules[0].lessons[1].tracks[1]",
        ),
        (
            "track with a bad URL",
            with(|m| {
                m["modules"][0]["lessons"][1]["tracks"][1]["url"] = json!("javascript:alert(1)")
            }),
            ProblemKind::BadUrl,
            "$.modules[0].lessons[1].tracks[1].url",
        ),
        (
            "threshold over 100",
            with(|m| m["modules"][0]["lessons"][1]["completion_threshold_percent"] = json!(101)),
            ProblemKind::OutOfRange,
            "$.modules[0].lessons[1].completion_threshold_percent",
        ),
        (
            "threshold of zero",
            with(|m| m["modules"][0]["lessons"][1]["completion_threshold_percent"] = json!(0)),
            ProblemKind::OutOfRange,
            "$.modules[0].lessons[1].completion_threshold_percent",
        ),
        (
            "negative chapter start",
            with(|m| m["modules"][0]["lessons"][1]["chapters"][0]["starts_at_seconds"] = json!(-1)),
            ProblemKind::OutOfRange,
            "$.modules[0].lessons[1].chapters[0].starts_at_seconds",
        ),
        (
            "correct choice past the last choice",
            with(|m| m["modules"][0]["lessons"][1]["questions"][0]["correct_choice"] = json!(2)),
            ProblemKind::BadReference,
            "$.modules[0].lessons[1].questions[0].correct_choice",
        ),
        (
            "question with one choice",
            with(|m| m["modules"][0]["lessons"][1]["questions"][0]["choices"] = json!(["A"])),
            ProblemKind::Empty,
            "$.modules[0].lessons[1].questions[0].choices",
        ),
        (
            "question time that is not a number",
            with(|m| m["modules"][0]["lessons"][1]["questions"][0]["at_seconds"] = json!("soon")),
            ProblemKind::OutOfRange,
            "$.modules[0].lessons[1].questions[0].at_seconds",
        ),
        (
            "tracks that are not a list",
            with(|m| m["modules"][0]["lessons"][1]["tracks"] = json!({"kind": "captions"})),
            ProblemKind::WrongType,
            "$.modules[0].lessons[1].tracks",
        ),
        (
            "negative duration",
            with(|m| m["modules"][0]["lessons"][1]["duration_seconds"] = json!(-5)),
            ProblemKind::WrongType,
            "$.modules[0].lessons[1].duration_seconds",
        ),
        (
            "title too long",
            with(|m| m["title"] = json!("x".repeat(201))),
            ProblemKind::TooLong,
            "$.title",
        ),
    ];
    for (name, manifest, kind, path) in cases {
        let problems = validate_manifest(&manifest).expect_err(name);
        assert!(
            problems.has(kind, path),
            "{name}: expected {kind:?} at {path}, got {problems}"
        );
        assert!(
            !problems.problems()[0].message.is_empty(),
            "{name}: message"
        );
    }
}

#[test]
fn media_details_are_read_with_defaults_and_sorted() {
    use lectern_core::course::{LessonContent, SlideFace, TrackKind};
    let course = validate_manifest(&sample()).unwrap();
    let lessons: Vec<_> = course.lessons().collect();
    let LessonContent::Video(video) = &lessons[1].content else {
        panic!("lesson 1 is a video");
    };
    assert_eq!(video.tracks.len(), 2);
    assert_eq!(video.tracks[1].kind, TrackKind::Subtitles);
    assert_eq!(video.tracks[1].language, "ar");
    assert_eq!(video.completion_threshold_percent, 80);
    let starts: Vec<f64> = video.chapters.iter().map(|c| c.starts_at_seconds).collect();
    assert_eq!(starts, vec![0.0, 30.0], "chapters come back in time order");
    assert_eq!(video.questions[0].correct_choice, Some(1));
    let LessonContent::Audio(audio) = &lessons[2].content else {
        panic!("lesson 2 is audio");
    };
    assert_eq!(
        audio.completion_threshold_percent, 90,
        "the default threshold"
    );
    assert!(audio.tracks.is_empty());
    let LessonContent::Slides(deck) = &lessons[3].content else {
        panic!("lesson 3 is slides");
    };
    assert!(matches!(deck.slides[0].face, SlideFace::Image { .. }));
    assert!(matches!(deck.slides[1].face, SlideFace::Markdown { .. }));
    assert_eq!(deck.slide_at(25.0), 1);
    assert!(lessons[3].content.media().is_some(), "the deck is narrated");
}

#[test]
fn a_deck_without_narration_needs_no_times() {
    let manifest = with(|m| {
        let deck = m["modules"][0]["lessons"][3].as_object_mut().unwrap();
        deck.remove("media_url");
        deck["slides"][1]
            .as_object_mut()
            .unwrap()
            .remove("starts_at_seconds");
    });
    let course = validate_manifest(&manifest).unwrap();
    let deck = course.lessons().nth(3).unwrap();
    assert!(deck.content.media().is_none());
}

#[test]
fn every_problem_is_reported_at_once() {
    let manifest = with(|m| {
        m["title"] = json!("");
        m["modules"][0]["lessons"][0]["kind"] = json!("nope");
        m["modules"][0]["lessons"][1]["media_url"] = json!("ftp://x/y");
        m["modules"][1]["lessons"][3]["ends_at"] = json!("2020-01-01T00:00:00Z");
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
            "$.title",
            "$.modules[0].lessons[0].kind",
            "$.modules[0].lessons[1].media_url",
            "$.modules[1].lessons[3].ends_at"
        ]
    );
}

#[test]
fn text_that_is_not_a_course_is_a_clear_error() {
    for input in ["", "{", "[]", "null", "42", "\"course\""] {
        let problems = parse_manifest(input).unwrap_err();
        assert_eq!(problems.problems()[0].path, "$", "{input}");
    }
    assert!(parse_manifest("{")
        .unwrap_err()
        .has(ProblemKind::InvalidJson, "$"));
    assert!(parse_manifest(&" ".repeat(5 * 1024 * 1024))
        .unwrap_err()
        .has(ProblemKind::TooLarge, "$"));
}
