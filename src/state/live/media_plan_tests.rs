use super::*;
use lectern_api::v1::live::{
    BreakoutRoomId, BreakoutsView, ParticipantView, RoomSnapshot, ServerMessage,
};
use lectern_core::live::{BreakoutRoom, LiveSessionId};
use wasm_bindgen_test::wasm_bindgen_test;

const INSTRUCTOR: &str = "teacher";

fn user(name: &str) -> UserId {
    UserId::parse(name).unwrap()
}

fn at(second: i64) -> jiff::Timestamp {
    jiff::Timestamp::from_second(1_900_000_000 + second).unwrap()
}

/// The room as the server holds it: who is there (and connected), the speakers, the
/// breakout rooms (with the room the instructor visits) and the session's status.
struct Room {
    status: SessionStatus,
    present: Vec<(&'static str, bool)>,
    speakers: Vec<&'static str>,
    breakouts: Option<(Vec<Vec<&'static str>>, Option<u32>)>,
}

impl Room {
    /// A live main room with the instructor and these learners, all connected.
    fn live(learners: &[&'static str]) -> Room {
        let mut present = vec![(INSTRUCTOR, true)];
        present.extend(learners.iter().map(|learner| (*learner, true)));
        Room {
            status: SessionStatus::Live,
            present,
            speakers: vec![],
            breakouts: None,
        }
    }

    fn role_of(name: &str) -> LiveRole {
        if name == INSTRUCTOR {
            LiveRole::Instructor
        } else {
            LiveRole::Learner
        }
    }

    fn breakouts_view(&self) -> Option<BreakoutsView> {
        let (rooms, visiting) = self.breakouts.as_ref()?;
        Some(BreakoutsView {
            opened_at: at(10),
            ends_at: at(600),
            rooms: rooms
                .iter()
                .zip(1..)
                .map(|(members, number)| BreakoutRoom {
                    breakout_room_id: BreakoutRoomId(number),
                    members: members.iter().map(|name| user(name)).collect(),
                })
                .collect(),
            visiting: visiting.map(BreakoutRoomId),
        })
    }

    /// The room as `you` know it, built the way the player builds it: a snapshot, then
    /// the breakouts opening.
    fn model_of(&self, you: &str) -> LiveRoomModel {
        let snapshot = RoomSnapshot {
            session_id: LiveSessionId::parse("astronomy-101.live-q-and-a").unwrap(),
            status: self.status,
            starts_at: at(0),
            ends_at: at(3_600),
            you: user(you),
            your_role: Room::role_of(you),
            your_location: RoomLocation::Main,
            participants: self
                .present
                .iter()
                .map(|(name, is_connected)| ParticipantView {
                    user_id: user(name),
                    display_name: name.to_string(),
                    role: Room::role_of(name),
                    is_connected: *is_connected,
                })
                .collect(),
            hand_queue: vec![],
            speakers: self.speakers.iter().map(|name| user(name)).collect(),
            open_poll: None,
            your_vote: None,
            closed_polls: vec![],
            questions: vec![],
            your_upvotes: vec![],
            breakouts: None,
            last_chat_sequence: 0,
        };
        let mut model = LiveRoomModel::from_snapshot(snapshot, None);
        if let Some(view) = self.breakouts_view() {
            model.apply(ServerMessage::BreakoutsOpened(view));
        }
        model
    }

    fn plan_of(&self, you: &str) -> MediaPlan {
        media_plan(
            &self.model_of(you),
            MediaChoices::for_role(Room::role_of(you)),
        )
    }
}

fn link(polite: bool, sends: bool, receives: bool) -> PeerLink {
    PeerLink {
        polite,
        sends,
        receives,
    }
}

fn peers(entries: &[(&str, PeerLink)]) -> BTreeMap<UserId, PeerLink> {
    entries
        .iter()
        .map(|(name, link)| (user(name), *link))
        .collect()
}

const SENDS_NOTHING: SendPlan = SendPlan {
    microphone: false,
    camera: false,
    screen: false,
};

#[wasm_bindgen_test(unsupported = test)]
fn in_the_main_room_every_connected_learner_receives_the_instructor() {
    let mut room = Room::live(&["ada", "bea"]);
    room.present.push(("cyd", false));

    // Cyd, reconnecting, has no media until she is back.
    let instructor = room.plan_of(INSTRUCTOR);
    assert_eq!(
        instructor.peers,
        peers(&[
            ("ada", link(false, true, false)),
            ("bea", link(false, true, false))
        ])
    );
    assert_eq!(
        instructor.send,
        SendPlan {
            microphone: true,
            camera: true,
            screen: false
        }
    );

    let ada = room.plan_of("ada");
    assert_eq!(ada.peers, peers(&[(INSTRUCTOR, link(true, false, true))]));
    assert_eq!(ada.send, SENDS_NOTHING);
    assert!(!ada.is_sending());
}

#[wasm_bindgen_test(unsupported = test)]
fn an_admitted_speaker_sends_their_microphone_to_the_instructor_only() {
    let mut room = Room::live(&["ada", "bea"]);
    room.speakers = vec!["ada"];

    let ada = room.plan_of("ada");
    assert_eq!(ada.peers, peers(&[(INSTRUCTOR, link(true, true, true))]));
    assert_eq!(
        ada.send,
        SendPlan {
            microphone: true,
            camera: false,
            screen: false
        }
    );
    let with_camera = media_plan(
        &room.model_of("ada"),
        MediaChoices {
            camera_wanted: true,
            screen_sharing: true,
        },
    );
    assert_eq!(
        with_camera.send,
        SendPlan {
            microphone: true,
            camera: true,
            screen: false
        },
        "a learner's camera goes out when they opt in; only the instructor shares a screen"
    );

    let instructor = room.plan_of(INSTRUCTOR);
    assert_eq!(instructor.peers[&user("ada")], link(false, true, true));
    assert_eq!(instructor.peers[&user("bea")], link(false, true, false));
    // Bea hears Ada through the instructor's connection, not her own.
    assert_eq!(
        room.plan_of("bea").peers,
        peers(&[(INSTRUCTOR, link(true, false, true))])
    );
}

#[wasm_bindgen_test(unsupported = test)]
fn the_instructor_shares_a_screen_only_while_sending_to_someone() {
    let sharing = MediaChoices {
        camera_wanted: false,
        screen_sharing: true,
    };
    let room = Room::live(&["ada"]);
    let plan = media_plan(&room.model_of(INSTRUCTOR), sharing);
    assert_eq!(
        plan.send,
        SendPlan {
            microphone: true,
            camera: false,
            screen: true
        }
    );
    let empty = Room::live(&[]);
    let plan = media_plan(&empty.model_of(INSTRUCTOR), sharing);
    assert_eq!(plan, MediaPlan::default());
}

#[wasm_bindgen_test(unsupported = test)]
fn breakout_members_see_and_hear_each_other_without_the_instructor() {
    let mut room = Room::live(&["ada", "bea", "cyd"]);
    room.speakers = vec!["cyd"];
    room.breakouts = Some((vec![vec!["ada", "bea"], vec!["cyd"]], None));

    let ada = room.plan_of("ada");
    assert_eq!(ada.peers, peers(&[("bea", link(true, true, true))]));
    assert!(ada.send.microphone && !ada.send.camera);
    let bea = room.plan_of("bea");
    assert_eq!(bea.peers, peers(&[("ada", link(false, true, true))]));
    // Alone in a room, a speaker's grant carries no media: the instructor is elsewhere.
    assert_eq!(room.plan_of("cyd"), MediaPlan::default());
    // The instructor, in the main room with no learner, has no one.
    assert_eq!(room.plan_of(INSTRUCTOR), MediaPlan::default());
}

#[wasm_bindgen_test(unsupported = test)]
fn the_visiting_instructor_joins_the_room_both_ways() {
    let mut room = Room::live(&["ada", "bea", "cyd"]);
    room.breakouts = Some((vec![vec!["ada", "bea"], vec!["cyd"]], Some(1)));

    let instructor = room.plan_of(INSTRUCTOR);
    assert_eq!(
        instructor.peers,
        peers(&[
            ("ada", link(false, true, true)),
            ("bea", link(false, true, true))
        ])
    );
    let ada = room.plan_of("ada");
    assert_eq!(
        ada.peers,
        peers(&[
            ("bea", link(true, true, true)),
            (INSTRUCTOR, link(true, true, true))
        ])
    );
    assert_eq!(room.plan_of("cyd"), MediaPlan::default());
}

#[wasm_bindgen_test(unsupported = test)]
fn disconnected_participants_drop_out_of_the_plan() {
    let mut room = Room::live(&["ada", "bea"]);
    room.breakouts = Some((vec![vec!["ada", "bea"]], None));
    room.present = vec![(INSTRUCTOR, true), ("ada", true), ("bea", false)];
    assert_eq!(room.plan_of("ada"), MediaPlan::default());

    let mut main = Room::live(&["ada"]);
    main.present[0] = (INSTRUCTOR, false);
    main.speakers = vec!["ada"];
    assert_eq!(main.plan_of("ada"), MediaPlan::default());
}

#[wasm_bindgen_test(unsupported = test)]
fn there_is_no_media_unless_the_session_is_live() {
    for status in [SessionStatus::Scheduled, SessionStatus::Ended] {
        let mut room = Room::live(&["ada", "bea"]);
        room.speakers = vec!["ada"];
        room.status = status;
        for you in [INSTRUCTOR, "ada", "bea"] {
            assert_eq!(room.plan_of(you), MediaPlan::default(), "{you}, {status:?}");
        }
    }
}

#[wasm_bindgen_test(unsupported = test)]
fn both_sides_of_every_pair_agree_on_the_link_and_exactly_one_is_polite() {
    let mut rooms = vec![Room::live(&["ada", "bea", "cyd"])];
    let mut speaking = Room::live(&["ada", "bea"]);
    speaking.speakers = vec!["bea"];
    rooms.push(speaking);
    for visiting in [None, Some(1), Some(2)] {
        let mut split = Room::live(&["ada", "bea", "cyd", "dee", "eve"]);
        split.breakouts = Some((
            vec![vec!["eve", "ada", "cyd"], vec!["dee", "bea"]],
            visiting,
        ));
        rooms.push(split);
    }
    for room in &rooms {
        let plans: BTreeMap<&str, MediaPlan> = room
            .present
            .iter()
            .map(|(name, _)| (*name, room.plan_of(name)))
            .collect();
        for (you, plan) in &plans {
            for (other, ours) in &plan.peers {
                let theirs = plans[other.as_str()].peers.get(&user(you));
                let theirs = theirs.unwrap_or_else(|| panic!("{other} lacks {you}"));
                assert_ne!(ours.polite, theirs.polite, "{you} and {other}");
                assert_eq!(ours.sends, theirs.receives, "{you} to {other}");
                assert_eq!(ours.receives, theirs.sends, "{other} to {you}");
            }
        }
    }
}
