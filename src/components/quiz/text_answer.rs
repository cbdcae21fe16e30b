//! Typed answers: a number, a short text, or an essay with a live word count. Every
//! keystroke is an answer change, so nothing typed is lost to a reload.

use crate::i18n::{I18nInjection, QuizMsg};
use lectern_core::quiz::{Answer, NumberLocale, QuestionBody};
use leptos::prelude::*;

/// The text box of a numeric, short-text or essay question.
#[component]
pub fn TextAnswer(
    question_id: String,
    body: QuestionBody,
    #[prop(into)] answer: Signal<Option<Answer>>,
    on_answer: Callback<Answer>,
    is_read_only: bool,
    /// The id of the prompt that labels the box.
    labelled_by: String,
) -> impl IntoView {
    let i18n = I18nInjection::expect();
    let text = move || match answer.get() {
        Some(Answer::Numeric(text) | Answer::ShortText(text) | Answer::Essay(text)) => text,
        _ => String::new(),
    };
    let wrap: fn(String) -> Answer = match body {
        QuestionBody::Numeric { .. } => Answer::Numeric,
        QuestionBody::Essay { .. } => Answer::Essay,
        _ => Answer::ShortText,
    };
    let on_input = move |event: leptos::ev::Event| on_answer.run(wrap(event_target_value(&event)));
    let input_id = format!("answer-{question_id}");
    match body {
        QuestionBody::Essay { max_words } => {
            let words = move || text().split_whitespace().count();
            let count = move || {
                let template = match max_words {
                    Some(_) => i18n.q(QuizMsg::WordsOfMax),
                    None => i18n.q(QuizMsg::Words),
                };
                template
                    .replace("{count}", &words().to_string())
                    .replace("{max}", &max_words.unwrap_or_default().to_string())
            };
            let is_over = move || max_words.is_some_and(|max| words() > max as usize);
            view! {
                <div class="answer-essay-field">
                    <textarea id=input_id class="answer-essay" rows="8" aria-labelledby=labelled_by aria-describedby=format!("{question_id}-words")
                        readonly=is_read_only prop:value=text on:input=on_input></textarea>
                    <p id=format!("{question_id}-words") class="answer-word-count" class:is-over=is_over lang=move || i18n.locale().tag() dir=move || i18n.locale().direction().as_attr() aria-live="polite">{count}</p>
                </div>
            }
            .into_any()
        }
        QuestionBody::Numeric { decimal_separator, .. } => {
            let hint = match decimal_separator {
                NumberLocale::Comma => QuizMsg::NumberHintComma,
                NumberLocale::Point => QuizMsg::NumberHintPoint,
            };
            view! {
                <div class="answer-text-field">
                    <input id=input_id class="answer-text" type="text" inputmode="decimal" autocomplete="off"
                        aria-labelledby=labelled_by aria-describedby=format!("{question_id}-hint")
                        readonly=is_read_only prop:value=text on:input=on_input />
                    <p id=format!("{question_id}-hint") class="answer-hint" lang=move || i18n.locale().tag() dir=move || i18n.locale().direction().as_attr()>{move || i18n.q(hint)}</p>
                </div>
            }
            .into_any()
        }
        _ => view! {
            <div class="answer-text-field">
                <input id=input_id class="answer-text" type="text" autocomplete="off" spellcheck="false"
                    aria-labelledby=labelled_by readonly=is_read_only prop:value=text on:input=on_input />
            </div>
        }
        .into_any(),
    }
}
