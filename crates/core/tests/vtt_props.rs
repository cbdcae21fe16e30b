//! Property tests for WebVTT: no input panics and parsed cues keep their invariants;
//! generated valid files round-trip their times and texts; transcript search returns
//! valid, matching ranges; the highlighted cue is always an active one.
#![allow(clippy::unwrap_used)] // test helpers outside #[test] fns

use lectern_core::vtt::{
    cue_index_at, parse_vtt, transcript_matches, Cue, CueNode, CueSettings, MAX_CUE_NESTING,
};
use proptest::prelude::*;
use proptest::sample::Index;

/// Pieces of WebVTT syntax, so random files reach deep into the parser.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "WEBVTT",
            "\n",
            "\n\n",
            "\r\n",
            "\r",
            "-->",
            " --> ",
            "00:01.000",
            "00:00:02.500",
            "99999999999999999999:00:00.000",
            "1:00.000",
            "<b>",
            "</b>",
            "<i>",
            "</i>",
            "<c.a.b>",
            "</c>",
            "<v Ann>",
            "</v>",
            "<ruby>",
            "<rt>",
            "</rt>",
            "</ruby>",
            "<lang ar>",
            "<00:01.500>",
            "<",
            ">",
            "&",
            "&amp;",
            "&#x",
            "&#",
            ";",
            "NOTE",
            "STYLE",
            "REGION",
            " align:start",
            " line:-1,end",
            " position:50%,center",
            " size:",
            "é",
            "مرحبا",
            "\u{FEFF}",
            "\0",
            "İ",
        ])
        .prop_map(String::from),
        "\\PC{0,8}",
    ]
}

fn vtt_like() -> impl Strategy<Value = String> {
    prop::collection::vec(fragment(), 0..60).prop_map(|parts| parts.concat())
}

fn depth(nodes: &[CueNode]) -> usize {
    let mut deepest = 0;
    let mut pending: Vec<(&CueNode, usize)> = nodes.iter().map(|n| (n, 1)).collect();
    while let Some((node, level)) = pending.pop() {
        deepest = deepest.max(level);
        pending.extend(node.children().iter().map(|child| (child, level + 1)));
    }
    deepest
}

/// What must hold for any successfully parsed file.
fn check_invariants(source: &str) -> Result<(), TestCaseError> {
    let Ok(document) = parse_vtt(source) else {
        return Ok(());
    };
    let line_count = source.split(['\n', '\r']).count();
    for pair in document.cues.windows(2) {
        prop_assert!((pair[0].start_ms, pair[0].end_ms) <= (pair[1].start_ms, pair[1].end_ms));
    }
    for cue in &document.cues {
        prop_assert!(cue.start_ms < cue.end_ms);
        prop_assert!(!cue.plain_text().trim().is_empty());
        // A node's depth counts its text leaf, so tags are at most MAX_CUE_NESTING deep.
        prop_assert!(depth(&cue.payload) <= MAX_CUE_NESTING + 1);
    }
    for warning in &document.warnings {
        prop_assert!(
            warning.line >= 1 && warning.line <= line_count,
            "{warning:?}"
        );
    }
    Ok(())
}

proptest! {
    #[test]
    fn arbitrary_text_never_panics(source in any::<String>()) {
        check_invariants(&source)?;
        check_invariants(&format!("WEBVTT\n\n{source}"))?;
    }

    #[test]
    fn vtt_like_text_never_panics(source in vtt_like()) {
        check_invariants(&source)?;
        check_invariants(&format!("WEBVTT\n\n{source}"))?;
    }
}

/// A timestamp as a file would write it, in the short form when `is_short` and possible.
fn write_timestamp(ms: u64, is_short: bool) -> String {
    let (hours, minutes, seconds, millis) =
        (ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000);
    if is_short && hours == 0 {
        format!("{minutes:02}:{seconds:02}.{millis:03}")
    } else {
        format!("{hours:02}:{minutes:02}:{seconds:02}.{millis:03}")
    }
}

#[derive(Debug, Clone)]
struct GeneratedCue {
    cue_id: Option<String>,
    start_ms: u64,
    end_ms: u64,
    lines: Vec<String>,
    is_short: bool,
}

