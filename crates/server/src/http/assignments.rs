//! An assignment as the caller stands with it, the grading queue of those who teach its
//! course, and grading a submission. Submissions themselves arrive as learner events
//! ([`assignment_events`](super::assignment_events)); files as uploads
//! ([`uploads`](super::uploads)).
//!
//! A grade is a new version each time it changes: the history is kept, the latest stands,
//! and each new version tells the learner with a `graded` notification. Sending the grade
//! that stands again changes nothing, so a retried `PUT` notifies once.

use super::assignment_access::{
    assignment_for_caller, assignment_id_from_path, assignment_in, course_for_caller,
    submission_id_from_path, taught_assignment,
};
use super::assignment_problem::AssignmentProblem;
use super::assignment_rules::{assignment_state, submit_refusal};
use super::quiz_access::Viewer;
use super::submission_view::submission_view;
use super::{ApiError, ApiJson, AuthUser};
use crate::db::notifications::{self, NewNotification};
use crate::db::submissions::{self, NewGrade, StoredSubmission};
use crate::AppState;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::routing::{get, put};
use axum::{Json, Router};
use lectern_api::v1::{
    routes, AssignmentView, GradeRequest, GradingQueue, NotificationKind, QueuedSubmission,
    SubmissionView, MAX_FEEDBACK_CHARS,
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route(routes::ASSIGNMENT, get(assignment))
        .route(routes::ASSIGNMENT_SUBMISSIONS, get(grading_queue))
        .route(routes::SUBMISSION_GRADE, put(grade))
}

async fn assignment(
    State(state): State<AppState>,
    caller: AuthUser,
    raw_assignment_id: Result<Path<String>, PathRejection>,
) -> Result<Json<AssignmentView>, ApiError> {
    let assignment_id = assignment_id_from_path(raw_assignment_id)?;
    let user_id = &caller.profile.user_id;
    let now = state.clock.now();
    let mut conn = state.db.acquire().await?;
    let access = assignment_for_caller(&mut conn, user_id, &assignment_id).await?;
    let stored = submissions::list_for_learner(
        &mut conn,
        &assignment_id.course_id,
        &assignment_id.lesson_id,
        user_id,
    )
    .await?;
    let assignment = &access.assignment;
    let refusal = submit_refusal(assignment, stored.len(), now);
    Ok(Json(AssignmentView {
        title: access.lesson_title,
        due_at: assignment.due_at,
        late_policy: assignment.late_policy,
        resubmit: assignment.resubmit,
        max_points: assignment.max_points,
        state: assignment_state(stored.first()),
        can_submit: refusal.is_none(),
        cannot_submit_reason: refusal.map(|refusal| refusal.to_string()),
        submissions: stored
            .iter()
            .map(|submission| submission_view(submission, assignment.max_points))
            .collect(),
        server_time: now,
        assignment_id,
    }))
}

async fn grading_queue(
    State(state): State<AppState>,
    caller: AuthUser,
    raw_assignment_id: Result<Path<String>, PathRejection>,
) -> Result<Json<GradingQueue>, ApiError> {
    let assignment_id = assignment_id_from_path(raw_assignment_id)?;
    let mut conn = state.db.acquire().await?;
    let access = taught_assignment(&mut conn, &caller.profile.user_id, &assignment_id).await?;
    let stored = submissions::list_for_lesson(
        &mut conn,
        &assignment_id.course_id,
        &assignment_id.lesson_id,
    )
    .await?;
    let max_points = access.assignment.max_points;
    // Each learner's submissions come together, newest first: the first is the latest.
    let mut queue: Vec<(QueuedSubmission, bool)> = Vec::new();
    for (learner, submission) in stored {
        if let Some((latest, _)) = queue
            .last_mut()
            .filter(|(latest, _)| latest.learner.user_id == learner.user_id)
        {
            latest.submission_count = latest.submission_count.saturating_add(1);
            continue;
        }
        let is_graded = submission.grade.is_some();
        let queued = QueuedSubmission {
            learner,
            submission_count: 1,
            submission: submission_view(&submission, max_points),
        };
        queue.push((queued, is_graded));
    }
    queue.sort_by_key(|(queued, is_graded)| {
        (
            *is_graded,
            queued.submission.submitted_at,
            queued.submission.submission_id.clone(),
        )
    });
    Ok(Json(GradingQueue {
        assignment_id,
        max_points,
        submissions: queue.into_iter().map(|(queued, _)| queued).collect(),
    }))
}

