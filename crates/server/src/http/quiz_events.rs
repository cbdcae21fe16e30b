//! Quiz events from a device's outbox, applied to the caller's attempts by the quiz
//! endpoints' own rules (the same functions run, at the server's time):
//! - `attempt_started` starts a practice attempt with the device's seed, or finds it again;
//! - `answered` saves one answer into an attempt in progress;
//! - `attempt_submitted` submits an attempt with its answers, as the submit endpoint does.
//!
//! The event must be for a quiz lesson the caller is enrolled in, and name the caller's own
//! attempt at that quiz. What the rules refuse is a [`QuizEventRefusal`], the reason the
//! event is rejected with; nothing it did is kept, as it runs in a savepoint that is then
//! rolled back. An answer for an attempt that takes no more answers is kept for the record
//! only: the submission that follows keeps late answers apart.

use super::attempts::save_answers_in_progress;
use super::quiz_access::{own_stored_attempt, quiz_for_caller, quiz_id_of, QuizAccess};
use super::quizzes::start_or_resume;
use super::submission::submit_answers;
use super::ApiError;
use crate::db::attempts::StoredAttempt;
use jiff::Timestamp;
use lectern_api::v1::{
    AttemptId, FieldProblem, LearnerEvent, QuizId, Seed, StartAttemptRequest, SubmitAttemptRequest,
};
use lectern_core::quiz::{Answer, StartRefusal};
use lectern_core::sync::EventBody;
use lectern_core::{LessonId, UserId};
use sqlx::{Connection, SqliteConnection};
use std::collections::BTreeMap;

/// Why the quiz rules refuse an event; the text is the reason its "rejected" answer gives.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(super) enum QuizEventRefusal {
    #[error("lesson {0} is not a quiz of this course")]
    NotAQuiz(LessonId),
    #[error(
        "this quiz is graded, and a graded attempt is started online, by the server; only a \
         practice attempt can start on a device"
    )]
    GradedStart,
    #[error(
        "another attempt at this quiz is in progress ({0}); it must be submitted before \
         another one starts"
    )]
    AnotherInProgress(AttemptId),
    #[error("the quiz takes no new attempt: {0}")]
    StartRefused(StartRefusal),
    #[error("this attempt id is already in use; start the attempt with a new UUID")]
    AttemptIdTaken,
    /// The same whether the attempt does not exist or is another learner's.
    #[error("no attempt with this id is yours")]
    NotYourAttempt,
    #[error("attempt {0} is an attempt at another quiz than this lesson")]
    AttemptOfAnotherQuiz(AttemptId),
    #[error("answers that do not fit their questions, so nothing is saved: {}", problem_list(.0))]
    InvalidAnswers(Vec<FieldProblem>),
    /// Any other refusal of the quiz rules, as the error says it.
    #[error("{0}")]
    Refused(String),
}

/// `path: message` for each problem, in order.
fn problem_list(problems: &[FieldProblem]) -> String {
    let listed: Vec<String> = problems
        .iter()
        .map(|problem| format!("{}: {}", problem.path, problem.message))
        .collect();
    listed.join("; ")
}

/// Why applying an event stopped: a refusal rejects the event, a server error fails the
/// whole batch.
#[derive(Debug)]
enum Failure {
    Refused(QuizEventRefusal),
    Server(ApiError),
}

impl From<QuizEventRefusal> for Failure {
    fn from(refusal: QuizEventRefusal) -> Self {
        Failure::Refused(refusal)
    }
}

/// What the client sent is refused; what failed on the server stays an error.
impl From<ApiError> for Failure {
    fn from(err: ApiError) -> Self {
        let refusal = match err {
            ApiError::Database(_) | ApiError::Internal(_) => return Failure::Server(err),
            ApiError::StartRefused(refusal) => QuizEventRefusal::StartRefused(refusal),
            ApiError::AttemptIdTaken => QuizEventRefusal::AttemptIdTaken,
            ApiError::InvalidAnswers(problems) => QuizEventRefusal::InvalidAnswers(problems),
            other => QuizEventRefusal::Refused(other.to_string()),
        };
        Failure::Refused(refusal)
    }
}

/// `refusal` if `err` is "not found", else `err` as it is.
fn not_found_as(refusal: QuizEventRefusal) -> impl FnOnce(ApiError) -> Failure {
    move |err| match err {
        ApiError::NotFound => Failure::Refused(refusal),
        other => other.into(),
    }
}

/// Applies `event` to `user_id`'s attempts if it is a quiz event; other kinds pass. On a
/// refusal nothing it did is kept, and the refusal is the reason to reject it with.
pub(super) async fn apply(
    conn: &mut SqliteConnection,
    user_id: &UserId,
    event: &LearnerEvent,
    now: Timestamp,
) -> Result<Result<(), QuizEventRefusal>, ApiError> {
    if !matches!(
        event.body,
        EventBody::AttemptStarted { .. }
            | EventBody::Answered { .. }
            | EventBody::AttemptSubmitted { .. }
    ) {
        return Ok(Ok(()));
    }
    let mut savepoint = conn.begin().await?;
    match apply_quiz_event(&mut savepoint, user_id, event, now).await {
        Ok(()) => {
            savepoint.commit().await?;
            Ok(Ok(()))
        }
        Err(Failure::Refused(refusal)) => {
            savepoint.rollback().await?;
            Ok(Err(refusal))
        }
        Err(Failure::Server(err)) => Err(err),
    }
}

