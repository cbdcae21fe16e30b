//! Grading one answer against its question. Pure and total: any answer, of any shape, gets a
//! grade, and no input can panic. The rules:
//!
//! - single choice and true/false: all or nothing;
//! - multiple response: per the question's [`MultiScoring`]; with right-minus-wrong,
//!   `max(0, right − wrong) / correct choices × points`; a choice selected twice counts once;
//! - fill in the blanks: each blank an equal share; matching: each premise an equal share;
//! - ordering: all or nothing. Position-by-position credit is misleading (moving one item
//!   from last to first puts every item in a wrong place), so `per_part` only tells the
//!   learner which positions are right;
//! - numeric: per its [`NumericRule`], every border inclusive, widened by a relative
//!   [`NUMERIC_EPSILON`] so that float error (0.1 + 0.2) never decides;
//! - short text: compared after [`super::normalise_answer`];
//! - essay, and any question whose key was stripped: `NeedsReview` with 0 points.
//!
//! Partial credit is `points × parts right / parts`, rounded down to a milli-point.

use super::answer::Answer;
use super::normalise::matches_any;
use super::number::parse_number;
use super::question::{ChoiceId, MultiScoring, NumericRule, Question, QuestionBody};
use super::score::Score;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// Relative slack on numeric borders, to absorb floating-point error.
pub const NUMERIC_EPSILON: f64 = 1e-9;

/// How an answer fared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Correct,
    PartiallyCorrect,
    Incorrect,
    Unanswered,
    /// Waits for an instructor: an essay, or a question graded without its key.
    NeedsReview,
}

/// Whether one part (a blank, a matching premise, an ordering position) is right.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartResult {
    /// The blank id, the premise id, or the id of the item expected at that position.
    pub part_id: String,
    pub is_answered: bool,
    pub is_correct: bool,
}

/// The grade of one answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Grade {
    pub points_awarded: Score,
    pub points_possible: Score,
    pub outcome: Outcome,
    /// Per blank, per premise or per ordering position; empty for other kinds.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub per_part: Vec<PartResult>,
}

impl Grade {
    fn without_points(possible: Score, outcome: Outcome) -> Grade {
        Grade {
            points_awarded: Score::ZERO,
            points_possible: possible,
            outcome,
            per_part: Vec::new(),
        }
    }

    /// `right` parts out of `of` earn that share of `possible`.
    fn share(possible: Score, right: usize, of: usize, per_part: Vec<PartResult>) -> Grade {
        let outcome = if of > 0 && right >= of {
            Outcome::Correct
        } else if right == 0 {
            Outcome::Incorrect
        } else {
            Outcome::PartiallyCorrect
        };
        Grade {
            points_awarded: possible.share(right, of),
            points_possible: possible,
            outcome,
            per_part,
        }
    }

    fn all_or_nothing(possible: Score, is_correct: bool) -> Grade {
        Grade::share(possible, usize::from(is_correct), 1, Vec::new())
    }
}

/// Grades `answer` (or its absence) against `question`.
pub fn grade(question: &Question, answer: Option<&Answer>) -> Grade {
    let possible = Score::from_points(question.points);
    let Some(answer) = answer.filter(|a| !a.is_blank()) else {
        return Grade::without_points(possible, Outcome::Unanswered);
    };
    if answer.kind_name() != question.body.kind_name() {
        return Grade::without_points(possible, Outcome::Incorrect);
    }
    if !question.body.has_keys() {
        return Grade::without_points(possible, Outcome::NeedsReview);
    }
    graded(&question.body, answer, possible)
        .unwrap_or_else(|| Grade::without_points(possible, Outcome::NeedsReview))
}

