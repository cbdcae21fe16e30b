//! The validated course model. Values of these types only come out of
//! [`super::validate_manifest`], so code that holds one may rely on its invariants:
//! ids are unique, titles are non-empty, URLs are safe, sessions end after they start.

use super::{MediaLesson, SlideDeck};
use crate::assignment::Assignment;
use crate::ids::{CourseId, LessonId, ModuleId};
use crate::quiz::Quiz;
use jiff::Timestamp;
use serde::Serialize;

/// The manifest schema version this build reads and writes.
pub const SCHEMA_VERSION: u32 = 1;

/// A validated course. Serialises to the canonical v1 manifest JSON.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Course {
    pub schema_version: u32,
    pub course_id: CourseId,
    pub title: String,
    pub summary: String,
    /// BCP 47 tag of the course's own language, for `lang` on its content.
    pub language: String,
    pub modules: Vec<Module>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Module {
    pub module_id: ModuleId,
    pub title: String,
    pub lessons: Vec<Lesson>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Lesson {
    pub lesson_id: LessonId,
    pub title: String,
    #[serde(flatten)]
    pub content: LessonContent,
}

/// What a lesson holds, by kind.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum LessonContent {
    /// A reading, in Markdown (raw HTML is never rendered).
    Text {
        body: String,
    },
    Video(MediaLesson),
    Audio(MediaLesson),
    Slides(SlideDeck),
    Quiz(Quiz),
    Assignment(Assignment),
    Discussion {
        prompt: String,
    },
    Live(LiveSession),
}

/// A scheduled live class, in UTC.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LiveSession {
    pub starts_at: Timestamp,
    pub ends_at: Timestamp,
    /// Username of the instructor who runs the session.
    pub instructor: String,
}

/// The kind of a lesson, without its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LessonKind {
    Text,
    Video,
    Audio,
    Slides,
    Quiz,
    Assignment,
    Discussion,
    Live,
}

impl LessonKind {
    pub const ALL: [LessonKind; 8] = [
        LessonKind::Text,
        LessonKind::Video,
        LessonKind::Audio,
        LessonKind::Slides,
        LessonKind::Quiz,
        LessonKind::Assignment,
        LessonKind::Discussion,
        LessonKind::Live,
    ];

    /// The manifest's name for the kind.
    pub fn as_str(self) -> &'static str {
        match self {
            LessonKind::Text => "text",
            LessonKind::Video => "video",
            LessonKind::Audio => "audio",
            LessonKind::Slides => "slides",
            LessonKind::Quiz => "quiz",
            LessonKind::Assignment => "assignment",
            LessonKind::Discussion => "discussion",
            LessonKind::Live => "live",
        }
    }

    pub fn parse(raw: &str) -> Option<LessonKind> {
        LessonKind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == raw)
    }
}

impl LessonContent {
    /// The timed media of a lecture, or of a narrated slide deck.
    pub fn media(&self) -> Option<&MediaLesson> {
        match self {
            LessonContent::Video(media) | LessonContent::Audio(media) => Some(media),
            LessonContent::Slides(deck) => deck.narration.as_ref(),
            _ => None,
        }
    }

    pub fn kind(&self) -> LessonKind {
        match self {
            LessonContent::Text { .. } => LessonKind::Text,
            LessonContent::Video(_) => LessonKind::Video,
            LessonContent::Audio(_) => LessonKind::Audio,
            LessonContent::Slides(_) => LessonKind::Slides,
            LessonContent::Quiz(_) => LessonKind::Quiz,
            LessonContent::Assignment(_) => LessonKind::Assignment,
            LessonContent::Discussion { .. } => LessonKind::Discussion,
            LessonContent::Live(_) => LessonKind::Live,
        }
    }
}

impl Course {
    /// Finds a lesson anywhere in the course.
    pub fn lesson(&self, lesson_id: &LessonId) -> Option<&Lesson> {
        self.lessons().find(|lesson| &lesson.lesson_id == lesson_id)
    }

    /// All lessons in outline order.
    pub fn lessons(&self) -> impl Iterator<Item = &Lesson> {
        self.modules.iter().flat_map(|module| module.lessons.iter())
    }

    /// The live session that is on now or comes next at `now` (by the server's clock): the
    /// earliest to start of those not yet ended.
    pub fn next_live_session(&self, now: Timestamp) -> Option<(&Lesson, &LiveSession)> {
        self.lessons()
            .filter_map(|lesson| match &lesson.content {
                LessonContent::Live(session) if session.ends_at > now => Some((lesson, session)),
                _ => None,
            })
            .min_by_key(|(_, session)| session.starts_at)
    }

    /// The live session that started in `(after, until]` and is still on at `until`: what
    /// a player watching the clock from `after` to `until` switches into (the earliest, if
    /// several did).
    pub fn live_session_started(
        &self,
        after: Timestamp,
        until: Timestamp,
    ) -> Option<(&Lesson, &LiveSession)> {
        self.lessons()
            .filter_map(|lesson| match &lesson.content {
                LessonContent::Live(session)
                    if after < session.starts_at
                        && session.starts_at <= until
                        && until < session.ends_at =>
                {
                    Some((lesson, session))
                }
                _ => None,
            })
            .min_by_key(|(_, session)| session.starts_at)
    }

    /// The lessons before and after `lesson_id` in outline order, for prev/next links.
    pub fn neighbours(&self, lesson_id: &LessonId) -> (Option<&Lesson>, Option<&Lesson>) {
        let ordered: Vec<&Lesson> = self.lessons().collect();
        let Some(index) = ordered.iter().position(|l| &l.lesson_id == lesson_id) else {
            return (None, None);
        };
        let previous = index.checked_sub(1).and_then(|i| ordered.get(i).copied());
        (previous, ordered.get(index + 1).copied())
    }

    pub fn lesson_count(&self) -> usize {
        self.lessons().count()
    }

    /// Whether a graded quiz in the course carries answer keys (which learners must not get).
    pub fn has_graded_keys(&self) -> bool {
        self.lessons().any(|lesson| {
            matches!(&lesson.content, LessonContent::Quiz(quiz) if quiz.settings.is_graded && quiz.has_keys())
        })
    }

    /// The copy of the course a learner may see: graded quizzes lose their answer keys and
    /// feedback; practice quizzes keep them for instant feedback, offline too.
    pub fn for_learners(&self) -> Course {
        let mut course = self.clone();
        for module in &mut course.modules {
            for lesson in &mut module.lessons {
                if let LessonContent::Quiz(quiz) = &lesson.content {
                    if quiz.settings.is_graded {
                        lesson.content = LessonContent::Quiz(quiz.without_keys());
                    }
                }
            }
        }
        course
    }
}
