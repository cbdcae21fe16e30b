//! The `quiz_attempts` and `quiz_reviews` tables: each attempt with its seed, saved answers
//! and, once submitted, its automatic grade; and the points and feedback instructors gave
//! single answers. Updates to an attempt only ever touch one still in progress, so a
//! submitted attempt never changes and is never graded twice.

use super::{decode_error, encode_error};
use jiff::Timestamp;
use lectern_api::v1::{AttemptId, LearnerRef};
use lectern_core::quiz::{Answer, QuizGrade, Score};
use lectern_core::{CourseId, LessonId, UserId};
use sqlx::SqliteExecutor;
use std::collections::BTreeMap;

/// An attempt as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredAttempt {
    pub attempt_id: AttemptId,
    pub course_id: CourseId,
    pub lesson_id: LessonId,
    pub user_id: UserId,
    pub attempt_number: u32,
    pub seed: u64,
    pub started_at: Timestamp,
    pub deadline_at: Option<Timestamp>,
    pub answers: BTreeMap<String, Answer>,
    pub submission: Option<StoredSubmission>,
    /// Set on a copy holding answers that arrived after this other attempt had closed.
    pub late_copy_of: Option<AttemptId>,
}

/// What submitting an attempt recorded.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredSubmission {
    pub submitted_at: Timestamp,
    pub client_submitted_at: Option<Timestamp>,
    pub is_late: bool,
    pub has_ignored_late_answers: bool,
    /// The automatic grade, before any review.
    pub grade: QuizGrade,
}

/// An instructor's review of one answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredReview {
    pub question_id: String,
    pub awarded: Score,
    pub feedback: String,
}

/// A review to record.
pub struct NewReview<'a> {
    pub attempt_id: &'a AttemptId,
    pub question_id: &'a str,
    pub awarded: Score,
    pub feedback: &'a str,
    pub reviewer_id: &'a UserId,
    pub reviewed_at: Timestamp,
}

const ATTEMPT_COLUMNS: &str = "quiz_attempts.attempt_id, quiz_attempts.course_id, \
    quiz_attempts.lesson_id, quiz_attempts.user_id, attempt_number, seed, started_at, \
    deadline_at, answers_json, submitted_at, client_submitted_at, is_late, \
    has_ignored_late_answers, grade_json, late_copy_of";

#[derive(sqlx::FromRow)]
struct AttemptRow {
    attempt_id: String,
    course_id: String,
    lesson_id: String,
    user_id: String,
    attempt_number: i64,
    seed: String,
    started_at: i64,
    deadline_at: Option<i64>,
    answers_json: String,
    submitted_at: Option<i64>,
    client_submitted_at: Option<i64>,
    is_late: bool,
    has_ignored_late_answers: bool,
    grade_json: Option<String>,
    late_copy_of: Option<String>,
}

fn time(millis: i64) -> Result<Timestamp, sqlx::Error> {
    Timestamp::from_millisecond(millis).map_err(decode_error)
}

fn millis(time: Timestamp) -> i64 {
    time.as_millisecond()
}

impl TryFrom<AttemptRow> for StoredAttempt {
    type Error = sqlx::Error;

    fn try_from(row: AttemptRow) -> Result<StoredAttempt, sqlx::Error> {
        let submission = match (row.submitted_at, row.grade_json) {
            (Some(submitted_at), Some(grade_json)) => Some(StoredSubmission {
                submitted_at: time(submitted_at)?,
                client_submitted_at: row.client_submitted_at.map(time).transpose()?,
                is_late: row.is_late,
                has_ignored_late_answers: row.has_ignored_late_answers,
                grade: serde_json::from_str(&grade_json).map_err(decode_error)?,
            }),
            _ => None,
        };
        Ok(StoredAttempt {
            attempt_id: AttemptId::parse(&row.attempt_id).map_err(decode_error)?,
            course_id: CourseId::parse(&row.course_id).map_err(decode_error)?,
            lesson_id: LessonId::parse(&row.lesson_id).map_err(decode_error)?,
            user_id: UserId::parse(&row.user_id).map_err(decode_error)?,
            attempt_number: u32::try_from(row.attempt_number).map_err(decode_error)?,
            seed: row.seed.parse().map_err(decode_error)?,
            started_at: time(row.started_at)?,
            deadline_at: row.deadline_at.map(time).transpose()?,
            answers: serde_json::from_str(&row.answers_json).map_err(decode_error)?,
            submission,
            late_copy_of: row
                .late_copy_of
                .as_deref()
                .map(AttemptId::parse)
                .transpose()
                .map_err(decode_error)?,
        })
    }
}

