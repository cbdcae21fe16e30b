//! The bench quiz: the nine question kinds in turn, each with its key, an explanation and
//! details (choice counts, rules, scoring) drawn from the seed.

use crate::quiz::{
    Blank, Choice, ChoiceId, FeedbackTiming, MultiScoring, NumberLocale, NumericRule, Pool,
    Question, QuestionBody, Quiz, QuizSettings, SplitMix64, MAIN_POOL_ID,
};

/// Answers and choices are drawn from these (some need Unicode normalisation to compare).
const WORDS: &[&str] = &[
    "Mercury",
    "Venus",
    "Earth",
    "Mars",
    "Jupiter",
    "Saturn",
    "Uranus",
    "Neptune",
    "Café",
    "Ångström",
    "Straße",
    "Łódź",
];

/// A practice quiz of `questions` questions, the nine kinds in turn, every one with its key
/// and an explanation; choices are shuffled per attempt.
pub fn bench_quiz(seed: u64, questions: usize) -> Quiz {
    let mut rng = SplitMix64::derived(seed, "workload", "quiz");
    let questions = (0..questions)
        .map(|index| {
            let number = index + 1;
            let body = body(index, &mut rng);
            Question {
                question_id: format!("q{number:03}-{}", body.kind_name()),
                prompt: format!(
                    "**Question {number}** ({}): {}?",
                    body.kind_name(),
                    word(&mut rng)
                ),
                points: 1 + below(&mut rng, 3) as u32,
                feedback: Some(format!(
                    "Question {number} is explained here, with *emphasis*."
                )),
                body,
            }
        })
        .collect::<Vec<_>>();
    Quiz {
        pools: vec![Pool {
            pool_id: MAIN_POOL_ID.to_owned(),
            draw: u32::try_from(questions.len()).unwrap_or(u32::MAX),
            questions,
        }],
        settings: QuizSettings {
            shuffle_choices: true,
            pass_percent: Some(60),
            feedback: FeedbackTiming::AfterEachQuestion,
            ..QuizSettings::practice()
        },
    }
}

pub(super) fn below(rng: &mut SplitMix64, bound: usize) -> usize {
    usize::try_from(rng.below(u64::try_from(bound).unwrap_or(u64::MAX))).unwrap_or(0)
}

/// Heads or tails.
pub(super) fn coin(rng: &mut SplitMix64) -> bool {
    rng.below(2) == 0
}

pub(super) fn word(rng: &mut SplitMix64) -> &'static str {
    WORDS
        .get(below(rng, WORDS.len()))
        .copied()
        .unwrap_or("Earth")
}

fn choices(prefix: &str, count: usize, rng: &mut SplitMix64) -> Vec<Choice> {
    (1..=count)
        .map(|n| Choice {
            choice_id: ChoiceId::new(format!("{prefix}{n}")),
            text: format!("{} ({prefix}{n})", word(rng)),
        })
        .collect()
}

pub(super) fn ids(choices: &[Choice]) -> Vec<ChoiceId> {
    choices.iter().map(|c| c.choice_id.clone()).collect()
}

/// The body of question `index`: its kind is `index % 9`, its details come from `rng`.
fn body(index: usize, rng: &mut SplitMix64) -> QuestionBody {
    let variant = index / 9;
    match index % 9 {
        0 => {
            let choices = choices("c", 3 + below(rng, 3), rng);
            let correct = choices
                .get(below(rng, choices.len()))
                .map(|c| c.choice_id.clone());
            QuestionBody::SingleChoice { choices, correct }
        }
        1 => {
            let choices = choices("c", 4 + below(rng, 3), rng);
            let mut correct = ids(&choices);
            rng.shuffle(&mut correct);
            correct.truncate(1 + below(rng, 3));
            let scoring = if variant.is_multiple_of(2) {
                MultiScoring::RightMinusWrong
            } else {
                MultiScoring::AllOrNothing
            };
            QuestionBody::MultipleResponse {
                choices,
                correct: Some(correct),
                scoring,
            }
        }
        2 => QuestionBody::TrueFalse {
            correct: Some(coin(rng)),
        },
        3 => {
            let count = 1 + below(rng, 3);
            let blanks: Vec<Blank> = (1..=count)
                .map(|n| Blank {
                    blank_id: format!("b{n}"),
                    accepted: Some(vec![word(rng).to_owned(), word(rng).to_owned()]),
                    is_case_sensitive: n.is_multiple_of(2),
                })
                .collect();
            let text_with_blanks = blanks
                .iter()
                .map(|b| format!("{} {{{{{}}}}}", word(rng), b.blank_id))
                .collect::<Vec<_>>()
                .join(", ");
            QuestionBody::FillBlanks {
                text_with_blanks,
                blanks,
            }
        }
        4 => {
            let value = below(rng, 4000) as f64 / 8.0 - 100.0;
            let correct = match variant % 4 {
                0 => NumericRule::Exact { value },
                1 => NumericRule::Absolute {
                    value,
                    tolerance: 0.5,
                },
                2 => NumericRule::Relative {
                    value,
                    percent: 5.0,
                },
                _ => NumericRule::Range {
                    min: value,
                    max: value + 10.0,
                },
            };
            let decimal_separator = if variant.is_multiple_of(2) {
                NumberLocale::Point
            } else {
                NumberLocale::Comma
            };
            QuestionBody::Numeric {
                correct: Some(correct),
                decimal_separator,
            }
        }
        5 => {
            let premises = choices("p", 3 + below(rng, 2), rng);
            let responses = choices("r", premises.len() + 1, rng);
            let mut shuffled = ids(&responses);
            rng.shuffle(&mut shuffled);
            let correct = ids(&premises).into_iter().zip(shuffled).collect();
            QuestionBody::Matching {
                premises,
                responses,
                correct: Some(correct),
            }
        }
        6 => {
            let items = choices("i", 3 + below(rng, 3), rng);
            let mut correct = ids(&items);
            rng.shuffle(&mut correct);
            QuestionBody::Ordering {
                items,
                correct: Some(correct),
            }
        }
        7 => QuestionBody::ShortText {
            accepted: Some(vec![word(rng).to_owned(), format!("planet {}", word(rng))]),
            is_case_sensitive: variant % 3 == 2,
        },
        _ => QuestionBody::Essay {
            max_words: Some(200),
        },
    }
}
