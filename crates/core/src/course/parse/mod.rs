//! Manifest validation: walks untyped JSON, collects every problem with its JSON path, and
//! only builds a [`Course`] when there are none. Unknown fields are ignored, so newer
//! manifests stay readable. No input can make it panic.

use super::model::{
    Course, Lesson, LessonContent, LessonKind, LiveSession, Module, SCHEMA_VERSION,
};
mod assignment;
mod fields;
mod media;
mod quiz;
mod quiz_parts;
mod quiz_question;

use super::{ManifestProblems, ProblemKind};
use crate::ids::{CourseId, LessonId, ModuleId};
use fields::{single, Walker};
use serde_json::{Map, Value};
use std::collections::HashSet;

/// Largest manifest accepted, in bytes.
pub const MAX_MANIFEST_BYTES: usize = 4 * 1024 * 1024;
const MAX_TITLE_CHARS: usize = 200;
pub(super) const MAX_TEXT_CHARS: usize = 200_000;

/// Parses and validates a manifest from JSON text.
pub fn parse_manifest(json: &str) -> Result<Course, ManifestProblems> {
    if json.len() > MAX_MANIFEST_BYTES {
        return Err(single(
            "$",
            ProblemKind::TooLarge,
            format!("the manifest is larger than {MAX_MANIFEST_BYTES} bytes"),
        ));
    }
    match serde_json::from_str::<Value>(json) {
        Ok(value) => validate_manifest(&value),
        Err(err) => Err(single(
            "$",
            ProblemKind::InvalidJson,
            format!("not valid JSON: {err}"),
        )),
    }
}

/// Validates an already-parsed manifest.
pub fn validate_manifest(value: &Value) -> Result<Course, ManifestProblems> {
    let mut walker = Walker::default();
    let course = walker.course(value);
    match course {
        Some(course) if walker.problems.is_empty() => Ok(course),
        _ if walker.problems.is_empty() => Err(single(
            "$",
            ProblemKind::WrongType,
            "the manifest is not a course".into(),
        )),
        _ => Err(ManifestProblems(walker.problems)),
    }
}

impl Walker {
    fn schema_version(&mut self, object: &Map<String, Value>) -> Option<u32> {
        let value = self.field(object, "$", "schema_version")?;
        match value.as_u64() {
            Some(version) if version == u64::from(SCHEMA_VERSION) => Some(SCHEMA_VERSION),
            Some(version) => {
                let message = format!("schema version {version} is not supported; this player reads version {SCHEMA_VERSION}");
                self.report(
                    "$.schema_version",
                    ProblemKind::UnsupportedSchemaVersion,
                    message,
                );
                None
            }
            None => {
                self.report(
                    "$.schema_version",
                    ProblemKind::WrongType,
                    "\"schema_version\" must be a whole number",
                );
                None
            }
        }
    }

    fn course(&mut self, value: &Value) -> Option<Course> {
        let object = self.object(value, "$", "the manifest")?;
        let schema_version = self.schema_version(object);
        let course_id = self.slug(object, "$", "course_id", |raw| CourseId::parse(raw).ok());
        let title = self.title(object, "$");
        let summary = self
            .text(object, "$", "summary", false, MAX_TEXT_CHARS)
            .unwrap_or_default();
        let language = self
            .text(object, "$", "language", false, 35)
            .unwrap_or_else(|| "en".into());
        let modules = self.modules(object);
        Some(Course {
            schema_version: schema_version?,
            course_id: course_id?,
            title: title?,
            summary,
            language,
            modules: modules?,
        })
    }

