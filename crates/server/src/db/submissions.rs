//! The `assignment_submissions`, `submission_files` and `submission_grades` tables: the work
//! learners hand in (each stored once, under the id the device chose, and never changed),
//! the uploads it carries, and every grade instructors give it. A re-grade adds the next
//! version; reading a submission gives its latest grade.

use super::{decode_error, encode_error};
use jiff::Timestamp;
use lectern_api::v1::LearnerRef;
use lectern_core::assignment::{SubmissionId, SubmittedFile, UploadId};
use lectern_core::sync::EventId;
use lectern_core::{CourseId, LessonId, UserId};
use sqlx::{SqliteConnection, SqliteExecutor};

/// A submission as stored, with its files and its latest grade.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredSubmission {
    pub submission_id: SubmissionId,
    pub user_id: UserId,
    pub course_id: CourseId,
    pub lesson_id: LessonId,
    pub text: String,
    pub files: Vec<SubmittedFile>,
    /// The server's clock.
    pub submitted_at: Timestamp,
    /// The event's `occurred_at`.
    pub client_submitted_at: Timestamp,
    pub days_late: u32,
    pub penalty_percent: u8,
    pub grade: Option<StoredGrade>,
}

/// The grade that stands: the latest version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredGrade {
    pub grade_version: u32,
    pub score: u32,
    pub feedback: String,
    pub grader_name: String,
    pub graded_at: Timestamp,
}

/// A grade to record.
pub struct NewGrade<'a> {
    pub submission_id: &'a SubmissionId,
    pub score: u32,
    pub feedback: &'a str,
    pub grader_id: &'a UserId,
    pub graded_at: Timestamp,
}

const SUBMISSION_COLUMNS: &str = "assignment_submissions.submission_id, \
    assignment_submissions.user_id, assignment_submissions.course_id, \
    assignment_submissions.lesson_id, text, submitted_at, client_submitted_at, days_late, \
    penalty_percent";

#[derive(sqlx::FromRow)]
struct SubmissionRow {
    submission_id: String,
    user_id: String,
    course_id: String,
    lesson_id: String,
    text: String,
    submitted_at: i64,
    client_submitted_at: i64,
    days_late: i64,
    penalty_percent: i64,
}

#[derive(sqlx::FromRow)]
struct LearnerSubmissionRow {
    #[sqlx(flatten)]
    submission: SubmissionRow,
    display_name: String,
}

fn time(millis: i64) -> Result<Timestamp, sqlx::Error> {
    Timestamp::from_millisecond(millis).map_err(decode_error)
}

/// `row` with its files and latest grade.
async fn with_files_and_grade(
    conn: &mut SqliteConnection,
    row: SubmissionRow,
) -> Result<StoredSubmission, sqlx::Error> {
    let submission_id = SubmissionId::parse(&row.submission_id).map_err(decode_error)?;
    let files: Vec<(String, String, String, i64)> = sqlx::query_as(
        "SELECT uploads.upload_id, file_name, media_type, size_bytes FROM submission_files \
         JOIN uploads ON uploads.upload_id = submission_files.upload_id \
         WHERE submission_id = ? ORDER BY position",
    )
    .bind(submission_id.as_str())
    .fetch_all(&mut *conn)
    .await?;
    let files = files
        .into_iter()
        .map(|(upload_id, file_name, media_type, size_bytes)| {
            Ok(SubmittedFile {
                upload_id: UploadId::parse(&upload_id).map_err(decode_error)?,
                file_name,
                media_type,
                size_bytes: u64::try_from(size_bytes).map_err(decode_error)?,
            })
        })
        .collect::<Result<_, sqlx::Error>>()?;
    Ok(StoredSubmission {
        grade: latest_grade(&mut *conn, &submission_id).await?,
        submission_id,
        user_id: UserId::parse(&row.user_id).map_err(decode_error)?,
        course_id: CourseId::parse(&row.course_id).map_err(decode_error)?,
        lesson_id: LessonId::parse(&row.lesson_id).map_err(decode_error)?,
        text: row.text,
        files,
        submitted_at: time(row.submitted_at)?,
        client_submitted_at: time(row.client_submitted_at)?,
        days_late: u32::try_from(row.days_late).map_err(decode_error)?,
        penalty_percent: u8::try_from(row.penalty_percent).map_err(decode_error)?,
    })
}

