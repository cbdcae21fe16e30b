use super::*;
use crate::demo_media::narration::Span;
use crate::demo_media::vtt::{caption_cues, translated_cues, LINE_WIDTH, MAX_LINES};

#[test]
fn fnv1a_matches_the_reference_vectors() {
    let hash_of = |bytes: &[u8]| {
        let mut hash = Fnv1a::default();
        hash.write(bytes);
        hash.0
    };
    assert_eq!(hash_of(b""), 0xcbf2_9ce4_8422_2325);
    assert_eq!(hash_of(b"a"), 0xaf63_dc4c_8601_ec8c);
    assert_eq!(hash_of(b"foobar"), 0x8594_4171_f739_67e8);
}

#[test]
fn the_fingerprint_follows_the_generator_version() {
    assert_eq!(fingerprint(1), fingerprint(1));
    assert_ne!(fingerprint(1), fingerprint(2));
}

#[test]
fn every_sentence_of_the_tour_is_translated() {
    let untranslated: Vec<&str> = TOUR_OF_THE_SKY
        .sentences()
        .filter(|sentence| sentence.arabic.is_none_or(str::is_empty))
        .map(|sentence| sentence.english)
        .collect();
    assert!(untranslated.is_empty(), "{untranslated:?}");
}

/// One cue per sentence, so the caption count equals the sentence count, and every cue
/// within two lines in both languages.
#[test]
fn every_sentence_fits_one_caption_cue_in_each_language() {
    let span = Span {
        start: 0.0,
        end: 5.0,
    };
    for lecture in LECTURES {
        for sentence in lecture.sentences() {
            let english = caption_cues(span, sentence.english);
            assert_eq!(english.len(), 1, "{}", sentence.english);
            let mut cues = english.clone();
            if let Some(arabic) = sentence.arabic {
                cues.extend(translated_cues(&english, arabic));
            }
            for cue in cues {
                let lines: Vec<&str> = cue.payload.lines().collect();
                assert!(lines.len() <= MAX_LINES, "{lines:?}");
                assert!(
                    lines.iter().all(|line| line.chars().count() <= LINE_WIDTH),
                    "{lines:?}"
                );
            }
        }
    }
}

#[test]
fn every_slide_has_a_title_and_three_or_four_bullets() {
    for lecture in [&TOUR_OF_THE_SKY, &PLANETS_AT_A_GLANCE] {
        for chapter in lecture.chapters {
            assert!(!chapter.title.is_empty());
            assert!(
                (3..=4).contains(&chapter.bullets.len()),
                "{}",
                chapter.title
            );
            assert!(!chapter.sentences.is_empty(), "{}", chapter.title);
        }
    }
}
