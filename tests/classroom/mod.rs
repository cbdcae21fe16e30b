//! A live class in one page for the media tests: each participant a real mesh, their
//! signals relayed in memory as the server would, in order and a little later each (as a
//! socket delivers them), and what each mesh reports kept for the test to wait on.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

pub mod media;

use futures::channel::mpsc;
use futures::StreamExt;
use lectern::io::rtc::{ConnectionState, MediaNotice, MediaTopology, MeshTopology, StreamContent};
use lectern::state::live::{MediaPlan, PeerLink, SendPlan};
use lectern_core::live::{Signal, MAX_SIGNAL_BYTES};
use lectern_core::UserId;
use media::live_tracks;
use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::rc::Rc;
use wasm_bindgen_futures::spawn_local;
use web_sys::{MediaStream, MediaStreamTrack, RtcPeerConnection};

pub fn user(name: &str) -> UserId {
    UserId::parse(name).unwrap()
}

pub async fn sleep_ms(delay_ms: u32) {
    lectern::io::timer::sleep_ms(delay_ms).await;
}

/// Waits until `condition` holds, checking every 50 ms; fails the test after `timeout_ms`.
pub async fn wait_until(what: &str, timeout_ms: u32, condition: impl Fn() -> bool) {
    let mut waited = 0;
    while !condition() {
        assert!(waited < timeout_ms, "timed out waiting until {what}");
        sleep_ms(50).await;
        waited += 50;
    }
}

/// A plan with these peers (`(name, link)`) and this local media.
pub fn plan(peers: &[(&str, PeerLink)], send: SendPlan) -> MediaPlan {
    MediaPlan {
        peers: peers
            .iter()
            .map(|(name, link)| (user(name), *link))
            .collect(),
        send,
    }
}

pub fn link(polite: bool, sends: bool, receives: bool) -> PeerLink {
    PeerLink {
        polite,
        sends,
        receives,
    }
}

pub const MICROPHONE: SendPlan = SendPlan {
    microphone: true,
    camera: false,
    screen: false,
};
pub const MICROPHONE_AND_CAMERA: SendPlan = SendPlan {
    microphone: true,
    camera: true,
    screen: false,
};
pub const NOTHING: SendPlan = SendPlan {
    microphone: false,
    camera: false,
    screen: false,
};

/// The instructor sends their camera and microphone to `learner`, who only receives.
pub fn teach(class: &Class, learner: &str) -> (Party, Party) {
    let teacher = class.join("teacher");
    let learner_party = class.join(learner);
    teacher.apply(plan(
        &[(learner, link(false, true, false))],
        MICROPHONE_AND_CAMERA,
    ));
    learner_party.apply(plan(&[("teacher", link(true, false, true))], NOTHING));
    (teacher, learner_party)
}

/// One relayed signal, as the server saw it.
#[derive(Debug, Clone)]
pub struct Relayed {
    pub from: UserId,
    pub to: UserId,
    pub signal: Signal,
}

/// The participants and the relay between them.
#[derive(Clone, Default)]
pub struct Class {
    meshes: Rc<RefCell<BTreeMap<UserId, Rc<MeshTopology>>>>,
    relayed: Rc<RefCell<Vec<Relayed>>>,
    is_holding: Rc<Cell<bool>>,
}

impl Class {
    /// Someone joins: their mesh, wired to the relay.
    pub fn join(&self, name: &str) -> Party {
        let me = user(name);
        let (outbox, mut outgoing) = mpsc::unbounded::<Relayed>();
        let from = me.clone();
        let send_signal = Rc::new(move |to, signal| {
            let relayed = Relayed {
                from: from.clone(),
                to,
                signal,
            };
            outbox.unbounded_send(relayed).unwrap();
        });
        let seen = Rc::new(RefCell::new(Seen::default()));
        let notify = {
            let seen = Rc::clone(&seen);
            Rc::new(move |notice| seen.borrow_mut().take(notice))
        };
        let mesh = Rc::new(MeshTopology::new(vec![], send_signal, notify));
        self.meshes
            .borrow_mut()
            .insert(me.clone(), Rc::clone(&mesh));
        let class = self.clone();
        spawn_local(async move {
            while let Some(relayed) = outgoing.next().await {
                while class.is_holding.get() {
                    sleep_ms(10).await;
                }
                sleep_ms(2).await;
                class.relayed.borrow_mut().push(relayed.clone());
                let target = class.meshes.borrow().get(&relayed.to).cloned();
                if let Some(mesh) = target {
                    mesh.take_signal(relayed.from, relayed.signal);
                }
            }
        });
        Party {
            user_id: me,
            mesh,
            seen,
        }
    }

