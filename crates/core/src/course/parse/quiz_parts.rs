//! Validation of the quiz question kinds whose answer keys need cross-checks: blanks
//! written in the text, matching pairs (every premise once, no response twice) and numeric
//! rules (no negative tolerance, no range whose end is below its start).

use super::super::ProblemKind;
use super::fields::Walker;
use super::MAX_TEXT_CHARS;
use crate::quiz::{blank_segments, Blank, BlankSegment, ChoiceId, NumericRule, QuestionBody};
use serde_json::{Map, Value};
use std::collections::HashSet;

impl Walker {
    pub(super) fn fill_blanks(
        &mut self,
        object: &Map<String, Value>,
        path: &str,
    ) -> Option<QuestionBody> {
        let text = self.text(object, path, "text_with_blanks", true, MAX_TEXT_CHARS);
        let count = self.array(object, path, "blanks").map(Vec::len);
        if count == Some(0) {
            self.report(
                &format!("{path}.blanks"),
                ProblemKind::Empty,
                "\"blanks\" needs at least one blank",
            );
            return None;
        }
        let blanks = self.each(object, path, "blanks", |walker, blank, here| {
            let blank_id = walker.slug(blank, here, "blank_id", |raw| Some(raw.to_owned()));
            let is_case_sensitive = walker.flag(blank, here, "is_case_sensitive");
            let accepted = walker.accepted(blank, here);
            Some(Blank {
                blank_id: blank_id?,
                accepted: accepted?,
                is_case_sensitive: is_case_sensitive?,
            })
        });
        let (text, blanks) = (text?, blanks?);
        let before = self.problems.len();
        let mentioned = placeholders(&text);
        let mut seen = HashSet::new();
        for id in &mentioned {
            if !seen.insert(id.as_str()) {
                let message = format!("blank \"{{{{{id}}}}}\" appears more than once in the text");
                self.report(
                    &format!("{path}.text_with_blanks"),
                    ProblemKind::DuplicateId,
                    message,
                );
            } else if !blanks.iter().any(|b| &b.blank_id == id) {
                let message =
                    format!("the text has \"{{{{{id}}}}}\" but no blank \"{id}\" is defined");
                self.report(
                    &format!("{path}.text_with_blanks"),
                    ProblemKind::BadReference,
                    message,
                );
            }
        }
        let has_keys = blanks.iter().any(|b| b.accepted.is_some());
        for (index, blank) in blanks.iter().enumerate() {
            let here = format!("{path}.blanks[{index}]");
            if !seen.contains(blank.blank_id.as_str()) {
                let message = format!(
                    "blank \"{}\" is not used in the text (write {{{{{}}}}} where it goes)",
                    blank.blank_id, blank.blank_id
                );
                self.report(
                    &format!("{here}.blank_id"),
                    ProblemKind::BadReference,
                    message,
                );
            } else if has_keys && blank.accepted.is_none() {
                self.report(
                    &format!("{here}.accepted"),
                    ProblemKind::Missing,
                    "every blank needs \"accepted\" answers when any blank has them",
                );
            }
        }
        (self.problems.len() == before).then_some(QuestionBody::FillBlanks {
            text_with_blanks: text,
            blanks,
        })
    }

