//! Validation of timed media: lectures (video, audio), their text tracks, chapters and
//! in-video questions, and slide decks with an optional narration.

use super::super::media::{
    ManifestChapter, MediaLesson, Slide, SlideDeck, SlideFace, TextTrack, TimedQuestion, TrackKind,
    DEFAULT_COMPLETION_PERCENT,
};
use super::super::{MediaUrl, ProblemKind};
use super::{fields::Walker, MAX_TEXT_CHARS, MAX_TITLE_CHARS};
use serde_json::{Map, Value};
use std::collections::HashSet;

/// Longest lecture accepted, in seconds (24 hours).
const MAX_MEDIA_SECONDS: f64 = 86_400.0;

impl Walker {
    /// A lecture: `media_url` plus optional tracks, chapters, threshold and questions.
    pub(super) fn media_lesson(
        &mut self,
        lesson: &Map<String, Value>,
        path: &str,
    ) -> Option<MediaLesson> {
        let media_url = self
            .field(lesson, path, "media_url")
            .and_then(|v| self.url(v, &format!("{path}.media_url")));
        let duration_seconds = self.duration(lesson, path);
        let poster_url = self.optional_url(lesson, path, "poster_url");
        let tracks = self.tracks(lesson, path);
        let chapters_url = self.optional_url(lesson, path, "chapters_url");
        let chapters = self.each(lesson, path, "chapters", Walker::chapter);
        let threshold = self.threshold(lesson, path);
        let questions = self.each(lesson, path, "questions", Walker::question);
        let mut questions = questions?;
        questions.sort_by(|a, b| a.at_seconds.total_cmp(&b.at_seconds));
        let mut chapters = chapters?;
        chapters.sort_by(|a, b| a.starts_at_seconds.total_cmp(&b.starts_at_seconds));
        Some(MediaLesson {
            media_url: media_url?,
            duration_seconds: duration_seconds?,
            poster_url: poster_url?,
            tracks: tracks?,
            chapters_url: chapters_url?,
            chapters,
            completion_threshold_percent: threshold?,
            questions,
        })
    }

    /// A deck of slides, narrated when the lesson has a `media_url`.
    pub(super) fn slide_deck(
        &mut self,
        lesson: &Map<String, Value>,
        path: &str,
    ) -> Option<SlideDeck> {
        let slides = match self.field(lesson, path, "slides") {
            Some(_) => self.each(lesson, path, "slides", Walker::slide),
            None => None,
        };
        let is_narrated = lesson.get("media_url").is_some_and(|v| !v.is_null());
        let narration = if is_narrated {
            Some(self.media_lesson(lesson, path))
        } else {
            None
        };
        let slides = slides?;
        if slides.is_empty() {
            self.report(
                &format!("{path}.slides"),
                ProblemKind::Empty,
                "a slides lesson needs at least one slide",
            );
            return None;
        }
        if is_narrated {
            self.slide_times(&slides, path)?;
        }
        Some(SlideDeck {
            slides,
            narration: narration.map_or(Some(None), |media| media.map(Some))?,
        })
    }

    /// A narrated deck needs a start time on every slide, in increasing order.
    fn slide_times(&mut self, slides: &[Slide], path: &str) -> Option<()> {
        let before = self.problems.len();
        let mut previous = None;
        for (index, slide) in slides.iter().enumerate() {
            let here = format!("{path}.slides[{index}].starts_at_seconds");
            match (slide.starts_at_seconds, previous) {
                (None, _) => self.report(
                    &here,
                    ProblemKind::Missing,
                    "every slide of a narrated deck needs \"starts_at_seconds\"",
                ),
                (Some(start), Some(last)) if start <= last => self.report(
                    &here,
                    ProblemKind::OutOfRange,
                    "slides must start in increasing order",
                ),
                (Some(start), _) => previous = Some(start),
            }
        }
        (self.problems.len() == before).then_some(())
    }

