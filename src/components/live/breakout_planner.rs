//! The instructor's form for opening breakout rooms: how many, for how long, and who goes
//! where — at random, or by hand with one menu per learner (a drag-free way to place each).

use crate::i18n::{I18nInjection, LiveMsg};
use crate::io::random::random_u64;
use crate::state::live::LiveConnection;
use lectern_api::v1::live::{BreakoutPlan, ClientMessage, LiveRole};
use lectern_core::UserId;
use leptos::prelude::*;
use std::collections::BTreeMap;

/// Most rooms the form offers.
const MOST_ROOMS: usize = 20;
/// Longest the form offers, in minutes (the room's own limit is four hours).
const MOST_MINUTES: u32 = 240;

/// The open-rooms form.
#[component]
pub fn BreakoutPlanner() -> impl IntoView {
    let i18n = I18nInjection::expect();
    let connection = LiveConnection::expect();
    let room_count = RwSignal::new(2_usize);
    let minutes = RwSignal::new(10_u32);
    let by_hand = RwSignal::new(false);
    // The room (0-based) each learner goes to, when placing by hand.
    let placed = RwSignal::new(BTreeMap::<UserId, usize>::new());
    let learners = Memo::new(move |_| {
        connection
            .with_room(|room| {
                room.participants
                    .values()
                    .filter(|p| p.role == LiveRole::Learner && p.is_connected)
                    .map(|p| (p.user_id.clone(), p.display_name.clone()))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    let open = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let rooms = room_count.get_untracked().clamp(1, MOST_ROOMS);
        let plan = if by_hand.get_untracked() {
            let mut manual = vec![Vec::new(); rooms];
            let placed = placed.get_untracked();
            for (index, (user_id, _)) in learners.get_untracked().into_iter().enumerate() {
                let room = placed
                    .get(&user_id)
                    .copied()
                    .unwrap_or(index % rooms)
                    .min(rooms - 1);
                manual[room].push(user_id);
            }
            manual.retain(|members| !members.is_empty());
            BreakoutPlan::Manual { rooms: manual }
        } else {
            // Without random numbers the split is still fair, just predictable.
            BreakoutPlan::Random {
                rooms,
                seed: random_u64().unwrap_or_default(),
            }
        };
        let duration_seconds = minutes.get_untracked().clamp(1, MOST_MINUTES) * 60;
        connection.send(&ClientMessage::BreakoutOpen {
            plan,
            duration_seconds,
        });
    };
    let set_rooms = move |ev: leptos::ev::Event| {
        if let Ok(count) = event_target_value(&ev).parse::<usize>() {
            room_count.set(count.clamp(1, MOST_ROOMS));
        }
    };
    let set_minutes = move |ev: leptos::ev::Event| {
        if let Ok(value) = event_target_value(&ev).parse::<u32>() {
            minutes.set(value.clamp(1, MOST_MINUTES));
        }
    };
    view! {
        <form class="breakout-planner" on:submit=open>
            <label for="breakout-rooms">{move || i18n.live(LiveMsg::BreakoutRooms)}</label>
            <input id="breakout-rooms" type="number" min="1" max=MOST_ROOMS.to_string()
                prop:value=move || room_count.get().to_string()
                on:input=set_rooms />
            <label for="breakout-minutes">{move || i18n.live(LiveMsg::BreakoutMinutes)}</label>
            <input id="breakout-minutes" type="number" min="1" max=MOST_MINUTES.to_string()
                prop:value=move || minutes.get().to_string()
                on:input=set_minutes />
            <fieldset class="breakout-mode">
                <legend class="visually-hidden">{move || i18n.live(LiveMsg::BreakoutsHeading)}</legend>
                <label><input type="radio" name="breakout-mode" prop:checked=move || !by_hand.get() on:change=move |_| by_hand.set(false) />
                    {move || i18n.live(LiveMsg::BreakoutRandom)}</label>
                <label><input type="radio" name="breakout-mode" prop:checked=move || by_hand.get() on:change=move |_| by_hand.set(true) />
                    {move || i18n.live(LiveMsg::BreakoutByHand)}</label>
            </fieldset>
            {move || by_hand.get().then(|| view! {
                <ul class="breakout-placements">
                    {move || learners.get().into_iter().enumerate().map(|(index, (user_id, name))| {
                        let id = format!("breakout-place-{user_id}");
                        let label = i18n.live(LiveMsg::BreakoutPick).replace("{name}", &name);
                        let key = user_id.clone();
                        let current = move || placed.with(|placed| placed.get(&key).copied()).unwrap_or(index % room_count.get().max(1));
                        let choose = move |ev| {
                            if let Ok(room) = event_target_value(&ev).parse::<usize>() {
                                placed.update(|placed| { placed.insert(user_id.clone(), room); });
                            }
                        };
                        view! {
                            <li>
                                <label for=id.clone()>{label}</label>
                                <select id=id on:change=choose>
                                    {move || (0..room_count.get()).map(|room| {
                                        let text = i18n.live(LiveMsg::BreakoutRoom).replace("{room}", &(room + 1).to_string());
                                        view! { <option value=room.to_string() selected=current() == room>{text}</option> }
                                    }).collect_view()}
                                </select>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            })}
            <button type="submit" class="button">{move || i18n.live(LiveMsg::BreakoutOpen)}</button>
        </form>
    }
}
