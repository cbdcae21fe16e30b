//! Finding a quiz, or an attempt, as the caller may see it. The quiz comes from the stored
//! manifest in full, keys included (it never leaves the server from here). Everything the
//! caller may not see answers [`ApiError::NotFound`], exactly like what does not exist, and
//! so do path ids that do not parse.

use super::ApiError;
use crate::db::attempts::{self, StoredAttempt};
use crate::db::courses;
use axum::extract::rejection::PathRejection;
use axum::extract::Path;
use lectern_api::v1::{AttemptId, QuizId};
use lectern_core::course::LessonContent;
use lectern_core::quiz::Quiz;
use lectern_core::user::Role;
use lectern_core::{parse_manifest, UserId};
use sqlx::SqliteConnection;

/// A quiz the caller is enrolled in, and whether they teach it.
pub(super) struct QuizAccess {
    pub quiz_id: QuizId,
    /// The full quiz, with its keys.
    pub quiz: Quiz,
    pub viewer: Viewer,
}

/// Whose eyes an attempt is shown to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Viewer {
    /// Sees what the quiz's feedback settings allow.
    Learner,
    /// An instructor or admin of the course: sees everything.
    Teacher,
}

/// The quiz id in the path; one that does not parse is not found.
pub(super) fn quiz_id_from_path(
    raw: Result<Path<String>, PathRejection>,
) -> Result<QuizId, ApiError> {
    let Ok(Path(raw)) = raw else {
        return Err(ApiError::NotFound);
    };
    QuizId::parse(&raw).map_err(|_| ApiError::NotFound)
}

/// The attempt id in the path; one that does not parse is not found.
pub(super) fn attempt_id_from_path(
    raw: Result<Path<String>, PathRejection>,
) -> Result<AttemptId, ApiError> {
    let Ok(Path(raw)) = raw else {
        return Err(ApiError::NotFound);
    };
    attempt_id_from_path_text(&raw)
}

/// An attempt id taken from a path segment; one that does not parse is not found.
pub(super) fn attempt_id_from_path_text(raw: &str) -> Result<AttemptId, ApiError> {
    AttemptId::parse(raw).map_err(|_| ApiError::NotFound)
}

/// The quiz `quiz_id` names, if `user_id` is enrolled in its course.
pub(super) async fn quiz_for_caller(
    conn: &mut SqliteConnection,
    user_id: &UserId,
    quiz_id: &QuizId,
) -> Result<QuizAccess, ApiError> {
    let Some((manifest_json, role)) =
        courses::manifest_for_user(&mut *conn, user_id, &quiz_id.course_id).await?
    else {
        return Err(ApiError::NotFound);
    };
    let course = parse_manifest(&manifest_json).map_err(|problems| {
        ApiError::Internal(format!("a stored manifest no longer validates: {problems}"))
    })?;
    let Some(lesson) = course.lesson(&quiz_id.lesson_id) else {
        return Err(ApiError::NotFound);
    };
    let LessonContent::Quiz(quiz) = &lesson.content else {
        return Err(ApiError::NotFound);
    };
    let viewer = match Role::parse(&role) {
        Some(Role::Instructor | Role::Admin) => Viewer::Teacher,
        _ => Viewer::Learner,
    };
    Ok(QuizAccess {
        quiz_id: quiz_id.clone(),
        quiz: quiz.clone(),
        viewer,
    })
}

/// The caller's own attempt `attempt_id`, with its quiz.
pub(super) async fn own_attempt(
    conn: &mut SqliteConnection,
    user_id: &UserId,
    attempt_id: &AttemptId,
) -> Result<(QuizAccess, StoredAttempt), ApiError> {
    let attempt = own_stored_attempt(conn, user_id, attempt_id).await?;
    let access = quiz_for_caller(conn, user_id, &quiz_id_of(&attempt)).await?;
    Ok((access, attempt))
}

/// The caller's own attempt `attempt_id`, for a caller who has its quiz already.
pub(super) async fn own_stored_attempt(
    conn: &mut SqliteConnection,
    user_id: &UserId,
    attempt_id: &AttemptId,
) -> Result<StoredAttempt, ApiError> {
    let Some(attempt) = attempts::find(&mut *conn, attempt_id).await? else {
        return Err(ApiError::NotFound);
    };
    if attempt.user_id != *user_id {
        return Err(ApiError::NotFound);
    }
    Ok(attempt)
}

/// Attempt `attempt_id` at a quiz the caller teaches, with its quiz.
pub(super) async fn taught_attempt(
    conn: &mut SqliteConnection,
    user_id: &UserId,
    attempt_id: &AttemptId,
) -> Result<(QuizAccess, StoredAttempt), ApiError> {
    let Some(attempt) = attempts::find(&mut *conn, attempt_id).await? else {
        return Err(ApiError::NotFound);
    };
    let access = quiz_for_caller(conn, user_id, &quiz_id_of(&attempt)).await?;
    if access.viewer != Viewer::Teacher {
        return Err(ApiError::NotFound);
    }
    Ok((access, attempt))
}

/// The quiz an attempt belongs to.
pub(super) fn quiz_id_of(attempt: &StoredAttempt) -> QuizId {
    QuizId::new(attempt.course_id.clone(), attempt.lesson_id.clone())
}
