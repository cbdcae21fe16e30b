//! Reading discussions: a course's threads (or one discussion lesson's), one thread with
//! its replies, and marking a thread read. Anyone enrolled in the course may read, each as
//! [`discussion_view`](super::discussion_view) shows them; outside it, and for a thread
//! the caller may not see, everything answers 404. Posts are written as learner events
//! ([`discussion_events`](super::discussion_events)).

use super::discussion_access::{course_id_from_path, member_of, post_id_from_path, CourseMember};
use super::discussion_view::{thread_summary, thread_view, Reader};
use super::{ApiError, AuthUser};
use crate::db::discussions::posts;
use crate::db::discussions::threads::{self, StoredThread};
use crate::db::notifications;
use crate::AppState;
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::routing::{get, put};
use axum::{Json, Router};
use lectern_api::v1::{routes, PostId, ThreadList, ThreadView};
use lectern_core::discussion::{sort_threads, ThreadRank};
use lectern_core::{LessonId, UserId};
use serde::Deserialize;
use sqlx::SqliteConnection;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(routes::COURSE_THREADS, get(list_threads))
        .route(routes::THREAD, get(open_thread))
        .route(routes::THREAD_READ, put(mark_read))
}

/// `?lesson_id=`: only that discussion lesson's threads.
#[derive(Deserialize)]
struct ThreadFilter {
    lesson_id: Option<String>,
}

async fn list_threads(
    State(state): State<AppState>,
    caller: AuthUser,
    raw_course_id: Result<Path<String>, PathRejection>,
    filter: Result<Query<ThreadFilter>, QueryRejection>,
) -> Result<Json<ThreadList>, ApiError> {
    let course_id = course_id_from_path(raw_course_id)?;
    let Ok(Query(filter)) = filter else {
        return Err(ApiError::BadRequest(
            "The query may only hold lesson_id, once.".into(),
        ));
    };
    let user_id = &caller.profile.user_id;
    let mut conn = state.db.acquire().await?;
    let member = member_of(&mut conn, user_id, &course_id).await?;
    // A lesson that is not one of the course's discussions has nothing here.
    let lesson_id = match filter.lesson_id {
        None => None,
        Some(raw) => match LessonId::parse(&raw) {
            Ok(lesson_id) if member.has_discussion(&lesson_id) => Some(lesson_id),
            _ => return Err(ApiError::NotFound),
        },
    };
    let listed = threads::list(&mut *conn, user_id, &course_id, lesson_id.as_ref()).await?;
    let reader = reader_of(user_id, &member);
    let mut summaries: Vec<_> = listed
        .iter()
        .filter_map(|thread| thread_summary(thread, reader))
        .collect();
    // Newest first before the stable sort, so of threads equally active the newer leads.
    summaries.sort_by(|a, b| {
        (b.created_at.cmp(&a.created_at)).then_with(|| a.thread_id.cmp(&b.thread_id))
    });
    sort_threads(&mut summaries, |summary| ThreadRank {
        pinned: summary.pinned,
        last_activity_at: summary.last_activity_at,
    });
    Ok(Json(ThreadList { threads: summaries }))
}

async fn open_thread(
    State(state): State<AppState>,
    caller: AuthUser,
    raw_thread_id: Result<Path<String>, PathRejection>,
) -> Result<Json<ThreadView>, ApiError> {
    let thread_id = post_id_from_path(raw_thread_id)?;
    let user_id = &caller.profile.user_id;
    let mut conn = state.db.acquire().await?;
    let (thread, member) = readable_thread(&mut conn, user_id, &thread_id).await?;
    let posts = posts::in_thread(&mut *conn, &thread_id).await?;
    let last_read_at = threads::last_read_at(&mut *conn, user_id, &thread_id).await?;
    let reader = reader_of(user_id, &member);
    let view = thread_view(&thread, &posts, reader, last_read_at).ok_or(ApiError::NotFound)?;
    Ok(Json(view))
}

async fn mark_read(
    State(state): State<AppState>,
    caller: AuthUser,
    raw_thread_id: Result<Path<String>, PathRejection>,
) -> Result<StatusCode, ApiError> {
    let thread_id = post_id_from_path(raw_thread_id)?;
    let user_id = &caller.profile.user_id;
    let now = state.clock.now();
    let mut transaction = state.db.begin().await?;
    let (thread, member) = readable_thread(&mut transaction, user_id, &thread_id).await?;
    let posts = posts::in_thread(&mut *transaction, &thread_id).await?;
    let reader = reader_of(user_id, &member);
    if thread_view(&thread, &posts, reader, None).is_none() {
        return Err(ApiError::NotFound);
    }
    threads::mark_read(&mut *transaction, user_id, &thread_id, now).await?;
    notifications::mark_thread_replies_read(&mut *transaction, user_id, &thread_id, now).await?;
    transaction.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The thread `thread_id` with the caller's membership of its course, if they are in it
/// (whether they may see this thread is the view's to say).
async fn readable_thread(
    conn: &mut SqliteConnection,
    user_id: &UserId,
    thread_id: &PostId,
) -> Result<(StoredThread, CourseMember), ApiError> {
    let Some(thread) = threads::find(&mut *conn, thread_id).await? else {
        return Err(ApiError::NotFound);
    };
    let member = member_of(conn, user_id, &thread.course_id).await?;
    Ok((thread, member))
}

pub(super) fn reader_of<'a>(user_id: &'a UserId, member: &CourseMember) -> Reader<'a> {
    Reader {
        user_id,
        is_teacher: member.is_teacher,
    }
}
