//! The live room's wire format: every client message reads back as written and becomes the
//! right room input, frames of another version or too large or malformed are refused with a
//! clear error, and the parser survives arbitrary strings, arbitrary JSON and mangled valid
//! frames without panicking (a seeded fuzzer: `proptest` is not a dependency of this crate).

// Test code: `allow-unwrap-in-tests` does not reach helper functions outside `#[test]`.
#![allow(clippy::unwrap_used)]

use lectern_api::v1::live::*;
use lectern_core::live::{ConnectionId, LiveRefusal, RoomCommand, RoomEvent, RoomInput, Signal};
use lectern_core::quiz::SplitMix64;
use lectern_core::UserId;
use serde_json::{json, Value};

fn user(name: &str) -> UserId {
    UserId::parse(name).unwrap()
}

/// One of each client message.
fn every_client_message() -> Vec<ClientMessage> {
    let ada = user("ada");
    vec![
        ClientMessage::Chat {
            client_message_id: ClientMessageId::parse("6f1c9a4e-2b7d-4c1a-9e3f-0a1b2c3d4e5f")
                .unwrap(),
            text: "Hello, class".into(),
        },
        ClientMessage::RaiseHand,
        ClientMessage::LowerHand,
        ClientMessage::AdmitSpeaker {
            user_id: ada.clone(),
        },
        ClientMessage::RevokeSpeaker {
            user_id: ada.clone(),
        },
        ClientMessage::PollCreate {
            question: "Which planet?".into(),
            kind: PollKind::Multiple,
            options: vec!["Mars".into(), "Venus".into()],
        },
        ClientMessage::PollVote {
            poll_id: PollId(1),
            option_indexes: vec![0, 1],
        },
        ClientMessage::PollClose { poll_id: PollId(1) },
        ClientMessage::QuestionAsk {
            text: "Why is Mars red?".into(),
        },
        ClientMessage::QuestionUpvote {
            question_id: QuestionId(2),
        },
        ClientMessage::QuestionMarkAnswered {
            question_id: QuestionId(2),
        },
        ClientMessage::BreakoutOpen {
            plan: BreakoutPlan::Random { rooms: 3, seed: 42 },
            duration_seconds: 600,
        },
        ClientMessage::BreakoutOpen {
            plan: BreakoutPlan::Manual {
                rooms: vec![vec![ada.clone()], vec![user("bob")]],
            },
            duration_seconds: 300,
        },
        ClientMessage::BreakoutClose,
        ClientMessage::BreakoutBroadcast {
            text: "Two minutes".into(),
        },
        ClientMessage::BreakoutVisit {
            breakout_room_id: Some(BreakoutRoomId(2)),
        },
        ClientMessage::BreakoutVisit {
            breakout_room_id: None,
        },
        ClientMessage::SessionStart,
        ClientMessage::SessionEnd,
        ClientMessage::Offer {
            to: ada.clone(),
            sdp: "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n".into(),
        },
        ClientMessage::Answer {
            to: ada.clone(),
            sdp: "v=0\r\n".into(),
        },
        ClientMessage::Ice {
            to: ada,
            candidate: "candidate:1 1 udp 2122260223 192.0.2.1 54400 typ host".into(),
        },
        ClientMessage::Leave,
    ]
}

