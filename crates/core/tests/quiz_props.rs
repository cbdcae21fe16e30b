//! Property tests for quizzes: scores stay within bounds, grading ignores display order,
//! right-minus-wrong follows its formula, arbitrary answers never panic, and the seeded draw
//! is deterministic, fair to each pool and stable when pools are added. Also the generator's
//! known-answer vectors, which pin the draw forever.
#![allow(clippy::unwrap_used)] // test helpers outside #[test] fns

use lectern_core::quiz::{
    draw, grade, Answer, Choice, ChoiceId, MultiScoring, NumberLocale, NumericRule, Pool, Question,
    QuestionBody, Quiz, QuizSettings, Score, SplitMix64,
};
use proptest::prelude::*;
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};

fn choice_list(prefix: &str, count: usize) -> Vec<Choice> {
    (0..count)
        .map(|i| Choice {
            choice_id: ChoiceId::new(format!("{prefix}{i}")),
            text: format!("Choice {i}"),
        })
        .collect()
}

fn id(prefix: &str, index: usize) -> ChoiceId {
    ChoiceId::new(format!("{prefix}{index}"))
}

fn question(points: u32, body: QuestionBody) -> Question {
    Question {
        question_id: "q".into(),
        prompt: "?".into(),
        points,
        body,
        feedback: None,
    }
}

/// Questions of every kind that has a key.
fn any_question() -> impl Strategy<Value = Question> {
    let single = (2usize..6, 0usize..6).prop_map(|(n, k)| QuestionBody::SingleChoice {
        choices: choice_list("c", n),
        correct: Some(id("c", k % n)),
    });
    let multiple =
        (prop::collection::vec(any::<bool>(), 2..7), any::<bool>()).prop_map(|(marks, is_rmw)| {
            let mut correct: Vec<ChoiceId> = (0..marks.len())
                .filter(|i| marks[*i])
                .map(|i| id("c", i))
                .collect();
            if correct.is_empty() {
                correct.push(id("c", 0));
            }
            QuestionBody::MultipleResponse {
                choices: choice_list("c", marks.len()),
                correct: Some(correct),
                scoring: if is_rmw {
                    MultiScoring::RightMinusWrong
                } else {
                    MultiScoring::AllOrNothing
                },
            }
        });
    let matching = (2usize..5, 0usize..3)
        .prop_flat_map(|(n, extra)| {
            (
                Just(n),
                Just(extra),
                Just((0..n + extra).collect::<Vec<_>>()).prop_shuffle(),
            )
        })
        .prop_map(|(n, extra, responses)| QuestionBody::Matching {
            premises: choice_list("p", n),
            responses: choice_list("r", n + extra),
            correct: Some(
                (0..n)
                    .map(|i| (id("p", i), id("r", responses[i])))
                    .collect(),
            ),
        });
    let ordering = (2usize..6)
        .prop_flat_map(|n| Just((0..n).collect::<Vec<_>>()).prop_shuffle())
        .prop_map(|order| QuestionBody::Ordering {
            items: choice_list("c", order.len()),
            correct: Some(order.iter().map(|i| id("c", *i)).collect()),
        });
    let numeric = (-1e6f64..1e6, 0f64..10.0).prop_map(|(value, tolerance)| QuestionBody::Numeric {
        correct: Some(NumericRule::Absolute { value, tolerance }),
        decimal_separator: NumberLocale::Comma,
    });
    let texts = prop::collection::vec("[a-zA-Zé ]{1,8}", 1..3).prop_map(|accepted| {
        QuestionBody::ShortText {
            accepted: Some(accepted),
            is_case_sensitive: false,
        }
    });
    let true_false = any::<bool>().prop_map(|correct| QuestionBody::TrueFalse {
        correct: Some(correct),
    });
    (
        0u32..=1000,
        prop_oneof![single, multiple, matching, ordering, numeric, texts, true_false],
    )
        .prop_map(|(points, body)| question(points, body))
}

fn any_id() -> impl Strategy<Value = ChoiceId> {
    ("[cpr]", 0usize..8).prop_map(|(prefix, i)| id(&prefix, i))
}

