//! A download that stopped: what happened, in the learner's words, with Try again and
//! Remove.

use crate::i18n::{fill, I18nInjection, OfflineMsg};
use crate::io::document::format_bytes;
use lectern_core::offline::DownloadFailure;
use leptos::prelude::*;

/// The learner's message for a stopped download.
pub fn failure_text(i18n: I18nInjection, failure: DownloadFailure) -> String {
    let locale = i18n.locale().tag();
    match failure {
        DownloadFailure::NoSpace(no_space) => fill(
            &fill(
                i18n.o(OfflineMsg::FailedNoSpace),
                "needed",
                &format_bytes(no_space.needed_bytes, locale),
            ),
            "free",
            &format_bytes(no_space.available_bytes, locale),
        ),
        DownloadFailure::StorageFull => i18n.o(OfflineMsg::FailedStorageFull).to_owned(),
        DownloadFailure::Offline => i18n.o(OfflineMsg::FailedOffline).to_owned(),
        DownloadFailure::Server { status } => fill(
            i18n.o(OfflineMsg::FailedServer),
            "status",
            &status.to_string(),
        ),
        DownloadFailure::BadAnswer => i18n.o(OfflineMsg::FailedBadAnswer).to_owned(),
        DownloadFailure::Storage => i18n.o(OfflineMsg::FailedStorage).to_owned(),
    }
}

/// The message of a stopped download and its actions.
#[component]
pub fn FailedView(
    failure: DownloadFailure,
    start: impl Fn() + Clone + Send + Sync + 'static,
    remove: impl Fn() + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = I18nInjection::expect();
    view! {
        <p class="download-failure" role="alert">{move || failure_text(i18n, failure)}</p>
        <div class="download-actions">
            <button type="button" class="button download-retry" on:click=move |_| start()>
                {move || i18n.o(OfflineMsg::TryAgain)}
            </button>
            <button type="button" class="button button-quiet download-remove" on:click=move |_| remove()>
                {move || i18n.o(OfflineMsg::Remove)}
            </button>
        </div>
    }
}
