//! `*`: any address the app does not know.

use crate::components::NotFoundView;
use crate::i18n::Msg;
use leptos::prelude::*;

/// The page for unknown addresses.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! { <NotFoundView title=Msg::NotFoundTitle body=Msg::NotFoundBody /> }
}
