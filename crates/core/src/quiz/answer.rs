//! A learner's answer to one question, as stored and sent over the wire, and the shape
//! check that says exactly what was expected when an answer cannot belong to its question.
//!
//! An answer with nothing in it (no selection, blank text, an empty order) has a valid shape:
//! it is how an attempt in progress is saved, and it grades as unanswered.

use super::number::{parse_number, NumberError};
use super::question::{ChoiceId, Question, QuestionBody};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Longest text answer accepted, in characters (an essay of several thousand words).
pub const MAX_ANSWER_CHARS: usize = 100_000;

/// An answer, tagged with the kind of question it answers:
/// `{"kind": "single_choice", "value": "b"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Answer {
    SingleChoice(ChoiceId),
    MultipleResponse(Vec<ChoiceId>),
    TrueFalse(bool),
    /// Text typed into each blank, by blank id.
    FillBlanks(BTreeMap<String, String>),
    /// The number as typed; read with the question's decimal separator.
    Numeric(String),
    /// `(premise, response)` pairs.
    Matching(Vec<(ChoiceId, ChoiceId)>),
    /// Every item, first to last.
    Ordering(Vec<ChoiceId>),
    ShortText(String),
    Essay(String),
}

/// Why an answer cannot belong to its question.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AnswerShapeError {
    #[error("the question is {expected}, but the answer is {found}")]
    WrongKind {
        expected: &'static str,
        found: &'static str,
    },
    #[error("\"{0}\" is not one of the question's choices")]
    UnknownChoice(ChoiceId),
    #[error("\"{0}\" is selected more than once")]
    DuplicateChoice(ChoiceId),
    #[error("\"{0}\" is not one of the question's premises")]
    UnknownPremise(ChoiceId),
    #[error("\"{0}\" is not one of the question's responses")]
    UnknownResponse(ChoiceId),
    #[error("premise \"{0}\" is matched more than once")]
    DuplicatePremise(ChoiceId),
    #[error("\"{0}\" is not one of the question's blanks")]
    UnknownBlank(String),
    #[error("expected all {expected} items in an order, got {found}")]
    IncompleteOrder { expected: usize, found: usize },
    #[error("not a number: {0}")]
    NotANumber(NumberError),
    #[error("at most {max} words are allowed, the answer has {found}")]
    TooManyWords { max: u32, found: usize },
    #[error("the answer is longer than {MAX_ANSWER_CHARS} characters")]
    TooLong,
}