/// The grade of an answer of the right kind to a question with its key; `None` when a key
/// is missing after all.
fn graded(body: &QuestionBody, answer: &Answer, possible: Score) -> Option<Grade> {
    let grade = match (body, answer) {
        (QuestionBody::SingleChoice { correct, .. }, Answer::SingleChoice(selected)) => {
            Grade::all_or_nothing(possible, correct.as_ref()? == selected)
        }
        (
            QuestionBody::MultipleResponse {
                correct, scoring, ..
            },
            Answer::MultipleResponse(selected),
        ) => multiple_response(correct.as_ref()?, *scoring, selected, possible),
        (QuestionBody::TrueFalse { correct }, Answer::TrueFalse(given)) => {
            Grade::all_or_nothing(possible, (*correct)? == *given)
        }
        (QuestionBody::FillBlanks { blanks, .. }, Answer::FillBlanks(filled)) => {
            let mut parts = Vec::with_capacity(blanks.len());
            for blank in blanks {
                let given = filled.get(&blank.blank_id).map_or("", String::as_str);
                let accepted = blank.accepted.as_deref()?;
                parts.push(PartResult {
                    part_id: blank.blank_id.clone(),
                    is_answered: !given.trim().is_empty(),
                    is_correct: matches_any(given, accepted, blank.is_case_sensitive),
                });
            }
            shares(possible, parts)
        }
        (
            QuestionBody::Numeric {
                correct,
                decimal_separator,
            },
            Answer::Numeric(text),
        ) => {
            let rule = (*correct)?;
            let is_correct = parse_number(text, *decimal_separator)
                .is_ok_and(|value| numeric_matches(rule, value));
            Grade::all_or_nothing(possible, is_correct)
        }
        (QuestionBody::Matching { correct, .. }, Answer::Matching(pairs)) => {
            let parts = correct
                .as_ref()?
                .iter()
                .map(|(premise, response)| {
                    let given = pairs.iter().find(|(p, _)| p == premise).map(|(_, r)| r);
                    PartResult {
                        part_id: premise.to_string(),
                        is_answered: given.is_some(),
                        is_correct: given == Some(response),
                    }
                })
                .collect();
            shares(possible, parts)
        }
        (QuestionBody::Ordering { correct, .. }, Answer::Ordering(order)) => {
            let correct = correct.as_ref()?;
            let per_part: Vec<PartResult> = correct
                .iter()
                .enumerate()
                .map(|(position, expected)| PartResult {
                    part_id: expected.to_string(),
                    is_answered: position < order.len(),
                    is_correct: order.get(position) == Some(expected),
                })
                .collect();
            let is_correct = order == correct;
            Grade {
                per_part,
                ..Grade::all_or_nothing(possible, is_correct)
            }
        }
        (
            QuestionBody::ShortText {
                accepted,
                is_case_sensitive,
            },
            Answer::ShortText(text),
        ) => Grade::all_or_nothing(
            possible,
            matches_any(text, accepted.as_deref()?, *is_case_sensitive),
        ),
        _ => return None,
    };
    Some(grade)
}

fn shares(possible: Score, parts: Vec<PartResult>) -> Grade {
    let right = parts.iter().filter(|part| part.is_correct).count();
    let of = parts.len();
    Grade::share(possible, right, of, parts)
}

fn multiple_response(
    correct: &[ChoiceId],
    scoring: MultiScoring,
    selected: &[ChoiceId],
    possible: Score,
) -> Grade {
    let correct: BTreeSet<&ChoiceId> = correct.iter().collect();
    let selected: BTreeSet<&ChoiceId> = selected.iter().collect();
    if selected == correct {
        return Grade::all_or_nothing(possible, true);
    }
    match scoring {
        MultiScoring::AllOrNothing => Grade::all_or_nothing(possible, false),
        MultiScoring::RightMinusWrong => {
            let right = selected.intersection(&correct).count();
            let wrong = selected.len() - right;
            // Below `correct.len()`: reaching it needs every right choice and no wrong one.
            let net = right.saturating_sub(wrong);
            Grade::share(possible, net, correct.len(), Vec::new())
        }
    }
}

/// Whether `value` satisfies `rule`, borders included.
pub fn numeric_matches(rule: NumericRule, value: f64) -> bool {
    let slack = |bound: f64| NUMERIC_EPSILON * bound.abs().max(1.0);
    let (min, max) = match rule {
        NumericRule::Exact { value: target } => (target, target),
        NumericRule::Absolute {
            value: target,
            tolerance,
        } => (target - tolerance.abs(), target + tolerance.abs()),
        NumericRule::Relative {
            value: target,
            percent,
        } => {
            let tolerance = target.abs() * percent.abs() / 100.0;
            (target - tolerance, target + tolerance)
        }
        NumericRule::Range { min, max } => (min, max),
    };
    value.is_finite() && value >= min - slack(min) && value <= max + slack(max)
}
