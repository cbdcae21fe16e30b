//! Where the learner's answers are: on the server, only on this device (offline, sent
//! later), or not even here (storage failed). Never claims "saved" for what was not.

use crate::i18n::{describe_error, I18nInjection, QuizMsg};
use crate::state::quiz::{QuizInjection, SyncStatus};
use leptos::prelude::*;

/// A one-line status of the quiz's answers.
#[component]
pub fn AttemptSyncNotice() -> impl IntoView {
    let quiz = QuizInjection::expect();
    let i18n = I18nInjection::expect();
    let has_unsent = move || quiz.attempts.with(|a| a.iter().any(|a| a.has_unsent()));
    move || {
        if quiz.device_error.get().is_some() {
            return view! { <p class="attempt-sync is-error" role="alert" data-sync="device-failed">{move || i18n.q(QuizMsg::NotSavedOnDevice)}</p> }.into_any();
        }
        match quiz.sync_status.get() {
            SyncStatus::Offline => view! {
                <p class="attempt-sync is-offline" role="status" data-sync="offline">{move || i18n.q(QuizMsg::SavedOnDevice)}</p>
            }
            .into_any(),
            SyncStatus::Failed(error) => {
                let text = describe_error(&error);
                view! {
                    <p class="attempt-sync is-error" role="alert" data-sync="failed">
                        {move || i18n.q(QuizMsg::SendFailed)} " " {move || i18n.t(text.title)}
                        " "
                        <button type="button" class="attempt-sync-retry" on:click=move |_| quiz.sync()>{move || i18n.t(crate::i18n::Msg::Retry)}</button>
                    </p>
                }
                .into_any()
            }
            SyncStatus::Synced if has_unsent() => view! {
                <p class="attempt-sync" role="status" data-sync="sending">{move || i18n.q(QuizMsg::Saving)}</p>
            }
            .into_any(),
            SyncStatus::Synced => view! {
                <p class="attempt-sync is-saved" role="status" data-sync="saved">{move || i18n.q(QuizMsg::SavedEverywhere)}</p>
            }
            .into_any(),
        }
    }
}
