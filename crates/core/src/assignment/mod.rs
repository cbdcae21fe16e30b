//! Assignments: work a learner hands in (text, files, or both) by a due date, graded later
//! by an instructor with a score and written feedback. The manifest sets what may be
//! handed in ([`AssignmentRules`]); [`check_submission`] applies those rules, on the device
//! before a submission is recorded and again on the server. Whether a submission is late
//! is [`crate::calendar::late_decision`], by the server's clock.

use crate::calendar::SubmissionLatePolicy;
use crate::sync::uuid_id;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// Longest text answer, in characters.
pub const MAX_SUBMISSION_TEXT_CHARS: usize = 100_000;
/// Longest file name, in characters.
pub const MAX_FILE_NAME_CHARS: usize = 200;
/// The most files a manifest may allow per submission.
pub const MAX_FILES_LIMIT: u32 = 20;
/// The largest file a manifest may allow: 100 MiB.
pub const MAX_FILE_BYTES_LIMIT: u64 = 100 * 1024 * 1024;

uuid_id!(
    /// A submission's id, chosen on the device, so a resent submission is stored once.
    SubmissionId
);
uuid_id!(
    /// An uploaded file's id, chosen on the device before the upload starts, so a retried
    /// upload continues the same file instead of storing a second one.
    UploadId
);

/// An `assignment` lesson.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assignment {
    /// Markdown.
    pub instructions: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due_at: Option<Timestamp>,
    pub late_policy: SubmissionLatePolicy,
    /// Whether a learner may hand in again (until the due date) after a first submission.
    pub resubmit: bool,
    /// The most points a grade can give.
    pub max_points: u32,
    pub submission: AssignmentRules,
}

/// What a submission may hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AssignmentRules {
    /// Whether a text answer is taken.
    pub text: bool,
    /// Whether files are taken, and which; `None`: no files.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub files: Option<FileRules>,
}

/// The files a submission may carry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileRules {
    pub max_files: u32,
    pub max_file_bytes: u64,
    /// Media types taken, lowercase (`application/pdf`, `image/png`…). A type ending in
    /// `/*` takes the whole family (`image/*`).
    pub accepted_types: Vec<String>,
}

/// One file of a submission, as uploaded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubmittedFile {
    pub upload_id: UploadId,
    pub file_name: String,
    pub media_type: String,
    pub size_bytes: u64,
}

/// Why a submission cannot be taken. The texts are shown to the learner.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SubmissionProblem {
    #[error("add your answer or a file before handing in")]
    Empty,
    #[error("this assignment takes no text answer")]
    TextNotTaken,
    #[error("the answer may be at most {MAX_SUBMISSION_TEXT_CHARS} characters; it has {0}")]
    TextTooLong(usize),
    #[error("this assignment takes no files")]
    FilesNotTaken,
    #[error("at most {max} files may be handed in; there are {got}")]
    TooManyFiles { max: u32, got: usize },
    #[error("\"{file_name}\" is {size_bytes} bytes; files may be at most {max} bytes")]
    FileTooLarge {
        file_name: String,
        size_bytes: u64,
        max: u64,
    },
    #[error("\"{file_name}\" is {media_type}, which this assignment does not take")]
    TypeRefused {
        file_name: String,
        media_type: String,
    },
    #[error("a file name must be 1 to {MAX_FILE_NAME_CHARS} characters, with no path or control characters")]
    BadFileName,
    #[error("the same file is handed in twice")]
    DuplicateFile,
}

/// Checks a submission of `text` and `files` against `rules`.
pub fn check_submission(
    rules: &AssignmentRules,
    text: &str,
    files: &[SubmittedFile],
) -> Result<(), SubmissionProblem> {
    let has_text = !text.trim().is_empty();
    if !has_text && files.is_empty() {
        return Err(SubmissionProblem::Empty);
    }
    if has_text && !rules.text {
        return Err(SubmissionProblem::TextNotTaken);
    }
    let chars = text.chars().count();
    if chars > MAX_SUBMISSION_TEXT_CHARS {
        return Err(SubmissionProblem::TextTooLong(chars));
    }
    if files.is_empty() {
        return Ok(());
    }
    let Some(file_rules) = &rules.files else {
        return Err(SubmissionProblem::FilesNotTaken);
    };
    if files.len() > file_rules.max_files as usize {
        return Err(SubmissionProblem::TooManyFiles {
            max: file_rules.max_files,
            got: files.len(),
        });
    }
    for (index, file) in files.iter().enumerate() {
        check_file(
            file_rules,
            &file.file_name,
            &file.media_type,
            file.size_bytes,
        )?;
        if files[..index]
            .iter()
            .any(|earlier| earlier.upload_id == file.upload_id)
        {
            return Err(SubmissionProblem::DuplicateFile);
        }
    }
    Ok(())
}

/// Checks one file before it is uploaded: its name, type and size.
pub fn check_file(
    rules: &FileRules,
    file_name: &str,
    media_type: &str,
    size_bytes: u64,
) -> Result<(), SubmissionProblem> {
    if !is_plain_file_name(file_name) {
        return Err(SubmissionProblem::BadFileName);
    }
    if !rules.accepts_type(media_type) {
        return Err(SubmissionProblem::TypeRefused {
            file_name: file_name.to_owned(),
            media_type: if media_type.is_empty() {
                "of an unknown type".to_owned()
            } else {
                media_type.to_owned()
            },
        });
    }
    if size_bytes > rules.max_file_bytes {
        return Err(SubmissionProblem::FileTooLarge {
            file_name: file_name.to_owned(),
            size_bytes,
            max: rules.max_file_bytes,
        });
    }
    Ok(())
}

impl FileRules {
    /// Whether `media_type` (as the browser reports it; parameters after `;` ignored) is
    /// one of the accepted types.
    pub fn accepts_type(&self, media_type: &str) -> bool {
        let essence = media_type
            .split(';')
            .next()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase();
        let Some((family, _)) = essence.split_once('/') else {
            return false;
        };
        self.accepted_types.iter().any(|accepted| {
            accepted == &essence
                || accepted
                    .strip_suffix("/*")
                    .is_some_and(|accepted_family| accepted_family == family)
        })
    }
}

/// A name with no path, no control characters, and not `.` or `..`.
fn is_plain_file_name(name: &str) -> bool {
    let chars = name.chars().count();
    (1..=MAX_FILE_NAME_CHARS).contains(&chars)
        && name.trim() == name
        && name != "."
        && name != ".."
        && !name
            .chars()
            .any(|c| c.is_control() || matches!(c, '/' | '\\' | '\0'))
}

#[cfg(test)]
mod tests;
