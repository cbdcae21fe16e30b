//! Errors as RFC 9457 problem details (`application/problem+json`).

use serde::{Deserialize, Serialize};

/// The media type of every error body.
pub const PROBLEM_JSON: &str = "application/problem+json";

/// The kinds of error the API reports; each has a stable `type` URI.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProblemType {
    Unauthorized,
    BadCredentials,
    Forbidden,
    NotFound,
    BadRequest,
    InvalidCourse,
    PayloadTooLarge,
    UnsupportedMediaType,
    Internal,
    QuizNotOpen,
    QuizClosed,
    AttemptLimitReached,
    AttemptClosed,
    InvalidAnswer,
    InvalidReview,
    InvalidLaunch,
    /// A moderation that does not fit its post (a pin on a reply, an answer on an opening
    /// post); `errors` says which field.
    InvalidModeration,
    /// An announcement with a blank or oversized title or body; `errors` says which.
    InvalidAnnouncement,
    LaunchUsed,
    LaunchExpired,
    LaunchRevoked,
    /// Too many requests from one network address; `Retry-After` says when to try again.
    RateLimited,
    /// A file an assignment does not take (its type, its name), or an upload that does not
    /// fit its assignment.
    InvalidUpload,
    /// A chunk that starts past the bytes the server holds; the detail says where to resume.
    UploadOffsetMismatch,
    /// The assignment takes no more submissions from the caller (a hard deadline passed, or
    /// it takes one submission and has it).
    SubmissionClosed,
    InvalidGrade,
    /// The server keeps no recordings (it has no media directory): 503.
    RecordingsUnavailable,
    /// A recording completed with nothing stored yet.
    NothingRecorded,
    /// A chunk past the end of a recording that is complete already.
    RecordingComplete,
    /// A recording that cannot become a lesson as described (its duration, its lesson id).
    InvalidRecording,
}

impl ProblemType {
    pub const ALL: [ProblemType; 30] = [
        ProblemType::Unauthorized,
        ProblemType::BadCredentials,
        ProblemType::Forbidden,
        ProblemType::NotFound,
        ProblemType::BadRequest,
        ProblemType::InvalidCourse,
        ProblemType::PayloadTooLarge,
        ProblemType::UnsupportedMediaType,
        ProblemType::Internal,
        ProblemType::QuizNotOpen,
        ProblemType::QuizClosed,
        ProblemType::AttemptLimitReached,
        ProblemType::AttemptClosed,
        ProblemType::InvalidAnswer,
        ProblemType::InvalidReview,
        ProblemType::InvalidLaunch,
        ProblemType::InvalidModeration,
        ProblemType::InvalidAnnouncement,
        ProblemType::LaunchUsed,
        ProblemType::LaunchExpired,
        ProblemType::LaunchRevoked,
        ProblemType::RateLimited,
        ProblemType::InvalidUpload,
        ProblemType::UploadOffsetMismatch,
        ProblemType::SubmissionClosed,
        ProblemType::InvalidGrade,
        ProblemType::RecordingsUnavailable,
        ProblemType::NothingRecorded,
        ProblemType::RecordingComplete,
        ProblemType::InvalidRecording,
    ];

