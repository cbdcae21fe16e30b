//! `/sync`: what this device has not handed to the server yet, and what the server would
//! not keep (conflicts and rejections, with its reasons), each with when it happened, and
//! a way to try again now.

use crate::components::{DocumentTitle, Loading};
use crate::i18n::{I18nInjection, Msg};
use crate::io::document::format_local_datetime;
use crate::io::idb::{IdbError, SetAside, SharedConnection, DB_NAME};
use crate::state::{SessionInjection, SyncInjection};
use lectern_core::sync::{EventBody, LearnerEvent};
use leptos::prelude::*;

type Listed = Vec<(LearnerEvent, Option<String>)>;

/// The sync page.
#[component]
pub fn SyncPage() -> impl IntoView {
    let i18n = I18nInjection::expect();
    let session = SessionInjection::expect();
    let sync = SyncInjection::expect();
    // Read again whenever the status changes (a send finished, an event was recorded).
    let lists = LocalResource::new(move || {
        sync.status.track();
        sync.set_aside.track();
        load_lists(session.user_id_untracked())
    });
    view! {
        <DocumentTitle text=i18n.t(Msg::SyncPageTitle).to_owned() />
        <h1>{move || i18n.t(Msg::SyncPageTitle)}</h1>
        <p class="sync-page-status">{move || i18n.t(Msg::SyncPageIntro)}</p>
        <button type="button" class="button button-primary sync-retry" on:click=move |_| sync.retry_now()>
            {move || i18n.t(Msg::SyncTryNow)}
        </button>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match lists.await {
                    Ok((pending, conflicts, rejected)) => view! {
                        <EventSection heading=Msg::SyncPendingHeading class="sync-pending" events=pending />
                        <EventSection heading=Msg::SyncConflictsHeading class="sync-conflicts" events=conflicts />
                        <EventSection heading=Msg::SyncRejectedHeading class="sync-rejected" events=rejected />
                    }
                    .into_any(),
                    Err(_) => view! { <p class="form-error" role="alert">{move || i18n.t(Msg::SyncUnreadable)}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

async fn load_lists(
    user_id: Option<lectern_core::UserId>,
) -> Result<(Listed, Listed, Listed), IdbError> {
    let Some(user_id) = user_id else {
        return Ok((Vec::new(), Vec::new(), Vec::new()));
    };
    let db = SharedConnection::new(DB_NAME).local().await?;
    let pending = db
        .outbox(&user_id)
        .await?
        .into_iter()
        .map(|e| (e, None))
        .collect();
    let conflicts = db.set_aside_events(&user_id, SetAside::Conflicts).await?;
    let rejected = db.set_aside_events(&user_id, SetAside::Rejected).await?;
    Ok((pending, conflicts, rejected))
}

/// One list of events, or a line saying there are none.
#[component]
fn EventSection(heading: Msg, class: &'static str, events: Listed) -> impl IntoView {
    let i18n = I18nInjection::expect();
    let is_empty = events.is_empty();
    let items = events
        .into_iter()
        .map(|(event, reason)| {
            let kind = match event.body {
                EventBody::Progressed { .. } => Msg::EventProgressed,
                EventBody::Completed => Msg::EventCompleted,
                EventBody::AttemptStarted { .. } => Msg::EventAttemptStarted,
                EventBody::Answered { .. } => Msg::EventAnswered,
                EventBody::AttemptSubmitted { .. } => Msg::EventAttemptSubmitted,
                EventBody::Posted { .. } => Msg::EventPosted,
                EventBody::PostEdited { .. } => Msg::EventPostEdited,
                EventBody::PostDeleted { .. } => Msg::EventPostDeleted,
                EventBody::AssignmentSubmitted { .. } => Msg::EventAssignmentSubmitted,
            };
            let occurred_at = event.occurred_at;
            let place = format!("{} · {}", event.course_id, event.lesson_id);
            view! {
                <li class="sync-event" data-event-id=event.event_id.to_string() data-kind=event.body.kind_name()>
                    <span class="sync-event-kind">{move || i18n.t(kind)}</span>
                    " · " <span class="sync-event-place">{place}</span>
                    " · " <time class="sync-event-time">{move || format_local_datetime(occurred_at, i18n.locale().tag())}</time>
                    {reason.map(|reason| view! { <p class="sync-event-reason">{reason}</p> })}
                </li>
            }
        })
        .collect_view();
    view! {
        <section class=class>
            <h2>{move || i18n.t(heading)}</h2>
            {is_empty.then(|| view! { <p class="sync-none">{move || i18n.t(Msg::SyncNone)}</p> })}
            <ul class="sync-events">{items}</ul>
        </section>
    }
}
