//! Where the learner's progress stands, in the header: synced, waiting to be sent, kept on
//! this device while offline, or retrying, and when this device could not store it at all.
//! Announced politely, never more than it knows.

use crate::i18n::{I18nInjection, Msg, OfflineMsg};
use crate::state::SyncInjection;
use lectern_core::sync::SyncStatus;
use leptos::prelude::*;

/// The sync status line.
#[component]
pub fn SyncIndicator() -> impl IntoView {
    let i18n = I18nInjection::expect();
    let sync = SyncInjection::expect();
    let state = move || match sync.status.get() {
        _ if sync.storage_error.with(Option::is_some) => "storage-failed",
        SyncStatus::Synced => "synced",
        SyncStatus::Pending { .. } => "pending",
        SyncStatus::Offline { .. } => "offline",
        SyncStatus::Failing { .. } => "failing",
    };
    let text = move || {
        if sync.storage_error.with(Option::is_some) {
            return i18n.t(Msg::ProgressNotSaved).to_owned();
        }
        let is_memory_only = sync.memory_only.with(Option::is_some);
        if let SyncStatus::Offline { count } | SyncStatus::Failing { count } = sync.status.get() {
            if is_memory_only {
                // Nothing waits on the device: say so, never "saved here".
                return i18n
                    .o(OfflineMsg::MemoryWaiting)
                    .replace("{count}", &count.to_string());
            }
        }
        let (msg, count) = match sync.status.get() {
            SyncStatus::Synced => (Msg::SyncSynced, 0),
            SyncStatus::Pending { count } => (Msg::SyncPending, count),
            SyncStatus::Offline { count } => (Msg::SyncOffline, count),
            SyncStatus::Failing { count } => (Msg::SyncFailing, count),
        };
        i18n.t(msg).replace("{count}", &count.to_string())
    };
    view! {
        <a
            class="sync-indicator"
            href=crate::paths::SYNC
            data-sync-state=state
            data-storage=move || if sync.memory_only.with(Option::is_some) { "memory" } else { "device" }
        >
            <span class="sync-dot" aria-hidden="true"></span>
            <span role="status" aria-live="polite">{text}</span>
        </a>
    }
}
