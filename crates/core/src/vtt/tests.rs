//! Unit tests for the WebVTT pieces: timestamps, settings, references, cue text markup,
//! chapter navigation, transcript search and export.

use super::entities::decode_entities;
use super::markup::parse_cue_text;
use super::settings::parse_settings;
use super::timing::{parse_timestamp, parse_timing_line, TimingError};
use super::warning::Warnings;
use super::*;

fn text(s: &str) -> CueNode {
    CueNode::Text(s.into())
}

fn markup(source: &str) -> (Vec<CueNode>, Vec<(VttWarningKind, usize)>) {
    let mut warnings = Warnings::default();
    let nodes = parse_cue_text(source, 1, &mut warnings);
    let kinds = warnings
        .into_vec()
        .into_iter()
        .map(|w| (w.kind, w.line))
        .collect();
    (nodes, kinds)
}

fn settings(source: &str) -> (CueSettings, usize) {
    let mut warnings = Warnings::default();
    let settings = parse_settings(source, 1, &mut warnings);
    (settings, warnings.into_vec().len())
}

#[test]
fn timestamps_in_both_forms() {
    let cases: &[(&str, Option<u64>)] = &[
        ("00:00.000", Some(0)),
        ("01:05.250", Some(65_250)),
        ("59:59.999", Some(3_599_999)),
        ("1:00:00.000", Some(3_600_000)),
        ("01:02:03.004", Some(3_723_004)),
        ("123:00:00.000", Some(123 * 3_600_000)),
        // A first field above 59 or longer than two digits is hours, so needs three fields.
        ("60:00.000", None),
        ("100:00.000", None),
        ("00:60.000", None),
        ("01:60:00.000", None),
        ("00:01.00", None),
        ("00:01.0000", None),
        ("00:01", None),
        ("0:1.000", None),
        ("00:01,000", None),
        ("", None),
        ("99999999999999999999:00:00.000", None),
        // u64::MAX ms is 5124095576030:25:51.615.
        (
            "5124095576030:00:00.000",
            Some(5_124_095_576_030 * 3_600_000),
        ),
        ("5124095576030:59:59.999", None),
        ("5124095576031:00:00.000", None),
    ];
    for (source, expected) in cases {
        assert_eq!(parse_timestamp(source), *expected, "{source}");
    }
}

#[test]
fn timing_lines() {
    let line = parse_timing_line("00:01.000 --> 00:02.500 align:start").unwrap();
    assert_eq!(
        (line.start_ms, line.end_ms, line.settings),
        (1000, 2500, "align:start")
    );
    let tight = parse_timing_line("00:01.000-->00:02.500").unwrap();
    assert_eq!(
        (tight.start_ms, tight.end_ms, tight.settings),
        (1000, 2500, "")
    );
    assert_eq!(
        parse_timing_line("00:01.000 00:02.000"),
        Err(TimingError::MissingArrow)
    );
    assert_eq!(
        parse_timing_line("00:01.00 --> 00:02.000"),
        Err(TimingError::BadStart)
    );
    assert_eq!(
        parse_timing_line("00:01.000 --> 00:02"),
        Err(TimingError::BadEnd)
    );
    assert_eq!(
        parse_timing_line("--> 00:02.000"),
        Err(TimingError::BadStart)
    );
}

#[test]
fn every_setting_is_read() {
    let (read, warning_count) = settings(
        "vertical:rl line:-2,end position:10.5%,line-left size:80% align:right region:fred",
    );
    assert_eq!(
        read,
        CueSettings {
            vertical: Some(Vertical::RightToLeft),
            line: Some(LinePosition::LineNumber(-2.0)),
            line_align: Some(LineAlign::End),
            position_percent: Some(10.5),
            position_align: Some(PositionAlign::LineLeft),
            size_percent: Some(80.0),
            align: Some(CueAlign::Right),
            region: Some("fred".into()),
        }
    );
    assert_eq!(warning_count, 0);
    let (percent_line, _) = settings("line:90% vertical:lr");
    assert_eq!(percent_line.line, Some(LinePosition::Percent(90.0)));
    assert_eq!(percent_line.vertical, Some(Vertical::LeftToRight));
}

