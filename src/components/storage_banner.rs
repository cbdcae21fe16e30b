//! The banner shown while this page keeps progress in memory, because the browser would not
//! open IndexedDB (a private mode) or another tab blocks its upgrade: progress is sent to
//! the server as it happens but is not kept on the device, and the learner is told why.

use crate::i18n::{I18nInjection, OfflineMsg};
use crate::io::local_db::Fallback;
use crate::state::SyncInjection;
use leptos::prelude::*;

/// Says that progress is not kept on this device, when it is not.
#[component]
pub fn StorageBanner() -> impl IntoView {
    let i18n = I18nInjection::expect();
    let sync = SyncInjection::expect();
    move || {
        sync.memory_only.get().map(|fallback| {
            let (msg, reason) = match fallback {
                Fallback::Blocked => (OfflineMsg::MemoryOnlyBlocked, "blocked"),
                Fallback::Unavailable(_) => (OfflineMsg::MemoryOnlyUnavailable, "unavailable"),
            };
            view! {
                <div class="storage-banner" role="alert" data-reason=reason>
                    <p>{move || i18n.o(msg)}</p>
                </div>
            }
        })
    }
}
