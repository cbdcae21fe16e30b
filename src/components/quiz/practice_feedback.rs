//! Instant feedback on a practice question (a quiz whose settings give feedback after each
//! question and that carries its keys): "Check answer", then whether it was right, the
//! points, and the explanation. Graded with the same core code the server uses.

use super::outcome_label;
use crate::components::MarkdownView;
use crate::i18n::{I18nInjection, QuizMsg};
use crate::state::quiz::QuizInjection;
use lectern_core::quiz::{grade, is_answered, Answer, Outcome, Question};
use leptos::prelude::*;

/// The check button and, once checked, the feedback.
#[component]
pub fn PracticeFeedback(
    question: Question,
    #[prop(into)] answer: Signal<Option<Answer>>,
) -> impl IntoView {
    let quiz = QuizInjection::expect();
    let i18n = I18nInjection::expect();
    let question = StoredValue::new(question);
    let question_id = question.with_value(|q| q.question_id.clone());
    let checked_id = question_id.clone();
    let is_checked =
        Signal::derive(move || quiz.checked.with(|checked| checked.contains(&checked_id)));
    let graded = move || question.with_value(|q| grade(q, answer.get().as_ref()));
    view! {
        <div class="practice-feedback">
            <Show when=move || !is_checked.get()>
                <button type="button" class="check-answer" disabled=move || !is_answered(answer.get().as_ref())
                    on:click={
                        let question_id = question_id.clone();
                        move |_| {
                            quiz.check(&question_id);
                            // The button goes away: focus moves to what it revealed.
                            crate::io::document::focus_after_render(".question-feedback");
                        }
                    }>
                    {move || i18n.q(QuizMsg::CheckAnswer)}
                </button>
            </Show>
            <div role="status" aria-live="polite">
                <Show when=move || is_checked.get()>
                    {move || {
                        let grade = graded();
                        let explanation = question.with_value(|q| q.feedback.clone());
                        view! {
                            <div class="question-feedback" tabindex="-1" data-outcome=outcome_name(grade.outcome)>
                                <p class="feedback-verdict">
                                    {move || i18n.q(outcome_label(grade.outcome))}
                                    " "
                                    <span class="feedback-points">
                                        {move || i18n.q(QuizMsg::PointsOf)
                                            .replace("{awarded}", &grade.points_awarded.to_string())
                                            .replace("{possible}", &grade.points_possible.to_string())}
                                    </span>
                                </p>
                                {explanation.map(|text| view! { <div class="explanation"><MarkdownView source=text /></div> })}
                            </div>
                        }
                    }}
                </Show>
            </div>
        </div>
    }
}

/// The `data-outcome` of an outcome (as on the wire).
pub fn outcome_name(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Correct => "correct",
        Outcome::PartiallyCorrect => "partially_correct",
        Outcome::Incorrect => "incorrect",
        Outcome::Unanswered => "unanswered",
        Outcome::NeedsReview => "needs_review",
    }
}