fn generated_cue() -> impl Strategy<Value = GeneratedCue> {
    (
        prop::option::of("[a-z0-9][a-z0-9 _]{0,12}"),
        0..400 * 3_600_000_u64,
        1..600_000_u64,
        prop::collection::vec("[A-Za-z0-9,.!?'][A-Za-z0-9 ,.!?']{0,30}", 1..4),
        any::<bool>(),
    )
        .prop_map(
            |(cue_id, start_ms, duration, lines, is_short)| GeneratedCue {
                cue_id,
                start_ms,
                end_ms: start_ms + duration,
                lines,
                is_short,
            },
        )
}

proptest! {
    #[test]
    fn valid_cues_round_trip(cues in prop::collection::vec(generated_cue(), 0..20)) {
        let mut file = String::from("WEBVTT\n");
        for cue in &cues {
            file.push('\n');
            if let Some(cue_id) = &cue.cue_id {
                file.push_str(&format!("{cue_id}\n"));
            }
            file.push_str(&format!(
                "{} --> {} align:center\n{}\n",
                write_timestamp(cue.start_ms, cue.is_short),
                write_timestamp(cue.end_ms, cue.is_short),
                cue.lines.join("\n"),
            ));
        }
        let document = parse_vtt(&file).unwrap();
        prop_assert_eq!(&document.warnings, &vec![]);
        let mut expected: Vec<(Option<String>, u64, u64, String)> = cues
            .iter()
            .map(|c| (c.cue_id.clone(), c.start_ms, c.end_ms, c.lines.join("\n")))
            .collect();
        expected.sort_by_key(|&(_, start, end, _)| (start, end));
        let parsed: Vec<(Option<String>, u64, u64, String)> = document
            .cues
            .iter()
            .map(|c| (c.cue_id.clone(), c.start_ms, c.end_ms, c.plain_text()))
            .collect();
        prop_assert_eq!(parsed, expected);
    }
}

/// Case folding as `transcript_matches` documents it.
fn fold(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'ς' => 'σ',
            space if space.is_whitespace() => ' ',
            other => other,
        })
        .collect()
}

fn search_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\PC{0,40}",
        "[aAbBéÉİıiI\u{307}ςσΣßẞ \n\u{064E}\u{0650}مرحبا]{0,40}",
    ]
}

proptest! {
    #[test]
    fn search_ranges_are_valid_and_match(
        text in search_text(),
        from in any::<Index>(),
        len in 0..8_usize,
        is_upper in any::<bool>(),
        other_query in prop_oneof!["\\PC{0,4}", "[aAİi\u{307}ςσ ]{1,3}"],
        is_slice in any::<bool>(),
    ) {
        let chars: Vec<char> = text.chars().collect();
        let start = if chars.is_empty() { 0 } else { from.index(chars.len()) };
        let slice: String = chars.iter().skip(start).take(len).collect();
        let query = match (is_slice, is_upper) {
            (true, false) => slice.clone(),
            (true, true) => slice.to_uppercase(),
            (false, _) => other_query,
        };
        let matches = transcript_matches(&text, &query);
        let mut previous_end = 0;
        for range in &matches {
            prop_assert!(range.start >= previous_end && range.start < range.end);
            prop_assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end));
            let found = text.get(range.clone()).unwrap();
            prop_assert_eq!(fold(found), fold(query.trim()));
            previous_end = range.end;
        }
        let needle = query.trim();
        if !needle.is_empty() && text.contains(needle) {
            prop_assert!(!matches.is_empty(), "{needle:?} is in {text:?}");
        }
        if needle.is_empty() {
            prop_assert!(matches.is_empty());
        }
    }

    #[test]
    fn the_highlighted_cue_is_active(
        spans in prop::collection::vec((0..100_000_u64, 1..20_000_u64), 0..30),
        position in 0..130_000_u64,
    ) {
        let cues: Vec<Cue> = spans
            .iter()
            .map(|&(start_ms, duration)| Cue {
                cue_id: None,
                start_ms,
                end_ms: start_ms + duration,
                settings: CueSettings::default(),
                payload: vec![CueNode::Text("x".into())],
            })
            .collect();
        match cue_index_at(&cues, position) {
            Some(index) => {
                let chosen = &cues[index];
                prop_assert!(chosen.is_active_at(position));
                prop_assert!(cues
                    .iter()
                    .filter(|c| c.is_active_at(position))
                    .all(|c| c.start_ms <= chosen.start_ms));
            }
            None => prop_assert!(cues.iter().all(|c| !c.is_active_at(position))),
        }
    }
}
