//! The files a lesson plays from: the media itself, its poster, captions and chapters, and
//! a slide deck's images and narration. Only files on the player's own server can be kept
//! offline (the service worker answers for its own origin); the rest are listed apart, so
//! the player can say the lesson still needs the network for them.

use crate::course::{Course, LessonContent, MediaLesson, MediaUrl, SlideFace};
use crate::ids::LessonId;

/// What one lesson needs to play.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LessonFiles {
    /// Files on this server (`/media/…`), in the order the lesson uses them, each once.
    pub downloadable: Vec<MediaUrl>,
    /// Files on other servers, which only the network can give.
    pub elsewhere: Vec<MediaUrl>,
}

impl LessonFiles {
    fn push(&mut self, url: &MediaUrl) {
        let list = if url.as_str().starts_with('/') {
            &mut self.downloadable
        } else {
            &mut self.elsewhere
        };
        if !list.contains(url) {
            list.push(url.clone());
        }
    }

    fn push_media(&mut self, media: &MediaLesson) {
        self.push(&media.media_url);
        if let Some(poster) = &media.poster_url {
            self.push(poster);
        }
        for track in &media.tracks {
            self.push(&track.url);
        }
        if let Some(chapters) = &media.chapters_url {
            self.push(chapters);
        }
    }

    /// Whether there is anything to download.
    pub fn is_empty(&self) -> bool {
        self.downloadable.is_empty()
    }
}

/// The files of one lesson. Readings, quizzes and the other kinds without media need none:
/// the course manifest the device already keeps is enough for them.
pub fn lesson_files(content: &LessonContent) -> LessonFiles {
    let mut files = LessonFiles::default();
    match content {
        LessonContent::Video(media) | LessonContent::Audio(media) => files.push_media(media),
        LessonContent::Slides(deck) => {
            for slide in &deck.slides {
                if let SlideFace::Image { image_url, .. } = &slide.face {
                    files.push(image_url);
                }
            }
            if let Some(narration) = &deck.narration {
                files.push_media(narration);
            }
        }
        LessonContent::Text { .. }
        | LessonContent::Quiz(_)
        | LessonContent::Assignment(_)
        | LessonContent::Discussion { .. }
        | LessonContent::Live(_) => {}
    }
    files
}

/// Every lesson of a course that has files, with them, in course order.
pub fn course_files(course: &Course) -> Vec<(LessonId, LessonFiles)> {
    course
        .modules
        .iter()
        .flat_map(|module| &module.lessons)
        .map(|lesson| (lesson.lesson_id.clone(), lesson_files(&lesson.content)))
        .filter(|(_, files)| !files.is_empty() || !files.elsewhere.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::course::{SlideDeck, TextTrack, TrackKind};
    use crate::parse_manifest;

    fn url(raw: &str) -> MediaUrl {
        MediaUrl::parse(raw).unwrap()
    }

    #[test]
    fn a_video_needs_its_file_poster_tracks_and_chapters_once_each() {
        let mut media = MediaLesson::from_url(url("/media/a.mp4"));
        media.poster_url = Some(url("/media/a.jpg"));
        media.chapters_url = Some(url("/media/a.chapters.vtt"));
        for language in ["en", "ar"] {
            media.tracks.push(TextTrack {
                kind: TrackKind::Captions,
                language: language.into(),
                label: language.into(),
                url: url(&format!("/media/a.{language}.vtt")),
            });
        }
        media.tracks.push(media.tracks[0].clone());
        let files = lesson_files(&LessonContent::Video(media));
        let names: Vec<&str> = files.downloadable.iter().map(MediaUrl::as_str).collect();
        assert_eq!(
            names,
            [
                "/media/a.mp4",
                "/media/a.jpg",
                "/media/a.en.vtt",
                "/media/a.ar.vtt",
                "/media/a.chapters.vtt"
            ]
        );
        assert!(files.elsewhere.is_empty());
    }

    #[test]
    fn files_on_other_servers_are_listed_apart() {
        let mut media = MediaLesson::from_url(url("https://cdn.example.org/a.mp4"));
        media.poster_url = Some(url("/media/a.jpg"));
        let files = lesson_files(&LessonContent::Audio(media));
        assert_eq!(files.downloadable, [url("/media/a.jpg")]);
        assert_eq!(files.elsewhere, [url("https://cdn.example.org/a.mp4")]);
    }

    #[test]
    fn a_slide_deck_needs_its_images_and_narration() {
        let deck = SlideDeck {
            slides: vec![
                crate::course::Slide {
                    face: SlideFace::Image {
                        image_url: url("/media/s1.png"),
                        alt: "one".into(),
                    },
                    starts_at_seconds: Some(0.0),
                },
                crate::course::Slide {
                    face: SlideFace::Markdown { body: "two".into() },
                    starts_at_seconds: Some(4.0),
                },
            ],
            narration: Some(MediaLesson::from_url(url("/media/n.ogg"))),
        };
        let files = lesson_files(&LessonContent::Slides(deck));
        assert_eq!(
            files.downloadable,
            [url("/media/s1.png"), url("/media/n.ogg")]
        );
    }

    #[test]
    fn readings_and_quizzes_need_no_files() {
        let files = lesson_files(&LessonContent::Text {
            body: "![x](/media/x.png)".into(),
        });
        assert!(files.is_empty());
        assert!(files.elsewhere.is_empty());
    }

    #[test]
    fn a_course_lists_only_lessons_with_files_in_order() {
        let manifest = r#"{"schema_version":1,"course_id":"c","title":"C","summary":"","language":"en",
            "modules":[{"module_id":"m","title":"M","lessons":[
              {"lesson_id":"read","title":"R","kind":"text","body":"hi"},
              {"lesson_id":"v2","title":"V","kind":"video","media_url":"/media/v2.mp4"},
              {"lesson_id":"v1","title":"V","kind":"audio","media_url":"/media/v1.ogg"}]}]}"#;
        let course = parse_manifest(manifest).unwrap();
        let lessons: Vec<String> = course_files(&course)
            .into_iter()
            .map(|(lesson_id, _)| lesson_id.to_string())
            .collect();
        assert_eq!(lessons, ["v2", "v1"]);
    }
}
