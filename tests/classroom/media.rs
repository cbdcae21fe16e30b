//! What the tests look at in the browser: tracks, transceivers, descriptions and a
//! playing `<video>`.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    HtmlVideoElement, MediaStream, MediaStreamTrack, MediaStreamTrackState, RtcPeerConnection,
    RtcRtpTransceiver, RtcRtpTransceiverDirection as Direction,
};

/// A playing, muted `<video>` showing `stream`.
pub async fn show(stream: &MediaStream) -> HtmlVideoElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let video: HtmlVideoElement = document.create_element("video").unwrap().unchecked_into();
    video.set_muted(true);
    video.set_autoplay(true);
    video.set_src_object(Some(stream));
    document.body().unwrap().append_child(&video).unwrap();
    JsFuture::from(video.play().unwrap()).await.unwrap();
    video
}

/// The video transceivers of `connection`.
pub fn video_transceivers(connection: &RtcPeerConnection) -> Vec<RtcRtpTransceiver> {
    connection
        .get_transceivers()
        .iter()
        .map(|transceiver| transceiver.unchecked_into::<RtcRtpTransceiver>())
        .filter(|transceiver| transceiver.receiver().track().kind() == "video")
        .collect()
}

pub fn is_receiving(transceiver: &RtcRtpTransceiver) -> bool {
    matches!(
        transceiver.current_direction(),
        Some(Direction::Sendrecv | Direction::Recvonly)
    )
}

pub fn is_sending(transceiver: &RtcRtpTransceiver) -> bool {
    matches!(
        transceiver.current_direction(),
        Some(Direction::Sendrecv | Direction::Sendonly)
    )
}

/// The ICE username fragment of a description.
pub fn ice_ufrag(sdp: &str) -> Option<String> {
    sdp.lines()
        .find_map(|line| line.strip_prefix("a=ice-ufrag:"))
        .map(str::to_owned)
}

/// The tracks of `kind` in `stream` that are still live.
pub fn live_tracks(stream: &MediaStream, kind: &str) -> Vec<MediaStreamTrack> {
    stream
        .get_tracks()
        .iter()
        .map(|track| track.unchecked_into::<MediaStreamTrack>())
        .filter(|track| track.kind() == kind && track.ready_state() == MediaStreamTrackState::Live)
        .collect()
}
