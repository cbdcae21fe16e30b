//! The failures of a live session's recording routes that the instructor's client can act
//! on, as problems. They reach the client through
//! [`ApiError::Recording`](super::ApiError::Recording); a chunk that does not continue the
//! recording also says in headers where to resume.

use axum::http::{HeaderName, HeaderValue};
use lectern_api::v1::live::{MAX_RECORDING_BYTES, MAX_RECORDING_CHUNK_BYTES};
use lectern_api::v1::{ProblemDetails, ProblemType};

/// How many bytes of the recording are stored, on a 409 as on every status answer.
pub(super) const UPLOAD_OFFSET: HeaderName = HeaderName::from_static("upload-offset");

/// A refused recording chunk or completion.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RecordingProblem {
    /// The server has no media directory to keep recordings in (503).
    #[error("no media directory for recordings")]
    Unavailable,
    /// A chunk larger than [`MAX_RECORDING_CHUNK_BYTES`] (413).
    #[error("the chunk is too large")]
    ChunkTooLarge,
    /// A chunk that would make the recording larger than [`MAX_RECORDING_BYTES`] (413).
    #[error("the recording is too large")]
    RecordingTooLarge,
    /// A chunk that starts past the stored bytes (409).
    #[error("the chunk starts past byte {bytes_stored}")]
    OffsetMismatch { bytes_stored: u64 },
    /// New bytes for a recording completed already (409).
    #[error("the recording is complete")]
    Complete,
    /// Completing a recording of which nothing is stored (409).
    #[error("nothing is recorded")]
    NothingRecorded,
    /// A completion that does not fit (its duration), or a live lesson whose recording
    /// cannot be a lesson (its id is too long) (422).
    #[error("invalid recording: {0}")]
    Invalid(String),
}

impl RecordingProblem {
    pub(super) fn problem(&self) -> ProblemDetails {
        match self {
            RecordingProblem::Unavailable => ProblemDetails::new(
                ProblemType::RecordingsUnavailable,
                "This server has no media directory, so it keeps no recordings.",
            ),
            RecordingProblem::ChunkTooLarge => ProblemDetails::new(
                ProblemType::PayloadTooLarge,
                format!(
                    "A recording chunk may be at most {MAX_RECORDING_CHUNK_BYTES} bytes; send \
                     it in smaller chunks."
                ),
            ),
            RecordingProblem::RecordingTooLarge => ProblemDetails::new(
                ProblemType::PayloadTooLarge,
                format!("A recording may be at most {MAX_RECORDING_BYTES} bytes."),
            ),
            RecordingProblem::OffsetMismatch { bytes_stored } => ProblemDetails::new(
                ProblemType::UploadOffsetMismatch,
                format!(
                    "The server holds the first {bytes_stored} bytes of this recording; send \
                     the next chunk from byte {bytes_stored}."
                ),
            ),
            RecordingProblem::Complete => ProblemDetails::new(
                ProblemType::RecordingComplete,
                "This recording is complete and takes no more bytes.",
            ),
            RecordingProblem::NothingRecorded => ProblemDetails::new(
                ProblemType::NothingRecorded,
                "Nothing of this recording is stored yet; upload it before completing it.",
            ),
            RecordingProblem::Invalid(detail) => {
                ProblemDetails::new(ProblemType::InvalidRecording, detail.clone())
            }
        }
    }

    /// Where to resume, for a chunk that does not continue the recording: `Upload-Offset`
    /// and, once bytes are stored, `Range: bytes=0-{last stored byte}`.
    pub(super) fn headers(&self) -> Vec<(HeaderName, HeaderValue)> {
        let RecordingProblem::OffsetMismatch { bytes_stored } = self else {
            return Vec::new();
        };
        let mut headers = vec![(UPLOAD_OFFSET, HeaderValue::from(*bytes_stored))];
        if let Some(last) = bytes_stored.checked_sub(1) {
            if let Ok(range) = HeaderValue::from_str(&format!("bytes=0-{last}")) {
                headers.push((axum::http::header::RANGE, range));
            }
        }
        headers
    }
}
