//! The one error type of the HTTP API. Every failure becomes an RFC 9457 problem
//! (`application/problem+json`). Internal causes are logged here, once, and never sent:
//! the client only ever sees a generic 500.

use super::assignment_problem::AssignmentProblem;
use super::launch_refusal::LaunchRefusal;
use super::recording_problem::RecordingProblem;
use axum::http::header::{CONTENT_TYPE, RETRY_AFTER, WWW_AUTHENTICATE};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use jiff::Timestamp;
use lectern_api::v1::{FieldProblem, ProblemDetails, ProblemType, PROBLEM_JSON};
use lectern_core::quiz::StartRefusal;
use lectern_core::CourseId;

/// An API failure, mapped to a status and a problem body in [`IntoResponse`].
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// No bearer token, or one that is unknown, revoked or expired.
    #[error("sign-in required")]
    Unauthorized,
    /// No API key, or one that is unknown or revoked (a session token is not one).
    #[error("an API key is required")]
    BadApiKey,
    #[error("wrong username or password")]
    BadCredentials,
    /// Missing, or not visible to the caller: the two must look the same.
    #[error("not found")]
    NotFound,
    /// A launch named a course that is not stored (the LMS may say which).
    #[error("no course {0}")]
    CourseNotFound(CourseId),
    #[error("method not allowed")]
    MethodNotAllowed,
    #[error("bad request: {0}")]
    BadRequest(String),
    #[error("request body too large")]
    PayloadTooLarge,
    #[error("unsupported media type: {0}")]
    UnsupportedMediaType(String),
    /// The quiz's rules refuse a new attempt now.
    #[error("attempt refused: {0}")]
    StartRefused(StartRefusal),
    /// A start named an attempt id that belongs to another learner or quiz (400).
    #[error("the attempt id is taken")]
    AttemptIdTaken,
    /// The attempt was submitted, or its time ran out (it was then submitted at `deadline`).
    #[error("the attempt takes no more answers")]
    AttemptClosed { deadline: Option<Timestamp> },
    /// Answers that do not fit their questions; nothing was saved.
    #[error("{} answers do not fit their questions", .0.len())]
    InvalidAnswers(Vec<FieldProblem>),
    #[error("invalid review: {0}")]
    InvalidReview(String),
    /// A launch request whose fields do not fit; nothing was written.
    #[error("{} launch fields do not fit", .0.len())]
    InvalidLaunch(Vec<FieldProblem>),
    /// The caller may see this, but not do that (a learner moderating a classmate's post).
    #[error("forbidden: {0}")]
    Forbidden(String),
    /// A moderation that does not fit its post; nothing was changed.
    #[error("{} moderation fields do not fit", .0.len())]
    InvalidModeration(Vec<FieldProblem>),
    /// An announcement whose title or body does not fit; nothing was stored.
    #[error("{} announcement fields do not fit", .0.len())]
    InvalidAnnouncement(Vec<FieldProblem>),
    /// A launch link that no longer signs anyone in.
    #[error("launch refused: {0:?}")]
    LaunchRefused(LaunchRefusal),
    /// Too many calls from the caller's address; `Retry-After` says how long to wait.
    #[error("rate limited for {retry_after_seconds} s")]
    RateLimited { retry_after_seconds: u64 },
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("internal error: {0}")]
    Internal(String),
    /// A refused upload or grade; the problem says what to do.
    #[error(transparent)]
    Assignment(#[from] AssignmentProblem),
    /// A refused chunk or completion of a live session's recording.
    #[error(transparent)]
    Recording(#[from] RecordingProblem),
}

/// The problem `type` for 405, which `lectern_api` has no variant for (clients treat an
/// unknown type by its status).
pub const METHOD_NOT_ALLOWED_TYPE: &str = "/problems/method-not-allowed";

impl ApiError {
    fn problem(&self) -> ProblemDetails {
        match self {
            ApiError::Unauthorized => ProblemDetails::new(
                ProblemType::Unauthorized,
                "Sign in and send the token as \"Authorization: Bearer <token>\".",
            ),
            ApiError::BadApiKey => ProblemDetails::new(
                ProblemType::Unauthorized,
                "Send an active Lectern API key as \"Authorization: Bearer lk_...\".",
            ),
            ApiError::BadCredentials => ProblemDetails::new(
                ProblemType::BadCredentials,
                "The username or the password is wrong.",
            ),
            ApiError::NotFound => ProblemDetails::new(
                ProblemType::NotFound,
                "There is nothing here, or you may not see it.",
            ),
            ApiError::CourseNotFound(course_id) => ProblemDetails::new(
                ProblemType::NotFound,
                format!("There is no course {course_id:?} on this server; import it first."),
            ),
            ApiError::MethodNotAllowed => ProblemDetails {
                problem_type: METHOD_NOT_ALLOWED_TYPE.to_owned(),
                title: "Method not allowed".to_owned(),
                status: StatusCode::METHOD_NOT_ALLOWED.as_u16(),
                detail: "This path does not accept that method; see the Allow header.".to_owned(),
                errors: Vec::new(),
            },
            ApiError::BadRequest(detail) => {
                ProblemDetails::new(ProblemType::BadRequest, detail.clone())
            }
            ApiError::PayloadTooLarge => ProblemDetails::new(
                ProblemType::PayloadTooLarge,
                format!(
                    "Request bodies may be at most {} bytes.",
                    lectern_api::v1::MAX_BODY_BYTES
                ),
            ),
            ApiError::UnsupportedMediaType(detail) => {
                ProblemDetails::new(ProblemType::UnsupportedMediaType, detail.clone())
            }
            ApiError::StartRefused(refusal) => start_refused(refusal),
            ApiError::AttemptIdTaken => ProblemDetails::new(
                ProblemType::BadRequest,
                "This attempt id is already in use; start the attempt with a new UUID.",
            ),
            ApiError::AttemptClosed { deadline } => ProblemDetails::new(
                ProblemType::AttemptClosed,
                match deadline {
                    Some(deadline) => format!(
                        "The time for this attempt ended at {deadline}. It was submitted with \
                         the answers saved by then."
                    ),
                    None => "This attempt has been submitted and takes no more answers.".into(),
                },
            ),
            ApiError::InvalidAnswers(errors) => ProblemDetails::new(
                ProblemType::InvalidAnswer,
                match errors.len() {
                    1 => "An answer does not fit its question. Nothing was saved.".to_owned(),
                    n => format!("{n} answers do not fit their questions. Nothing was saved."),
                },
            )
            .with_errors(errors.clone()),
            ApiError::InvalidReview(detail) => {
                ProblemDetails::new(ProblemType::InvalidReview, detail.clone())
            }
            ApiError::InvalidLaunch(errors) => ProblemDetails::new(
                ProblemType::InvalidLaunch,
                "The launch request does not fit; nothing was written.",
            )
            .with_errors(errors.clone()),
            ApiError::Forbidden(detail) => {
                ProblemDetails::new(ProblemType::Forbidden, detail.clone())
            }
            ApiError::InvalidModeration(errors) => ProblemDetails::new(
                ProblemType::InvalidModeration,
                "The moderation does not fit this post; nothing was changed.",
            )
            .with_errors(errors.clone()),
            ApiError::InvalidAnnouncement(errors) => ProblemDetails::new(
                ProblemType::InvalidAnnouncement,
                "The announcement cannot be sent as it is; nothing was stored.",
            )
            .with_errors(errors.clone()),
            ApiError::LaunchRefused(refusal) => refusal.problem(),
            ApiError::Assignment(problem) => problem.problem(),
            ApiError::Recording(problem) => problem.problem(),
            ApiError::RateLimited {
                retry_after_seconds,
            } => {
                ProblemDetails::new(
                    ProblemType::RateLimited,
                    format!(
                    "Too many requests from your network address: wait {retry_after_seconds} {} \
                     and try again.",
                    if *retry_after_seconds == 1 { "second" } else { "seconds" }
                ),
                )
            }
            ApiError::Database(_) | ApiError::Internal(_) => ProblemDetails::new(
                ProblemType::Internal,
                "Something went wrong on the server. Please try again later.",
            ),
        }
    }
}

/// A refused start as a learner reads it, with times in RFC 3339.
fn start_refused(refusal: &StartRefusal) -> ProblemDetails {
    match refusal {
        StartRefusal::NotYetOpen { opens_at } => ProblemDetails::new(
            ProblemType::QuizNotOpen,
            format!("This quiz opens at {opens_at}. Come back then to start an attempt."),
        ),
        StartRefusal::Closed { closes_at } => ProblemDetails::new(
            ProblemType::QuizClosed,
            format!("This quiz closed at {closes_at} and takes no new attempts."),
        ),
        StartRefusal::PastDue { due_at } => ProblemDetails::new(
            ProblemType::QuizClosed,
            format!("This quiz was due at {due_at} and does not accept late attempts."),
        ),
        StartRefusal::AttemptLimitReached { limit } => ProblemDetails::new(
            ProblemType::AttemptLimitReached,
            match limit {
                1 => "You have used the one attempt this quiz allows.".to_owned(),
                n => format!("You have used all {n} attempts this quiz allows."),
            },
        ),
    }
}

impl From<getrandom::Error> for ApiError {
    fn from(err: getrandom::Error) -> Self {
        ApiError::Internal(format!("random source: {err}"))
    }
}

impl From<crate::auth::password::PasswordError> for ApiError {
    fn from(err: crate::auth::password::PasswordError) -> Self {
        ApiError::Internal(err.to_string())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if matches!(self, ApiError::Database(_) | ApiError::Internal(_)) {
            tracing::error!(error = %self, "request failed");
        }
        let problem = self.problem();
        let retry_after = match &self {
            ApiError::RateLimited {
                retry_after_seconds,
            } => Some(HeaderValue::from(*retry_after_seconds)),
            _ => None,
        };
        let status =
            StatusCode::from_u16(problem.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let body = serde_json::to_vec(&problem).unwrap_or_default();
        let mut response = (status, body).into_response();
        let headers = response.headers_mut();
        headers.insert(CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
        if status == StatusCode::UNAUTHORIZED {
            headers.insert(WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        if let Some(retry_after) = retry_after {
            headers.insert(RETRY_AFTER, retry_after);
        }
        if let ApiError::Recording(problem) = &self {
            headers.extend(problem.headers());
        }
        response
    }
}

#[cfg(test)]
mod tests;