#[test]
fn invalid_settings_are_ignored_one_by_one() {
    let cases = [
        "vertical:up",
        "line:abc",
        "line:1.",
        "line:.5",
        "line:5-",
        "line:50%,middle",
        "line:101%",
        "position:50",
        "position:50%,left",
        "position:-5%",
        "size:120%",
        "size:1e2%",
        "align:middle",
        "region:",
        ":x",
        "colour:red",
        "align",
    ];
    for source in cases {
        let (read, warning_count) = settings(&format!("{source} align:end"));
        assert_eq!(warning_count, 1, "{source}");
        assert_eq!(
            read,
            CueSettings {
                align: Some(CueAlign::End),
                ..CueSettings::default()
            },
            "{source}"
        );
    }
}

#[test]
fn references_decode_and_garbage_stays_literal() {
    let cases = [
        ("a &amp; b", "a & b"),
        ("&lt;b&gt;", "<b>"),
        ("&lrm;&rlm;&nbsp;", "\u{200E}\u{200F}\u{A0}"),
        ("&#65;&#x42;&#X63;", "ABc"),
        ("&#0;", "\u{FFFD}"),
        ("&#xD800;", "\u{FFFD}"),
        ("&#x110000;", "\u{FFFD}"),
        ("&#99999999999999999999;", "\u{FFFD}"),
        ("&#65", "&#65"),
        ("&#;", "&#;"),
        ("&#x;", "&#x;"),
        ("&amp", "&amp"),
        ("&copy;", "&copy;"),
        ("AT&T", "AT&T"),
        ("&&amp;", "&&"),
        ("&é;", "&é;"),
        ("fin &", "fin &"),
    ];
    for (source, expected) in cases {
        assert_eq!(decode_entities(source), expected, "{source}");
    }
}

#[test]
fn nested_markup_becomes_a_tree() {
    let (nodes, warnings) = markup("<b>bold <i>both <u>all</u></i></b>\nnext");
    assert_eq!(
        nodes,
        vec![
            CueNode::Bold(vec![
                text("bold "),
                CueNode::Italic(vec![text("both "), CueNode::Underline(vec![text("all")])]),
            ]),
            CueNode::LineBreak,
            text("next"),
        ]
    );
    assert_eq!(warnings, vec![]);
}

#[test]
fn classes_voices_languages_and_timestamps() {
    let (nodes, warnings) = markup(
        "<c.yellow.bad!class.big_1>hi</c><v.loud  Ada   Lovelace >yes</v><lang ar>سلام</lang><00:01.500>x",
    );
    assert_eq!(
        nodes,
        vec![
            CueNode::Class {
                classes: vec!["yellow".into(), "big_1".into()],
                children: vec![text("hi")],
            },
            CueNode::Voice {
                speaker: "Ada Lovelace".into(),
                classes: vec!["loud".into()],
                children: vec![text("yes")],
            },
            CueNode::Language {
                language: "ar".into(),
                children: vec![text("سلام")],
            },
            CueNode::Timestamp(1500),
            text("x"),
        ]
    );
    assert_eq!(warnings, vec![]);
}

#[test]
fn ruby_text_closes_with_its_ruby() {
    let (nodes, warnings) = markup("<ruby>漢<rt>kan</rt>字<rt>ji</ruby>!");
    assert_eq!(
        nodes,
        vec![
            CueNode::Ruby {
                children: vec![
                    text("漢"),
                    CueNode::RubyText(vec![text("kan")]),
                    text("字"),
                    CueNode::RubyText(vec![text("ji")]),
                ],
            },
            text("!"),
        ]
    );
    assert_eq!(warnings, vec![]);
    let (outside, warnings) = markup("<rt>kan</rt>");
    assert_eq!(outside, vec![text("kan")]);
    assert_eq!(
        warnings,
        vec![
            (VttWarningKind::UnknownTag, 1),
            (VttWarningKind::StrayEndTag, 1)
        ]
    );
}

#[test]
fn unknown_unclosed_and_stray_tags() {
    let (nodes, warnings) = markup("<B>x</B> <b>one\n<i>two</b>\n</u><img src=x onerror=alert(1)>");
    assert_eq!(
        nodes,
        vec![
            text("x "),
            CueNode::Bold(vec![
                text("one"),
                CueNode::LineBreak,
                CueNode::Italic(vec![text("two"), CueNode::LineBreak]),
            ]),
        ]
    );
    assert_eq!(
        warnings,
        vec![
            (VttWarningKind::UnknownTag, 1),
            (VttWarningKind::StrayEndTag, 2),
            (VttWarningKind::StrayEndTag, 3),
            (VttWarningKind::UnknownTag, 3),
            (VttWarningKind::UnclosedTag, 2),
            (VttWarningKind::UnclosedTag, 1),
        ]
    );
}

