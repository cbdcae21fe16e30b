//! "A new version of Lectern is available" with a Reload button, once the service worker
//! has installed a new build beside the running one. Reloading switches to it; until then
//! the learner keeps working in the version they have.

use crate::i18n::{I18nInjection, OfflineMsg};
use crate::io::service_worker;
use leptos::prelude::*;

/// Registers the service worker and shows the prompt when a new version waits.
#[component]
pub fn UpdatePrompt() -> impl IntoView {
    let i18n = I18nInjection::expect();
    let is_ready = RwSignal::new(false);
    service_worker::register(move || is_ready.set(true));
    // App-wide: a tab shown again checks for a new build.
    let _ = window_event_listener_untyped("visibilitychange", move |_| {
        if document().visibility_state() == web_sys::VisibilityState::Visible {
            service_worker::check_for_update();
        }
    });
    view! {
        <Show when=move || is_ready.get()>
            <div class="update-prompt" role="status">
                <p>{move || i18n.o(OfflineMsg::UpdateReady)}</p>
                <button type="button" class="button button-primary update-reload" on:click=move |_| service_worker::apply_update()>
                    {move || i18n.o(OfflineMsg::UpdateReload)}
                </button>
            </div>
        </Show>
    }
}
