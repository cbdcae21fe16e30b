//! The answers of bench attempts: right, wrong or partly right, blank or missing, typed
//! the way learners type (stray spaces and punctuation, another case, decomposed accents).

use super::questions::{below, coin, ids, word};
use crate::quiz::{Answer, NumberLocale, NumericRule, QuestionBody, SplitMix64};

/// How an attempt answers one question.
#[derive(Clone, Copy, PartialEq)]
enum Style {
    Right,
    Wrong,
    Blank,
}

/// An answer to `body` drawn from `rng`: half right, a quarter wrong (or partly right), an
/// eighth blank and an eighth missing.
pub(super) fn answer(body: &QuestionBody, rng: &mut SplitMix64) -> Option<Answer> {
    let style = match rng.below(8) {
        0..=3 => Style::Right,
        4 | 5 => Style::Wrong,
        6 => Style::Blank,
        _ => return None,
    };
    let is_right = style == Style::Right;
    let answer = match body {
        QuestionBody::SingleChoice { choices, correct } => {
            let correct = correct.clone()?;
            let other = choices
                .iter()
                .find(|c| c.choice_id != correct)
                .map(|c| c.choice_id.clone());
            match style {
                Style::Right => Answer::SingleChoice(correct),
                Style::Wrong => Answer::SingleChoice(other?),
                Style::Blank => return None,
            }
        }
        QuestionBody::MultipleResponse {
            choices, correct, ..
        } => {
            let mut selected = if is_right {
                correct.clone()?
            } else {
                ids(choices).into_iter().filter(|_| coin(rng)).collect()
            };
            rng.shuffle(&mut selected);
            Answer::MultipleResponse(if style == Style::Blank {
                Vec::new()
            } else {
                selected
            })
        }
        QuestionBody::TrueFalse { correct } => match style {
            Style::Blank => return None,
            _ => Answer::TrueFalse(if is_right { (*correct)? } else { !(*correct)? }),
        },
        QuestionBody::FillBlanks { blanks, .. } => Answer::FillBlanks(
            blanks
                .iter()
                .map(|blank| {
                    let accepted = blank.accepted.as_deref().unwrap_or_default();
                    let text = match style {
                        Style::Blank => String::new(),
                        _ if is_right || coin(rng) => {
                            let given = accepted.get(below(rng, accepted.len())).cloned();
                            varied(&given.unwrap_or_default(), blank.is_case_sensitive, rng)
                        }
                        _ => word(rng).to_lowercase(),
                    };
                    (blank.blank_id.clone(), text)
                })
                .collect(),
        ),
        QuestionBody::Numeric {
            correct,
            decimal_separator,
        } => {
            let value = match (*correct)? {
                NumericRule::Exact { value } | NumericRule::Absolute { value, .. } => value,
                NumericRule::Relative { value, .. } => value,
                NumericRule::Range { min, max } => (min + max) / 2.0,
            };
            let text = match style {
                Style::Right => number_text(value, *decimal_separator),
                Style::Wrong => number_text(value + 1000.0, *decimal_separator),
                Style::Blank => " ".to_owned(),
            };
            Answer::Numeric(text)
        }
        QuestionBody::Matching {
            responses, correct, ..
        } => {
            let mut pairs = correct.clone()?;
            if !is_right {
                for pair in &mut pairs {
                    if let Some(response) = responses.get(below(rng, responses.len())) {
                        pair.1 = response.choice_id.clone();
                    }
                }
            }
            rng.shuffle(&mut pairs);
            Answer::Matching(if style == Style::Blank {
                Vec::new()
            } else {
                pairs
            })
        }
        QuestionBody::Ordering { correct, .. } => {
            let mut order = correct.clone()?;
            if !is_right {
                rng.shuffle(&mut order);
            }
            Answer::Ordering(if style == Style::Blank {
                Vec::new()
            } else {
                order
            })
        }
        QuestionBody::ShortText {
            accepted,
            is_case_sensitive,
        } => {
            let accepted = accepted.as_deref()?;
            Answer::ShortText(match style {
                Style::Right => {
                    let given = accepted.get(below(rng, accepted.len())).cloned();
                    varied(&given.unwrap_or_default(), *is_case_sensitive, rng)
                }
                Style::Wrong => format!("not {}", word(rng)),
                Style::Blank => String::new(),
            })
        }
        QuestionBody::Essay { .. } => Answer::Essay(match style {
            Style::Blank => String::new(),
            _ => (0..20 + below(rng, 60))
                .map(|_| word(rng))
                .collect::<Vec<_>>()
                .join(" "),
        }),
    };
    Some(answer)
}

/// `text` as a learner might type it: maybe with stray spaces and punctuation, maybe in
/// another case (when that does not matter), maybe decomposed.
fn varied(text: &str, is_case_sensitive: bool, rng: &mut SplitMix64) -> String {
    match rng.below(4) {
        0 => format!("  {text}! "),
        1 if !is_case_sensitive => text.to_uppercase(),
        2 => text.replace('é', "e\u{301}").replace('Å', "A\u{30A}"),
        _ => text.to_owned(),
    }
}

fn number_text(value: f64, locale: NumberLocale) -> String {
    let text = format!("{value}");
    match locale {
        NumberLocale::Point => text,
        NumberLocale::Comma => text.replace('.', ","),
    }
}
