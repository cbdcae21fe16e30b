//! The room's Q&A: anyone asks, learners upvote (once each), the instructor marks a question
//! answered. Unanswered questions come first, the most upvoted at the top.

use crate::i18n::{I18nInjection, LiveMsg};
use crate::state::live::LiveConnection;
use lectern_api::v1::live::{ClientMessage, QuestionView};
use lectern_core::live::MAX_QUESTION_CHARS;
use leptos::prelude::*;

/// The Q&A panel.
#[component]
pub fn LiveQuestions() -> impl IntoView {
    let i18n = I18nInjection::expect();
    let connection = LiveConnection::expect();
    let draft = RwSignal::new(String::new());
    let questions = Memo::new(move |_| {
        connection
            .with_room(|room| room.questions.clone())
            .unwrap_or_default()
    });
    let ask = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = draft.get_untracked().trim().to_owned();
        if !text.is_empty() {
            connection.send(&ClientMessage::QuestionAsk { text });
            draft.set(String::new());
        }
    };
    view! {
        <section class="live-panel live-questions" aria-labelledby="live-questions-heading">
            <h2 id="live-questions-heading">{move || i18n.live(LiveMsg::QuestionsHeading)}</h2>
            <form class="question-form" on:submit=ask>
                <label for="live-question-input">{move || i18n.live(LiveMsg::QuestionLabel)}</label>
                <input id="live-question-input" type="text" maxlength=MAX_QUESTION_CHARS.to_string()
                    prop:value=move || draft.get() on:input=move |ev| draft.set(event_target_value(&ev)) />
                <button type="submit" class="button">{move || i18n.live(LiveMsg::QuestionAsk)}</button>
            </form>
            <p class="questions-empty">{move || questions.with(Vec::is_empty).then(|| i18n.live(LiveMsg::QuestionsEmpty))}</p>
            <ol class="question-list">
                {move || questions.get().into_iter().map(|question| view! { <QuestionItem question /> }).collect_view()}
            </ol>
        </section>
    }
}

/// One question, with what this participant may do to it.
#[component]
fn QuestionItem(question: QuestionView) -> impl IntoView {
    let i18n = I18nInjection::expect();
    let connection = LiveConnection::expect();
    let question_id = question.question_id;
    let (is_instructor, is_own, has_upvoted, asker) = connection
        .with_room(|room| {
            (
                room.is_instructor(),
                room.you == question.asked_by,
                room.your_upvotes.contains(&question_id),
                room.display_name(&question.asked_by),
            )
        })
        .unwrap_or_default();
    let upvotes = i18n
        .live(LiveMsg::QuestionUpvotes)
        .replace("{count}", &question.upvotes.to_string());
    let may_upvote = !is_instructor && !is_own && !question.is_answered;
    let may_mark = is_instructor && !question.is_answered;
    view! {
        <li class="question" data-question-id=question_id.to_string() data-answered=question.is_answered.to_string()>
            <p class="question-text">{question.text}</p>
            <p class="question-meta">
                <span>{asker}</span> " · " <span class="question-upvotes">{upvotes}</span>
                {question.is_answered.then(|| view! { " · " <span class="question-answered">{i18n.live(LiveMsg::QuestionAnswered)}</span> })}
            </p>
            {may_upvote.then(|| view! {
                <button type="button" class="button button-quiet upvote" aria-pressed=has_upvoted.to_string() disabled=has_upvoted
                    on:click=move |_| {
                        connection.send(&ClientMessage::QuestionUpvote { question_id });
                        // The room says only the new count; the snapshot after a rejoin agrees.
                        connection.model.update(|room| {
                            if let Some(room) = room {
                                room.your_upvotes.push(question_id);
                            }
                        });
                    }>
                    {i18n.live(LiveMsg::QuestionUpvote)}
                </button>
            })}
            {may_mark.then(|| view! {
                <button type="button" class="button button-quiet mark-answered"
                    on:click=move |_| connection.send(&ClientMessage::QuestionMarkAnswered { question_id })>
                    {i18n.live(LiveMsg::QuestionMarkAnswered)}
                </button>
            })}
        </li>
    }
}
