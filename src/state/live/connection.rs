//! The live room as the page holds it: the socket ([`LiveSocket`]), the model it feeds
//! ([`LiveRoomModel`]) and what the view shows besides (the link's status, the last
//! refusal). Signals go on to the media layer through [`LiveConnection::on_signal`]; the
//! ICE servers each join brings are kept for it.

use super::model::{Follow, LiveRoomModel};
use super::reconnect::{LinkStatus, StopReason};
use crate::io::live_socket::{LiveSocket, LiveSocketHandlers};
use crate::io::random::random_uuid;
use lectern_api::v1::live::{ClientMessage, ClientMessageId, IceServer, ServerMessage};
use lectern_core::live::{LiveSessionId, Signal};
use lectern_core::UserId;
use leptos::prelude::*;
use std::rc::Rc;

/// Where incoming WebRTC signals go.
pub type SignalSink = Rc<dyn Fn(UserId, Signal)>;

/// A participant's connection to one room, for the page's lifetime.
#[derive(Clone, Copy)]
pub struct LiveConnection {
    /// None until the first snapshot.
    pub model: RwSignal<Option<LiveRoomModel>>,
    pub link: RwSignal<LinkStatus>,
    /// The server's answer to the last refused message.
    pub refusal: RwSignal<Option<String>>,
    pub ice_servers: RwSignal<Vec<IceServer>>,
    socket: StoredValue<Option<Rc<LiveSocket>>, LocalStorage>,
    signal_sink: StoredValue<Option<SignalSink>, LocalStorage>,
}

impl LiveConnection {
    /// Opens the room of `session_id` with `token`; it is left when the owner is cleaned up.
    pub fn open(session_id: &LiveSessionId, token: &str) -> LiveConnection {
        let connection = LiveConnection {
            model: RwSignal::new(None),
            link: RwSignal::new(LinkStatus::Connecting),
            refusal: RwSignal::new(None),
            ice_servers: RwSignal::new(Vec::new()),
            socket: StoredValue::new_local(None),
            signal_sink: StoredValue::new_local(None),
        };
        let handlers = LiveSocketHandlers {
            on_message: Rc::new(move |message| connection.take(message)),
            on_status: Rc::new(move |status| connection.link.set(status)),
        };
        let socket = Rc::new(LiveSocket::open(session_id, token, handlers));
        connection.socket.set_value(Some(socket));
        on_cleanup(move || {
            if let Some(socket) = connection.socket.try_get_value().flatten() {
                socket.leave();
            }
        });
        connection
    }

    /// The page's connection (the room's components are only used inside it).
    pub fn expect() -> LiveConnection {
        expect_context::<LiveConnection>()
    }

    /// Reads the room, once the first snapshot has come.
    pub fn with_room<T>(&self, read: impl FnOnce(&LiveRoomModel) -> T) -> Option<T> {
        self.model.with(|model| model.as_ref().map(read))
    }

    /// The name `user_id` is shown by.
    pub fn name_of(&self, user_id: &UserId) -> String {
        self.with_room(|room| room.display_name(user_id))
            .unwrap_or_else(|| user_id.to_string())
    }

    /// Sends `message` (now, or when the socket is open again).
    pub fn send(&self, message: &ClientMessage) {
        self.refusal.set(None);
        if let Some(socket) = self.socket.get_value() {
            socket.send(message);
        }
    }

    /// Sends a chat message with a fresh id, so sending it again is shown once.
    pub fn send_chat(&self, text: String) {
        match random_uuid().map(|uuid| ClientMessageId::parse(&uuid)) {
            Ok(Ok(client_message_id)) => self.send(&ClientMessage::Chat {
                client_message_id,
                text,
            }),
            _ => self.refusal.set(Some(
                "this browser gave no random id for the message".to_owned(),
            )),
        }
    }

    /// Opens the socket again at once.
    pub fn reconnect(&self) {
        if let Some(socket) = self.socket.get_value() {
            socket.reconnect_now();
        }
    }

    /// Leaves the room on purpose.
    pub fn leave(&self) {
        if let Some(socket) = self.socket.get_value() {
            socket.leave();
        }
    }

    /// Where signals from the others go from now on.
    pub fn on_signal(&self, sink: SignalSink) {
        self.signal_sink.set_value(Some(sink));
    }

    fn take(&self, message: ServerMessage) {
        let follow = match message {
            ServerMessage::Snapshot(snapshot) => {
                let held = self.model.get_untracked();
                self.model
                    .set(Some(LiveRoomModel::from_snapshot(*snapshot, held)));
                Follow::Nothing
            }
            other => {
                let mut follow = Follow::Nothing;
                self.model.update(|model| match model {
                    Some(model) => follow = model.apply(other),
                    // Before the first snapshot only these mean anything.
                    None => {
                        if let ServerMessage::IceServers { .. } | ServerMessage::Error { .. } =
                            other
                        {
                            follow = LiveRoomModel::follow_alone(other);
                        }
                    }
                });
                follow
            }
        };
        if let Some(socket) = self.socket.get_value() {
            let since = self
                .model
                .with_untracked(|model| model.as_ref().and_then(LiveRoomModel::last_chat_sequence));
            socket.set_since_sequence(since);
        }
        self.follow(follow);
    }

    fn follow(&self, follow: Follow) {
        match follow {
            Follow::Nothing => {}
            Follow::StopReconnecting => {
                if let Some(socket) = self.socket.get_value() {
                    socket.stop(StopReason::Replaced);
                }
            }
            Follow::Signal(from, signal) => {
                if let Some(sink) = self.signal_sink.get_value() {
                    sink(from, signal);
                }
            }
            Follow::IceServers(ice_servers) => self.ice_servers.set(ice_servers),
            Follow::Refused { message, .. } => self.refusal.set(Some(message)),
        }
    }
}
