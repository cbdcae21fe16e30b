//! `assignment_submitted` events from a device's outbox: work handed in for an assignment
//! lesson, stored as a submission by the assignment's rules, at the server's time.
//!
//! The lesson must be an assignment of a course the caller is enrolled in; the submission id
//! new; the assignment must take a submission from the caller now (a hard deadline, or a
//! second submission where only one is taken, refuses it); the text and files must fit the
//! assignment's rules; and every file must be a complete upload of the caller's for the same
//! lesson, with the name, type and size it was uploaded with.
//!
//! Lateness is judged by when the event reaches the server, not by its `occurred_at`: a
//! device's clock may be wrong, and an outbox can hold work written offline after the due
//! date as well as before. `occurred_at` is kept beside it for the record. Everything is
//! checked before anything is written, so a refusal leaves nothing stored; it is the reason
//! the event is rejected with.

use super::assignment_access::{assignment_in, course_for_caller};
use super::assignment_rules::{lateness, media_type_essence, submit_refusal, SubmitRefusal};
use super::ApiError;
use crate::db::submissions::{self, StoredSubmission};
use crate::db::uploads::{self, StoredUpload};
use jiff::Timestamp;
use lectern_api::v1::LearnerEvent;
use lectern_core::assignment::{check_submission, SubmissionProblem, SubmittedFile};
use lectern_core::sync::EventBody;
use lectern_core::{CourseId, LessonId, UserId};
use sqlx::SqliteConnection;

/// Why the assignment rules refuse an event; the text is the reason its "rejected" answer
/// gives.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(super) enum AssignmentRefusal {
    #[error("lesson {0} is not an assignment of this course")]
    NotAnAssignment(LessonId),
    /// The same whoever used the id first.
    #[error("this submission id is already in use; hand in with a new UUID")]
    SubmissionIdTaken,
    #[error("{0}")]
    Closed(SubmitRefusal),
    #[error("{0}")]
    Invalid(SubmissionProblem),
    /// The same whether the upload does not exist, is another learner's, or is for another
    /// lesson.
    #[error("\"{0}\" has not been uploaded for this assignment; upload it before handing in")]
    NotUploaded(String),
    #[error("\"{file_name}\" is not fully uploaded yet ({received_bytes} of {size_bytes} bytes)")]
    UploadIncomplete {
        file_name: String,
        received_bytes: u64,
        size_bytes: u64,
    },
    #[error(
        "\"{0}\" does not match its upload: hand it in with the name, type and size it was \
         uploaded with"
    )]
    UploadMismatch(String),
}

/// Stores `event` as a submission of `user_id` if it is an `assignment_submitted` event;
/// other kinds pass. On a refusal nothing is stored, and the refusal is the reason to reject
/// it with.
pub(super) async fn apply(
    conn: &mut SqliteConnection,
    user_id: &UserId,
    event: &LearnerEvent,
    now: Timestamp,
) -> Result<Result<(), AssignmentRefusal>, ApiError> {
    let EventBody::AssignmentSubmitted {
        submission_id,
        text,
        files,
    } = &event.body
    else {
        return Ok(Ok(()));
    };
    let not_an_assignment = || AssignmentRefusal::NotAnAssignment(event.lesson_id.clone());
    let (course, viewer) = match course_for_caller(conn, user_id, &event.course_id).await {
        Ok(found) => found,
        Err(ApiError::NotFound) => return Ok(Err(not_an_assignment())),
        Err(err) => return Err(err),
    };
    let Some(access) = assignment_in(&course, &event.lesson_id, viewer) else {
        return Ok(Err(not_an_assignment()));
    };
    let assignment = &access.assignment;
    if submissions::is_taken(&mut *conn, submission_id).await? {
        return Ok(Err(AssignmentRefusal::SubmissionIdTaken));
    }
    let before = submissions::list_for_learner(conn, &event.course_id, &event.lesson_id, user_id)
        .await?
        .len();
    if let Some(refusal) = submit_refusal(assignment, before, now) {
        return Ok(Err(AssignmentRefusal::Closed(refusal)));
    }
    let Some(lateness) = lateness(assignment, now) else {
        return Err(ApiError::Internal(
            "a submission the rules take was refused as late".into(),
        ));
    };
    if let Err(problem) = check_submission(&assignment.submission, text, files) {
        return Ok(Err(AssignmentRefusal::Invalid(problem)));
    }
    let target = UploadTarget {
        user_id,
        course_id: &event.course_id,
        lesson_id: &event.lesson_id,
    };
    for file in files {
        let upload = uploads::find(&mut *conn, &file.upload_id).await?;
        if let Err(refusal) = target.check(file, upload.as_ref()) {
            return Ok(Err(refusal));
        }
    }
    let submission = StoredSubmission {
        submission_id: submission_id.clone(),
        user_id: user_id.clone(),
        course_id: event.course_id.clone(),
        lesson_id: event.lesson_id.clone(),
        text: text.clone(),
        files: files.clone(),
        submitted_at: now,
        client_submitted_at: event.occurred_at,
        days_late: lateness.days_late,
        penalty_percent: lateness.penalty_percent,
        grade: None,
    };
    submissions::insert(conn, &submission, &event.event_id).await?;
    Ok(Ok(()))
}

/// Whose, and for which lesson, the uploads of a submission must be.
struct UploadTarget<'a> {
    user_id: &'a UserId,
    course_id: &'a CourseId,
    lesson_id: &'a LessonId,
}

impl UploadTarget<'_> {
    /// Whether `upload` is the complete upload `file` names.
    fn check(
        &self,
        file: &SubmittedFile,
        upload: Option<&StoredUpload>,
    ) -> Result<(), AssignmentRefusal> {
        let Some(upload) = upload.filter(|upload| {
            upload.user_id == *self.user_id
                && upload.course_id == *self.course_id
                && upload.lesson_id == *self.lesson_id
        }) else {
            return Err(AssignmentRefusal::NotUploaded(file.file_name.clone()));
        };
        let is_same_file = upload.file_name == file.file_name
            && upload.media_type == media_type_essence(&file.media_type)
            && upload.size_bytes == file.size_bytes;
        if !is_same_file {
            return Err(AssignmentRefusal::UploadMismatch(file.file_name.clone()));
        }
        if !upload.is_complete() {
            return Err(AssignmentRefusal::UploadIncomplete {
                file_name: file.file_name.clone(),
                received_bytes: upload.received_bytes,
                size_bytes: upload.size_bytes,
            });
        }
        Ok(())
    }
}