/// The attempt with this id, whoever it belongs to.
pub async fn find(
    db: impl SqliteExecutor<'_>,
    attempt_id: &AttemptId,
) -> Result<Option<StoredAttempt>, sqlx::Error> {
    let row: Option<AttemptRow> = sqlx::query_as(&format!(
        "SELECT {ATTEMPT_COLUMNS} FROM quiz_attempts WHERE attempt_id = ?"
    ))
    .bind(attempt_id.as_str())
    .fetch_optional(db)
    .await?;
    row.map(StoredAttempt::try_from).transpose()
}

/// One learner's attempts at one quiz, oldest first.
pub async fn list_for_learner(
    db: impl SqliteExecutor<'_>,
    course_id: &CourseId,
    lesson_id: &LessonId,
    user_id: &UserId,
) -> Result<Vec<StoredAttempt>, sqlx::Error> {
    let rows: Vec<AttemptRow> = sqlx::query_as(&format!(
        "SELECT {ATTEMPT_COLUMNS} FROM quiz_attempts \
         WHERE course_id = ? AND lesson_id = ? AND user_id = ? ORDER BY attempt_number"
    ))
    .bind(course_id.as_str())
    .bind(lesson_id.as_str())
    .bind(user_id.as_str())
    .fetch_all(db)
    .await?;
    rows.into_iter().map(StoredAttempt::try_from).collect()
}

#[derive(sqlx::FromRow)]
struct LearnerAttemptRow {
    #[sqlx(flatten)]
    attempt: AttemptRow,
    display_name: String,
}

/// Every attempt at one quiz with who made it, in no particular order.
pub async fn list_for_quiz(
    db: impl SqliteExecutor<'_>,
    course_id: &CourseId,
    lesson_id: &LessonId,
) -> Result<Vec<(LearnerRef, StoredAttempt)>, sqlx::Error> {
    let rows: Vec<LearnerAttemptRow> = sqlx::query_as(&format!(
        "SELECT {ATTEMPT_COLUMNS}, users.display_name FROM quiz_attempts \
         JOIN users ON users.user_id = quiz_attempts.user_id \
         WHERE course_id = ? AND lesson_id = ?"
    ))
    .bind(course_id.as_str())
    .bind(lesson_id.as_str())
    .fetch_all(db)
    .await?;
    rows.into_iter()
        .map(|row| {
            let attempt = StoredAttempt::try_from(row.attempt)?;
            let learner = LearnerRef {
                user_id: attempt.user_id.clone(),
                display_name: row.display_name,
            };
            Ok((learner, attempt))
        })
        .collect()
}

