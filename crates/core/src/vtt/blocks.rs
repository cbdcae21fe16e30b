//! The block level of a WebVTT file: skipping the header, splitting the body into blocks
//! (as the spec's "collect a WebVTT block" does), skipping `NOTE`, `STYLE` and `REGION`
//! blocks, and turning cue blocks into [`Cue`]s with their warnings.

use super::cue::Cue;
use super::is_vtt_whitespace;
use super::markup::parse_cue_text;
use super::settings::parse_settings;
use super::timing::parse_timing_line;
use super::warning::{VttWarningKind, Warnings};

/// The cues of a file split into `lines` (line 0 is the signature), in file order.
pub(crate) fn parse_cues(lines: &[&str], warnings: &mut Warnings) -> Vec<Cue> {
    let mut cues = Vec::new();
    let mut has_seen_cue = false;
    let mut index = header_end(lines);
    while let Some(start) = (index..lines.len()).find(|&i| !lines[i].is_empty()) {
        let block = collect_block(lines, start);
        index = block.end;
        match block.timing_index {
            Some(timing_index) => {
                has_seen_cue |= read_cue(lines, &block, timing_index, warnings, &mut cues);
            }
            None => skip_text_block(lines[start], start + 1, has_seen_cue, warnings),
        }
    }
    cues
}

/// The index just past the header: the lines after the signature up to a blank line, or
/// up to a line containing `-->` (which then starts the first cue, as in browsers).
fn header_end(lines: &[&str]) -> usize {
    (1..lines.len())
        .find(|&i| lines[i].is_empty() || lines[i].contains("-->"))
        .unwrap_or(lines.len())
}

/// Lines `start..end` of the file form one block.
struct Block {
    start: usize,
    /// The line with `-->`, when it is the block's first or second line.
    timing_index: Option<usize>,
    end: usize,
}

/// A block runs to a blank line or to a line containing `-->` that cannot be its timing
/// line (that line starts the next block).
fn collect_block(lines: &[&str], start: usize) -> Block {
    let mut timing_index = None;
    let mut end = start;
    while let Some(line) = lines.get(end) {
        if line.is_empty() {
            break;
        }
        if line.contains("-->") {
            if timing_index.is_some() || end > start + 1 {
                break;
            }
            timing_index = Some(end);
        }
        end += 1;
    }
    Block {
        start,
        timing_index,
        end,
    }
}

/// Reads a cue block into `cues`, or warns why it is skipped. Returns whether the timing
/// line was readable (after which `STYLE` and `REGION` blocks are no longer allowed).
fn read_cue(
    lines: &[&str],
    block: &Block,
    timing_index: usize,
    warnings: &mut Warnings,
    cues: &mut Vec<Cue>,
) -> bool {
    let line_number = timing_index + 1;
    let timing = match parse_timing_line(lines[timing_index]) {
        Ok(timing) => timing,
        Err(error) => {
            warnings.push(
                line_number,
                VttWarningKind::BadTiming,
                format_args!("{error}; the cue is skipped"),
            );
            return false;
        }
    };
    if timing.end_ms <= timing.start_ms {
        warnings.push(
            line_number,
            VttWarningKind::EndBeforeStart,
            format_args!("the cue ends before or when it starts; skipped"),
        );
        return true;
    }
    let settings = parse_settings(timing.settings, line_number, warnings);
    let payload_text = lines[timing_index + 1..block.end].join("\n");
    let payload = parse_cue_text(&payload_text, line_number + 1, warnings);
    let cue = Cue {
        cue_id: (timing_index > block.start).then(|| lines[block.start].to_owned()),
        start_ms: timing.start_ms,
        end_ms: timing.end_ms,
        settings,
        payload,
    };
    if cue.plain_text().trim().is_empty() {
        warnings.push(
            line_number,
            VttWarningKind::EmptyCue,
            format_args!("the cue has no text; skipped"),
        );
    } else {
        cues.push(cue);
    }
    true
}

/// A block without a timing line: silently skipped when it is a `NOTE`, or a `STYLE` or
/// `REGION` block before the first cue; otherwise skipped with a warning.
fn skip_text_block(
    first_line: &str,
    line_number: usize,
    has_seen_cue: bool,
    warnings: &mut Warnings,
) {
    let is_note = first_line
        .strip_prefix("NOTE")
        .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t']));
    let keyword = ["STYLE", "REGION"].into_iter().find(|keyword| {
        first_line
            .strip_prefix(keyword)
            .is_some_and(|rest| rest.chars().all(is_vtt_whitespace))
    });
    match keyword {
        _ if is_note => {}
        Some(_) if !has_seen_cue => {}
        Some(keyword) => warnings.push(
            line_number,
            VttWarningKind::MissingTiming,
            format_args!("a {keyword} block must come before the first cue; skipped"),
        ),
        None => warnings.push(
            line_number,
            VttWarningKind::MissingTiming,
            format_args!("this block has no \"-->\" timing line; skipped"),
        ),
    }
}
