//! A fill-in-the-blanks text: the text as written, with a text box where each blank goes.
//! Each box is named "Blank 1", "Blank 2"... for screen readers.

use crate::i18n::{I18nInjection, QuizMsg};
use lectern_core::quiz::{blank_segments, Answer, BlankSegment};
use leptos::prelude::*;
use std::collections::BTreeMap;

/// The blanks of a fill-in-the-blanks question, in their text.
#[component]
pub fn BlanksAnswer(
    question_id: String,
    /// The text with `{{blank_id}}` placeholders.
    text: String,
    #[prop(into)] answer: Signal<Option<Answer>>,
    on_answer: Callback<Answer>,
    is_read_only: bool,
) -> impl IntoView {
    let i18n = I18nInjection::expect();
    let filled = move || match answer.get() {
        Some(Answer::FillBlanks(filled)) => filled,
        _ => BTreeMap::new(),
    };
    let mut blank_number = 0;
    let pieces = blank_segments(&text)
        .into_iter()
        .map(|segment| match segment {
            BlankSegment::Text(text) => view! { <span class="blank-text">{text}</span> }.into_any(),
            BlankSegment::Blank(blank_id) => {
                blank_number += 1;
                let number = blank_number;
                let value_id = blank_id.clone();
                let input_id = format!("answer-{question_id}-{blank_id}");
                view! {
                    <input id=input_id class="answer-blank" type="text" autocomplete="off" spellcheck="false" size="12"
                        data-blank-id=blank_id.clone()
                        aria-label=move || i18n.q(QuizMsg::BlankN).replace("{n}", &number.to_string())
                        readonly=is_read_only
                        prop:value=move || filled().get(&value_id).cloned().unwrap_or_default()
                        on:input=move |event| {
                            let mut next = match answer.get_untracked() {
                                Some(Answer::FillBlanks(filled)) => filled,
                                _ => BTreeMap::new(),
                            };
                            next.insert(blank_id.clone(), event_target_value(&event));
                            on_answer.run(Answer::FillBlanks(next));
                        } />
                }
                .into_any()
            }
        })
        .collect_view();
    view! { <p class="answer-blanks">{pieces}</p> }
}
