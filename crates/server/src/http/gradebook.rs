//! A course's gradebook for those who teach it, as JSON and as CSV: per learner enrolled as a
//! learner, the lessons completed (from their merged progress), each graded quiz's best and
//! latest submitted score with reviews applied (late copies are not attempts made, so they
//! never count), each assignment's latest submission with its grade less the late penalty,
//! and when the server last received an event of theirs in the course. Anyone else gets
//! 404, exactly as for a course that does not exist.

use super::assignment_access::{course_for_caller, course_id_from_path};
use super::assignment_rules::assignment_state;
use super::gradebook_csv::gradebook_csv;
use super::quiz_access::Viewer;
use super::{ApiError, AuthUser};
use crate::db::submissions::StoredSubmission;
use crate::db::{attempts, gradebook, submissions};
use crate::AppState;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use jiff::Timestamp;
use lectern_api::v1::{
    final_score_millipoints, routes, AssignmentCell, AssignmentColumn, Gradebook, GradebookColumn,
    GradebookRow, QuizCell,
};
use lectern_core::course::LessonContent;
use lectern_core::quiz::{apply_reviews, Quiz};
use lectern_core::{Course, LessonId, UserId};
use sqlx::SqliteConnection;
use std::collections::{BTreeMap, HashMap, HashSet};

pub fn router() -> Router<AppState> {
    Router::new()
        .route(routes::COURSE_GRADEBOOK, get(gradebook_json))
        .route(routes::COURSE_GRADEBOOK_CSV, get(gradebook_file))
}

async fn gradebook_json(
    State(state): State<AppState>,
    caller: AuthUser,
    raw_course_id: Result<Path<String>, PathRejection>,
) -> Result<Json<Gradebook>, ApiError> {
    let now = state.clock.now();
    let mut conn = state.db.acquire().await?;
    let course = taught_course(&mut conn, &caller.profile.user_id, raw_course_id).await?;
    Ok(Json(gradebook_of(&mut conn, &course, now).await?))
}

