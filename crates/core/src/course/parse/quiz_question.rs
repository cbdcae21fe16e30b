//! Validation of one quiz question: its common fields, its body by kind, and answer keys
//! that must name what the question really holds. The kinds with cross-checked keys
//! (blanks, matching, numeric) are in `quiz_parts.rs`.

use super::super::ProblemKind;
use super::fields::Walker;
use super::MAX_TEXT_CHARS;
use crate::quiz::{
    Choice, ChoiceId, MultiScoring, NumberLocale, Question, QuestionBody, DEFAULT_POINTS,
    MAX_POINTS,
};
use serde_json::{Map, Value};
use std::collections::HashSet;

const KINDS: &[&str] = &[
    "single_choice",
    "multiple_response",
    "true_false",
    "fill_blanks",
    "numeric",
    "matching",
    "ordering",
    "short_text",
    "essay",
];

const SCORINGS: &[(&str, MultiScoring)] = &[
    ("all_or_nothing", MultiScoring::AllOrNothing),
    ("right_minus_wrong", MultiScoring::RightMinusWrong),
];

const SEPARATORS: &[(&str, NumberLocale)] = &[
    ("point", NumberLocale::Point),
    ("comma", NumberLocale::Comma),
];

impl Walker {
    pub(super) fn quiz_question(
        &mut self,
        object: &Map<String, Value>,
        path: &str,
    ) -> Option<Question> {
        let question_id = self.slug(object, path, "question_id", |raw| Some(raw.to_owned()));
        let prompt = self.text(object, path, "prompt", true, MAX_TEXT_CHARS);
        let points = self.whole_number(object, path, "points", 0, u64::from(MAX_POINTS));
        let feedback = self.text(object, path, "feedback", false, MAX_TEXT_CHARS);
        let is_feedback_ok =
            object.get("feedback").is_none_or(Value::is_null) || feedback.is_some();
        let body = self.question_body(object, path);
        let points = points?.map_or(Some(DEFAULT_POINTS), |n| u32::try_from(n).ok());
        if !is_feedback_ok {
            return None;
        }
        Some(Question {
            question_id: question_id?,
            prompt: prompt?,
            points: points?,
            body: body?,
            feedback,
        })
    }

    fn question_body(&mut self, object: &Map<String, Value>, path: &str) -> Option<QuestionBody> {
        let kind = self.text(object, path, "kind", true, 32)?;
        let body = match kind.as_str() {
            "single_choice" => {
                let choices = self.choice_list(object, path, "choices")?;
                let correct = self.id_list(object, path, "correct", &choices, false)?;
                QuestionBody::SingleChoice {
                    choices,
                    correct: correct.and_then(|ids| ids.into_iter().next()),
                }
            }
            "multiple_response" => {
                let scoring = self.one_of(
                    object,
                    path,
                    "scoring",
                    SCORINGS,
                    MultiScoring::AllOrNothing,
                );
                let choices = self.choice_list(object, path, "choices")?;
                let correct = self.id_list(object, path, "correct", &choices, true)?;
                QuestionBody::MultipleResponse {
                    choices,
                    correct,
                    scoring: scoring?,
                }
            }
            "true_false" => QuestionBody::TrueFalse {
                correct: match object.get("correct").filter(|v| !v.is_null()) {
                    None => None,
                    Some(_) => Some(self.flag(object, path, "correct")?),
                },
            },
            "fill_blanks" => self.fill_blanks(object, path)?,
            "numeric" => {
                let decimal_separator = self.one_of(
                    object,
                    path,
                    "decimal_separator",
                    SEPARATORS,
                    NumberLocale::Point,
                );
                let correct = match object.get("correct").filter(|v| !v.is_null()) {
                    None => None,
                    Some(value) => Some(self.numeric_rule(value, &format!("{path}.correct"))?),
                };
                QuestionBody::Numeric {
                    correct,
                    decimal_separator: decimal_separator?,
                }
            }
            "matching" => self.matching(object, path)?,
            "ordering" => {
                let items = self.choice_list(object, path, "items")?;
                let correct = self.id_list(object, path, "correct", &items, true)?;
                if correct
                    .as_ref()
                    .is_some_and(|order| order.len() != items.len())
                {
                    self.report(
                        &format!("{path}.correct"),
                        ProblemKind::BadReference,
                        "\"correct\" must list every item exactly once",
                    );
                    return None;
                }
                QuestionBody::Ordering { items, correct }
            }
            "short_text" => {
                let is_case_sensitive = self.flag(object, path, "is_case_sensitive");
                let accepted = self.accepted(object, path)?;
                QuestionBody::ShortText {
                    accepted,
                    is_case_sensitive: is_case_sensitive?,
                }
            }
            "essay" => QuestionBody::Essay {
                max_words: self
                    .whole_number(object, path, "max_words", 1, u64::from(u32::MAX))?
                    .and_then(|n| u32::try_from(n).ok()),
            },
            other => {
                self.report(
                    &format!("{path}.kind"),
                    ProblemKind::UnknownKind,
                    format!(
                        "unknown question kind \"{other}\"; expected one of {}",
                        KINDS.join(", ")
                    ),
                );
                return None;
            }
        };
        Some(body)
    }

