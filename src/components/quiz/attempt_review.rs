//! A submitted attempt, as far as the quiz's settings allow: the score and whether it
//! passes, then each question with the answer given, whether it was right, the points, the
//! explanation and any instructor's feedback. Waiting for the server, it says so.

use super::practice_feedback::outcome_name;
use super::{outcome_label, AttemptSyncNotice, QuestionView};
use crate::components::MarkdownView;
use crate::i18n::{I18nInjection, QuizMsg};
use crate::io::idb::LocalAttempt;
use crate::state::quiz::QuizInjection;
use lectern_api::v1::QuestionResult;
use lectern_core::quiz::{Answer, Score};
use leptos::prelude::*;

/// The review of a submitted (or submitting) attempt.
#[component]
pub fn AttemptReview(attempt: LocalAttempt) -> impl IntoView {
    let quiz = QuizInjection::expect();
    let i18n = I18nInjection::expect();
    let drawn = quiz.drawn(&attempt);
    let result = attempt.view.result.clone();
    let summary = match (&result, attempt.is_submitted()) {
        (_, false) => view! { <p class="attempt-pending" role="status">{move || i18n.q(QuizMsg::SubmissionWaiting)}</p> }.into_any(),
        (None, true) => view! { <p class="attempt-score-hidden">{move || i18n.q(QuizMsg::ScoreHidden)}</p> }.into_any(),
        (Some(result), true) => {
            let score = score_text(result.score_millipoints, result.possible_millipoints);
            let passed = result.is_passed.map(|is_passed| if is_passed { QuizMsg::Passed } else { QuizMsg::NotPassed });
            let needs_review = result.needs_review;
            view! {
                <p class="attempt-score" data-score-millipoints=result.score_millipoints.millipoints().to_string()>
                    {move || i18n.q(QuizMsg::YourScore).replace("{score}", &score)}
                </p>
                {passed.map(|msg| view! { <p class="attempt-passed">{move || i18n.q(msg)}</p> })}
                {needs_review.then(|| view! { <p class="attempt-needs-review">{move || i18n.q(QuizMsg::AwaitingReview)}</p> })}
            }
            .into_any()
        }
    };
    let flags = view! {
        {attempt.view.is_late.then(|| view! { <p class="attempt-late">{move || i18n.q(QuizMsg::SubmittedLate)}</p> })}
        {attempt.view.has_ignored_late_answers.then(|| view! { <p class="attempt-late-answers">{move || i18n.q(QuizMsg::LateAnswersIgnored)}</p> })}
        {attempt.view.late_copy_of.is_some().then(|| view! { <p class="attempt-late-copy">{move || i18n.q(QuizMsg::LateCopyExplained)}</p> })}
    };
    let questions = drawn
        .question_ids
        .iter()
        .enumerate()
        .filter_map(|(index, question_id)| {
            let question = quiz.quiz.with_value(|q| q.question(question_id).cloned())?;
            let answer: Option<Answer> = attempt.view.answers.get(question_id).cloned();
            let outcome = result.as_ref().and_then(|r| r.questions.iter().find(|q| &q.question_id == question_id)).cloned();
            let total = drawn.question_ids.len();
            let outcome_attr = outcome.as_ref().and_then(|o| o.outcome).map(outcome_name);
            Some(view! {
                <li class="review-question" data-question-id=question_id.clone()
                    data-outcome=outcome_attr>
                    <QuestionView question drawn=drawn.clone() answer=Signal::stored(answer) on_answer=Callback::new(|_| ()) is_read_only=true position=(index + 1, total) language=quiz.content_language.get_value() />
                    {outcome.map(question_result_view)}
                </li>
            })
        })
        .collect_view();
    view! {
        <section class="attempt-review" data-attempt-id=attempt.view.attempt_id.to_string() aria-labelledby="review-heading">
            <h2 id="review-heading" tabindex="-1">{move || i18n.q(QuizMsg::ReviewOfAttempt).replace("{n}", &attempt.view.attempt_number.to_string())}</h2>
            <AttemptSyncNotice />
            {summary}
            {flags}
            <ol class="review-questions">{questions}</ol>
            <button type="button" class="attempt-back" on:click=move |_| quiz.close()>{move || i18n.q(QuizMsg::BackToQuiz)}</button>
        </section>
    }
}

fn question_result_view(result: QuestionResult) -> impl IntoView {
    let i18n = I18nInjection::expect();
    let points = result
        .awarded_millipoints
        .zip(result.possible_millipoints)
        .map(|(awarded, possible)| (awarded.to_string(), possible.to_string()));
    view! {
        <div class="review-result">
            {result.outcome.map(|outcome| view! {
                <p class="review-outcome">
                    {move || i18n.q(outcome_label(outcome))}
                    {points.clone().map(|(awarded, possible)| view! {
                        " " <span class="review-points">{move || i18n.q(QuizMsg::PointsOf).replace("{awarded}", &awarded).replace("{possible}", &possible)}</span>
                    })}
                </p>
            })}
            {result.explanation.map(|text| view! { <div class="explanation"><MarkdownView source=text /></div> })}
            {result.instructor_feedback.map(|text| view! {
                <div class="instructor-feedback">
                    <p class="instructor-feedback-label">{move || i18n.q(QuizMsg::InstructorFeedback)}</p>
                    <p class="instructor-feedback-text">{text}</p>
                </div>
            })}
        </div>
    }
}

/// "7.5 of 10".
pub fn score_text(score: Score, possible: Score) -> String {
    format!("{score} / {possible}")
}
