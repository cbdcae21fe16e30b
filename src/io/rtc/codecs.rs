//! The codecs the mesh negotiates. A video m-line that lists every codec the browser has
//! (VP8, VP9, AV1, H.264 in several profiles, each with its retransmission format) runs to
//! kilobytes, and the server relays no signal over `MAX_SIGNAL_BYTES`. So the mesh asks for
//! Opus and VP8 (with retransmission) only: every browser has both, in software.

use js_sys::{Array, Function, Reflect};
use wasm_bindgen::JsCast;
use web_sys::{RtcRtpReceiver, RtcRtpTransceiver};

/// The codecs kept for a track kind ("audio", "video"), by MIME type.
fn kept_mime_types(kind: &str) -> &'static [&'static str] {
    match kind {
        "audio" => &["audio/opus"],
        "video" => &["video/VP8", "video/rtx"],
        _ => &[],
    }
}

/// Narrows the codecs `transceiver` negotiates to the mesh's, where the browser lets it.
pub(super) fn prefer_mesh_codecs(transceiver: &RtcRtpTransceiver, kind: &str) {
    let kept = kept_mime_types(kind);
    let Some(capabilities) = RtcRtpReceiver::get_capabilities(kind) else {
        return;
    };
    let codecs: Array = capabilities
        .get_codecs()
        .iter()
        .filter(|codec| {
            Reflect::get(codec, &"mimeType".into())
                .ok()
                .and_then(|mime_type| mime_type.as_string())
                .is_some_and(|mime_type| kept.contains(&mime_type.as_str()))
        })
        .collect();
    if codecs.length() == 0 {
        return;
    }
    // Called through Reflect so that a refusal comes back as an error, not a throw.
    let set = Reflect::get(transceiver, &"setCodecPreferences".into())
        .ok()
        .and_then(|method| method.dyn_into::<Function>().ok());
    let Some(set) = set else {
        return;
    };
    if let Err(err) = set.call1(transceiver, &codecs) {
        super::warn("the codecs could not be narrowed", &err);
    }
}
