//! A course's announcements: everyone enrolled reads them (newest first); those who teach
//! the course send them, and each reaches the inbox of every learner enrolled, in the same
//! transaction. A learner who tries to send one gets 403; outside the course, 404.

use super::discussion_access::{course_id_from_path, member_of};
use super::{ApiError, ApiJson, AuthUser};
use crate::db::announcements::{self, NewAnnouncement as StoredAnnouncement};
use crate::db::random_uuid;
use crate::AppState;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use lectern_api::v1::{
    routes, AnnouncementList, AnnouncementView, FieldProblem, NewAnnouncement,
    MAX_ANNOUNCEMENT_BODY_CHARS, MAX_ANNOUNCEMENT_TITLE_CHARS,
};

pub fn router() -> Router<AppState> {
    Router::new().route(routes::COURSE_ANNOUNCEMENTS, get(list).post(announce))
}

async fn list(
    State(state): State<AppState>,
    caller: AuthUser,
    raw_course_id: Result<Path<String>, PathRejection>,
) -> Result<Json<AnnouncementList>, ApiError> {
    let course_id = course_id_from_path(raw_course_id)?;
    let mut conn = state.db.acquire().await?;
    member_of(&mut conn, &caller.profile.user_id, &course_id).await?;
    let announcements = announcements::list_for_course(&mut *conn, &course_id).await?;
    Ok(Json(AnnouncementList { announcements }))
}

async fn announce(
    State(state): State<AppState>,
    caller: AuthUser,
    raw_course_id: Result<Path<String>, PathRejection>,
    ApiJson(request): ApiJson<NewAnnouncement>,
) -> Result<(StatusCode, Json<AnnouncementView>), ApiError> {
    let course_id = course_id_from_path(raw_course_id)?;
    let author = &caller.profile;
    let now = state.clock.now();
    let mut transaction = state.db.begin_with("BEGIN IMMEDIATE").await?;
    let member = member_of(&mut transaction, &author.user_id, &course_id).await?;
    if !member.is_teacher {
        return Err(ApiError::Forbidden(
            "Only instructors of the course send announcements.".into(),
        ));
    }
    check_announcement(&request)?;
    let announcement_id = random_uuid()?;
    let stored = StoredAnnouncement {
        announcement_id: &announcement_id,
        course_id: &course_id,
        author_id: &author.user_id,
        author_name: &author.display_name,
        title: &request.title,
        body: &request.body,
        created_at: now,
    };
    announcements::publish(&mut transaction, &stored).await?;
    transaction.commit().await?;
    let view = AnnouncementView {
        announcement_id,
        course_id,
        title: request.title,
        body: request.body,
        author: author.display_name.clone(),
        created_at: now,
    };
    Ok((StatusCode::CREATED, Json(view)))
}

/// A title of 1 to [`MAX_ANNOUNCEMENT_TITLE_CHARS`] characters and a body of at most
/// [`MAX_ANNOUNCEMENT_BODY_CHARS`], neither blank. Both are stored as written.
fn check_announcement(request: &NewAnnouncement) -> Result<(), ApiError> {
    let fields = [
        ("$.title", &request.title, MAX_ANNOUNCEMENT_TITLE_CHARS),
        ("$.body", &request.body, MAX_ANNOUNCEMENT_BODY_CHARS),
    ];
    let problems: Vec<FieldProblem> = fields
        .into_iter()
        .filter_map(|(path, text, max_chars)| {
            let chars = text.chars().count();
            let message = if text.trim().is_empty() {
                "write something: this cannot be blank".to_owned()
            } else if chars > max_chars {
                format!("at most {max_chars} characters; this has {chars}")
            } else {
                return None;
            };
            Some(FieldProblem {
                path: path.into(),
                message,
            })
        })
        .collect();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(ApiError::InvalidAnnouncement(problems))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(title: &str, body: &str) -> Vec<String> {
        let request = NewAnnouncement {
            title: title.into(),
            body: body.into(),
        };
        match check_announcement(&request) {
            Ok(()) => Vec::new(),
            Err(ApiError::InvalidAnnouncement(problems)) => {
                problems.into_iter().map(|problem| problem.path).collect()
            }
            Err(other) => panic!("{other}"),
        }
    }

    #[test]
    fn titles_and_bodies_must_not_be_blank_or_too_long() {
        assert_eq!(
            paths("Clear skies", "Look up tonight."),
            Vec::<String>::new()
        );
        assert_eq!(paths(" \n", "\t"), ["$.title", "$.body"]);
        let long_title = "é".repeat(MAX_ANNOUNCEMENT_TITLE_CHARS + 1);
        assert_eq!(paths(&long_title, "Fine."), ["$.title"]);
        let longest_title = "é".repeat(MAX_ANNOUNCEMENT_TITLE_CHARS);
        assert_eq!(paths(&longest_title, "Fine."), Vec::<String>::new());
        let long_body = "x".repeat(MAX_ANNOUNCEMENT_BODY_CHARS + 1);
        assert_eq!(paths("Fine", &long_body), ["$.body"]);
    }
}