    fn modules(&mut self, course: &Map<String, Value>) -> Option<Vec<Module>> {
        let items = self.array(course, "$", "modules")?;
        let mut module_ids = HashSet::new();
        let mut lesson_ids = HashSet::new();
        let mut modules = Vec::with_capacity(items.len());
        for (index, item) in items.iter().enumerate() {
            let path = format!("$.modules[{index}]");
            let Some(object) = self.object(item, &path, "a module") else {
                continue;
            };
            let module_id = self.slug(object, &path, "module_id", |raw| ModuleId::parse(raw).ok());
            if let Some(module_id) = &module_id {
                if !module_ids.insert(module_id.clone()) {
                    self.report(
                        &format!("{path}.module_id"),
                        ProblemKind::DuplicateId,
                        format!("module id \"{module_id}\" is used more than once"),
                    );
                }
            }
            let title = self.title(object, &path);
            let lessons = self.lessons(object, &path, &mut lesson_ids);
            if let (Some(module_id), Some(title), Some(lessons)) = (module_id, title, lessons) {
                modules.push(Module {
                    module_id,
                    title,
                    lessons,
                });
            }
        }
        Some(modules)
    }

    fn lessons(
        &mut self,
        module: &Map<String, Value>,
        path: &str,
        seen: &mut HashSet<LessonId>,
    ) -> Option<Vec<Lesson>> {
        let items = self.array(module, path, "lessons")?;
        let mut lessons = Vec::with_capacity(items.len());
        for (index, item) in items.iter().enumerate() {
            let path = format!("{path}.lessons[{index}]");
            let Some(object) = self.object(item, &path, "a lesson") else {
                continue;
            };
            let lesson_id = self.slug(object, &path, "lesson_id", |raw| LessonId::parse(raw).ok());
            if let Some(lesson_id) = &lesson_id {
                if !seen.insert(lesson_id.clone()) {
                    self.report(
                        &format!("{path}.lesson_id"),
                        ProblemKind::DuplicateId,
                        format!("lesson id \"{lesson_id}\" is used more than once in the course"),
                    );
                }
            }
            let title = self.title(object, &path);
            let content = self.content(object, &path);
            if let (Some(lesson_id), Some(title), Some(content)) = (lesson_id, title, content) {
                lessons.push(Lesson {
                    lesson_id,
                    title,
                    content,
                });
            }
        }
        Some(lessons)
    }

    fn content(&mut self, lesson: &Map<String, Value>, path: &str) -> Option<LessonContent> {
        let raw_kind = self.text(lesson, path, "kind", true, 32)?;
        let Some(kind) = LessonKind::parse(&raw_kind) else {
            let known: Vec<&str> = LessonKind::ALL.iter().map(|k| k.as_str()).collect();
            let message = format!(
                "unknown lesson kind \"{raw_kind}\"; expected one of {}",
                known.join(", ")
            );
            self.report(&format!("{path}.kind"), ProblemKind::UnknownKind, message);
            return None;
        };
        let content = match kind {
            LessonKind::Text => LessonContent::Text {
                body: self.text(lesson, path, "body", true, MAX_TEXT_CHARS)?,
            },
            LessonKind::Video => LessonContent::Video(self.media_lesson(lesson, path)?),
            LessonKind::Audio => LessonContent::Audio(self.media_lesson(lesson, path)?),
            LessonKind::Slides => LessonContent::Slides(self.slide_deck(lesson, path)?),
            LessonKind::Quiz => LessonContent::Quiz(self.quiz(lesson, path)?),
            LessonKind::Assignment => LessonContent::Assignment(self.assignment(lesson, path)?),
            LessonKind::Discussion => LessonContent::Discussion {
                prompt: self
                    .text(lesson, path, "prompt", false, MAX_TEXT_CHARS)
                    .unwrap_or_default(),
            },
            LessonKind::Live => LessonContent::Live(self.live(lesson, path)?),
        };
        Some(content)
    }

    fn live(&mut self, lesson: &Map<String, Value>, path: &str) -> Option<LiveSession> {
        let starts_at = self.timestamp(lesson, path, "starts_at", true);
        let ends_at = self.timestamp(lesson, path, "ends_at", true);
        let instructor = self.text(lesson, path, "instructor", true, 64);
        let (starts_at, ends_at, instructor) = (starts_at?, ends_at?, instructor?);
        if ends_at <= starts_at {
            self.report(
                &format!("{path}.ends_at"),
                ProblemKind::EndBeforeStart,
                "the session must end after it starts",
            );
            return None;
        }
        Some(LiveSession {
            starts_at,
            ends_at,
            instructor,
        })
    }
}
