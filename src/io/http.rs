//! The LMS client: one async function per JSON API v1 endpoint. Each sends the bearer
//! token, checks the status before decoding, and maps every failure to [`HttpError`].
//! Requests are aborted when their future is dropped (a page left mid-load).

use super::server_clock;
use gloo_net::http::{Request, RequestBuilder};
use lectern_api::v1::{
    routes, CourseList, LaunchExchangeRequest, LaunchExchangeResponse, ProblemDetails, ProblemType,
    SessionResponse, SignInRequest,
};
use lectern_core::{parse_manifest, Course, CourseId, ManifestProblems};
use serde::de::DeserializeOwned;

/// Why a request did not give the answer asked for.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum HttpError {
    /// No answer at all: offline, DNS, refused connection, CORS. Keeps the browser's words.
    #[error("the server could not be reached: {0}")]
    Unreachable(String),
    /// 401: the token is missing, expired or revoked.
    #[error("the session has ended")]
    SignedOut,
    /// 404: no such thing, or not visible to this learner.
    #[error("not found")]
    NotFound,
    /// The manifest arrived but fails validation in this player.
    #[error("{0}")]
    InvalidCourse(ManifestProblems),
    /// Any other error the server explained as problem details (bad credentials included).
    #[error("{}: {}", .0.title, .0.detail)]
    Problem(ProblemDetails),
    /// An error status without problem details (a proxy's error page, say).
    #[error("the server answered with status {0}")]
    UnexpectedStatus(u16),
    /// A success status with a body this client cannot read.
    #[error("the answer could not be read: {0}")]
    Decode(String),
}

impl HttpError {
    /// Whether the server said the username or password is wrong.
    pub fn is_bad_credentials(&self) -> bool {
        matches!(self, HttpError::Problem(problem) if problem.kind() == Some(ProblemType::BadCredentials))
    }
}

/// A validated course and the manifest JSON it came from (to cache as is).
#[derive(Debug, Clone, PartialEq)]
pub struct CourseManifest {
    pub course: Course,
    pub json: String,
    /// Set when the network was down and the service worker answered with the copy it
    /// kept: when that copy was fetched (ms since the epoch).
    pub offline_copy_fetched_at_ms: Option<f64>,
}

/// The header the service worker (`public/sw.js`) puts on a kept copy it serves offline.
const OFFLINE_COPY_HEADER: &str = "lectern-offline-copy";

/// The body of a success answer, and whether it was a copy kept by the service worker.
pub(crate) struct Answer {
    pub(crate) body: String,
    pub(crate) offline_copy_fetched_at_ms: Option<f64>,
}

/// `POST /api/v1/session`: signs in.
pub async fn sign_in(request: &SignInRequest) -> Result<SessionResponse, HttpError> {
    let abort = AbortOnDrop::new();
    let request = Request::post(routes::SESSION)
        .abort_signal(abort.signal().as_ref())
        .json(request)
        .map_err(|err| HttpError::Decode(format!("could not encode the request: {err}")))?;
    decode_json(&send(request).await?)
}

/// `POST /api/v1/launches/exchange`: trades a launch token from an LMS for a session.
pub async fn exchange_launch(
    request: &LaunchExchangeRequest,
) -> Result<LaunchExchangeResponse, HttpError> {
    let abort = AbortOnDrop::new();
    let request = Request::post(routes::LAUNCH_EXCHANGE)
        .abort_signal(abort.signal().as_ref())
        .json(request)
        .map_err(|err| HttpError::Decode(format!("could not encode the request: {err}")))?;
    decode_json(&send(request).await?)
}

/// `DELETE /api/v1/session`: ends the session on the server.
pub async fn sign_out(token: &str) -> Result<(), HttpError> {
    let abort = AbortOnDrop::new();
    send(build(authorized(
        Request::delete(routes::SESSION),
        token,
        &abort,
    ))?)
    .await
    .map(drop)
}

/// `GET /api/v1/courses`: the learner's catalog.
pub async fn list_courses(token: &str) -> Result<CourseList, HttpError> {
    let abort = AbortOnDrop::new();
    decode_json(
        &send(build(authorized(
            Request::get(routes::COURSES),
            token,
            &abort,
        ))?)
        .await?,
    )
}

/// `GET /api/v1/courses/{course_id}`: one course's manifest, validated by core.
pub async fn fetch_course(token: &str, course_id: &CourseId) -> Result<CourseManifest, HttpError> {
    let abort = AbortOnDrop::new();
    let answer = send_for_answer(build(authorized(
        Request::get(&routes::course(course_id)),
        token,
        &abort,
    ))?)
    .await?;
    let json = answer.body;
    let course = parse_manifest(&json).map_err(HttpError::InvalidCourse)?;
    if &course.course_id != course_id {
        return Err(HttpError::Decode(format!(
            "asked for course {course_id}, got {}",
            course.course_id
        )));
    }
    Ok(CourseManifest {
        course,
        json,
        offline_copy_fetched_at_ms: answer.offline_copy_fetched_at_ms,
    })
}