async fn apply_quiz_event(
    conn: &mut SqliteConnection,
    user_id: &UserId,
    event: &LearnerEvent,
    now: Timestamp,
) -> Result<(), Failure> {
    let quiz_id = QuizId::new(event.course_id.clone(), event.lesson_id.clone());
    let access = quiz_for_caller(conn, user_id, &quiz_id)
        .await
        .map_err(not_found_as(QuizEventRefusal::NotAQuiz(
            event.lesson_id.clone(),
        )))?;
    match &event.body {
        EventBody::Progressed { .. }
        | EventBody::Completed
        | EventBody::Posted { .. }
        | EventBody::PostEdited { .. }
        | EventBody::PostDeleted { .. }
        | EventBody::AssignmentSubmitted { .. } => Ok(()),
        EventBody::AttemptStarted { attempt_id, seed } => {
            let request = StartAttemptRequest {
                attempt_id: attempt_id_of(attempt_id)?,
                seed: Some(Seed(*seed)),
            };
            start_practice(conn, &access, user_id, &request, now).await
        }
        EventBody::Answered {
            attempt_id,
            question_id,
            answer,
        } => {
            let attempt = own_attempt_at(conn, &access, user_id, attempt_id).await?;
            let answers = BTreeMap::from([(question_id.clone(), answer.clone())]);
            save_answer(conn, &access, attempt, answers, now).await
        }
        EventBody::AttemptSubmitted {
            attempt_id,
            answers,
        } => {
            let attempt = own_attempt_at(conn, &access, user_id, attempt_id).await?;
            let request = SubmitAttemptRequest {
                answers: answers.clone(),
                client_submitted_at: Some(event.occurred_at),
            };
            submit_answers(conn, &access.quiz, attempt, &request, now).await?;
            Ok(())
        }
    }
}

/// Starts the practice attempt `request` names, or finds it again; never resumes another.
async fn start_practice(
    conn: &mut SqliteConnection,
    access: &QuizAccess,
    user_id: &UserId,
    request: &StartAttemptRequest,
    now: Timestamp,
) -> Result<(), Failure> {
    if access.quiz.settings.is_graded {
        return Err(QuizEventRefusal::GradedStart.into());
    }
    let (_status, attempt) = start_or_resume(conn, access, user_id, request, now).await?;
    if attempt.attempt_id != request.attempt_id {
        return Err(QuizEventRefusal::AnotherInProgress(attempt.attempt_id).into());
    }
    Ok(())
}

/// Saves one answer; an attempt that takes no more answers keeps the event for the record
/// only (it is closed at its deadline if its time ran out).
async fn save_answer(
    conn: &mut SqliteConnection,
    access: &QuizAccess,
    attempt: StoredAttempt,
    answers: BTreeMap<String, Answer>,
    now: Timestamp,
) -> Result<(), Failure> {
    match save_answers_in_progress(conn, &access.quiz, attempt, answers, now).await {
        Ok(_) | Err(ApiError::AttemptClosed { .. }) => Ok(()),
        Err(ApiError::InvalidAnswers(problems)) => {
            // The event holds its one answer at `$.answer`.
            let problems = problems
                .into_iter()
                .map(|problem| FieldProblem {
                    path: "$.answer".into(),
                    ..problem
                })
                .collect();
            Err(QuizEventRefusal::InvalidAnswers(problems).into())
        }
        Err(err) => Err(err.into()),
    }
}

/// The caller's own attempt `raw_attempt_id` at the quiz of `access`.
async fn own_attempt_at(
    conn: &mut SqliteConnection,
    access: &QuizAccess,
    user_id: &UserId,
    raw_attempt_id: &str,
) -> Result<StoredAttempt, Failure> {
    let attempt_id = attempt_id_of(raw_attempt_id)?;
    let attempt = own_stored_attempt(conn, user_id, &attempt_id)
        .await
        .map_err(not_found_as(QuizEventRefusal::NotYourAttempt))?;
    if quiz_id_of(&attempt) != access.quiz_id {
        return Err(QuizEventRefusal::AttemptOfAnotherQuiz(attempt_id).into());
    }
    Ok(attempt)
}

/// The attempt id of an event (its checks made sure it is a UUID).
fn attempt_id_of(raw: &str) -> Result<AttemptId, QuizEventRefusal> {
    AttemptId::parse(raw).map_err(|err| QuizEventRefusal::Refused(err.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_errors_are_refusals_and_server_errors_fail_the_batch() {
        let database = Failure::from(ApiError::Database(sqlx::Error::PoolTimedOut));
        assert!(matches!(database, Failure::Server(ApiError::Database(_))));
        let internal = Failure::from(ApiError::Internal("secret".into()));
        assert!(matches!(internal, Failure::Server(ApiError::Internal(_))));
        let Failure::Refused(refused) =
            Failure::from(ApiError::StartRefused(StartRefusal::AttemptLimitReached {
                limit: 3,
            }))
        else {
            panic!("a refused start is the client's");
        };
        assert_eq!(
            refused.to_string(),
            "the quiz takes no new attempt: all 3 attempts have been used"
        );
        let Failure::Refused(invalid) = Failure::from(ApiError::InvalidAnswers(vec![
            FieldProblem {
                path: "$.answers.a".into(),
                message: "not a question of this attempt".into(),
            },
            FieldProblem {
                path: "$.answers.b".into(),
                message: "too long".into(),
            },
        ])) else {
            panic!("answers that do not fit are the client's");
        };
        assert_eq!(
            invalid.to_string(),
            "answers that do not fit their questions, so nothing is saved: $.answers.a: not a \
             question of this attempt; $.answers.b: too long"
        );
    }
}
