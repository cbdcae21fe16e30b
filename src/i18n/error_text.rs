//! What to tell a learner about each way a request can fail.

use super::Msg;
use crate::io::http::HttpError;

/// The heading and explanation an error view shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ErrorText {
    pub title: Msg,
    pub body: Msg,
}

/// The words for `error`. Problem details add the server's own `detail` beside these.
pub fn describe_error(error: &HttpError) -> ErrorText {
    let (title, body) = match error {
        HttpError::Unreachable(_) => (Msg::UnreachableTitle, Msg::UnreachableBody),
        HttpError::SignedOut => (Msg::SignedOutTitle, Msg::SignedOutBody),
        HttpError::NotFound => (Msg::CourseNotFoundTitle, Msg::CourseNotFoundBody),
        HttpError::InvalidCourse(_) => (Msg::InvalidCourseTitle, Msg::InvalidCourseBody),
        HttpError::Problem(problem) if problem.status == 422 => {
            (Msg::InvalidCourseTitle, Msg::InvalidCourseBody)
        }
        HttpError::Problem(_) => (Msg::ProblemTitle, Msg::UnexpectedStatusBody),
        HttpError::UnexpectedStatus(_) => (Msg::UnexpectedStatusTitle, Msg::UnexpectedStatusBody),
        HttpError::Decode(_) => (Msg::DecodeTitle, Msg::DecodeBody),
    };
    ErrorText { title, body }
}

/// One line for a failed action: the server's own words for a refusal (its `detail`), else
/// the heading for the kind of failure.
pub fn action_error_line(locale: lectern_core::locale::Locale, error: &HttpError) -> String {
    match error {
        HttpError::Problem(problem) if !problem.detail.is_empty() => problem.detail.clone(),
        other => super::text(locale, describe_error(other).title).to_owned(),
    }
}

/// What the sign-in form says when signing in fails.
pub fn sign_in_error(error: &HttpError) -> Msg {
    match error {
        _ if error.is_bad_credentials() => Msg::BadCredentials,
        HttpError::Unreachable(_) => Msg::UnreachableBody,
        _ => Msg::SignInFailed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lectern_api::v1::{ProblemDetails, ProblemType};
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test(unsupported = test)]
    fn sign_in_failures_are_told_apart() {
        let wrong = HttpError::Problem(ProblemDetails::new(ProblemType::BadCredentials, "no"));
        assert_eq!(sign_in_error(&wrong), Msg::BadCredentials);
        assert_eq!(
            sign_in_error(&HttpError::Unreachable("offline".into())),
            Msg::UnreachableBody
        );
        assert_eq!(
            sign_in_error(&HttpError::UnexpectedStatus(500)),
            Msg::SignInFailed
        );
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn each_error_has_its_own_heading() {
        let cases = [
            (
                HttpError::Unreachable("offline".into()),
                Msg::UnreachableTitle,
            ),
            (HttpError::SignedOut, Msg::SignedOutTitle),
            (HttpError::NotFound, Msg::CourseNotFoundTitle),
            (
                HttpError::Problem(ProblemDetails::new(ProblemType::InvalidCourse, "bad")),
                Msg::InvalidCourseTitle,
            ),
            (
                HttpError::Problem(ProblemDetails::new(ProblemType::Internal, "boom")),
                Msg::ProblemTitle,
            ),
            (HttpError::UnexpectedStatus(502), Msg::UnexpectedStatusTitle),
            (HttpError::Decode("eof".into()), Msg::DecodeTitle),
        ];
        for (error, title) in cases {
            assert_eq!(describe_error(&error).title, title, "{error:?}");
        }
    }
}
