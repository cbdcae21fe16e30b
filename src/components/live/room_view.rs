//! The live room: its status, the class video, hands, the poll, chat, questions, breakout
//! rooms and people. Opening it joins the room; leaving the page leaves it. When the class
//! ends the socket is left and the way back to the lesson (and, soon, its recording) shown.

use super::{
    LiveBreakouts, LiveChat, LiveHands, LivePeople, LivePoll, LiveQuestions, LiveRoomStatus,
    LiveStage, RecordingLink, RecordingStatus,
};
use crate::i18n::{I18nInjection, LiveMsg};
use crate::state::live::{record_class, LiveConnection, LiveMedia};
use lectern_api::v1::live::SessionStatus;
use lectern_core::live::LiveSessionId;
use leptos::prelude::*;

/// A joined room; `lesson_href` is where leaving goes.
#[component]
pub fn LiveRoomView(
    session_id: LiveSessionId,
    token: String,
    lesson_href: String,
) -> impl IntoView {
    let i18n = I18nInjection::expect();
    let connection = LiveConnection::open(&session_id, &token);
    provide_context(connection);
    let media = LiveMedia::start(connection);
    provide_context(media);
    let recording = record_class(session_id.clone(), token.clone(), connection, media);
    let has_ended = Memo::new(move |_| {
        connection
            .with_room(|room| room.status == SessionStatus::Ended)
            .unwrap_or(false)
    });
    Effect::new(move |_| {
        if has_ended.get() {
            connection.leave();
        }
    });
    let is_joined = Memo::new(move |_| connection.model.with(Option::is_some));
    let leave_href = lesson_href.clone();
    let ended_session_id = session_id.clone();
    view! {
        <LiveRoomStatus />
        <RecordingStatus state=recording />
        {move || has_ended.get().then(|| view! {
            <section class="live-ended" role="status">
                <p>{i18n.live(LiveMsg::StatusEnded)}</p>
                <RecordingLink session_id=ended_session_id.clone() />
                <a class="button back-to-lesson" href=lesson_href.clone()>{i18n.live(LiveMsg::BackToLesson)}</a>
            </section>
        })}
        {move || (is_joined.get() && !has_ended.get()).then(|| view! {
            <div class="live-layout">
                <div class="live-main">
                    <LiveStage />
                    <LiveHands />
                    <LivePoll />
                    <LiveBreakouts />
                </div>
                <div class="live-side">
                    <LiveChat />
                    <LiveQuestions />
                    <LivePeople session_id=session_id.clone() />
                </div>
            </div>
        })}
        <p class="live-leave">
            <a class="button button-quiet leave-room" href=leave_href on:click=move |_| connection.leave()>
                {move || i18n.live(LiveMsg::Leave)}
            </a>
        </p>
    }
}
