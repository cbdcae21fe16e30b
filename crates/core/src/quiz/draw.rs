//! Drawing an attempt's questions and choice orders from the seed stored with the attempt,
//! so a reload, another device or the server all see the same quiz.
//!
//! - Each pool draws `draw` of its questions with a generator derived from the seed and the
//!   pool id, so adding or editing one pool never changes what the others draw. The drawn
//!   questions keep their authored order, and pools follow each other in authored order.
//! - Each drawn question with choices gets a display order from a generator derived from
//!   the seed and the question id: choices and matching responses are shuffled when the
//!   settings say so, ordering items always (and never left in their authored order, which
//!   is often the answer).
//!
//! The draw never looks at answer keys, so a learner's copy without keys draws the same.

use super::definition::{Pool, Quiz};
use super::question::{ChoiceId, Question, QuestionBody};
use super::rng::SplitMix64;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The questions of one attempt, and the order their choices are shown in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DrawnQuiz {
    pub question_ids: Vec<String>,
    /// Display order of the choices (matching responses, ordering items) per question id.
    pub choice_orders: BTreeMap<String, Vec<ChoiceId>>,
}

/// Draws an attempt from `seed`.
pub fn draw(quiz: &Quiz, seed: u64) -> DrawnQuiz {
    let mut drawn = DrawnQuiz {
        question_ids: Vec::new(),
        choice_orders: BTreeMap::new(),
    };
    for pool in &quiz.pools {
        for question in draw_pool(pool, seed) {
            drawn.question_ids.push(question.question_id.clone());
            if let Some(order) = choice_order(question, seed, quiz.settings.shuffle_choices) {
                drawn
                    .choice_orders
                    .insert(question.question_id.clone(), order);
            }
        }
    }
    drawn
}

/// `pool.draw` questions (all of them if it holds fewer), in authored order.
fn draw_pool(pool: &Pool, seed: u64) -> Vec<&Question> {
    let mut indices: Vec<usize> = (0..pool.questions.len()).collect();
    let count = usize::try_from(pool.draw)
        .unwrap_or(usize::MAX)
        .min(indices.len());
    SplitMix64::derived(seed, "pool", &pool.pool_id).shuffle(&mut indices);
    let mut chosen: Vec<usize> = indices.into_iter().take(count).collect();
    chosen.sort_unstable();
    chosen
        .into_iter()
        .filter_map(|index| pool.questions.get(index))
        .collect()
}

fn choice_order(question: &Question, seed: u64, shuffle_choices: bool) -> Option<Vec<ChoiceId>> {
    let choices = question.body.shuffled_choices()?;
    let authored: Vec<ChoiceId> = choices.iter().map(|c| c.choice_id.clone()).collect();
    let is_ordering = matches!(question.body, QuestionBody::Ordering { .. });
    if !(shuffle_choices || is_ordering) {
        return Some(authored);
    }
    let mut order = authored.clone();
    SplitMix64::derived(seed, "choices", &question.question_id).shuffle(&mut order);
    if is_ordering && order.len() > 1 && order == authored {
        order.rotate_left(1);
    }
    Some(order)
}
