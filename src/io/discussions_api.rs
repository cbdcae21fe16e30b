//! The discussion routes of the LMS client: a course's threads (or one lesson's), one
//! thread, marking it read, a post's versions, and an instructor's moderation. Posts
//! themselves are written as outbox events (`io::event_recorder`), never here.

use super::http::{authorized, build, decode_json, send, AbortOnDrop, HttpError};
use gloo_net::http::Request;
use lectern_api::v1::{routes, PostId, PostModeration, PostVersionList, ThreadList, ThreadView};
use lectern_core::{CourseId, LessonId};

/// `GET /api/v1/courses/{course_id}/threads[?lesson_id=]`.
pub async fn list_threads(
    token: &str,
    course_id: &CourseId,
    lesson_id: Option<&LessonId>,
) -> Result<ThreadList, HttpError> {
    let abort = AbortOnDrop::new();
    let mut path = routes::course_threads(course_id);
    if let Some(lesson_id) = lesson_id {
        // Lesson ids are slugs: nothing in them needs escaping.
        path = format!("{path}?lesson_id={lesson_id}");
    }
    decode_json(&send(build(authorized(Request::get(&path), token, &abort))?).await?)
}

/// `GET /api/v1/threads/{thread_id}`.
pub async fn thread(token: &str, thread_id: &PostId) -> Result<ThreadView, HttpError> {
    let abort = AbortOnDrop::new();
    let path = routes::thread(thread_id);
    decode_json(&send(build(authorized(Request::get(&path), token, &abort))?).await?)
}

/// `PUT /api/v1/threads/{thread_id}/read`: replies before now are no longer new.
pub async fn mark_thread_read(token: &str, thread_id: &PostId) -> Result<(), HttpError> {
    let abort = AbortOnDrop::new();
    let path = routes::thread_read(thread_id);
    send(build(authorized(Request::put(&path), token, &abort))?)
        .await
        .map(drop)
}

/// `GET /api/v1/posts/{post_id}/versions`.
pub async fn post_versions(token: &str, post_id: &PostId) -> Result<PostVersionList, HttpError> {
    let abort = AbortOnDrop::new();
    let path = routes::post_versions(post_id);
    decode_json(&send(build(authorized(Request::get(&path), token, &abort))?).await?)
}

/// `PUT /api/v1/posts/{post_id}/moderation` (instructors).
pub async fn moderate(
    token: &str,
    post_id: &PostId,
    moderation: &PostModeration,
) -> Result<(), HttpError> {
    let abort = AbortOnDrop::new();
    let path = routes::post_moderation(post_id);
    let request = authorized(Request::put(&path), token, &abort)
        .json(moderation)
        .map_err(|err| HttpError::Decode(format!("could not encode the moderation: {err}")))?;
    send(request).await.map(drop)
}
