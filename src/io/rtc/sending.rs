//! What one connection sends: each local source on a transceiver of its own, kept for the
//! connection's life. A source the plan stops sending is removed from its sender
//! (`removeTrack`), so the other side sees its track go; sent again, it goes back on the
//! same transceiver, so admitting and revoking a speaker does not grow the session. Every
//! transceiver receives, except video while audio only.

use super::codecs::prefer_mesh_codecs;
use super::{warn, LocalSource};
use std::collections::BTreeMap;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{
    MediaStream, MediaStreamTrack, RtcPeerConnection, RtcRtpEncodingParameters, RtcRtpTransceiver,
    RtcRtpTransceiverDirection as Direction, RtcRtpTransceiverInit,
};

/// Most a camera sends to one peer, in bits a second (`docs/live-media.md`).
const CAMERA_MAX_BITRATE: u32 = 500_000;
/// Most a screen share sends to one peer, in bits a second.
const SCREEN_MAX_BITRATE: u32 = 600_000;

pub(super) struct Sending {
    slots: BTreeMap<LocalSource, SendSlot>,
    is_audio_only: bool,
}

/// The transceiver a local source goes out on, and the track on it now.
struct SendSlot {
    transceiver: RtcRtpTransceiver,
    track: Option<MediaStreamTrack>,
}

impl Sending {
    pub(super) fn new(is_audio_only: bool) -> Sending {
        Sending {
            slots: BTreeMap::new(),
            is_audio_only,
        }
    }

    /// Sends exactly `tracks` and stops sending the rest. The camera and the microphone go
    /// with `stream`; the screen goes with no stream, which is how the other side tells it
    /// from a camera.
    pub(super) fn send(
        &mut self,
        connection: &RtcPeerConnection,
        tracks: &BTreeMap<LocalSource, MediaStreamTrack>,
        stream: Option<&MediaStream>,
    ) {
        for (source, slot) in self.slots.iter_mut() {
            let wanted = tracks.get(source);
            if slot.track.as_ref() == wanted {
                continue;
            }
            let sender = slot.transceiver.sender();
            match wanted {
                Some(track) => {
                    let replaced = JsFuture::from(sender.replace_track(Some(track)));
                    spawn_local(async move {
                        if let Err(err) = replaced.await {
                            warn("a track was not sent", &err);
                        }
                    });
                }
                None => connection.remove_track(&sender),
            }
            slot.track = wanted.cloned();
        }
        for (source, track) in tracks {
            if !self.slots.contains_key(source) {
                let stream = stream.filter(|_| *source != LocalSource::Screen);
                let transceiver = add_transceiver(connection, *source, track, stream);
                let track = Some(Clone::clone(track));
                self.slots.insert(*source, SendSlot { transceiver, track });
            }
        }
        self.apply_directions(connection);
    }

    pub(super) fn set_audio_only(&mut self, connection: &RtcPeerConnection, is_audio_only: bool) {
        self.is_audio_only = is_audio_only;
        self.apply_directions(connection);
    }

    /// Sets every transceiver of `connection` to send what it carries and to receive all
    /// but, when audio only, video; and narrows its codecs to the mesh's.
    pub(super) fn apply_directions(&self, connection: &RtcPeerConnection) {
        for transceiver in transceivers(connection) {
            if is_stopped(&transceiver) {
                continue;
            }
            let kind = transceiver.receiver().track().kind();
            prefer_mesh_codecs(&transceiver, &kind);
            let is_sending = self
                .slots
                .values()
                .any(|slot| slot.transceiver == transceiver && slot.track.is_some());
            let is_receiving = !(self.is_audio_only && kind == "video");
            let wanted = match (is_sending, is_receiving) {
                (true, true) => Direction::Sendrecv,
                (true, false) => Direction::Sendonly,
                (false, true) => Direction::Recvonly,
                (false, false) => Direction::Inactive,
            };
            if transceiver.direction() != wanted {
                transceiver.set_direction(wanted);
            }
        }
    }
}

fn add_transceiver(
    connection: &RtcPeerConnection,
    source: LocalSource,
    track: &MediaStreamTrack,
    stream: Option<&MediaStream>,
) -> RtcRtpTransceiver {
    let init = RtcRtpTransceiverInit::new();
    init.set_direction(Direction::Sendonly);
    let streams = js_sys::Array::new();
    if let Some(stream) = stream {
        streams.push(stream);
    }
    init.set_streams(&streams);
    let max_bitrate = match source {
        LocalSource::Microphone => None,
        LocalSource::Camera => Some(CAMERA_MAX_BITRATE),
        LocalSource::Screen => Some(SCREEN_MAX_BITRATE),
    };
    if let Some(max_bitrate) = max_bitrate {
        let encoding = RtcRtpEncodingParameters::new();
        encoding.set_max_bitrate(max_bitrate);
        init.set_send_encodings(&js_sys::Array::of1(&encoding));
    }
    connection.add_transceiver_with_media_stream_track_and_init(track, &init)
}

/// The transceivers of `connection`, in order.
pub(super) fn transceivers(connection: &RtcPeerConnection) -> Vec<RtcRtpTransceiver> {
    connection
        .get_transceivers()
        .iter()
        .filter_map(|transceiver| transceiver.dyn_into().ok())
        .collect()
}

fn is_stopped(transceiver: &RtcRtpTransceiver) -> bool {
    transceiver.direction() == Direction::Stopped
        || transceiver.current_direction() == Some(Direction::Stopped)
}
