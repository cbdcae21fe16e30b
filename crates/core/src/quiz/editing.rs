//! How a learner's answer changes as they work on a question, kept out of the views so the
//! rules are tested here: choices in the order the attempt shows them, toggling a multiple
//! response, moving an ordering item up or down (the keyboard alternative to dragging),
//! pairing a matching premise, and splitting a fill-in-the-blanks text around its blanks.

use super::answer::Answer;
use super::draw::DrawnQuiz;
use super::question::{Choice, ChoiceId, Question};

/// A piece of a fill-in-the-blanks text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BlankSegment {
    Text(String),
    /// The blank with this id.
    Blank(String),
}

/// Splits `text` around its `{{blank_id}}` placeholders. An unterminated `{{` is text.
pub fn blank_segments(text: &str) -> Vec<BlankSegment> {
    let mut segments = Vec::new();
    let mut rest = text;
    while let Some((before, after)) = rest.split_once("{{") {
        let Some((blank_id, remainder)) = after.split_once("}}") else {
            break;
        };
        if !before.is_empty() {
            segments.push(BlankSegment::Text(before.to_owned()));
        }
        segments.push(BlankSegment::Blank(blank_id.trim().to_owned()));
        rest = remainder;
    }
    if !rest.is_empty() {
        segments.push(BlankSegment::Text(rest.to_owned()));
    }
    segments
}

/// The question's choices (matching responses, ordering items) in the order this attempt
/// shows them: the drawn order, then any choice the draw did not list, in authored order.
pub fn shown_choices<'q>(question: &'q Question, drawn: &DrawnQuiz) -> Vec<&'q Choice> {
    let Some(choices) = question.body.shuffled_choices() else {
        return Vec::new();
    };
    let order = drawn.choice_orders.get(&question.question_id);
    let mut shown: Vec<&Choice> = order
        .into_iter()
        .flatten()
        .filter_map(|choice_id| choices.iter().find(|c| &c.choice_id == choice_id))
        .collect();
    for choice in choices {
        if !shown.iter().any(|c| c.choice_id == choice.choice_id) {
            shown.push(choice);
        }
    }
    shown
}

/// `selected` with `choice_id` added (`is_selected`) or removed; never listed twice.
pub fn toggle_choice(
    selected: &[ChoiceId],
    choice_id: &ChoiceId,
    is_selected: bool,
) -> Vec<ChoiceId> {
    let mut next: Vec<ChoiceId> = selected
        .iter()
        .filter(|id| *id != choice_id)
        .cloned()
        .collect();
    if is_selected {
        next.push(choice_id.clone());
    }
    next
}

/// `order` with the item at `from` moved to `to` (clamped to the list). Out-of-range `from`
/// changes nothing.
pub fn move_item(order: &[ChoiceId], from: usize, to: usize) -> Vec<ChoiceId> {
    let mut next = order.to_vec();
    if from >= next.len() {
        return next;
    }
    let item = next.remove(from);
    let to = to.min(next.len());
    next.insert(to, item);
    next
}

/// `pairs` with `premise` matched to `response`, or unmatched when `None`.
pub fn set_match(
    pairs: &[(ChoiceId, ChoiceId)],
    premise: &ChoiceId,
    response: Option<&ChoiceId>,
) -> Vec<(ChoiceId, ChoiceId)> {
    let mut next: Vec<(ChoiceId, ChoiceId)> = pairs
        .iter()
        .filter(|(p, _)| p != premise)
        .cloned()
        .collect();
    if let Some(response) = response {
        next.push((premise.clone(), response.clone()));
    }
    next
}

/// Whether `answer` holds something to grade.
pub fn is_answered(answer: Option<&Answer>) -> bool {
    answer.is_some_and(|answer| !answer.is_blank())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quiz::question::QuestionBody;
    use std::collections::BTreeMap;

    fn ids(raw: &[&str]) -> Vec<ChoiceId> {
        raw.iter().map(|id| ChoiceId::new(*id)).collect()
    }

    #[test]
    fn blanks_split_the_text_and_unterminated_braces_stay_text() {
        assert_eq!(
            blank_segments("The {{ largest }} and {{ringed}}."),
            vec![
                BlankSegment::Text("The ".into()),
                BlankSegment::Blank("largest".into()),
                BlankSegment::Text(" and ".into()),
                BlankSegment::Blank("ringed".into()),
                BlankSegment::Text(".".into()),
            ]
        );
        assert_eq!(
            blank_segments("{{a}}{{b"),
            vec![
                BlankSegment::Blank("a".into()),
                BlankSegment::Text("{{b".into())
            ]
        );
        assert_eq!(blank_segments(""), vec![]);
    }

    #[test]
    fn moving_items_keeps_every_item_once() {
        let order = ids(&["a", "b", "c"]);
        assert_eq!(move_item(&order, 2, 1), ids(&["a", "c", "b"]));
        assert_eq!(move_item(&order, 0, 1), ids(&["b", "a", "c"]));
        assert_eq!(move_item(&order, 0, 9), ids(&["b", "c", "a"]));
        assert_eq!(move_item(&order, 7, 0), order);
    }

    #[test]
    fn toggling_and_matching_never_duplicate() {
        let a = ChoiceId::new("a");
        let selected = toggle_choice(&ids(&["a"]), &a, true);
        assert_eq!(selected, ids(&["a"]));
        assert_eq!(toggle_choice(&selected, &a, false), ids(&[]));
        let pairs = set_match(&[], &a, Some(&ChoiceId::new("x")));
        let pairs = set_match(&pairs, &a, Some(&ChoiceId::new("y")));
        assert_eq!(pairs, vec![(a.clone(), ChoiceId::new("y"))]);
        assert_eq!(set_match(&pairs, &a, None), vec![]);
    }

    #[test]
    fn shown_choices_follow_the_draw_and_keep_every_choice() {
        let choice = |id: &str| Choice {
            choice_id: ChoiceId::new(id),
            text: id.into(),
        };
        let question = Question {
            question_id: "q".into(),
            prompt: "?".into(),
            points: 1,
            body: QuestionBody::Ordering {
                items: vec![choice("a"), choice("b"), choice("c")],
                correct: None,
            },
            feedback: None,
        };
        let drawn = DrawnQuiz {
            question_ids: vec!["q".into()],
            choice_orders: BTreeMap::from([("q".to_owned(), ids(&["c", "zz", "a"]))]),
        };
        let shown: Vec<&str> = shown_choices(&question, &drawn)
            .iter()
            .map(|c| c.choice_id.as_str())
            .collect();
        assert_eq!(shown, vec!["c", "a", "b"]);
    }
}
