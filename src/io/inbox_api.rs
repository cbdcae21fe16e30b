//! The inbox routes of the LMS client: the caller's notifications, marking them read, and
//! a course's announcements (an instructor posts them to every learner's inbox).

use super::http::{authorized, build, decode_json, send, AbortOnDrop, HttpError};
use gloo_net::http::Request;
use lectern_api::v1::{
    routes, AnnouncementList, AnnouncementView, MarkNotificationsRead, NewAnnouncement,
    NotificationList,
};
use lectern_core::CourseId;

/// `GET /api/v1/notifications`.
pub async fn notifications(token: &str) -> Result<NotificationList, HttpError> {
    let abort = AbortOnDrop::new();
    let request = build(authorized(
        Request::get(routes::NOTIFICATIONS),
        token,
        &abort,
    ))?;
    decode_json(&send(request).await?)
}

/// `POST /api/v1/notifications/read`.
pub async fn mark_read(token: &str, marks: &MarkNotificationsRead) -> Result<(), HttpError> {
    let abort = AbortOnDrop::new();
    let request = authorized(Request::post(routes::NOTIFICATIONS_READ), token, &abort)
        .json(marks)
        .map_err(|err| HttpError::Decode(format!("could not encode the marks: {err}")))?;
    send(request).await.map(drop)
}

/// `GET /api/v1/courses/{course_id}/announcements`.
pub async fn announcements(
    token: &str,
    course_id: &CourseId,
) -> Result<AnnouncementList, HttpError> {
    let abort = AbortOnDrop::new();
    let path = routes::course_announcements(course_id);
    decode_json(&send(build(authorized(Request::get(&path), token, &abort))?).await?)
}

/// `POST /api/v1/courses/{course_id}/announcements` (instructors).
pub async fn announce(
    token: &str,
    course_id: &CourseId,
    announcement: &NewAnnouncement,
) -> Result<AnnouncementView, HttpError> {
    let abort = AbortOnDrop::new();
    let path = routes::course_announcements(course_id);
    let request = authorized(Request::post(&path), token, &abort)
        .json(announcement)
        .map_err(|err| HttpError::Decode(format!("could not encode the announcement: {err}")))?;
    decode_json(&send(request).await?)
}
