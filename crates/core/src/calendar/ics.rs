//! An iCalendar (RFC 5545) export of deadlines and sessions: UTC times (`…Z`), so every
//! calendar app shows each in its user's own zone; a stable `UID` per item, so importing
//! again updates rather than duplicates; text escaped (`\\`, `;`, `,`, newlines) and lines
//! folded at 75 octets, never inside a character, with CRLF line ends.

use jiff::Timestamp;

/// The longest line, in octets, before it is folded.
const MAX_LINE_OCTETS: usize = 75;

/// One deadline or session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IcsEvent {
    /// Stable across exports: the same item always has the same UID.
    pub uid: String,
    pub starts_at: Timestamp,
    /// A deadline has none: it takes no time.
    pub ends_at: Option<Timestamp>,
    pub summary: String,
    pub description: Option<String>,
    /// Where the item is in the player.
    pub url: Option<String>,
}

/// The calendar `name` holding `events`, exported at `stamp`.
pub fn calendar_ics(name: &str, events: &[IcsEvent], stamp: Timestamp) -> String {
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_owned(),
        "VERSION:2.0".to_owned(),
        "PRODID:-//Lectern//Lectern player//EN".to_owned(),
        "CALSCALE:GREGORIAN".to_owned(),
        "METHOD:PUBLISH".to_owned(),
        format!("X-WR-CALNAME:{}", escape_text(name)),
    ];
    for event in events {
        lines.push("BEGIN:VEVENT".to_owned());
        lines.push(format!("UID:{}", escape_text(&event.uid)));
        lines.push(format!("DTSTAMP:{}", utc(stamp)));
        lines.push(format!("DTSTART:{}", utc(event.starts_at)));
        if let Some(ends_at) = event.ends_at.filter(|ends_at| *ends_at > event.starts_at) {
            lines.push(format!("DTEND:{}", utc(ends_at)));
        }
        lines.push(format!("SUMMARY:{}", escape_text(&event.summary)));
        if let Some(description) = &event.description {
            lines.push(format!("DESCRIPTION:{}", escape_text(description)));
        }
        if let Some(url) = &event.url {
            let url: String = url.chars().filter(|c| !c.is_control()).collect();
            lines.push(format!("URL:{url}"));
        }
        lines.push("END:VEVENT".to_owned());
    }
    lines.push("END:VCALENDAR".to_owned());
    lines.iter().map(|line| fold(line)).collect()
}

/// `2026-05-04T09:00:00Z` as `20260504T090000Z`.
fn utc(at: Timestamp) -> String {
    at.strftime("%Y%m%dT%H%M%SZ").to_string()
}

/// A TEXT value: backslashes, semicolons, commas and newlines escaped; other control
/// characters dropped.
pub fn escape_text(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => escaped.push_str("\\\\"),
            ';' => escaped.push_str("\\;"),
            ',' => escaped.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                escaped.push_str("\\n");
            }
            '\n' => escaped.push_str("\\n"),
            c if c.is_control() => {}
            c => escaped.push(c),
        }
    }
    escaped
}