/// Answers of every kind, with ids that may or may not exist and may repeat.
fn any_answer() -> impl Strategy<Value = Answer> {
    prop_oneof![
        any_id().prop_map(Answer::SingleChoice),
        prop::collection::vec(any_id(), 0..8).prop_map(Answer::MultipleResponse),
        any::<bool>().prop_map(Answer::TrueFalse),
        prop::collection::btree_map("[0-9]", ".{0,6}", 0..4).prop_map(Answer::FillBlanks),
        "[-0-9.,e٣٫ ]{0,10}".prop_map(Answer::Numeric),
        prop::collection::vec((any_id(), any_id()), 0..6).prop_map(Answer::Matching),
        prop::collection::vec(any_id(), 0..7).prop_map(Answer::Ordering),
        ".{0,12}".prop_map(Answer::ShortText),
        ".{0,40}".prop_map(Answer::Essay),
    ]
}

/// The same question with its displayed choices (responses, items) permuted.
fn permuted(question: &Question, seed: u64) -> Question {
    let mut body = question.body.clone();
    let mut rng = SplitMix64::new(seed);
    match &mut body {
        QuestionBody::SingleChoice { choices, .. }
        | QuestionBody::MultipleResponse { choices, .. } => rng.shuffle(choices),
        QuestionBody::Matching {
            premises,
            responses,
            ..
        } => {
            rng.shuffle(premises);
            rng.shuffle(responses);
        }
        QuestionBody::Ordering { items, .. } => rng.shuffle(items),
        _ => {}
    }
    Question {
        body,
        ..question.clone()
    }
}

fn pool(pool_id: &str, held: usize, draw: u32) -> Pool {
    Pool {
        pool_id: pool_id.into(),
        draw,
        questions: (0..held)
            .map(|i| Question {
                question_id: format!("{pool_id}-{i}"),
                ..question(
                    1,
                    QuestionBody::SingleChoice {
                        choices: choice_list("c", 2 + i % 4),
                        correct: None,
                    },
                )
            })
            .collect(),
    }
}

