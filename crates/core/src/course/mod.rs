//! Course model v1: a course has modules, a module has lessons. Manifests arrive as JSON
//! and are validated here into typed [`Course`] values, reporting every problem at once.

mod media;
mod media_url;
mod model;
mod parse;
mod problem;

pub use media::{
    ManifestChapter, MediaLesson, Slide, SlideDeck, SlideFace, TextTrack, TimedQuestion, TrackKind,
    DEFAULT_COMPLETION_PERCENT,
};
pub use media_url::{MediaUrl, MediaUrlError};
pub use model::{Course, Lesson, LessonContent, LessonKind, LiveSession, Module, SCHEMA_VERSION};
pub use parse::{parse_manifest, validate_manifest, MAX_MANIFEST_BYTES};
pub use problem::{ManifestProblems, Problem, ProblemKind};
