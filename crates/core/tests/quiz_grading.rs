//! Table tests for quiz grading: every question kind and scoring rule, with the edge cases
//! (empty answers, duplicate selections, tolerance borders, Unicode normalisation, other
//! digits), the answer shape check, and grading a whole attempt.
#![allow(clippy::unwrap_used)] // test helpers outside #[test] fns

use lectern_core::quiz::{
    draw, grade, grade_quiz, Answer, AnswerShapeError, ChoiceId, NumberError, Outcome, Question,
    Quiz, Score,
};
use serde_json::{json, Value};
use std::collections::BTreeMap;

fn question(body: Value) -> Question {
    let mut value = json!({"question_id": "q", "prompt": "?"});
    for (key, field) in body.as_object().unwrap() {
        value[key] = field.clone();
    }
    serde_json::from_value(value).unwrap()
}

fn choices(ids: &[&str]) -> Value {
    Value::Array(
        ids.iter()
            .map(|id| json!({"choice_id": id, "text": id.to_uppercase()}))
            .collect(),
    )
}

fn ids(raw: &[&str]) -> Vec<ChoiceId> {
    raw.iter().map(|id| ChoiceId::new(*id)).collect()
}

fn pairs(raw: &[(&str, &str)]) -> Vec<(ChoiceId, ChoiceId)> {
    raw.iter()
        .map(|(p, r)| (ChoiceId::new(*p), ChoiceId::new(*r)))
        .collect()
}

fn blanks(raw: &[(&str, &str)]) -> BTreeMap<String, String> {
    raw.iter()
        .map(|(id, text)| ((*id).to_owned(), (*text).to_owned()))
        .collect()
}

/// Grades each `(answer, millipoints, outcome)` case against `question`.
fn check(question: &Question, cases: Vec<(Option<Answer>, u32, Outcome)>) {
    for (answer, millipoints, outcome) in cases {
        let grade = grade(question, answer.as_ref());
        assert_eq!(
            (grade.points_awarded, grade.outcome),
            (Score::from_millipoints(millipoints), outcome),
            "{answer:?}"
        );
        assert_eq!(grade.points_possible, Score::from_points(question.points));
    }
}

#[test]
fn single_choice_and_true_false_are_all_or_nothing() {
    let single = question(json!({"kind": "single_choice", "points": 2,
        "choices": choices(&["a", "b", "c"]), "correct": "b"}));
    check(
        &single,
        vec![
            (
                Some(Answer::SingleChoice(ChoiceId::new("b"))),
                2000,
                Outcome::Correct,
            ),
            (
                Some(Answer::SingleChoice(ChoiceId::new("a"))),
                0,
                Outcome::Incorrect,
            ),
            (
                Some(Answer::SingleChoice(ChoiceId::new("zz"))),
                0,
                Outcome::Incorrect,
            ),
            (Some(Answer::TrueFalse(true)), 0, Outcome::Incorrect),
            (None, 0, Outcome::Unanswered),
        ],
    );
    check(
        &single.without_keys(),
        vec![(
            Some(Answer::SingleChoice(ChoiceId::new("b"))),
            0,
            Outcome::NeedsReview,
        )],
    );
    let true_false = question(json!({"kind": "true_false", "correct": false}));
    check(
        &true_false,
        vec![
            (Some(Answer::TrueFalse(false)), 1000, Outcome::Correct),
            (Some(Answer::TrueFalse(true)), 0, Outcome::Incorrect),
            (None, 0, Outcome::Unanswered),
        ],
    );
}

#[test]
fn multiple_response_all_or_nothing() {
    let q = question(
        json!({"kind": "multiple_response", "scoring": "all_or_nothing",
        "choices": choices(&["a", "b", "c", "d"]), "correct": ["a", "c"]}),
    );
    check(
        &q,
        vec![
            (
                Some(Answer::MultipleResponse(ids(&["c", "a"]))),
                1000,
                Outcome::Correct,
            ),
            (
                Some(Answer::MultipleResponse(ids(&["a", "c", "a"]))),
                1000,
                Outcome::Correct,
            ),
            (
                Some(Answer::MultipleResponse(ids(&["a"]))),
                0,
                Outcome::Incorrect,
            ),
            (
                Some(Answer::MultipleResponse(ids(&["a", "b", "c"]))),
                0,
                Outcome::Incorrect,
            ),
            (
                Some(Answer::MultipleResponse(vec![])),
                0,
                Outcome::Unanswered,
            ),
        ],
    );
}

