//! The media mesh in a real browser: participants in one page, with Chrome's fake camera
//! and microphone, signaling through an in-memory relay (`classroom`). Each test is a
//! classroom moment: the learner sees the instructor, both offer at once, a speaker is heard
//! then revoked, a learner goes audio only, a visited breakout room is a full mesh, and the
//! instructor's screen comes apart from their camera. `connections` has the connections over
//! time: ICE restarts, peers leaving, a connection opened again.

// Browser tests are not `#[test]` functions, so clippy's test allowance does not reach them.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod classroom;
#[path = "rtc_mesh/connections.rs"]
mod connections;

use classroom::media::{is_receiving, is_sending, live_tracks, show, video_transceivers};
use classroom::{link, plan, teach, wait_until, Class, MICROPHONE, MICROPHONE_AND_CAMERA, NOTHING};
use lectern::io::rtc::{MediaNotice, MediaTopology, StreamContent};
use lectern::state::live::SendPlan;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::MediaStreamTrackState;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn the_learner_sees_the_instructors_camera_moving() {
    let class = Class::default();
    let (teacher, ada) = teach(&class, "ada");

    wait_until("Ada gets the teacher's video", 15_000, || {
        !ada.tracks_from("teacher", "video").is_empty()
    })
    .await;
    assert_eq!(ada.tracks_from("teacher", "audio").len(), 1);
    let video = show(&ada.stream_from("teacher").unwrap()).await;
    wait_until("the video has a size", 15_000, || video.video_width() > 0).await;
    let started_at = video.current_time();
    wait_until("the frames advance", 15_000, || {
        video.current_time() > started_at + 0.5
    })
    .await;
    assert!(teacher.is_connected_to("ada") && ada.is_connected_to("teacher"));
    let preview = teacher.preview().expect("the teacher's preview");
    assert_eq!(live_tracks(&preview, "video").len(), 1);
    assert_eq!(live_tracks(&preview, "audio").len(), 1);
    assert_eq!(
        ada.preview(),
        None,
        "a learner who only listens captures nothing"
    );

    video.remove();
    class.assert_signals_fit();
    class.close();
}

#[wasm_bindgen_test]
async fn offers_crossing_on_the_wire_settle_into_one_connection() {
    let class = Class::default();
    // Two learners in a breakout room start sending to each other at the same moment.
    let ada = class.join("ada");
    let bea = class.join("bea");
    class.hold();
    ada.apply(plan(&[("bea", link(true, true, true))], MICROPHONE));
    bea.apply(plan(
        &[("ada", link(false, true, true))],
        MICROPHONE_AND_CAMERA,
    ));
    // Both have made an offer before either is delivered: the offers cross.
    let has_offered = |party: &classroom::Party, other: &str| {
        party
            .mesh
            .connection_to(&classroom::user(other))
            .and_then(|connection| connection.local_description())
            .is_some()
    };
    wait_until("both have offered", 15_000, || {
        has_offered(&ada, "bea") && has_offered(&bea, "ada")
    })
    .await;
    class.release();

    wait_until("both are connected with each other's media", 20_000, || {
        ada.is_connected_to("bea")
            && bea.is_connected_to("ada")
            && ada.tracks_from("bea", "audio").len() == 1
            && ada.tracks_from("bea", "video").len() == 1
            && bea.tracks_from("ada", "audio").len() == 1
    })
    .await;
    assert!(class.offers_from("ada") >= 1 && class.offers_from("bea") >= 1);
    assert!(
        bea.tracks_from("ada", "video").is_empty(),
        "Ada sends no camera"
    );
    class.assert_signals_fit();
    class.close();
}

#[wasm_bindgen_test]
async fn an_admitted_speaker_is_heard_and_falls_silent_when_revoked() {
    let class = Class::default();
    let (teacher, ada) = teach(&class, "ada");
    wait_until("Ada hears the teacher", 15_000, || {
        !ada.tracks_from("teacher", "audio").is_empty()
    })
    .await;

    ada.apply(plan(&[("teacher", link(true, true, true))], MICROPHONE));
    teacher.apply(plan(
        &[("ada", link(false, true, true))],
        MICROPHONE_AND_CAMERA,
    ));
    wait_until("the teacher hears Ada", 15_000, || {
        teacher.tracks_from("ada", "audio").len() == 1
    })
    .await;
    let heard = teacher.tracks_from("ada", "audio").remove(0);
    let spoken = live_tracks(&ada.preview().expect("Ada's preview"), "audio").remove(0);
    assert!(
        teacher.tracks_from("ada", "video").is_empty(),
        "no camera was asked for"
    );

    ada.apply(plan(&[("teacher", link(true, false, true))], NOTHING));
    teacher.apply(plan(
        &[("ada", link(false, true, false))],
        MICROPHONE_AND_CAMERA,
    ));
    wait_until(
        "Ada's voice is gone from the teacher's side",
        15_000,
        || teacher.stream_from("ada").is_none(),
    )
    .await;
    assert_eq!(spoken.ready_state(), MediaStreamTrackState::Ended);
    assert!(
        heard.muted(),
        "the teacher's copy of Ada's voice carries nothing"
    );
    assert_eq!(ada.preview(), None);
    assert!(ada
        .notices()
        .contains(&MediaNotice::LocalPreviewChanged { stream: None }));
    // Ada still hears the teacher.
    assert_eq!(ada.tracks_from("teacher", "audio").len(), 1);

    // Admitted again, she is heard again, on the transceiver she had.
    let transceiver_count = || teacher.connection_to("ada").get_transceivers().length();
    let before = transceiver_count();
    ada.apply(plan(&[("teacher", link(true, true, true))], MICROPHONE));
    teacher.apply(plan(
        &[("ada", link(false, true, true))],
        MICROPHONE_AND_CAMERA,
    ));
    wait_until("the teacher hears Ada again", 15_000, || {
        teacher.tracks_from("ada", "audio").len() == 1
    })
    .await;
    assert_eq!(transceiver_count(), before);
    class.assert_signals_fit();
    class.close();
}

