//! One post: its versions (its author's, and those who teach the course, to read) and an
//! instructor's moderation of it (pin a thread, mark an answer, hide a post). A classmate
//! asking for another's versions gets 404, like a missing post; a learner moderating a post
//! they can see gets 403, and one they cannot see 404.

use super::discussion_access::{member_of, post_id_from_path, CourseMember};
use super::discussion_view::{post_view, thread_view};
use super::discussions::reader_of;
use super::{ApiError, ApiJson, AuthUser};
use crate::db::discussions::threads::{self, StoredThread};
use crate::db::discussions::{posts, StoredPost};
use crate::AppState;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::routing::{get, put};
use axum::{Json, Router};
use jiff::Timestamp;
use lectern_api::v1::{routes, FieldProblem, PostId, PostModeration, PostVersionList, PostView};
use lectern_core::UserId;
use sqlx::SqliteConnection;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(routes::POST_VERSIONS, get(versions))
        .route(routes::POST_MODERATION, put(moderate))
}

async fn versions(
    State(state): State<AppState>,
    caller: AuthUser,
    raw_post_id: Result<Path<String>, PathRejection>,
) -> Result<Json<PostVersionList>, ApiError> {
    let post_id = post_id_from_path(raw_post_id)?;
    let user_id = &caller.profile.user_id;
    let mut conn = state.db.acquire().await?;
    let (post, member) = post_in_course(&mut conn, user_id, &post_id).await?;
    let is_authors_to_read = post.author_id == *user_id && post.hidden_at.is_none();
    if post.deleted_at.is_some() || !(member.is_teacher || is_authors_to_read) {
        return Err(ApiError::NotFound);
    }
    let versions = posts::versions(&mut *conn, &post_id).await?;
    Ok(Json(PostVersionList { versions }))
}

async fn moderate(
    State(state): State<AppState>,
    caller: AuthUser,
    raw_post_id: Result<Path<String>, PathRejection>,
    ApiJson(moderation): ApiJson<PostModeration>,
) -> Result<Json<PostView>, ApiError> {
    let post_id = post_id_from_path(raw_post_id)?;
    let user_id = &caller.profile.user_id;
    let now = state.clock.now();
    let mut transaction = state.db.begin_with("BEGIN IMMEDIATE").await?;
    let (post, member) = post_in_course(&mut transaction, user_id, &post_id).await?;
    let Some(thread) = threads::find(&mut *transaction, &post.thread_id).await? else {
        return Err(ApiError::Internal(format!("post {post_id} has no thread")));
    };
    if !member.is_teacher {
        return Err(refusal_for_learner(&mut transaction, user_id, &member, &thread, &post).await?);
    }
    check_moderation(&post, &moderation)?;
    apply_moderation(&mut transaction, user_id, &post, &thread, &moderation, now).await?;
    let Some(listed) = posts::listed(&mut *transaction, &post_id).await? else {
        return Err(ApiError::NotFound);
    };
    let answer = threads::find(&mut *transaction, &thread.thread_id)
        .await?
        .and_then(|thread| thread.answer_post_id);
    let last_read_at = threads::last_read_at(&mut *transaction, user_id, &thread.thread_id).await?;
    transaction.commit().await?;
    let reader = reader_of(user_id, &member);
    Ok(Json(post_view(
        &listed,
        reader,
        last_read_at,
        answer.as_ref(),
    )))
}

/// The post `post_id` with the caller's membership of its course, if they are in it.
async fn post_in_course(
    conn: &mut SqliteConnection,
    user_id: &UserId,
    post_id: &PostId,
) -> Result<(StoredPost, CourseMember), ApiError> {
    let Some(post) = posts::find(&mut *conn, post_id).await? else {
        return Err(ApiError::NotFound);
    };
    let member = member_of(conn, user_id, &post.course_id).await?;
    Ok((post, member))
}

/// What a learner who tries to moderate is told: 403 for a post they can see in its
/// thread, 404 for one they cannot.
async fn refusal_for_learner(
    conn: &mut SqliteConnection,
    user_id: &UserId,
    member: &CourseMember,
    thread: &StoredThread,
    post: &StoredPost,
) -> Result<ApiError, ApiError> {
    let posts = posts::in_thread(&mut *conn, &thread.thread_id).await?;
    let Some(view) = thread_view(thread, &posts, reader_of(user_id, member), None) else {
        return Ok(ApiError::NotFound);
    };
    let is_in_view = view.opening.post_id == post.post_id
        || view.replies.iter().any(|reply| {
            reply.post.post_id == post.post_id
                || reply
                    .replies
                    .iter()
                    .any(|nested| nested.post_id == post.post_id)
        });
    if !is_in_view || post.deleted_at.is_some() {
        return Ok(ApiError::NotFound);
    }
    Ok(ApiError::Forbidden(
        "Only instructors of the course moderate its discussions.".into(),
    ))
}

/// A pin needs a thread's opening post, an answer a reply that is not deleted.
fn check_moderation(post: &StoredPost, moderation: &PostModeration) -> Result<(), ApiError> {
    let mut problems = Vec::new();
    if moderation.pinned.is_some() && !post.opens_thread() {
        problems.push(FieldProblem {
            path: "$.pinned".into(),
            message: "only a thread's opening post can be pinned; pin the thread".into(),
        });
    }
    match moderation.answer {
        Some(_) if post.opens_thread() => problems.push(FieldProblem {
            path: "$.answer".into(),
            message: "only a reply can be marked as the answer to its thread".into(),
        }),
        Some(true) if post.deleted_at.is_some() => problems.push(FieldProblem {
            path: "$.answer".into(),
            message: "a deleted reply cannot be the answer".into(),
        }),
        _ => {}
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(ApiError::InvalidModeration(problems))
    }
}

async fn apply_moderation(
    conn: &mut SqliteConnection,
    moderator: &UserId,
    post: &StoredPost,
    thread: &StoredThread,
    moderation: &PostModeration,
    now: Timestamp,
) -> Result<(), ApiError> {
    if let Some(pinned) = moderation.pinned {
        threads::set_pinned(&mut *conn, &thread.thread_id, pinned).await?;
    }
    match moderation.answer {
        Some(true) => {
            threads::set_answer(&mut *conn, &thread.thread_id, Some(&post.post_id)).await?;
        }
        Some(false) if thread.answer_post_id.as_ref() == Some(&post.post_id) => {
            threads::set_answer(&mut *conn, &thread.thread_id, None).await?;
        }
        _ => {}
    }
    match moderation.hidden {
        Some(true) => posts::hide(&mut *conn, &post.post_id, moderator, now).await?,
        Some(false) => posts::unhide(&mut *conn, &post.post_id).await?,
        None => {}
    }
    Ok(())
}
