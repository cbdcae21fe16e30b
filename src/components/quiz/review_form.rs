//! An instructor's review of one answer: points (decimals allowed, up to the question's
//! worth) and feedback for the learner, saved to the server.

use crate::i18n::{I18nInjection, QuizMsg};
use crate::io::http::HttpError;
use crate::io::quiz_api;
use crate::state::SessionInjection;
use lectern_api::v1::{AttemptId, AttemptView, QuestionResult, ReviewRequest};
use lectern_core::quiz::Score;
use leptos::prelude::*;

/// Reads typed points ("1.5" or "1,5") as milli-points, if within `0..=possible`.
pub fn parse_points(raw: &str, possible: Score) -> Option<Score> {
    let value: f64 = raw.trim().replace(',', ".").parse().ok()?;
    if !value.is_finite() || value < 0.0 {
        return None;
    }
    let millipoints = (value * 1000.0).round();
    (millipoints <= f64::from(possible.millipoints()))
        .then(|| Score::from_millipoints(millipoints as u32))
}

/// The review form of one answer.
#[component]
pub fn ReviewForm(
    attempt_id: AttemptId,
    question_id: String,
    /// What the question is worth.
    possible: Score,
    /// The answer's current result (with any earlier review).
    #[prop(into)]
    result: Signal<Option<QuestionResult>>,
    /// Called with the attempt as the server has it after the review.
    on_saved: Callback<AttemptView>,
) -> impl IntoView {
    let i18n = I18nInjection::expect();
    let session = SessionInjection::expect();
    let initial = result.get_untracked();
    let points = RwSignal::new(
        initial
            .as_ref()
            .and_then(|r| r.awarded_millipoints)
            .map(|s| s.to_string())
            .unwrap_or_default(),
    );
    let feedback = RwSignal::new(
        initial
            .and_then(|r| r.instructor_feedback)
            .unwrap_or_default(),
    );
    let status = RwSignal::new(None::<Result<(), String>>);
    let ids = StoredValue::new((attempt_id, question_id.clone()));
    let save = Action::new_local(move |request: &ReviewRequest| {
        let request = request.clone();
        async move {
            let token = session.token_untracked().ok_or(HttpError::SignedOut)?;
            let (attempt_id, question_id) = ids.get_value();
            session
                .observe(quiz_api::review_answer(&token, &attempt_id, &question_id, &request).await)
        }
    });
    Effect::new(move || {
        if let Some(outcome) = save.value().get() {
            match outcome {
                Ok(view) => {
                    status.set(Some(Ok(())));
                    on_saved.run(view);
                }
                Err(error) => status.set(Some(Err(super::quiz_error_text(&error, i18n.locale())))),
            }
        }
    });
    let points_id = format!("review-points-{question_id}");
    let feedback_id = format!("review-feedback-{question_id}");
    view! {
        <form class="review-form" data-question-id=question_id on:submit=move |event| {
            event.prevent_default();
            match parse_points(&points.get_untracked(), possible) {
                Some(awarded) => {
                    status.set(None);
                    save.dispatch(ReviewRequest { awarded_millipoints: awarded, feedback: feedback.get_untracked() });
                }
                None => status.set(Some(Err(i18n.q(QuizMsg::ReviewPointsInvalid).to_owned()))),
            }
        }>
            <div class="field">
                <label for=points_id.clone()>{move || i18n.q(QuizMsg::ReviewPoints).replace("{max}", &possible.to_string())}</label>
                <input id=points_id class="review-points" type="text" inputmode="decimal" prop:value=move || points.get()
                    on:input=move |event| points.set(event_target_value(&event)) />
            </div>
            <div class="field">
                <label for=feedback_id.clone()>{move || i18n.q(QuizMsg::ReviewFeedback)}</label>
                <textarea id=feedback_id class="review-feedback" rows="4" prop:value=move || feedback.get()
                    on:input=move |event| feedback.set(event_target_value(&event))></textarea>
            </div>
            <button type="submit" class="review-save" disabled=move || save.pending().get()>{move || i18n.q(QuizMsg::SaveReview)}</button>
            <p role="status" class="review-status">
                {move || match status.get() {
                    Some(Ok(())) => Some(view! { <span class="review-saved">{i18n.q(QuizMsg::ReviewSaved)}</span> }.into_any()),
                    Some(Err(message)) => Some(view! { <span class="form-error">{message}</span> }.into_any()),
                    None => None,
                }}
            </p>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test(unsupported = test)]
    fn points_read_with_either_separator_and_stay_in_range() {
        let two = Score::from_points(2);
        assert_eq!(
            parse_points("1.5", two),
            Some(Score::from_millipoints(1500))
        );
        assert_eq!(
            parse_points(" 1,25 ", two),
            Some(Score::from_millipoints(1250))
        );
        assert_eq!(parse_points("2", two), Some(two));
        assert_eq!(parse_points("2.001", two), None);
        assert_eq!(parse_points("-1", two), None);
        assert_eq!(parse_points("NaN", two), None);
        assert_eq!(parse_points("", two), None);
    }
}
