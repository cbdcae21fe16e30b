//! An attempt as its viewer may see it: the one place an [`AttemptView`] is built. The
//! stored automatic grade gets the instructors' reviews applied, then the quiz's feedback
//! settings decide what shows to a learner; teachers see everything. No answer key is ever
//! part of a view, only outcomes and explanations.

use super::quiz_access::{quiz_id_of, QuizAccess, Viewer};
use super::ApiError;
use crate::db::attempts::{self, StoredAttempt, StoredReview};
use jiff::Timestamp;
use lectern_api::v1::{AttemptResult, AttemptStatus, AttemptView, Seed};
use lectern_core::quiz::{apply_reviews, feedback_view, FeedbackView};
use sqlx::SqliteConnection;
use std::collections::BTreeMap;

/// `attempt` with its reviews, as `access.viewer` may see it at `now`.
pub(super) async fn attempt_view(
    conn: &mut SqliteConnection,
    access: &QuizAccess,
    attempt: &StoredAttempt,
    now: Timestamp,
) -> Result<AttemptView, ApiError> {
    let reviews = attempts::reviews(&mut *conn, &attempt.attempt_id).await?;
    Ok(view(access, attempt, &reviews, now))
}

/// What of `attempt` shows to `access.viewer` at `now`, given its `reviews`.
fn view(
    access: &QuizAccess,
    attempt: &StoredAttempt,
    reviews: &[StoredReview],
    now: Timestamp,
) -> AttemptView {
    let quiz = &access.quiz;
    let result = attempt.submission.as_ref().and_then(|submission| {
        let points = reviews
            .iter()
            .map(|review| (review.question_id.clone(), review.awarded))
            .collect();
        let feedback: BTreeMap<String, String> = reviews
            .iter()
            .filter(|review| !review.feedback.trim().is_empty())
            .map(|review| (review.question_id.clone(), review.feedback.clone()))
            .collect();
        let shown = match access.viewer {
            Viewer::Learner => feedback_view(&quiz.settings, true, now),
            Viewer::Teacher => FeedbackView {
                shows_score: true,
                shows_outcomes: true,
                shows_explanations: true,
            },
        };
        let reviewed = apply_reviews(quiz, &submission.grade, &points);
        AttemptResult::shown(quiz, &reviewed, &feedback, shown)
    });
    let submission = attempt.submission.as_ref();
    AttemptView {
        attempt_id: attempt.attempt_id.clone(),
        quiz_id: quiz_id_of(attempt),
        attempt_number: attempt.attempt_number,
        seed: Seed(attempt.seed),
        started_at: attempt.started_at,
        deadline_at: attempt.deadline_at,
        status: match submission {
            Some(_) => AttemptStatus::Submitted,
            None => AttemptStatus::InProgress,
        },
        answers: attempt.answers.clone(),
        submitted_at: submission.map(|s| s.submitted_at),
        client_submitted_at: submission.and_then(|s| s.client_submitted_at),
        is_late: submission.is_some_and(|s| s.is_late),
        has_ignored_late_answers: submission.is_some_and(|s| s.has_ignored_late_answers),
        late_copy_of: attempt.late_copy_of.clone(),
        result,
    }
}
