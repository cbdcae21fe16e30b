//! Real-world and malformed WebVTT files: exact cue timings and texts, node trees for a
//! representative subset, and the kind and line of every warning.
#![allow(clippy::unwrap_used)] // test helpers outside #[test] fns

use lectern_core::vtt::{
    chapters_from_cues, parse_vtt, transcript_matches, transcript_txt, Chapter, CueAlign, CueNode,
    VttDocument, VttError, VttWarningKind, MAX_VTT_BYTES,
};
use VttWarningKind::*;

fn parse(source: &str) -> VttDocument {
    parse_vtt(source).unwrap()
}

fn text(s: &str) -> CueNode {
    CueNode::Text(s.into())
}

/// Each cue as `(start_ms, end_ms, plain text)`.
fn summary(document: &VttDocument) -> Vec<(u64, u64, String)> {
    document
        .cues
        .iter()
        .map(|cue| (cue.start_ms, cue.end_ms, cue.plain_text()))
        .collect()
}

fn warnings(document: &VttDocument) -> Vec<(VttWarningKind, usize)> {
    document.warnings.iter().map(|w| (w.kind, w.line)).collect()
}

const YOUTUBE: &str = "WEBVTT
Kind: captions
Language: en

00:00:00.000 --> 00:00:02.350 align:start position:0%
 
so<00:00:00.320><c> today</c><00:00:00.560><c> we're</c>

00:00:02.350 --> 00:00:02.360 align:start position:0%
so today we're
 

00:00:02.360 --> 00:00:05.030 align:start position:0%
so today we're
going<00:00:02.720><c> to</c>
";

const BLOCKS: &str = "WEBVTT

STYLE
::cue { color: yellow }

REGION
id:fred width:40%

NOTE This is a comment
spanning two lines

NOTE
another

00:01.000 --> 00:02.000 region:fred
Hi

STYLE
::cue { color: red }

NOTE after the cues is fine
";

const CHAPTERS: &str = "WEBVTT

chapter-1
00:00.000 --> 01:30.000
Introduction

chapter-3
05:00.000 --> 10:00.000
  What <i>next</i>?
  Questions  

chapter-2
01:30.000 --> 05:00.000
The   main idea

00:10:00.000 --> 00:10:01.000
<00:10:00.500>
";

