//! What one connection receives, gathered into a stream per [`StreamContent`]: the tracks
//! whose transceivers now negotiate receiving. A track that came with no stream is the
//! other side's screen (that is how [`super::sending`] sends it).

use super::sending::transceivers;
use super::{warn, StreamContent};
use std::collections::BTreeMap;
use web_sys::{MediaStream, MediaStreamTrack, RtcPeerConnection, RtcRtpTransceiverDirection};

#[derive(Default)]
pub(super) struct Receiving {
    streams: BTreeMap<StreamContent, MediaStream>,
    screen_tracks: Vec<MediaStreamTrack>,
}

/// A remote stream that changed: now holding tracks, or (none) empty.
pub(super) type StreamChange = (StreamContent, Option<MediaStream>);

impl Receiving {
    /// A track arrived (`track` event) with its streams: with none, it is a screen.
    pub(super) fn track_arrived(&mut self, track: MediaStreamTrack, stream_count: u32) {
        if stream_count == 0 && !self.screen_tracks.contains(&track) {
            self.screen_tracks.push(track);
        }
    }

    /// Makes each stream hold exactly the tracks the other side sends now; the streams
    /// that changed.
    pub(super) fn gather(&mut self, connection: &RtcPeerConnection) -> Vec<StreamChange> {
        let incoming: Vec<MediaStreamTrack> = transceivers(connection)
            .into_iter()
            .filter(|transceiver| {
                matches!(
                    transceiver.current_direction(),
                    Some(
                        RtcRtpTransceiverDirection::Sendrecv | RtcRtpTransceiverDirection::Recvonly
                    )
                )
            })
            .map(|transceiver| transceiver.receiver().track())
            .collect();
        let (screen, camera): (Vec<_>, Vec<_>) = incoming
            .into_iter()
            .partition(|track| self.screen_tracks.contains(track));
        [
            (StreamContent::Camera, camera),
            (StreamContent::Screen, screen),
        ]
        .into_iter()
        .filter_map(|(content, tracks)| self.gather_into(content, tracks))
        .collect()
    }

    /// What is being received now, by content.
    pub(super) fn contents(&self) -> Vec<StreamContent> {
        self.streams
            .iter()
            .filter(|(_, stream)| stream.get_tracks().length() > 0)
            .map(|(content, _)| *content)
            .collect()
    }

    fn gather_into(
        &mut self,
        content: StreamContent,
        incoming: Vec<MediaStreamTrack>,
    ) -> Option<StreamChange> {
        let stream = match self.streams.get(&content) {
            Some(stream) => Clone::clone(stream),
            None if incoming.is_empty() => return None,
            None => match MediaStream::new() {
                Ok(stream) => Clone::clone(self.streams.entry(content).or_insert(stream)),
                Err(err) => {
                    warn("no stream for the remote media", &err);
                    return None;
                }
            },
        };
        let held: Vec<MediaStreamTrack> = stream
            .get_tracks()
            .iter()
            .map(wasm_bindgen::JsCast::unchecked_into)
            .collect();
        let mut is_changed = false;
        for track in held.iter().filter(|track| !incoming.contains(track)) {
            stream.remove_track(track);
            is_changed = true;
        }
        for track in incoming.iter().filter(|track| !held.contains(track)) {
            stream.add_track(track);
            is_changed = true;
        }
        is_changed.then(|| (content, Some(stream).filter(|_| !incoming.is_empty())))
    }
}
