//! The top of the room: where the session stands (waiting, live, ended), the link to the
//! server (connected, reconnecting in n s, stopped and why, with a way to reconnect), the
//! last refusal, and the instructor's start and end.

use crate::i18n::{I18nInjection, LiveMsg};
use crate::state::live::{LinkStatus, LiveConnection, StopReason};
use lectern_api::v1::live::{ClientMessage, SessionStatus};
use leptos::prelude::*;

/// The room's status bar.
#[component]
pub fn LiveRoomStatus() -> impl IntoView {
    let i18n = I18nInjection::expect();
    let connection = LiveConnection::expect();
    let status = Memo::new(move |_| connection.with_room(|room| room.status));
    let is_instructor = Memo::new(move |_| {
        connection
            .with_room(|room| room.is_instructor())
            .unwrap_or(false)
    });
    let link_text = move || match connection.link.get() {
        LinkStatus::Connecting => i18n.live(LiveMsg::LinkConnecting).to_owned(),
        LinkStatus::Open => i18n.live(LiveMsg::LinkOpen).to_owned(),
        LinkStatus::Retrying { delay_ms, .. } => i18n
            .live(LiveMsg::LinkRetrying)
            .replace("{seconds}", &delay_ms.div_ceil(1000).to_string()),
        LinkStatus::Stopped(reason) => i18n.live(stop_text(&reason)).to_owned(),
    };
    let link_name = move || match connection.link.get() {
        LinkStatus::Connecting => "connecting",
        LinkStatus::Open => "open",
        LinkStatus::Retrying { .. } => "retrying",
        LinkStatus::Stopped(_) => "stopped",
    };
    let may_reconnect = move || {
        matches!(
            connection.link.get(),
            LinkStatus::Retrying { .. } | LinkStatus::Stopped(_)
        ) && status.get() != Some(SessionStatus::Ended)
    };
    let status_text = move || match status.get() {
        None | Some(SessionStatus::Scheduled) => i18n.live(LiveMsg::StatusScheduled),
        Some(SessionStatus::Live) => i18n.live(LiveMsg::StatusLive),
        Some(SessionStatus::Ended) => i18n.live(LiveMsg::StatusEnded),
    };
    let status_name = move || match status.get() {
        None | Some(SessionStatus::Scheduled) => "scheduled",
        Some(SessionStatus::Live) => "live",
        Some(SessionStatus::Ended) => "ended",
    };
    view! {
        <div class="live-status">
            <p class="session-status" data-status=status_name role="status">{status_text}</p>
            <p class="link-status" data-link=link_name aria-live="polite">{link_text}</p>
            {move || may_reconnect().then(|| view! {
                <button type="button" class="button button-quiet reconnect" on:click=move |_| connection.reconnect()>
                    {i18n.live(LiveMsg::Reconnect)}
                </button>
            })}
            {move || is_instructor.get().then(|| match status.get() {
                Some(SessionStatus::Scheduled) => view! {
                    <button type="button" class="button start-session" on:click=move |_| connection.send(&ClientMessage::SessionStart)>
                        {i18n.live(LiveMsg::StartSession)}
                    </button>
                }.into_any(),
                Some(SessionStatus::Live) => view! {
                    <button type="button" class="button end-session" on:click=move |_| connection.send(&ClientMessage::SessionEnd)>
                        {i18n.live(LiveMsg::EndSession)}
                    </button>
                }.into_any(),
                _ => ().into_any(),
            })}
            <p class="form-error live-refusal" role="alert">
                {move || connection.refusal.get().map(|message| i18n.live(LiveMsg::Refused).replace("{message}", &message))}
            </p>
        </div>
    }
}

fn stop_text(reason: &StopReason) -> LiveMsg {
    match reason {
        StopReason::Left => LiveMsg::LinkLeft,
        StopReason::Replaced => LiveMsg::LinkReplaced,
        StopReason::Policy => LiveMsg::LinkPolicy,
        StopReason::TooLarge => LiveMsg::LinkTooLarge,
    }
}
