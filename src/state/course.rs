//! Loading a course for the course and lesson pages, on behalf of the signed-in learner.

use super::SessionInjection;
use crate::io::course_source::{self, LoadedCourse};
use crate::io::http::HttpError;
use lectern_core::CourseId;

/// Loads the course at `raw_course_id` (as it appears in the address). An id that cannot
/// exist is simply not found.
pub async fn load_course(
    session: SessionInjection,
    raw_course_id: String,
) -> Result<LoadedCourse, HttpError> {
    let Ok(course_id) = CourseId::parse(&raw_course_id) else {
        return Err(HttpError::NotFound);
    };
    let Some(token) = session.token_untracked() else {
        return Err(HttpError::SignedOut);
    };
    session.observe(course_source::load_course(&token, &course_id).await)
}
