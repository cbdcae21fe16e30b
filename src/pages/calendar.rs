//! `/calendar`: deadlines and live sessions across the learner's courses, overdue first,
//! then upcoming, every time in the learner's own zone (the browser's Intl) and "due in" /
//! "overdue by" by the server's clock; and the same as an `.ics` file for calendar apps.

use crate::components::{DocumentTitle, DueText, ErrorView, Loading};
use crate::i18n::{action_error_line, I18nInjection, WorkMsg};
use crate::io::assignments_api;
use crate::io::document::format_local_datetime;
use crate::io::file_save::save_from_api;
use crate::io::http::HttpError;
use crate::io::intl::time_zone_name;
use crate::paths;
use crate::state::SessionInjection;
use lectern_api::v1::{routes, CalendarItem, CalendarItemKind};
use leptos::prelude::*;

/// The calendar page.
#[component]
pub fn CalendarPage() -> impl IntoView {
    let i18n = I18nInjection::expect();
    let session = SessionInjection::expect();
    let loaded = LocalResource::new(move || async move {
        let token = session.token_untracked().ok_or(HttpError::SignedOut)?;
        session.observe(assignments_api::calendar(&token).await)
    });
    let export_error = RwSignal::new(None::<String>);
    let export = move |_| {
        let Some(token) = session.token_untracked() else {
            return;
        };
        leptos::task::spawn_local(async move {
            let saved = save_from_api(&token, routes::CALENDAR_ICS, "lectern.ics").await;
            export_error.set(
                session
                    .observe(saved)
                    .err()
                    .map(|err| action_error_line(i18n.locale(), &err)),
            );
        });
    };
    let zone = time_zone_name();
    let zone_attr = zone.clone();
    view! {
        <DocumentTitle text=i18n.w(WorkMsg::CalendarTitle).to_owned() />
        <h1>{move || i18n.w(WorkMsg::CalendarTitle)}</h1>
        <p class="calendar-zone" data-zone=zone_attr>{move || i18n.w(WorkMsg::TimesInZone).replace("{zone}", &zone)}</p>
        <p>
            <button type="button" class="button calendar-export" on:click=export>{move || i18n.w(WorkMsg::ExportCalendar)}</button>
            <span class="form-error" role="alert">{move || export_error.get()}</span>
        </p>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match loaded.await {
                    Ok(calendar) if calendar.items.is_empty() => {
                        view! { <p>{move || i18n.w(WorkMsg::CalendarEmpty)}</p> }.into_any()
                    }
                    Ok(calendar) => {
                        let (overdue, upcoming): (Vec<_>, Vec<_>) =
                            calendar.items.into_iter().partition(|item| item.is_overdue);
                        view! {
                            <ul class="calendar-items">
                                {overdue.into_iter().chain(upcoming).map(calendar_item).collect_view()}
                            </ul>
                        }
                        .into_any()
                    }
                    Err(error) => view! { <ErrorView error is_page=false on_retry=move || loaded.refetch() /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn calendar_item(item: CalendarItem) -> impl IntoView {
    let i18n = I18nInjection::expect();
    let kind = match item.kind {
        CalendarItemKind::QuizDue => WorkMsg::KindQuizDue,
        CalendarItemKind::QuizCloses => WorkMsg::KindQuizCloses,
        CalendarItemKind::AssignmentDue => WorkMsg::KindAssignmentDue,
        CalendarItemKind::LiveSession => WorkMsg::KindLiveSession,
    };
    let href = paths::lesson(&item.course_id, &item.lesson_id);
    let at = item.at;
    let when = match (item.kind, item.ends_at) {
        (CalendarItemKind::LiveSession, Some(ends_at)) => view! {
            <time datetime=at.to_string()>{move || format_local_datetime(at, i18n.locale().tag())}</time>
            " – "
            <time datetime=ends_at.to_string()>{move || format_local_datetime(ends_at, i18n.locale().tag())}</time>
        }
        .into_any(),
        _ if item.done => view! { <time datetime=at.to_string()>{move || format_local_datetime(at, i18n.locale().tag())}</time> }.into_any(),
        _ => view! { <DueText due_at=at /> }.into_any(),
    };
    view! {
        <li class="calendar-item" class:is-overdue=item.is_overdue class:is-done=item.done data-item-id=item.item_id.clone()>
            <p class="calendar-kind">
                <span class="badge">{move || i18n.w(kind)}</span>
                {item.done.then(|| view! { <span class="badge">{move || i18n.w(WorkMsg::Done)}</span> })}
                " " <span class="calendar-course">{item.course_title.clone()}</span>
            </p>
            <a class="calendar-lesson" href=href>{item.lesson_title.clone()}</a>
            <p class="calendar-when">{when}</p>
        </li>
    }
}
