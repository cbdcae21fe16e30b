//! An in-video question: playback pauses at its time, the learner answers or skips, sees
//! whether they were right (when the lecture says), and playback continues.

use crate::i18n::{I18nInjection, PlayerMsg};
use crate::state::player::PlayerInjection;
use lectern_core::course::TimedQuestion;
use leptos::prelude::*;

/// The open question, as a group of radio buttons over the picture.
#[component]
pub fn TimedQuestionView() -> impl IntoView {
    let player = PlayerInjection::expect();
    move || {
        let index = player.open_question.get()?;
        let question = player
            .lecture
            .with_value(|lecture| lecture.questions.get(index).cloned())?;
        Some(view! { <QuestionCard question /> })
    }
}

#[component]
fn QuestionCard(question: TimedQuestion) -> impl IntoView {
    let player = PlayerInjection::expect();
    let i18n = I18nInjection::expect();
    let chosen = RwSignal::new(None::<usize>);
    let is_checked = RwSignal::new(false);
    let name = format!("question-{}", question.question_id);
    let heading_id = format!("{name}-prompt");
    let labelled_by = heading_id.clone();
    let form = NodeRef::<leptos::html::Form>::new();
    // The question interrupts the lecture, so it takes focus; a screen reader reads it out.
    Effect::new(move || {
        if let Some(form) = form.get() {
            focus_first_choice(&form);
        }
    });
    let correct = question.correct_choice;
    let explanation = question.explanation.clone();
    let verdict = move || {
        let chosen = chosen.get()?;
        let correct = correct?;
        Some(if chosen == correct {
            PlayerMsg::Correct
        } else {
            PlayerMsg::Incorrect
        })
    };
    view! {
        <form
            node_ref=form
            class="timed-question"
            role="group"
            aria-labelledby=labelled_by
            on:submit=move |event| {
                event.prevent_default();
                if is_checked.get_untracked() || correct.is_none() {
                    player.close_question();
                } else {
                    is_checked.set(true);
                }
            }
        >
            <p class="timed-question-label">{move || i18n.p(PlayerMsg::Question)}</p>
            <h2 id=heading_id class="timed-question-prompt">{question.prompt.clone()}</h2>
            <fieldset disabled=move || is_checked.get()>
                <legend class="visually-hidden">{question.prompt.clone()}</legend>
                {question.choices.iter().enumerate().map(|(index, choice)| {
                    let id = format!("{name}-{index}");
                    view! {
                        <div class="choice">
                            <input type="radio" id=id.clone() name=name.clone() value=index.to_string()
                                on:change=move |_| chosen.set(Some(index)) />
                            <label for=id>{choice.clone()}</label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
            <Show when=move || is_checked.get()>
                <div class="timed-question-feedback" role="status">
                    <p>{move || verdict().map(|msg| i18n.p(msg))}</p>
                    {explanation.clone().map(|text| view! { <p>{text}</p> })}
                </div>
            </Show>
            <div class="timed-question-actions">
                <button type="submit" class="question-submit" disabled=move || chosen.get().is_none() && !is_checked.get()>
                    {move || i18n.p(if is_checked.get() || correct.is_none() { PlayerMsg::Continue } else { PlayerMsg::SubmitAnswer })}
                </button>
                <Show when=move || !is_checked.get()>
                    <button type="button" class="question-skip" on:click=move |_| player.close_question()>
                        {move || i18n.p(PlayerMsg::SkipQuestion)}
                    </button>
                </Show>
            </div>
        </form>
    }
}

fn focus_first_choice(form: &web_sys::HtmlFormElement) {
    use wasm_bindgen::JsCast;
    let first = form
        .query_selector("input[type=radio]")
        .ok()
        .flatten()
        .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(first) = first {
        // focus() cannot fail on a rendered radio button.
        let _ = first.focus();
    }
}
