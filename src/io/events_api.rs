//! The sync endpoints of the LMS client: sending a batch of learner events, and reading
//! the learner's merged progress through a course.

use super::http::{authorized, build, decode_json, send, AbortOnDrop, HttpError};
use gloo_net::http::Request;
use lectern_api::v1::{
    routes, CourseProgressView, EventBatchRequest, EventBatchResponse, LearnerEvent,
};
use lectern_core::CourseId;

/// `POST /api/v1/events`: the server answers for each event.
pub async fn post_events(
    token: &str,
    events: Vec<LearnerEvent>,
) -> Result<EventBatchResponse, HttpError> {
    let abort = AbortOnDrop::new();
    let request = authorized(Request::post(routes::EVENTS), token, &abort)
        .json(&EventBatchRequest { events })
        .map_err(|err| HttpError::Decode(format!("could not encode the events: {err}")))?;
    decode_json(&send(request).await?)
}

/// `GET /api/v1/courses/{course_id}/progress`: the learner's progress, merged from every
/// device by the server.
pub async fn course_progress(
    token: &str,
    course_id: &CourseId,
) -> Result<CourseProgressView, HttpError> {
    let abort = AbortOnDrop::new();
    let path = routes::course_progress(course_id);
    decode_json(&send(build(authorized(Request::get(&path), token, &abort))?).await?)
}