    fn slide(&mut self, object: &Map<String, Value>, path: &str) -> Option<Slide> {
        let starts_at_seconds = self.optional_seconds(object, path, "starts_at_seconds");
        let face = if object.get("image_url").is_some_and(|v| !v.is_null()) {
            let image_url = self.optional_url(object, path, "image_url");
            let alt = self.text(object, path, "alt", true, MAX_TEXT_CHARS);
            SlideFace::Image {
                image_url: image_url??,
                alt: alt?,
            }
        } else if object.get("body").is_some_and(|v| !v.is_null()) {
            SlideFace::Markdown {
                body: self.text(object, path, "body", true, MAX_TEXT_CHARS)?,
            }
        } else {
            self.report(
                path,
                ProblemKind::Missing,
                "a slide needs an \"image_url\" with \"alt\" text, or a Markdown \"body\"",
            );
            return None;
        };
        Some(Slide {
            face,
            starts_at_seconds: starts_at_seconds?,
        })
    }

    fn tracks(&mut self, lesson: &Map<String, Value>, path: &str) -> Option<Vec<TextTrack>> {
        let tracks = self.each(lesson, path, "tracks", Walker::track)?;
        let mut seen = HashSet::new();
        for (index, track) in tracks.iter().enumerate() {
            if !seen.insert((track.kind, track.language.as_str())) {
                self.report(
                    &format!("{path}.tracks[{index}]"),
                    ProblemKind::DuplicateId,
                    format!(
                        "there is already a {} track in \"{}\"",
                        track.kind.as_str(),
                        track.language
                    ),
                );
                return None;
            }
        }
        Some(tracks)
    }

    fn track(&mut self, object: &Map<String, Value>, path: &str) -> Option<TextTrack> {
        let kind = self.text(object, path, "kind", true, 16);
        let language = self.text(object, path, "language", true, 35);
        let label = self.text(object, path, "label", true, MAX_TITLE_CHARS);
        let url = self
            .field(object, path, "url")
            .and_then(|v| self.url(v, &format!("{path}.url")));
        let kind = match kind?.as_str() {
            "captions" => TrackKind::Captions,
            "subtitles" => TrackKind::Subtitles,
            other => {
                self.report(
                    &format!("{path}.kind"),
                    ProblemKind::UnknownKind,
                    format!("unknown track kind \"{other}\"; expected captions or subtitles"),
                );
                return None;
            }
        };
        Some(TextTrack {
            kind,
            language: language?,
            label: label?,
            url: url?,
        })
    }

    fn chapter(&mut self, object: &Map<String, Value>, path: &str) -> Option<ManifestChapter> {
        let starts_at_seconds = self.seconds(object, path, "starts_at_seconds");
        let title = self.title(object, path);
        Some(ManifestChapter {
            starts_at_seconds: starts_at_seconds?,
            title: title?,
        })
    }

    fn question(&mut self, object: &Map<String, Value>, path: &str) -> Option<TimedQuestion> {
        let question_id = self.text(object, path, "question_id", true, 64);
        let at_seconds = self.seconds(object, path, "at_seconds");
        let prompt = self.text(object, path, "prompt", true, MAX_TEXT_CHARS);
        let explanation = self.text(object, path, "explanation", false, MAX_TEXT_CHARS);
        let choices = self.choices(object, path);
        let choices = choices?;
        let correct_choice = match object.get("correct_choice").filter(|v| !v.is_null()) {
            None => None,
            Some(value) => match value.as_u64().and_then(|n| usize::try_from(n).ok()) {
                Some(index) if index < choices.len() => Some(index),
                _ => {
                    self.report(
                        &format!("{path}.correct_choice"),
                        ProblemKind::BadReference,
                        format!(
                            "\"correct_choice\" must be the index of a choice, 0 to {}",
                            choices.len().saturating_sub(1)
                        ),
                    );
                    return None;
                }
            },
        };
        Some(TimedQuestion {
            question_id: question_id?,
            at_seconds: at_seconds?,
            prompt: prompt?,
            choices,
            correct_choice,
            explanation,
        })
    }

