//! JSON snapshots of the live room's wire format. A change to any of these is a change to
//! the contract: it must stay backwards compatible or move to v2.
// Test code: `allow-unwrap-in-tests` does not reach helper functions outside `#[test]`.
#![allow(clippy::unwrap_used)]

use jiff::{SignedDuration, Timestamp};
use lectern_api::v1::live::*;
use lectern_core::live::{
    ConnectionId, LiveRoom, LiveSessionId, RoomCommand, RoomConfig, RoomEvent, RoomInput,
};
use lectern_core::UserId;
use serde_json::Value;

fn at(minutes: i64) -> Timestamp {
    let start: Timestamp = "2026-03-02T10:00:00Z".parse().unwrap();
    start
        .checked_add(SignedDuration::from_mins(minutes))
        .unwrap()
}

fn user(name: &str) -> UserId {
    UserId::parse(name).unwrap()
}

/// The frame as JSON, to snapshot (keys sorted).
fn frame(message: &ServerMessage) -> Value {
    serde_json::from_str(&encode_server_message(message).unwrap()).unwrap()
}

/// A class in progress: a poll open with one vote, a question upvoted, a hand up, a speaker,
/// and two chat messages. Returns the room and the connection of each of prof, ada, bob.
fn class_in_progress() -> LiveRoom {
    let config = RoomConfig {
        session_id: LiveSessionId::parse("astro-101.week-3-live").unwrap(),
        instructor: user("prof"),
        learners: ["ada", "bob"].into_iter().map(user).collect(),
        starts_at: at(0),
        ends_at: at(60),
        display_names: Default::default(),
    };
    let mut room = LiveRoom::new(config);
    for (n, name) in ["prof", "ada", "bob"].into_iter().enumerate() {
        let joined = RoomInput::Joined {
            user_id: user(name),
            connection_id: ConnectionId(u64::try_from(n).unwrap() + 1),
            since_sequence: None,
        };
        room.handle(joined, at(1)).unwrap();
    }
    let inputs = [
        (
            1,
            ClientMessage::PollCreate {
                question: "Which planet has the most moons?".into(),
                kind: PollKind::Single,
                options: vec!["Jupiter".into(), "Saturn".into()],
            },
        ),
        (
            2,
            ClientMessage::PollVote {
                poll_id: PollId(1),
                option_indexes: vec![1],
            },
        ),
        (
            2,
            ClientMessage::QuestionAsk {
                text: "Why is Mars red?".into(),
            },
        ),
        (
            3,
            ClientMessage::QuestionUpvote {
                question_id: QuestionId(1),
            },
        ),
        (3, ClientMessage::RaiseHand),
        (
            1,
            ClientMessage::AdmitSpeaker {
                user_id: user("ada"),
            },
        ),
        (
            1,
            ClientMessage::Chat {
                client_message_id: ClientMessageId::parse("6f1c9a4e-2b7d-4c1a-9e3f-0a1b2c3d4e5f")
                    .unwrap(),
                text: "Welcome".into(),
            },
        ),
    ];
    for (minute, (connection, message)) in inputs.into_iter().enumerate() {
        let now = at(2 + i64::try_from(minute).unwrap());
        room.handle(message.into_input(ConnectionId(connection)), now)
            .unwrap();
    }
    while room.poll().is_some() {}
    room
}

#[test]
fn snapshot_for_the_instructor_has_the_live_tally() {
    let room = class_in_progress();
    let snapshot = room.snapshot_for(&user("prof")).unwrap();
    insta::assert_json_snapshot!(frame(&ServerMessage::Snapshot(Box::new(snapshot))));
}

#[test]
fn snapshot_for_a_learner_has_no_tally_but_their_vote() {
    let room = class_in_progress();
    let snapshot = room.snapshot_for(&user("ada")).unwrap();
    let message = ServerMessage::Snapshot(Box::new(snapshot));
    insta::assert_json_snapshot!(frame(&message));
    let encoded = encode_server_message(&message).unwrap();
    assert_eq!(parse_server_message(&encoded), Ok(message));
}

#[test]
fn client_messages() {
    let messages = [
        ClientMessage::Chat {
            client_message_id: ClientMessageId::parse("6f1c9a4e-2b7d-4c1a-9e3f-0a1b2c3d4e5f")
                .unwrap(),
            text: "Hello".into(),
        },
        ClientMessage::RaiseHand,
        ClientMessage::PollCreate {
            question: "Which?".into(),
            kind: PollKind::Multiple,
            options: vec!["a".into(), "b".into()],
        },
        ClientMessage::PollVote {
            poll_id: PollId(1),
            option_indexes: vec![0, 1],
        },
        ClientMessage::BreakoutOpen {
            plan: BreakoutPlan::Random { rooms: 2, seed: 42 },
            duration_seconds: 600,
        },
        ClientMessage::BreakoutOpen {
            plan: BreakoutPlan::Manual {
                rooms: vec![vec![user("ada")], vec![user("bob")]],
            },
            duration_seconds: 600,
        },
        ClientMessage::BreakoutVisit {
            breakout_room_id: Some(BreakoutRoomId(1)),
        },
        ClientMessage::Offer {
            to: user("ada"),
            sdp: "v=0\r\n".into(),
        },
        ClientMessage::Ice {
            to: user("prof"),
            candidate: "candidate:1 1 udp 1 192.0.2.1 54400 typ host".into(),
        },
    ];
    let frames: Vec<Value> = messages
        .iter()
        .map(|message| serde_json::from_str(&encode_client_message(message).unwrap()).unwrap())
        .collect();
    insta::assert_json_snapshot!(frames);
}

#[test]
fn server_events() {
    let mut room = class_in_progress();
    let close = ClientMessage::PollClose { poll_id: PollId(1) };
    room.handle(close.into_input(ConnectionId(1)), at(20))
        .unwrap();
    let open = RoomCommand::OpenBreakouts {
        plan: BreakoutPlan::Manual {
            rooms: vec![vec![user("ada")], vec![user("bob")]],
        },
        duration: SignedDuration::from_mins(10),
    };
    let input = RoomInput::Command {
        connection_id: ConnectionId(1),
        command: open,
    };
    room.handle(input, at(21)).unwrap();
    room.tick(at(31));
    let mut frames: Vec<Value> = std::iter::from_fn(|| room.poll())
        .map(|out| frame(&ServerMessage::from(out.event)))
        .collect();
    let history = room.chat_history_for(&user("ada"), None);
    frames.push(frame(&ServerMessage::from(RoomEvent::ChatHistory(history))));
    frames.push(frame(&ServerMessage::from(RoomEvent::SessionEnded {
        at: at(60),
    })));
    insta::assert_json_snapshot!(frames);
}
