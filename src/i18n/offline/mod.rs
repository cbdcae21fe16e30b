//! The strings of offline use: downloads, the downloads page, storage space and the new
//! version prompt. Kept apart from the app's own catalog so each stays readable.

mod ar;
mod en;

use lectern_core::locale::Locale;

/// A string about offline use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OfflineMsg {
    DownloadCourse,
    DownloadLesson,
    Downloading,
    Paused,
    AvailableOffline,
    LessonAvailableOffline,
    /// Contains `{done}` and `{total}` (sizes).
    BytesOf,
    /// Contains `{done}` and `{total}`.
    FilesOf,
    DownloadProgress,
    Pause,
    Resume,
    Cancel,
    Remove,
    RemoveLesson,
    TryAgain,
    /// Contains `{needed}` and `{free}` (sizes).
    FailedNoSpace,
    FailedStorageFull,
    FailedOffline,
    /// Contains `{status}`.
    FailedServer,
    FailedBadAnswer,
    FailedStorage,
    DownloadsTitle,
    DownloadsIntro,
    DownloadsEmpty,
    DownloadsUnavailable,
    /// Contains `{used}` and `{free}` (sizes).
    SpaceUsed,
    SpaceUnknown,
    Persisted,
    NotPersisted,
    /// Contains `{size}`.
    CourseSize,
    /// Contains `{count}`.
    LessonsKept,
    DownloadsLink,
    UpdateReady,
    UpdateReload,
    MemoryOnlyUnavailable,
    MemoryOnlyBlocked,
    /// Contains `{count}`.
    MemoryWaiting,
}

/// The text of `msg` in `locale`.
pub fn offline_text(locale: Locale, msg: OfflineMsg) -> &'static str {
    match locale {
        Locale::En => en::text(msg),
        Locale::Ar => ar::text(msg),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    const TEMPLATES: [(OfflineMsg, &[&str]); 8] = [
        (OfflineMsg::MemoryWaiting, &["count"]),
        (OfflineMsg::BytesOf, &["done", "total"]),
        (OfflineMsg::FilesOf, &["done", "total"]),
        (OfflineMsg::FailedNoSpace, &["needed", "free"]),
        (OfflineMsg::FailedServer, &["status"]),
        (OfflineMsg::SpaceUsed, &["used", "free"]),
        (OfflineMsg::CourseSize, &["size"]),
        (OfflineMsg::LessonsKept, &["count"]),
    ];

    #[wasm_bindgen_test(unsupported = test)]
    fn every_template_keeps_its_placeholders_in_every_locale() {
        crate::i18n::assert_placeholders_kept(offline_text, &TEMPLATES);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn arabic_differs_from_english() {
        for msg in [
            OfflineMsg::DownloadCourse,
            OfflineMsg::Pause,
            OfflineMsg::UpdateReady,
        ] {
            assert_ne!(offline_text(Locale::Ar, msg), offline_text(Locale::En, msg));
        }
    }
}
