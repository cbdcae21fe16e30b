//! The validation walker's primitives: typed field access that records a [`Problem`] with
//! its JSON path for anything wrong, and returns `None` so callers can keep walking.

use super::super::{ManifestProblems, MediaUrl, Problem, ProblemKind};
use crate::ids::check_slug;
use jiff::Timestamp;
use serde_json::{Map, Value};

pub(super) fn single(path: &str, kind: ProblemKind, message: String) -> ManifestProblems {
    ManifestProblems(vec![Problem {
        path: path.into(),
        kind,
        message,
    }])
}

#[derive(Default)]
pub(super) struct Walker {
    pub(super) problems: Vec<Problem>,
}

impl Walker {
    pub(super) fn report(&mut self, path: &str, kind: ProblemKind, message: impl Into<String>) {
        self.problems.push(Problem {
            path: path.to_owned(),
            kind,
            message: message.into(),
        });
    }

    pub(super) fn object<'v>(
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
    pub(super) fn field<'v>(
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
    pub(super) fn text(
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

    pub(super) fn title(&mut self, object: &Map<String, Value>, path: &str) -> Option<String> {
        self.text(object, path, "title", true, super::MAX_TITLE_CHARS)
            .map(|t| t.trim().to_owned())
    }

    pub(super) fn slug<T>(
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

    pub(super) fn url(&mut self, value: &Value, here: &str) -> Option<MediaUrl> {
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

    pub(super) fn timestamp(
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

    pub(super) fn array<'v>(
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
}
