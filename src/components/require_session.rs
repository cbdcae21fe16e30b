//! The gate in front of every page but sign-in.

use crate::paths;
use crate::state::SessionInjection;
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_location;
use leptos_router::NavigateOptions;

/// Shows `children` to a signed-in learner; sends anyone else to sign in, remembering the
/// page they wanted. Checked when the page opens: a session that ends while a page is open
/// is explained by that page's error view instead.
#[component]
pub fn RequireSession(
    /// The page behind the gate.
    children: Children,
) -> impl IntoView {
    let session = SessionInjection::expect();
    if session.is_signed_in_untracked() {
        return children().into_any();
    }
    let location = use_location();
    let wanted = paths::with_query(
        &location.pathname.get_untracked(),
        &location.search.get_untracked(),
    );
    let options = NavigateOptions {
        replace: true,
        ..NavigateOptions::default()
    };
    view! { <Redirect path=paths::sign_in_from(&wanted) options /> }.into_any()
}
