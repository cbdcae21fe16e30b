//! Who may read a course's discussions and announcements: those enrolled in it, learners
//! and those who teach it (instructors and admins of the course), who also moderate. Outside
//! the course everything answers [`ApiError::NotFound`], exactly like what does not exist,
//! and so do path ids that do not parse.

use super::ApiError;
use crate::db::courses;
use axum::extract::rejection::PathRejection;
use axum::extract::Path;
use lectern_api::v1::PostId;
use lectern_core::course::LessonContent;
use lectern_core::user::Role;
use lectern_core::{parse_manifest, Course, CourseId, LessonId, UserId};
use sqlx::SqliteConnection;

/// The caller as a member of one course.
pub(super) struct CourseMember {
    /// The course as stored, in full.
    pub course: Course,
    /// An instructor or admin of the course: sees hidden posts, and moderates.
    pub is_teacher: bool,
}

impl CourseMember {
    /// Whether `lesson_id` is a discussion lesson of the course.
    pub fn has_discussion(&self, lesson_id: &LessonId) -> bool {
        self.course
            .lesson(lesson_id)
            .is_some_and(|lesson| matches!(lesson.content, LessonContent::Discussion { .. }))
    }
}

/// The caller's membership of `course_id`, if they are enrolled in it.
pub(super) async fn course_member(
    conn: &mut SqliteConnection,
    user_id: &UserId,
    course_id: &CourseId,
) -> Result<Option<CourseMember>, ApiError> {
    let Some((manifest_json, role)) =
        courses::manifest_for_user(&mut *conn, user_id, course_id).await?
    else {
        return Ok(None);
    };
    let course = parse_manifest(&manifest_json).map_err(|problems| {
        ApiError::Internal(format!("a stored manifest no longer validates: {problems}"))
    })?;
    let is_teacher = matches!(Role::parse(&role), Some(Role::Instructor | Role::Admin));
    Ok(Some(CourseMember { course, is_teacher }))
}

/// Like [`course_member`], but a caller outside the course is not found.
pub(super) async fn member_of(
    conn: &mut SqliteConnection,
    user_id: &UserId,
    course_id: &CourseId,
) -> Result<CourseMember, ApiError> {
    course_member(conn, user_id, course_id)
        .await?
        .ok_or(ApiError::NotFound)
}

/// The course id in the path; one that does not parse is not found.
pub(super) fn course_id_from_path(
    raw: Result<Path<String>, PathRejection>,
) -> Result<CourseId, ApiError> {
    let Ok(Path(raw)) = raw else {
        return Err(ApiError::NotFound);
    };
    CourseId::parse(&raw).map_err(|_| ApiError::NotFound)
}

/// The post (or thread) id in the path; one that does not parse is not found.
pub(super) fn post_id_from_path(
    raw: Result<Path<String>, PathRejection>,
) -> Result<PostId, ApiError> {
    let Ok(Path(raw)) = raw else {
        return Err(ApiError::NotFound);
    };
    PostId::parse(&raw).map_err(|_| ApiError::NotFound)
}