    fn choices(&mut self, object: &Map<String, Value>, path: &str) -> Option<Vec<String>> {
        let items = self.array(object, path, "choices")?;
        if items.len() < 2 {
            self.report(
                &format!("{path}.choices"),
                ProblemKind::Empty,
                "a question needs at least two choices",
            );
            return None;
        }
        let before = self.problems.len();
        let choices: Vec<String> = items
            .iter()
            .enumerate()
            .filter_map(|(index, item)| match item.as_str() {
                Some(text) if !text.trim().is_empty() => Some(text.trim().to_owned()),
                _ => {
                    self.report(
                        &format!("{path}.choices[{index}]"),
                        ProblemKind::WrongType,
                        "a choice must be non-empty text",
                    );
                    None
                }
            })
            .collect();
        (self.problems.len() == before).then_some(choices)
    }

    /// `completion_threshold_percent`, 1 to 100, default 90.
    fn threshold(&mut self, lesson: &Map<String, Value>, path: &str) -> Option<u8> {
        let Some(value) = lesson
            .get("completion_threshold_percent")
            .filter(|v| !v.is_null())
        else {
            return Some(DEFAULT_COMPLETION_PERCENT);
        };
        match value.as_u64().and_then(|n| u8::try_from(n).ok()) {
            Some(percent @ 1..=100) => Some(percent),
            _ => {
                self.report(
                    &format!("{path}.completion_threshold_percent"),
                    ProblemKind::OutOfRange,
                    "\"completion_threshold_percent\" must be a whole number from 1 to 100",
                );
                None
            }
        }
    }

    /// `Some(None)` when absent, `None` when invalid.
    fn duration(&mut self, lesson: &Map<String, Value>, path: &str) -> Option<Option<u32>> {
        let Some(value) = lesson.get("duration_seconds").filter(|v| !v.is_null()) else {
            return Some(None);
        };
        match value.as_u64().and_then(|n| u32::try_from(n).ok()) {
            Some(seconds) => Some(Some(seconds)),
            None => {
                self.report(
                    &format!("{path}.duration_seconds"),
                    ProblemKind::WrongType,
                    "\"duration_seconds\" must be a whole number of seconds",
                );
                None
            }
        }
    }

    /// A required time in seconds: a finite number from 0 to 24 hours.
    fn seconds(&mut self, object: &Map<String, Value>, path: &str, key: &str) -> Option<f64> {
        let value = self.field(object, path, key)?;
        match value.as_f64() {
            Some(seconds) if (0.0..=MAX_MEDIA_SECONDS).contains(&seconds) => Some(seconds),
            _ => {
                self.report(
                    &format!("{path}.{key}"),
                    ProblemKind::OutOfRange,
                    format!("\"{key}\" must be a number of seconds from 0 to {MAX_MEDIA_SECONDS}"),
                );
                None
            }
        }
    }

    /// `Some(None)` when absent, `None` when invalid.
    fn optional_seconds(
        &mut self,
        object: &Map<String, Value>,
        path: &str,
        key: &str,
    ) -> Option<Option<f64>> {
        if object.get(key).is_none_or(Value::is_null) {
            return Some(None);
        }
        self.seconds(object, path, key).map(Some)
    }

    /// `Some(None)` when absent, `None` when invalid.
    fn optional_url(
        &mut self,
        object: &Map<String, Value>,
        path: &str,
        key: &str,
    ) -> Option<Option<MediaUrl>> {
        let Some(value) = object.get(key).filter(|v| !v.is_null()) else {
            return Some(None);
        };
        self.url(value, &format!("{path}.{key}")).map(Some)
    }

    /// An optional array of objects, each read by `read`; `None` if any item was invalid.
    pub(super) fn each<T>(
        &mut self,
        object: &Map<String, Value>,
        path: &str,
        key: &str,
        read: fn(&mut Walker, &Map<String, Value>, &str) -> Option<T>,
    ) -> Option<Vec<T>> {
        if object.get(key).is_none_or(Value::is_null) {
            return Some(Vec::new());
        }
        let items = self.array(object, path, key)?;
        let before = self.problems.len();
        let mut values = Vec::with_capacity(items.len());
        for (index, item) in items.iter().enumerate() {
            let here = format!("{path}.{key}[{index}]");
            let Some(item) = self.object(item, &here, "each entry") else {
                continue;
            };
            if let Some(value) = read(self, item, &here) {
                values.push(value);
            }
        }
        (self.problems.len() == before).then_some(values)
    }
}
