//! The strings of arriving from a learning platform (LMS): the launch page. Kept apart from
//! the app's own catalog so each stays readable.

mod ar;
mod en;

use lectern_core::locale::Locale;

/// A string about LMS launches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LmsMsg {
    LaunchTitle,
    Launching,
    LaunchUsed,
    LaunchExpired,
    LaunchInvalid,
    LaunchIncomplete,
    LaunchKeyRevoked,
    LaunchUnreachable,
    /// Contains `{status}`.
    LaunchServerError,
    LaunchAgain,
    TryAgain,
    SignInInstead,
}

/// The text of `msg` in `locale`.
pub fn lms_text(locale: Locale, msg: LmsMsg) -> &'static str {
    match locale {
        Locale::En => en::text(msg),
        Locale::Ar => ar::text(msg),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    const TEMPLATES: [(LmsMsg, &[&str]); 1] = [(LmsMsg::LaunchServerError, &["status"])];

    #[wasm_bindgen_test(unsupported = test)]
    fn every_template_keeps_its_placeholders_in_every_locale() {
        crate::i18n::assert_placeholders_kept(lms_text, &TEMPLATES);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn arabic_differs_from_english() {
        for msg in [
            LmsMsg::LaunchTitle,
            LmsMsg::LaunchUsed,
            LmsMsg::LaunchExpired,
        ] {
            assert_ne!(lms_text(Locale::Ar, msg), lms_text(Locale::En, msg));
        }
    }
}
