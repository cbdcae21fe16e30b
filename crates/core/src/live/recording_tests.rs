//! The chat track: which messages become cues, when they show, and that any chat text
//! yields a file that reads back with the same cues and text.

use super::*;
use crate::live::{BreakoutRoomId, ClientMessageId};
use crate::vtt::parse_vtt;
use proptest::prelude::*;

fn at(text: &str) -> Timestamp {
    text.parse().unwrap()
}

const STARTED: &str = "2027-01-20T18:00:00Z";

fn user(name: &str) -> UserId {
    UserId::parse(name).unwrap()
}

/// A main-room message `sequence` from `sender`, `ms_in` milliseconds after the recording
/// started (chat is timed to the millisecond).
fn message(sequence: u64, sender: &str, ms_in: i64, text: &str) -> ChatMessage {
    let offset = SignedDuration::from_millis(ms_in);
    ChatMessage {
        sequence,
        sender: user(sender),
        client_message_id: ClientMessageId::parse(&format!(
            "0c000000-0000-4000-8000-{sequence:012x}"
        ))
        .unwrap(),
        text: text.to_owned(),
        sent_at: at(STARTED).checked_add(offset).unwrap(),
        breakout_room_id: None,
    }
}

fn names() -> BTreeMap<UserId, String> {
    [("ada", "Ada Lovelace"), ("prof", "Prof. <Vega> & co")]
        .into_iter()
        .map(|(id, name)| (user(id), name.to_owned()))
        .collect()
}

fn track(messages: &[ChatMessage], minutes: i64) -> String {
    chat_track_vtt(
        messages,
        &names(),
        at(STARTED),
        SignedDuration::from_mins(minutes),
    )
}

/// Each cue as (start ms, end ms, plain text).
fn cues(vtt: &str) -> Vec<(u64, u64, String)> {
    let document = parse_vtt(vtt).unwrap();
    assert!(document.warnings.is_empty(), "{:?}", document.warnings);
    document
        .cues
        .iter()
        .map(|cue| (cue.start_ms, cue.end_ms, cue.plain_text()))
        .collect()
}

#[test]
fn each_main_room_message_of_the_recording_is_a_cue_until_the_next() {
    let mut in_breakout = message(3, "ada", 5_000, "in a breakout room");
    in_breakout.breakout_room_id = Some(BreakoutRoomId(1));
    let messages = [
        message(1, "prof", -1_000, "before the recording"),
        message(2, "ada", 2_500, "hello"),
        in_breakout,
        message(4, "prof", 4_000, "welcome"),
        message(5, "bob", 30_000, "no name for bob"),
        message(6, "ada", 59_500, "almost the end"),
        message(7, "ada", 60_000, "after the recording"),
    ];
    let vtt = track(&messages, 1);
    assert!(vtt.starts_with("WEBVTT\n\nchat-2\n00:00:02.500 --> 00:00:04.000\n"));
    assert_eq!(
        cues(&vtt),
        [
            (2_500, 4_000, "Ada Lovelace: hello".to_owned()),
            (4_000, 10_000, "Prof. <Vega> & co: welcome".to_owned()),
            (30_000, 36_000, "bob: no name for bob".to_owned()),
            (59_500, 60_000, "Ada Lovelace: almost the end".to_owned()),
        ]
    );
}

#[test]
fn a_cue_shows_for_a_second_at_least_and_times_run_past_an_hour() {
    let messages = [
        message(1, "ada", 3_600_000, "one"),
        message(2, "ada", 3_600_200, "two"),
    ];
    let vtt = track(&messages, 90);
    assert!(vtt.contains("\n01:00:00.000 --> 01:00:01.000\n"), "{vtt}");
    assert_eq!(
        cues(&vtt),
        [
            (3_600_000, 3_601_000, "Ada Lovelace: one".to_owned()),
            (3_600_200, 3_606_200, "Ada Lovelace: two".to_owned()),
        ]
    );
}

#[test]
fn markup_arrows_and_blank_lines_in_chat_stay_text() {
    let text = "<b>bold</b> &amp; a --> b\n\n   \r\nsecond line\r third\n";
    let vtt = track(&[message(1, "ada", 1_000, text)], 1);
    assert!(!vtt.contains("<b>"), "{vtt}");
    assert_eq!(vtt.matches("-->").count(), 1, "{vtt}");
    assert_eq!(
        cues(&vtt),
        [(
            1_000,
            7_000,
            "Ada Lovelace: <b>bold</b> &amp; a --> b\nsecond line\n third".to_owned()
        )]
    );
}

