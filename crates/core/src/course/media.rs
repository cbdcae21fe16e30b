//! The parts of a manifest that describe timed media: a video or audio lecture with its
//! text tracks, chapters, completion rule and in-video questions, and slide decks that may
//! follow a narration track.

use super::MediaUrl;
use serde::Serialize;

/// The share of a lecture a learner must really watch before it counts as complete.
pub const DEFAULT_COMPLETION_PERCENT: u8 = 90;

/// A video or audio lecture.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MediaLesson {
    pub media_url: MediaUrl,
    /// The length the author states; the player trusts the media's own duration once known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration_seconds: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub poster_url: Option<MediaUrl>,
    /// Captions and subtitles, in the order the captions menu lists them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tracks: Vec<TextTrack>,
    /// A WebVTT chapters file; when absent, `chapters` (if any) are used.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chapters_url: Option<MediaUrl>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub chapters: Vec<ManifestChapter>,
    /// Percent of the lecture (1 to 100) that must be watched for completion.
    pub completion_threshold_percent: u8,
    /// Questions that pause playback at a point in the lecture, in time order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub questions: Vec<TimedQuestion>,
}

impl MediaLesson {
    /// A lecture with only its media file, everything else at defaults.
    pub fn from_url(media_url: MediaUrl) -> MediaLesson {
        MediaLesson {
            media_url,
            duration_seconds: None,
            poster_url: None,
            tracks: Vec::new(),
            chapters_url: None,
            chapters: Vec::new(),
            completion_threshold_percent: DEFAULT_COMPLETION_PERCENT,
            questions: Vec::new(),
        }
    }
}

/// Whether a text track transcribes the audio (captions, with sound cues) or translates it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TrackKind {
    Captions,
    Subtitles,
}

impl TrackKind {
    pub fn as_str(self) -> &'static str {
        match self {
            TrackKind::Captions => "captions",
            TrackKind::Subtitles => "subtitles",
        }
    }
}

/// A WebVTT captions or subtitles file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TextTrack {
    pub kind: TrackKind,
    /// BCP 47 language tag of the text, for `lang` and right-to-left display.
    pub language: String,
    /// The name shown in the captions menu, in the track's own language.
    pub label: String,
    pub url: MediaUrl,
}

/// A chapter given in the manifest rather than in a WebVTT chapters file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ManifestChapter {
    pub starts_at_seconds: f64,
    pub title: String,
}

/// A single-choice question shown at a point in a lecture.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimedQuestion {
    pub question_id: String,
    pub at_seconds: f64,
    pub prompt: String,
    pub choices: Vec<String>,
    /// Index into `choices`; absent when the question only asks for reflection.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub correct_choice: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explanation: Option<String>,
}

/// A slide deck, optionally narrated by an audio track that the slides follow.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SlideDeck {
    pub slides: Vec<Slide>,
    /// The narration; when present, each slide's `starts_at_seconds` is a time in it.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub narration: Option<MediaLesson>,
}

/// One slide: an image with its text alternative, or Markdown text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Slide {
    #[serde(flatten)]
    pub face: SlideFace,
    /// When the slide appears in the narration; required on every slide when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub starts_at_seconds: Option<f64>,
}

/// What a slide shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum SlideFace {
    Image { image_url: MediaUrl, alt: String },
    Markdown { body: String },
}

impl SlideDeck {
    /// The index of the slide showing at `position_seconds` of the narration.
    pub fn slide_at(&self, position_seconds: f64) -> usize {
        self.slides
            .iter()
            .rposition(|slide| {
                slide
                    .starts_at_seconds
                    .is_some_and(|start| start <= position_seconds)
            })
            .unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn deck(starts: &[f64]) -> SlideDeck {
        let slides = starts
            .iter()
            .map(|start| Slide {
                face: SlideFace::Markdown { body: "x".into() },
                starts_at_seconds: Some(*start),
            })
            .collect();
        SlideDeck {
            slides,
            narration: None,
        }
    }

    #[test]
    fn the_slide_at_a_time_is_the_last_that_started() {
        let deck = deck(&[0.0, 20.0, 40.0]);
        assert_eq!(deck.slide_at(0.0), 0);
        assert_eq!(deck.slide_at(19.9), 0);
        assert_eq!(deck.slide_at(20.0), 1);
        assert_eq!(deck.slide_at(500.0), 2);
        assert_eq!(deck.slide_at(-1.0), 0);
    }
}
