use super::*;

fn span(start: f64, end: f64) -> Span {
    Span { start, end }
}

#[test]
fn timestamps_are_hours_minutes_seconds_and_milliseconds() {
    assert_eq!(timestamp(0.0), "00:00:00.000");
    assert_eq!(timestamp(61.2345), "00:01:01.235");
    assert_eq!(timestamp(3723.0004), "01:02:03.000");
}

#[test]
fn a_document_has_the_header_and_numbered_cues() {
    let cues = [
        Cue {
            start: 0.0,
            end: 1.5,
            payload: "one".into(),
        },
        Cue {
            start: 1.9,
            end: 3.0,
            payload: "two\nlines".into(),
        },
    ];
    assert_eq!(
        document(&cues),
        "WEBVTT\n\n1\n00:00:00.000 --> 00:00:01.500\none\n\n2\n00:00:01.900 --> 00:00:03.000\ntwo\nlines\n"
    );
}

#[test]
fn cue_text_is_escaped_and_wrapped() {
    let cues = caption_cues(
        span(1.0, 2.0),
        "Stars & planets <3 in a sky that is very dark tonight",
    );
    assert_eq!(
        cues,
        [Cue {
            start: 1.0,
            end: 2.0,
            payload: "Stars &amp; planets &lt;3 in a sky\nthat is very dark tonight".into(),
        }]
    );
}

#[test]
fn two_lines_are_balanced_and_prefer_breaking_after_a_comma() {
    let cues = caption_cues(
        span(0.0, 1.0),
        "Welcome to a tour of tonight's sky, with nothing but your own eyes.",
    );
    assert_eq!(
        cues[0].payload,
        "Welcome to a tour of tonight's sky,\nwith nothing but your own eyes."
    );
    let cues = caption_cues(span(0.0, 1.0), "Clear skies, and happy observing!");
    assert_eq!(cues[0].payload, "Clear skies, and happy observing!");
    let cues = caption_cues(
        span(0.0, 1.0),
        "Planets move slowly against the stars from night to night.",
    );
    assert_eq!(
        cues[0].payload,
        "Planets move slowly against\nthe stars from night to night."
    );
}

#[test]
fn a_sentence_that_fits_two_lines_is_one_cue() {
    let text = "Its long axis and two bright pointer stars guide you to the south celestial pole.";
    let cues = caption_cues(span(0.0, 5.0), text);
    assert_eq!(cues.len(), 1);
    assert_eq!(cues[0].payload.lines().count(), 2);
}

#[test]
fn a_long_sentence_splits_at_the_middle_comma_with_proportional_times() {
    let text = "When the Moon is new the sky is at its darkest, \
                and that is the best time to look for the faint band of the Milky Way.";
    let cues = caption_cues(span(10.0, 20.0), text);
    assert_eq!(cues.len(), 2);
    assert_eq!(
        cues[0].payload,
        "When the Moon is new the\nsky is at its darkest,"
    );
    assert!(cues[1].payload.starts_with("and that is the best time"));
    let first_share = 47.0 / (47.0 + 70.0);
    assert!((cues[0].end - (10.0 + 10.0 * first_share)).abs() < 1e-9);
    assert_eq!(cues[1].start, cues[0].end);
    assert_eq!(cues[1].end, 20.0);
    assert!(cues.iter().all(|cue| cue
        .payload
        .lines()
        .all(|line| line.chars().count() <= LINE_WIDTH)));
}

#[test]
fn a_long_sentence_without_commas_splits_at_a_space() {
    let text =
        "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen";
    let cues = caption_cues(span(0.0, 1.0), text);
    assert_eq!(cues.len(), 2);
    assert!(
        cues[0].payload.replace('\n', " ").ends_with("eight nine"),
        "{cues:?}"
    );
}

#[test]
fn a_translation_takes_the_caption_times() {
    let captions = [
        Cue {
            start: 2.0,
            end: 5.0,
            payload: String::new(),
        },
        Cue {
            start: 5.0,
            end: 8.0,
            payload: String::new(),
        },
    ];
    let cues = translated_cues(
        &captions,
        "أولًا هنا، ثم الجزء الثاني، وأخيرًا الجزء الثالث الأطول",
    );
    assert_eq!(cues.len(), 2);
    assert_eq!((cues[0].start, cues[0].end), (2.0, 5.0));
    assert_eq!((cues[1].start, cues[1].end), (5.0, 8.0));
    assert_eq!(cues[0].payload, "أولًا هنا، ثم الجزء الثاني،");
    let single = translated_cues(&captions[..1], "جملة قصيرة");
    assert_eq!((single[0].start, single[0].end), (2.0, 5.0));
}

#[test]
fn chapters_run_until_the_next_one_starts() {
    let cues = chapter_cues(&[(0.0, "Welcome"), (12.5, "Orion & friends")], 30.0);
    assert_eq!((cues[0].start, cues[0].end), (0.0, 12.5));
    assert_eq!((cues[1].start, cues[1].end), (12.5, 30.0));
    assert_eq!(cues[1].payload, "Orion &amp; friends");
}

#[test]
fn a_voice_span_wraps_the_payload() {
    let mut cue = caption_cues(span(0.0, 1.0), "Hello").remove(0);
    add_voice(&mut cue, "Narrator");
    assert_eq!(cue.payload, "<v Narrator>Hello</v>");
}
