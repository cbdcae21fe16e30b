//! The live room's media: cameras, microphones and the instructor's screen, to and from the
//! other participants. The room's rules decide who has media with whom
//! ([`crate::state::live::media_plan`]); a [`MediaTopology`] carries that plan out and
//! tells the room's view what it has through [`MediaNotice`]s.
//!
//! [`MediaTopology`] is the seam: the socket hands it the server's signals and sends the
//! ones it makes; the view applies plans and reads notices, never a peer connection. The one
//! implementation now is [`MeshTopology`], one `RTCPeerConnection` per media peer, made for
//! small classes (`docs/live-media.md`); an SFU (Janus, LiveKit) for larger ones goes behind
//! the same trait.

mod capture;
mod codecs;
mod ice_servers;
mod local_media;
mod mesh;
mod negotiation;
mod peer;
mod receiving;
mod refusal;
mod sending;
mod waiting;

use crate::state::live::MediaPlan;
use lectern_api::v1::live::IceServer;
use lectern_core::live::Signal;
use lectern_core::UserId;
use std::fmt;
use std::rc::Rc;
use web_sys::MediaStream;

pub use mesh::MeshTopology;
pub use refusal::DeviceRefusal;

/// Where a topology sends the signals it makes: to the socket, as `Offer`, `Answer` and
/// `Ice` for the server to relay to that user.
pub type SendSignal = Rc<dyn Fn(UserId, Signal)>;

/// Where a topology reports to the room's view. Notices are delivered from a task of their
/// own, never from inside a topology call, so a receiver may call the topology again.
pub type Notify = Rc<dyn Fn(MediaNotice)>;

/// The media layer of a live room, whatever carries the media.
///
/// Screen sharing is part of the plan ([`crate::state::live::SendPlan::screen`]): apply a
/// plan built with the choice changed. Browsers open the screen picker only shortly after a
/// user's gesture, so apply that plan straight from the click (or the effect it triggers).
pub trait MediaTopology {
    /// Connects to the plan's peers and closes the others; captures the local media the
    /// plan sends (asking for a device only the first time it is needed, and not again after
    /// a refusal until the plan has stopped wanting it), sends it to the peers the plan
    /// sends to, and stops what the plan no longer sends.
    fn apply_plan(&self, plan: MediaPlan);

    /// Takes a signal the server relayed from `from`. Signals from a user the plan does not
    /// have yet are kept until it does.
    fn take_signal(&self, from: UserId, signal: Signal);

    /// Receives no video (true) or all of it again (false): the others are asked to stop
    /// sending their video, which saves the bandwidth and not only the screen.
    fn set_audio_only(&self, is_audio_only: bool);

    /// Restarts ICE on every connection: after a network change, or when the participant
    /// asks to reconnect the media. Failed connections restart on their own.
    fn restart_ice(&self);

    /// Takes the ICE servers the server sent on a (re)join (fresh TURN credentials); used
    /// from the next ICE restart and by every new connection.
    fn set_ice_servers(&self, ice_servers: Vec<IceServer>);

    /// Closes every connection and stops every local device. The topology does nothing
    /// afterwards.
    fn close(&self);
}

/// What the media layer tells the room's view.
#[derive(Debug, Clone, PartialEq)]
pub enum MediaNotice {
    /// What `user_id` sends us of `content` changed: tracks came or went. The stream is
    /// the same object for as long as the connection lasts; show it (its audio too).
    RemoteStreamChanged {
        user_id: UserId,
        content: StreamContent,
        stream: MediaStream,
    },
    /// `user_id` sends us none of `content` any more, or the connection closed.
    RemoteStreamEnded {
        user_id: UserId,
        content: StreamContent,
    },
    /// The local media being captured, for a preview (show it muted); none while nothing is.
    LocalPreviewChanged { stream: Option<MediaStream> },
    /// The connection with `user_id` moved on.
    ConnectionStateChanged {
        user_id: UserId,
        state: ConnectionState,
    },
    /// A device could not be used: the participant still gets the class, and is told why
    /// they cannot be seen or heard. Not asked again until the plan stops wanting it.
    DeviceRefused {
        source: LocalSource,
        refusal: DeviceRefusal,
    },
    /// A local source stopped on its own: a device unplugged, or the browser's own "Stop
    /// sharing" button. Not captured again until the plan stops wanting it; clear the
    /// choice that asked for it.
    LocalSourceEnded { source: LocalSource },
}

/// What a remote stream shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum StreamContent {
    /// Their microphone and camera (either may be missing).
    Camera,
    /// Their screen: the instructor's share.
    Screen,
}

/// Local media a participant may send.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LocalSource {
    Microphone,
    Camera,
    Screen,
}

impl fmt::Display for LocalSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            LocalSource::Microphone => "microphone",
            LocalSource::Camera => "camera",
            LocalSource::Screen => "screen share",
        })
    }
}

/// Where the media connection with one peer is, whatever carries it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConnectionState {
    New,
    Connecting,
    Connected,
    /// Lost for now; it may come back by itself, or fail.
    Disconnected,
    /// Gone: an ICE restart is under way.
    Failed,
    Closed,
}

// web-sys's `MediaStream::clone` and `MediaStreamTrack::clone` are JavaScript's `clone()`,
// which makes a new stream or track: handles are copied here with `Clone::clone`.

/// Delivers `notice` from a task of its own (see [`Notify`]).
fn deliver(notify: &Notify, notice: MediaNotice) {
    let notify = Rc::clone(notify);
    wasm_bindgen_futures::spawn_local(async move { notify(notice) });
}

/// Logs a failure the participant cannot act on (the connection recovers or reports a
/// state of its own).
fn warn(what: &str, err: &wasm_bindgen::JsValue) {
    leptos::logging::warn!("live media: {what}: {}", crate::io::media::describe(err));
}
