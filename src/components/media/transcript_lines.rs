//! What the transcript panel lists: one line per cue with text, the lines a search keeps,
//! and each line cut into plain and highlighted pieces. Pure logic, apart from the view.

use lectern_core::vtt::{transcript_matches, Cue};
use std::ops::Range;

/// One cue as a line of the transcript.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TranscriptLine {
    /// The cue's index in the track's cues (what `cue_index_at` returns).
    pub cue_index: usize,
    pub start_ms: u64,
    /// The cue's plain text, its line breaks turned into spaces.
    pub text: String,
}

/// A line the transcript shows, with where the search query occurs in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShownLine {
    pub line: TranscriptLine,
    /// Byte ranges of `line.text`; empty when no query is active.
    pub matches: Vec<Range<usize>>,
}

/// A piece of a line: plain text, or text matching the query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment<'a> {
    pub text: &'a str,
    pub is_match: bool,
}

/// The transcript lines of a track: every cue with text, in order.
pub fn transcript_lines(cues: &[Cue]) -> Vec<TranscriptLine> {
    cues.iter()
        .enumerate()
        .filter_map(|(cue_index, cue)| {
            // A line break and a space are both one byte, so match ranges found in this
            // text are ranges of the cue's own plain text too.
            let text = cue.plain_text().replace('\n', " ");
            (!text.trim().is_empty()).then_some(TranscriptLine {
                cue_index,
                start_ms: cue.start_ms,
                text,
            })
        })
        .collect()
}

/// Whether `query` would filter the transcript (it is not blank).
pub fn is_search_active(query: &str) -> bool {
    !query.trim().is_empty()
}

/// The lines to show for `query`: all of them when it is blank, else only the lines where
/// it occurs, with its occurrences.
pub fn shown_lines(lines: &[TranscriptLine], query: &str) -> Vec<ShownLine> {
    if !is_search_active(query) {
        return lines
            .iter()
            .map(|line| ShownLine {
                line: line.clone(),
                matches: Vec::new(),
            })
            .collect();
    }
    lines
        .iter()
        .filter_map(|line| {
            let matches = transcript_matches(&line.text, query);
            (!matches.is_empty()).then(|| ShownLine {
                line: line.clone(),
                matches,
            })
        })
        .collect()
}

/// Cuts `text` into plain and matching pieces, in order, covering all of it. Ranges that
/// overlap one before them, fall outside `text` or off a character boundary are ignored.
pub fn highlight_segments<'a>(text: &'a str, matches: &[Range<usize>]) -> Vec<Segment<'a>> {
    let mut segments = Vec::new();
    let mut cursor = 0;
    for range in matches {
        if range.start < cursor || range.start >= range.end {
            continue;
        }
        let (Some(before), Some(found)) = (text.get(cursor..range.start), text.get(range.clone()))
        else {
            continue;
        };
        if !before.is_empty() {
            segments.push(Segment {
                text: before,
                is_match: false,
            });
        }
        segments.push(Segment {
            text: found,
            is_match: true,
        });
        cursor = range.end;
    }
    if let Some(rest) = text.get(cursor..).filter(|rest| !rest.is_empty()) {
        segments.push(Segment {
            text: rest,
            is_match: false,
        });
    }
    segments
}

#[cfg(test)]
mod tests {
    use super::*;
    use lectern_core::vtt::{CueNode, CueSettings};
    use wasm_bindgen_test::wasm_bindgen_test;

    fn cue(start_ms: u64, payload: Vec<CueNode>) -> Cue {
        Cue {
            cue_id: None,
            start_ms,
            end_ms: start_ms + 1_000,
            settings: CueSettings::default(),
            payload,
        }
    }

    fn text(text: &str) -> CueNode {
        CueNode::Text(text.to_owned())
    }

    /// `<v Ada>The <b>Moon</b>\nrises</v>`, a cue with only a timestamp, `The moon sets`.
    fn cues() -> Vec<Cue> {
        vec![
            cue(
                1_000,
                vec![CueNode::Voice {
                    speaker: "Ada".to_owned(),
                    classes: Vec::new(),
                    children: vec![
                        text("The "),
                        CueNode::Bold(vec![text("Moon")]),
                        CueNode::LineBreak,
                        text("rises"),
                    ],
                }],
            ),
            cue(3_000, vec![CueNode::Timestamp(3_500), text(" ")]),
            cue(4_000, vec![text("The moon sets")]),
        ]
    }

    fn plain(text: &str) -> Segment<'_> {
        Segment {
            text,
            is_match: false,
        }
    }

    fn found(text: &str) -> Segment<'_> {
        Segment {
            text,
            is_match: true,
        }
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn lines_keep_cue_indices_join_cue_lines_and_skip_empty_cues() {
        let lines = transcript_lines(&cues());
        assert_eq!(
            lines,
            vec![
                TranscriptLine {
                    cue_index: 0,
                    start_ms: 1_000,
                    text: "The Moon rises".to_owned(),
                },
                TranscriptLine {
                    cue_index: 2,
                    start_ms: 4_000,
                    text: "The moon sets".to_owned(),
                },
            ]
        );
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn a_blank_query_shows_every_line_without_highlights() {
        let lines = transcript_lines(&cues());
        let shown = shown_lines(&lines, "  ");
        assert_eq!(shown.len(), 2);
        assert!(shown.iter().all(|line| line.matches.is_empty()));
        assert!(!is_search_active("  "));
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn a_query_keeps_only_matching_lines_with_their_ranges() {
        let lines = transcript_lines(&cues());
        let shown = shown_lines(&lines, "RISES");
        assert_eq!(shown.len(), 1);
        assert_eq!(shown[0].line.cue_index, 0);
        assert_eq!(shown[0].matches, vec![9..14]);
        assert!(shown_lines(&lines, "sun").is_empty());
        // Both lines hold "moon", in any case.
        assert_eq!(shown_lines(&lines, "moon").len(), 2);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn segments_alternate_between_plain_and_matching_text() {
        let text = "the moon, the Moon";
        assert_eq!(
            highlight_segments(text, &[4..8, 14..18]),
            vec![plain("the "), found("moon"), plain(", the "), found("Moon")]
        );
        let first_word = 0..3;
        assert_eq!(
            highlight_segments(text, std::slice::from_ref(&first_word)),
            vec![found("the"), plain(" moon, the Moon")]
        );
        assert_eq!(highlight_segments(text, &[]), vec![plain(text)]);
        assert_eq!(highlight_segments("", &[]), Vec::<Segment<'_>>::new());
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn segments_ignore_bad_ranges() {
        let text = "قمر moon";
        // Each Arabic letter is two bytes. 1..2 cuts the first in half, 4..2 runs backwards,
        // 3..5 overlaps the match 2..4 before it and 6..99 runs past the end.
        assert_eq!(
            highlight_segments(text, &[1..2, Range { start: 4, end: 2 }, 2..4, 3..5, 6..99]),
            vec![plain("ق"), found("م"), plain("ر moon")]
        );
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn arabic_matches_are_highlighted_on_character_boundaries() {
        let text = "هذا هو القمر";
        let matches = transcript_matches(text, "القمر");
        assert_eq!(
            highlight_segments(text, &matches),
            vec![plain("هذا هو "), found("القمر")]
        );
    }
}