#[test]
fn multiple_response_right_minus_wrong_floors_at_zero() {
    let q = question(
        json!({"kind": "multiple_response", "scoring": "right_minus_wrong",
        "points": 3, "choices": choices(&["a", "b", "c", "w", "x"]), "correct": ["a", "b", "c"]}),
    );
    check(
        &q,
        vec![
            (
                Some(Answer::MultipleResponse(ids(&["a", "b", "c"]))),
                3000,
                Outcome::Correct,
            ),
            (
                Some(Answer::MultipleResponse(ids(&["a"]))),
                1000,
                Outcome::PartiallyCorrect,
            ),
            (
                Some(Answer::MultipleResponse(ids(&["a", "b"]))),
                2000,
                Outcome::PartiallyCorrect,
            ),
            // Duplicate selections count once.
            (
                Some(Answer::MultipleResponse(ids(&["a", "a", "a"]))),
                1000,
                Outcome::PartiallyCorrect,
            ),
            (
                Some(Answer::MultipleResponse(ids(&["a", "b", "w"]))),
                1000,
                Outcome::PartiallyCorrect,
            ),
            (
                Some(Answer::MultipleResponse(ids(&["a", "b", "c", "w"]))),
                2000,
                Outcome::PartiallyCorrect,
            ),
            (
                Some(Answer::MultipleResponse(ids(&["a", "w"]))),
                0,
                Outcome::Incorrect,
            ),
            (
                Some(Answer::MultipleResponse(ids(&["a", "w", "x"]))),
                0,
                Outcome::Incorrect,
            ),
            (
                Some(Answer::MultipleResponse(ids(&["w", "x"]))),
                0,
                Outcome::Incorrect,
            ),
        ],
    );
    let thirds = question(
        json!({"kind": "multiple_response", "scoring": "right_minus_wrong",
        "choices": choices(&["a", "b", "c"]), "correct": ["a", "b", "c"]}),
    );
    check(
        &thirds,
        vec![(
            Some(Answer::MultipleResponse(ids(&["a"]))),
            333,
            Outcome::PartiallyCorrect,
        )],
    );
}

#[test]
fn fill_blanks_share_the_points_equally() {
    let q = question(json!({"kind": "fill_blanks", "points": 2,
        "text_with_blanks": "The {{1}} orbits the {{2}}.",
        "blanks": [{"blank_id": "1", "accepted": ["Moon", "Luna"]},
                   {"blank_id": "2", "accepted": ["Earth"], "is_case_sensitive": true}]}));
    check(
        &q,
        vec![
            (
                Some(Answer::FillBlanks(blanks(&[("1", "moon"), ("2", "Earth")]))),
                2000,
                Outcome::Correct,
            ),
            (
                Some(Answer::FillBlanks(blanks(&[
                    ("1", "  LUNA "),
                    ("2", " Earth"),
                ]))),
                2000,
                Outcome::Correct,
            ),
            (
                Some(Answer::FillBlanks(blanks(&[("1", "Moon"), ("2", "earth")]))),
                1000,
                Outcome::PartiallyCorrect,
            ),
            (
                Some(Answer::FillBlanks(blanks(&[("2", "Earth")]))),
                1000,
                Outcome::PartiallyCorrect,
            ),
            (
                Some(Answer::FillBlanks(blanks(&[("1", "Sun"), ("2", "Mars")]))),
                0,
                Outcome::Incorrect,
            ),
            (
                Some(Answer::FillBlanks(blanks(&[("1", " "), ("2", "")]))),
                0,
                Outcome::Unanswered,
            ),
        ],
    );
    let grade = grade(&q, Some(&Answer::FillBlanks(blanks(&[("2", "Earth")]))));
    let parts: Vec<(&str, bool, bool)> = grade
        .per_part
        .iter()
        .map(|p| (p.part_id.as_str(), p.is_answered, p.is_correct))
        .collect();
    assert_eq!(parts, vec![("1", false, false), ("2", true, true)]);
}