struct Case {
    name: &'static str,
    source: &'static str,
    cues: Vec<(u64, u64, &'static str)>,
    warnings: Vec<(VttWarningKind, usize)>,
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "YouTube auto captions",
            source: YOUTUBE,
            cues: vec![
                (0, 2350, " \nso today we're"),
                (2350, 2360, "so today we're\n "),
                (2360, 5030, "so today we're\ngoing to"),
            ],
            warnings: vec![],
        },
        Case {
            name: "BOM and CRLF, numeric ids as converted from SRT",
            source: "\u{FEFF}WEBVTT\r\n\r\n1\r\n00:00:01.000 --> 00:00:04.000\r\nHello\r\nworld\r\n\r\n2\r\n00:00:05.000 --> 00:00:06.000\r\nBye\r\n",
            cues: vec![(1000, 4000, "Hello\nworld"), (5000, 6000, "Bye")],
            warnings: vec![],
        },
        Case {
            name: "CR line endings",
            source: "WEBVTT\r\r00:01.000 --> 00:02.000\rone\rtwo\r\r00:03.000 --> 00:04.000\rthree",
            cues: vec![(1000, 2000, "one\ntwo"), (3000, 4000, "three")],
            warnings: vec![],
        },
        Case {
            name: "NOTE, STYLE and REGION blocks",
            source: BLOCKS,
            cues: vec![(1000, 2000, "Hi")],
            warnings: vec![(MissingTiming, 18)],
        },
        Case {
            name: "header text and a cue right after the header",
            source: "WEBVTT - lecture 1\n00:00.000 --> 00:01.000\nHi",
            cues: vec![(0, 1000, "Hi")],
            warnings: vec![],
        },
        Case {
            name: "hours above 99",
            source: "WEBVTT\n\n123:00:00.000 --> 123:00:01.500\nLate",
            cues: vec![(442_800_000, 442_801_500, "Late")],
            warnings: vec![],
        },
        Case {
            name: "Arabic text",
            source: "WEBVTT\n\n00:01.000 --> 00:03.000 align:right\n<lang ar>السلام عليكم</lang>\nورحمة الله",
            cues: vec![(1000, 3000, "السلام عليكم\nورحمة الله")],
            warnings: vec![],
        },
        Case {
            name: "entities, numeric and bad ones",
            source: "WEBVTT\n\n00:01.000 --> 00:02.000\nTom &amp; Jerry &lt;3 &#x263A;&#128512; &#0;&#xD800; &bogus; AT&T &amp &",
            cues: vec![(
                1000,
                2000,
                "Tom & Jerry <3 ☺😀 \u{FFFD}\u{FFFD} &bogus; AT&T &amp &",
            )],
            warnings: vec![],
        },
        Case {
            name: "script and img tags are dropped, their text kept",
            source: "WEBVTT\n\n00:01.000 --> 00:02.000\n<script>alert(1)</script><img src=x onerror=alert(2)>ok",
            cues: vec![(1000, 2000, "alert(1)ok")],
            warnings: vec![(UnknownTag, 4), (UnknownTag, 4)],
        },
        Case {
            name: "two fraction digits",
            source: "WEBVTT\n\n00:01.00 --> 00:02.000\nskipped\n\n00:03.000 --> 00:04.000\nkept",
            cues: vec![(3000, 4000, "kept")],
            warnings: vec![(BadTiming, 3)],
        },
        Case {
            name: "minutes 60",
            source: "WEBVTT\n\n00:01.000 --> 60:00.000\nskipped\n\n01:00:00.000 --> 01:60:00.000\nskipped too",
            cues: vec![],
            warnings: vec![(BadTiming, 3), (BadTiming, 6)],
        },
        Case {
            name: "missing arrow",
            source: "WEBVTT\n\n00:01.000 00:02.000\nskipped\n\n00:03.000 --> 00:04.000\nkept",
            cues: vec![(3000, 4000, "kept")],
            warnings: vec![(MissingTiming, 3)],
        },
        Case {
            name: "end before or at start",
            source: "WEBVTT\n\n00:05.000 --> 00:04.000\nbackwards\n\n00:05.000 --> 00:05.000\nzero\n\n00:05.000 --> 00:05.001\nshort",
            cues: vec![(5000, 5001, "short")],
            warnings: vec![(EndBeforeStart, 3), (EndBeforeStart, 6)],
        },
        Case {
            name: "empty payloads",
            source: "WEBVTT\n\n00:01.000 --> 00:02.000\n\n00:02.000 --> 00:03.000\n<b> </b>\n\nid\n00:03.000 --> 00:04.000\n00:04.000 --> 00:05.000\nafter",
            cues: vec![(4000, 5000, "after")],
            warnings: vec![(EmptyCue, 3), (EmptyCue, 5), (EmptyCue, 9)],
        },
        Case {
            name: "a line with --> ends the cue text",
            source: "WEBVTT\n\n00:01.000 --> 00:02.000\nfirst\nthis --> that\nswallowed\n\n00:03.000 --> 00:04.000\nok",
            cues: vec![(1000, 2000, "first"), (3000, 4000, "ok")],
            warnings: vec![(BadTiming, 5)],
        },
        Case {
            name: "two identifier lines",
            source: "WEBVTT\n\nid one\nid two\n00:01.000 --> 00:02.000\ntext",
            cues: vec![(1000, 2000, "text")],
            warnings: vec![(MissingTiming, 3)],
        },
        Case {
            name: "overlapping cues",
            source: "WEBVTT\n\n00:01.000 --> 00:05.000 line:0\ntop\n\n00:02.000 --> 00:03.000\nbottom",
            cues: vec![(1000, 5000, "top"), (2000, 3000, "bottom")],
            warnings: vec![],
        },
        Case {
            name: "unsorted cues are sorted, ties keep file order",
            source: "WEBVTT\n\n00:09.000 --> 00:10.000\nlast\n\n00:01.000 --> 00:03.000\nsecond\n\n00:01.000 --> 00:02.000\nfirst\n\n00:01.000 --> 00:03.000\nthird",
            cues: vec![
                (1000, 2000, "first"),
                (1000, 3000, "second"),
                (1000, 3000, "third"),
                (9000, 10_000, "last"),
            ],
            warnings: vec![],
        },
        Case {
            name: "bad settings are ignored, the cue kept",
            source: "WEBVTT\n\n00:01.000 --> 00:02.000 align:middle size:50% line:x\nkept",
            cues: vec![(1000, 2000, "kept")],
            warnings: vec![(BadSetting, 3), (BadSetting, 3)],
        },
        Case {
            name: "unclosed and stray tags, with their lines",
            source: "WEBVTT\n\n00:01.000 --> 00:02.000\n<b>open\n</i>still bold",
            cues: vec![(1000, 2000, "open\nstill bold")],
            warnings: vec![(StrayEndTag, 5), (UnclosedTag, 4)],
        },
    ]
}

