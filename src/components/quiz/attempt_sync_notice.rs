//! Where the learner's answers are: on the server, only on this device (offline, sent
//! later), or not even here (storage failed). Never claims "saved" for what was not.

use crate::i18n::{I18nInjection, QuizMsg};
use crate::state::quiz::{QuizInjection, SyncStatus};
use leptos::prelude::*;

/// A one-line status of the quiz's answers.
#[component]
pub fn AttemptSyncNotice() -> impl IntoView {
    let quiz = QuizInjection::expect();
    let i18n = I18nInjection::expect();
    move || {
        if quiz.device_error.get().is_some() {
            return view! { <p class="attempt-sync is-error" role="alert" data-sync="device-failed">{move || i18n.q(QuizMsg::NotSavedOnDevice)}</p> }.into_any();
        }
        match quiz.sync_status() {
            SyncStatus::Offline => view! {
                <p class="attempt-sync is-offline" role="status" data-sync="offline">{move || i18n.q(QuizMsg::SavedOnDevice)}</p>
            }
            .into_any(),
            SyncStatus::Failing => view! {
                <p class="attempt-sync is-error" role="alert" data-sync="failed">
                    {move || i18n.q(QuizMsg::SendFailed)} " "
                    <button type="button" class="attempt-sync-retry" on:click=move |_| quiz.send_now()>{move || i18n.t(crate::i18n::Msg::Retry)}</button>
                </p>
            }
            .into_any(),
            SyncStatus::Sending => view! {
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
