//! The caller's calendar across the courses they are enrolled in, by the server's clock:
//! `GET /api/v1/calendar` as JSON (with `server_time`, so the player can estimate its clock's
//! offset) and `GET /api/v1/calendar.ics` as iCalendar. The `.ics` takes the bearer token
//! like every other route: the player fetches it and saves it as a file, so no token ever
//! goes into a calendar subscription URL. Which items show is
//! [`calendar_items`](super::calendar_items)'s.

use super::assignment_access::viewer_of;
use super::calendar_items::{course_items, ics_events, CourseStanding};
use super::quiz_access::Viewer;
use super::{ApiError, AuthUser};
use crate::db::{attempts, courses, progress, submissions};
use crate::AppState;
use axum::extract::State;
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use jiff::Timestamp;
use lectern_api::v1::{routes, CalendarItem, CalendarView};
use lectern_core::calendar::calendar_ics;
use lectern_core::course::LessonContent;
use lectern_core::{parse_manifest, Course, LessonId, UserId};
use sqlx::SqliteConnection;
use std::collections::HashSet;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(routes::CALENDAR, get(calendar_json))
        .route(routes::CALENDAR_ICS, get(calendar_file))
}

async fn calendar_json(
    State(state): State<AppState>,
    caller: AuthUser,
) -> Result<Json<CalendarView>, ApiError> {
    let now = state.clock.now();
    let mut conn = state.db.acquire().await?;
    let items = calendar_of(&mut conn, &caller.profile.user_id, now).await?;
    Ok(Json(CalendarView {
        items,
        server_time: now,
    }))
}

async fn calendar_file(
    State(state): State<AppState>,
    caller: AuthUser,
) -> Result<Response, ApiError> {
    let now = state.clock.now();
    let mut conn = state.db.acquire().await?;
    let items = calendar_of(&mut conn, &caller.profile.user_id, now).await?;
    let events = ics_events(&items, state.public_url.as_str());
    let name = format!("Lectern: {}", caller.profile.display_name);
    let headers = [
        (CONTENT_TYPE, "text/calendar; charset=utf-8"),
        (CONTENT_DISPOSITION, "attachment; filename=\"lectern.ics\""),
    ];
    Ok((headers, calendar_ics(&name, &events, now)).into_response())
}

/// Every item of every course `user_id` is enrolled in, earliest first.
async fn calendar_of(
    conn: &mut SqliteConnection,
    user_id: &UserId,
    now: Timestamp,
) -> Result<Vec<CalendarItem>, ApiError> {
    let mut items = Vec::new();
    for summary in courses::list_for_user(&mut *conn, user_id).await? {
        let Some((manifest_json, role)) =
            courses::manifest_for_user(&mut *conn, user_id, &summary.course_id).await?
        else {
            continue;
        };
        let course = parse_manifest(&manifest_json).map_err(|problems| {
            ApiError::Internal(format!("a stored manifest no longer validates: {problems}"))
        })?;
        let submitted = handed_in(conn, user_id, &course).await?;
        let completed: HashSet<LessonId> =
            progress::list_for_course(&mut *conn, user_id, &course.course_id)
                .await?
                .into_iter()
                .filter(|(_, progress)| progress.is_complete)
                .map(|(lesson_id, _)| lesson_id)
                .collect();
        let standing = CourseStanding {
            course: &course,
            is_learner: viewer_of(&role) == Viewer::Learner,
            submitted: &submitted,
            completed: &completed,
        };
        items.extend(course_items(&standing, now));
    }
    items.sort_by(|a, b| {
        (a.at, &a.course_id, &a.lesson_id, a.kind).cmp(&(b.at, &b.course_id, &b.lesson_id, b.kind))
    });
    Ok(items)
}

/// The lessons of `course` that `user_id` has handed in: assignments with a submission, and
/// quizzes with a deadline and a submitted attempt.
async fn handed_in(
    conn: &mut SqliteConnection,
    user_id: &UserId,
    course: &Course,
) -> Result<HashSet<LessonId>, ApiError> {
    let mut lessons: HashSet<LessonId> =
        submissions::submitted_lessons(&mut *conn, user_id, &course.course_id)
            .await?
            .into_iter()
            .collect();
    for lesson in course.lessons() {
        let LessonContent::Quiz(quiz) = &lesson.content else {
            continue;
        };
        if quiz.settings.due_at.is_none() && quiz.settings.closes_at.is_none() {
            continue;
        }
        let attempts =
            attempts::list_for_learner(&mut *conn, &course.course_id, &lesson.lesson_id, user_id)
                .await?;
        if attempts.iter().any(|attempt| attempt.submission.is_some()) {
            lessons.insert(lesson.lesson_id.clone());
        }
    }
    Ok(lessons)
}
