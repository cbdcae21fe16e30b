//! The assignment routes of the LMS client: the caller's assignment, the grading queue and
//! grading (instructors), the gradebook, and the calendar. Submissions themselves are
//! outbox events (`io::event_recorder`); their files go up through `io::upload`.

use super::http::{authorized, build, decode_json, send, AbortOnDrop, HttpError};
use gloo_net::http::Request;
use lectern_api::v1::{
    routes, AssignmentId, AssignmentView, CalendarView, GradeRequest, Gradebook, GradingQueue,
    SubmissionId, SubmissionView,
};
use lectern_core::CourseId;

/// `GET /api/v1/assignments/{assignment_id}`.
pub async fn assignment(
    token: &str,
    assignment_id: &AssignmentId,
) -> Result<AssignmentView, HttpError> {
    let abort = AbortOnDrop::new();
    let path = routes::assignment(assignment_id);
    decode_json(&send(build(authorized(Request::get(&path), token, &abort))?).await?)
}

/// `GET /api/v1/assignments/{assignment_id}/submissions` (instructors).
pub async fn grading_queue(
    token: &str,
    assignment_id: &AssignmentId,
) -> Result<GradingQueue, HttpError> {
    let abort = AbortOnDrop::new();
    let path = routes::assignment_submissions(assignment_id);
    decode_json(&send(build(authorized(Request::get(&path), token, &abort))?).await?)
}

/// `PUT /api/v1/submissions/{submission_id}/grade` (instructors).
pub async fn grade(
    token: &str,
    submission_id: &SubmissionId,
    grade: &GradeRequest,
) -> Result<SubmissionView, HttpError> {
    let abort = AbortOnDrop::new();
    let path = routes::submission_grade(submission_id);
    let request = authorized(Request::put(&path), token, &abort)
        .json(grade)
        .map_err(|err| HttpError::Decode(format!("could not encode the grade: {err}")))?;
    decode_json(&send(request).await?)
}

/// `GET /api/v1/courses/{course_id}/gradebook` (instructors).
pub async fn gradebook(token: &str, course_id: &CourseId) -> Result<Gradebook, HttpError> {
    let abort = AbortOnDrop::new();
    let path = routes::course_gradebook(course_id);
    decode_json(&send(build(authorized(Request::get(&path), token, &abort))?).await?)
}

/// `GET /api/v1/calendar`.
pub async fn calendar(token: &str) -> Result<CalendarView, HttpError> {
    let abort = AbortOnDrop::new();
    let request = build(authorized(Request::get(routes::CALENDAR), token, &abort))?;
    decode_json(&send(request).await?)
}