impl Answer {
    /// The `kind` tag, matching [`QuestionBody::kind_name`].
    pub fn kind_name(&self) -> &'static str {
        match self {
            Answer::SingleChoice(_) => "single_choice",
            Answer::MultipleResponse(_) => "multiple_response",
            Answer::TrueFalse(_) => "true_false",
            Answer::FillBlanks(_) => "fill_blanks",
            Answer::Numeric(_) => "numeric",
            Answer::Matching(_) => "matching",
            Answer::Ordering(_) => "ordering",
            Answer::ShortText(_) => "short_text",
            Answer::Essay(_) => "essay",
        }
    }

    /// Whether the answer holds nothing: no selection, blank text or an empty order.
    pub fn is_blank(&self) -> bool {
        match self {
            Answer::SingleChoice(_) | Answer::TrueFalse(_) => false,
            Answer::MultipleResponse(selected) | Answer::Ordering(selected) => selected.is_empty(),
            Answer::FillBlanks(filled) => filled.values().all(|text| text.trim().is_empty()),
            Answer::Numeric(text) | Answer::ShortText(text) | Answer::Essay(text) => {
                text.trim().is_empty()
            }
            Answer::Matching(pairs) => pairs.is_empty(),
        }
    }

    /// Checks that this answer can belong to `question`, saying what was expected if not.
    pub fn check_shape(&self, question: &Question) -> Result<(), AnswerShapeError> {
        match (&question.body, self) {
            (QuestionBody::SingleChoice { choices, .. }, Answer::SingleChoice(selected)) => {
                known(choices.iter().map(|c| &c.choice_id), [selected])
                    .map_err(AnswerShapeError::UnknownChoice)
            }
            (
                QuestionBody::MultipleResponse { choices, .. },
                Answer::MultipleResponse(selected),
            ) => {
                known(choices.iter().map(|c| &c.choice_id), selected)
                    .map_err(AnswerShapeError::UnknownChoice)?;
                distinct(selected).map_err(AnswerShapeError::DuplicateChoice)
            }
            (QuestionBody::TrueFalse { .. }, Answer::TrueFalse(_)) => Ok(()),
            (QuestionBody::FillBlanks { blanks, .. }, Answer::FillBlanks(filled)) => {
                if let Some(unknown) = filled
                    .keys()
                    .find(|id| !blanks.iter().any(|b| &&b.blank_id == id))
                {
                    return Err(AnswerShapeError::UnknownBlank(unknown.clone()));
                }
                not_too_long(filled.values().map(|text| text.chars().count()).sum())
            }
            (
                QuestionBody::Numeric {
                    decimal_separator, ..
                },
                Answer::Numeric(text),
            ) => {
                if text.trim().is_empty() {
                    return Ok(());
                }
                not_too_long(text.chars().count())?;
                parse_number(text, *decimal_separator)
                    .map(|_| ())
                    .map_err(AnswerShapeError::NotANumber)
            }
            (
                QuestionBody::Matching {
                    premises,
                    responses,
                    ..
                },
                Answer::Matching(pairs),
            ) => {
                known(
                    premises.iter().map(|c| &c.choice_id),
                    pairs.iter().map(|p| &p.0),
                )
                .map_err(AnswerShapeError::UnknownPremise)?;
                known(
                    responses.iter().map(|c| &c.choice_id),
                    pairs.iter().map(|p| &p.1),
                )
                .map_err(AnswerShapeError::UnknownResponse)?;
                distinct(pairs.iter().map(|p| &p.0)).map_err(AnswerShapeError::DuplicatePremise)
            }
            (QuestionBody::Ordering { items, .. }, Answer::Ordering(order)) => {
                known(items.iter().map(|c| &c.choice_id), order)
                    .map_err(AnswerShapeError::UnknownChoice)?;
                distinct(order).map_err(AnswerShapeError::DuplicateChoice)?;
                if order.is_empty() || order.len() == items.len() {
                    Ok(())
                } else {
                    Err(AnswerShapeError::IncompleteOrder {
                        expected: items.len(),
                        found: order.len(),
                    })
                }
            }
            (QuestionBody::ShortText { .. }, Answer::ShortText(text)) => {
                not_too_long(text.chars().count())
            }
            (QuestionBody::Essay { max_words }, Answer::Essay(text)) => {
                not_too_long(text.chars().count())?;
                let found = text.split_whitespace().count();
                match max_words {
                    Some(max) if found > usize::try_from(*max).unwrap_or(usize::MAX) => {
                        Err(AnswerShapeError::TooManyWords { max: *max, found })
                    }
                    _ => Ok(()),
                }
            }
            (body, answer) => Err(AnswerShapeError::WrongKind {
                expected: body.kind_name(),
                found: answer.kind_name(),
            }),
        }
    }
}

/// The first of `given` that is not among `ids`.
fn known<'a>(
    ids: impl Iterator<Item = &'a ChoiceId>,
    given: impl IntoIterator<Item = &'a ChoiceId>,
) -> Result<(), ChoiceId> {
    let ids: BTreeSet<&ChoiceId> = ids.collect();
    match given.into_iter().find(|id| !ids.contains(id)) {
        Some(unknown) => Err(unknown.clone()),
        None => Ok(()),
    }
}

/// The first of `given` that repeats an earlier one.
fn distinct<'a>(given: impl IntoIterator<Item = &'a ChoiceId>) -> Result<(), ChoiceId> {
    let mut seen = BTreeSet::new();
    match given.into_iter().find(|id| !seen.insert(*id)) {
        Some(repeated) => Err(repeated.clone()),
        None => Ok(()),
    }
}

fn not_too_long(chars: usize) -> Result<(), AnswerShapeError> {
    if chars > MAX_ANSWER_CHARS {
        Err(AnswerShapeError::TooLong)
    } else {
        Ok(())
    }
}
