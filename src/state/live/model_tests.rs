use super::*;
use lectern_api::v1::live::{
    BreakoutRoomId, ClientMessageId, PollId, PollKind, PollTally, RoomLocation,
};
use lectern_core::live::{BreakoutRoom, LiveSessionId};
use wasm_bindgen_test::wasm_bindgen_test;

fn user(name: &str) -> UserId {
    UserId::parse(name).unwrap()
}

fn at(second: i64) -> jiff::Timestamp {
    jiff::Timestamp::from_second(1_900_000_000 + second).unwrap()
}

fn snapshot(you: &str, role: LiveRole) -> RoomSnapshot {
    RoomSnapshot {
        session_id: LiveSessionId::parse("astronomy-101.live-q-and-a").unwrap(),
        status: SessionStatus::Live,
        starts_at: at(0),
        ends_at: at(3_600),
        you: user(you),
        your_role: role,
        your_location: RoomLocation::Main,
        participants: vec![],
        hand_queue: vec![],
        speakers: vec![],
        open_poll: None,
        your_vote: None,
        closed_polls: vec![],
        questions: vec![],
        your_upvotes: vec![],
        breakouts: None,
        last_chat_sequence: 0,
    }
}

fn chat(sequence: u64, text: &str) -> ChatMessage {
    ChatMessage {
        sequence,
        sender: user("learner2"),
        client_message_id: ClientMessageId::parse(&format!(
            "0f8fad5b-d9cb-469f-a165-7086772895{sequence:02x}"
        ))
        .unwrap(),
        text: text.into(),
        sent_at: at(sequence as i64),
        breakout_room_id: None,
    }
}

#[wasm_bindgen_test(unsupported = test)]
fn chat_sent_again_after_a_reconnect_shows_once_in_order() {
    let mut model = LiveRoomModel::from_snapshot(snapshot("learner1", LiveRole::Learner), None);
    model.apply(ServerMessage::ChatHistory {
        messages: vec![chat(1, "hello"), chat(2, "clear skies")],
    });
    model.apply(ServerMessage::Chat(chat(3, "Orion!")));
    assert_eq!(model.last_chat_sequence(), Some(3));
    // The socket dropped; the new one's snapshot and history overlap what is held.
    model.apply(ServerMessage::Snapshot(Box::new(snapshot(
        "learner1",
        LiveRole::Learner,
    ))));
    model.apply(ServerMessage::ChatHistory {
        messages: vec![chat(3, "Orion!"), chat(4, "Betelgeuse")],
    });
    let texts: Vec<&str> = model.chat().map(|m| m.text.as_str()).collect();
    assert_eq!(texts, ["hello", "clear skies", "Orion!", "Betelgeuse"]);
}

#[wasm_bindgen_test(unsupported = test)]
fn a_poll_shows_its_tally_then_its_results_and_the_vote_is_remembered() {
    let mut model = LiveRoomModel::from_snapshot(snapshot("learner1", LiveRole::Learner), None);
    let poll = PollView {
        poll_id: PollId(1),
        question: "Seen Mars?".into(),
        kind: PollKind::Single,
        options: vec!["yes".into(), "no".into()],
        opened_at: at(10),
        tally: None,
    };
    model.apply(ServerMessage::PollOpened(poll));
    model.apply(ServerMessage::VoteRecorded {
        poll_id: PollId(1),
        option_indexes: vec![0],
    });
    assert_eq!(model.your_vote, Some(vec![0]));
    // A tally for another poll changes nothing.
    model.apply(ServerMessage::PollTally {
        poll_id: PollId(9),
        tally: PollTally {
            counts: vec![5, 5],
            voters: 10,
        },
    });
    assert!(model.open_poll.as_ref().unwrap().tally.is_none());
    model.apply(ServerMessage::PollClosed(PollResults {
        poll_id: PollId(1),
        question: "Seen Mars?".into(),
        kind: PollKind::Single,
        options: vec!["yes".into(), "no".into()],
        opened_at: at(10),
        closed_at: at(70),
        tally: PollTally {
            counts: vec![2, 1],
            voters: 3,
        },
    }));
    assert!(model.open_poll.is_none());
    assert_eq!(model.closed_polls.len(), 1);
    assert_eq!(model.closed_polls[0].tally.counts, [2, 1]);
}

#[wasm_bindgen_test(unsupported = test)]
fn breakouts_move_members_and_the_visiting_instructor_and_the_end_brings_everyone_back() {
    let view = BreakoutsView {
        opened_at: at(100),
        ends_at: at(700),
        rooms: vec![
            BreakoutRoom {
                breakout_room_id: BreakoutRoomId(1),
                members: vec![user("learner1")],
            },
            BreakoutRoom {
                breakout_room_id: BreakoutRoomId(2),
                members: vec![user("learner2")],
            },
        ],
        visiting: Some(BreakoutRoomId(2)),
    };
    let mut learner = LiveRoomModel::from_snapshot(snapshot("learner1", LiveRole::Learner), None);
    let mut instructor =
        LiveRoomModel::from_snapshot(snapshot("instructor1", LiveRole::Instructor), None);
    learner.apply(ServerMessage::BreakoutsOpened(view.clone()));
    instructor.apply(ServerMessage::BreakoutsOpened(view));
    let in_room = |id| RoomLocation::Breakout {
        breakout_room_id: BreakoutRoomId(id),
    };
    assert_eq!(learner.your_location, in_room(1));
    assert_eq!(instructor.your_location, in_room(2));
    learner.apply(ServerMessage::BreakoutsEnded);
    assert_eq!(learner.your_location, RoomLocation::Main);
    assert!(learner.breakouts.is_none());
}

#[wasm_bindgen_test(unsupported = test)]
fn hands_speakers_refusals_and_the_end_of_the_session() {
    let mut model = LiveRoomModel::from_snapshot(snapshot("learner1", LiveRole::Learner), None);
    model.apply(ServerMessage::HandQueueChanged {
        hand_queue: vec![RaisedHand {
            user_id: user("learner1"),
            raised_at: at(5),
        }],
    });
    assert!(model.hand_is_raised() && !model.may_speak());
    model.apply(ServerMessage::HandQueueChanged { hand_queue: vec![] });
    model.apply(ServerMessage::SpeakersChanged {
        speakers: vec![user("learner1")],
    });
    assert!(!model.hand_is_raised() && model.may_speak());
    let refused = model.apply(ServerMessage::Error {
        code: "instructor_only".into(),
        message: "only the instructor opens polls".into(),
    });
    assert!(matches!(refused, Follow::Refused { ref code, .. } if code == "instructor_only"));
    assert_eq!(
        model.apply(ServerMessage::ConnectionReplaced),
        Follow::StopReconnecting
    );
    model.apply(ServerMessage::SessionEnded { at: at(3_600) });
    assert_eq!(model.status, SessionStatus::Ended);
    assert!(!model.may_speak());
}
