//! The demo course's lecture scripts as data: each lecture is a list of chapters, and each
//! chapter has the slide it shows (title and bullets) and the sentences narrated over it.
//! The fingerprint of this text decides whether the cached media is still current.

mod planets;
mod tour;

pub use planets::{PLANETS_AT_A_GLANCE, PLANETS_NARRATED};
pub use tour::TOUR_OF_THE_SKY;

/// One narrated sentence, with its Arabic translation where the lecture has subtitles.
pub struct Sentence {
    pub english: &'static str,
    pub arabic: Option<&'static str>,
}

/// A sentence narrated in English only.
pub const fn said(english: &'static str) -> Sentence {
    Sentence {
        english,
        arabic: None,
    }
}

/// A sentence narrated in English and subtitled in Arabic.
pub const fn translated(english: &'static str, arabic: &'static str) -> Sentence {
    Sentence {
        english,
        arabic: Some(arabic),
    }
}

/// A chapter of a lecture: one slide, shown while its sentences are narrated.
pub struct Chapter {
    pub title: &'static str,
    pub bullets: &'static [&'static str],
    pub sentences: &'static [Sentence],
}

/// A lecture of the demo course.
pub struct Lecture {
    pub lesson_id: &'static str,
    pub title: &'static str,
    pub chapters: &'static [Chapter],
}

impl Lecture {
    pub fn sentences(&self) -> impl Iterator<Item = &Sentence> {
        self.chapters
            .iter()
            .flat_map(|chapter| chapter.sentences.iter())
    }
}

/// Every lecture the generator renders.
pub const LECTURES: [&Lecture; 3] = [&TOUR_OF_THE_SKY, &PLANETS_NARRATED, &PLANETS_AT_A_GLANCE];

/// A stable 64-bit FNV-1a hash of every script text and `generator_version`; unlike
/// `DefaultHasher` it never changes between Rust releases.
pub fn fingerprint(generator_version: u32) -> u64 {
    let mut hash = Fnv1a::default();
    hash.write(&generator_version.to_le_bytes());
    for lecture in LECTURES {
        hash.write_str(lecture.lesson_id);
        hash.write_str(lecture.title);
        for chapter in lecture.chapters {
            hash.write_str(chapter.title);
            for bullet in chapter.bullets {
                hash.write_str(bullet);
            }
            for sentence in chapter.sentences {
                hash.write_str(sentence.english);
                hash.write_str(sentence.arabic.unwrap_or_default());
            }
        }
    }
    hash.0
}

struct Fnv1a(u64);

impl Default for Fnv1a {
    fn default() -> Fnv1a {
        Fnv1a(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv1a {
    fn write(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.0 ^= u64::from(*byte);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }

    /// Writes `text` followed by a separator, so ("ab", "c") and ("a", "bc") differ.
    fn write_str(&mut self, text: &str) {
        self.write(text.as_bytes());
        self.write(&[0xff]);
    }
}

#[cfg(test)]
mod tests;
