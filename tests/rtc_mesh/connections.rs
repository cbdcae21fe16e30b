//! Connections over time: an ICE restart on request, a peer leaving the plan, and a
//! connection one side opened again.

use crate::classroom::media::{ice_ufrag, show};
use crate::classroom::{
    link, plan, sleep_ms, teach, user, wait_until, Class, MICROPHONE_AND_CAMERA, NOTHING,
};
use lectern::io::rtc::{ConnectionState, MediaTopology};
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::{RtcPeerConnection, RtcPeerConnectionState};

#[wasm_bindgen_test]
async fn an_ice_restart_on_request_comes_back_connected() {
    let class = Class::default();
    let (teacher, ada) = teach(&class, "ada");
    wait_until("connected", 15_000, || {
        teacher.is_connected_to("ada") && ada.is_connected_to("teacher")
    })
    .await;
    let teacher_side = teacher.connection_to("ada");
    let ada_side = ada.connection_to("teacher");
    let ufrag = |connection: &RtcPeerConnection| {
        connection
            .local_description()
            .and_then(|description| ice_ufrag(&description.sdp()))
    };
    let (teacher_before, ada_before) = (ufrag(&teacher_side), ufrag(&ada_side));
    assert!(teacher_before.is_some() && ada_before.is_some());

    teacher.mesh.restart_ice();
    wait_until("both sides have new ICE credentials", 15_000, || {
        ufrag(&teacher_side) != teacher_before && ufrag(&ada_side) != ada_before
    })
    .await;
    wait_until("connected again", 15_000, || {
        teacher_side.connection_state() == RtcPeerConnectionState::Connected
            && ada_side.connection_state() == RtcPeerConnectionState::Connected
    })
    .await;
    assert_eq!(ada.tracks_from("teacher", "video").len(), 1);
    class.assert_signals_fit();
    class.close();
}

#[wasm_bindgen_test]
async fn a_peer_leaving_the_plan_is_closed() {
    let class = Class::default();
    let (_teacher, ada) = teach(&class, "ada");
    wait_until("Ada gets the teacher", 15_000, || {
        ada.stream_from("teacher").is_some() && ada.is_connected_to("teacher")
    })
    .await;
    let connection = ada.connection_to("teacher");

    ada.apply(plan(&[], NOTHING));
    assert!(ada.mesh.connection_to(&user("teacher")).is_none());
    assert_eq!(
        connection.connection_state(),
        RtcPeerConnectionState::Closed
    );
    sleep_ms(50).await;
    assert_eq!(ada.stream_from("teacher"), None);
    assert_eq!(ada.state_with("teacher"), Some(ConnectionState::Closed));
    class.close();
}

#[wasm_bindgen_test]
async fn a_connection_opened_again_on_one_side_is_taken_up_by_the_other() {
    let class = Class::default();
    let (teacher, ada) = teach(&class, "ada");
    wait_until("Ada sees the teacher", 15_000, || {
        ada.tracks_from("teacher", "video").len() == 1 && ada.is_connected_to("teacher")
    })
    .await;
    let ada_side = ada.connection_to("teacher");

    // Ada's socket dropped: the teacher saw her leave and come back; Ada's plan never
    // changed, so she keeps the connection she had.
    teacher.apply(plan(&[], NOTHING));
    teacher.apply(plan(
        &[("ada", link(false, true, false))],
        MICROPHONE_AND_CAMERA,
    ));
    wait_until("the teacher is connected to Ada again", 20_000, || {
        teacher.is_connected_to("ada")
    })
    .await;
    wait_until("Ada's connection takes up the new one", 20_000, || {
        ada.is_connected_to("teacher")
            && ada_side.connection_state() == RtcPeerConnectionState::Connected
    })
    .await;
    assert!(ada_side == ada.connection_to("teacher"), "Ada kept hers");
    let video = show(&ada.stream_from("teacher").unwrap()).await;
    let started_at = video.current_time();
    // A new encoder's first frames can be lost on the old receiver: it takes a key frame.
    wait_until("the frames advance", 25_000, || {
        video.current_time() > started_at + 0.5
    })
    .await;
    video.remove();
    class.assert_signals_fit();
    class.close();
}
