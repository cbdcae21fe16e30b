//! Ordering without dragging: each item has "move up" and "move down" buttons, and focus
//! follows the moved item so it can be moved again with the keyboard. Until the learner
//! moves something (or keeps the order shown), the question counts as unanswered.

use crate::components::MarkdownText;
use crate::i18n::{I18nInjection, QuizMsg};
use lectern_core::quiz::{move_item, Answer, Choice, ChoiceId};
use leptos::prelude::*;

/// The items of an ordering question, first to last.
#[component]
pub fn OrderingAnswer(
    question_id: String,
    /// The items in the attempt's (shuffled) starting order.
    items: Vec<Choice>,
    #[prop(into)] answer: Signal<Option<Answer>>,
    on_answer: Callback<Answer>,
    is_read_only: bool,
    /// The id of the prompt that names the list.
    labelled_by: String,
) -> impl IntoView {
    let i18n = I18nInjection::expect();
    let start: Vec<ChoiceId> = items.iter().map(|item| item.choice_id.clone()).collect();
    let texts = StoredValue::new(items);
    let order = move || match answer.get() {
        Some(Answer::Ordering(order)) if !order.is_empty() => order,
        _ => start.clone(),
    };
    let is_answered =
        move || matches!(answer.get(), Some(Answer::Ordering(order)) if !order.is_empty());
    let moved = move |current: Vec<ChoiceId>, from: usize, to: usize, focus: &'static str| {
        let next = move_item(&current, from, to);
        let item = next.get(to.min(next.len().saturating_sub(1))).cloned();
        on_answer.run(Answer::Ordering(next));
        if let Some(item) = item {
            let selector =
                format!("[data-order-of=\"{question_id}\"] [data-item-id=\"{item}\"] .{focus}");
            crate::io::document::focus_after_render(selector);
        }
    };
    let moved = StoredValue::new(moved);
    let order_for_keep = order.clone();
    view! {
        <div class="answer-ordering" data-order-of=labelled_by.trim_start_matches("prompt-").to_owned()>
            <ol class="answer-order" aria-labelledby=labelled_by.clone()>
                {move || {
                    let current = order();
                    let count = current.len();
                    current.clone().into_iter().enumerate().map(|(index, item_id)| {
                        let text = texts.with_value(|items| items.iter().find(|i| i.choice_id == item_id).map(|i| i.text.clone())).unwrap_or_default();
                        let name = text.clone();
                        let up_order = current.clone();
                        let down_order = current.clone();
                        let up_name = name.clone();
                        view! {
                            <li class="order-item" data-item-id=item_id.to_string()>
                                <span class="order-position" aria-hidden="true">{index + 1}</span>
                                <span class="order-text"><MarkdownText source=text /></span>
                                <span class="order-moves">
                                    <button type="button" class="move-up" disabled=is_read_only || index == 0
                                        aria-label=move || i18n.q(QuizMsg::MoveUp).replace("{item}", &up_name)
                                        on:click=move |_| moved.with_value(|moved| moved(up_order.clone(), index, index.saturating_sub(1), "move-up"))>"↑"</button>
                                    <button type="button" class="move-down" disabled=is_read_only || index + 1 == count
                                        aria-label=move || i18n.q(QuizMsg::MoveDown).replace("{item}", &name)
                                        on:click=move |_| moved.with_value(|moved| moved(down_order.clone(), index, index + 1, "move-down"))>"↓"</button>
                                </span>
                            </li>
                        }
                    }).collect_view()
                }}
            </ol>
            <Show when=move || !is_read_only && !is_answered()>
                <button type="button" class="keep-order" lang=move || i18n.locale().tag() dir=move || i18n.locale().direction().as_attr() on:click={
                    let order_for_keep = order_for_keep.clone();
                    move |_| on_answer.run(Answer::Ordering(order_for_keep()))
                }>{move || i18n.q(QuizMsg::KeepOrder)}</button>
            </Show>
        </div>
    }
}