async fn gradebook_file(
    State(state): State<AppState>,
    caller: AuthUser,
    raw_course_id: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    let now = state.clock.now();
    let mut conn = state.db.acquire().await?;
    let course = taught_course(&mut conn, &caller.profile.user_id, raw_course_id).await?;
    let gradebook = gradebook_of(&mut conn, &course, now).await?;
    // Course ids are slugs, so the file name needs no escaping.
    let disposition = format!(
        "attachment; filename=\"{}-gradebook.csv\"",
        gradebook.course_id
    );
    let headers = [
        (CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
        (CONTENT_DISPOSITION, disposition),
    ];
    Ok((headers, gradebook_csv(&gradebook)).into_response())
}

/// The course in the path, if the caller teaches it.
async fn taught_course(
    conn: &mut SqliteConnection,
    user_id: &UserId,
    raw_course_id: Result<Path<String>, PathRejection>,
) -> Result<Course, ApiError> {
    let course_id = course_id_from_path(raw_course_id)?;
    let (course, viewer) = course_for_caller(conn, user_id, &course_id).await?;
    if viewer != Viewer::Teacher {
        return Err(ApiError::NotFound);
    }
    Ok(course)
}

/// The gradebook of `course` at `now`.
async fn gradebook_of(
    conn: &mut SqliteConnection,
    course: &Course,
    now: Timestamp,
) -> Result<Gradebook, ApiError> {
    let course_id = &course.course_id;
    let mut quizzes: Vec<(GradebookColumn, &Quiz)> = Vec::new();
    let mut assignment_columns = Vec::new();
    for lesson in course.lessons() {
        match &lesson.content {
            LessonContent::Quiz(quiz) if quiz.settings.is_graded => {
                let column = GradebookColumn {
                    lesson_id: lesson.lesson_id.clone(),
                    title: lesson.title.clone(),
                };
                quizzes.push((column, quiz));
            }
            LessonContent::Assignment(assignment) => assignment_columns.push(AssignmentColumn {
                lesson_id: lesson.lesson_id.clone(),
                title: lesson.title.clone(),
                max_points: assignment.max_points,
            }),
            _ => {}
        }
    }
    let lesson_ids: HashSet<&LessonId> = course.lessons().map(|l| &l.lesson_id).collect();
    let mut completed: HashMap<UserId, u32> = HashMap::new();
    for (user_id, lesson_id) in gradebook::completed_lessons(&mut *conn, course_id).await? {
        if lesson_ids.contains(&lesson_id) {
            *completed.entry(user_id).or_default() += 1;
        }
    }
    let last_activity: HashMap<UserId, Timestamp> = gradebook::last_activity(&mut *conn, course_id)
        .await?
        .into_iter()
        .collect();
    let mut quiz_cells = HashMap::new();
    for (column, quiz) in &quizzes {
        for (user_id, cell) in quiz_cells_of(conn, course, &column.lesson_id, quiz).await? {
            quiz_cells.insert((user_id, column.lesson_id.clone()), cell);
        }
    }
    let latest = latest_submissions(submissions::list_for_course(conn, course_id).await?);
    let learners = gradebook::enrolled_learners(&mut *conn, course_id).await?;
    let rows = learners
        .into_iter()
        .map(|learner| {
            let user_id = &learner.user_id;
            GradebookRow {
                lessons_completed: completed.get(user_id).copied().unwrap_or(0),
                last_activity_at: last_activity.get(user_id).copied(),
                quizzes: quizzes
                    .iter()
                    .map(|(column, _)| {
                        let key = (user_id.clone(), column.lesson_id.clone());
                        quiz_cells
                            .remove(&key)
                            .unwrap_or_else(|| no_attempts(&column.lesson_id))
                    })
                    .collect(),
                assignments: assignment_columns
                    .iter()
                    .map(|column| {
                        let key = (user_id.clone(), column.lesson_id.clone());
                        assignment_cell(&column.lesson_id, latest.get(&key))
                    })
                    .collect(),
                learner,
            }
        })
        .collect();
    Ok(Gradebook {
        course_id: course_id.clone(),
        course_title: course.title.clone(),
        lesson_count: u32::try_from(course.lesson_count()).unwrap_or(u32::MAX),
        quiz_columns: quizzes.into_iter().map(|(column, _)| column).collect(),
        assignment_columns,
        learners: rows,
        generated_at: now,
    })
}

fn no_attempts(lesson_id: &LessonId) -> QuizCell {
    QuizCell {
        lesson_id: lesson_id.clone(),
        attempts_submitted: 0,
        best_score_millipoints: None,
        latest_score_millipoints: None,
        possible_millipoints: None,
        needs_review: false,
    }
}

/// Each learner's cell for the graded quiz `lesson_id`, from their submitted attempts.
async fn quiz_cells_of(
    conn: &mut SqliteConnection,
    course: &Course,
    lesson_id: &LessonId,
    quiz: &Quiz,
) -> Result<BTreeMap<UserId, QuizCell>, ApiError> {
    let stored = attempts::list_for_quiz(&mut *conn, &course.course_id, lesson_id).await?;
    // Each learner's cell, with when and which the latest submitted attempt is.
    let mut cells: BTreeMap<UserId, (QuizCell, (Timestamp, u32))> = BTreeMap::new();
    for (learner, attempt) in stored {
        let Some(submission) = attempt.submission.as_ref() else {
            continue;
        };
        if attempt.late_copy_of.is_some() {
            continue;
        }
        let reviews = attempts::reviews(&mut *conn, &attempt.attempt_id).await?;
        let points = reviews
            .into_iter()
            .map(|review| (review.question_id, review.awarded))
            .collect();
        let grade = apply_reviews(quiz, &submission.grade, &points);
        let this_attempt = (submission.submitted_at, attempt.attempt_number);
        let (cell, latest) = cells
            .entry(learner.user_id)
            .or_insert_with(|| (no_attempts(lesson_id), this_attempt));
        cell.attempts_submitted = cell.attempts_submitted.saturating_add(1);
        cell.needs_review |= grade.needs_review;
        if cell
            .best_score_millipoints
            .is_none_or(|best| grade.score > best)
        {
            cell.best_score_millipoints = Some(grade.score);
            cell.possible_millipoints = Some(grade.possible);
        }
        if cell.latest_score_millipoints.is_none() || this_attempt >= *latest {
            cell.latest_score_millipoints = Some(grade.score);
            *latest = this_attempt;
        }
    }
    Ok(cells
        .into_iter()
        .map(|(user_id, (cell, _))| (user_id, cell))
        .collect())
}

/// The latest submission of each (learner, lesson), from submissions each learner's newest
/// first.
fn latest_submissions(
    submissions: Vec<StoredSubmission>,
) -> HashMap<(UserId, LessonId), StoredSubmission> {
    let mut latest = HashMap::new();
    for submission in submissions {
        let key = (submission.user_id.clone(), submission.lesson_id.clone());
        latest.entry(key).or_insert(submission);
    }
    latest
}

fn assignment_cell(lesson_id: &LessonId, latest: Option<&StoredSubmission>) -> AssignmentCell {
    let grade = latest.and_then(|submission| submission.grade.as_ref());
    let penalty_percent = latest.map_or(0, |submission| submission.penalty_percent);
    AssignmentCell {
        lesson_id: lesson_id.clone(),
        state: assignment_state(latest),
        submission_id: latest.map(|submission| submission.submission_id.clone()),
        score: grade.map(|grade| grade.score),
        final_score_millipoints: grade
            .map(|grade| final_score_millipoints(grade.score, penalty_percent)),
        days_late: latest.map_or(0, |submission| submission.days_late),
        penalty_percent,
    }
}