#[test]
fn every_client_message_reads_back_as_written() {
    for message in every_client_message() {
        let frame = encode_client_message(&message).unwrap();
        assert!(frame.starts_with(r#"{"v":1,"type":""#), "{frame}");
        assert_eq!(parse_client_message(&frame), Ok(message));
    }
}

#[test]
fn client_messages_become_room_inputs() {
    let connection_id = ConnectionId(7);
    let leave = ClientMessage::Leave.into_input(connection_id);
    assert_eq!(leave, RoomInput::Left { connection_id });
    let open = ClientMessage::BreakoutOpen {
        plan: BreakoutPlan::Random { rooms: 2, seed: 1 },
        duration_seconds: 90,
    };
    assert_eq!(
        open.into_input(connection_id),
        RoomInput::Command {
            connection_id,
            command: RoomCommand::OpenBreakouts {
                plan: BreakoutPlan::Random { rooms: 2, seed: 1 },
                duration: jiff::SignedDuration::from_secs(90),
            },
        }
    );
    let ice = ClientMessage::Ice {
        to: user("prof"),
        candidate: "c".into(),
    };
    assert_eq!(
        ice.into_input(connection_id),
        RoomInput::Command {
            connection_id,
            command: RoomCommand::RelaySignal {
                to: user("prof"),
                signal: Signal::Ice {
                    candidate: "c".into()
                },
            },
        }
    );
    // Every other message is a command of that connection.
    for message in every_client_message() {
        let is_leave = message == ClientMessage::Leave;
        let input = message.into_input(connection_id);
        assert_eq!(is_leave, matches!(input, RoomInput::Left { .. }));
    }
}

#[test]
fn unknown_fields_are_ignored_and_the_type_is_required() {
    let frame = r#"{"v":1,"type":"raise_hand","hand":"left","x":[1,2]}"#;
    assert_eq!(parse_client_message(frame), Ok(ClientMessage::RaiseHand));
    let untyped = parse_client_message(r#"{"v":1}"#);
    assert!(matches!(untyped, Err(WireError::Invalid(_))), "{untyped:?}");
    let unknown = parse_client_message(r#"{"v":1,"type":"teleport"}"#);
    assert!(matches!(unknown, Err(WireError::Invalid(_))), "{unknown:?}");
    let missing = parse_client_message(r#"{"v":1,"type":"chat","text":"hi"}"#);
    assert!(matches!(missing, Err(WireError::Invalid(_))), "{missing:?}");
    let bad_id = parse_client_message(
        r#"{"v":1,"type":"chat","text":"hi","client_message_id":"not-a-uuid"}"#,
    );
    assert!(matches!(bad_id, Err(WireError::Invalid(_))), "{bad_id:?}");
    let bad_user = parse_client_message(r#"{"v":1,"type":"admit_speaker","user_id":"../x"}"#);
    assert!(
        matches!(bad_user, Err(WireError::Invalid(_))),
        "{bad_user:?}"
    );
}

#[test]
fn other_versions_and_versionless_frames_are_refused() {
    assert_eq!(
        parse_client_message(r#"{"type":"raise_hand"}"#),
        Err(WireError::MissingVersion)
    );
    assert_eq!(
        parse_client_message(r#"{"v":2,"type":"raise_hand"}"#),
        Err(WireError::UnsupportedVersion("2".into()))
    );
    assert_eq!(
        parse_client_message(r#"{"v":"1","type":"raise_hand"}"#),
        Err(WireError::UnsupportedVersion("\"1\"".into()))
    );
    assert_eq!(
        parse_client_message(r#"{"v":1.5,"type":"raise_hand"}"#),
        Err(WireError::UnsupportedVersion("1.5".into()))
    );
    let error = parse_client_message(r#"{"v":2,"type":"raise_hand"}"#).unwrap_err();
    assert_eq!(error.code(), "unsupported_version");
    assert_eq!(
        error.to_string(),
        "version 2 is not spoken here (this is version 1)"
    );
}

#[test]
fn oversized_and_malformed_frames_are_refused_clearly() {
    let text = "x".repeat(MAX_MESSAGE_BYTES);
    let frame = format!(r#"{{"v":1,"type":"question_ask","text":"{text}"}}"#);
    assert_eq!(
        parse_client_message(&frame),
        Err(WireError::TooLarge {
            bytes: frame.len(),
            limit: MAX_MESSAGE_BYTES
        })
    );
    assert!(matches!(
        parse_client_message(""),
        Err(WireError::NotJson(_))
    ));
    assert!(matches!(
        parse_client_message("{\"v\":1,"),
        Err(WireError::NotJson(_))
    ));
    assert_eq!(parse_client_message("[1,2]"), Err(WireError::NotAnObject));
    assert_eq!(parse_client_message("\"v\""), Err(WireError::NotAnObject));
    // Deep nesting hits serde_json's recursion limit, not the stack.
    let deep = format!("{}{}", "[".repeat(5_000), "]".repeat(5_000));
    assert!(matches!(
        parse_client_message(&deep),
        Err(WireError::NotJson(_))
    ));
    // Errors quoting the input back stay short.
    let long_type = format!(r#"{{"v":1,"type":"{}"}}"#, "y".repeat(5_000));
    let WireError::Invalid(detail) = parse_client_message(&long_type).unwrap_err() else {
        panic!("an unknown type is an invalid message");
    };
    assert!(detail.chars().count() <= 201, "{detail}");
}

#[test]
fn refusals_and_wire_errors_become_error_messages() {
    let refusal = LiveRefusal::NotAMediaPeer(user("cy"));
    assert_eq!(
        ServerMessage::from(&refusal),
        ServerMessage::Error {
            code: "not_a_media_peer".into(),
            message: "you have no media connection with cy".into(),
        }
    );
    let error = ServerMessage::from(&WireError::MissingVersion);
    let frame = encode_server_message(&error).unwrap();
    assert_eq!(
        frame,
        r#"{"v":1,"type":"error","code":"missing_version","message":"the message has no version (\"v\")"}"#
    );
    assert_eq!(parse_server_message(&frame), Ok(error));
    let relayed = ServerMessage::from(RoomEvent::SignalRelayed {
        from: user("prof"),
        signal: Signal::Answer { sdp: "v=0".into() },
    });
    assert_eq!(
        relayed,
        ServerMessage::Answer {
            from: user("prof"),
            sdp: "v=0".into()
        }
    );
}

// ---- the fuzzer ----

/// Bits of JSON and of real frames, so random text often comes close to a message.
const FRAGMENTS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ":",
    ",",
    "\"",
    "\\",
    "\\u0000",
    "\\ud800",
    "v",
    "\"v\"",
    "1",
    "2",
    "-1",
    "1e999",
    "0.5",
    "null",
    "true",
    "false",
    "\"type\"",
    "\"chat\"",
    "\"raise_hand\"",
    "\"poll_vote\"",
    "\"breakout_open\"",
    "\"offer\"",
    "\"text\"",
    "\"option_indexes\"",
    "\"plan\"",
    "\"kind\"",
    "\"random\"",
    "\"manual\"",
    "\"rooms\"",
    "\"seed\"",
    "18446744073709551616",
    "é",
    "😀",
    "\u{0}",
    " ",
    "\n",
];

const KEYS: &[&str] = &[
    "v",
    "type",
    "text",
    "client_message_id",
    "user_id",
    "question",
    "kind",
    "options",
    "poll_id",
    "option_indexes",
    "question_id",
    "plan",
    "rooms",
    "seed",
    "duration_seconds",
    "breakout_room_id",
    "to",
    "sdp",
    "candidate",
    "extra",
];

const TYPES: &[&str] = &[
    "chat",
    "raise_hand",
    "lower_hand",
    "admit_speaker",
    "revoke_speaker",
    "poll_create",
    "poll_vote",
    "poll_close",
    "question_ask",
    "question_upvote",
    "question_mark_answered",
    "breakout_open",
    "breakout_close",
    "breakout_broadcast",
    "breakout_visit",
    "session_start",
    "session_end",
    "offer",
    "answer",
    "ice",
    "leave",
    "snapshot",
    "nope",
];

fn pick<'a>(rng: &mut SplitMix64, items: &[&'a str]) -> &'a str {
    let index = usize::try_from(rng.below(items.len() as u64)).unwrap();
    items[index]
}

fn random_text(rng: &mut SplitMix64) -> String {
    let pieces = rng.below(40);
    (0..pieces)
        .map(|_| {
            if rng.below(4) == 0 {
                char::from_u32(u32::try_from(rng.below(0x11_0000)).unwrap())
                    .unwrap_or('?')
                    .to_string()
            } else {
                pick(rng, FRAGMENTS).to_owned()
            }
        })
        .collect()
}

fn random_json(rng: &mut SplitMix64, depth: u32) -> Value {
    match rng.below(if depth == 0 { 5 } else { 7 }) {
        0 => Value::Null,
        1 => Value::Bool(rng.below(2) == 0),
        2 => match rng.below(3) {
            0 => json!(rng.below(12)),
            1 => json!(rng.next_u64()),
            _ => json!(-(i64::try_from(rng.below(1_000)).unwrap()) as f64 / 7.0),
        },
        3 => Value::String(pick(rng, TYPES).to_owned()),
        4 => Value::String(random_text(rng)),
        5 => Value::Array(
            (0..rng.below(5))
                .map(|_| random_json(rng, depth - 1))
                .collect(),
        ),
        _ => {
            let mut fields = serde_json::Map::new();
            for _ in 0..rng.below(6) {
                let key = pick(rng, KEYS).to_owned();
                fields.insert(key, random_json(rng, depth - 1));
            }
            if rng.below(2) == 0 {
                fields.insert("v".into(), json!(1));
                fields.insert("type".into(), json!(pick(rng, TYPES)));
            }
            Value::Object(fields)
        }
    }
}

/// A valid frame with a few characters deleted, repeated or replaced.
fn mangled_frame(rng: &mut SplitMix64, frames: &[String]) -> String {
    let index = usize::try_from(rng.below(frames.len() as u64)).unwrap();
    let mut chars: Vec<char> = frames[index].chars().collect();
    for _ in 0..=rng.below(4) {
        if chars.is_empty() {
            break;
        }
        let at = usize::try_from(rng.below(chars.len() as u64)).unwrap();
        match rng.below(3) {
            0 => {
                chars.remove(at);
            }
            1 => chars.insert(at, chars[at]),
            _ => chars[at] = pick(rng, FRAGMENTS).chars().next().unwrap_or('x'),
        }
    }
    chars.into_iter().collect()
}

/// Whatever the parser makes of `raw`, it makes it without panicking, and what it accepts
/// writes back to a frame that reads as the same message.
fn check(raw: &str) {
    match parse_client_message(raw) {
        Ok(message) => {
            let again = encode_client_message(&message).unwrap();
            assert_eq!(parse_client_message(&again), Ok(message), "{raw}");
        }
        Err(WireError::TooLarge { bytes, .. }) => assert!(bytes > MAX_MESSAGE_BYTES),
        Err(error) => assert!(!error.to_string().is_empty()),
    }
    let _ = parse_server_message(raw);
}

#[test]
fn the_parser_survives_arbitrary_strings() {
    let mut rng = SplitMix64::new(0x11FE);
    for _ in 0..8_000 {
        check(&random_text(&mut rng));
    }
}

#[test]
fn the_parser_survives_arbitrary_json() {
    let mut rng = SplitMix64::new(0x7A5E);
    let mut accepted = 0;
    for _ in 0..8_000 {
        let value = random_json(&mut rng, 4);
        let raw = value.to_string();
        check(&raw);
        accepted += usize::from(parse_client_message(&raw).is_ok());
    }
    // Some random objects are real messages (`raise_hand`, `leave`, …), so both paths run.
    assert!(accepted > 0);
}

#[test]
fn the_parser_survives_mangled_valid_frames() {
    let frames: Vec<String> = every_client_message()
        .iter()
        .map(|message| encode_client_message(message).unwrap())
        .collect();
    let mut rng = SplitMix64::new(0xBAD_F00D);
    for _ in 0..8_000 {
        check(&mangled_frame(&mut rng, &frames));
    }
}
