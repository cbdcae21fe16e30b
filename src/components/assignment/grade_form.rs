//! An instructor's grade for one submission: a score out of the assignment's points and
//! written feedback (Markdown, shown to the learner inert). Saving tells the learner.

use crate::i18n::{action_error_line, I18nInjection, WorkMsg};
use crate::io::assignments_api;
use crate::state::SessionInjection;
use lectern_api::v1::{GradeRequest, SubmissionId, MAX_FEEDBACK_CHARS};
use leptos::prelude::*;

/// The grading form.
#[component]
pub fn GradeForm(
    submission_id: SubmissionId,
    max_points: u32,
    /// The current grade, if re-grading.
    score: Option<u32>,
    #[prop(optional)] feedback: String,
    #[prop(into)] on_saved: Callback<()>,
) -> impl IntoView {
    let i18n = I18nInjection::expect();
    let session = SessionInjection::expect();
    let score_text = RwSignal::new(score.map(|s| s.to_string()).unwrap_or_default());
    let feedback = RwSignal::new(feedback);
    let outcome = RwSignal::new(None::<Result<(), String>>);
    let busy = RwSignal::new(false);
    let key = submission_id.to_string();
    let submission = StoredValue::new(submission_id);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(token) = session.token_untracked() else {
            return;
        };
        let Ok(score) = score_text.get_untracked().trim().parse::<u32>() else {
            let label = i18n
                .w(WorkMsg::ScoreLabel)
                .replace("{max}", &max_points.to_string());
            outcome.set(Some(Err(label)));
            return;
        };
        let request = GradeRequest {
            score,
            feedback: feedback.get_untracked(),
        };
        busy.set(true);
        leptos::task::spawn_local(async move {
            let saved = assignments_api::grade(&token, &submission.get_value(), &request).await;
            busy.set(false);
            match session.observe(saved) {
                Ok(_) => {
                    outcome.set(Some(Ok(())));
                    on_saved.run(());
                }
                Err(err) => outcome.set(Some(Err(action_error_line(i18n.locale(), &err)))),
            }
        });
    };
    let score_id = format!("score-{key}");
    let feedback_id = format!("feedback-{key}");
    view! {
        <form class="grade-form" on:submit=save novalidate data-submission-id=key.clone()>
            <label for=score_id.clone()>{move || i18n.w(WorkMsg::ScoreLabel).replace("{max}", &max_points.to_string())}</label>
            <input id=score_id name="score" type="number" inputmode="numeric" min="0" max=max_points.to_string()
                prop:value=move || score_text.get() on:input=move |ev| score_text.set(event_target_value(&ev)) />
            <label for=feedback_id.clone()>{move || i18n.w(WorkMsg::FeedbackLabel)}</label>
            <textarea id=feedback_id name="feedback" rows="4" maxlength=MAX_FEEDBACK_CHARS.to_string()
                prop:value=move || feedback.get() on:input=move |ev| feedback.set(event_target_value(&ev))></textarea>
            <button type="submit" class="button" disabled=move || busy.get()>{move || i18n.w(WorkMsg::SaveGrade)}</button>
            {move || match outcome.get() {
                Some(Ok(())) => view! { <p class="grade-saved" role="status">{move || i18n.w(WorkMsg::GradeSaved)}</p> }.into_any(),
                Some(Err(message)) => view! { <p class="form-error" role="alert">{message}</p> }.into_any(),
                None => ().into_any(),
            }}
        </form>
    }
}
