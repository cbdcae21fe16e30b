//! A quiz before an attempt: what it is (questions, time limit, attempts, due date in the
//! learner's time zone, pass mark), a button to start or resume, why starting failed if it
//! did, and the past attempts to review.

use super::{attempt_status_label, quiz_error_text, score_text};
use crate::i18n::{I18nInjection, QuizMsg};
use crate::io::document::format_local_datetime;
use crate::state::quiz::{AttemptsLoad, QuizInjection};
use leptos::prelude::*;

/// The quiz's facts, start button and attempts.
#[component]
pub fn QuizOverview(
    /// Where an instructor sees every learner's submissions, if the caller teaches.
    submissions_href: Option<String>,
) -> impl IntoView {
    let quiz = QuizInjection::expect();
    let i18n = I18nInjection::expect();
    let (settings, question_count) = quiz.quiz.with_value(|q| {
        let count: u32 = q
            .pools
            .iter()
            .map(|pool| pool.draw.min(pool.questions.len() as u32))
            .sum();
        (q.settings.clone(), count)
    });
    let facts = {
        let settings = settings.clone();
        move || {
            let locale = i18n.locale();
            let mut facts = vec![i18n
                .q(QuizMsg::QuestionCount)
                .replace("{count}", &question_count.to_string())];
            facts.push(
                i18n.q(if settings.is_graded {
                    QuizMsg::Graded
                } else {
                    QuizMsg::Practice
                })
                .to_owned(),
            );
            if let Some(seconds) = settings.time_limit_seconds {
                facts.push(
                    i18n.q(QuizMsg::TimeLimit)
                        .replace("{minutes}", &seconds.div_ceil(60).to_string()),
                );
            }
            if let Some(limit) = settings.attempt_limit {
                facts.push(
                    i18n.q(QuizMsg::AttemptsAllowed)
                        .replace("{count}", &limit.to_string()),
                );
            }
            if let Some(due_at) = settings.due_at {
                facts.push(
                    i18n.q(QuizMsg::DueAt)
                        .replace("{time}", &format_local_datetime(due_at, locale.tag())),
                );
            }
            if let Some(percent) = settings.pass_percent {
                facts.push(
                    i18n.q(QuizMsg::PassMark)
                        .replace("{percent}", &percent.to_string()),
                );
            }
            facts
                .into_iter()
                .map(|fact| view! { <li>{fact}</li> })
                .collect_view()
        }
    };
    let start_label = move || {
        let msg = if quiz.in_progress().is_some() {
            QuizMsg::ResumeAttempt
        } else {
            QuizMsg::StartAttempt
        };
        i18n.q(msg)
    };
    let no_attempts_left =
        move || quiz.in_progress().is_none() && quiz.attempts_remaining.get() == Some(0);
    let attempts = move || {
        quiz.attempts.get().into_iter().rev().map(|attempt| {
            let attempt_id = attempt.view.attempt_id.clone();
            let status = attempt_status_label(&attempt);
            let score = attempt.view.result.as_ref().map(|r| score_text(r.score_millipoints, r.possible_millipoints));
            let is_open_for_review = attempt.is_submitted() || attempt.submit_requested_at.is_some();
            let number = attempt.view.attempt_number;
            view! {
                <li class="attempt-item" data-attempt-number=number.to_string() data-status=if attempt.is_submitted() { "submitted" } else { "in_progress" }>
                    <span class="attempt-name">{move || i18n.q(QuizMsg::AttemptN).replace("{n}", &number.to_string())}</span>
                    " · " <span class="attempt-status">{move || i18n.q(status)}</span>
                    {score.map(|score| view! { " · " <span class="attempt-item-score">{score}</span> })}
                    {attempt.view.is_late.then(|| view! { " · " <span class="attempt-item-late">{move || i18n.q(QuizMsg::Late)}</span> })}
                    {attempt.view.late_copy_of.is_some().then(|| view! { " · " <span class="attempt-item-late-copy">{move || i18n.q(QuizMsg::LateCopy)}</span> })}
                    {is_open_for_review.then(|| view! {
                        " " <button type="button" class="attempt-review-open" on:click=move |_| quiz.open(attempt_id.clone())>
                            {move || i18n.q(QuizMsg::Review)}
                        </button>
                    })}
                </li>
            }
        }).collect_view()
    };
    view! {
        <section class="quiz-overview" aria-labelledby="quiz-overview-heading">
            <h2 id="quiz-overview-heading" class="visually-hidden">{move || i18n.q(QuizMsg::AboutQuiz)}</h2>
            <ul class="quiz-facts">{facts}</ul>
            {move || matches!(quiz.load.get(), AttemptsLoad::DeviceOnly(_)).then(|| view! {
                <p class="quiz-device-only" role="status">{move || i18n.q(QuizMsg::AttemptsFromDevice)}</p>
            })}
            {move || quiz.start_error.get().map(|error| {
                let text = quiz_error_text(&error, i18n.locale());
                view! { <p class="quiz-start-error form-error" role="alert">{text}</p> }
            })}
            <Show when=move || !no_attempts_left() fallback=move || view! { <p class="quiz-no-attempts">{move || i18n.q(QuizMsg::NoAttemptsLeft)}</p> }>
                <button type="button" class="quiz-start button-primary" aria-disabled=move || quiz.is_starting.get().then_some("true") on:click=move |_| leptos::task::spawn_local(quiz.start())>{start_label}</button>
            </Show>
            {move || quiz.attempts_remaining.get().map(|left| view! {
                <p class="quiz-attempts-left">{move || i18n.q(QuizMsg::AttemptsLeft).replace("{count}", &left.to_string())}</p>
            })}
            <Show when=move || quiz.attempts.with(|a| !a.is_empty())>
                <h3>{move || i18n.q(QuizMsg::YourAttempts)}</h3>
                <ul class="attempt-list">{attempts}</ul>
            </Show>
            {submissions_href.map(|href| view! {
                <p><a class="quiz-submissions-link" href=href>{move || i18n.q(QuizMsg::SeeSubmissions)}</a></p>
            })}
        </section>
    }
}
