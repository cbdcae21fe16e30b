//! The caller's inbox: `GET /api/v1/notifications` (newest first, with the unread count)
//! and `POST /api/v1/notifications/read`. Reading the inbox first makes the notifications
//! of live sessions about to start in the caller's courses: from [`LIVE_SOON_MINUTES`]
//! before a session starts until it ends, by the server's clock, once per session.
//! Notifications are only ever the caller's own: ids of others' are ignored.

use super::discussion_access::course_member;
use super::{ApiError, ApiJson, AuthUser};
use crate::db::courses;
use crate::db::notifications::{self, NewNotification};
use crate::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use jiff::{SignedDuration, Timestamp};
use lectern_api::v1::{
    routes, MarkNotificationsRead, NotificationKind, NotificationList, LIVE_SOON_MINUTES,
    MAX_NOTIFICATIONS,
};
use lectern_core::course::{Lesson, LessonContent, LiveSession};
use lectern_core::{Course, UserId};
use sqlx::SqliteConnection;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(routes::NOTIFICATIONS, get(inbox))
        .route(routes::NOTIFICATIONS_READ, post(mark_read))
}

async fn inbox(
    State(state): State<AppState>,
    caller: AuthUser,
) -> Result<Json<NotificationList>, ApiError> {
    let user_id = &caller.profile.user_id;
    let now = state.clock.now();
    let mut transaction = state.db.begin().await?;
    notify_live_soon(&mut transaction, user_id, now).await?;
    let notifications =
        notifications::newest(&mut *transaction, user_id, MAX_NOTIFICATIONS).await?;
    let unread_count = notifications::unread_count(&mut *transaction, user_id).await?;
    transaction.commit().await?;
    Ok(Json(NotificationList {
        unread_count,
        notifications,
    }))
}

async fn mark_read(
    State(state): State<AppState>,
    caller: AuthUser,
    ApiJson(request): ApiJson<MarkNotificationsRead>,
) -> Result<StatusCode, ApiError> {
    let user_id = &caller.profile.user_id;
    let now = state.clock.now();
    if request.all {
        notifications::mark_all_read(&state.db, user_id, now).await?;
    } else if !request.notification_ids.is_empty() {
        notifications::mark_read(&state.db, user_id, &request.notification_ids, now).await?;
    }
    Ok(StatusCode::NO_CONTENT)
}

/// Makes the caller's notifications of live sessions about to start (or running) at `now`
/// in each course they are enrolled in. Sessions already notified are notified no more.
async fn notify_live_soon(
    conn: &mut SqliteConnection,
    user_id: &UserId,
    now: Timestamp,
) -> Result<(), ApiError> {
    for summary in courses::list_for_user(&mut *conn, user_id).await? {
        let Some(member) = course_member(conn, user_id, &summary.course_id).await? else {
            continue;
        };
        for (lesson, session) in live_soon(&member.course, now) {
            let subject_key = format!(
                "live_soon:{}:{}:{}",
                member.course.course_id, lesson.lesson_id, session.starts_at
            );
            let notification = NewNotification {
                user_id,
                kind: NotificationKind::LiveSoon,
                course_id: &member.course.course_id,
                lesson_id: Some(&lesson.lesson_id),
                thread_id: None,
                post_id: None,
                announcement_id: None,
                subject_key: &subject_key,
                title: &lesson.title,
                actor: None,
                created_at: now,
            };
            notifications::notify(&mut *conn, &notification).await?;
        }
    }
    Ok(())
}

/// The live lessons of `course` that start within [`LIVE_SOON_MINUTES`] of `now`, or have
/// started and not ended.
fn live_soon(course: &Course, now: Timestamp) -> impl Iterator<Item = (&Lesson, &LiveSession)> {
    let lead = SignedDuration::from_mins(LIVE_SOON_MINUTES);
    course
        .lessons()
        .filter_map(move |lesson| match &lesson.content {
            LessonContent::Live(session) => {
                let notice_from = session.starts_at.saturating_sub(lead).ok()?;
                (notice_from <= now && now < session.ends_at).then_some((lesson, session))
            }
            _ => None,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_live_session_is_soon_from_its_notice_until_it_ends() {
        let course = crate::demo::courses().unwrap().remove(0);
        let at = |raw: &str| -> Timestamp { raw.parse().unwrap() };
        // The demo's live Q&A runs 2027-01-20 18:00 to 19:00 UTC.
        let soon = |now| live_soon(&course, at(now)).count();
        assert_eq!(soon("2027-01-20T17:29:59Z"), 0);
        assert_eq!(soon("2027-01-20T17:30:00Z"), 1);
        assert_eq!(soon("2027-01-20T18:59:59Z"), 1);
        assert_eq!(soon("2027-01-20T19:00:00Z"), 0);
        let (lesson, _) = live_soon(&course, at("2027-01-20T18:00:00Z"))
            .next()
            .unwrap();
        assert_eq!(lesson.lesson_id.as_str(), "live-q-and-a");
    }
}
