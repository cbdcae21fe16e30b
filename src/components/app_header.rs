//! The banner on every page: the app's name (home), the language picker, whether the
//! learner's progress is synced, the downloads page, and who is signed in with a way to sign out.

use super::{InboxLink, LocaleSwitch, SyncIndicator};
use crate::i18n::{I18nInjection, Msg, OfflineMsg, WorkMsg};
use crate::paths;
use crate::state::SessionInjection;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

/// The app header.
#[component]
pub fn AppHeader() -> impl IntoView {
    let i18n = I18nInjection::expect();
    let session = SessionInjection::expect();
    let navigate = use_navigate();
    let sign_out = move |_| {
        session.sign_out();
        navigate(paths::SIGN_IN, NavigateOptions::default());
    };
    view! {
        <header class="app-header">
            <a class="app-name" href=paths::HOME aria-label=move || i18n.t(Msg::HomeLinkLabel)>
                {move || i18n.t(Msg::AppName)}
            </a>
            <div class="header-tools">
                <LocaleSwitch />
                <Show when=move || session.display_name().is_some()>
                    <SyncIndicator />
                    <InboxLink />
                    <a class="header-link calendar-link" href=paths::CALENDAR>{move || i18n.w(WorkMsg::CalendarLink)}</a>
                    <a class="header-link downloads-link" href=paths::DOWNLOADS>
                        {move || i18n.o(OfflineMsg::DownloadsLink)}
                    </a>
                    <span class="user-name">
                        <span class="visually-hidden">{move || i18n.t(Msg::SignedInAs)} " "</span>
                        {move || session.display_name()}
                    </span>
                    <button id="signout" type="button" class="button button-quiet" on:click=sign_out.clone()>
                        {move || i18n.t(Msg::SignOut)}
                    </button>
                </Show>
            </div>
        </header>
    }
}
