//! The mesh: one `RTCPeerConnection` to each media peer, each sending its own copy of the
//! local media ([`Peer`]). Local media is captured once and shared by every connection
//! ([`LocalMedia`]). Good for a small class (`docs/live-media.md`).

use super::capture::capture;
use super::ice_servers::configuration;
use super::local_media::{wanted_sources, LocalMedia};
use super::peer::Peer;
use super::waiting::WaitingSignals;
use super::{
    deliver, warn, ConnectionState, LocalSource, MediaNotice, MediaTopology, Notify, SendSignal,
};
use crate::state::live::MediaPlan;
use lectern_api::v1::live::IceServer;
use lectern_core::live::Signal;
use lectern_core::UserId;
use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::rc::Rc;
use wasm_bindgen_futures::spawn_local;
use web_sys::{RtcConfiguration, RtcPeerConnection};

/// The mesh implementation of [`MediaTopology`]. Cheap to share behind an `Rc`; every call
/// returns at once and does the slow part (devices, negotiation) in tasks of its own.
pub struct MeshTopology {
    mesh: Rc<Mesh>,
}

struct Mesh {
    send_signal: SendSignal,
    notify: Notify,
    configuration: RefCell<RtcConfiguration>,
    plan: RefCell<MediaPlan>,
    is_audio_only: Cell<bool>,
    peers: RefCell<BTreeMap<UserId, Peer>>,
    waiting: RefCell<WaitingSignals>,
    local: RefCell<LocalMedia>,
    is_capturing: Cell<bool>,
    is_closed: Cell<bool>,
}

impl MeshTopology {
    /// A mesh with no peers yet: apply a plan to connect. Signals it makes go to
    /// `send_signal`, what it has to say to `notify`.
    pub fn new(ice_servers: Vec<IceServer>, send_signal: SendSignal, notify: Notify) -> Self {
        let mesh = Mesh {
            send_signal,
            notify,
            configuration: RefCell::new(configuration(&ice_servers)),
            plan: RefCell::default(),
            is_audio_only: Cell::new(false),
            peers: RefCell::default(),
            waiting: RefCell::default(),
            local: RefCell::default(),
            is_capturing: Cell::new(false),
            is_closed: Cell::new(false),
        };
        MeshTopology {
            mesh: Rc::new(mesh),
        }
    }

    /// The connection with `user_id`, for diagnostics (`getStats`) and tests; the mesh
    /// alone changes it.
    pub fn connection_to(&self, user_id: &UserId) -> Option<RtcPeerConnection> {
        let peers = self.mesh.peers.borrow();
        peers.get(user_id).map(|peer| peer.connection().clone())
    }
}

impl MediaTopology for MeshTopology {
    fn apply_plan(&self, plan: MediaPlan) {
        self.mesh.apply_plan(plan);
    }

    fn take_signal(&self, from: UserId, signal: Signal) {
        self.mesh.take_signal(from, signal);
    }

    fn set_audio_only(&self, is_audio_only: bool) {
        self.mesh.is_audio_only.set(is_audio_only);
        for peer in self.mesh.peers.borrow().values() {
            peer.set_audio_only(is_audio_only);
        }
    }

    fn restart_ice(&self) {
        for peer in self.mesh.peers.borrow().values() {
            peer.restart_ice();
        }
    }

    fn set_ice_servers(&self, ice_servers: Vec<IceServer>) {
        let configuration = configuration(&ice_servers);
        for peer in self.mesh.peers.borrow().values() {
            peer.set_configuration(&configuration);
        }
        *self.mesh.configuration.borrow_mut() = configuration;
    }

    fn close(&self) {
        self.mesh.close();
    }
}

impl Mesh {
    fn apply_plan(self: &Rc<Self>, plan: MediaPlan) {
        if self.is_closed.get() {
            return;
        }
        let leaving: Vec<Peer> = {
            let mut peers = self.peers.borrow_mut();
            let gone: Vec<UserId> = peers
                .iter()
                .filter(|(user_id, peer)| {
                    let link = plan.peers.get(*user_id);
                    link.is_none_or(|link| link.polite != peer.is_polite())
                })
                .map(|(user_id, _)| user_id.clone())
                .collect();
            gone.iter()
                .filter_map(|user_id| peers.remove(user_id))
                .collect()
        };
        leaving.into_iter().for_each(Peer::close);
        let arriving: Vec<(UserId, bool)> = {
            let peers = self.peers.borrow();
            plan.peers
                .iter()
                .filter(|(user_id, _)| !peers.contains_key(*user_id))
                .map(|(user_id, link)| (user_id.clone(), link.polite))
                .collect()
        };
        *self.plan.borrow_mut() = plan;
        for (user_id, polite) in arriving {
            self.open_peer(user_id, polite);
        }
        self.send_local();
        self.capture_missing();
    }