#[test]
fn omitted_voice_end_tag_is_fine_and_bad_timestamp_tags_are_dropped() {
    let (nodes, warnings) = markup("<v Bob>hi <01:00.5>there");
    assert_eq!(
        nodes,
        vec![CueNode::Voice {
            speaker: "Bob".into(),
            classes: vec![],
            children: vec![text("hi there")],
        }]
    );
    assert_eq!(warnings, vec![(VttWarningKind::BadTiming, 1)]);
}

#[test]
fn nesting_is_capped() {
    let depth = MAX_CUE_NESTING + 8;
    let source = format!("{}deep{}", "<i>".repeat(depth), "</i>".repeat(depth));
    let (nodes, warnings) = markup(&source);
    let mut levels = 0;
    let mut current = nodes.as_slice();
    while let [CueNode::Italic(children)] = current {
        levels += 1;
        current = children.as_slice();
    }
    assert_eq!(levels, MAX_CUE_NESTING);
    assert_eq!(current, &[text("deep")][..]);
    let unknown = warnings
        .iter()
        .filter(|(kind, _)| *kind == VttWarningKind::UnknownTag)
        .count();
    assert_eq!(unknown, 8);
}

#[test]
fn a_tag_cut_off_by_the_end_of_the_text_still_opens() {
    let (nodes, warnings) = markup("hello <b");
    assert_eq!(nodes, vec![text("hello "), CueNode::Bold(vec![])]);
    assert_eq!(warnings, vec![(VttWarningKind::UnclosedTag, 1)]);
}

#[test]
fn plain_text_keeps_ruby_in_parentheses() {
    let cue = Cue {
        cue_id: None,
        start_ms: 0,
        end_ms: 1,
        settings: CueSettings::default(),
        payload: markup("<v Ann><b>東</b><ruby>京<rt>kyō</rt></ruby>\n<00:00.500>ok").0,
    };
    assert_eq!(cue.plain_text(), "東京(kyō)\nok");
}

fn chapter(start_ms: u64, title: &str) -> Chapter {
    Chapter {
        start_ms,
        end_ms: None,
        title: title.into(),
    }
}

#[test]
fn chapter_navigation() {
    let chapters = [
        chapter(0, "Intro"),
        chapter(60_000, "Body"),
        chapter(120_000, "End"),
    ];
    // position, current chapter, "previous" target, "next" target
    type NavigationCase = (u64, Option<usize>, Option<u64>, Option<u64>);
    let cases: &[NavigationCase] = &[
        (0, Some(0), Some(0), Some(60_000)),
        (2_000, Some(0), Some(0), Some(60_000)),
        (59_999, Some(0), Some(0), Some(60_000)),
        (60_000, Some(1), Some(0), Some(120_000)),
        (63_000, Some(1), Some(0), Some(120_000)),
        (63_001, Some(1), Some(60_000), Some(120_000)),
        (119_000, Some(1), Some(60_000), Some(120_000)),
        (121_000, Some(2), Some(60_000), None),
        (500_000, Some(2), Some(120_000), None),
    ];
    for &(position, current, previous, next) in cases {
        assert_eq!(chapter_index_at(&chapters, position), current, "{position}");
        assert_eq!(
            previous_chapter_start(&chapters, position),
            previous,
            "{position}"
        );
        assert_eq!(next_chapter_start(&chapters, position), next, "{position}");
    }
}

#[test]
fn chapter_navigation_before_the_first_chapter_and_without_chapters() {
    let chapters = [chapter(10_000, "Late start")];
    assert_eq!(chapter_index_at(&chapters, 5_000), None);
    assert_eq!(previous_chapter_start(&chapters, 5_000), None);
    assert_eq!(next_chapter_start(&chapters, 5_000), Some(10_000));
    assert_eq!(chapter_index_at(&[], 5_000), None);
    assert_eq!(previous_chapter_start(&[], 5_000), None);
    assert_eq!(next_chapter_start(&[], 5_000), None);
}

