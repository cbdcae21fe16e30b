use super::*;
use proptest::prelude::*;
use serde_json::json;

fn read(value: serde_json::Value) -> Result<CommandMessage, MessageProblem> {
    read_command(&value.to_string())
}

#[test]
fn every_command_reads_with_its_request_id() {
    let seek = read(
        json!({"lectern": 1, "type": "command", "id": "r1", "command": "seek", "seconds": 42.5}),
    );
    assert_eq!(
        seek,
        Ok(CommandMessage {
            request_id: Some("r1".into()),
            command: HostCommand::Seek { seconds: 42.5 },
        })
    );
    let goto = read(
        json!({"lectern": 1, "type": "command", "command": "goto", "lesson_id": "tour-of-the-sky"}),
    );
    assert_eq!(
        goto.map(|message| message.command),
        Ok(HostCommand::Goto {
            lesson_id: LessonId::parse("tour-of-the-sky").unwrap()
        })
    );
    for (name, command) in [
        ("play", HostCommand::Play),
        ("pause", HostCommand::Pause),
        ("getState", HostCommand::GetState),
    ] {
        let message = read(json!({"lectern": 1, "type": "command", "command": name}));
        assert_eq!(message.map(|m| m.command), Ok(command), "{name}");
    }
}

#[test]
fn malformed_foreign_and_oversized_messages_say_why() {
    let cases = [
        (json!("play"), MessageProblem::NotLectern),
        (
            json!({"type": "command", "command": "play"}),
            MessageProblem::NotLectern,
        ),
        (
            json!({"lectern": "1", "type": "command", "command": "play"}),
            MessageProblem::NotLectern,
        ),
        (
            json!({"lectern": 2, "type": "command", "command": "play"}),
            MessageProblem::UnsupportedVersion(2),
        ),
        (
            json!({"lectern": 1, "type": "event", "event": "ready"}),
            MessageProblem::NotACommand,
        ),
        (
            json!({"lectern": 1, "type": "command", "id": 7, "command": "play"}),
            MessageProblem::BadRequestId,
        ),
        (
            json!({"lectern": 1, "type": "command", "id": "x".repeat(65), "command": "play"}),
            MessageProblem::BadRequestId,
        ),
        (
            json!({"lectern": 1, "type": "command", "command": "seek", "seconds": -1}),
            MessageProblem::BadSeconds,
        ),
    ];
    for (message, expected) in cases {
        assert_eq!(read(message.clone()), Err(expected), "{message}");
    }
    let unknown = read(json!({"lectern": 1, "type": "command", "command": "format-disk"}));
    assert!(matches!(unknown, Err(MessageProblem::BadCommand(_))));
    let bad_lesson =
        read(json!({"lectern": 1, "type": "command", "command": "goto", "lesson_id": "../etc"}));
    assert!(matches!(bad_lesson, Err(MessageProblem::BadCommand(_))));
    let huge = json!({"lectern": 1, "type": "command", "command": "play", "pad": "x".repeat(MAX_MESSAGE_CHARS)});
    assert_eq!(read(huge), Err(MessageProblem::TooLarge));
}

#[test]
fn only_an_exact_allowed_origin_is_allowed() {
    let allowed = vec!["https://lms.example.edu".to_owned()];
    assert!(is_allowed_origin("https://lms.example.edu", &allowed));
    for other in [
        "https://lms.example.edu/",
        "http://lms.example.edu",
        "https://lms.example.edu:8443",
        "https://evil.lms.example.edu",
        "https://lms.example.edu.evil.example",
        "null",
        "*",
        "",
    ] {
        assert!(!is_allowed_origin(other, &allowed), "{other}");
    }
    assert!(!is_allowed_origin("null", &["null".to_owned()]));
}

#[test]
fn events_and_replies_carry_the_version_and_their_type() {
    let event = event_message(&PlayerEvent::Resize { height: 640 });
    assert_eq!(
        event,
        json!({"lectern": 1, "type": "event", "event": "resize", "height": 640})
    );
    let scored = event_message(&PlayerEvent::Scored {
        quiz_id: "astronomy-101.solar-system-check".into(),
        score: 7.5,
        max: 9.0,
        passed: Some(true),
    });
    assert_eq!(scored["event"], "scored");
    assert_eq!(scored["passed"], true);
    let reply = reply_message(Some("r2"), Ok(None));
    assert_eq!(
        reply,
        json!({"lectern": 1, "type": "reply", "id": "r2", "ok": true})
    );
    let failed = reply_message(
        None,
        Err(("no-media".into(), "this lesson has no media".into())),
    );
    assert_eq!(failed["ok"], false);
    assert_eq!(failed["error"]["code"], "no-media");
}

#[test]
fn the_watched_share_is_a_fraction_of_the_duration() {
    assert_eq!(
        watched_share(&[(0, 30_000), (60_000, 90_000)], Some(120_000)),
        0.5
    );
    assert_eq!(watched_share(&[(0, 30_000)], None), 0.0);
    assert_eq!(watched_share(&[(0, 30_000)], Some(0)), 0.0);
    assert_eq!(watched_share(&[(0, 500_000)], Some(120_000)), 1.0);
    assert_eq!(watched_share(&[(9, 3)], Some(10)), 0.0);
}

proptest! {
    /// Whatever arrives, reading it never panics, and what is accepted is a command of this
    /// version that fits the limits.
    #[test]
    fn reading_any_text_never_panics(text in ".{0,300}") {
        if let Ok(message) = read_command(&text) {
            prop_assert!(message.request_id.is_none_or(|id| id.chars().count() <= MAX_REQUEST_ID_CHARS));
        }
    }

    #[test]
    fn reading_any_json_message_never_panics(
        version in prop_oneof![Just(json!(1)), Just(json!(2)), Just(json!("1")), Just(json!(null))],
        kind in prop_oneof![Just(json!("command")), Just(json!("event")), Just(json!(3))],
        command in prop_oneof![
            Just(json!("play")), Just(json!("seek")), Just(json!("goto")), Just(json!("getState")),
            ".{0,12}".prop_map(|s| json!(s)),
        ],
        seconds in prop_oneof![Just(json!(null)), any::<f64>().prop_map(|f| json!(f)), Just(json!("10"))],
        lesson_id in ".{0,20}",
    ) {
        let message = json!({
            "lectern": version, "type": kind, "command": command,
            "seconds": seconds, "lesson_id": lesson_id,
        });
        if let Ok(CommandMessage { command: HostCommand::Seek { seconds }, .. }) = read(message) {
            prop_assert!(seconds.is_finite() && seconds >= 0.0);
        }
    }
}
