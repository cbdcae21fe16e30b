//! Perfect negotiation (the W3C WebRTC pattern) for one peer connection: either side may
//! offer whenever its media changes. When both offer at once, the impolite side ignores the
//! other's offer and the polite side gives its own up (`setRemoteDescription` of the offer
//! rolls the local one back), answers, then offers again. Offers and answers come from
//! `setLocalDescription()` with no description, which makes whichever one the state needs.
//! Also the ICE candidates on the wire, as the JSON of an `RTCIceCandidateInit`.

use js_sys::{Function, Promise, Reflect};
use lectern_core::live::{Signal, MAX_SIGNAL_BYTES};
use serde::{Deserialize, Serialize};
use std::cell::Cell;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    RtcIceCandidate, RtcIceCandidateInit, RtcPeerConnection, RtcSdpType, RtcSessionDescriptionInit,
    RtcSignalingState,
};

/// One side's part of perfect negotiation.
#[derive(Debug)]
pub(super) struct Negotiation {
    polite: bool,
    is_making_offer: Cell<bool>,
    is_ignoring_offer: Cell<bool>,
    is_setting_remote_answer_pending: Cell<bool>,
}

impl Negotiation {
    pub(super) fn new(polite: bool) -> Negotiation {
        Negotiation {
            polite,
            is_making_offer: Cell::new(false),
            is_ignoring_offer: Cell::new(false),
            is_setting_remote_answer_pending: Cell::new(false),
        }
    }

    pub(super) fn is_polite(&self) -> bool {
        self.polite
    }

    /// On `negotiationneeded`: makes the offer and sends it.
    pub(super) async fn offer(
        &self,
        connection: &RtcPeerConnection,
        send: &dyn Fn(Signal),
    ) -> Result<(), JsValue> {
        self.is_making_offer.set(true);
        let result = set_local_description(connection).await;
        if result.is_ok() {
            send_local_description(connection, send);
        }
        self.is_making_offer.set(false);
        result
    }

    /// Takes the other side's offer or answer; answers an offer, after `prepare_answer`
    /// has set the transceivers' directions the answer should carry.
    pub(super) async fn take_description(
        &self,
        connection: &RtcPeerConnection,
        signal: &Signal,
        prepare_answer: &dyn Fn(),
        send: &dyn Fn(Signal),
    ) -> Result<(), JsValue> {
        let (kind, sdp) = match signal {
            Signal::Offer { sdp } => (RtcSdpType::Offer, sdp),
            Signal::Answer { sdp } => (RtcSdpType::Answer, sdp),
            Signal::Ice { .. } => return Ok(()),
        };
        let is_offer = kind == RtcSdpType::Offer;
        let is_ready_for_offer = !self.is_making_offer.get()
            && (connection.signaling_state() == RtcSignalingState::Stable
                || self.is_setting_remote_answer_pending.get());
        let is_collision = is_offer && !is_ready_for_offer;
        self.is_ignoring_offer.set(!self.polite && is_collision);
        if self.is_ignoring_offer.get() {
            return Ok(());
        }
        let description = RtcSessionDescriptionInit::new(kind);
        description.set_sdp(sdp);
        self.is_setting_remote_answer_pending.set(!is_offer);
        let result = JsFuture::from(connection.set_remote_description(&description)).await;
        self.is_setting_remote_answer_pending.set(false);
        result?;
        if is_offer {
            prepare_answer();
            set_local_description(connection).await?;
            send_local_description(connection, send);
        }
        Ok(())
    }

    /// Takes one of the other side's ICE candidates. Those of an offer this side ignored
    /// fail, and are meant to.
    pub(super) async fn take_candidate(
        &self,
        connection: &RtcPeerConnection,
        candidate: &str,
    ) -> Result<(), JsValue> {
        let init = IceCandidateJson::decode(candidate)
            .map_err(|err| JsValue::from_str(&format!("an unreadable ICE candidate: {err}")))?
            .to_init();
        let promise = connection.add_ice_candidate_with_opt_rtc_ice_candidate_init(Some(&init));
        match JsFuture::from(promise).await {
            Err(_) if self.is_ignoring_offer.get() => Ok(()),
            result => result.map(drop),
        }
    }
}

