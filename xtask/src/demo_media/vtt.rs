//! WebVTT files for the lectures: captions with one cue per narrated sentence (a sentence
//! too long for two lines becomes two cues, split at a comma), subtitles that reuse the
//! caption times, and chapter cues.

use super::narration::Span;
use super::wrap::wrap;

/// The longest caption line, in characters.
pub const LINE_WIDTH: usize = 42;
/// The most lines a caption cue shows at once.
pub const MAX_LINES: usize = 2;

/// One cue: its time range and its payload, already escaped for WebVTT.
#[derive(Debug, Clone, PartialEq)]
pub struct Cue {
    pub start: f64,
    pub end: f64,
    pub payload: String,
}

/// A complete WebVTT file: the header, then each cue numbered from 1.
pub fn document(cues: &[Cue]) -> String {
    let mut text = String::from("WEBVTT\n");
    for (index, cue) in cues.iter().enumerate() {
        text.push_str(&format!(
            "\n{}\n{} --> {}\n{}\n",
            index + 1,
            timestamp(cue.start),
            timestamp(cue.end),
            cue.payload
        ));
    }
    text
}

/// `hh:mm:ss.mmm`, rounded to the millisecond.
pub fn timestamp(seconds: f64) -> String {
    let millis = (seconds.max(0.0) * 1000.0).round() as u64;
    format!(
        "{:02}:{:02}:{:02}.{:03}",
        millis / 3_600_000,
        millis / 60_000 % 60,
        millis / 1000 % 60,
        millis % 1000
    )
}

/// Escapes the characters WebVTT cue text gives meaning to.
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Marks `cue` as spoken by `speaker`, with a WebVTT voice span.
pub fn add_voice(cue: &mut Cue, speaker: &str) {
    cue.payload = format!("<v {speaker}>{}</v>", cue.payload);
}

/// The caption cues of one sentence spoken during `span`: one cue when the sentence fits
/// in two lines, otherwise two cues split at the comma nearest its middle, timed in
/// proportion to their length.
pub fn caption_cues(span: Span, text: &str) -> Vec<Cue> {
    if wrap(text, LINE_WIDTH).len() <= MAX_LINES {
        return vec![cue(span.start, span.end, text)];
    }
    let (first, second) = split_near(text, 0.5);
    if second.is_empty() {
        return vec![cue(span.start, span.end, text)];
    }
    let first_chars = first.chars().count() as f64;
    let share = first_chars / (first_chars + second.chars().count() as f64);
    let boundary = span.start + (span.end - span.start) * share;
    vec![
        cue(span.start, boundary, first),
        cue(boundary, span.end, second),
    ]
}

/// Cues for a translation of a sentence, at exactly the times of its caption cues
/// (`captions`, one or two of them); a two-cue sentence's translation is split at the
/// break nearest the same share of the text.
pub fn translated_cues(captions: &[Cue], text: &str) -> Vec<Cue> {
    match captions {
        [first, second] => {
            let share = (first.end - first.start) / (second.end - first.start);
            let (head, tail) = split_near(text, share);
            vec![
                cue(first.start, first.end, head),
                cue(second.start, second.end, tail),
            ]
        }
        _ => {
            let start = captions.first().map_or(0.0, |cue| cue.start);
            let end = captions.last().map_or(start, |cue| cue.end);
            vec![cue(start, end, text)]
        }
    }
}

/// Chapter cues: chapter k runs from its start to the next chapter's start, the last one
/// to `total_seconds`.
pub fn chapter_cues(chapters: &[(f64, &str)], total_seconds: f64) -> Vec<Cue> {
    chapters
        .iter()
        .enumerate()
        .map(|(index, (start, title))| {
            let end = chapters
                .get(index + 1)
                .map_or(total_seconds, |(next, _)| *next);
            Cue {
                start: *start,
                end,
                payload: escape(title),
            }
        })
        .collect()
}

fn cue(start: f64, end: f64, text: &str) -> Cue {
    Cue {
        start,
        end,
        payload: escape(&caption_lines(text).join("\n")),
    }
}

/// Breaks caption text into lines of at most `LINE_WIDTH`: two lines of balanced length
/// when it takes two, preferring a break after a comma; greedy wrapping beyond that.
fn caption_lines(text: &str) -> Vec<String> {
    let greedy = wrap(text, LINE_WIDTH);
    if greedy.len() != 2 {
        return greedy;
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    let best = (1..words.len())
        .map(|split| (words[..split].join(" "), words[split..].join(" ")))
        .filter(|(first, second)| {
            first.chars().count() <= LINE_WIDTH && second.chars().count() <= LINE_WIDTH
        })
        .min_by_key(|(first, second)| {
            let imbalance = first.chars().count().abs_diff(second.chars().count());
            let is_clause_end = first.ends_with([',', '،', ';', ':']);
            imbalance + if is_clause_end { 0 } else { 12 }
        });
    match best {
        Some((first, second)) => vec![first, second],
        None => greedy,
    }
}

/// Splits `text` in two at the clause break (a comma, Arabic comma, semicolon or colon
/// before a space) nearest `share` of its length, or at the nearest space if it has none.
fn split_near(text: &str, share: f64) -> (&str, &str) {
    let target = text.chars().count() as f64 * share;
    let breaks = |is_break: &dyn Fn(char) -> bool| {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        chars
            .windows(2)
            .enumerate()
            .filter(|(_, pair)| is_break(pair[0].1) && pair[1].1 == ' ')
            .map(|(position, pair)| (position + 1, pair[1].0))
            .min_by(|a, b| {
                let distance = |(position, _): &(usize, usize)| (*position as f64 - target).abs();
                distance(a).total_cmp(&distance(b))
            })
    };
    let clause = breaks(&|c| matches!(c, ',' | '،' | ';' | ':'));
    let Some((_, byte)) = clause.or_else(|| breaks(&|c| c != ' ')) else {
        return (text, "");
    };
    (text[..byte].trim(), text[byte..].trim())
}

#[cfg(test)]
mod tests;
