//! Chapters from a WebVTT chapters file, and chapter navigation for the player's chapter
//! list and its previous/next buttons.

use super::cue::Cue;

/// How far into a chapter "previous" restarts it instead of going to the chapter before,
/// as a CD player does.
pub const PREVIOUS_CHAPTER_GRACE_MS: u64 = 3000;

/// A named section of a lesson's media.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chapter {
    pub start_ms: u64,
    /// `None` when the source only gives start times.
    pub end_ms: Option<u64>,
    pub title: String,
}

/// One chapter per cue with text, sorted by start (then end, keeping cue order on ties).
/// The title is the cue's plain text with its lines trimmed and joined by a space; cues
/// whose title would be empty are skipped.
pub fn chapters_from_cues(cues: &[Cue]) -> Vec<Chapter> {
    let mut chapters: Vec<Chapter> = cues
        .iter()
        .filter_map(|cue| {
            let plain_text = cue.plain_text();
            let title = plain_text
                .split('\n')
                .map(str::trim)
                .filter(|line| !line.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            (!title.is_empty()).then_some(Chapter {
                start_ms: cue.start_ms,
                end_ms: Some(cue.end_ms),
                title,
            })
        })
        .collect();
    chapters.sort_by_key(|chapter| (chapter.start_ms, chapter.end_ms));
    chapters
}

/// The chapter playing at `position_ms`: the last one starting at or before it. `None`
/// before the first chapter. `chapters` must be sorted by start.
pub fn chapter_index_at(chapters: &[Chapter], position_ms: u64) -> Option<usize> {
    chapters
        .partition_point(|chapter| chapter.start_ms <= position_ms)
        .checked_sub(1)
}

/// Where "previous chapter" seeks to: the start of the current chapter when more than
/// [`PREVIOUS_CHAPTER_GRACE_MS`] into it, otherwise the start of the chapter before (or of
/// the first chapter again). `None` before the first chapter. `chapters` must be sorted.
pub fn previous_chapter_start(chapters: &[Chapter], position_ms: u64) -> Option<u64> {
    let current_index = chapter_index_at(chapters, position_ms)?;
    let current = chapters.get(current_index)?;
    if position_ms.saturating_sub(current.start_ms) > PREVIOUS_CHAPTER_GRACE_MS {
        return Some(current.start_ms);
    }
    let previous = current_index
        .checked_sub(1)
        .and_then(|index| chapters.get(index))
        .unwrap_or(current);
    Some(previous.start_ms)
}

/// Where "next chapter" seeks to: the start of the first chapter starting after
/// `position_ms`, or `None` in the last chapter. `chapters` must be sorted by start.
pub fn next_chapter_start(chapters: &[Chapter], position_ms: u64) -> Option<u64> {
    let next_index = chapters.partition_point(|chapter| chapter.start_ms <= position_ms);
    chapters.get(next_index).map(|chapter| chapter.start_ms)
}