    /// At least two choices, each `{choice_id, text}`, with unique ids.
    pub(super) fn choice_list(
        &mut self,
        object: &Map<String, Value>,
        path: &str,
        key: &str,
    ) -> Option<Vec<Choice>> {
        let count = self.array(object, path, key)?.len();
        if count < 2 {
            self.report(
                &format!("{path}.{key}"),
                ProblemKind::Empty,
                format!("\"{key}\" needs at least two entries"),
            );
            return None;
        }
        let choices = self.each(object, path, key, |walker, choice, here| {
            let choice_id = walker.slug(choice, here, "choice_id", |raw| Some(ChoiceId::new(raw)));
            let text = walker.text(choice, here, "text", true, MAX_TEXT_CHARS);
            Some(Choice {
                choice_id: choice_id?,
                text: text?,
            })
        })?;
        let mut seen = HashSet::new();
        for (index, choice) in choices.iter().enumerate() {
            if !seen.insert(&choice.choice_id) {
                self.report(
                    &format!("{path}.{key}[{index}].choice_id"),
                    ProblemKind::DuplicateId,
                    format!(
                        "choice id \"{}\" is used more than once in \"{key}\"",
                        choice.choice_id
                    ),
                );
                return None;
            }
        }
        Some(choices)
    }

    /// An optional key naming `choices`: one id, or (`is_list`) a non-empty list of distinct
    /// ids. `Some(None)` when absent.
    fn id_list(
        &mut self,
        object: &Map<String, Value>,
        path: &str,
        key: &str,
        choices: &[Choice],
        is_list: bool,
    ) -> Option<Option<Vec<ChoiceId>>> {
        let Some(value) = object.get(key).filter(|v| !v.is_null()) else {
            return Some(None);
        };
        let here = format!("{path}.{key}");
        let items: Vec<(String, &Value)> = match (is_list, value) {
            (false, Value::String(_)) => vec![(here.clone(), value)],
            (true, Value::Array(items)) if !items.is_empty() => items
                .iter()
                .enumerate()
                .map(|(index, item)| (format!("{here}[{index}]"), item))
                .collect(),
            (true, Value::Array(_)) => {
                self.report(
                    &here,
                    ProblemKind::Empty,
                    format!("\"{key}\" must name at least one choice"),
                );
                return None;
            }
            _ => {
                let expected = if is_list {
                    "a list of choice ids"
                } else {
                    "a choice id"
                };
                self.report(
                    &here,
                    ProblemKind::WrongType,
                    format!("\"{key}\" must be {expected}"),
                );
                return None;
            }
        };
        let before = self.problems.len();
        let mut ids: Vec<ChoiceId> = Vec::with_capacity(items.len());
        for (item_path, item) in items {
            match item.as_str() {
                Some(raw) if choices.iter().any(|c| c.choice_id.as_str() == raw) => {
                    if ids.iter().any(|id| id.as_str() == raw) {
                        self.report(
                            &item_path,
                            ProblemKind::DuplicateId,
                            format!("\"{raw}\" is listed more than once"),
                        );
                    }
                    ids.push(ChoiceId::new(raw));
                }
                Some(raw) => self.report(
                    &item_path,
                    ProblemKind::BadReference,
                    format!("\"{raw}\" is not one of the question's choice ids"),
                ),
                None => self.report(
                    &item_path,
                    ProblemKind::WrongType,
                    "a choice id must be a string",
                ),
            }
        }
        (self.problems.len() == before).then_some(Some(ids))
    }

    /// Optional accepted answers: a non-empty list of non-blank strings.
    pub(super) fn accepted(
        &mut self,
        object: &Map<String, Value>,
        path: &str,
    ) -> Option<Option<Vec<String>>> {
        if object.get("accepted").is_none_or(Value::is_null) {
            return Some(None);
        }
        let here = format!("{path}.accepted");
        let items = self.array(object, path, "accepted")?;
        if items.is_empty() {
            self.report(
                &here,
                ProblemKind::Empty,
                "\"accepted\" must list at least one answer",
            );
            return None;
        }
        let before = self.problems.len();
        let mut accepted = Vec::with_capacity(items.len());
        for (index, item) in items.iter().enumerate() {
            match item.as_str() {
                Some(text) if !text.trim().is_empty() => accepted.push(text.to_owned()),
                _ => self.report(
                    &format!("{here}[{index}]"),
                    ProblemKind::Empty,
                    "an accepted answer must be non-empty text",
                ),
            }
        }
        (self.problems.len() == before).then_some(Some(accepted))
    }
}
