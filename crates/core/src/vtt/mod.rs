//! WebVTT captions, subtitles and chapters for the lecture player, parsed into data.
//!
//! [`parse_vtt`] follows the W3C WebVTT parsing algorithm in spirit and is as tolerant as
//! browsers are: a bad cue is skipped with a [`VttWarning`] instead of failing the file, and
//! only a missing `WEBVTT` signature or an oversized file is an error. Cue text becomes a
//! [`CueNode`] tree that the player renders as text nodes, so captions can never inject
//! markup. The rest of the module answers the player's questions about a parsed file:
//! which cue is showing ([`cue_index_at`]), which chapter we are in and where the previous
//! and next ones start ([`chapter_index_at`], [`previous_chapter_start`]), where a search
//! query occurs in the transcript ([`transcript_matches`]) and the transcript as plain text
//! ([`transcript_txt`]).
//!
//! How the parser reads a file:
//! - An optional UTF-8 BOM; CRLF, CR and LF line endings; NUL becomes U+FFFD.
//! - The first line is `WEBVTT`, optionally followed by a space or tab and any text. The
//!   header lines after it are ignored up to the first blank line (or, as in browsers, up
//!   to the first line containing `-->`).
//! - Blocks are separated by blank lines. `NOTE` blocks are skipped, and so are `STYLE` and
//!   `REGION` blocks before the first cue. A block is a cue when its first or second line
//!   contains `-->` (the first line is then the cue identifier); a later line containing
//!   `-->` ends the block and starts the next one.
//! - Cues are returned sorted by start, then end, keeping file order for ties.

mod blocks;
mod chapters;
mod cue;
mod entities;
mod markup;
mod settings;
mod timing;
mod transcript;
mod warning;

#[cfg(test)]
mod tests;

pub use chapters::{
    chapter_index_at, chapters_from_cues, next_chapter_start, previous_chapter_start, Chapter,
    PREVIOUS_CHAPTER_GRACE_MS,
};
pub use cue::{active_cues, cue_index_at, Cue, CueNode};
pub use markup::MAX_CUE_NESTING;
pub use settings::{CueAlign, CueSettings, LineAlign, LinePosition, PositionAlign, Vertical};
pub use transcript::{format_timestamp, transcript_matches, transcript_txt};
pub use warning::{VttWarning, VttWarningKind, MAX_VTT_WARNINGS};

/// Largest WebVTT file accepted, in bytes (a long lecture's captions are well under 1 MiB).
pub const MAX_VTT_BYTES: usize = 8 * 1024 * 1024;

/// Why a file could not be read as WebVTT at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VttError {
    #[error("not a WebVTT file: the first line must be \"WEBVTT\"")]
    MissingSignature,
    #[error("the WebVTT file is larger than {MAX_VTT_BYTES} bytes")]
    TooLarge,
}

/// A parsed WebVTT file.
#[derive(Debug, Clone, PartialEq)]
pub struct VttDocument {
    /// Sorted by `(start_ms, end_ms)`; cues with equal times keep their order in the file.
    pub cues: Vec<Cue>,
    /// What was skipped or repaired, in the order found.
    pub warnings: Vec<VttWarning>,
}

/// Parses a WebVTT file. Fails only when the signature is missing or the file is larger
/// than [`MAX_VTT_BYTES`]; everything else is skipped or repaired with a warning.
pub fn parse_vtt(input: &str) -> Result<VttDocument, VttError> {
    if input.len() > MAX_VTT_BYTES {
        return Err(VttError::TooLarge);
    }
    let text = normalise(input.strip_prefix('\u{FEFF}').unwrap_or(input));
    let lines: Vec<&str> = text.split('\n').collect();
    let Some(signature) = lines.first() else {
        return Err(VttError::MissingSignature);
    };
    if !is_signature(signature) {
        return Err(VttError::MissingSignature);
    }
    let mut warnings = warning::Warnings::default();
    let mut cues = blocks::parse_cues(&lines, &mut warnings);
    cues.sort_by_key(|cue| (cue.start_ms, cue.end_ms));
    Ok(VttDocument {
        cues,
        warnings: warnings.into_vec(),
    })
}

/// `WEBVTT` alone, or followed by a space or tab and anything.
fn is_signature(line: &str) -> bool {
    line.strip_prefix("WEBVTT")
        .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t']))
}

/// CRLF and CR become LF, and NUL becomes U+FFFD, as the spec's preprocessing asks.
fn normalise(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    let mut chars = input.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push('\n');
            }
            '\0' => out.push('\u{FFFD}'),
            other => out.push(other),
        }
    }
    out
}

/// ASCII whitespace as the WebVTT spec defines it (CR is gone after [`normalise`]).
fn is_vtt_whitespace(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\x0C' | '\r')
}