    /// The problem `type` member: a URI reference relative to the API's origin.
    pub fn uri(self) -> &'static str {
        match self {
            ProblemType::Unauthorized => "/problems/unauthorized",
            ProblemType::BadCredentials => "/problems/bad-credentials",
            ProblemType::Forbidden => "/problems/forbidden",
            ProblemType::NotFound => "/problems/not-found",
            ProblemType::BadRequest => "/problems/bad-request",
            ProblemType::InvalidCourse => "/problems/invalid-course",
            ProblemType::PayloadTooLarge => "/problems/payload-too-large",
            ProblemType::UnsupportedMediaType => "/problems/unsupported-media-type",
            ProblemType::Internal => "/problems/internal",
            ProblemType::QuizNotOpen => "/problems/quiz-not-open",
            ProblemType::QuizClosed => "/problems/quiz-closed",
            ProblemType::AttemptLimitReached => "/problems/attempt-limit-reached",
            ProblemType::AttemptClosed => "/problems/attempt-closed",
            ProblemType::InvalidAnswer => "/problems/invalid-answer",
            ProblemType::InvalidReview => "/problems/invalid-review",
            ProblemType::InvalidLaunch => "/problems/invalid-launch",
            ProblemType::InvalidModeration => "/problems/invalid-moderation",
            ProblemType::InvalidAnnouncement => "/problems/invalid-announcement",
            ProblemType::LaunchUsed => "/problems/launch-used",
            ProblemType::LaunchExpired => "/problems/launch-expired",
            ProblemType::LaunchRevoked => "/problems/launch-revoked",
            ProblemType::RateLimited => "/problems/rate-limited",
            ProblemType::InvalidUpload => "/problems/invalid-upload",
            ProblemType::UploadOffsetMismatch => "/problems/upload-offset-mismatch",
            ProblemType::SubmissionClosed => "/problems/submission-closed",
            ProblemType::InvalidGrade => "/problems/invalid-grade",
            ProblemType::RecordingsUnavailable => "/problems/recordings-unavailable",
            ProblemType::NothingRecorded => "/problems/nothing-recorded",
            ProblemType::RecordingComplete => "/problems/recording-complete",
            ProblemType::InvalidRecording => "/problems/invalid-recording",
        }
    }

    /// The HTTP status that goes with the problem.
    pub fn status(self) -> u16 {
        match self {
            ProblemType::Unauthorized | ProblemType::BadCredentials => 401,
            // The launch token is the credential, and it no longer counts.
            ProblemType::LaunchRevoked => 401,
            ProblemType::Forbidden => 403,
            ProblemType::NotFound => 404,
            ProblemType::BadRequest => 400,
            ProblemType::InvalidCourse => 422,
            ProblemType::PayloadTooLarge => 413,
            ProblemType::UnsupportedMediaType => 415,
            ProblemType::Internal => 500,
            ProblemType::QuizNotOpen
            | ProblemType::QuizClosed
            | ProblemType::AttemptLimitReached
            | ProblemType::AttemptClosed => 409,
            ProblemType::InvalidAnswer
            | ProblemType::InvalidReview
            | ProblemType::InvalidLaunch
            | ProblemType::InvalidModeration
            | ProblemType::InvalidAnnouncement => 422,
            ProblemType::LaunchUsed | ProblemType::LaunchExpired => 410,
            ProblemType::RateLimited => 429,
            ProblemType::InvalidUpload | ProblemType::InvalidGrade => 422,
            ProblemType::UploadOffsetMismatch | ProblemType::SubmissionClosed => 409,
            ProblemType::RecordingsUnavailable => 503,
            ProblemType::NothingRecorded | ProblemType::RecordingComplete => 409,
            ProblemType::InvalidRecording => 422,
        }
    }

    /// A short, fixed summary (the problem `title`).
    pub fn title(self) -> &'static str {
        match self {
            ProblemType::Unauthorized => "Sign-in required",
            ProblemType::BadCredentials => "Wrong username or password",
            ProblemType::Forbidden => "Not allowed",
            ProblemType::NotFound => "Not found",
            ProblemType::BadRequest => "Bad request",
            ProblemType::InvalidCourse => "The course is not valid",
            ProblemType::PayloadTooLarge => "Request body too large",
            ProblemType::UnsupportedMediaType => "Unsupported media type",
            ProblemType::Internal => "Internal error",
            ProblemType::QuizNotOpen => "The quiz is not open yet",
            ProblemType::QuizClosed => "The quiz is closed",
            ProblemType::AttemptLimitReached => "No attempts left",
            ProblemType::AttemptClosed => "The attempt takes no more answers",
            ProblemType::InvalidAnswer => "An answer does not fit its question",
            ProblemType::InvalidReview => "The review cannot be recorded",
            ProblemType::InvalidLaunch => "The launch request is not valid",
            ProblemType::InvalidModeration => "The moderation does not fit the post",
            ProblemType::InvalidAnnouncement => "The announcement is not valid",
            ProblemType::LaunchUsed => {
                "This launch link was already used. Open the course again from your LMS."
            }
            ProblemType::LaunchExpired => {
                "This launch link has expired. Open the course again from your LMS."
            }
            ProblemType::LaunchRevoked => {
                "This launch link no longer works: its LMS may no longer sign learners in."
            }
            ProblemType::RateLimited => "Too many requests: wait a few seconds and try again",
            ProblemType::InvalidUpload => "The file cannot be uploaded",
            ProblemType::UploadOffsetMismatch => "The chunk does not continue the upload",
            ProblemType::SubmissionClosed => "The assignment takes no more submissions",
            ProblemType::InvalidGrade => "The grade cannot be recorded",
            ProblemType::RecordingsUnavailable => "This server does not keep recordings",
            ProblemType::NothingRecorded => "Nothing is recorded yet",
            ProblemType::RecordingComplete => "The recording is complete",
            ProblemType::InvalidRecording => "The recording cannot become a lesson",
        }
    }

    pub fn from_uri(uri: &str) -> Option<ProblemType> {
        ProblemType::ALL.into_iter().find(|t| t.uri() == uri)
    }
}

/// An RFC 9457 problem details body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProblemDetails {
    #[serde(rename = "type")]
    pub problem_type: String,
    pub title: String,
    pub status: u16,
    /// What went wrong in this case, for a person.
    #[serde(default)]
    pub detail: String,
    /// Field-level problems, for example every problem in an invalid course.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldProblem>,
}

/// One problem with one part of a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldProblem {
    /// JSONPath of the offending value.
    pub path: String,
    pub message: String,
}

impl ProblemDetails {
    pub fn new(problem_type: ProblemType, detail: impl Into<String>) -> Self {
        ProblemDetails {
            problem_type: problem_type.uri().to_owned(),
            title: problem_type.title().to_owned(),
            status: problem_type.status(),
            detail: detail.into(),
            errors: Vec::new(),
        }
    }

    pub fn with_errors(mut self, errors: Vec<FieldProblem>) -> Self {
        self.errors = errors;
        self
    }

    /// The known problem type, if the server sent one this client knows.
    pub fn kind(&self) -> Option<ProblemType> {
        ProblemType::from_uri(&self.problem_type)
    }
}

impl From<&lectern_core::Problem> for FieldProblem {
    fn from(problem: &lectern_core::Problem) -> Self {
        FieldProblem {
            path: problem.path.clone(),
            message: problem.message.clone(),
        }
    }
}
