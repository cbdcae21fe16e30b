//! One media peer: its `RTCPeerConnection`, negotiated perfectly ([`Negotiation`]) and
//! restarting ICE when it fails; what the plan sends it ([`Sending`]) and what it sends us
//! ([`Receiving`]). Its event handlers live as long as it does; dropping it closes it.

use super::negotiation::{restart_ice, IceCandidateJson, Negotiation};
use super::receiving::{Receiving, StreamChange};
use super::sending::Sending;
use super::{deliver, warn, ConnectionState, LocalSource, MediaNotice, Notify, SendSignal};
use lectern_core::live::Signal;
use lectern_core::UserId;
use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::spawn_local;
use web_sys::{
    MediaStream, MediaStreamTrack, RtcConfiguration, RtcIceConnectionState, RtcPeerConnection,
    RtcPeerConnectionIceEvent, RtcPeerConnectionState, RtcSignalingState, RtcTrackEvent,
};

/// A connection and the handlers that live as long as it does.
pub(super) struct Peer {
    shared: Rc<PeerShared>,
    _handlers: Handlers,
}

/// The connection's event handlers.
struct Handlers {
    negotiation_needed: Handler,
    ice_candidate: Handler,
    track: Handler,
    connection_state: Handler,
    ice_connection_state: Handler,
    signaling_state: Handler,
}

type Handler = Closure<dyn FnMut(JsValue)>;

struct PeerShared {
    user_id: UserId,
    connection: RtcPeerConnection,
    negotiation: Negotiation,
    send_signal: SendSignal,
    notify: Notify,
    sending: RefCell<Sending>,
    receiving: RefCell<Receiving>,
    is_closed: Cell<bool>,
}

impl Peer {
    pub(super) fn open(
        user_id: UserId,
        polite: bool,
        configuration: &RtcConfiguration,
        is_audio_only: bool,
        send_signal: SendSignal,
        notify: Notify,
    ) -> Result<Peer, JsValue> {
        let connection = RtcPeerConnection::new_with_configuration(configuration)?;
        let shared = Rc::new(PeerShared {
            user_id,
            connection,
            negotiation: Negotiation::new(polite),
            send_signal,
            notify,
            sending: RefCell::new(Sending::new(is_audio_only)),
            receiving: RefCell::default(),
            is_closed: Cell::new(false),
        });
        let handlers = Handlers {
            negotiation_needed: handler(&shared, |peer, _| {
                spawn_local(Rc::clone(peer).negotiate());
            }),
            ice_candidate: handler(&shared, PeerShared::send_candidate),
            track: handler(&shared, PeerShared::track_arrived),
            connection_state: handler(&shared, |peer, _| peer.connection_state_changed()),
            ice_connection_state: handler(&shared, |peer, _| {
                if peer.connection.ice_connection_state() == RtcIceConnectionState::Failed {
                    peer.restart_ice();
                }
            }),
            signaling_state: handler(&shared, |peer, _| {
                if peer.connection.signaling_state() == RtcSignalingState::Stable {
                    peer.gather();
                }
            }),
        };
        handlers.attach(&shared.connection);
        shared.report_state(ConnectionState::New);
        Ok(Peer {
            shared,
            _handlers: handlers,
        })
    }

    pub(super) fn is_polite(&self) -> bool {
        self.shared.negotiation.is_polite()
    }

    pub(super) fn connection(&self) -> &RtcPeerConnection {
        &self.shared.connection
    }

    pub(super) fn take_signal(&self, signal: Signal) {
        spawn_local(Rc::clone(&self.shared).take_signal(signal));
    }

    /// Sends exactly `tracks` (the camera and microphone with `stream`) and stops sending
    /// the rest.
    pub(super) fn send(
        &self,
        tracks: &BTreeMap<LocalSource, MediaStreamTrack>,
        stream: Option<&MediaStream>,
    ) {
        let connection = &self.shared.connection;
        self.shared
            .sending
            .borrow_mut()
            .send(connection, tracks, stream);
    }

    pub(super) fn set_audio_only(&self, is_audio_only: bool) {
        let connection = &self.shared.connection;
        let mut sending = self.shared.sending.borrow_mut();
        sending.set_audio_only(connection, is_audio_only);
    }

    pub(super) fn restart_ice(&self) {
        self.shared.restart_ice();
    }

    pub(super) fn set_configuration(&self, configuration: &RtcConfiguration) {
        let connection = &self.shared.connection;
        if let Err(err) = connection.set_configuration_with_configuration(configuration) {
            warn("the new ICE servers were not taken", &err);
        }
    }

    /// Closes the connection and tells the view it is gone.
    pub(super) fn close(self) {
        let contents = self.shared.receiving.borrow().contents();
        for content in contents {
            let user_id = self.shared.user_id.clone();
            self.shared
                .report(MediaNotice::RemoteStreamEnded { user_id, content });
        }
        self.shared.report_state(ConnectionState::Closed);
    }
}

impl Drop for Peer {
    fn drop(&mut self) {
        self.shared.is_closed.set(true);
        Handlers::detach(&self.shared.connection);
        self.shared.connection.close();
    }
}

