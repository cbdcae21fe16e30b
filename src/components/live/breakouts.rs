//! Breakout rooms as a participant meets them: a learner sees which room they are in, until
//! when, with whom, and the instructor's messages to every room; the instructor sees every
//! room, visits any, writes to all, and closes them ([`BreakoutPlanner`] opens them).

use super::breakout_planner::BreakoutPlanner;
use crate::i18n::{I18nInjection, LiveMsg};
use crate::io::document::format_local_time;
use crate::state::live::LiveConnection;
use lectern_api::v1::live::{BreakoutsView, ClientMessage, RoomLocation};
use lectern_core::live::MAX_BROADCAST_CHARS;
use leptos::prelude::*;

/// The breakout panel.
#[component]
pub fn LiveBreakouts() -> impl IntoView {
    let i18n = I18nInjection::expect();
    let connection = LiveConnection::expect();
    let breakouts = Memo::new(move |_| {
        connection
            .with_room(|room| room.breakouts.clone())
            .flatten()
    });
    let is_instructor = Memo::new(move |_| {
        connection
            .with_room(|room| room.is_instructor())
            .unwrap_or(false)
    });
    // Whether rooms were open and have closed while this page watched.
    let returned = RwSignal::new(false);
    let was_open = StoredValue::new(false);
    Effect::new(move |_| {
        let is_open = breakouts.with(Option::is_some);
        if was_open.get_value() && !is_open {
            returned.set(true);
        } else if is_open {
            returned.set(false);
        }
        was_open.set_value(is_open);
    });
    let broadcasts = move || {
        connection
            .with_room(|room| room.broadcasts.clone())
            .unwrap_or_default()
    };
    view! {
        <section class="live-panel live-breakouts" aria-labelledby="live-breakouts-heading">
            <h2 id="live-breakouts-heading">{move || i18n.live(LiveMsg::BreakoutsHeading)}</h2>
            <p class="breakouts-returned" role="status">{move || returned.get().then(|| i18n.live(LiveMsg::BreakoutReturned))}</p>
            {move || match (breakouts.get(), is_instructor.get()) {
                (Some(view), true) => view! { <OpenRooms view /> }.into_any(),
                (Some(view), false) => view! { <YourRoom view /> }.into_any(),
                (None, true) => view! { <BreakoutPlanner /> }.into_any(),
                (None, false) => ().into_any(),
            }}
            <ul class="broadcasts" aria-live="polite">
                {move || broadcasts().into_iter().map(|broadcast| view! {
                    <li>{i18n.live(LiveMsg::BreakoutBroadcastFrom).replace("{text}", &broadcast.text)}</li>
                }).collect_view()}
            </ul>
        </section>
    }
}

/// A learner's room: its number, when it ends, who else is in it.
#[component]
fn YourRoom(view: BreakoutsView) -> impl IntoView {
    let i18n = I18nInjection::expect();
    let connection = LiveConnection::expect();
    let you = connection.with_room(|room| room.you.clone());
    let yours = view
        .rooms
        .into_iter()
        .find(|room| you.as_ref().is_some_and(|you| room.members.contains(you)));
    let ends = format_local_time(view.ends_at, i18n.locale().tag());
    yours.map(|room| {
        let number = room.breakout_room_id.to_string();
        let names = room.members.iter().map(|member| connection.name_of(member)).collect::<Vec<_>>().join(", ");
        view! {
            <div class="your-room" data-breakout-room-id=number.clone()>
                <p role="status">{i18n.live(LiveMsg::BreakoutYouAreIn).replace("{room}", &number).replace("{time}", &ends)}</p>
                <p class="room-members">{names}</p>
            </div>
        }
    })
}

/// The instructor's view of the open rooms.
#[component]
fn OpenRooms(view: BreakoutsView) -> impl IntoView {
    let i18n = I18nInjection::expect();
    let connection = LiveConnection::expect();
    let draft = RwSignal::new(String::new());
    let visiting = match view.visiting {
        Some(breakout_room_id) => RoomLocation::Breakout { breakout_room_id },
        None => RoomLocation::Main,
    };
    let ends = format_local_time(view.ends_at, i18n.locale().tag());
    let broadcast = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = draft.get_untracked().trim().to_owned();
        if !text.is_empty() {
            connection.send(&ClientMessage::BreakoutBroadcast { text });
            draft.set(String::new());
        }
    };
    let rooms = view.rooms.into_iter().map(|room| {
        let breakout_room_id = room.breakout_room_id;
        let number = breakout_room_id.to_string();
        let names = room.members.iter().map(|member| connection.name_of(member)).collect::<Vec<_>>().join(", ");
        let is_here = visiting == RoomLocation::Breakout { breakout_room_id };
        let visit = i18n.live(LiveMsg::BreakoutVisit).replace("{room}", &number);
        view! {
            <li data-breakout-room-id=number.clone() data-visiting=is_here.to_string()>
                <span>{i18n.live(LiveMsg::BreakoutMembers).replace("{room}", &number).replace("{names}", &names)}</span>
                <button type="button" class="button button-quiet visit" disabled=is_here
                    on:click=move |_| connection.send(&ClientMessage::BreakoutVisit { breakout_room_id: Some(breakout_room_id) })>
                    {visit}
                </button>
            </li>
        }
    }).collect_view();
    view! {
        <div class="open-rooms">
            <p>{i18n.live(LiveMsg::BreakoutEndsAt).replace("{time}", &ends)}</p>
            <ul class="room-list">{rooms}</ul>
            {(visiting != RoomLocation::Main).then(|| view! {
                <button type="button" class="button button-quiet back-to-main"
                    on:click=move |_| connection.send(&ClientMessage::BreakoutVisit { breakout_room_id: None })>
                    {i18n.live(LiveMsg::BreakoutBackToMain)}
                </button>
            })}
            <form class="broadcast-form" on:submit=broadcast>
                <label for="live-broadcast-input">{move || i18n.live(LiveMsg::BreakoutBroadcastLabel)}</label>
                <input id="live-broadcast-input" type="text" maxlength=MAX_BROADCAST_CHARS.to_string()
                    prop:value=move || draft.get() on:input=move |ev| draft.set(event_target_value(&ev)) />
                <button type="submit" class="button">{move || i18n.live(LiveMsg::BreakoutBroadcastSend)}</button>
            </form>
            <button type="button" class="button close-rooms" on:click=move |_| connection.send(&ClientMessage::BreakoutClose)>
                {move || i18n.live(LiveMsg::BreakoutClose)}
            </button>
        </div>
    }
}
