//! Matching without dragging: each premise has a select listing the responses in the
//! attempt's order, so it works by keyboard, touch and screen reader alike.

use crate::components::MarkdownText;
use crate::i18n::{I18nInjection, QuizMsg};
use lectern_core::quiz::{set_match, Answer, Choice, ChoiceId};
use leptos::prelude::*;

/// The premises of a matching question, each with its choice of response.
#[component]
pub fn MatchingAnswer(
    question_id: String,
    premises: Vec<Choice>,
    /// The responses in the attempt's order.
    responses: Vec<Choice>,
    #[prop(into)] answer: Signal<Option<Answer>>,
    on_answer: Callback<Answer>,
    is_read_only: bool,
) -> impl IntoView {
    let i18n = I18nInjection::expect();
    let pairs = move || match answer.get() {
        Some(Answer::Matching(pairs)) => pairs,
        _ => Vec::new(),
    };
    let rows = premises
        .into_iter()
        .map(|premise| {
            let select_id = format!("answer-{question_id}-{}", premise.choice_id);
            let premise_id = premise.choice_id.clone();
            let current_premise = premise_id.clone();
            let chosen = Signal::derive(move || {
                pairs()
                    .into_iter()
                    .find(|(p, _)| p == &current_premise)
                    .map(|(_, r)| r.to_string())
                    .unwrap_or_default()
            });
            let options = responses
                .iter()
                .map(|response| {
                    let value = response.choice_id.to_string();
                    let selected_value = value.clone();
                    let text = response.text.clone();
                    view! { <option value=value prop:selected=move || chosen.get() == selected_value>{text}</option> }
                })
                .collect_view();
            view! {
                <div class="match-row">
                    <label for=select_id.clone() class="match-premise"><MarkdownText source=premise.text.clone() /></label>
                    <select id=select_id class="answer-match" data-premise-id=premise_id.to_string() disabled=is_read_only
                        on:change=move |event| {
                            let raw = event_target_value(&event);
                            let current = match answer.get_untracked() {
                                Some(Answer::Matching(pairs)) => pairs,
                                _ => Vec::new(),
                            };
                            let response = (!raw.is_empty()).then(|| ChoiceId::new(raw));
                            on_answer.run(Answer::Matching(set_match(&current, &premise_id, response.as_ref())));
                        }>
                        <option value="" lang=move || i18n.locale().tag() prop:selected=move || chosen.get().is_empty()>{move || i18n.q(QuizMsg::ChooseMatch)}</option>
                        {options}
                    </select>
                </div>
            }
        })
        .collect_view();
    view! { <div class="answer-matching">{rows}</div> }
}
