//! `/launch#token=…`: where a learning platform (LMS) sends its learner. The launch token
//! travels in the fragment, so no server ever sees it in a request line or a log; the page
//! takes it out of the address bar at once, trades it for a session (once: the server
//! refuses a second use or an expired token), and goes on to the course or lesson the LMS
//! named, replacing this page in the history. Whoever was signed in before gives way to the
//! launched learner (their events stay on the device for their next sign-in).

use crate::components::DocumentTitle;
use crate::i18n::{I18nInjection, LmsMsg};
use crate::io::document::take_launch_token;
use crate::io::http::{self, HttpError};
use crate::paths;
use crate::state::SessionInjection;
use lectern_api::v1::{LaunchExchangeRequest, ProblemType};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

/// Why the launch did not sign the learner in.
#[derive(Debug, Clone, PartialEq)]
enum LaunchFailure {
    /// The address has no token (cut short when copied, say).
    Incomplete,
    Refused(HttpError),
}

/// The launch page.
#[component]
pub fn LaunchPage() -> impl IntoView {
    let i18n = I18nInjection::expect();
    let session = SessionInjection::expect();
    let navigate = use_navigate();
    let launch_token = StoredValue::new(take_launch_token());
    let exchange = Action::new_local(|launch_token: &String| {
        let request = LaunchExchangeRequest {
            launch_token: launch_token.clone(),
        };
        async move { http::exchange_launch(&request).await }
    });
    let failure = RwSignal::new(None::<LaunchFailure>);
    let start = move || match launch_token.get_value() {
        Some(token) => {
            failure.set(None);
            exchange.dispatch(token);
        }
        None => failure.set(Some(LaunchFailure::Incomplete)),
    };
    start();
    // A new launch URL opened over this page (an LMS reusing its frame) changes only the
    // fragment, which loads no page: take its token too.
    let relaunch = window_event_listener_untyped("hashchange", move |_| {
        if let Some(token) = take_launch_token() {
            launch_token.set_value(Some(token));
            start();
        }
    });
    on_cleanup(move || relaunch.remove());
    Effect::new(move || match exchange.value().get() {
        Some(Ok(launched)) => {
            let target = match &launched.lesson_id {
                Some(lesson_id) => paths::lesson(&launched.course_id, lesson_id),
                None => paths::course(&launched.course_id),
            };
            session.sign_in_launched(launched);
            let replace = NavigateOptions {
                replace: true,
                ..NavigateOptions::default()
            };
            navigate(&target, replace);
        }
        Some(Err(err)) => failure.set(Some(LaunchFailure::Refused(err))),
        None => {}
    });
    let message = move || {
        failure
            .get()
            .map(|failure| failure_view(i18n, &failure, start))
    };
    view! {
        <section class="launch" aria-busy=move || exchange.pending().get().to_string()>
            <DocumentTitle text=move || i18n.l(LmsMsg::LaunchTitle).to_owned() />
            <h1>{move || i18n.l(LmsMsg::LaunchTitle)}</h1>
            <Show when=move || exchange.pending().get()>
                <p role="status" class="launch-pending">{move || i18n.l(LmsMsg::Launching)}</p>
            </Show>
            {message}
        </section>
    }
}

/// The message for a failed launch, with "Try again" only where trying again can help
/// (the token is still unused: the server was not reached or failed).
fn failure_view(
    i18n: I18nInjection,
    failure: &LaunchFailure,
    retry: impl Fn() + Copy + Send + Sync + 'static,
) -> AnyView {
    let (kind, text, can_retry) = describe(failure);
    let status = match failure {
        LaunchFailure::Refused(HttpError::Problem(problem)) => problem.status,
        LaunchFailure::Refused(HttpError::UnexpectedStatus(status)) => *status,
        _ => 0,
    };
    let text = move || i18n.l(text).replace("{status}", &status.to_string());
    view! {
        <div class="launch-failed" data-failure=kind>
            <p role="alert">{text}</p>
            <Show when=move || can_retry>
                <p>{move || i18n.l(LmsMsg::LaunchAgain)}</p>
                <button type="button" class="button button-primary launch-retry" on:click=move |_| retry()>
                    {move || i18n.l(LmsMsg::TryAgain)}
                </button>
            </Show>
            <p><a href=paths::SIGN_IN>{move || i18n.l(LmsMsg::SignInInstead)}</a></p>
        </div>
    }
    .into_any()
}

/// The failure's name (for `data-failure`), its message, and whether a retry can help.
fn describe(failure: &LaunchFailure) -> (&'static str, LmsMsg, bool) {
    let refused = match failure {
        LaunchFailure::Incomplete => return ("incomplete", LmsMsg::LaunchIncomplete, false),
        LaunchFailure::Refused(refused) => refused,
    };
    match refused {
        HttpError::Problem(problem) => match problem.kind() {
            Some(ProblemType::LaunchUsed) => ("used", LmsMsg::LaunchUsed, false),
            Some(ProblemType::LaunchExpired) => ("expired", LmsMsg::LaunchExpired, false),
            Some(ProblemType::LaunchRevoked) => ("revoked", LmsMsg::LaunchKeyRevoked, false),
            Some(ProblemType::NotFound) => ("invalid", LmsMsg::LaunchInvalid, false),
            _ if problem.status >= 500 => ("server", LmsMsg::LaunchServerError, true),
            _ => ("invalid", LmsMsg::LaunchInvalid, false),
        },
        HttpError::NotFound => ("invalid", LmsMsg::LaunchInvalid, false),
        HttpError::Unreachable(_) => ("unreachable", LmsMsg::LaunchUnreachable, true),
        HttpError::UnexpectedStatus(_) => ("server", LmsMsg::LaunchServerError, true),
        HttpError::SignedOut | HttpError::Decode(_) | HttpError::InvalidCourse(_) => {
            ("invalid", LmsMsg::LaunchInvalid, false)
        }
    }
}
