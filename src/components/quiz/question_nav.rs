//! The attempt's questions as numbered buttons: which one is shown (`aria-current`), which
//! are answered, and a jump to any of them.

use crate::i18n::{I18nInjection, QuizMsg};
use crate::state::quiz::QuizInjection;
use lectern_core::quiz::is_answered;
use leptos::prelude::*;

/// Jump-to-question buttons for the open attempt.
#[component]
pub fn QuestionNav(question_ids: Vec<String>) -> impl IntoView {
    let quiz = QuizInjection::expect();
    let i18n = I18nInjection::expect();
    let current = move || quiz.current().map(|a| a.current_question).unwrap_or(0);
    let buttons = question_ids
        .into_iter()
        .enumerate()
        .map(|(index, question_id)| {
            let answered_id = question_id.clone();
            let is_done = Signal::derive(move || {
                quiz.current()
                    .is_some_and(|a| is_answered(a.view.answers.get(&answered_id)))
            });
            let label = move || {
                let msg = if is_done.get() {
                    QuizMsg::GoToAnsweredQuestion
                } else {
                    QuizMsg::GoToQuestion
                };
                i18n.q(msg).replace("{n}", &(index + 1).to_string())
            };
            view! {
                <li>
                    <button type="button" class="question-nav-item" data-index=index.to_string()
                        class:is-answered=move || is_done.get()
                        aria-current=move || (current() == index).then_some("step")
                        aria-label=label
                        on:click=move |_| quiz.go_to(index)>
                        {index + 1}
                    </button>
                </li>
            }
        })
        .collect_view();
    view! {
        <nav class="question-nav" aria-label=move || i18n.q(QuizMsg::Questions)>
            <ol>{buttons}</ol>
        </nav>
    }
}
