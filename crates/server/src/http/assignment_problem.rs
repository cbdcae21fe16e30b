//! The failures of the assignment routes (uploads and grades) that the client can act on,
//! as problems: each says what was wrong and what to do. They reach the client through
//! [`ApiError::Assignment`](super::ApiError::Assignment).

use lectern_api::v1::{ProblemDetails, ProblemType, MAX_UPLOAD_CHUNK_BYTES};

/// A refused upload or grade.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AssignmentProblem {
    /// The query of an upload is missing or does not read.
    #[error("bad upload request: {0}")]
    BadUploadRequest(String),
    /// A file the assignment does not take (type, name), or one for an assignment that takes
    /// no files (422).
    #[error("upload refused: {0}")]
    InvalidUpload(String),
    /// A file larger than the assignment takes (413).
    #[error("file too large: {0}")]
    FileTooLarge(String),
    /// A chunk larger than [`MAX_UPLOAD_CHUNK_BYTES`] (413).
    #[error("the chunk is too large")]
    ChunkTooLarge,
    /// The upload id is already used, for another file or by another learner (400).
    #[error("the upload id is taken")]
    UploadIdTaken,
    /// A chunk that starts past the stored bytes (409).
    #[error("the chunk starts past byte {received_bytes}")]
    UploadOffsetMismatch { received_bytes: u64 },
    /// The assignment takes no more submissions from the caller (409).
    #[error("no more submissions: {0}")]
    SubmissionClosed(String),
    /// A score or feedback that does not fit (422).
    #[error("invalid grade: {0}")]
    InvalidGrade(String),
}

impl AssignmentProblem {
    pub(super) fn problem(&self) -> ProblemDetails {
        match self {
            AssignmentProblem::BadUploadRequest(detail) => {
                ProblemDetails::new(ProblemType::BadRequest, detail.clone())
            }
            AssignmentProblem::InvalidUpload(detail) => {
                ProblemDetails::new(ProblemType::InvalidUpload, detail.clone())
            }
            AssignmentProblem::FileTooLarge(detail) => {
                ProblemDetails::new(ProblemType::PayloadTooLarge, detail.clone())
            }
            AssignmentProblem::ChunkTooLarge => ProblemDetails::new(
                ProblemType::PayloadTooLarge,
                format!(
                    "An upload chunk may be at most {MAX_UPLOAD_CHUNK_BYTES} bytes; send the \
                     file in smaller chunks with Content-Range."
                ),
            ),
            AssignmentProblem::UploadIdTaken => ProblemDetails::new(
                ProblemType::BadRequest,
                "This upload id is already in use for another file; upload with a new UUID.",
            ),
            AssignmentProblem::UploadOffsetMismatch { received_bytes } => ProblemDetails::new(
                ProblemType::UploadOffsetMismatch,
                format!(
                    "The server holds the first {received_bytes} bytes of this file; send the \
                     next chunk from byte {received_bytes}."
                ),
            ),
            AssignmentProblem::SubmissionClosed(detail) => {
                ProblemDetails::new(ProblemType::SubmissionClosed, detail.clone())
            }
            AssignmentProblem::InvalidGrade(detail) => {
                ProblemDetails::new(ProblemType::InvalidGrade, detail.clone())
            }
        }
    }
}