/// `GET` a course file that is not part of the API (captions, chapters), as text.
/// Media files are public like the media they describe, so no token is sent.
pub async fn fetch_text(url: &str) -> Result<String, HttpError> {
    let abort = AbortOnDrop::new();
    let request = build(Request::get(url).abort_signal(abort.signal().as_ref()))?;
    send(request).await
}

/// Maps an answer's status (and body, for problem details) to success or an [`HttpError`].
pub fn check_status(status: u16, body: &str) -> Result<(), HttpError> {
    if (200..300).contains(&status) {
        return Ok(());
    }
    // Error bodies are problem details when the server could explain; otherwise just a status.
    let problem = serde_json::from_str::<ProblemDetails>(body).ok();
    match (status, problem) {
        // A 401 that is about what was sent, not about a session that ended.
        (401, Some(problem))
            if matches!(
                problem.kind(),
                Some(ProblemType::BadCredentials | ProblemType::LaunchRevoked)
            ) =>
        {
            Err(HttpError::Problem(problem))
        }
        (401, _) => Err(HttpError::SignedOut),
        (404, _) => Err(HttpError::NotFound),
        (_, Some(problem)) => Err(HttpError::Problem(problem)),
        (_, None) => Err(HttpError::UnexpectedStatus(status)),
    }
}

/// Decodes a success body.
pub fn decode_json<T: DeserializeOwned>(body: &str) -> Result<T, HttpError> {
    serde_json::from_str(body).map_err(|err| HttpError::Decode(err.to_string()))
}

pub(crate) fn authorized(
    builder: RequestBuilder,
    token: &str,
    abort: &AbortOnDrop,
) -> RequestBuilder {
    builder
        .header("Authorization", &format!("Bearer {token}"))
        .header("Accept", "application/json")
        .abort_signal(abort.signal().as_ref())
}

pub(crate) fn build(builder: RequestBuilder) -> Result<Request, HttpError> {
    builder
        .build()
        .map_err(|err| HttpError::Decode(format!("could not build the request: {err}")))
}

/// Sends `request` and returns the body of a success answer.
pub(crate) async fn send(request: Request) -> Result<String, HttpError> {
    send_for_answer(request).await.map(|answer| answer.body)
}

/// Sends `request` and returns the success answer.
pub(crate) async fn send_for_answer(request: Request) -> Result<Answer, HttpError> {
    let sent_at = server_clock::device_now();
    let response = request
        .send()
        .await
        .map_err(|err| HttpError::Unreachable(err.to_string()))?;
    if let Some(date) = response.headers().get("date") {
        server_clock::observe(&date, sent_at, server_clock::device_now());
    }
    let offline_copy_fetched_at_ms = response
        .headers()
        .get(OFFLINE_COPY_HEADER)
        .and_then(|value| value.parse::<f64>().ok());
    let status = response.status();
    let body = response
        .text()
        .await
        .map_err(|err| HttpError::Unreachable(err.to_string()))?;
    check_status(status, &body)?;
    Ok(Answer {
        body,
        offline_copy_fetched_at_ms,
    })
}

/// Aborts the request it guards when dropped; a no-op once the request has finished.
pub(crate) struct AbortOnDrop(Option<web_sys::AbortController>);

impl AbortOnDrop {
    pub(crate) fn new() -> Self {
        // Without AbortController (very old browsers) requests simply run to completion.
        AbortOnDrop(web_sys::AbortController::new().ok())
    }

    pub(crate) fn signal(&self) -> Option<web_sys::AbortSignal> {
        self.0.as_ref().map(web_sys::AbortController::signal)
    }
}

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        if let Some(controller) = &self.0 {
            controller.abort();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lectern_api::v1::FieldProblem;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn problem_json(kind: ProblemType) -> String {
        serde_json::to_string(&ProblemDetails::new(kind, "detail")).unwrap()
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn success_statuses_pass() {
        assert_eq!(check_status(200, ""), Ok(()));
        assert_eq!(check_status(204, ""), Ok(()));
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn wrong_password_is_not_a_lost_session() {
        let error = check_status(401, &problem_json(ProblemType::BadCredentials)).unwrap_err();
        assert!(error.is_bad_credentials());
        assert_eq!(
            check_status(401, &problem_json(ProblemType::Unauthorized)),
            Err(HttpError::SignedOut)
        );
        assert_eq!(check_status(401, "not json"), Err(HttpError::SignedOut));
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn maps_not_found_problems_and_bare_statuses() {
        assert_eq!(
            check_status(404, &problem_json(ProblemType::NotFound)),
            Err(HttpError::NotFound)
        );
        let invalid = ProblemDetails::new(ProblemType::InvalidCourse, "bad").with_errors(vec![
            FieldProblem {
                path: "$.title".into(),
                message: "\"title\" is required".into(),
            },
        ]);
        let body = serde_json::to_string(&invalid).unwrap();
        assert_eq!(check_status(422, &body), Err(HttpError::Problem(invalid)));
        assert_eq!(
            check_status(502, "<html>Bad gateway</html>"),
            Err(HttpError::UnexpectedStatus(502))
        );
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn undecodable_bodies_are_decode_errors() {
        let result: Result<CourseList, _> = decode_json("{\"courses\": 3}");
        assert!(matches!(result, Err(HttpError::Decode(_))));
    }
}
