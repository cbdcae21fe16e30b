//! JSON API v1. Routes are listed in [`routes`]; `docs/openapi.yaml` describes them in full.

mod courses;
mod events;
mod launches;
mod problem;
mod quizzes;
mod session;

pub use courses::{CourseList, CourseSummary};
pub use events::{
    CourseProgressView, DeviceSequences, EventBatchRequest, EventBatchResponse, EventResult,
    EventStatus, LearnerEvent, LessonProgressEntry, UnreadableEvent, MAX_EVENTS_PER_BATCH,
};
pub use launches::{
    LaunchExchangeRequest, LaunchExchangeResponse, LaunchRequest, LaunchResponse, LaunchRole,
    MAX_DISPLAY_NAME_CHARS, MAX_LMS_LEARNER_ID_CHARS,
};
pub use problem::{FieldProblem, ProblemDetails, ProblemType, PROBLEM_JSON};
pub use quizzes::{
    AttemptId, AttemptList, AttemptResult, AttemptStatus, AttemptView, LearnerRef, QuestionResult,
    QuizId, ReviewRequest, SaveAnswersRequest, Seed, StartAttemptRequest, Submission,
    SubmissionList, SubmitAttemptRequest, WireIdError, MAX_FEEDBACK_CHARS,
};
pub use session::{SessionResponse, SignInRequest, UserProfile};

/// The prefix every v1 route lives under.
pub const PREFIX: &str = "/api/v1";

/// Request bodies larger than this are refused with 413.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// Paths of the v1 routes, in OpenAPI template form.
pub mod routes {
    pub const SESSION: &str = "/api/v1/session";
    pub const COURSES: &str = "/api/v1/courses";
    pub const COURSE: &str = "/api/v1/courses/{course_id}";
    pub const EVENTS: &str = "/api/v1/events";
    pub const COURSE_PROGRESS: &str = "/api/v1/courses/{course_id}/progress";
    pub const QUIZ_ATTEMPTS: &str = "/api/v1/quizzes/{quiz_id}/attempts";
    pub const QUIZ_SUBMISSIONS: &str = "/api/v1/quizzes/{quiz_id}/submissions";
    pub const ATTEMPT_ANSWERS: &str = "/api/v1/attempts/{attempt_id}/answers";
    pub const ATTEMPT_SUBMIT: &str = "/api/v1/attempts/{attempt_id}/submit";
    pub const ATTEMPT_REVIEW: &str = "/api/v1/attempts/{attempt_id}/reviews/{question_id}";
    /// An LMS asks for a launch link (authorised by its API key).
    pub const LAUNCHES: &str = "/api/v1/launches";
    /// A launch token is traded for a session (no authorisation: the token is the proof).
    pub const LAUNCH_EXCHANGE: &str = "/api/v1/launches/exchange";

    /// The path of one course's manifest.
    pub fn course(course_id: &lectern_core::CourseId) -> String {
        format!("/api/v1/courses/{course_id}")
    }

    /// The caller's merged progress through one course.
    pub fn course_progress(course_id: &lectern_core::CourseId) -> String {
        format!("/api/v1/courses/{course_id}/progress")
    }

    /// Starting and listing the caller's attempts at a quiz.
    pub fn quiz_attempts(quiz_id: &super::QuizId) -> String {
        format!("/api/v1/quizzes/{quiz_id}/attempts")
    }

    /// Every learner's attempts at a quiz (instructors).
    pub fn quiz_submissions(quiz_id: &super::QuizId) -> String {
        format!("/api/v1/quizzes/{quiz_id}/submissions")
    }

    pub fn attempt_answers(attempt_id: &super::AttemptId) -> String {
        format!("/api/v1/attempts/{attempt_id}/answers")
    }

    pub fn attempt_submit(attempt_id: &super::AttemptId) -> String {
        format!("/api/v1/attempts/{attempt_id}/submit")
    }

    /// An instructor's review of one answer. Question ids are checked to be slugs
    /// before they get here, so they need no escaping.
    pub fn attempt_review(attempt_id: &super::AttemptId, question_id: &str) -> String {
        format!("/api/v1/attempts/{attempt_id}/reviews/{question_id}")
    }
}