#[test]
fn timestamps_for_people() {
    let cases = [
        (0, "0:00"),
        (999, "0:00"),
        (65_000, "1:05"),
        (599_000, "9:59"),
        (3_599_999, "59:59"),
        (3_600_000, "1:00:00"),
        (3_723_000, "1:02:03"),
        (360_000_000, "100:00:00"),
    ];
    for (ms, expected) in cases {
        assert_eq!(format_timestamp(ms), expected, "{ms}");
    }
    assert_eq!(format_timestamp(u64::MAX), "5124095576030:25:51");
}

#[test]
fn search_ignores_case_in_any_script() {
    let cases: &[(&str, &str, &[&str])] = &[
        ("Hello hello HELLO", "hello", &["Hello", "hello", "HELLO"]),
        ("Élan, ÉLAN, élan", "éLaN", &["Élan", "ÉLAN", "élan"]),
        ("مرحبا بكم، مرحبا", "مرحبا", &["مرحبا", "مرحبا"]),
        ("ΟΔΟΣ οδος", "οδοσ", &["ΟΔΟΣ", "οδος"]),
        ("aaaa", "aa", &["aa", "aa"]),
        ("line one\nline two", "one line", &["one\nline"]),
        ("İstanbul", "i̇stanbul", &["İstanbul"]),
        ("nothing here", "absent", &[]),
        ("anything", "   ", &[]),
        ("anything", "", &[]),
    ];
    for (haystack, query, expected) in cases {
        let found: Vec<&str> = transcript_matches(haystack, query)
            .into_iter()
            .map(|range| &haystack[range])
            .collect();
        assert_eq!(&found, expected, "{haystack:?} / {query:?}");
    }
}

#[test]
fn search_does_not_match_half_of_a_folded_character() {
    // "İ" lowercases to "i" + U+0307; "i" alone must not match the first half of it.
    assert_eq!(transcript_matches("İ", "i"), vec![]);
    assert_eq!(transcript_matches("İ", "\u{307}"), vec![]);
    assert_eq!(transcript_matches("İ", "İ"), vec![0..2]);
    assert_eq!(transcript_matches("xİx", "x"), vec![0..1, 3..4]);
}

fn cue(start_ms: u64, end_ms: u64, payload: Vec<CueNode>) -> Cue {
    Cue {
        cue_id: None,
        start_ms,
        end_ms,
        settings: CueSettings::default(),
        payload,
    }
}

#[test]
fn transcript_txt_has_one_paragraph_per_distinct_cue() {
    let cues = [
        cue(
            0,
            2_000,
            vec![text("Hello"), CueNode::LineBreak, text("  world ")],
        ),
        cue(2_000, 3_000, vec![text("Hello world")]),
        cue(3_000, 4_000, vec![CueNode::Timestamp(3_500)]),
        cue(65_000, 70_000, vec![CueNode::Bold(vec![text("Next")])]),
        cue(3_723_000, 3_724_000, vec![text("Hello world")]),
    ];
    assert_eq!(
        transcript_txt(&cues),
        "[0:00] Hello world\n\n[1:05] Next\n\n[1:02:03] Hello world\n"
    );
    assert_eq!(transcript_txt(&[]), "");
}

#[test]
fn cue_lookup_prefers_the_latest_start() {
    let cues = [
        cue(0, 10_000, vec![text("long")]),
        cue(2_000, 4_000, vec![text("short")]),
        cue(2_000, 5_000, vec![text("short too")]),
        cue(10_000, 12_000, vec![text("after")]),
    ];
    let active = |position| {
        active_cues(&cues, position)
            .map(|(index, _)| index)
            .collect::<Vec<_>>()
    };
    assert_eq!(active(1_000), vec![0]);
    assert_eq!(active(3_000), vec![0, 1, 2]);
    assert_eq!(active(4_000), vec![0, 2]);
    assert_eq!(active(10_000), vec![3]);
    assert_eq!(active(12_000), Vec::<usize>::new());
    assert_eq!(cue_index_at(&cues, 1_000), Some(0));
    assert_eq!(cue_index_at(&cues, 3_000), Some(2));
    assert_eq!(cue_index_at(&cues, 4_500), Some(2));
    assert_eq!(cue_index_at(&cues, 5_000), Some(0));
    assert_eq!(cue_index_at(&cues, 10_000), Some(3));
    assert_eq!(cue_index_at(&cues, 12_000), None);
}