    pub(super) fn matching(
        &mut self,
        object: &Map<String, Value>,
        path: &str,
    ) -> Option<QuestionBody> {
        let premises = self.choice_list(object, path, "premises");
        let responses = self.choice_list(object, path, "responses");
        let (premises, responses) = (premises?, responses?);
        let Some(value) = object.get("correct").filter(|v| !v.is_null()) else {
            return Some(QuestionBody::Matching {
                premises,
                responses,
                correct: None,
            });
        };
        let here = format!("{path}.correct");
        let Some(items) = value.as_array() else {
            self.report(
                &here,
                ProblemKind::WrongType,
                "\"correct\" must be a list of [premise, response] pairs",
            );
            return None;
        };
        let before = self.problems.len();
        let mut pairs: Vec<(ChoiceId, ChoiceId)> = Vec::with_capacity(items.len());
        for (index, item) in items.iter().enumerate() {
            let item_path = format!("{here}[{index}]");
            let Some([Value::String(premise), Value::String(response)]) =
                item.as_array().map(Vec::as_slice)
            else {
                self.report(
                    &item_path,
                    ProblemKind::WrongType,
                    "each pair must be [premise id, response id]",
                );
                continue;
            };
            let problem = if !premises.iter().any(|c| c.choice_id.as_str() == premise) {
                Some((
                    ProblemKind::BadReference,
                    format!("\"{premise}\" is not one of the premises"),
                ))
            } else if !responses.iter().any(|c| c.choice_id.as_str() == response) {
                Some((
                    ProblemKind::BadReference,
                    format!("\"{response}\" is not one of the responses"),
                ))
            } else if pairs.iter().any(|(p, _)| p.as_str() == premise) {
                Some((
                    ProblemKind::DuplicateId,
                    format!("premise \"{premise}\" is matched more than once"),
                ))
            } else if pairs.iter().any(|(_, r)| r.as_str() == response) {
                Some((
                    ProblemKind::DuplicateId,
                    format!("response \"{response}\" is matched more than once"),
                ))
            } else {
                None
            };
            match problem {
                Some((kind, message)) => self.report(&item_path, kind, message),
                None => pairs.push((
                    ChoiceId::new(premise.as_str()),
                    ChoiceId::new(response.as_str()),
                )),
            }
        }
        if self.problems.len() == before {
            if let Some(unmatched) = premises
                .iter()
                .find(|c| !pairs.iter().any(|(p, _)| p == &c.choice_id))
            {
                self.report(
                    &here,
                    ProblemKind::Missing,
                    format!(
                        "premise \"{}\" has no response in \"correct\"",
                        unmatched.choice_id
                    ),
                );
            }
        }
        (self.problems.len() == before).then_some(QuestionBody::Matching {
            premises,
            responses,
            correct: Some(pairs),
        })
    }

    pub(super) fn numeric_rule(&mut self, value: &Value, here: &str) -> Option<NumericRule> {
        let object = self.object(value, here, "\"correct\"")?;
        let rule = self.text(object, here, "rule", true, 16)?;
        let number = |walker: &mut Walker, key: &str| -> Option<f64> {
            let found = walker.field(object, here, key)?.as_f64();
            if found.is_none() {
                walker.report(
                    &format!("{here}.{key}"),
                    ProblemKind::WrongType,
                    format!("\"{key}\" must be a number"),
                );
            }
            found
        };
        let rule = match rule.as_str() {
            "exact" => NumericRule::Exact {
                value: number(self, "value")?,
            },
            "absolute" => {
                let value = number(self, "value");
                let tolerance = number(self, "tolerance");
                NumericRule::Absolute {
                    value: value?,
                    tolerance: tolerance?,
                }
            }
            "relative" => {
                let value = number(self, "value");
                let percent = number(self, "percent");
                NumericRule::Relative {
                    value: value?,
                    percent: percent?,
                }
            }
            "range" => {
                let min = number(self, "min");
                let max = number(self, "max");
                NumericRule::Range {
                    min: min?,
                    max: max?,
                }
            }
            other => {
                let message = format!(
                    "unknown rule \"{other}\"; expected exact, absolute, relative or range"
                );
                self.report(&format!("{here}.rule"), ProblemKind::UnknownKind, message);
                return None;
            }
        };
        let problem = match rule {
            NumericRule::Absolute { tolerance, .. } if tolerance < 0.0 => {
                Some(("tolerance", "\"tolerance\" must not be negative"))
            }
            NumericRule::Relative { percent, .. } if percent < 0.0 => {
                Some(("percent", "\"percent\" must not be negative"))
            }
            NumericRule::Range { min, max } if min > max => {
                Some(("max", "\"max\" must not be below \"min\""))
            }
            _ => None,
        };
        if let Some((key, message)) = problem {
            self.report(&format!("{here}.{key}"), ProblemKind::OutOfRange, message);
            return None;
        }
        Some(rule)
    }
}

/// The ids written `{{id}}` in a fill-in-the-blanks text, in order.
fn placeholders(text: &str) -> Vec<String> {
    blank_segments(text)
        .into_iter()
        .filter_map(|segment| match segment {
            BlankSegment::Blank(blank_id) => Some(blank_id),
            BlankSegment::Text(_) => None,
        })
        .collect()
}