/// `line` with CRLF, folded: at most 75 octets a line, each continuation starting with a
/// space.
fn fold(line: &str) -> String {
    let mut folded = String::with_capacity(line.len() + line.len() / 64 * 3 + 2);
    let mut octets = 0;
    for c in line.chars() {
        let width = c.len_utf8();
        if octets + width > MAX_LINE_OCTETS {
            folded.push_str("\r\n ");
            octets = 1;
        }
        folded.push(c);
        octets += width;
    }
    folded.push_str("\r\n");
    folded
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn at(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    /// The logical lines of an export: folds undone, CRLFs removed.
    fn unfold(ics: &str) -> Vec<String> {
        ics.replace("\r\n ", "")
            .split("\r\n")
            .filter(|line| !line.is_empty())
            .map(str::to_owned)
            .collect()
    }

    fn unescape(text: &str) -> String {
        let mut plain = String::new();
        let mut chars = text.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                match chars.next() {
                    Some('n') => plain.push('\n'),
                    Some(other) => plain.push(other),
                    None => {}
                }
            } else {
                plain.push(c);
            }
        }
        plain
    }

    fn deadline() -> IcsEvent {
        IcsEvent {
            uid: "astronomy-101.star-journal.due@lectern".into(),
            starts_at: at("2026-05-04T09:00:00Z"),
            ends_at: None,
            summary: "Due: Star journal; week 1, part 2".into(),
            description: Some("Hand in your notes.\nThree nights, at least.".into()),
            url: Some(
                "https://lectern.example.edu/courses/astronomy-101/lessons/star-journal".into(),
            ),
        }
    }

    #[test]
    fn a_calendar_is_exactly_what_calendar_apps_import() {
        let ics = calendar_ics(
            "Astronomy, deadlines",
            &[deadline()],
            at("2026-05-01T08:30:00Z"),
        );
        let expected = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Lectern//Lectern player//EN\r\n\
            CALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\nX-WR-CALNAME:Astronomy\\, deadlines\r\n\
            BEGIN:VEVENT\r\nUID:astronomy-101.star-journal.due@lectern\r\nDTSTAMP:20260501T083000Z\r\n\
            DTSTART:20260504T090000Z\r\nSUMMARY:Due: Star journal\\; week 1\\, part 2\r\n\
            DESCRIPTION:Hand in your notes.\\nThree nights\\, at least.\r\n\
            URL:https://lectern.example.edu/courses/astronomy-101/lessons/star-journal\r\n\
            END:VEVENT\r\nEND:VCALENDAR\r\n";
        assert_eq!(ics, expected);
    }

    #[test]
    fn a_session_has_its_end_and_every_time_is_utc() {
        let session = IcsEvent {
            ends_at: Some(at("2026-05-06T19:30:00+02:00")),
            starts_at: at("2026-05-06T18:00:00+02:00"),
            ..deadline()
        };
        let lines = unfold(&calendar_ics("c", &[session], at("2026-05-01T00:00:00Z")));
        assert!(lines.contains(&"DTSTART:20260506T160000Z".to_owned()));
        assert!(lines.contains(&"DTEND:20260506T173000Z".to_owned()));
    }

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_a_character() {
        let summary = "Due: ".to_owned() + &"النجوم والكواكب ".repeat(12) + "✨";
        let event = IcsEvent {
            summary: summary.clone(),
            ..deadline()
        };
        let ics = calendar_ics("c", &[event], at("2026-05-01T00:00:00Z"));
        for line in ics.split("\r\n") {
            assert!(
                line.len() <= MAX_LINE_OCTETS,
                "{} octets: {line}",
                line.len()
            );
        }
        assert!(ics.contains("\r\n "), "the summary was folded");
        let summary_line = unfold(&ics)
            .into_iter()
            .find(|line| line.starts_with("SUMMARY:"))
            .unwrap();
        assert_eq!(unescape(&summary_line["SUMMARY:".len()..]), summary);
    }

    #[test]
    fn text_is_escaped_and_control_characters_dropped() {
        assert_eq!(
            escape_text("a\\b;c,d\r\ne\rf\ng\u{7}h"),
            "a\\\\b\\;c\\,d\\ne\\nf\\ngh"
        );
    }

    proptest! {
        /// Any titles and descriptions: every line is at most 75 octets and ends in CRLF,
        /// and unfolding and unescaping gives the text back (less control characters).
        #[test]
        fn any_text_round_trips(summary in "\\PC{0,200}", description in ".{0,200}", uid in "[a-z0-9.@-]{1,80}") {
            let event = IcsEvent { uid, summary: summary.clone(), description: Some(description.clone()), ..deadline() };
            let ics = calendar_ics("c", &[event], at("2026-05-01T00:00:00Z"));
            prop_assert!(ics.ends_with("\r\n"));
            for line in ics.split("\r\n") {
                prop_assert!(line.len() <= MAX_LINE_OCTETS);
                prop_assert!(!line.contains('\r') && !line.contains('\n'));
            }
            let lines = unfold(&ics);
            let field = |name: &str| lines.iter().find(|l| l.starts_with(name)).map(|l| unescape(&l[name.len()..]));
            // Every line break (CRLF, CR or LF) is one newline; other controls are dropped.
            let keep = |text: &str| {
                text.replace("\r\n", "\n")
                    .replace('\r', "\n")
                    .chars()
                    .filter(|c| !c.is_control() || *c == '\n')
                    .collect::<String>()
            };
            prop_assert_eq!(field("SUMMARY:"), Some(keep(&summary)));
            prop_assert_eq!(field("DESCRIPTION:"), Some(keep(&description)));
        }
    }
}