fn any_quiz() -> impl Strategy<Value = Quiz> {
    prop::collection::vec((1usize..12, 1u32..12), 1..5).prop_map(|shapes| Quiz {
        pools: shapes
            .iter()
            .enumerate()
            .map(|(i, (held, draw))| pool(&format!("pool{i}"), *held, (*draw).min(*held as u32)))
            .collect(),
        settings: QuizSettings {
            shuffle_choices: true,
            ..QuizSettings::practice()
        },
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn the_score_stays_between_zero_and_the_points(question in any_question(), answer in any_answer()) {
        let _ = answer.check_shape(&question);
        let grade = grade(&question, Some(&answer));
        prop_assert!(grade.points_awarded <= grade.points_possible);
        prop_assert_eq!(grade.points_possible, Score::from_points(question.points));
    }

    #[test]
    fn grading_ignores_the_order_choices_were_shown(
        question in any_question(), answer in any_answer(), seed in any::<u64>()
    ) {
        let shown = permuted(&question, seed);
        prop_assert_eq!(grade(&shown, Some(&answer)), grade(&question, Some(&answer)));
        prop_assert_eq!(answer.check_shape(&shown), answer.check_shape(&question));
    }

    #[test]
    fn right_minus_wrong_follows_its_formula_and_never_goes_below_zero(
        marks in prop::collection::vec(any::<bool>(), 2..8),
        picks in prop::collection::vec(0usize..8, 0..10),
        points in 0u32..50,
    ) {
        let correct: BTreeSet<usize> = (0..marks.len()).filter(|i| marks[*i]).collect();
        prop_assume!(!correct.is_empty());
        let q = question(points, QuestionBody::MultipleResponse {
            choices: choice_list("c", 8),
            correct: Some(correct.iter().map(|i| id("c", *i)).collect()),
            scoring: MultiScoring::RightMinusWrong,
        });
        let answer = Answer::MultipleResponse(picks.iter().map(|i| id("c", *i)).collect());
        let selected: BTreeSet<usize> = picks.iter().copied().collect();
        let right = selected.intersection(&correct).count() as i64;
        let wrong = selected.len() as i64 - right;
        let expected = (right - wrong).max(0) * i64::from(points) * 1000 / correct.len() as i64;
        let grade = grade(&q, Some(&answer));
        prop_assert_eq!(i64::from(grade.points_awarded.millipoints()), expected);
    }

    #[test]
    fn arbitrary_json_answers_never_panic(kind in "[a-z_]{0,20}|single_choice|multiple_response|true_false|fill_blanks|numeric|matching|ordering|short_text|essay", value in any_json()) {
        let questions = every_kind();
        if let Ok(answer) = serde_json::from_value::<Answer>(json!({"kind": kind, "value": value})) {
            for question in &questions {
                let _ = answer.check_shape(question);
                let grade = grade(question, Some(&answer));
                prop_assert!(grade.points_awarded <= grade.points_possible);
            }
        }
    }

    #[test]
    fn the_same_seed_draws_the_same_quiz(quiz in any_quiz(), seed in any::<u64>()) {
        prop_assert_eq!(draw(&quiz, seed), draw(&quiz, seed));
        prop_assert_eq!(draw(&quiz.without_keys(), seed), draw(&quiz, seed));
    }

    #[test]
    fn each_pool_draws_exactly_its_count_and_never_twice(quiz in any_quiz(), seed in any::<u64>()) {
        let drawn = draw(&quiz, seed);
        let unique: BTreeSet<&String> = drawn.question_ids.iter().collect();
        prop_assert_eq!(unique.len(), drawn.question_ids.len());
        for pool in &quiz.pools {
            let from_pool = drawn
                .question_ids
                .iter()
                .filter(|id| pool.questions.iter().any(|q| &&q.question_id == id))
                .count();
            prop_assert_eq!(from_pool, pool.draw as usize);
        }
        for question_id in &drawn.question_ids {
            let order = &drawn.choice_orders[question_id];
            let question = quiz.question(question_id).unwrap();
            let mut shown: Vec<&ChoiceId> = order.iter().collect();
            let mut authored: Vec<&ChoiceId> = question.body.shuffled_choices().unwrap().iter().map(|c| &c.choice_id).collect();
            shown.sort();
            authored.sort();
            prop_assert_eq!(shown, authored);
        }
    }

    #[test]
    fn different_seeds_eventually_draw_differently(seed in any::<u64>()) {
        let quiz = Quiz { pools: vec![pool("big", 10, 3)], settings: QuizSettings::practice() };
        let first = draw(&quiz, seed);
        let differs = (1..=64u64).any(|step| draw(&quiz, seed.wrapping_add(step)).question_ids != first.question_ids);
        prop_assert!(differs);
    }

    #[test]
    fn adding_a_pool_leaves_the_others_alone(quiz in any_quiz(), seed in any::<u64>(), held in 1usize..6) {
        let before = draw(&quiz, seed);
        let mut grown = quiz.clone();
        grown.pools.insert(0, pool("added", held, 1));
        let after = draw(&grown, seed);
        prop_assert_eq!(&after.question_ids[1..], &before.question_ids[..]);
        for (question_id, order) in &before.choice_orders {
            prop_assert_eq!(&after.choice_orders[question_id], order);
        }
    }
}

fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        ".{0,8}".prop_map(Value::String),
        Just(json!("c0")),
        Just(json!("p1")),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map("[0-9a-z]{1,3}", inner, 0..3)
                .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}

fn every_kind() -> Vec<Question> {
    let bodies = vec![
        json!({"kind": "single_choice", "choices": [{"choice_id": "c0", "text": "A"}, {"choice_id": "c1", "text": "B"}], "correct": "c0"}),
        json!({"kind": "multiple_response", "scoring": "right_minus_wrong", "choices": [{"choice_id": "c0", "text": "A"}, {"choice_id": "c1", "text": "B"}], "correct": ["c0"]}),
        json!({"kind": "true_false", "correct": true}),
        json!({"kind": "fill_blanks", "text_with_blanks": "{{1}}", "blanks": [{"blank_id": "1", "accepted": ["x"]}]}),
        json!({"kind": "numeric", "correct": {"rule": "range", "min": 0, "max": 1}}),
        json!({"kind": "matching", "premises": [{"choice_id": "p1", "text": "A"}], "responses": [{"choice_id": "r1", "text": "B"}], "correct": [["p1", "r1"]]}),
        json!({"kind": "ordering", "items": [{"choice_id": "c0", "text": "A"}, {"choice_id": "c1", "text": "B"}], "correct": ["c1", "c0"]}),
        json!({"kind": "short_text", "accepted": ["x"]}),
        json!({"kind": "essay", "max_words": 2}),
    ];
    bodies
        .into_iter()
        .map(|mut body| {
            body["question_id"] = json!("q");
            body["prompt"] = json!("?");
            serde_json::from_value(body).unwrap()
        })
        .collect()
}

#[test]
fn splitmix64_matches_its_published_vector() {
    // Seed 1234567, from the Rosetta Code "Pseudo-random numbers/Splitmix64" task.
    let mut rng = SplitMix64::new(1_234_567);
    let outputs: Vec<u64> = (0..5).map(|_| rng.next_u64()).collect();
    assert_eq!(
        outputs,
        vec![
            6_457_827_717_110_365_317,
            3_203_168_211_198_807_973,
            9_817_491_932_198_370_423,
            4_593_380_528_125_082_431,
            16_408_922_859_458_223_821,
        ]
    );
}

#[test]
fn ordering_items_are_never_shown_in_authored_order() {
    let quiz = Quiz {
        pools: vec![Pool {
            pool_id: "p".into(),
            draw: 1,
            questions: vec![question(
                1,
                QuestionBody::Ordering {
                    items: choice_list("c", 2),
                    correct: None,
                },
            )],
        }],
        settings: QuizSettings::practice(),
    };
    for seed in 0..200 {
        assert_eq!(
            draw(&quiz, seed).choice_orders["q"],
            vec![id("c", 1), id("c", 0)]
        );
    }
}

#[test]
fn choices_keep_their_authored_order_unless_shuffled() {
    let mut quiz = Quiz {
        pools: vec![pool("p", 4, 4)],
        settings: QuizSettings::practice(),
    };
    let authored: BTreeMap<String, Vec<ChoiceId>> = quiz
        .questions()
        .map(|q| {
            (
                q.question_id.clone(),
                q.body
                    .shuffled_choices()
                    .unwrap()
                    .iter()
                    .map(|c| c.choice_id.clone())
                    .collect(),
            )
        })
        .collect();
    assert_eq!(draw(&quiz, 9).choice_orders, authored);
    quiz.settings.shuffle_choices = true;
    let is_ever_shuffled = (0..20).any(|seed| draw(&quiz, seed).choice_orders != authored);
    assert!(is_ever_shuffled);
}

#[test]
fn a_pinned_draw_never_changes() {
    // Pins the whole draw (sub-seeds, Fisher–Yates, order kept within pools): stored seeds
    // must draw the same questions and choice orders in every future version.
    let quiz = Quiz {
        pools: vec![pool("alpha", 6, 2), pool("beta", 5, 3)],
        settings: QuizSettings {
            shuffle_choices: true,
            ..QuizSettings::practice()
        },
    };
    let drawn = draw(&quiz, 42);
    let orders: Vec<String> = drawn
        .question_ids
        .iter()
        .map(|q| {
            drawn.choice_orders[q]
                .iter()
                .map(ChoiceId::as_str)
                .collect::<Vec<_>>()
                .join("")
        })
        .collect();
    assert_eq!(
        drawn.question_ids,
        vec!["alpha-0", "alpha-3", "beta-0", "beta-3", "beta-4"]
    );
    assert_eq!(
        orders,
        vec!["c0c1", "c1c4c2c0c3", "c0c1", "c3c4c1c0c2", "c0c1"]
    );
}
