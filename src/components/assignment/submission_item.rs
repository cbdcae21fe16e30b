//! One submission: when it was handed in (and how late, with what penalty), its answer and
//! files, and the grade and feedback once an instructor has given them.

use crate::components::MarkdownView;
use crate::i18n::{action_error_line, I18nInjection, WorkMsg};
use crate::io::document::{format_bytes, format_local_datetime};
use crate::io::file_save::save_from_api;
use crate::io::intl::format_distance;
use crate::state::SessionInjection;
use lectern_api::v1::{SubmissionView, SubmittedFileView};
use lectern_core::calendar::DueUnit;
use leptos::prelude::*;

/// A submission card.
#[component]
pub fn SubmissionItem(submission: SubmissionView) -> impl IntoView {
    let i18n = I18nInjection::expect();
    let submitted_at = submission.submitted_at;
    let (is_late, days_late, penalty) = (
        submission.is_late,
        submission.days_late,
        submission.penalty_percent,
    );
    let late_line = move || {
        i18n.w(WorkMsg::LateBy)
            .replace(
                "{distance}",
                &format_distance(i64::from(days_late), DueUnit::Days, i18n.locale().tag()),
            )
            .replace("{percent}", &penalty.to_string())
    };
    let files = submission.files.clone();
    view! {
        <article class="submission" data-submission-id=submission.submission_id.to_string()>
            <p class="submission-time">
                <time datetime=submitted_at.to_string()>
                    {move || i18n.w(WorkMsg::HandedInAt).replace("{time}", &format_local_datetime(submitted_at, i18n.locale().tag()))}
                </time>
                {is_late.then(|| view! { " · " <span class="submission-late">{late_line}</span> })}
            </p>
            {(!submission.text.is_empty()).then(|| view! {
                <div class="submission-text">{submission.text.clone()}</div>
            })}
            {(!files.is_empty()).then(|| view! {
                <ul class="submission-files">{files.into_iter().map(|file| view! { <li><FileDownload file /></li> }).collect_view()}</ul>
            })}
            {submission.grade.clone().map(|grade| {
                let graded_at = grade.graded_at;
                let final_points = format!("{:.1}", f64::from(grade.final_score_millipoints) / 1_000.0);
                let has_penalty = penalty > 0;
                view! {
                    <section class="grade" aria-label=move || i18n.w(WorkMsg::StateGraded)>
                        <p class="grade-line">
                            {move || i18n.w(WorkMsg::GradeLine).replace("{score}", &grade.score.to_string()).replace("{max}", &grade.max_points.to_string())}
                            {has_penalty.then(|| view! { " · " {move || i18n.w(WorkMsg::AfterPenalty).replace("{final}", &final_points)} })}
                        </p>
                        <p class="post-byline">
                            {move || i18n.w(WorkMsg::GradedBy).replace("{name}", &grade.grader).replace("{time}", &format_local_datetime(graded_at, i18n.locale().tag()))}
                        </p>
                        {(!grade.feedback.is_empty()).then(|| view! {
                            <h3>{move || i18n.w(WorkMsg::FeedbackHeading)}</h3>
                            <div class="feedback-body"><MarkdownView source=grade.feedback.clone() /></div>
                        })}
                    </section>
                }
            })}
        </article>
    }
}

/// A button that saves one handed-in file (fetched with the token, never a bare link).
#[component]
fn FileDownload(file: SubmittedFileView) -> impl IntoView {
    let i18n = I18nInjection::expect();
    let session = SessionInjection::expect();
    let error = RwSignal::new(None::<String>);
    let size = file.size_bytes;
    let file = StoredValue::new(file);
    let save = move |_| {
        let Some(token) = session.token_untracked() else {
            return;
        };
        let file = file.get_value();
        leptos::task::spawn_local(async move {
            let saved = save_from_api(&token, &file.download_url, &file.file_name).await;
            error.set(
                session
                    .observe(saved)
                    .err()
                    .map(|err| action_error_line(i18n.locale(), &err)),
            );
        });
    };
    view! {
        <button type="button" class="button button-quiet file-download" on:click=save>
            {move || i18n.w(WorkMsg::Download).replace("{name}", &file.get_value().file_name)}
        </button>
        " " <span>{move || format_bytes(size, i18n.locale().tag())}</span>
        <span class="form-error" role="alert">{move || error.get()}</span>
    }
}
