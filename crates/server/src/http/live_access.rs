//! Who may call a live session's HTTP routes (its attendance and its recording): the
//! session's instructor, as the manifest names them. A session id that does not read, a
//! course the caller is not a member of, or a lesson that is not live is 404, as for a
//! session that does not exist; a member of the course who is not the session's instructor
//! is 403 (which the attendance answers as 404).

use super::ApiError;
use crate::db::courses;
use lectern_core::course::LessonContent;
use lectern_core::live::LiveSessionId;
use lectern_core::{parse_manifest, UserId};
use sqlx::SqlitePool;

/// The session `raw_session_id` if `user_id` is its instructor.
pub(super) async fn instructed_session(
    db: &SqlitePool,
    user_id: &UserId,
    raw_session_id: &str,
) -> Result<LiveSessionId, ApiError> {
    let session_id = LiveSessionId::parse(raw_session_id).map_err(|_| ApiError::NotFound)?;
    let Some((manifest_json, _role)) =
        courses::manifest_for_user(db, user_id, session_id.course_id()).await?
    else {
        return Err(ApiError::NotFound);
    };
    let course = parse_manifest(&manifest_json).map_err(|problems| {
        ApiError::Internal(format!("a stored manifest no longer validates: {problems}"))
    })?;
    let Some(LessonContent::Live(live)) = course
        .lesson(session_id.lesson_id())
        .map(|lesson| &lesson.content)
    else {
        return Err(ApiError::NotFound);
    };
    if live.instructor != user_id.as_str() {
        return Err(ApiError::Forbidden(
            "Only the session's instructor manages its recording.".to_owned(),
        ));
    }
    Ok(session_id)
}
