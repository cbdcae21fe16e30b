//! Finding a course, or an assignment in it, as the caller may see it: only in a course they
//! are enrolled in, and with whether they teach it. Everything else answers
//! [`ApiError::NotFound`], exactly like what does not exist, and so do path ids that do not
//! parse.

use super::quiz_access::Viewer;
use super::ApiError;
use crate::db::courses;
use axum::extract::rejection::PathRejection;
use axum::extract::Path;
use lectern_api::v1::{AssignmentId, SubmissionId, UploadId};
use lectern_core::assignment::Assignment;
use lectern_core::course::LessonContent;
use lectern_core::user::Role;
use lectern_core::{parse_manifest, Course, CourseId, LessonId, UserId};
use sqlx::SqliteConnection;

/// An assignment of a course the caller is enrolled in.
pub(super) struct AssignmentAccess {
    pub lesson_title: String,
    pub assignment: Assignment,
    pub viewer: Viewer,
}

/// The id in a path, parsed by `parse`; one that does not parse is not found.
fn path_id<T, E>(
    raw: Result<Path<String>, PathRejection>,
    parse: fn(&str) -> Result<T, E>,
) -> Result<T, ApiError> {
    let Ok(Path(raw)) = raw else {
        return Err(ApiError::NotFound);
    };
    parse(&raw).map_err(|_| ApiError::NotFound)
}

pub(super) fn assignment_id_from_path(
    raw: Result<Path<String>, PathRejection>,
) -> Result<AssignmentId, ApiError> {
    path_id(raw, AssignmentId::parse)
}

pub(super) fn upload_id_from_path(
    raw: Result<Path<String>, PathRejection>,
) -> Result<UploadId, ApiError> {
    path_id(raw, UploadId::parse)
}

pub(super) fn submission_id_from_path(
    raw: Result<Path<String>, PathRejection>,
) -> Result<SubmissionId, ApiError> {
    path_id(raw, SubmissionId::parse)
}

pub(super) fn course_id_from_path(
    raw: Result<Path<String>, PathRejection>,
) -> Result<CourseId, ApiError> {
    path_id(raw, CourseId::parse)
}

/// Whose eyes a role in a course is.
pub(super) fn viewer_of(role: &str) -> Viewer {
    match Role::parse(role) {
        Some(Role::Instructor | Role::Admin) => Viewer::Teacher,
        _ => Viewer::Learner,
    }
}

/// The course `course_id`, in full, if `user_id` is enrolled in it, and whether they teach it.
pub(super) async fn course_for_caller(
    conn: &mut SqliteConnection,
    user_id: &UserId,
    course_id: &CourseId,
) -> Result<(Course, Viewer), ApiError> {
    let Some((manifest_json, role)) =
        courses::manifest_for_user(&mut *conn, user_id, course_id).await?
    else {
        return Err(ApiError::NotFound);
    };
    let course = parse_manifest(&manifest_json).map_err(|problems| {
        ApiError::Internal(format!("a stored manifest no longer validates: {problems}"))
    })?;
    Ok((course, viewer_of(&role)))
}

/// The assignment lesson `lesson_id` of `course`, if it is one.
pub(super) fn assignment_in(
    course: &Course,
    lesson_id: &LessonId,
    viewer: Viewer,
) -> Option<AssignmentAccess> {
    let lesson = course.lesson(lesson_id)?;
    let LessonContent::Assignment(assignment) = &lesson.content else {
        return None;
    };
    Some(AssignmentAccess {
        lesson_title: lesson.title.clone(),
        assignment: assignment.clone(),
        viewer,
    })
}

/// The assignment `assignment_id` names, if `user_id` is enrolled in its course.
pub(super) async fn assignment_for_caller(
    conn: &mut SqliteConnection,
    user_id: &UserId,
    assignment_id: &AssignmentId,
) -> Result<AssignmentAccess, ApiError> {
    let (course, viewer) = course_for_caller(conn, user_id, &assignment_id.course_id).await?;
    assignment_in(&course, &assignment_id.lesson_id, viewer).ok_or(ApiError::NotFound)
}

/// The assignment `assignment_id` names, if `user_id` teaches its course.
pub(super) async fn taught_assignment(
    conn: &mut SqliteConnection,
    user_id: &UserId,
    assignment_id: &AssignmentId,
) -> Result<AssignmentAccess, ApiError> {
    let access = assignment_for_caller(conn, user_id, assignment_id).await?;
    if access.viewer != Viewer::Teacher {
        return Err(ApiError::NotFound);
    }
    Ok(access)
}
