//! The room's chat: everything this participant may read, oldest first (late joiners get
//! the history), and a line to write in. Text is shown as text, never as markup. In a
//! breakout room, what one writes goes to that room only.

use crate::i18n::{I18nInjection, LiveMsg};
use crate::io::document::format_local_time;
use crate::state::live::LiveConnection;
use lectern_api::v1::live::{ChatMessage, RoomLocation};
use lectern_core::live::MAX_CHAT_CHARS;
use leptos::prelude::*;

/// The chat panel.
#[component]
pub fn LiveChat() -> impl IntoView {
    let i18n = I18nInjection::expect();
    let connection = LiveConnection::expect();
    let draft = RwSignal::new(String::new());
    let messages = move || {
        connection
            .with_room(|room| {
                room.chat()
                    .map(|message| {
                        let sender = room.display_name(&message.sender);
                        (message.clone(), sender)
                    })
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    };
    let is_empty = move || {
        connection
            .with_room(|room| room.chat().next().is_none())
            .unwrap_or(true)
    };
    let in_breakout = move || {
        connection
            .with_room(|room| matches!(room.your_location, RoomLocation::Breakout { .. }))
            .unwrap_or(false)
    };
    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = draft.get_untracked().trim().to_owned();
        if !text.is_empty() {
            connection.send_chat(text);
            draft.set(String::new());
        }
    };
    view! {
        <section class="live-panel live-chat" aria-labelledby="live-chat-heading">
            <h2 id="live-chat-heading">{move || i18n.live(LiveMsg::ChatHeading)}</h2>
            <ol class="chat-log" aria-live="polite" aria-relevant="additions">
                <For each=messages key=|(message, _)| message.sequence let:line>
                    <ChatLine message=line.0 sender=line.1 />
                </For>
            </ol>
            <p class="chat-empty">{move || is_empty().then(|| i18n.live(LiveMsg::ChatEmpty))}</p>
            <form class="chat-form" on:submit=send>
                <label for="live-chat-input">
                    {move || if in_breakout() { i18n.live(LiveMsg::ChatLabelBreakout) } else { i18n.live(LiveMsg::ChatLabel) }}
                </label>
                <input id="live-chat-input" type="text" autocomplete="off" maxlength=MAX_CHAT_CHARS.to_string()
                    prop:value=move || draft.get() on:input=move |ev| draft.set(event_target_value(&ev)) />
                <button type="submit" class="button">{move || i18n.live(LiveMsg::ChatSend)}</button>
            </form>
        </section>
    }
}

/// One chat message.
#[component]
fn ChatLine(message: ChatMessage, sender: String) -> impl IntoView {
    let i18n = I18nInjection::expect();
    let room = message.breakout_room_id.map(|room| {
        i18n.live(LiveMsg::ChatFromRoom)
            .replace("{room}", &room.to_string())
    });
    view! {
        <li class="chat-message" data-sequence=message.sequence.to_string() data-sender=message.sender.to_string()>
            <span class="chat-sender">{sender}</span>
            {room.map(|room| view! { <span class="chat-room">{room}</span> })}
            <time datetime=message.sent_at.to_string()>{format_local_time(message.sent_at, i18n.locale().tag())}</time>
            <p class="chat-text">{message.text}</p>
        </li>
    }
}
