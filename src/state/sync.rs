//! Sync, in context: one driver for the app (`io::sync_driver`), started for whoever signs
//! in, fed every progress and quiz event the moment it is stored, and woken by `online`, `offline`,
//! the tab becoming visible and a tick every three minutes. Views read the status.

use super::{ProgressInjection, SessionInjection};
use crate::io::idb::IdbError;
use crate::io::local_db::{self, Fallback};
use crate::io::service_worker;
use crate::io::sync_driver::{SyncDriver, SyncHooks};
use lectern_core::sync::{LearnerEvent, SyncInput, SyncStatus};
use lectern_core::UserId;
use leptos::prelude::*;
use std::time::Duration;

/// How often an open app tries to sync even if nothing happened.
const TICK: Duration = Duration::from_secs(180);

/// The sync status, in context. `Copy`, so views capture it freely.
#[derive(Debug, Clone, Copy)]
pub struct SyncInjection {
    pub status: RwSignal<SyncStatus>,
    /// Events set aside (conflicts and rejections) since the app opened.
    pub set_aside: RwSignal<usize>,
    /// The last progress write on this device failed (it is retried); `None` once one lands.
    pub storage_error: RwSignal<Option<IdbError>>,
    /// Set once this page keeps progress and events in memory (the browser would not open
    /// IndexedDB), with why.
    pub memory_only: RwSignal<Option<Fallback>>,
    /// Bumped whenever events leave the outbox (the server answered for them), so a view
    /// waiting for the server's copy of something asks for it again.
    pub outbox_changes: RwSignal<u64>,
    /// The events recorded last (progress and quiz), for whoever reports them elsewhere
    /// (the embedded player tells its host).
    pub recorded: RwSignal<Vec<LearnerEvent>>,
    driver: StoredValue<SyncDriver, LocalStorage>,
}

impl SyncInjection {
    pub fn expect() -> SyncInjection {
        expect_context::<SyncInjection>()
    }

    /// Events `user_id` just recorded (already in the outbox): sent at once.
    pub fn record(&self, user_id: &UserId, events: Vec<LearnerEvent>) {
        self.recorded.set(events.clone());
        self.driver
            .with_value(|driver| driver.recorded(user_id, events));
    }

    /// Reads the outbox again and sends it now.
    pub fn retry_now(&self) {
        let driver = self.driver.get_value();
        leptos::task::spawn_local(async move { driver.retry_now().await });
    }
}

/// Provides the sync status and starts the driver.
pub fn provide_sync() {
    let session = SessionInjection::expect();
    let progress = ProgressInjection::expect();
    let status = RwSignal::new(SyncStatus::Synced);
    let set_aside = RwSignal::new(0usize);
    let storage_error = RwSignal::new(None);
    let memory_only = RwSignal::new(None);
    let outbox_changes = RwSignal::new(0u64);
    let recorded = RwSignal::new(Vec::new());
    local_db::on_fallback(move |fallback| memory_only.set(Some(fallback.clone())));
    progress
        .store()
        .on_outcome(move |outcome| storage_error.set(outcome.err()));
    let driver = SyncDriver::new(SyncHooks {
        token: Box::new(move || session.token_untracked()),
        on_status: Box::new(move |next| status.set(next)),
        on_signed_out: Box::new(move || session.clear()),
        on_set_aside: Box::new(move |count| set_aside.update(|n| *n += count)),
        on_outbox_changed: Box::new(move || outbox_changes.update(|n| *n += 1)),
    });
    let kept = StoredValue::new_local(driver.clone());
    let recorder = driver.clone();
    progress.store().on_recorded(move |user_id, events| {
        recorded.set(events.clone());
        recorder.recorded(user_id, events)
    });
    let starter = driver.clone();
    Effect::new(move || match session.user_id() {
        Some(user_id) => {
            let token = session.token_untracked().unwrap_or_default();
            service_worker::share_session(Some((token, user_id.to_string())));
            let starter = starter.clone();
            leptos::task::spawn_local(async move { starter.start_for(user_id).await });
        }
        None => {
            service_worker::share_session(None);
            starter.stop();
        }
    });
    let feed = move |input: SyncInput| {
        let driver = driver.clone();
        move || driver.feed(input.clone())
    };
    let online = feed(SyncInput::Online);
    let offline = feed(SyncInput::Offline);
    let shown = feed(SyncInput::Triggered);
    let tick = feed(SyncInput::Triggered);
    // App-wide listeners: they live as long as the app.
    let _ = window_event_listener_untyped("online", move |_| online());
    let _ = window_event_listener_untyped("offline", move |_| offline());
    let _ = window_event_listener_untyped("visibilitychange", move |_| {
        if document().visibility_state() == web_sys::VisibilityState::Visible {
            shown();
        }
    });
    let _ = set_interval_with_handle(tick, TICK);
    provide_context(SyncInjection {
        status,
        set_aside,
        storage_error,
        memory_only,
        outbox_changes,
        recorded,
        driver: kept,
    });
}