    fn open_peer(&self, user_id: UserId, polite: bool) {
        let configuration = self.configuration.borrow().clone();
        let opened = Peer::open(
            user_id.clone(),
            polite,
            &configuration,
            self.is_audio_only.get(),
            Rc::clone(&self.send_signal),
            Rc::clone(&self.notify),
        );
        match opened {
            Ok(peer) => {
                let waiting = self.waiting.borrow_mut().take(&user_id);
                for signal in waiting {
                    peer.take_signal(signal);
                }
                self.peers.borrow_mut().insert(user_id, peer);
            }
            Err(err) => {
                warn(&format!("no connection to {user_id}"), &err);
                let state = ConnectionState::Failed;
                deliver(
                    &self.notify,
                    MediaNotice::ConnectionStateChanged { user_id, state },
                );
            }
        }
    }

    fn take_signal(&self, from: UserId, signal: Signal) {
        if self.is_closed.get() {
            return;
        }
        if let Some(peer) = self.peers.borrow().get(&from) {
            peer.take_signal(signal);
            return;
        }
        if !self.waiting.borrow_mut().keep(from, signal) {
            leptos::logging::warn!("live media: too many signals from outside the plan; dropped");
        }
    }

    /// Puts the captured media the plan sends on each connection it sends to, takes it off
    /// the others, and stops what the plan no longer sends.
    fn send_local(&self) {
        let plan = self.plan.borrow();
        let (tracks, stream) = {
            let local = self.local.borrow();
            (local.tracks_for(plan.send), local.preview())
        };
        let nothing = BTreeMap::new();
        for (user_id, peer) in self.peers.borrow().iter() {
            let is_sending = plan.peers.get(user_id).is_some_and(|link| link.sends);
            peer.send(if is_sending { &tracks } else { &nothing }, stream.as_ref());
        }
        let send = plan.send;
        drop(plan);
        if self.local.borrow_mut().release_unwanted(send) {
            self.report_preview();
        }
    }

    /// Captures what the plan sends and is not held yet.
    fn capture_missing(self: &Rc<Self>) {
        if self.is_capturing.get() || self.missing().is_empty() {
            return;
        }
        self.is_capturing.set(true);
        spawn_local(Rc::clone(self).capture_while_missing());
    }

    fn missing(&self) -> Vec<LocalSource> {
        let send = self.plan.borrow().send;
        self.local.borrow().missing(send)
    }

    /// Asks for what is missing until nothing is: each source is then held, declined, or
    /// no longer wanted.
    async fn capture_while_missing(self: Rc<Self>) {
        loop {
            let missing = self.missing();
            if missing.is_empty() || self.is_closed.get() {
                break;
            }
            let captured = capture(&missing).await;
            let send = self.plan.borrow().send;
            let mut is_held = false;
            for (source, captured) in captured {
                let is_wanted = !self.is_closed.get() && wanted_sources(send).contains(&source);
                match captured {
                    Ok(track) if is_wanted => {
                        let on_ended = self.on_local_ended();
                        self.local.borrow_mut().hold(source, track, on_ended);
                        is_held = true;
                    }
                    Ok(track) => track.stop(),
                    Err(refusal) if is_wanted => {
                        self.local.borrow_mut().decline(source);
                        let notice = MediaNotice::DeviceRefused { source, refusal };
                        deliver(&self.notify, notice);
                    }
                    // Refused, and no longer wanted either: nothing to tell.
                    Err(_) => {}
                }
            }
            if is_held {
                self.report_preview();
                self.send_local();
            }
        }
        self.is_capturing.set(false);
    }

    /// What a held track calls when it stops on its own, from a task of its own.
    fn on_local_ended(self: &Rc<Self>) -> Rc<dyn Fn(LocalSource)> {
        let mesh = Rc::downgrade(self);
        Rc::new(move |source| {
            let mesh = mesh.clone();
            spawn_local(async move {
                if let Some(mesh) = mesh.upgrade().filter(|mesh| !mesh.is_closed.get()) {
                    mesh.local_ended(source);
                }
            });
        })
    }

    fn local_ended(&self, source: LocalSource) {
        if self.local.borrow_mut().end(source) {
            self.send_local();
            self.report_preview();
            deliver(&self.notify, MediaNotice::LocalSourceEnded { source });
        }
    }

    fn report_preview(&self) {
        let stream = self.local.borrow().preview();
        deliver(&self.notify, MediaNotice::LocalPreviewChanged { stream });
    }

    fn close(&self) {
        if self.is_closed.replace(true) {
            return;
        }
        let peers = std::mem::take(&mut *self.peers.borrow_mut());
        peers.into_values().for_each(Peer::close);
        self.waiting.borrow_mut().clear();
        let had_preview = self.local.borrow().preview().is_some();
        self.local.borrow_mut().stop_all();
        if had_preview {
            self.report_preview();
        }
    }
}
