//! Single choice and true/false as radio buttons, multiple response as checkboxes: native
//! controls, so arrow keys, Space and screen readers work as everywhere else.

use crate::components::MarkdownText;
use crate::i18n::{I18nInjection, QuizMsg};
use lectern_core::quiz::{toggle_choice, Answer, Choice, ChoiceId, QuestionBody};
use leptos::prelude::*;

/// The choices of a single-choice, multiple-response or true/false question.
#[component]
pub fn ChoiceAnswer(
    question_id: String,
    body: QuestionBody,
    /// The choices in the attempt's order.
    shown: Vec<Choice>,
    #[prop(into)] answer: Signal<Option<Answer>>,
    on_answer: Callback<Answer>,
    is_read_only: bool,
    /// The id of the prompt that names the group.
    labelled_by: String,
) -> impl IntoView {
    let i18n = I18nInjection::expect();
    let is_multiple = matches!(body, QuestionBody::MultipleResponse { .. });
    let is_true_false = matches!(body, QuestionBody::TrueFalse { .. });
    let options: Vec<(ChoiceId, Option<String>)> = if is_true_false {
        vec![
            (ChoiceId::new("true"), None),
            (ChoiceId::new("false"), None),
        ]
    } else {
        shown
            .into_iter()
            .map(|c| (c.choice_id, Some(c.text)))
            .collect()
    };
    let selected = move |choice_id: &ChoiceId| match answer.get() {
        Some(Answer::SingleChoice(chosen)) => &chosen == choice_id,
        Some(Answer::MultipleResponse(chosen)) => chosen.contains(choice_id),
        Some(Answer::TrueFalse(value)) => {
            choice_id.as_str() == if value { "true" } else { "false" }
        }
        _ => false,
    };
    let change = move |choice_id: ChoiceId, is_on: bool| {
        let next = if is_true_false {
            Answer::TrueFalse(choice_id.as_str() == "true")
        } else if is_multiple {
            let current = match answer.get_untracked() {
                Some(Answer::MultipleResponse(chosen)) => chosen,
                _ => Vec::new(),
            };
            Answer::MultipleResponse(toggle_choice(&current, &choice_id, is_on))
        } else {
            Answer::SingleChoice(choice_id)
        };
        on_answer.run(next);
    };
    let input_type = if is_multiple { "checkbox" } else { "radio" };
    let name = format!("answer-{question_id}");
    view! {
        <fieldset class="answer-choices" role=if is_multiple { "group" } else { "radiogroup" } aria-labelledby=labelled_by disabled=is_read_only>
            {is_multiple.then(|| view! { <p class="answer-hint" lang=move || i18n.locale().tag() dir=move || i18n.locale().direction().as_attr()>{move || i18n.q(QuizMsg::SelectAll)}</p> })}
            {options.into_iter().map(|(choice_id, text)| {
                let input_id = format!("{name}-{choice_id}");
                let checked_id = choice_id.clone();
                let changed_id = choice_id.clone();
                let label = match text {
                    Some(text) => view! { <MarkdownText source=text /> }.into_any(),
                    None => {
                        let msg = if choice_id.as_str() == "true" { QuizMsg::True } else { QuizMsg::False };
                        view! { <span>{move || i18n.q(msg)}</span> }.into_any()
                    }
                };
                view! {
                    <div class="choice">
                        <input
                            type=input_type
                            id=input_id.clone()
                            name=name.clone()
                            data-choice-id=choice_id.to_string()
                            prop:checked=move || selected(&checked_id)
                            on:change=move |event| change(changed_id.clone(), event_target_checked(&event))
                        />
                        <label for=input_id>{label}</label>
                    </div>
                }
            }).collect_view()}
        </fieldset>
    }
}