async fn latest_grade(
    db: impl SqliteExecutor<'_>,
    submission_id: &SubmissionId,
) -> Result<Option<StoredGrade>, sqlx::Error> {
    let row: Option<(i64, i64, String, String, i64)> = sqlx::query_as(
        "SELECT grade_version, score, feedback, users.display_name, graded_at \
         FROM submission_grades JOIN users ON users.user_id = submission_grades.grader_id \
         WHERE submission_id = ? ORDER BY grade_version DESC LIMIT 1",
    )
    .bind(submission_id.as_str())
    .fetch_optional(db)
    .await?;
    row.map(|(version, score, feedback, grader_name, graded_at)| {
        Ok(StoredGrade {
            grade_version: u32::try_from(version).map_err(decode_error)?,
            score: u32::try_from(score).map_err(decode_error)?,
            feedback,
            grader_name,
            graded_at: time(graded_at)?,
        })
    })
    .transpose()
}

/// The submission with this id, whoever handed it in.
pub async fn find(
    conn: &mut SqliteConnection,
    submission_id: &SubmissionId,
) -> Result<Option<StoredSubmission>, sqlx::Error> {
    let row: Option<SubmissionRow> = sqlx::query_as(&format!(
        "SELECT {SUBMISSION_COLUMNS} FROM assignment_submissions WHERE submission_id = ?"
    ))
    .bind(submission_id.as_str())
    .fetch_optional(&mut *conn)
    .await?;
    match row {
        Some(row) => Ok(Some(with_files_and_grade(conn, row).await?)),
        None => Ok(None),
    }
}

/// Whether a submission with this id is stored, whoever handed it in.
pub async fn is_taken(
    db: impl SqliteExecutor<'_>,
    submission_id: &SubmissionId,
) -> Result<bool, sqlx::Error> {
    let found: Option<i64> =
        sqlx::query_scalar("SELECT 1 FROM assignment_submissions WHERE submission_id = ?")
            .bind(submission_id.as_str())
            .fetch_optional(db)
            .await?;
    Ok(found.is_some())
}

/// One learner's submissions to one assignment, newest first.
pub async fn list_for_learner(
    conn: &mut SqliteConnection,
    course_id: &CourseId,
    lesson_id: &LessonId,
    user_id: &UserId,
) -> Result<Vec<StoredSubmission>, sqlx::Error> {
    let rows: Vec<SubmissionRow> = sqlx::query_as(&format!(
        "SELECT {SUBMISSION_COLUMNS} FROM assignment_submissions \
         WHERE course_id = ? AND lesson_id = ? AND user_id = ? \
         ORDER BY submitted_at DESC, submission_id"
    ))
    .bind(course_id.as_str())
    .bind(lesson_id.as_str())
    .bind(user_id.as_str())
    .fetch_all(&mut *conn)
    .await?;
    let mut submissions = Vec::with_capacity(rows.len());
    for row in rows {
        submissions.push(with_files_and_grade(conn, row).await?);
    }
    Ok(submissions)
}

/// Every submission to one assignment with who handed it in, each learner's newest first.
pub async fn list_for_lesson(
    conn: &mut SqliteConnection,
    course_id: &CourseId,
    lesson_id: &LessonId,
) -> Result<Vec<(LearnerRef, StoredSubmission)>, sqlx::Error> {
    let rows: Vec<LearnerSubmissionRow> = sqlx::query_as(&format!(
        "SELECT {SUBMISSION_COLUMNS}, users.display_name FROM assignment_submissions \
         JOIN users ON users.user_id = assignment_submissions.user_id \
         WHERE course_id = ? AND lesson_id = ? \
         ORDER BY assignment_submissions.user_id, submitted_at DESC, submission_id"
    ))
    .bind(course_id.as_str())
    .bind(lesson_id.as_str())
    .fetch_all(&mut *conn)
    .await?;
    let mut submissions = Vec::with_capacity(rows.len());
    for row in rows {
        let submission = with_files_and_grade(conn, row.submission).await?;
        let learner = LearnerRef {
            user_id: submission.user_id.clone(),
            display_name: row.display_name,
        };
        submissions.push((learner, submission));
    }
    Ok(submissions)
}

