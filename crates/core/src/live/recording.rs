//! A live session's chat as a WebVTT subtitles track for the session's recording: one cue
//! per main-room message sent while the recording ran, shown from the moment it was sent
//! until the next message (at most [`CHAT_CUE_MAX`], at least [`CHAT_CUE_MIN`]), reading
//! `Name: text`. The text is escaped so that no chat message can break the file or add
//! markup to it: `&`, `<` and `>` become entities (so `-->` never appears in a cue), every
//! line ending starts a new line of the cue, and blank lines are left out.

use super::chat::ChatMessage;
use super::polls::PollResults;
use crate::ids::UserId;
use jiff::{SignedDuration, Timestamp};
use std::collections::BTreeMap;
use std::fmt::Write;

/// Longest a chat cue stays up when no message follows it sooner.
pub const CHAT_CUE_MAX: SignedDuration = SignedDuration::from_secs(6);
/// Shortest a chat cue stays up, even when the next message follows at once (cues then
/// overlap, and both show).
pub const CHAT_CUE_MIN: SignedDuration = SignedDuration::from_secs(1);

/// One cue of the track before its end is known.
struct Placed {
    start_ms: i128,
    /// Orders cues that start together: chat by sequence, then polls by id.
    order: (u8, u64),
    cue_id: String,
    /// The cue's lines, escaped, each ending with a line feed.
    lines: String,
}

/// The WebVTT file of the main room's chat during a recording that started at
/// `recording_started_at` and lasted `recording_duration`. Senders are named by
/// `display_names`, or by their username when it has no name for them.
pub fn chat_track_vtt(
    messages: &[ChatMessage],
    display_names: &BTreeMap<UserId, String>,
    recording_started_at: Timestamp,
    recording_duration: SignedDuration,
) -> String {
    class_track_vtt(
        messages,
        &[],
        display_names,
        recording_started_at,
        recording_duration,
    )
}

/// [`chat_track_vtt`] with the results of the polls closed during the recording among the
/// chat, each at the moment it closed: `📊 question`, then `option: votes` per option.
pub fn class_track_vtt(
    messages: &[ChatMessage],
    polls: &[PollResults],
    display_names: &BTreeMap<UserId, String>,
    recording_started_at: Timestamp,
    recording_duration: SignedDuration,
) -> String {
    let duration_ms = recording_duration.as_millis();
    let offset = |at: Timestamp| at.duration_since(recording_started_at).as_millis();
    let chat = messages
        .iter()
        .filter(|message| message.breakout_room_id.is_none())
        .map(|message| {
            let name = display_names
                .get(&message.sender)
                .map_or(message.sender.as_str(), String::as_str);
            Placed {
                start_ms: offset(message.sent_at),
                order: (0, message.sequence),
                cue_id: format!("chat-{}", message.sequence),
                lines: cue_text(name, &message.text),
            }
        });
    let poll_results = polls.iter().map(|poll| Placed {
        start_ms: offset(poll.closed_at),
        order: (1, u64::from(poll.poll_id.0)),
        cue_id: format!("poll-{}", poll.poll_id),
        lines: poll_text(poll),
    });
    let mut placed: Vec<Placed> = chat
        .chain(poll_results)
        .filter(|placed| (0..duration_ms).contains(&placed.start_ms))
        .collect();
    placed.sort_by_key(|placed| (placed.start_ms, placed.order));
    let mut vtt = String::from("WEBVTT\n");
    for (index, cue) in placed.iter().enumerate() {
        let next_start_ms = placed.get(index + 1).map(|next| next.start_ms);
        let end_ms = cue_end_ms(cue.start_ms, next_start_ms, duration_ms);
        // Writing to a String cannot fail.
        let _ = write!(
            vtt,
            "\n{}\n{} --> {}\n",
            cue.cue_id,
            vtt_timestamp(cue.start_ms),
            vtt_timestamp(end_ms)
        );
        vtt.push_str(&cue.lines);
    }
    vtt
}

/// A closed poll's lines: its question, then each option with its votes.
fn poll_text(poll: &PollResults) -> String {
    let question = lines_of(&poll.question).collect::<Vec<_>>().join(" ");
    let mut lines = format!("\u{1F4CA} {}\n", escape(&question));
    for (option, count) in poll.options.iter().zip(&poll.tally.counts) {
        let option = lines_of(option).collect::<Vec<_>>().join(" ");
        let _ = writeln!(lines, "{}: {count}", escape(&option));
    }
    lines
}

/// When a cue starting at `start_ms` ends: at the next message or [`CHAT_CUE_MAX`] later,
/// whichever is sooner, but at least [`CHAT_CUE_MIN`] later, and never past the recording.
fn cue_end_ms(start_ms: i128, next_start_ms: Option<i128>, duration_ms: i128) -> i128 {
    let longest = start_ms + CHAT_CUE_MAX.as_millis();
    let shortest = start_ms + CHAT_CUE_MIN.as_millis();
    let until_next = next_start_ms.map_or(longest, |next| next.min(longest));
    until_next.max(shortest).min(duration_ms)
}

/// `hh:mm:ss.ttt`, the hours as long as they need to be.
fn vtt_timestamp(ms: i128) -> String {
    let ms = ms.max(0);
    let (hours, minutes, seconds, millis) =
        (ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000);
    format!("{hours:02}:{minutes:02}:{seconds:02}.{millis:03}")
}

/// The cue's lines, each ending with a line feed: `Name: ` before the first line of the
/// message, every line escaped, no blank line among them.
fn cue_text(name: &str, text: &str) -> String {
    let name = lines_of(name).collect::<Vec<_>>().join(" ");
    let mut lines = lines_of(text);
    let first = lines.next().unwrap_or_default();
    let mut cue = format!("{}: {}\n", escape(&name), escape(first));
    for line in lines {
        cue.push_str(&escape(line));
        cue.push('\n');
    }
    cue
}

/// The lines of `text` that hold more than whitespace, split at LF, CR and CRLF.
fn lines_of(text: &str) -> impl Iterator<Item = &str> {
    text.split(['\r', '\n'])
        .filter(|line| !line.trim().is_empty())
}

/// `text` as WebVTT cue text that reads back as exactly `text`: `&`, `<` and `>` as
/// entities, NUL as U+FFFD (as a WebVTT parser would read it).
fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '\0' => escaped.push('\u{FFFD}'),
            other => escaped.push(other),
        }
    }
    escaped
}

#[cfg(test)]
#[path = "recording_tests.rs"]
mod tests;
