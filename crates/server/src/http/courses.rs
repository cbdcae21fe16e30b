//! The caller's catalog and single course manifests. A course the caller is not enrolled in
//! answers exactly like one that does not exist.

use super::{ApiError, AuthUser};
use crate::db::courses;
use crate::AppState;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use lectern_api::v1::{routes, CourseList};
use lectern_core::user::Role;
use lectern_core::{parse_manifest, CourseId};

pub fn router() -> Router<AppState> {
    Router::new()
        .route(routes::COURSES, get(list))
        .route(routes::COURSE, get(manifest))
}

async fn list(
    State(state): State<AppState>,
    caller: AuthUser,
) -> Result<Json<CourseList>, ApiError> {
    let courses = courses::list_for_user(&state.db, &caller.profile.user_id).await?;
    Ok(Json(CourseList { courses }))
}

async fn manifest(
    State(state): State<AppState>,
    caller: AuthUser,
    raw_course_id: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    let Ok(Path(raw_course_id)) = raw_course_id else {
        return Err(ApiError::NotFound);
    };
    let Ok(course_id) = CourseId::parse(&raw_course_id) else {
        return Err(ApiError::NotFound);
    };
    let Some((manifest_json, role)) =
        courses::manifest_for_user(&state.db, &caller.profile.user_id, &course_id).await?
    else {
        return Err(ApiError::NotFound);
    };
    let is_teaching = matches!(Role::parse(&role), Some(Role::Instructor | Role::Admin));
    let body = if is_teaching {
        manifest_json
    } else {
        learner_copy(manifest_json)?
    };
    Ok(([(CONTENT_TYPE, "application/json")], body).into_response())
}

/// The manifest as a learner may see it: answer keys of graded quizzes never leave the
/// server. Stored manifests were validated on import, so failing to read one is a server
/// fault, never a reason to send it as is.
fn learner_copy(manifest_json: String) -> Result<String, ApiError> {
    let course = parse_manifest(&manifest_json).map_err(|problems| {
        ApiError::Internal(format!("a stored manifest no longer validates: {problems}"))
    })?;
    if !course.has_graded_keys() {
        return Ok(manifest_json);
    }
    serde_json::to_string(&course.for_learners()).map_err(|err| {
        ApiError::Internal(format!(
            "the learner's manifest could not be written: {err}"
        ))
    })
}