#[test]
fn no_messages_is_an_empty_track() {
    assert_eq!(track(&[], 1), "WEBVTT\n");
    assert!(cues(&track(&[], 1)).is_empty());
}

/// Chat text with what could break a WebVTT file most often.
fn chat_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        prop::sample::select(vec![
            "-->",
            "--",
            ">",
            "<",
            "&",
            "&amp;",
            "&lt;",
            "\n",
            "\r",
            "\r\n",
            "\n\n",
            " ",
            "\t",
            "WEBVTT",
            "NOTE",
            "STYLE",
            "00:00:01.000",
            "<v Bob>",
            "<c.x>",
            "\0",
            "\u{FEFF}",
        ])
        .prop_map(String::from),
        "\\PC{0,6}",
    ];
    prop::collection::vec(piece, 0..12).prop_map(|pieces| pieces.concat())
}

/// What a cue of `text` by `name` must read back as.
fn expected_text(name: &str, text: &str) -> String {
    let lines: Vec<String> = text
        .split(['\r', '\n'])
        .filter(|line| !line.trim().is_empty())
        .map(|line| line.replace('\0', "\u{FFFD}"))
        .collect();
    format!("{name}: {}", lines.join("\n"))
}

proptest! {
    #[test]
    fn any_chat_reads_back_as_its_cues(
        chat in prop::collection::vec((chat_text(), 0u32..120_000), 0..8),
    ) {
        let mut offsets: Vec<u32> = chat.iter().map(|(_, offset)| *offset).collect();
        offsets.sort_unstable();
        let messages: Vec<ChatMessage> = chat
            .iter()
            .zip(&offsets)
            .enumerate()
            .map(|(index, ((text, _), offset_ms))| {
                let sequence = u64::try_from(index).unwrap() + 1;
                message(sequence, "ada", i64::from(*offset_ms), text)
            })
            .collect();
        let vtt = track(&messages, 2);
        let document = parse_vtt(&vtt).unwrap();
        prop_assert!(document.warnings.is_empty(), "{:?}", document.warnings);
        prop_assert_eq!(document.cues.len(), messages.len());
        for (index, (cue, message)) in document.cues.iter().zip(&messages).enumerate() {
            let start_ms = u64::from(offsets[index]);
            prop_assert_eq!(cue.start_ms, start_ms);
            prop_assert!(cue.end_ms > cue.start_ms);
            prop_assert!(cue.end_ms <= 120_000);
            prop_assert!(cue.end_ms <= start_ms + 6_000);
            if let Some(previous) = index.checked_sub(1) {
                prop_assert!(document.cues[previous].start_ms <= cue.start_ms);
            }
            prop_assert_eq!(cue.plain_text(), expected_text("Ada Lovelace", &message.text));
        }
    }
}

#[test]
fn closed_polls_show_their_results_among_the_chat_when_they_closed() {
    let poll = crate::live::PollResults {
        poll_id: crate::live::PollId(1),
        question: "Largest <planet>?".to_owned(),
        kind: crate::live::PollKind::Single,
        options: vec!["Mars".to_owned(), "Jupiter".to_owned()],
        opened_at: at(STARTED),
        closed_at: at("2027-01-20T18:00:20Z"),
        tally: crate::live::PollTally {
            counts: vec![0, 2],
            voters: 2,
        },
    };
    let late = crate::live::PollResults {
        poll_id: crate::live::PollId(2),
        closed_at: at("2027-01-20T19:00:00Z"),
        ..poll.clone()
    };
    let chat = [
        message(1, "ada", 10_000, "hi"),
        message(2, "ada", 30_000, "bye"),
    ];
    let vtt = class_track_vtt(
        &chat,
        &[poll, late],
        &names(),
        at(STARTED),
        SignedDuration::from_mins(1),
    );
    assert_eq!(
        cues(&vtt),
        [
            (10_000, 16_000, "Ada Lovelace: hi".to_owned()),
            (
                20_000,
                26_000,
                "\u{1F4CA} Largest <planet>?\nMars: 0\nJupiter: 2".to_owned()
            ),
            (30_000, 36_000, "Ada Lovelace: bye".to_owned()),
        ]
    );
}