#[wasm_bindgen_test]
async fn a_learner_gone_audio_only_is_sent_no_video() {
    let class = Class::default();
    let (teacher, ada) = teach(&class, "ada");
    wait_until("Ada gets the teacher's video", 15_000, || {
        !ada.tracks_from("teacher", "video").is_empty()
    })
    .await;

    ada.mesh.set_audio_only(true);
    let ada_side = ada.connection_to("teacher");
    let teacher_side = teacher.connection_to("ada");
    wait_until("no video comes in", 15_000, || {
        video_transceivers(&ada_side)
            .iter()
            .all(|t| !is_receiving(t))
            && video_transceivers(&teacher_side)
                .iter()
                .all(|t| !is_sending(t))
    })
    .await;
    wait_until("Ada's stream is audio only", 5_000, || {
        ada.tracks_from("teacher", "video").is_empty()
    })
    .await;
    assert_eq!(ada.tracks_from("teacher", "audio").len(), 1);

    ada.mesh.set_audio_only(false);
    wait_until("the video comes back", 15_000, || {
        ada.tracks_from("teacher", "video").len() == 1
    })
    .await;
    class.assert_signals_fit();
    class.close();
}

#[wasm_bindgen_test]
async fn a_visited_breakout_room_is_a_full_mesh() {
    let class = Class::default();
    let teacher = class.join("teacher");
    let ada = class.join("ada");
    let bea = class.join("bea");
    teacher.apply(plan(
        &[
            ("ada", link(false, true, true)),
            ("bea", link(false, true, true)),
        ],
        MICROPHONE_AND_CAMERA,
    ));
    ada.apply(plan(
        &[
            ("bea", link(true, true, true)),
            ("teacher", link(true, true, true)),
        ],
        MICROPHONE,
    ));
    bea.apply(plan(
        &[
            ("ada", link(false, true, true)),
            ("teacher", link(true, true, true)),
        ],
        MICROPHONE,
    ));
    let hears = |party: &classroom::Party, other: &str| {
        party.is_connected_to(other) && party.tracks_from(other, "audio").len() == 1
    };
    wait_until("everyone hears everyone", 20_000, || {
        hears(&teacher, "ada")
            && hears(&teacher, "bea")
            && hears(&ada, "teacher")
            && hears(&ada, "bea")
            && hears(&bea, "teacher")
            && hears(&bea, "ada")
    })
    .await;
    wait_until("the learners see the teacher", 15_000, || {
        ada.tracks_from("teacher", "video").len() == 1
            && bea.tracks_from("teacher", "video").len() == 1
    })
    .await;
    assert!(ada.tracks_from("bea", "video").is_empty());
    class.assert_signals_fit();
    class.close();
}

#[wasm_bindgen_test]
async fn the_instructors_screen_arrives_apart_from_their_camera() {
    let class = Class::default();
    let (teacher, ada) = teach(&class, "ada");
    wait_until("Ada gets the teacher's camera", 15_000, || {
        ada.tracks_from("teacher", "video").len() == 1
    })
    .await;

    let sharing = SendPlan {
        screen: true,
        ..MICROPHONE_AND_CAMERA
    };
    teacher.apply(plan(&[("ada", link(false, true, false))], sharing));
    let screen = || ada.content_from("teacher", StreamContent::Screen);
    wait_until("Ada gets the screen", 15_000, || {
        screen().is_some_and(|stream| live_tracks(&stream, "video").len() == 1)
    })
    .await;
    let video = show(&screen().unwrap()).await;
    wait_until("the screen shows", 15_000, || video.video_width() > 0).await;
    assert_eq!(ada.tracks_from("teacher", "video").len(), 1);
    assert_eq!(ada.tracks_from("teacher", "audio").len(), 1);
    let preview = teacher.preview().unwrap();
    assert_eq!(live_tracks(&preview, "video").len(), 2, "camera and screen");

    teacher.apply(plan(
        &[("ada", link(false, true, false))],
        MICROPHONE_AND_CAMERA,
    ));
    wait_until("the screen is gone", 15_000, || screen().is_none()).await;
    assert_eq!(
        ada.tracks_from("teacher", "video").len(),
        1,
        "the camera stays"
    );
    video.remove();
    class.assert_signals_fit();
    class.close();
}
