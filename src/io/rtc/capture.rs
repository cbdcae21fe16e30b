//! Asking the browser for local media. The microphone and the camera come in one request
//! when both are wanted (one prompt, one negotiation); when that fails for a reason one
//! device alone may not share (one is missing or busy), each is asked for alone, so that
//! the view hears which one failed. The screen comes through the browser's picker.

use super::{DeviceRefusal, LocalSource};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{MediaStream, MediaStreamConstraints, MediaStreamTrack};

/// The camera a mesh can afford to send to every peer: 360p at 24 frames a second.
const CAMERA_CONSTRAINTS: &str =
    r#"{"width":{"ideal":640},"height":{"ideal":360},"frameRate":{"ideal":24}}"#;

/// What came of asking for each source.
pub(super) type Captured = Vec<(LocalSource, Result<MediaStreamTrack, DeviceRefusal>)>;

/// Asks for `sources` (the participant may be prompted).
pub(super) async fn capture(sources: &[LocalSource]) -> Captured {
    let together = [LocalSource::Microphone, LocalSource::Camera];
    let mut captured = Captured::new();
    let mut alone = sources.to_vec();
    if together.iter().all(|source| sources.contains(source)) {
        match request(&together).await {
            Ok(tracks) => captured.extend(tracks.into_iter().map(|(s, t)| (s, Ok(t)))),
            Err(refusal @ (DeviceRefusal::NotAllowed | DeviceRefusal::Unsupported)) => {
                captured.extend(together.map(|source| (source, Err(refusal.clone()))));
            }
            // Asked for alone below, which tells which device it was.
            Err(_) => {}
        }
        alone.retain(|source| !captured.iter().any(|(done, _)| done == source));
    }
    for source in alone {
        let track = request(&[source]).await.and_then(|tracks| {
            let track = tracks.into_iter().next().map(|(_, track)| track);
            track.ok_or(DeviceRefusal::NotFound)
        });
        captured.push((source, track));
    }
    captured
}

/// One request: the screen alone, or the microphone and the camera as asked.
async fn request(
    sources: &[LocalSource],
) -> Result<Vec<(LocalSource, MediaStreamTrack)>, DeviceRefusal> {
    let devices = web_sys::window()
        .ok_or(DeviceRefusal::Unsupported)?
        .navigator()
        .media_devices()
        .map_err(|_| DeviceRefusal::Unsupported)?;
    let is_screen = sources.contains(&LocalSource::Screen);
    let promise = if is_screen {
        devices.get_display_media()
    } else {
        let constraints = MediaStreamConstraints::new();
        constraints.set_audio_bool(sources.contains(&LocalSource::Microphone));
        if sources.contains(&LocalSource::Camera) {
            let camera = js_sys::JSON::parse(CAMERA_CONSTRAINTS).unwrap_or(JsValue::TRUE);
            constraints.set_video(&camera);
        }
        devices.get_user_media_with_constraints(&constraints)
    }
    .map_err(|err| DeviceRefusal::from_js(&err))?;
    let stream = JsFuture::from(promise)
        .await
        .map_err(|err| DeviceRefusal::from_js(&err))?
        .dyn_into::<MediaStream>()
        .map_err(|_| DeviceRefusal::Unsupported)?;
    let mut tracks: Vec<(LocalSource, MediaStreamTrack)> = Vec::new();
    for track in stream.get_tracks().iter() {
        let track: MediaStreamTrack = track.unchecked_into();
        let source = match track.kind().as_str() {
            "audio" => LocalSource::Microphone,
            _ if is_screen => LocalSource::Screen,
            _ => LocalSource::Camera,
        };
        let is_new = !tracks.iter().any(|(held, _)| *held == source);
        if is_new && sources.contains(&source) {
            tracks.push((source, track));
        } else {
            track.stop();
        }
    }
    if tracks.len() < sources.len() {
        tracks.iter().for_each(|(_, track)| track.stop());
        return Err(DeviceRefusal::NotFound);
    }
    Ok(tracks)
}