#[test]
fn every_case_gives_its_cues_and_warnings() {
    for case in cases() {
        let document = parse(case.source);
        let expected: Vec<(u64, u64, String)> = case
            .cues
            .iter()
            .map(|&(start, end, text)| (start, end, text.to_owned()))
            .collect();
        assert_eq!(summary(&document), expected, "{}", case.name);
        assert_eq!(warnings(&document), case.warnings, "{}", case.name);
    }
}

#[test]
fn signatures() {
    let rejected = [
        "",
        "\u{FEFF}",
        "WEBVTT-foo\n\n00:01.000 --> 00:02.000\nx",
        "WEBVTTfoo",
        "webvtt",
        " WEBVTT",
        "NOTE\nWEBVTT",
        "1\n00:00:01,000 --> 00:00:02,000\nan SRT file",
    ];
    for source in rejected {
        assert_eq!(
            parse_vtt(source),
            Err(VttError::MissingSignature),
            "{source:?}"
        );
    }
    for source in [
        "WEBVTT",
        "WEBVTT\n",
        "WEBVTT Kind: captions",
        "WEBVTT\tx",
        "\u{FEFF}WEBVTT\r\n",
    ] {
        assert_eq!(
            parse_vtt(source),
            Ok(VttDocument {
                cues: vec![],
                warnings: vec![]
            }),
            "{source:?}"
        );
    }
}

#[test]
fn files_over_the_limit_are_refused() {
    let mut source = String::from("WEBVTT\n\n");
    source.push_str(&"x".repeat(MAX_VTT_BYTES + 1 - source.len()));
    assert_eq!(parse_vtt(&source), Err(VttError::TooLarge));
    source.pop();
    assert_eq!(parse_vtt(&source).map(|d| d.cues.len()), Ok(0));
}

#[test]
fn youtube_captions_keep_their_timestamps_and_settings() {
    let document = parse(YOUTUBE);
    let first = &document.cues[0];
    assert_eq!(first.settings.align, Some(CueAlign::Start));
    assert_eq!(first.settings.position_percent, Some(0.0));
    assert_eq!(
        first.payload,
        vec![
            text(" "),
            CueNode::LineBreak,
            text("so"),
            CueNode::Timestamp(320),
            CueNode::Class {
                classes: vec![],
                children: vec![text(" today")]
            },
            CueNode::Timestamp(560),
            CueNode::Class {
                classes: vec![],
                children: vec![text(" we're")]
            },
        ]
    );
    assert_eq!(
        transcript_txt(&document.cues),
        "[0:00] so today we're\n\n[0:02] so today we're going to\n"
    );
}