#[test]
fn numeric_borders_are_inclusive() {
    let numeric = |correct: Value, separator: &str| {
        question(json!({"kind": "numeric", "correct": correct, "decimal_separator": separator}))
    };
    let answer = |raw: &str| Some(Answer::Numeric(raw.to_owned()));
    let absolute = numeric(
        json!({"rule": "absolute", "value": 3.5, "tolerance": 0.25}),
        "point",
    );
    check(
        &absolute,
        vec![
            (answer("3.25"), 1000, Outcome::Correct),
            (answer("3.75"), 1000, Outcome::Correct),
            (answer("3.7500000001"), 1000, Outcome::Correct),
            (answer("3.76"), 0, Outcome::Incorrect),
            (answer("3.24"), 0, Outcome::Incorrect),
            (answer("3,5"), 0, Outcome::Incorrect),
            (answer("٣٫٥"), 1000, Outcome::Correct),
            (answer("  "), 0, Outcome::Unanswered),
        ],
    );
    let comma = numeric(json!({"rule": "exact", "value": 3.5}), "comma");
    check(
        &comma,
        vec![
            (answer("3,5"), 1000, Outcome::Correct),
            (answer("3.5"), 1000, Outcome::Correct),
            (answer("3,50"), 1000, Outcome::Correct),
            (answer("3,6"), 0, Outcome::Incorrect),
        ],
    );
    let float_error = numeric(json!({"rule": "exact", "value": 0.3}), "point");
    check(
        &float_error,
        vec![(answer("0.30000000000000004"), 1000, Outcome::Correct)],
    );
    let relative = numeric(
        json!({"rule": "relative", "value": -200, "percent": 5}),
        "point",
    );
    check(
        &relative,
        vec![
            (answer("-210"), 1000, Outcome::Correct),
            (answer("-190"), 1000, Outcome::Correct),
            (answer("-210.5"), 0, Outcome::Incorrect),
            (answer("200"), 0, Outcome::Incorrect),
        ],
    );
    let range = numeric(json!({"rule": "range", "min": 1e8, "max": 2e8}), "point");
    check(
        &range,
        vec![
            (answer("1e8"), 1000, Outcome::Correct),
            (answer("200000000"), 1000, Outcome::Correct),
            (answer("2.0000001e8"), 0, Outcome::Incorrect),
        ],
    );
}

#[test]
fn matching_shares_per_premise_and_ordering_is_all_or_nothing() {
    let matching = question(json!({"kind": "matching", "points": 2,
        "premises": choices(&["p1", "p2"]), "responses": choices(&["r1", "r2", "r3"]),
        "correct": [["p1", "r1"], ["p2", "r2"]]}));
    check(
        &matching,
        vec![
            (
                Some(Answer::Matching(pairs(&[("p2", "r2"), ("p1", "r1")]))),
                2000,
                Outcome::Correct,
            ),
            (
                Some(Answer::Matching(pairs(&[("p1", "r1"), ("p2", "r3")]))),
                1000,
                Outcome::PartiallyCorrect,
            ),
            (
                Some(Answer::Matching(pairs(&[("p1", "r1")]))),
                1000,
                Outcome::PartiallyCorrect,
            ),
            (
                Some(Answer::Matching(pairs(&[("p1", "r2"), ("p2", "r1")]))),
                0,
                Outcome::Incorrect,
            ),
            (Some(Answer::Matching(vec![])), 0, Outcome::Unanswered),
        ],
    );
    let ordering = question(json!({"kind": "ordering",
        "items": choices(&["a", "b", "c"]), "correct": ["c", "a", "b"]}));
    check(
        &ordering,
        vec![
            (
                Some(Answer::Ordering(ids(&["c", "a", "b"]))),
                1000,
                Outcome::Correct,
            ),
            (
                Some(Answer::Ordering(ids(&["c", "b", "a"]))),
                0,
                Outcome::Incorrect,
            ),
            (Some(Answer::Ordering(vec![])), 0, Outcome::Unanswered),
        ],
    );
    let grade = grade(&ordering, Some(&Answer::Ordering(ids(&["c", "b", "a"]))));
    let right: Vec<bool> = grade.per_part.iter().map(|p| p.is_correct).collect();
    assert_eq!(right, vec![true, false, false]);
}

