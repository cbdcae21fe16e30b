//! The instructor's form for a new poll: a question, two to eight options, and whether one
//! answer or several may be chosen.

use crate::i18n::{I18nInjection, LiveMsg};
use crate::state::live::LiveConnection;
use lectern_api::v1::live::{ClientMessage, PollKind};
use lectern_core::live::{
    MAX_POLL_OPTIONS, MAX_POLL_OPTION_CHARS, MAX_POLL_QUESTION_CHARS, MIN_POLL_OPTIONS,
};
use leptos::prelude::*;

/// The new-poll form.
#[component]
pub fn PollComposer() -> impl IntoView {
    let i18n = I18nInjection::expect();
    let connection = LiveConnection::expect();
    let question = RwSignal::new(String::new());
    // One signal per option, so typing in one does not draw the fields again.
    let blank_options = || {
        (0..MIN_POLL_OPTIONS)
            .map(|_| RwSignal::new(String::new()))
            .collect()
    };
    let options: RwSignal<Vec<RwSignal<String>>> = RwSignal::new(blank_options());
    let kind = RwSignal::new(PollKind::Single);
    let open = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let filled: Vec<String> = options
            .get_untracked()
            .into_iter()
            .map(|option| option.get_untracked().trim().to_owned())
            .filter(|option| !option.is_empty())
            .collect();
        connection.send(&ClientMessage::PollCreate {
            question: question.get_untracked().trim().to_owned(),
            kind: kind.get_untracked(),
            options: filled,
        });
        question.set(String::new());
        options.set(blank_options());
    };
    let option_count = move || options.with(Vec::len);
    view! {
        <form class="poll-composer" on:submit=open>
            <label for="poll-question">{move || i18n.live(LiveMsg::PollQuestion)}</label>
            <input id="poll-question" type="text" required maxlength=MAX_POLL_QUESTION_CHARS.to_string()
                prop:value=move || question.get() on:input=move |ev| question.set(event_target_value(&ev)) />
            {move || options.get().into_iter().enumerate().map(|(index, option)| {
                let id = format!("poll-option-{index}");
                let label = i18n.live(LiveMsg::PollOption).replace("{n}", &(index + 1).to_string());
                view! {
                    <label for=id.clone()>{label}</label>
                    <input id=id type="text" maxlength=MAX_POLL_OPTION_CHARS.to_string()
                        prop:value=move || option.get() on:input=move |ev| option.set(event_target_value(&ev)) />
                }
            }).collect_view()}
            <button type="button" class="button button-quiet" disabled=move || { option_count() >= MAX_POLL_OPTIONS }
                on:click=move |_| options.update(|options| options.push(RwSignal::new(String::new())))>
                {move || i18n.live(LiveMsg::PollAddOption)}
            </button>
            <fieldset class="poll-kind">
                <legend class="visually-hidden">{move || i18n.live(LiveMsg::PollHeading)}</legend>
                <label>
                    <input type="radio" name="poll-kind" prop:checked=move || kind.get() == PollKind::Single
                        on:change=move |_| kind.set(PollKind::Single) />
                    {move || i18n.live(LiveMsg::PollSingle)}
                </label>
                <label>
                    <input type="radio" name="poll-kind" prop:checked=move || kind.get() == PollKind::Multiple
                        on:change=move |_| kind.set(PollKind::Multiple) />
                    {move || i18n.live(LiveMsg::PollMultiple)}
                </label>
            </fieldset>
            <button type="submit" class="button">{move || i18n.live(LiveMsg::PollOpen)}</button>
        </form>
    }
}
