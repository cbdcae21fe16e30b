//! Who is in the room: names, the instructor marked, anyone reconnecting; and for the
//! instructor, the attendance the server keeps (first join, last leave, minutes present).

use crate::components::ErrorView;
use crate::i18n::{I18nInjection, LiveMsg};
use crate::io::document::format_local_time;
use crate::io::live_api;
use crate::io::server_clock::server_now;
use crate::state::live::LiveConnection;
use crate::state::SessionInjection;
use lectern_api::v1::live::{LiveAttendance, LiveRole};
use lectern_core::live::LiveSessionId;
use leptos::prelude::*;

/// The people panel.
#[component]
pub fn LivePeople(session_id: LiveSessionId) -> impl IntoView {
    let i18n = I18nInjection::expect();
    let connection = LiveConnection::expect();
    let people = move || {
        connection
            .with_room(|room| room.participants.values().cloned().collect::<Vec<_>>())
            .unwrap_or_default()
    };
    let is_instructor = Memo::new(move |_| {
        connection
            .with_room(|room| room.is_instructor())
            .unwrap_or(false)
    });
    view! {
        <section class="live-panel live-people" aria-labelledby="live-people-heading">
            <h2 id="live-people-heading">{move || i18n.live(LiveMsg::PeopleHeading)}</h2>
            <ul class="people">
                {move || people().into_iter().map(|person| {
                    let role = (person.role == LiveRole::Instructor).then(|| i18n.live(LiveMsg::RoleInstructor));
                    let away = (!person.is_connected).then(|| i18n.live(LiveMsg::Reconnecting));
                    view! {
                        <li data-user-id=person.user_id.to_string() data-connected=person.is_connected.to_string()>
                            {person.display_name}
                            {role.map(|role| view! { " " <span class="person-role">"(" {role} ")"</span> })}
                            {away.map(|away| view! { " " <span class="person-away">{away}</span> })}
                        </li>
                    }
                }).collect_view()}
            </ul>
            {move || is_instructor.get().then(|| view! { <Attendance session_id=session_id.clone() /> })}
        </section>
    }
}

/// The instructor's attendance table, fetched when asked for.
#[component]
fn Attendance(session_id: LiveSessionId) -> impl IntoView {
    let i18n = I18nInjection::expect();
    let session = SessionInjection::expect();
    let shown = RwSignal::new(false);
    let session_id = StoredValue::new(session_id);
    let attendance = LocalResource::new(move || async move {
        if !shown.get() {
            return None;
        }
        let token = session.token_untracked().unwrap_or_default();
        Some(session.observe(live_api::attendance(&token, &session_id.get_value()).await))
    });
    view! {
        <button type="button" class="button button-quiet attendance-toggle" aria-expanded=move || shown.get().to_string()
            on:click=move |_| { shown.set(true); attendance.refetch(); }>
            {move || i18n.live(LiveMsg::AttendanceShow)}
        </button>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match attendance.await {
                    None => ().into_any(),
                    Some(Ok(attendance)) => view! { <AttendanceTable attendance /> }.into_any(),
                    Some(Err(error)) => view! { <ErrorView error on_retry=move || attendance.refetch() /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn AttendanceTable(attendance: LiveAttendance) -> impl IntoView {
    let i18n = I18nInjection::expect();
    let connection = LiveConnection::expect();
    let tag = i18n.locale().tag();
    let now = server_now();
    let rows = attendance
        .attendance
        .into_iter()
        .map(|record| {
            let first = record
                .intervals
                .first()
                .map(|interval| format_local_time(interval.joined_at, tag));
            let last = record
                .intervals
                .last()
                .map(|interval| match interval.left_at {
                    Some(left_at) => format_local_time(left_at, tag),
                    None => i18n.live(LiveMsg::AttendanceStillHere).to_owned(),
                });
            let seconds: i64 = record
                .intervals
                .iter()
                .map(|interval| {
                    let until = interval.left_at.unwrap_or(now);
                    until.duration_since(interval.joined_at).as_secs().max(0)
                })
                .sum();
            view! {
                <tr data-user-id=record.user_id.to_string()>
                    <th scope="row">{connection.name_of(&record.user_id)}</th>
                    <td>{first}</td>
                    <td>{last}</td>
                    <td class="attendance-minutes">{(seconds / 60).to_string()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="attendance">
            <caption>{i18n.live(LiveMsg::AttendanceHeading)}</caption>
            <thead><tr>
                <th scope="col">{i18n.live(LiveMsg::AttendanceName)}</th>
                <th scope="col">{i18n.live(LiveMsg::AttendanceFirstJoined)}</th>
                <th scope="col">{i18n.live(LiveMsg::AttendanceLastLeft)}</th>
                <th scope="col">{i18n.live(LiveMsg::AttendanceMinutes)}</th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
}
