//! The quiz endpoints of the LMS client: one function per endpoint, like [`super::http`],
//! whose sending, status checks and errors they share.

use super::http::{authorized, build, decode_json, send, AbortOnDrop, HttpError};
use gloo_net::http::{Request, RequestBuilder};
use lectern_api::v1::{
    routes, AttemptId, AttemptList, AttemptView, QuizId, ReviewRequest, SaveAnswersRequest,
    StartAttemptRequest, SubmissionList, SubmitAttemptRequest,
};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// `POST /api/v1/quizzes/{quiz_id}/attempts`: starts (or, for a known id, returns) an
/// attempt.
pub async fn start_attempt(
    token: &str,
    quiz_id: &QuizId,
    request: &StartAttemptRequest,
) -> Result<AttemptView, HttpError> {
    send_json(
        Request::post(&routes::quiz_attempts(quiz_id)),
        token,
        request,
    )
    .await
}

/// `GET /api/v1/quizzes/{quiz_id}/attempts`: the learner's attempts.
pub async fn list_attempts(token: &str, quiz_id: &QuizId) -> Result<AttemptList, HttpError> {
    get_json(&routes::quiz_attempts(quiz_id), token).await
}

/// `PUT /api/v1/attempts/{attempt_id}/answers`: saves answers as they change.
pub async fn save_answers(
    token: &str,
    attempt_id: &AttemptId,
    request: &SaveAnswersRequest,
) -> Result<AttemptView, HttpError> {
    send_json(
        Request::put(&routes::attempt_answers(attempt_id)),
        token,
        request,
    )
    .await
}

/// `POST /api/v1/attempts/{attempt_id}/submit`: submits; repeating it changes nothing.
pub async fn submit_attempt(
    token: &str,
    attempt_id: &AttemptId,
    request: &SubmitAttemptRequest,
) -> Result<AttemptView, HttpError> {
    send_json(
        Request::post(&routes::attempt_submit(attempt_id)),
        token,
        request,
    )
    .await
}

/// `GET /api/v1/quizzes/{quiz_id}/submissions`: every learner's attempts (instructors).
pub async fn list_submissions(token: &str, quiz_id: &QuizId) -> Result<SubmissionList, HttpError> {
    get_json(&routes::quiz_submissions(quiz_id), token).await
}

/// `PUT /api/v1/attempts/{attempt_id}/reviews/{question_id}`: an instructor's points and
/// feedback for one answer.
pub async fn review_answer(
    token: &str,
    attempt_id: &AttemptId,
    question_id: &str,
    request: &ReviewRequest,
) -> Result<AttemptView, HttpError> {
    let path = routes::attempt_review(attempt_id, question_id);
    send_json(Request::put(&path), token, request).await
}

async fn get_json<T: DeserializeOwned>(path: &str, token: &str) -> Result<T, HttpError> {
    let abort = AbortOnDrop::new();
    decode_json(&send(build(authorized(Request::get(path), token, &abort))?).await?)
}

async fn send_json<B: Serialize, T: DeserializeOwned>(
    builder: RequestBuilder,
    token: &str,
    body: &B,
) -> Result<T, HttpError> {
    let abort = AbortOnDrop::new();
    let request = authorized(builder, token, &abort)
        .json(body)
        .map_err(|err| HttpError::Decode(format!("could not encode the request: {err}")))?;
    decode_json(&send(request).await?)
}
