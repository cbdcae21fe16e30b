//! One quiz question: its prompt, worth and body by kind, with the answer key kept in
//! `Option`s so that a learner's copy of a graded quiz can carry the question without it.

use super::number::NumberLocale;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Points a question is worth when the manifest does not say.
pub const DEFAULT_POINTS: u32 = 1;

/// Most points one question may be worth (keeps every score exact in milli-points).
pub const MAX_POINTS: u32 = 1_000;

/// Identifies a choice (or a matching premise or response, or an ordering item) within its
/// question. Any text deserialises; [`super::Answer::check_shape`] rejects unknown ids.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ChoiceId(String);

impl ChoiceId {
    pub fn new(raw: impl Into<String>) -> ChoiceId {
        ChoiceId(raw.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ChoiceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A choice shown to the learner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub choice_id: ChoiceId,
    /// Markdown.
    pub text: String,
}

/// A question of any kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Question {
    /// Unique within its quiz; answers are keyed by it.
    pub question_id: String,
    /// Markdown.
    pub prompt: String,
    /// What a fully correct answer is worth (0 to [`MAX_POINTS`]).
    #[serde(default = "default_points")]
    pub points: u32,
    #[serde(flatten)]
    pub body: QuestionBody,
    /// An explanation shown when the settings allow feedback (Markdown).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feedback: Option<String>,
}

fn default_points() -> u32 {
    DEFAULT_POINTS
}

/// How a multiple-response question is scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MultiScoring {
    /// Full points only for exactly the correct set.
    AllOrNothing,
    /// (right − wrong) / number of correct choices × points, never below zero.
    RightMinusWrong,
}

/// A blank in a fill-in-the-blanks text, written `{{blank_id}}` in the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Blank {
    pub blank_id: String,
    /// Every answer accepted for this blank (compared after normalisation).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accepted: Option<Vec<String>>,
    #[serde(default)]
    pub is_case_sensitive: bool,
}

/// The rule a numeric answer is checked against. Every border is inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum NumericRule {
    Exact {
        value: f64,
    },
    /// `value ± tolerance`.
    Absolute {
        value: f64,
        tolerance: f64,
    },
    /// `value ± percent % of |value|`.
    Relative {
        value: f64,
        percent: f64,
    },
    Range {
        min: f64,
        max: f64,
    },
}

/// What a question asks for, by kind, with its answer key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum QuestionBody {
    SingleChoice {
        choices: Vec<Choice>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        correct: Option<ChoiceId>,
    },
    MultipleResponse {
        choices: Vec<Choice>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        correct: Option<Vec<ChoiceId>>,
        scoring: MultiScoring,
    },
    TrueFalse {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        correct: Option<bool>,
    },
    FillBlanks {
        /// Markdown with `{{blank_id}}` where each blank goes.
        text_with_blanks: String,
        blanks: Vec<Blank>,
    },
    Numeric {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        correct: Option<NumericRule>,
        /// Which decimal separator answers are read with.
        #[serde(default)]
        decimal_separator: NumberLocale,
    },
    Matching {
        premises: Vec<Choice>,
        responses: Vec<Choice>,
        /// `(premise, response)` pairs: every premise once, no response twice.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        correct: Option<Vec<(ChoiceId, ChoiceId)>>,
    },
    Ordering {
        items: Vec<Choice>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        correct: Option<Vec<ChoiceId>>,
    },
    ShortText {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        accepted: Option<Vec<String>>,
        #[serde(default)]
        is_case_sensitive: bool,
    },
    Essay {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max_words: Option<u32>,
    },
}

