//! A room opened again from what the server kept (after a restart) goes on numbering its
//! chat, polls and questions from where they were, still knows which chat it holds, and
//! refuses a record with gaps.

#![allow(clippy::unwrap_used)]

use jiff::{SignedDuration, Timestamp};
use lectern_core::ids::UserId;
use lectern_core::live::{
    ClientMessageId, ConnectionId, KeptRoom, LiveRoom, LiveSessionId, PollId, PollKind,
    RestoreError, RoomCommand, RoomConfig, RoomInput,
};

fn at(minutes: i64) -> Timestamp {
    let start: Timestamp = "2026-03-02T10:00:00Z".parse().unwrap();
    start
        .checked_add(SignedDuration::from_mins(minutes))
        .unwrap()
}

fn user(name: &str) -> UserId {
    UserId::parse(name).unwrap()
}

fn config() -> RoomConfig {
    RoomConfig {
        session_id: LiveSessionId::parse("astro-101.week-3-live").unwrap(),
        instructor: user("prof"),
        learners: [user("ada"), user("bob")].into(),
        starts_at: at(0),
        ends_at: at(90),
        display_names: Default::default(),
    }
}

fn message_id(n: u8) -> ClientMessageId {
    ClientMessageId::parse(&format!("0f8fad5b-d9cb-469f-a165-7086772895{n:02x}")).unwrap()
}

fn join(room: &mut LiveRoom, name: &str, connection: u64, now: Timestamp) {
    let input = RoomInput::Joined {
        user_id: user(name),
        connection_id: ConnectionId(connection),
        since_sequence: None,
    };
    room.handle(input, now).unwrap();
}

fn command(room: &mut LiveRoom, connection: u64, command: RoomCommand, now: Timestamp) {
    let input = RoomInput::Command {
        connection_id: ConnectionId(connection),
        command,
    };
    room.handle(input, now).unwrap();
}

/// A room that took two chat messages, a closed poll and a question.
fn lived() -> LiveRoom {
    let mut room = LiveRoom::new(config());
    join(&mut room, "prof", 1, at(1));
    join(&mut room, "ada", 2, at(1));
    for n in 1..=2 {
        let chat = RoomCommand::SendChat {
            client_message_id: message_id(n),
            text: format!("message {n}"),
        };
        command(&mut room, 2, chat, at(2));
    }
    let poll = RoomCommand::CreatePoll {
        question: "Seen Mars?".into(),
        kind: PollKind::Single,
        options: vec!["yes".into(), "no".into()],
    };
    command(&mut room, 1, poll, at(3));
    command(
        &mut room,
        1,
        RoomCommand::ClosePoll { poll_id: PollId(1) },
        at(4),
    );
    let ask = RoomCommand::AskQuestion {
        text: "Why is Mars red?".into(),
    };
    command(&mut room, 2, ask, at(5));
    room
}

fn kept(room: &LiveRoom) -> KeptRoom {
    KeptRoom {
        chat: room.chat_messages().to_vec(),
        closed_polls: room.closed_polls().to_vec(),
        questions: room.questions().to_vec(),
    }
}

#[test]
fn a_restored_room_goes_on_from_where_it_was() {
    let before = lived();
    let mut room = LiveRoom::restored(config(), kept(&before)).unwrap();
    assert_eq!(room.chat_messages(), before.chat_messages());
    join(&mut room, "prof", 10, at(6));
    join(&mut room, "ada", 11, at(6));
    // A resend of a message kept before the restart is not stored again.
    let resent = RoomCommand::SendChat {
        client_message_id: message_id(2),
        text: "message 2".into(),
    };
    command(&mut room, 11, resent, at(7));
    let next = RoomCommand::SendChat {
        client_message_id: message_id(3),
        text: "message 3".into(),
    };
    command(&mut room, 11, next, at(7));
    let sequences: Vec<u64> = room.chat_messages().iter().map(|m| m.sequence).collect();
    assert_eq!(sequences, [1, 2, 3]);
    let poll = RoomCommand::CreatePoll {
        question: "Seen Venus?".into(),
        kind: PollKind::Single,
        options: vec!["yes".into(), "no".into()],
    };
    command(&mut room, 10, poll, at(8));
    assert_eq!(room.open_poll().map(|p| p.poll_id.0), Some(2));
    let ask = RoomCommand::AskQuestion {
        text: "And Venus?".into(),
    };
    command(&mut room, 11, ask, at(8));
    let ids: Vec<u32> = room.questions().iter().map(|q| q.question_id.0).collect();
    assert_eq!(ids, [1, 2]);
}

#[test]
fn a_record_with_gaps_is_refused() {
    let mut record = kept(&lived());
    record.chat.remove(0);
    assert!(matches!(
        LiveRoom::restored(config(), record),
        Err(RestoreError::ChatGap {
            position: 0,
            sequence: 2
        })
    ));
    let empty = LiveRoom::restored(config(), KeptRoom::default()).unwrap();
    assert!(empty.chat_messages().is_empty());
}
