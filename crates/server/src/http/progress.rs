//! The caller's progress through a course's lessons: how a stored event changes it, merged by
//! the sync contract's rules in `lectern_core` (position: the latest event time wins;
//! watched: the union; completion: once complete, always complete), and
//! `GET /api/v1/courses/{course_id}/progress`, which reads it back. A course the caller is
//! not enrolled in answers 404, exactly like the course itself.

use super::{ApiError, AuthUser};
use crate::db::{enrolments, progress};
use crate::AppState;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::routing::get;
use axum::{Json, Router};
use jiff::Timestamp;
use lectern_api::v1::{routes, CourseProgressView, LearnerEvent, LessonProgressEntry};
use lectern_core::progress::LessonProgress;
use lectern_core::sync::EventBody;
use lectern_core::{CourseId, LessonId, UserId};
use sqlx::SqliteConnection;

pub fn router() -> Router<AppState> {
    Router::new().route(routes::COURSE_PROGRESS, get(course_progress))
}

async fn course_progress(
    State(state): State<AppState>,
    caller: AuthUser,
    raw_course_id: Result<Path<String>, PathRejection>,
) -> Result<Json<CourseProgressView>, ApiError> {
    let Ok(Path(raw_course_id)) = raw_course_id else {
        return Err(ApiError::NotFound);
    };
    let Ok(course_id) = CourseId::parse(&raw_course_id) else {
        return Err(ApiError::NotFound);
    };
    let user_id = &caller.profile.user_id;
    let mut conn = state.db.acquire().await?;
    if !enrolments::is_enrolled(&mut *conn, user_id, &course_id).await? {
        return Err(ApiError::NotFound);
    }
    let stored = progress::list_for_course(&mut *conn, user_id, &course_id).await?;
    let lessons = stored
        .into_iter()
        .map(|(lesson_id, progress)| entry(lesson_id, progress))
        .collect::<Result<_, _>>()?;
    Ok(Json(CourseProgressView { lessons }))
}

fn entry(lesson_id: LessonId, progress: LessonProgress) -> Result<LessonProgressEntry, ApiError> {
    let position_at = i64::try_from(progress.position_at_ms)
        .ok()
        .and_then(|ms| Timestamp::from_millisecond(ms).ok())
        .ok_or_else(|| {
            ApiError::Internal(format!(
                "stored progress has a position time of {} ms",
                progress.position_at_ms
            ))
        })?;
    Ok(LessonProgressEntry {
        lesson_id,
        position_ms: progress.position_ms,
        position_at,
        duration_ms: progress.duration_ms,
        watched: progress.watched.ranges().to_vec(),
        is_complete: progress.is_complete,
    })
}

/// Merges a newly stored event of `user_id` into their progress through its lesson. Quiz
/// events change no progress.
pub(super) async fn apply(
    conn: &mut SqliteConnection,
    user_id: &UserId,
    event: &LearnerEvent,
) -> Result<(), ApiError> {
    let Some(update) = progress_of(event) else {
        return Ok(());
    };
    let stored = progress::find(&mut *conn, user_id, &event.course_id, &event.lesson_id)
        .await?
        .unwrap_or_default();
    let merged = stored.merge(&update);
    progress::upsert(
        &mut *conn,
        user_id,
        &event.course_id,
        &event.lesson_id,
        &merged,
    )
    .await?;
    Ok(())
}

/// What one event says of its lesson's progress, as a record to merge: `progressed` a
/// position at the event's time with what was watched, `completed` completion.
fn progress_of(event: &LearnerEvent) -> Option<LessonProgress> {
    match &event.body {
        EventBody::Progressed {
            position_ms,
            duration_ms,
            watched,
        } => Some(LessonProgress {
            position_ms: *position_ms,
            // Admission refuses events before 1970, so this is never clamped.
            position_at_ms: u64::try_from(event.occurred_at.as_millisecond()).unwrap_or(0),
            duration_ms: *duration_ms,
            watched: watched.iter().copied().collect(),
            is_complete: false,
        }),
        EventBody::Completed => Some(LessonProgress {
            is_complete: true,
            ..LessonProgress::default()
        }),
        EventBody::AttemptStarted { .. }
        | EventBody::Answered { .. }
        | EventBody::AttemptSubmitted { .. }
        | EventBody::Posted { .. }
        | EventBody::PostEdited { .. }
        | EventBody::PostDeleted { .. }
        | EventBody::AssignmentSubmitted { .. } => None,
    }
}
