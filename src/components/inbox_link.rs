//! The header's link to the inbox, with the unread count for eyes and for screen readers.

use crate::i18n::{CollabMsg, I18nInjection};
use crate::paths;
use crate::state::InboxInjection;
use leptos::prelude::*;

/// The inbox link.
#[component]
pub fn InboxLink() -> impl IntoView {
    let i18n = I18nInjection::expect();
    let inbox = InboxInjection::expect();
    let label = move || {
        i18n.c(CollabMsg::InboxLink)
            .replace("{count}", &inbox.unread().to_string())
    };
    view! {
        <a class="header-link inbox-link" href=paths::INBOX aria-label=label>
            {move || i18n.c(CollabMsg::InboxTitle)}
            <Show when=move || { inbox.unread() > 0 }>
                " " <span class="badge badge-count inbox-unread" aria-hidden="true">{move || inbox.unread()}</span>
            </Show>
        </a>
    }
}
