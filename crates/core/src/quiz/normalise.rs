//! How typed text answers (short text, fill-in-the-blanks) are compared with the accepted
//! answers: both sides are normalised the same way, then compared exactly.
//!
//! Always: Unicode normalisation (NFC when case-sensitive, NFKC otherwise, so "Café" written
//! with a combining accent equals the precomposed one), runs of whitespace collapsed to one
//! space, and leading and trailing whitespace removed.
//!
//! When the answer is not case-sensitive, also: lower case (Unicode `to_lowercase`),
//! Arabic short-vowel marks (tashkeel, U+064B–U+065F and U+0670) and the tatweel (U+0640)
//! removed, since both are optional in ordinary writing, and leading or trailing
//! punctuation from [`EDGE_PUNCTUATION`] removed ("Jupiter." equals "jupiter"). Letters with
//! diacritics are never folded to plain letters: "resume" and "résumé" differ.

use unicode_normalization::UnicodeNormalization;

/// Punctuation ignored at either end of an answer that is not case-sensitive.
pub const EDGE_PUNCTUATION: &[char] = &[
    '.', ',', ';', ':', '!', '?', '"', '\'', '`', '(', ')', '[', ']', '¡', '¿', '«', '»', '“', '”',
    '‘', '’', '。', '、', '،', '؛', '؟',
];

/// `text` in the form answers are compared in.
pub fn normalise_answer(text: &str, is_case_sensitive: bool) -> String {
    let unified: String = if is_case_sensitive {
        text.nfc().collect()
    } else {
        let lowered = text.nfkc().collect::<String>().to_lowercase();
        lowered
            .nfkc()
            .filter(|c| !is_optional_arabic_mark(*c))
            .collect()
    };
    let collapsed = unified.split_whitespace().collect::<Vec<_>>().join(" ");
    if is_case_sensitive {
        collapsed
    } else {
        collapsed
            .trim_matches(|c: char| EDGE_PUNCTUATION.contains(&c) || c.is_whitespace())
            .to_owned()
    }
}

/// Whether `given` matches any of `accepted` after normalisation.
pub fn matches_any(given: &str, accepted: &[String], is_case_sensitive: bool) -> bool {
    let given = normalise_answer(given, is_case_sensitive);
    !given.is_empty()
        && accepted
            .iter()
            .any(|candidate| normalise_answer(candidate, is_case_sensitive) == given)
}

fn is_optional_arabic_mark(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_normalise_as_documented() {
        let cases: &[(&str, bool, &str)] = &[
            ("  The   Sun \n", false, "the sun"),
            ("Café", false, "café"),
            ("Cafe\u{301}", false, "café"),
            ("Cafe\u{301}", true, "Café"),
            ("Jupiter.", false, "jupiter"),
            ("Jupiter.", true, "Jupiter."),
            ("«Mars»", false, "mars"),
            ("ＭＡＲＳ", false, "mars"),
            ("ＭＡＲＳ", true, "ＭＡＲＳ"),
            ("الشَّمْس", false, "الشمس"),
            ("القمــر", false, "القمر"),
            ("ما هو؟", false, "ما هو"),
            ("résumé", false, "résumé"),
            ("...", false, ""),
        ];
        for (raw, is_case_sensitive, expected) in cases {
            assert_eq!(
                normalise_answer(raw, *is_case_sensitive),
                *expected,
                "{raw:?} case-sensitive={is_case_sensitive}"
            );
        }
    }

    #[test]
    fn matching_uses_the_same_normalisation_on_both_sides() {
        let accepted = vec!["Cafe\u{301}".to_owned(), "coffee house".to_owned()];
        assert!(matches_any("café", &accepted, false));
        assert!(matches_any("Coffee   House!", &accepted, false));
        assert!(!matches_any("cafe", &accepted, false));
        assert!(!matches_any("café", &accepted, true));
        assert!(!matches_any("", &["".to_owned()], false));
    }
}