#[test]
fn cue_identifiers_numeric_and_text() {
    let document = parse(
        "WEBVTT\n\n1\n00:01.000 --> 00:02.000\none\n\nintro - part 1\n00:03.000 --> 00:04.000\ntwo\n\n00:05.000 --> 00:06.000\nthree",
    );
    let ids: Vec<Option<&str>> = document.cues.iter().map(|c| c.cue_id.as_deref()).collect();
    assert_eq!(ids, vec![Some("1"), Some("intro - part 1"), None]);
}

#[test]
fn voice_spans_with_and_without_end_tags() {
    let document = parse(
        "WEBVTT\n\n00:01.000 --> 00:02.000\n<v Roger Bingham>We are in New York City</v>\n\n00:02.000 --> 00:03.000\n<v.loud.first Neil deGrasse Tyson>Yes, <i>really</i>",
    );
    assert_eq!(
        document.cues[0].payload,
        vec![CueNode::Voice {
            speaker: "Roger Bingham".into(),
            classes: vec![],
            children: vec![text("We are in New York City")],
        }]
    );
    assert_eq!(
        document.cues[1].payload,
        vec![CueNode::Voice {
            speaker: "Neil deGrasse Tyson".into(),
            classes: vec!["loud".into(), "first".into()],
            children: vec![text("Yes, "), CueNode::Italic(vec![text("really")])],
        }]
    );
    assert_eq!(document.warnings, vec![]);
}

#[test]
fn ruby_and_nested_styles() {
    let document = parse(
        "WEBVTT\n\n00:01.000 --> 00:02.000\n<ruby>東<rt>とう</rt>京<rt>きょう</rt></ruby> <b><i><u>all</u> bi</i> b</b>",
    );
    let cue = &document.cues[0];
    assert_eq!(
        cue.payload,
        vec![
            CueNode::Ruby {
                children: vec![
                    text("東"),
                    CueNode::RubyText(vec![text("とう")]),
                    text("京"),
                    CueNode::RubyText(vec![text("きょう")]),
                ]
            },
            text(" "),
            CueNode::Bold(vec![
                CueNode::Italic(vec![CueNode::Underline(vec![text("all")]), text(" bi")]),
                text(" b"),
            ]),
        ]
    );
    assert_eq!(cue.plain_text(), "東(とう)京(きょう) all bi b");
}

#[test]
fn script_payload_is_only_text() {
    let document = parse("WEBVTT\n\n00:01.000 --> 00:02.000\n<script>alert(1)</script>");
    assert_eq!(document.cues[0].payload, vec![text("alert(1)")]);
    let kinds: Vec<VttWarningKind> = document.warnings.iter().map(|w| w.kind).collect();
    assert_eq!(kinds, vec![UnknownTag]);
    assert!(
        document.warnings[0].message.contains("script"),
        "{:?}",
        document.warnings
    );
}

#[test]
fn chapters_file() {
    let document = parse(CHAPTERS);
    assert_eq!(warnings(&document), vec![(EmptyCue, 16)]);
    let chapter = |start_ms, end_ms, title: &str| Chapter {
        start_ms,
        end_ms: Some(end_ms),
        title: title.into(),
    };
    assert_eq!(
        chapters_from_cues(&document.cues),
        vec![
            chapter(0, 90_000, "Introduction"),
            chapter(90_000, 300_000, "The   main idea"),
            chapter(300_000, 600_000, "What next? Questions"),
        ]
    );
}

#[test]
fn arabic_transcript_search() {
    let document = parse(
        "WEBVTT\n\n00:01.000 --> 00:03.000\nمرحبا بكم في الدرس الأول\n\n00:03.000 --> 00:05.000\nمرحبا مرة أخرى",
    );
    let texts: Vec<String> = document.cues.iter().map(|c| c.plain_text()).collect();
    let found: Vec<Vec<&str>> = texts
        .iter()
        .map(|t| {
            transcript_matches(t, " الدرس ")
                .into_iter()
                .map(|range| &t[range])
                .collect()
        })
        .collect();
    assert_eq!(found, vec![vec!["الدرس"], vec![]]);
    assert_eq!(transcript_matches(&texts[1], "مرحبا"), vec![0..10]);
}
