//! `/signin`: the sign-in form. On success the learner goes back to the page that sent them
//! here, or to the catalog.

use crate::components::DocumentTitle;
use crate::i18n::{sign_in_error, I18nInjection, Msg};
use crate::io::http;
use crate::paths;
use crate::state::SessionInjection;
use lectern_api::v1::SignInRequest;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

/// The sign-in page.
#[component]
pub fn SignInPage() -> impl IntoView {
    let i18n = I18nInjection::expect();
    let session = SessionInjection::expect();
    let query = use_query_map();
    let next = Memo::new(move |_| {
        query
            .read()
            .get(paths::NEXT_PARAM)
            .and_then(|next| paths::safe_next(&next))
            .unwrap_or_else(|| paths::HOME.to_owned())
    });
    let navigate = use_navigate();
    let replace = NavigateOptions {
        replace: true,
        ..NavigateOptions::default()
    };

    if session.is_signed_in_untracked() {
        navigate(&next.get_untracked(), replace.clone());
    }

    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let sign_in = Action::new_local(|request: &SignInRequest| {
        let request = request.clone();
        async move { http::sign_in(&request).await }
    });
    Effect::new(move || {
        if let Some(Ok(response)) = sign_in.value().get() {
            session.sign_in(response);
            navigate(&next.get_untracked(), replace.clone());
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if sign_in.pending().get_untracked() {
            return;
        }
        sign_in.dispatch(SignInRequest {
            username: username.get_untracked(),
            password: password.get_untracked(),
        });
    };
    let error = move || match sign_in.value().get() {
        Some(Err(error)) => Some(view! {
            <p role="alert" class="form-error">
                {move || i18n.t(sign_in_error(&error))}
            </p>
        }),
        _ => None,
    };
    let is_pending = sign_in.pending();

    view! {
        <section class="signin">
            <DocumentTitle text=move || i18n.t(Msg::SignInTitle).to_owned() />
            <h1>{move || i18n.t(Msg::SignInTitle)}</h1>
            <p>{move || i18n.t(Msg::SignInIntro)}</p>
            <form id="signin-form" class="form" on:submit=submit>
                {error}
                <div class="field">
                    <label for="username">{move || i18n.t(Msg::Username)}</label>
                    <input id="username" name="username" type="text" autocomplete="username" autocapitalize="none" spellcheck="false" required bind:value=username />
                </div>
                <div class="field">
                    <label for="password">{move || i18n.t(Msg::Password)}</label>
                    <input id="password" name="password" type="password" autocomplete="current-password" required bind:value=password />
                </div>
                <button type="submit" class="button button-primary" aria-disabled=move || is_pending.get().then_some("true")>
                    {move || i18n.t(if is_pending.get() { Msg::SigningIn } else { Msg::SignInButton })}
                </button>
            </form>
        </section>
    }
}