/// Every submission to any assignment of one course, each learner's newest first.
pub async fn list_for_course(
    conn: &mut SqliteConnection,
    course_id: &CourseId,
) -> Result<Vec<StoredSubmission>, sqlx::Error> {
    let rows: Vec<SubmissionRow> = sqlx::query_as(&format!(
        "SELECT {SUBMISSION_COLUMNS} FROM assignment_submissions WHERE course_id = ? \
         ORDER BY user_id, lesson_id, submitted_at DESC, submission_id"
    ))
    .bind(course_id.as_str())
    .fetch_all(&mut *conn)
    .await?;
    let mut submissions = Vec::with_capacity(rows.len());
    for row in rows {
        submissions.push(with_files_and_grade(conn, row).await?);
    }
    Ok(submissions)
}

/// The assignment lessons of `course_id` that `user_id` has handed anything in for.
pub async fn submitted_lessons(
    db: impl SqliteExecutor<'_>,
    user_id: &UserId,
    course_id: &CourseId,
) -> Result<Vec<LessonId>, sqlx::Error> {
    let lessons: Vec<String> = sqlx::query_scalar(
        "SELECT DISTINCT lesson_id FROM assignment_submissions \
         WHERE user_id = ? AND course_id = ? ORDER BY lesson_id",
    )
    .bind(user_id.as_str())
    .bind(course_id.as_str())
    .fetch_all(db)
    .await?;
    lessons
        .iter()
        .map(|raw| LessonId::parse(raw).map_err(decode_error))
        .collect()
}

/// Stores a new submission (its grade, if any, is ignored) for the event `event_id`. Fails
/// on a taken submission id, or files whose uploads are not stored.
pub async fn insert(
    conn: &mut SqliteConnection,
    submission: &StoredSubmission,
    event_id: &EventId,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO assignment_submissions (submission_id, event_id, user_id, course_id, \
         lesson_id, text, submitted_at, client_submitted_at, days_late, penalty_percent) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(submission.submission_id.as_str())
    .bind(event_id.as_str())
    .bind(submission.user_id.as_str())
    .bind(submission.course_id.as_str())
    .bind(submission.lesson_id.as_str())
    .bind(&submission.text)
    .bind(submission.submitted_at.as_millisecond())
    .bind(submission.client_submitted_at.as_millisecond())
    .bind(i64::from(submission.days_late))
    .bind(i64::from(submission.penalty_percent))
    .execute(&mut *conn)
    .await?;
    for (position, file) in submission.files.iter().enumerate() {
        sqlx::query(
            "INSERT INTO submission_files (submission_id, position, upload_id) VALUES (?, ?, ?)",
        )
        .bind(submission.submission_id.as_str())
        .bind(i64::try_from(position).map_err(encode_error)?)
        .bind(file.upload_id.as_str())
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Records a grade as the submission's next version, and answers that version.
pub async fn insert_grade(
    conn: &mut SqliteConnection,
    grade: &NewGrade<'_>,
) -> Result<u32, sqlx::Error> {
    let latest: Option<i64> = sqlx::query_scalar(
        "SELECT MAX(grade_version) FROM submission_grades WHERE submission_id = ?",
    )
    .bind(grade.submission_id.as_str())
    .fetch_one(&mut *conn)
    .await?;
    let version = latest.unwrap_or(0) + 1;
    sqlx::query(
        "INSERT INTO submission_grades (submission_id, grade_version, score, feedback, \
         grader_id, graded_at) VALUES (?, ?, ?, ?, ?, ?)",
    )
    .bind(grade.submission_id.as_str())
    .bind(version)
    .bind(i64::from(grade.score))
    .bind(grade.feedback)
    .bind(grade.grader_id.as_str())
    .bind(grade.graded_at.as_millisecond())
    .execute(&mut *conn)
    .await?;
    u32::try_from(version).map_err(decode_error)
}
