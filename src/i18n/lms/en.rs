//! LMS launches in English.

use super::LmsMsg;

pub(super) fn text(msg: LmsMsg) -> &'static str {
    match msg {
        LmsMsg::LaunchTitle => "Opening your course",
        LmsMsg::Launching => "Signing you in from your learning platform…",
        LmsMsg::LaunchUsed => "This link was already used. Links from your learning platform work once: open the course again from there.",
        LmsMsg::LaunchExpired => "This link has expired. Links from your learning platform work for a few minutes: open the course again from there.",
        LmsMsg::LaunchInvalid => "This link is not valid. Open the course again from your learning platform.",
        LmsMsg::LaunchIncomplete => "This link is incomplete: part of it is missing. Open the course again from your learning platform.",
        LmsMsg::LaunchKeyRevoked => "Your learning platform can no longer open Lectern courses. Ask its administrators to connect it again.",
        LmsMsg::LaunchUnreachable => "Lectern cannot reach its server to sign you in. Check your connection and try again.",
        LmsMsg::LaunchServerError => "The server could not sign you in (status {status}). Try again in a moment.",
        LmsMsg::LaunchAgain => "Your link is still good for a few minutes.",
        LmsMsg::TryAgain => "Try again",
        LmsMsg::SignInInstead => "Sign in with a Lectern account",
    }
}
