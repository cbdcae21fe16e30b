//! What went wrong while loading a page, in words a learner can act on, with a retry.

use crate::i18n::{describe_error, fill, I18nInjection, Msg};
use crate::io::http::HttpError;
use crate::paths;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// One line of a problem list: where, and what is wrong.
type ProblemLine = (String, String);

/// An error section. Course problems are listed one per line.
#[component]
pub fn ErrorView(
    /// The failure to explain.
    error: HttpError,
    /// Loads again.
    #[prop(into)]
    on_retry: Callback<()>,
    /// Whether the error is the page's main content (its heading is then the page's `h1`).
    #[prop(optional)]
    is_page: bool,
) -> impl IntoView {
    let i18n = I18nInjection::expect();
    let location = use_location();
    let text = describe_error(&error);
    let status = match &error {
        HttpError::Problem(problem) => problem.status,
        HttpError::UnexpectedStatus(status) => *status,
        _ => 0,
    };
    let detail = match &error {
        HttpError::Problem(problem) if !problem.detail.is_empty() => Some(problem.detail.clone()),
        _ => None,
    };
    let problems = problem_lines(&error);
    let is_signed_out = error == HttpError::SignedOut;
    let sign_in_href = move || {
        paths::sign_in_from(&paths::with_query(
            &location.pathname.get(),
            &location.search.get(),
        ))
    };
    let title = move || i18n.t(text.title);
    view! {
        <section class="error-view" role="alert">
            {if is_page { view! { <h1>{title}</h1> }.into_any() } else { view! { <h2>{title}</h2> }.into_any() }}
            <p>{move || fill(i18n.t(text.body), "status", &status.to_string())}</p>
            {detail.map(|detail| view! { <p class="error-detail" lang="en" dir="ltr">{detail}</p> })}
            {(!problems.is_empty()).then(|| view! {
                <ul class="problem-list" lang="en" dir="ltr">
                    {problems.into_iter().map(|(path, message)| view! {
                        <li><code>{path}</code> " " {message}</li>
                    }).collect_view()}
                </ul>
            })}
            <div class="error-actions">
                <button type="button" class="button retry" on:click=move |_| on_retry.run(())>
                    {move || i18n.t(Msg::Retry)}
                </button>
                {is_signed_out.then(|| view! {
                    <a class="button button-quiet sign-in-again" href=sign_in_href>
                        {move || i18n.t(Msg::SignInAgain)}
                    </a>
                })}
            </div>
        </section>
    }
}

/// The problems to list for `error`: every manifest problem, or the server's field problems.
fn problem_lines(error: &HttpError) -> Vec<ProblemLine> {
    match error {
        HttpError::InvalidCourse(problems) => problems
            .problems()
            .iter()
            .map(|p| (p.path.clone(), p.message.clone()))
            .collect(),
        HttpError::Problem(problem) => problem
            .errors
            .iter()
            .map(|p| (p.path.clone(), p.message.clone()))
            .collect(),
        _ => Vec::new(),
    }
}
