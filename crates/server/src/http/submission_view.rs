//! A stored submission as the wire shows it: the one place a [`SubmissionView`] is built,
//! with a download path for each file and the grade with its late penalty applied.

use crate::db::submissions::{StoredGrade, StoredSubmission};
use lectern_api::v1::{
    final_score_millipoints, routes, AssignmentId, GradeView, SubmissionView, SubmittedFileView,
};

/// `submission` of an assignment worth `max_points`.
pub(super) fn submission_view(submission: &StoredSubmission, max_points: u32) -> SubmissionView {
    SubmissionView {
        submission_id: submission.submission_id.clone(),
        assignment_id: AssignmentId::new(
            submission.course_id.clone(),
            submission.lesson_id.clone(),
        ),
        text: submission.text.clone(),
        files: submission
            .files
            .iter()
            .map(|file| SubmittedFileView {
                upload_id: file.upload_id.clone(),
                file_name: file.file_name.clone(),
                media_type: file.media_type.clone(),
                size_bytes: file.size_bytes,
                download_url: routes::upload_content(&file.upload_id),
            })
            .collect(),
        submitted_at: submission.submitted_at,
        client_submitted_at: submission.client_submitted_at,
        is_late: submission.days_late > 0,
        days_late: submission.days_late,
        penalty_percent: submission.penalty_percent,
        grade: submission
            .grade
            .as_ref()
            .map(|grade| grade_view(grade, max_points, submission.penalty_percent)),
    }
}

fn grade_view(grade: &StoredGrade, max_points: u32, penalty_percent: u8) -> GradeView {
    GradeView {
        score: grade.score,
        max_points,
        final_score_millipoints: final_score_millipoints(grade.score, penalty_percent),
        feedback: grade.feedback.clone(),
        graded_at: grade.graded_at,
        grader: grade.grader_name.clone(),
        grade_version: grade.grade_version,
    }
}
