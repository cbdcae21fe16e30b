//! The `assignment` lesson's fields: instructions, the due date, the late policy, whether
//! resubmitting is allowed, the points, and what a submission may hold.

use super::fields::Walker;
use super::MAX_TEXT_CHARS;
use crate::assignment::{
    Assignment, AssignmentRules, FileRules, MAX_FILES_LIMIT, MAX_FILE_BYTES_LIMIT,
};
use crate::calendar::SubmissionLatePolicy;
use crate::course::ProblemKind;
use serde_json::{Map, Value};

/// Points when the manifest gives none.
const DEFAULT_MAX_POINTS: u64 = 100;
/// The most accepted media types one assignment may list.
const MAX_ACCEPTED_TYPES: usize = 50;

impl Walker {
    pub(super) fn assignment(
        &mut self,
        lesson: &Map<String, Value>,
        path: &str,
    ) -> Option<Assignment> {
        let before = self.problems.len();
        let instructions = self
            .text(lesson, path, "instructions", false, MAX_TEXT_CHARS)
            .unwrap_or_default();
        let due_at = self.timestamp(lesson, path, "due_at", false);
        let late_policy = self.late_policy(lesson, path);
        let resubmit = self.flag(lesson, path, "resubmit");
        let max_points = self.whole_number(lesson, path, "max_points", 1, 10_000);
        let submission = self.submission_rules(lesson, path);
        if self.problems.len() != before {
            return None;
        }
        Some(Assignment {
            instructions,
            due_at,
            late_policy: late_policy?,
            resubmit: resubmit?,
            max_points: u32::try_from(max_points?.unwrap_or(DEFAULT_MAX_POINTS)).ok()?,
            submission: submission?,
        })
    }

    fn late_policy(
        &mut self,
        lesson: &Map<String, Value>,
        path: &str,
    ) -> Option<SubmissionLatePolicy> {
        let Some(value) = lesson.get("late_policy").filter(|v| !v.is_null()) else {
            return Some(SubmissionLatePolicy::Accept);
        };
        let path = &format!("{path}.late_policy");
        let object = self.object(value, path, "\"late_policy\"")?;
        let kinds = [("refuse", 0), ("accept", 1), ("penalty", 2)];
        match self.one_of(object, path, "kind", &kinds, 1)? {
            0 => Some(SubmissionLatePolicy::Refuse),
            1 => Some(SubmissionLatePolicy::Accept),
            _ => {
                let per_day = self.whole_number(object, path, "percent_per_day", 1, 100);
                let max = self.whole_number(object, path, "max_percent", 1, 100);
                Some(SubmissionLatePolicy::Penalty {
                    percent_per_day: u8::try_from(per_day?.unwrap_or(10)).ok()?,
                    max_percent: u8::try_from(max?.unwrap_or(100)).ok()?,
                })
            }
        }
    }

    fn submission_rules(
        &mut self,
        lesson: &Map<String, Value>,
        path: &str,
    ) -> Option<AssignmentRules> {
        let Some(value) = lesson.get("submission").filter(|v| !v.is_null()) else {
            return Some(AssignmentRules {
                text: true,
                files: None,
            });
        };
        let path = &format!("{path}.submission");
        let object = self.object(value, path, "\"submission\"")?;
        let text = match object.get("text") {
            None | Some(Value::Null) => Some(true),
            Some(_) => self.flag(object, path, "text"),
        };
        let files = match object.get("files").filter(|v| !v.is_null()) {
            None => Some(None),
            Some(files) => self.file_rules(files, &format!("{path}.files")).map(Some),
        };
        let (text, files) = (text?, files?);
        if !text && files.is_none() {
            self.report(
                path,
                ProblemKind::Empty,
                "a submission must take text, files or both",
            );
            return None;
        }
        Some(AssignmentRules { text, files })
    }

    fn file_rules(&mut self, value: &Value, path: &str) -> Option<FileRules> {
        let object = self.object(value, path, "\"files\"")?;
        let max_files = self.whole_number(object, path, "max_files", 1, u64::from(MAX_FILES_LIMIT));
        let max_bytes = self.whole_number(object, path, "max_file_bytes", 1, MAX_FILE_BYTES_LIMIT);
        let types = self.array(object, path, "accepted_types");
        let (max_files, max_bytes, types) = (max_files?, max_bytes?, types?);
        let here = format!("{path}.accepted_types");
        if types.is_empty() || types.len() > MAX_ACCEPTED_TYPES {
            self.report(
                &here,
                ProblemKind::OutOfRange,
                format!("list 1 to {MAX_ACCEPTED_TYPES} media types"),
            );
            return None;
        }
        let mut accepted_types = Vec::with_capacity(types.len());
        for (index, raw) in types.iter().enumerate() {
            match raw.as_str().filter(|raw| is_media_type_pattern(raw)) {
                Some(media_type) => accepted_types.push(media_type.to_owned()),
                None => self.report(
                    &format!("{here}[{index}]"),
                    ProblemKind::WrongType,
                    "a media type is lowercase type/subtype, like application/pdf or image/*",
                ),
            }
        }
        (accepted_types.len() == types.len()).then_some(FileRules {
            max_files: u32::try_from(max_files.unwrap_or(1)).ok()?,
            max_file_bytes: max_bytes.unwrap_or(10 * 1024 * 1024),
            accepted_types,
        })
    }
}

/// `type/subtype` or `type/*`, lowercase.
fn is_media_type_pattern(raw: &str) -> bool {
    let token = |part: &str| {
        !part.is_empty()
            && part.len() <= 127
            && part
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "!#$&-^_.+".contains(c))
    };
    match raw.split_once('/') {
        Some((family, "*")) => token(family),
        Some((family, subtype)) => token(family) && token(subtype),
        None => false,
    }
}