/// Inserts a new attempt in progress. Fails on a taken attempt id, or if the learner already
/// has an attempt with this number.
pub async fn insert(
    db: impl SqliteExecutor<'_>,
    attempt: &StoredAttempt,
) -> Result<(), sqlx::Error> {
    let answers_json = serde_json::to_string(&attempt.answers).map_err(encode_error)?;
    sqlx::query(
        "INSERT INTO quiz_attempts (attempt_id, course_id, lesson_id, user_id, attempt_number, \
         seed, started_at, deadline_at, answers_json, late_copy_of) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(attempt.attempt_id.as_str())
    .bind(attempt.course_id.as_str())
    .bind(attempt.lesson_id.as_str())
    .bind(attempt.user_id.as_str())
    .bind(i64::from(attempt.attempt_number))
    .bind(attempt.seed.to_string())
    .bind(millis(attempt.started_at))
    .bind(attempt.deadline_at.map(millis))
    .bind(answers_json)
    .bind(attempt.late_copy_of.as_ref().map(AttemptId::as_str))
    .execute(db)
    .await?;
    Ok(())
}

/// The late copy of `attempt_id`, if one was kept.
pub async fn late_copy_of(
    db: impl SqliteExecutor<'_>,
    attempt_id: &AttemptId,
) -> Result<Option<AttemptId>, sqlx::Error> {
    let found: Option<String> =
        sqlx::query_scalar("SELECT attempt_id FROM quiz_attempts WHERE late_copy_of = ?")
            .bind(attempt_id.as_str())
            .fetch_optional(db)
            .await?;
    found
        .as_deref()
        .map(AttemptId::parse)
        .transpose()
        .map_err(decode_error)
}

/// The number the learner's next attempt at this quiz gets.
pub async fn next_attempt_number(
    db: impl SqliteExecutor<'_>,
    course_id: &CourseId,
    lesson_id: &LessonId,
    user_id: &UserId,
) -> Result<u32, sqlx::Error> {
    let highest: Option<i64> = sqlx::query_scalar(
        "SELECT MAX(attempt_number) FROM quiz_attempts \
         WHERE course_id = ? AND lesson_id = ? AND user_id = ?",
    )
    .bind(course_id.as_str())
    .bind(lesson_id.as_str())
    .bind(user_id.as_str())
    .fetch_one(db)
    .await?;
    u32::try_from(highest.unwrap_or(0) + 1).map_err(decode_error)
}

/// Replaces the saved answers of an attempt in progress. Returns whether it was still in
/// progress (nothing is written otherwise).
pub async fn save_answers(
    db: impl SqliteExecutor<'_>,
    attempt_id: &AttemptId,
    answers: &BTreeMap<String, Answer>,
) -> Result<bool, sqlx::Error> {
    let answers_json = serde_json::to_string(answers).map_err(encode_error)?;
    let done = sqlx::query(
        "UPDATE quiz_attempts SET answers_json = ? WHERE attempt_id = ? AND submitted_at IS NULL",
    )
    .bind(answers_json)
    .bind(attempt_id.as_str())
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Submits an attempt in progress with its final answers and grade. Returns whether it was
/// still in progress: an attempt already submitted keeps its first submission.
pub async fn submit(
    db: impl SqliteExecutor<'_>,
    attempt_id: &AttemptId,
    answers: &BTreeMap<String, Answer>,
    submission: &StoredSubmission,
) -> Result<bool, sqlx::Error> {
    let answers_json = serde_json::to_string(answers).map_err(encode_error)?;
    let grade_json = serde_json::to_string(&submission.grade).map_err(encode_error)?;
    let done = sqlx::query(
        "UPDATE quiz_attempts SET answers_json = ?, submitted_at = ?, client_submitted_at = ?, \
         is_late = ?, has_ignored_late_answers = ?, grade_json = ? \
         WHERE attempt_id = ? AND submitted_at IS NULL",
    )
    .bind(answers_json)
    .bind(millis(submission.submitted_at))
    .bind(submission.client_submitted_at.map(millis))
    .bind(submission.is_late)
    .bind(submission.has_ignored_late_answers)
    .bind(grade_json)
    .bind(attempt_id.as_str())
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The reviews of one attempt, by question id.
pub async fn reviews(
    db: impl SqliteExecutor<'_>,
    attempt_id: &AttemptId,
) -> Result<Vec<StoredReview>, sqlx::Error> {
    let rows: Vec<(String, i64, String)> = sqlx::query_as(
        "SELECT question_id, awarded_millipoints, feedback FROM quiz_reviews \
         WHERE attempt_id = ? ORDER BY question_id",
    )
    .bind(attempt_id.as_str())
    .fetch_all(db)
    .await?;
    rows.into_iter()
        .map(|(question_id, awarded, feedback)| {
            let awarded = u32::try_from(awarded).map_err(decode_error)?;
            Ok(StoredReview {
                question_id,
                awarded: Score::from_millipoints(awarded),
                feedback,
            })
        })
        .collect()
}

/// Records a review, replacing an earlier one of the same answer.
pub async fn upsert_review(
    db: impl SqliteExecutor<'_>,
    review: &NewReview<'_>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO quiz_reviews (attempt_id, question_id, awarded_millipoints, feedback, \
         reviewer_id, reviewed_at) VALUES (?, ?, ?, ?, ?, ?) \
         ON CONFLICT (attempt_id, question_id) DO UPDATE SET \
         awarded_millipoints = excluded.awarded_millipoints, feedback = excluded.feedback, \
         reviewer_id = excluded.reviewer_id, reviewed_at = excluded.reviewed_at",
    )
    .bind(review.attempt_id.as_str())
    .bind(review.question_id)
    .bind(i64::from(review.awarded.millipoints()))
    .bind(review.feedback)
    .bind(review.reviewer_id.as_str())
    .bind(millis(review.reviewed_at))
    .execute(db)
    .await?;
    Ok(())
}