    /// Keeps every signal back until [`Class::release`].
    pub fn hold(&self) {
        self.is_holding.set(true);
    }

    pub fn release(&self) {
        self.is_holding.set(false);
    }

    /// How many offers `name` has sent (counted as they are relayed).
    pub fn offers_from(&self, name: &str) -> usize {
        let from = user(name);
        self.relayed
            .borrow()
            .iter()
            .filter(|r| r.from == from && matches!(r.signal, Signal::Offer { .. }))
            .count()
    }

    /// Every signal fits the server's limit.
    pub fn assert_signals_fit(&self) {
        for relayed in self.relayed.borrow().iter() {
            let bytes = relayed.signal.payload_bytes();
            assert!(
                bytes <= MAX_SIGNAL_BYTES,
                "a {bytes} byte signal: {relayed:?}"
            );
        }
    }

    /// Everyone leaves.
    pub fn close(&self) {
        let meshes = std::mem::take(&mut *self.meshes.borrow_mut());
        for mesh in meshes.values() {
            mesh.close();
        }
    }
}

/// One participant.
pub struct Party {
    pub user_id: UserId,
    pub mesh: Rc<MeshTopology>,
    seen: Rc<RefCell<Seen>>,
}

/// What a mesh has reported.
#[derive(Default)]
struct Seen {
    remote: BTreeMap<(UserId, StreamContent), MediaStream>,
    states: BTreeMap<UserId, ConnectionState>,
    preview: Option<MediaStream>,
    notices: Vec<MediaNotice>,
}

impl Seen {
    fn take(&mut self, notice: MediaNotice) {
        match &notice {
            MediaNotice::RemoteStreamChanged {
                user_id,
                content,
                stream,
            } => {
                let key = (user_id.clone(), *content);
                self.remote.insert(key, Clone::clone(stream));
            }
            MediaNotice::RemoteStreamEnded { user_id, content } => {
                self.remote.remove(&(user_id.clone(), *content));
            }
            MediaNotice::LocalPreviewChanged { stream } => self.preview = stream.clone(),
            MediaNotice::ConnectionStateChanged { user_id, state } => {
                self.states.insert(user_id.clone(), *state);
            }
            MediaNotice::DeviceRefused { .. } | MediaNotice::LocalSourceEnded { .. } => {}
        }
        self.notices.push(notice);
    }
}

impl Party {
    pub fn apply(&self, plan: MediaPlan) {
        self.mesh.apply_plan(plan);
    }

    /// The camera stream `name` sends us (microphone and camera), as last reported.
    pub fn stream_from(&self, name: &str) -> Option<MediaStream> {
        self.content_from(name, StreamContent::Camera)
    }

    /// The stream of `content` `name` sends us, as last reported.
    pub fn content_from(&self, name: &str, content: StreamContent) -> Option<MediaStream> {
        self.seen
            .borrow()
            .remote
            .get(&(user(name), content))
            .cloned()
    }

    /// The live tracks of `kind` ("audio", "video") in the camera stream `name` sends us.
    pub fn tracks_from(&self, name: &str, kind: &str) -> Vec<MediaStreamTrack> {
        self.stream_from(name)
            .map_or_else(Vec::new, |s| live_tracks(&s, kind))
    }

    pub fn state_with(&self, name: &str) -> Option<ConnectionState> {
        self.seen.borrow().states.get(&user(name)).copied()
    }

    pub fn is_connected_to(&self, name: &str) -> bool {
        self.state_with(name) == Some(ConnectionState::Connected)
    }

    /// The local preview, as last reported.
    pub fn preview(&self) -> Option<MediaStream> {
        self.seen.borrow().preview.clone()
    }

    pub fn notices(&self) -> Vec<MediaNotice> {
        self.seen.borrow().notices.clone()
    }

    pub fn connection_to(&self, name: &str) -> RtcPeerConnection {
        self.mesh.connection_to(&user(name)).expect("a connection")
    }
}
