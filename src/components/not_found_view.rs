//! "Not found", for unknown addresses and for lessons a course does not have.

use super::DocumentTitle;
use crate::i18n::{I18nInjection, Msg};
use crate::paths;
use leptos::prelude::*;

/// A not-found section with a way home.
#[component]
pub fn NotFoundView(
    /// The heading.
    title: Msg,
    /// The explanation under it.
    body: Msg,
) -> impl IntoView {
    let i18n = I18nInjection::expect();
    view! {
        <DocumentTitle text=move || i18n.t(title).to_owned() />
        <section class="not-found">
            <h1>{move || i18n.t(title)}</h1>
            <p>{move || i18n.t(body)}</p>
            <p>
                <a class="button" href=paths::HOME>
                    {move || i18n.t(Msg::BackToCatalog)}
                </a>
            </p>
        </section>
    }
}
