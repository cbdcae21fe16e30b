//! The first tab stop of every page: a link that moves focus past the header.

use crate::i18n::{I18nInjection, Msg};
use crate::io::document::focus_element;
use leptos::prelude::*;

/// The id of the element the skip link moves focus to.
pub const MAIN_ID: &str = "main";

/// "Skip to main content", visible when focused.
#[component]
pub fn SkipLink() -> impl IntoView {
    let i18n = I18nInjection::expect();
    // Handled here rather than by the router, which would treat `#main` as a navigation.
    let skip = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        focus_element(MAIN_ID);
    };
    view! {
        <a class="skip-link" href=format!("#{MAIN_ID}") on:click=skip>
            {move || i18n.t(Msg::SkipToContent)}
        </a>
    }
}
