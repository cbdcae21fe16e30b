//! Raised hands: a learner raises and lowers theirs, and is told when they may speak; the
//! instructor sees the queue, oldest first, and lets people speak or stops them.

use crate::i18n::{I18nInjection, LiveMsg};
use crate::state::live::LiveConnection;
use lectern_api::v1::live::ClientMessage;
use leptos::prelude::*;

/// The hands panel.
#[component]
pub fn LiveHands() -> impl IntoView {
    let i18n = I18nInjection::expect();
    let connection = LiveConnection::expect();
    let is_instructor = move || {
        connection
            .with_room(|room| room.is_instructor())
            .unwrap_or(false)
    };
    view! {
        <section class="live-panel live-hands" aria-labelledby="live-hands-heading">
            <h2 id="live-hands-heading">{move || i18n.live(LiveMsg::HandsHeading)}</h2>
            {move || if is_instructor() {
                view! { <HandQueue /> }.into_any()
            } else {
                view! { <OwnHand /> }.into_any()
            }}
            <SpeakerList />
        </section>
    }
}

/// A learner's own hand.
#[component]
fn OwnHand() -> impl IntoView {
    let i18n = I18nInjection::expect();
    let connection = LiveConnection::expect();
    let is_raised = move || {
        connection
            .with_room(|room| room.hand_is_raised())
            .unwrap_or(false)
    };
    let may_speak = move || {
        connection
            .with_room(|room| room.may_speak())
            .unwrap_or(false)
    };
    let toggle = move |_| {
        let message = if is_raised() {
            ClientMessage::LowerHand
        } else {
            ClientMessage::RaiseHand
        };
        connection.send(&message);
    };
    view! {
        <button type="button" class="button hand-toggle" aria-pressed=move || is_raised().to_string() on:click=toggle>
            {move || if is_raised() { i18n.live(LiveMsg::LowerHand) } else { i18n.live(LiveMsg::RaiseHand) }}
        </button>
        <p class="you-may-speak" role="status">
            {move || may_speak().then(|| i18n.live(LiveMsg::YouMaySpeak))}
        </p>
    }
}

/// The instructor's queue, oldest hand first.
#[component]
fn HandQueue() -> impl IntoView {
    let i18n = I18nInjection::expect();
    let connection = LiveConnection::expect();
    let queue = move || {
        connection
            .with_room(|room| {
                room.hand_queue
                    .iter()
                    .map(|hand| (hand.user_id.clone(), room.display_name(&hand.user_id)))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    };
    view! {
        <ol class="hand-queue">
            {move || {
                let queue = queue();
                if queue.is_empty() {
                    return view! { <li class="hands-empty">{i18n.live(LiveMsg::HandsEmpty)}</li> }.into_any();
                }
                queue.into_iter().map(|(user_id, name)| {
                    let label = i18n.live(LiveMsg::Admit).replace("{name}", &name);
                    let admit = ClientMessage::AdmitSpeaker { user_id: user_id.clone() };
                    view! {
                        <li data-user-id=user_id.to_string()>
                            <span>{name}</span>
                            <button type="button" class="button admit" on:click=move |_| connection.send(&admit)>
                                {label}
                            </button>
                        </li>
                    }
                }).collect_view().into_any()
            }}
        </ol>
    }
}

/// Who may speak now; the instructor can stop each.
#[component]
fn SpeakerList() -> impl IntoView {
    let i18n = I18nInjection::expect();
    let connection = LiveConnection::expect();
    let speakers = move || {
        connection
            .with_room(|room| {
                let named = room
                    .speakers
                    .iter()
                    .map(|user_id| (user_id.clone(), room.display_name(user_id)));
                (room.is_instructor(), named.collect::<Vec<_>>())
            })
            .unwrap_or_default()
    };
    move || {
        let (is_instructor, speakers) = speakers();
        (!speakers.is_empty()).then(|| {
            let names = speakers.iter().map(|(_, name)| name.as_str()).collect::<Vec<_>>().join(", ");
            let stops = is_instructor.then(|| {
                speakers.into_iter().map(|(user_id, name)| {
                    let label = i18n.live(LiveMsg::Revoke).replace("{name}", &name);
                    let revoke = ClientMessage::RevokeSpeaker { user_id: user_id.clone() };
                    view! {
                        <button type="button" class="button button-quiet revoke" data-user-id=user_id.to_string()
                            on:click=move |_| connection.send(&revoke)>{label}</button>
                    }
                }).collect_view()
            });
            view! {
                <div class="speakers">
                    <p>{i18n.live(LiveMsg::Speakers).replace("{names}", &names)}</p>
                    {stops}
                </div>
            }
        })
    }
}
