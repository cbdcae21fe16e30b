//! Taking an attempt: one question at a time with a jump list, previous and next, the time
//! left, practice feedback where the quiz gives it, and a submit that first says how many
//! questions are unanswered. Every answer is on this device the moment it changes.

use super::{AttemptSyncNotice, PracticeFeedback, QuestionNav, QuestionView, QuizTimer};
use crate::i18n::{I18nInjection, QuizMsg};
use crate::io::document::focus_after_render;
use crate::io::idb::LocalAttempt;
use crate::state::quiz::QuizInjection;
use lectern_core::quiz::{is_answered, Answer, FeedbackTiming};
use leptos::prelude::*;

/// The open attempt, being taken.
#[component]
pub fn AttemptRunner(attempt: LocalAttempt) -> impl IntoView {
    let quiz = QuizInjection::expect();
    let i18n = I18nInjection::expect();
    let drawn = quiz.drawn(&attempt);
    let question_ids = drawn.question_ids.clone();
    let total = question_ids.len();
    let has_instant_feedback = quiz
        .quiz
        .with_value(|q| q.settings.feedback == FeedbackTiming::AfterEachQuestion && q.has_keys());
    // A memo, so answering (which changes the attempt) never rebuilds the question shown.
    let index = Memo::new(move |_| {
        quiz.current()
            .map(|a| a.current_question.min(total.saturating_sub(1)))
            .unwrap_or(0)
    });
    let is_confirming = RwSignal::new(false);
    let unanswered = {
        let question_ids = question_ids.clone();
        Signal::derive(move || {
            quiz.current().map_or(0, |a| {
                question_ids
                    .iter()
                    .filter(|id| !is_answered(a.view.answers.get(*id)))
                    .count()
            })
        })
    };
    let drawn = StoredValue::new(drawn);
    let shown_question = move || {
        let at = index.get();
        let question_id = drawn.with_value(|d| d.question_ids.get(at).cloned())?;
        let question = quiz
            .quiz
            .with_value(|q| q.question(&question_id).cloned())?;
        let answer_id = question_id.clone();
        let answer = Signal::derive(move || {
            quiz.current()
                .and_then(|a| a.view.answers.get(&answer_id).cloned())
        });
        let on_answer = Callback::new(move |answer: Answer| quiz.answer(&question_id, answer));
        let feedback = has_instant_feedback
            .then(|| view! { <PracticeFeedback question=question.clone() answer /> });
        Some(view! {
            <QuestionView question drawn=drawn.get_value() answer on_answer position=(at + 1, total) language=quiz.content_language.get_value() />
            {feedback}
        })
    };
    let go = move |to: usize| {
        quiz.go_to(to);
        focus_after_render(".attempt-question");
    };
    // The attempt replaces the overview: focus moves to its first question.
    focus_after_render(".attempt-question");
    let deadline = attempt.view.deadline_at;
    view! {
        <section class="quiz-attempt" data-attempt-id=attempt.view.attempt_id.to_string() aria-labelledby="attempt-heading">
            <header class="attempt-header">
                <h2 id="attempt-heading">{move || i18n.q(QuizMsg::AttemptN).replace("{n}", &attempt.view.attempt_number.to_string())}</h2>
                {deadline.map(|deadline| view! { <QuizTimer deadline on_expired=Callback::new(move |()| quiz.submit()) /> })}
            </header>
            <AttemptSyncNotice />
            <QuestionNav question_ids=question_ids.clone() />
            <div class="attempt-question" tabindex="-1" aria-live="off">{shown_question}</div>
            <div class="attempt-actions">
                <button type="button" class="question-prev" disabled=move || index.get() == 0 on:click=move |_| go(index.get().saturating_sub(1))>
                    {move || i18n.q(QuizMsg::PreviousQuestion)}
                </button>
                <Show when=move || index.get() + 1 < total>
                    <button type="button" class="question-next" on:click=move |_| go(index.get() + 1)>
                        {move || i18n.q(QuizMsg::NextQuestion)}
                    </button>
                </Show>
                <button type="button" class="quiz-submit" on:click=move |_| {
                    is_confirming.set(true);
                    focus_after_render(".submit-confirm .confirm-submit");
                }>
                    {move || i18n.q(QuizMsg::SubmitAttempt)}
                </button>
                <button type="button" class="attempt-leave" on:click=move |_| quiz.close()>
                    {move || i18n.q(QuizMsg::SaveAndLeave)}
                </button>
            </div>
            <Show when=move || is_confirming.get()>
                <div class="submit-confirm" role="alertdialog" aria-labelledby="submit-confirm-text"
                    on:keydown=move |event| if event.key() == "Escape" { is_confirming.set(false) }>
                    <p id="submit-confirm-text">
                        {move || match unanswered.get() {
                            0 => i18n.q(QuizMsg::ConfirmSubmitAll).to_owned(),
                            n => i18n.q(QuizMsg::ConfirmSubmitUnanswered).replace("{count}", &n.to_string()),
                        }}
                    </p>
                    <button type="button" class="confirm-submit" on:click=move |_| { is_confirming.set(false); quiz.submit() }>
                        {move || i18n.q(QuizMsg::SubmitNow)}
                    </button>
                    <button type="button" class="cancel-submit" on:click=move |_| is_confirming.set(false)>
                        {move || i18n.q(QuizMsg::KeepWorking)}
                    </button>
                </div>
            </Show>
        </section>
    }
}
