//! Every string the interface shows, in every shipped locale. [`Msg`] names each string;
//! `en.rs` and `ar.rs` translate it with exhaustive matches, so a missing translation is a
//! compile error. [`I18nInjection`] carries the chosen locale through the app.

mod ar;
mod collab;
mod direction;
mod en;
mod error_text;
mod injection;
mod live;
mod lms;
mod offline;
mod player;
mod plural;
mod quiz;
mod work;

pub use collab::{collab_text, reply_count, CollabMsg};
pub use direction::content_direction;
pub use error_text::{action_error_line, describe_error, sign_in_error, ErrorText};
pub use injection::{provide_i18n, I18nInjection};
pub use live::{live_text, LiveMsg};
pub use lms::{lms_text, LmsMsg};
pub use offline::{offline_text, OfflineMsg};
pub use player::{player_text, PlayerMsg};
pub use plural::{lesson_count, plural_category, PluralCategory};
pub use quiz::{quiz_text, QuizMsg};
pub use work::{work_text, WorkMsg};

use lectern_core::{course::LessonKind, locale::Locale};

/// A string of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Msg {
    AppName,
    HomeLinkLabel,
    SkipToContent,
    LanguageLabel,
    SignedInAs,
    SignOut,
    SignInTitle,
    SignInIntro,
    Username,
    Password,
    SignInButton,
    SigningIn,
    BadCredentials,
    SignInFailed,
    Loading,
    CatalogTitle,
    CatalogEmpty,
    CatalogLabel,
    LessonsZero,
    LessonsOne,
    LessonsTwo,
    LessonsFew,
    LessonsMany,
    LessonsOther,
    CourseOutline,
    OfflineCopy,
    Breadcrumb,
    LessonNavigation,
    PreviousLesson,
    NextLesson,
    KindText,
    KindVideo,
    KindAudio,
    KindSlides,
    KindQuiz,
    KindAssignment,
    KindDiscussion,
    KindLive,
    NotFoundTitle,
    NotFoundBody,
    LessonNotFoundTitle,
    LessonNotFoundBody,
    BackToCatalog,
    UnreachableTitle,
    UnreachableBody,
    SignedOutTitle,
    SignedOutBody,
    SignInAgain,
    CourseNotFoundTitle,
    CourseNotFoundBody,
    InvalidCourseTitle,
    InvalidCourseBody,
    ProblemTitle,
    UnexpectedStatusTitle,
    /// Contains `{status}`.
    UnexpectedStatusBody,
    DecodeTitle,
    DecodeBody,
    Retry,
    SyncSynced,
    /// Contains `{count}`.
    SyncPending,
    /// Contains `{count}`.
    SyncOffline,
    /// Contains `{count}`.
    SyncFailing,
    SyncPageTitle,
    SyncPageIntro,
    SyncTryNow,
    SyncPendingHeading,
    SyncConflictsHeading,
    SyncRejectedHeading,
    SyncNone,
    SyncUnreadable,
    EventProgressed,
    EventCompleted,
    EventAttemptStarted,
    EventAnswered,
    EventAttemptSubmitted,
    EventPosted,
    EventPostEdited,
    EventPostDeleted,
    EventAssignmentSubmitted,
    ProgressNotSaved,
}

/// The text of `msg` in `locale`.
pub fn text(locale: Locale, msg: Msg) -> &'static str {
    match locale {
        Locale::En => en::text(msg),
        Locale::Ar => ar::text(msg),
    }
}

/// The message naming a lesson kind.
pub fn kind_label(kind: LessonKind) -> Msg {
    match kind {
        LessonKind::Text => Msg::KindText,
        LessonKind::Video => Msg::KindVideo,
        LessonKind::Audio => Msg::KindAudio,
        LessonKind::Slides => Msg::KindSlides,
        LessonKind::Quiz => Msg::KindQuiz,
        LessonKind::Assignment => Msg::KindAssignment,
        LessonKind::Discussion => Msg::KindDiscussion,
        LessonKind::Live => Msg::KindLive,
    }
}

/// Replaces `{name}` in a template with `value`.
pub fn fill(template: &str, name: &str, value: &str) -> String {
    template.replace(&format!("{{{name}}}"), value)
}

/// Fails unless every `{name}` of each template is in its text in every locale.
#[cfg(test)]
pub(crate) fn assert_placeholders_kept<M: Copy + std::fmt::Debug>(
    text: fn(Locale, M) -> &'static str,
    templates: &[(M, &[&str])],
) {
    for locale in Locale::ALL {
        for (msg, names) in templates {
            for name in names.iter() {
                let placeholder = format!("{{{name}}}");
                assert!(
                    text(locale, *msg).contains(&placeholder),
                    "{locale:?} {msg:?} lacks {placeholder}"
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    const TEMPLATES: [(Msg, &[&str]); 4] = [
        (Msg::UnexpectedStatusBody, &["status"]),
        (Msg::SyncPending, &["count"]),
        (Msg::SyncOffline, &["count"]),
        (Msg::SyncFailing, &["count"]),
    ];

    #[wasm_bindgen_test(unsupported = test)]
    fn every_template_keeps_its_placeholders_in_every_locale() {
        assert_placeholders_kept(text, &TEMPLATES);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn arabic_is_written_in_arabic() {
        let arabic = |s: &str| s.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c));
        for msg in [
            Msg::CatalogTitle,
            Msg::SignInTitle,
            Msg::SignOut,
            Msg::Retry,
            Msg::NotFoundTitle,
            Msg::KindVideo,
        ] {
            assert!(arabic(text(Locale::Ar, msg)), "{msg:?}");
            assert_ne!(text(Locale::Ar, msg), text(Locale::En, msg));
        }
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn fills_placeholders() {
        assert_eq!(fill("{kind} lessons", "kind", "Video"), "Video lessons");
        assert_eq!(fill("no placeholder", "kind", "Video"), "no placeholder");
    }
}
