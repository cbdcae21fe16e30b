//! Lectern's domain, with no IO: the course model and its validation, quiz grading, safe
//! Markdown, user roles and locales. Builds for the host and for wasm32; every rule here is tested
//! natively. Nothing in this crate reads a clock, a random source, the network or storage.

pub mod assignment;
pub mod calendar;
pub mod clock;
pub mod course;
pub mod discussion;
pub mod embed;
pub mod ids;
pub mod live;
pub mod locale;
pub mod markdown;
pub mod offline;
pub mod playback;
pub mod progress;
pub mod quiz;
pub mod sync;
pub mod user;
pub mod vtt;

pub use course::{parse_manifest, validate_manifest, Course, ManifestProblems, Problem};
pub use ids::{CourseId, IdError, LessonId, ModuleId, UserId};