async fn grade(
    State(state): State<AppState>,
    caller: AuthUser,
    raw_submission_id: Result<Path<String>, PathRejection>,
    ApiJson(request): ApiJson<GradeRequest>,
) -> Result<Json<SubmissionView>, ApiError> {
    let submission_id = submission_id_from_path(raw_submission_id)?;
    let grader = &caller.profile;
    let now = state.clock.now();
    let mut transaction = state.db.begin_with("BEGIN IMMEDIATE").await?;
    let Some(submission) = submissions::find(&mut transaction, &submission_id).await? else {
        return Err(ApiError::NotFound);
    };
    let (course, viewer) =
        course_for_caller(&mut transaction, &grader.user_id, &submission.course_id).await?;
    let access = assignment_in(&course, &submission.lesson_id, viewer);
    let Some(access) = access.filter(|access| access.viewer == Viewer::Teacher) else {
        return Err(ApiError::NotFound);
    };
    let max_points = access.assignment.max_points;
    check_grade(&request, max_points)?;
    if is_standing_grade(&submission, &request) {
        return Ok(Json(submission_view(&submission, max_points)));
    }
    let new_grade = NewGrade {
        submission_id: &submission_id,
        score: request.score,
        feedback: &request.feedback,
        grader_id: &grader.user_id,
        graded_at: now,
    };
    let grade_version = submissions::insert_grade(&mut transaction, &new_grade).await?;
    let subject_key = format!("graded:{submission_id}:{grade_version}");
    let notification = NewNotification {
        user_id: &submission.user_id,
        kind: NotificationKind::Graded,
        course_id: &submission.course_id,
        lesson_id: Some(&submission.lesson_id),
        thread_id: None,
        post_id: None,
        announcement_id: None,
        subject_key: &subject_key,
        title: &access.lesson_title,
        actor: Some(&grader.display_name),
        created_at: now,
    };
    notifications::notify(&mut *transaction, &notification).await?;
    let Some(graded) = submissions::find(&mut transaction, &submission_id).await? else {
        return Err(ApiError::Internal(
            "a submission just graded is gone".into(),
        ));
    };
    transaction.commit().await?;
    Ok(Json(submission_view(&graded, max_points)))
}

/// Whether `request` fits an assignment worth `max_points`.
fn check_grade(request: &GradeRequest, max_points: u32) -> Result<(), AssignmentProblem> {
    if request.score > max_points {
        return Err(AssignmentProblem::InvalidGrade(format!(
            "The assignment is worth at most {max_points} points, so {} cannot be given.",
            request.score
        )));
    }
    let chars = request.feedback.chars().count();
    if chars > MAX_FEEDBACK_CHARS {
        return Err(AssignmentProblem::InvalidGrade(format!(
            "Feedback may be at most {MAX_FEEDBACK_CHARS} characters; this has {chars}."
        )));
    }
    Ok(())
}

/// Whether `request` is the grade that already stands.
fn is_standing_grade(submission: &StoredSubmission, request: &GradeRequest) -> bool {
    submission
        .grade
        .as_ref()
        .is_some_and(|grade| grade.score == request.score && grade.feedback == request.feedback)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grades_fit_the_points_and_the_feedback_limit() {
        let request = |score, feedback: &str| GradeRequest {
            score,
            feedback: feedback.into(),
        };
        assert_eq!(check_grade(&request(20, "Fine."), 20), Ok(()));
        let Err(AssignmentProblem::InvalidGrade(too_many)) = check_grade(&request(21, ""), 20)
        else {
            panic!("21 of 20 points");
        };
        assert!(too_many.contains("at most 20 points"), "{too_many}");
        let long = "x".repeat(MAX_FEEDBACK_CHARS + 1);
        assert!(check_grade(&request(1, &long), 20).is_err());
    }
}