impl Handlers {
    fn attach(&self, connection: &RtcPeerConnection) {
        connection.set_onnegotiationneeded(Some(function(&self.negotiation_needed)));
        connection.set_onicecandidate(Some(function(&self.ice_candidate)));
        connection.set_ontrack(Some(function(&self.track)));
        connection.set_onconnectionstatechange(Some(function(&self.connection_state)));
        connection.set_oniceconnectionstatechange(Some(function(&self.ice_connection_state)));
        connection.set_onsignalingstatechange(Some(function(&self.signaling_state)));
    }

    fn detach(connection: &RtcPeerConnection) {
        connection.set_onnegotiationneeded(None);
        connection.set_onicecandidate(None);
        connection.set_ontrack(None);
        connection.set_onconnectionstatechange(None);
        connection.set_oniceconnectionstatechange(None);
        connection.set_onsignalingstatechange(None);
    }
}

fn function(handler: &Handler) -> &js_sys::Function {
    handler.as_ref().unchecked_ref()
}

/// An event handler that reaches the peer while the connection is open.
fn handler(
    shared: &Rc<PeerShared>,
    on_event: impl Fn(&Rc<PeerShared>, JsValue) + 'static,
) -> Handler {
    let shared = Rc::clone(shared);
    Closure::new(move |event: JsValue| {
        if !shared.is_closed.get() {
            on_event(&shared, event);
        }
    })
}

impl PeerShared {
    async fn negotiate(self: Rc<Self>) {
        let send = |signal| (self.send_signal)(self.user_id.clone(), signal);
        let result = self.negotiation.offer(&self.connection, &send).await;
        self.warn_unless_closed("an offer failed", result);
    }

    async fn take_signal(self: Rc<Self>, signal: Signal) {
        let send = |signal| (self.send_signal)(self.user_id.clone(), signal);
        let connection = &self.connection;
        let result = match &signal {
            Signal::Ice { candidate } => {
                let taken = self.negotiation.take_candidate(connection, candidate);
                taken.await
            }
            description => {
                let prepare_answer = || {
                    if !self.is_closed.get() {
                        self.sending.borrow().apply_directions(connection);
                    }
                };
                let negotiation = &self.negotiation;
                let taken =
                    negotiation.take_description(connection, description, &prepare_answer, &send);
                taken.await
            }
        };
        self.warn_unless_closed("a signal was not taken", result);
        self.gather();
    }

    fn send_candidate(self: &Rc<Self>, event: JsValue) {
        let Some(candidate) = event
            .dyn_ref::<RtcPeerConnectionIceEvent>()
            .and_then(|event| event.candidate())
        else {
            return;
        };
        let Some(json) = IceCandidateJson::from_candidate(&candidate) else {
            return;
        };
        match json.encode() {
            Ok(candidate) => (self.send_signal)(self.user_id.clone(), Signal::Ice { candidate }),
            Err(err) => warn("an ICE candidate was not sent", &err.to_string().into()),
        }
    }

    fn track_arrived(self: &Rc<Self>, event: JsValue) {
        if let Some(event) = event.dyn_ref::<RtcTrackEvent>() {
            let stream_count = event.streams().length();
            let mut receiving = self.receiving.borrow_mut();
            receiving.track_arrived(event.track(), stream_count);
        }
        self.gather();
    }

    fn connection_state_changed(&self) {
        let state = match self.connection.connection_state() {
            RtcPeerConnectionState::New => ConnectionState::New,
            RtcPeerConnectionState::Connecting => ConnectionState::Connecting,
            RtcPeerConnectionState::Connected => ConnectionState::Connected,
            RtcPeerConnectionState::Disconnected => ConnectionState::Disconnected,
            RtcPeerConnectionState::Failed => ConnectionState::Failed,
            _ => ConnectionState::Closed,
        };
        self.report_state(state);
        if state == ConnectionState::Failed {
            self.restart_ice();
        }
    }

    fn restart_ice(&self) {
        if let Err(err) = restart_ice(&self.connection) {
            warn("ICE could not restart", &err);
        }
    }

    /// Brings the remote streams up to date, and tells the view what changed.
    fn gather(&self) {
        if self.is_closed.get() {
            return;
        }
        let changes: Vec<StreamChange> = self.receiving.borrow_mut().gather(&self.connection);
        for (content, stream) in changes {
            let user_id = self.user_id.clone();
            self.report(match stream {
                Some(stream) => MediaNotice::RemoteStreamChanged {
                    user_id,
                    content,
                    stream,
                },
                None => MediaNotice::RemoteStreamEnded { user_id, content },
            });
        }
    }

    fn report_state(&self, state: ConnectionState) {
        let user_id = self.user_id.clone();
        self.report(MediaNotice::ConnectionStateChanged { user_id, state });
    }

    fn report(&self, notice: MediaNotice) {
        deliver(&self.notify, notice);
    }

    fn warn_unless_closed(&self, what: &str, result: Result<(), JsValue>) {
        if let Err(err) = result {
            if !self.is_closed.get() {
                warn(&format!("{what} ({})", self.user_id), &err);
            }
        }
    }
}