impl QuestionBody {
    /// The manifest's name for the kind (also the `kind` tag of an [`super::Answer`]).
    pub fn kind_name(&self) -> &'static str {
        match self {
            QuestionBody::SingleChoice { .. } => "single_choice",
            QuestionBody::MultipleResponse { .. } => "multiple_response",
            QuestionBody::TrueFalse { .. } => "true_false",
            QuestionBody::FillBlanks { .. } => "fill_blanks",
            QuestionBody::Numeric { .. } => "numeric",
            QuestionBody::Matching { .. } => "matching",
            QuestionBody::Ordering { .. } => "ordering",
            QuestionBody::ShortText { .. } => "short_text",
            QuestionBody::Essay { .. } => "essay",
        }
    }

    /// The choices whose display order may be shuffled: choices, matching responses or
    /// ordering items. `None` for kinds without any.
    pub fn shuffled_choices(&self) -> Option<&[Choice]> {
        match self {
            QuestionBody::SingleChoice { choices, .. }
            | QuestionBody::MultipleResponse { choices, .. } => Some(choices),
            QuestionBody::Matching { responses, .. } => Some(responses),
            QuestionBody::Ordering { items, .. } => Some(items),
            _ => None,
        }
    }

    /// Whether an answer key is present. Essays never have one.
    pub fn has_keys(&self) -> bool {
        match self {
            QuestionBody::SingleChoice { correct, .. } => correct.is_some(),
            QuestionBody::MultipleResponse { correct, .. } => correct.is_some(),
            QuestionBody::TrueFalse { correct } => correct.is_some(),
            QuestionBody::FillBlanks { blanks, .. } => blanks.iter().any(|b| b.accepted.is_some()),
            QuestionBody::Numeric { correct, .. } => correct.is_some(),
            QuestionBody::Matching { correct, .. } => correct.is_some(),
            QuestionBody::Ordering { correct, .. } => correct.is_some(),
            QuestionBody::ShortText { accepted, .. } => accepted.is_some(),
            QuestionBody::Essay { .. } => false,
        }
    }

    /// The same body with every answer key removed.
    pub fn without_keys(&self) -> QuestionBody {
        let mut body = self.clone();
        match &mut body {
            QuestionBody::SingleChoice { correct, .. } => *correct = None,
            QuestionBody::MultipleResponse { correct, .. } => *correct = None,
            QuestionBody::TrueFalse { correct } => *correct = None,
            QuestionBody::FillBlanks { blanks, .. } => {
                blanks.iter_mut().for_each(|blank| blank.accepted = None);
            }
            QuestionBody::Numeric { correct, .. } => *correct = None,
            QuestionBody::Matching { correct, .. } => *correct = None,
            QuestionBody::Ordering { correct, .. } => *correct = None,
            QuestionBody::ShortText { accepted, .. } => *accepted = None,
            QuestionBody::Essay { .. } => {}
        }
        body
    }
}

impl Question {
    /// Whether the question carries its answer key.
    pub fn has_keys(&self) -> bool {
        self.body.has_keys()
    }

    /// The learner's copy of a graded question: no answer key and no feedback (an
    /// explanation usually gives the answer away).
    pub fn without_keys(&self) -> Question {
        Question {
            question_id: self.question_id.clone(),
            prompt: self.prompt.clone(),
            points: self.points,
            body: self.body.without_keys(),
            feedback: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn choices(ids: &[&str]) -> Vec<Choice> {
        ids.iter()
            .map(|id| Choice {
                choice_id: ChoiceId::new(*id),
                text: id.to_uppercase(),
            })
            .collect()
    }

    #[test]
    fn without_keys_strips_every_key_and_the_feedback() {
        let bodies = vec![
            QuestionBody::SingleChoice {
                choices: choices(&["a", "b"]),
                correct: Some(ChoiceId::new("a")),
            },
            QuestionBody::FillBlanks {
                text_with_blanks: "{{1}}".into(),
                blanks: vec![Blank {
                    blank_id: "1".into(),
                    accepted: Some(vec!["x".into()]),
                    is_case_sensitive: false,
                }],
            },
            QuestionBody::Matching {
                premises: choices(&["p"]),
                responses: choices(&["r"]),
                correct: Some(vec![(ChoiceId::new("p"), ChoiceId::new("r"))]),
            },
        ];
        for body in bodies {
            let question = Question {
                question_id: "q".into(),
                prompt: "?".into(),
                points: 2,
                body,
                feedback: Some("because".into()),
            };
            assert!(question.has_keys());
            let stripped = question.without_keys();
            assert!(!stripped.has_keys());
            assert_eq!(stripped.feedback, None);
            let json = serde_json::to_string(&stripped).unwrap();
            assert!(
                !json.contains("correct") && !json.contains("accepted"),
                "{json}"
            );
        }
    }

    #[test]
    fn questions_serialise_with_a_kind_tag_and_read_back() {
        let question = Question {
            question_id: "q1".into(),
            prompt: "How far?".into(),
            points: 3,
            body: QuestionBody::Numeric {
                correct: Some(NumericRule::Relative {
                    value: 1.0,
                    percent: 5.0,
                }),
                decimal_separator: NumberLocale::Comma,
            },
            feedback: None,
        };
        let json = serde_json::to_value(&question).unwrap();
        assert_eq!(json["kind"], "numeric");
        assert_eq!(json["correct"]["rule"], "relative");
        assert_eq!(json["decimal_separator"], "comma");
        let back: Question = serde_json::from_value(json).unwrap();
        assert_eq!(back, question);
    }
}
