//! The placeholder while something loads.

use crate::i18n::{I18nInjection, Msg};
use leptos::prelude::*;

/// "Loading…", announced politely to screen readers.
#[component]
pub fn Loading() -> impl IntoView {
    let i18n = I18nInjection::expect();
    view! {
        <p class="loading" role="status">
            {move || i18n.t(Msg::Loading)}
        </p>
    }
}
