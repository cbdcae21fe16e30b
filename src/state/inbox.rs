//! The inbox, in context: the signed-in user's notifications and unread count, read from
//! the server when the app opens, every minute, when the tab comes back, when the network
//! returns and whenever the outbox changes (a reply just sent may have answered someone).

use super::{SessionInjection, SyncInjection};
use crate::io::http::HttpError;
use crate::io::inbox_api;
use lectern_api::v1::{MarkNotificationsRead, NotificationList};
use leptos::prelude::*;
use std::time::Duration;

/// How often an open app reads the inbox.
const POLL: Duration = Duration::from_secs(60);

/// The inbox, in context. `Copy`, so views capture it freely.
#[derive(Debug, Clone, Copy)]
pub struct InboxInjection {
    /// The latest inbox read; `None` before the first.
    pub list: RwSignal<Option<NotificationList>>,
    session: SessionInjection,
    asks: RwSignal<u64>,
}

/// Provides the inbox (after [`super::provide_sync`]).
pub fn provide_inbox() {
    let session = SessionInjection::expect();
    let sync = SyncInjection::expect();
    let inbox = InboxInjection {
        list: RwSignal::new(None),
        session,
        asks: RwSignal::new(0),
    };
    Effect::new(move || {
        inbox.asks.track();
        sync.outbox_changes.track();
        if session.user_id().is_none() {
            inbox.list.set(None);
            return;
        }
        leptos::task::spawn_local(async move { inbox.read().await });
    });
    let ask = move || inbox.refresh();
    let _ = set_interval_with_handle(ask, POLL);
    let _ = window_event_listener_untyped("online", move |_| ask());
    let _ = window_event_listener_untyped("focus", move |_| ask());
    provide_context(inbox);
}

impl InboxInjection {
    pub fn expect() -> InboxInjection {
        expect_context::<InboxInjection>()
    }

    /// Reads the inbox again soon.
    pub fn refresh(&self) {
        self.asks.update(|n| *n += 1);
    }

    /// The unread count (reactive); 0 before the first read.
    pub fn unread(&self) -> u32 {
        self.list
            .with(|list| list.as_ref().map_or(0, |l| l.unread_count))
    }

    async fn read(&self) {
        let Some(token) = self.session.token_untracked() else {
            return;
        };
        match self.session.observe(inbox_api::notifications(&token).await) {
            Ok(list) => self.list.set(Some(list)),
            // Offline or failing: the last read stays on screen; the next tick tries again.
            Err(err) => leptos::logging::warn!("the inbox could not be read: {err}"),
        }
    }

    /// Marks notifications read (all of them when `all`), then reads the inbox again.
    pub async fn mark_read(&self, marks: MarkNotificationsRead) -> Result<(), HttpError> {
        let token = self.session.token_untracked().ok_or(HttpError::SignedOut)?;
        self.session
            .observe(inbox_api::mark_read(&token, &marks).await)?;
        self.refresh();
        Ok(())
    }
}
