//! The interactive transcript: finding a search query in cue text, the transcript as a
//! `.txt` download, and media times written for people (`1:05`, `1:02:03`).

use super::cue::Cue;
use std::fmt::Write as _;
use std::ops::Range;

/// Where `query` occurs in `text`, ignoring case: byte ranges of `text`, on character
/// boundaries, in order and not overlapping. The query is trimmed; an empty query matches
/// nothing.
///
/// Characters are compared by their Unicode lowercase, so `É` matches `é` and text without
/// case (Arabic, CJK) matches exactly. Final sigma `ς` matches `σ`, and any whitespace
/// matches any other whitespace character (a query `a b` finds `a` and `b` on two lines).
pub fn transcript_matches(text: &str, query: &str) -> Vec<Range<usize>> {
    let needle: Vec<char> = query.trim().chars().flat_map(fold).collect();
    if needle.is_empty() {
        return Vec::new();
    }
    // The folded text, with the byte offset of the character each folded char came from.
    let mut folded: Vec<char> = Vec::with_capacity(text.len());
    let mut origins: Vec<usize> = Vec::with_capacity(text.len());
    for (offset, c) in text.char_indices() {
        for folded_char in fold(c) {
            folded.push(folded_char);
            origins.push(offset);
        }
    }
    // A match must start and end on the boundary of an original character.
    let is_boundary = |index: usize| {
        index == 0 || index == folded.len() || origins.get(index) != origins.get(index - 1)
    };
    let mut matches = Vec::new();
    let mut index = 0;
    while index + needle.len() <= folded.len() {
        let end = index + needle.len();
        if folded.get(index..end) == Some(needle.as_slice())
            && is_boundary(index)
            && is_boundary(end)
        {
            let start_byte = origins.get(index).copied().unwrap_or(text.len());
            let end_byte = origins.get(end).copied().unwrap_or(text.len());
            matches.push(start_byte..end_byte);
            index = end;
        } else {
            index += 1;
        }
    }
    matches
}

/// How one character compares in a search: lowercase, `ς` as `σ`, whitespace as a space.
fn fold(c: char) -> impl Iterator<Item = char> {
    c.to_lowercase().map(|lower| match lower {
        'ς' => 'σ',
        space if space.is_whitespace() => ' ',
        other => other,
    })
}

/// The transcript as plain text for a `.txt` download: one paragraph per cue,
/// `[m:ss] text`, separated by blank lines. A cue's lines are joined by a space; cues
/// without text, and cues repeating the text of the cue before, are left out.
pub fn transcript_txt(cues: &[Cue]) -> String {
    let mut transcript = String::new();
    let mut previous_text = String::new();
    for cue in cues {
        let text = cue
            .plain_text()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if text.is_empty() || text == previous_text {
            continue;
        }
        if !transcript.is_empty() {
            transcript.push('\n');
        }
        // Writing to a String cannot fail.
        let _ = writeln!(transcript, "[{}] {text}", format_timestamp(cue.start_ms));
        previous_text = text;
    }
    transcript
}

/// A media time for people: `m:ss` under an hour (`0:00`, `1:05`), `h:mm:ss` from an hour
/// (`1:02:03`). Milliseconds are cut off, not rounded.
pub fn format_timestamp(ms: u64) -> String {
    let total_seconds = ms / 1000;
    let (hours, minutes, seconds) = (
        total_seconds / 3600,
        total_seconds / 60 % 60,
        total_seconds % 60,
    );
    if hours > 0 {
        format!("{hours}:{minutes:02}:{seconds:02}")
    } else {
        format!("{minutes}:{seconds:02}")
    }
}
