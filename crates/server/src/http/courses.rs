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
use lectern_core::CourseId;

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
    let Some(manifest_json) =
        courses::manifest_for_user(&state.db, &caller.profile.user_id, &course_id).await?
    else {
        return Err(ApiError::NotFound);
    };
    Ok(([(CONTENT_TYPE, "application/json")], manifest_json).into_response())
}
