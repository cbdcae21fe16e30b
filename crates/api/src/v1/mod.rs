//! JSON API v1. Routes are listed in [`routes`]; `docs/openapi.yaml` describes them in full.

mod courses;
mod problem;
mod session;

pub use courses::{CourseList, CourseSummary};
pub use problem::{FieldProblem, ProblemDetails, ProblemType, PROBLEM_JSON};
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

    /// The path of one course's manifest.
    pub fn course(course_id: &lectern_core::CourseId) -> String {
        format!("/api/v1/courses/{course_id}")
    }
}