#[test]
fn short_text_compares_normalised_text() {
    let q = question(json!({"kind": "short_text", "accepted": ["Café", "Neptune"]}));
    let answer = |raw: &str| Some(Answer::ShortText(raw.to_owned()));
    check(
        &q,
        vec![
            (answer("cafe\u{301}"), 1000, Outcome::Correct),
            (answer("  CAFÉ. "), 1000, Outcome::Correct),
            (answer("ＮＥＰＴＵＮＥ"), 1000, Outcome::Correct),
            (answer("cafe"), 0, Outcome::Incorrect),
            (answer("Nept une"), 0, Outcome::Incorrect),
            (answer(""), 0, Outcome::Unanswered),
        ],
    );
    let strict =
        question(json!({"kind": "short_text", "accepted": ["NaCl"], "is_case_sensitive": true}));
    check(
        &strict,
        vec![
            (answer(" NaCl "), 1000, Outcome::Correct),
            (answer("nacl"), 0, Outcome::Incorrect),
        ],
    );
    let arabic = question(json!({"kind": "short_text", "accepted": ["الشمس"]}));
    check(&arabic, vec![(answer("الشَّمْس"), 1000, Outcome::Correct)]);
}

#[test]
fn essays_wait_for_review_and_zero_point_questions_still_say_correct() {
    let essay = question(json!({"kind": "essay", "points": 5}));
    check(
        &essay,
        vec![
            (
                Some(Answer::Essay("The Moon has phases because…".into())),
                0,
                Outcome::NeedsReview,
            ),
            (Some(Answer::Essay(" \n ".into())), 0, Outcome::Unanswered),
        ],
    );
    let warm_up = question(json!({"kind": "true_false", "points": 0, "correct": true}));
    check(
        &warm_up,
        vec![(Some(Answer::TrueFalse(true)), 0, Outcome::Correct)],
    );
}

#[test]
fn the_shape_check_says_what_was_expected() {
    let single = question(json!({"kind": "single_choice", "choices": choices(&["a", "b"])}));
    let multi = question(
        json!({"kind": "multiple_response", "scoring": "all_or_nothing",
        "choices": choices(&["a", "b"])}),
    );
    let blank = question(json!({"kind": "fill_blanks", "text_with_blanks": "{{1}}",
        "blanks": [{"blank_id": "1"}]}));
    let numeric = question(json!({"kind": "numeric", "decimal_separator": "comma"}));
    let matching = question(json!({"kind": "matching",
        "premises": choices(&["p1", "p2"]), "responses": choices(&["r1", "r2"])}));
    let ordering = question(json!({"kind": "ordering", "items": choices(&["a", "b", "c"])}));
    let essay = question(json!({"kind": "essay", "max_words": 3}));
    let cases: Vec<(&Question, Answer, Result<(), AnswerShapeError>)> = vec![
        (&single, Answer::SingleChoice(ChoiceId::new("a")), Ok(())),
        (
            &single,
            Answer::TrueFalse(true),
            Err(AnswerShapeError::WrongKind {
                expected: "single_choice",
                found: "true_false",
            }),
        ),
        (
            &single,
            Answer::SingleChoice(ChoiceId::new("z")),
            Err(AnswerShapeError::UnknownChoice(ChoiceId::new("z"))),
        ),
        (&multi, Answer::MultipleResponse(vec![]), Ok(())),
        (
            &multi,
            Answer::MultipleResponse(ids(&["a", "b", "a"])),
            Err(AnswerShapeError::DuplicateChoice(ChoiceId::new("a"))),
        ),
        (&blank, Answer::FillBlanks(blanks(&[("1", "x")])), Ok(())),
        (
            &blank,
            Answer::FillBlanks(blanks(&[("2", "x")])),
            Err(AnswerShapeError::UnknownBlank("2".into())),
        ),
        (&numeric, Answer::Numeric("3,5".into()), Ok(())),
        (&numeric, Answer::Numeric("".into()), Ok(())),
        (
            &numeric,
            Answer::Numeric("1.000".into()),
            Err(AnswerShapeError::NotANumber(
                NumberError::AmbiguousGrouping("1.000".into(), ','),
            )),
        ),
        (
            &numeric,
            Answer::Numeric("three".into()),
            Err(AnswerShapeError::NotANumber(NumberError::BadCharacter('t'))),
        ),
        (
            &matching,
            Answer::Matching(pairs(&[("p1", "r2"), ("p2", "r2")])),
            Ok(()),
        ),
        (
            &matching,
            Answer::Matching(pairs(&[("p9", "r1")])),
            Err(AnswerShapeError::UnknownPremise(ChoiceId::new("p9"))),
        ),
        (
            &matching,
            Answer::Matching(pairs(&[("p1", "r9")])),
            Err(AnswerShapeError::UnknownResponse(ChoiceId::new("r9"))),
        ),
        (
            &matching,
            Answer::Matching(pairs(&[("p1", "r1"), ("p1", "r2")])),
            Err(AnswerShapeError::DuplicatePremise(ChoiceId::new("p1"))),
        ),
        (&ordering, Answer::Ordering(ids(&["c", "a", "b"])), Ok(())),
        (
            &ordering,
            Answer::Ordering(ids(&["c", "a"])),
            Err(AnswerShapeError::IncompleteOrder {
                expected: 3,
                found: 2,
            }),
        ),
        (
            &ordering,
            Answer::Ordering(ids(&["c", "c", "a"])),
            Err(AnswerShapeError::DuplicateChoice(ChoiceId::new("c"))),
        ),
        (&essay, Answer::Essay("one two three".into()), Ok(())),
        (
            &essay,
            Answer::Essay("one two three four".into()),
            Err(AnswerShapeError::TooManyWords { max: 3, found: 4 }),
        ),
        (
            &essay,
            Answer::Essay("x".repeat(100_001)),
            Err(AnswerShapeError::TooLong),
        ),
    ];
    for (question, answer, expected) in cases {
        assert_eq!(answer.check_shape(question), expected, "{answer:?}");
    }
    let message = Answer::TrueFalse(true)
        .check_shape(&single)
        .unwrap_err()
        .to_string();
    assert_eq!(
        message,
        "the question is single_choice, but the answer is true_false"
    );
}