/// Sends the local description as an offer or an answer.
fn send_local_description(connection: &RtcPeerConnection, send: &dyn Fn(Signal)) {
    let Some(description) = connection.local_description() else {
        return;
    };
    let sdp = description.sdp();
    if sdp.len() > MAX_SIGNAL_BYTES {
        leptos::logging::warn!(
            "live media: a {} byte description is over the server's {MAX_SIGNAL_BYTES}; not sent",
            sdp.len()
        );
        return;
    }
    match description.type_() {
        RtcSdpType::Offer => send(Signal::Offer { sdp }),
        RtcSdpType::Answer => send(Signal::Answer { sdp }),
        _ => {}
    }
}

/// `setLocalDescription()` with no description: the offer or answer the state calls for.
async fn set_local_description(connection: &RtcPeerConnection) -> Result<(), JsValue> {
    let promise = call_method(connection, "setLocalDescription")?.dyn_into::<Promise>()?;
    JsFuture::from(promise).await.map(drop)
}

/// `restartIce()`: the next offer carries new ICE credentials.
pub(super) fn restart_ice(connection: &RtcPeerConnection) -> Result<(), JsValue> {
    call_method(connection, "restartIce").map(drop)
}

/// Calls a method web-sys does not bind (in the form needed).
fn call_method(target: &JsValue, name: &str) -> Result<JsValue, JsValue> {
    let method = Reflect::get(target, &name.into())?
        .dyn_into::<Function>()
        .map_err(|_| JsValue::from_str(&format!("{name}() is not supported")))?;
    method.call0(target)
}

/// An ICE candidate on the wire: the JSON of an `RTCIceCandidateInit`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct IceCandidateJson {
    candidate: String,
    #[serde(rename = "sdpMid", default)]
    sdp_mid: Option<String>,
    #[serde(rename = "sdpMLineIndex", default)]
    sdp_m_line_index: Option<u16>,
    #[serde(rename = "usernameFragment", default)]
    username_fragment: Option<String>,
}

impl IceCandidateJson {
    /// The candidate to send, or none for the end of candidates (nothing to send).
    pub(super) fn from_candidate(candidate: &RtcIceCandidate) -> Option<IceCandidateJson> {
        let text = candidate.candidate();
        if text.is_empty() {
            return None;
        }
        let username_fragment = Reflect::get(candidate, &"usernameFragment".into())
            .ok()
            .and_then(|value| value.as_string());
        Some(IceCandidateJson {
            candidate: text,
            sdp_mid: candidate.sdp_mid(),
            sdp_m_line_index: candidate.sdp_m_line_index(),
            username_fragment,
        })
    }

    pub(super) fn encode(&self) -> Result<String, serde_json::Error> {
        serde_json::to_string(self)
    }

    fn decode(text: &str) -> Result<IceCandidateJson, serde_json::Error> {
        serde_json::from_str(text)
    }

    fn to_init(&self) -> RtcIceCandidateInit {
        let init = RtcIceCandidateInit::new(&self.candidate);
        init.set_sdp_mid(self.sdp_mid.as_deref());
        init.set_sdp_m_line_index(self.sdp_m_line_index);
        if let Some(fragment) = &self.username_fragment {
            // Setting a property of a plain object does not fail.
            let _ = Reflect::set(&init, &"usernameFragment".into(), &fragment.into());
        }
        init
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn candidates_travel_as_the_json_of_an_ice_candidate_init() {
        let candidate = IceCandidateJson {
            candidate: "candidate:1 1 udp 2122260223 10.0.0.2 50000 typ host".into(),
            sdp_mid: Some("0".into()),
            sdp_m_line_index: Some(0),
            username_fragment: Some("Xy1z".into()),
        };
        let text = candidate.encode().unwrap();
        let json: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(json["sdpMid"], "0");
        assert_eq!(json["sdpMLineIndex"], 0);
        assert_eq!(json["usernameFragment"], "Xy1z");
        assert_eq!(IceCandidateJson::decode(&text).unwrap(), candidate);
        // What another client may send: only the candidate and its m-line.
        let short = IceCandidateJson::decode(r#"{"candidate":"candidate:2","sdpMid":"1"}"#);
        assert_eq!(short.unwrap().sdp_m_line_index, None);
        assert!(IceCandidateJson::decode("not json").is_err());
    }
}
