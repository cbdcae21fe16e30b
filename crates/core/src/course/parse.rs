//! Manifest validation: walks untyped JSON, collects every problem with its JSON path, and
//! only builds a [`Course`] when there are none. Unknown fields are ignored, so newer
//! manifests stay readable. No input can make it panic.

use super::model::{
    Course, Lesson, LessonContent, LessonKind, LiveSession, Module, SCHEMA_VERSION,
};
use super::{ManifestProblems, MediaUrl, Problem, ProblemKind};
use crate::ids::{check_slug, CourseId, LessonId, ModuleId};
use jiff::Timestamp;
use serde_json::{Map, Value};
use std::collections::HashSet;

/// Largest manifest accepted, in bytes.
pub const MAX_MANIFEST_BYTES: usize = 4 * 1024 * 1024;
const MAX_TITLE_CHARS: usize = 200;
const MAX_TEXT_CHARS: usize = 200_000;

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

fn single(path: &str, kind: ProblemKind, message: String) -> ManifestProblems {
    ManifestProblems(vec![Problem {
        path: path.into(),
        kind,
        message,
    }])
}

#[derive(Default)]
struct Walker {
    problems: Vec<Problem>,
}

impl Walker {
    fn report(&mut self, path: &str, kind: ProblemKind, message: impl Into<String>) {
        self.problems.push(Problem {
            path: path.to_owned(),
            kind,
            message: message.into(),
        });
    }

    fn object<'v>(
        &mut self,
        value: &'v Value,
        path: &str,
        what: &str,
    ) -> Option<&'v Map<String, Value>> {
        let object = value.as_object();
        if object.is_none() {
            self.report(
                path,
                ProblemKind::WrongType,
                format!("{what} must be a JSON object"),
            );
        }
        object
    }

    /// A required field; reports it missing.
    fn field<'v>(
        &mut self,
        object: &'v Map<String, Value>,
        path: &str,
        key: &str,
    ) -> Option<&'v Value> {
        let value = object.get(key).filter(|v| !v.is_null());
        if value.is_none() {
            self.report(
                &format!("{path}.{key}"),
                ProblemKind::Missing,
                format!("\"{key}\" is required"),
            );
        }
        value
    }

    /// A string field. `required` fields must be present and non-blank.
    fn text(
        &mut self,
        object: &Map<String, Value>,
        path: &str,
        key: &str,
        required: bool,
        max_chars: usize,
    ) -> Option<String> {
        let here = format!("{path}.{key}");
        let value = if required {
            self.field(object, path, key)?
        } else {
            object.get(key).filter(|v| !v.is_null())?
        };
        let Some(text) = value.as_str() else {
            self.report(
                &here,
                ProblemKind::WrongType,
                format!("\"{key}\" must be a string"),
            );
            return None;
        };
        if required && text.trim().is_empty() {
            self.report(
                &here,
                ProblemKind::Empty,
                format!("\"{key}\" must not be empty"),
            );
            return None;
        }
        if text.chars().count() > max_chars {
            self.report(
                &here,
                ProblemKind::TooLong,
                format!("\"{key}\" must be at most {max_chars} characters"),
            );
            return None;
        }
        Some(text.to_owned())
    }

    fn title(&mut self, object: &Map<String, Value>, path: &str) -> Option<String> {
        self.text(object, path, "title", true, MAX_TITLE_CHARS)
            .map(|t| t.trim().to_owned())
    }

    fn slug<T>(
        &mut self,
        object: &Map<String, Value>,
        path: &str,
        key: &str,
        make: fn(&str) -> Option<T>,
    ) -> Option<T> {
        let raw = self.text(object, path, key, true, usize::MAX)?;
        if let Err(err) = check_slug(&raw) {
            self.report(
                &format!("{path}.{key}"),
                ProblemKind::BadId,
                format!("\"{key}\" {err}"),
            );
            return None;
        }
        make(&raw)
    }

    fn url(&mut self, value: &Value, here: &str) -> Option<MediaUrl> {
        let Some(raw) = value.as_str() else {
            self.report(here, ProblemKind::WrongType, "a URL must be a string");
            return None;
        };
        match MediaUrl::parse(raw) {
            Ok(url) => Some(url),
            Err(err) => {
                self.report(here, ProblemKind::BadUrl, format!("the URL {err}"));
                None
            }
        }
    }

    fn timestamp(
        &mut self,
        object: &Map<String, Value>,
        path: &str,
        key: &str,
        required: bool,
    ) -> Option<Timestamp> {
        let raw = self.text(object, path, key, required, 64)?;
        match raw.parse::<Timestamp>() {
            Ok(at) => Some(at),
            Err(_) => {
                let message = format!(
                    "\"{key}\" must be an RFC 3339 time with an offset, like 2026-03-01T14:00:00Z"
                );
                self.report(&format!("{path}.{key}"), ProblemKind::BadTimestamp, message);
                None
            }
        }
    }

    fn array<'v>(
        &mut self,
        object: &'v Map<String, Value>,
        path: &str,
        key: &str,
    ) -> Option<&'v Vec<Value>> {
        let value = self.field(object, path, key)?;
        let array = value.as_array();
        if array.is_none() {
            self.report(
                &format!("{path}.{key}"),
                ProblemKind::WrongType,
                format!("\"{key}\" must be an array"),
            );
        }
        array
    }

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
            LessonKind::Video | LessonKind::Audio => {
                let media_url = self
                    .field(lesson, path, "media_url")
                    .and_then(|v| self.url(v, &format!("{path}.media_url")));
                let duration_seconds = self.duration(lesson, path);
                let (media_url, duration_seconds) = (media_url?, duration_seconds?);
                if kind == LessonKind::Video {
                    LessonContent::Video {
                        media_url,
                        duration_seconds,
                    }
                } else {
                    LessonContent::Audio {
                        media_url,
                        duration_seconds,
                    }
                }
            }
            LessonKind::Slides => LessonContent::Slides {
                slide_urls: self.slide_urls(lesson, path)?,
            },
            LessonKind::Quiz => LessonContent::Quiz {},
            LessonKind::Assignment => {
                let instructions = self
                    .text(lesson, path, "instructions", false, MAX_TEXT_CHARS)
                    .unwrap_or_default();
                let due_at = match lesson.get("due_at").filter(|v| !v.is_null()) {
                    Some(_) => Some(self.timestamp(lesson, path, "due_at", true)?),
                    None => None,
                };
                LessonContent::Assignment {
                    instructions,
                    due_at,
                }
            }
            LessonKind::Discussion => LessonContent::Discussion {
                prompt: self
                    .text(lesson, path, "prompt", false, MAX_TEXT_CHARS)
                    .unwrap_or_default(),
            },
            LessonKind::Live => LessonContent::Live(self.live(lesson, path)?),
        };
        Some(content)
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

    fn slide_urls(&mut self, lesson: &Map<String, Value>, path: &str) -> Option<Vec<MediaUrl>> {
        let items = self.array(lesson, path, "slide_urls")?;
        if items.is_empty() {
            self.report(
                &format!("{path}.slide_urls"),
                ProblemKind::Empty,
                "a slides lesson needs at least one slide",
            );
            return None;
        }
        let before = self.problems.len();
        let urls: Vec<MediaUrl> = items
            .iter()
            .enumerate()
            .filter_map(|(i, v)| self.url(v, &format!("{path}.slide_urls[{i}]")))
            .collect();
        (self.problems.len() == before).then_some(urls)
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