#[test]
fn answers_travel_as_tagged_json() {
    let answer = Answer::Matching(pairs(&[("p1", "r1")]));
    let json = serde_json::to_value(&answer).unwrap();
    assert_eq!(json, json!({"kind": "matching", "value": [["p1", "r1"]]}));
    assert_eq!(serde_json::from_value::<Answer>(json).unwrap(), answer);
    assert!(serde_json::from_value::<Answer>(json!({"kind": "telepathy", "value": 1})).is_err());
}

fn two_question_quiz(pass_percent: u8) -> Quiz {
    serde_json::from_value(json!({
        "pools": [{"pool_id": "main", "draw": 2, "questions": [
            {"question_id": "tf", "prompt": "?", "kind": "true_false", "points": 2, "correct": true},
            {"question_id": "essay", "prompt": "?", "kind": "essay", "points": 3}
        ]}],
        "settings": {"is_graded": true, "shuffle_choices": false, "late_policy": "accept_and_flag",
                     "pass_percent": pass_percent, "feedback": "after_submission"}
    }))
    .unwrap()
}

#[test]
fn an_attempt_totals_its_drawn_questions_and_passes_only_when_certain() {
    let quiz = two_question_quiz(40);
    let drawn = draw(&quiz, 1);
    let mut answers = BTreeMap::new();
    answers.insert("tf".to_owned(), Answer::TrueFalse(true));
    answers.insert(
        "essay".to_owned(),
        Answer::Essay("Because of gravity.".into()),
    );
    answers.insert("not-drawn".to_owned(), Answer::TrueFalse(true));
    let grade = grade_quiz(&quiz, &drawn, &answers);
    assert_eq!(
        (grade.score, grade.possible),
        (Score::from_points(2), Score::from_points(5))
    );
    assert!(grade.needs_review);
    assert_eq!(grade.is_passed, Some(true), "2 of 5 already reaches 40%");
    let strict = two_question_quiz(50);
    assert_eq!(
        grade_quiz(&strict, &drawn, &answers).is_passed,
        None,
        "the essay may still pass it"
    );
    answers.insert("tf".to_owned(), Answer::TrueFalse(false));
    answers.remove("essay");
    let failed = grade_quiz(&strict, &drawn, &answers);
    assert_eq!(
        (failed.score, failed.needs_review, failed.is_passed),
        (Score::ZERO, false, Some(false))
    );
    let outcomes: Vec<Outcome> = failed
        .per_question
        .iter()
        .map(|q| q.grade.outcome)
        .collect();
    assert_eq!(outcomes, vec![Outcome::Incorrect, Outcome::Unanswered]);
}
