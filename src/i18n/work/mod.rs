//! The strings of handing work in and getting it back: assignments, grading, the calendar
//! of deadlines and the gradebook. Kept apart from the app's own catalog so each stays
//! readable.

mod ar;
mod en;

use lectern_core::locale::Locale;

/// A string about assignments, grading, the calendar or the gradebook.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WorkMsg {
    /// Contains `{time}`.
    DueAt,
    /// Contains `{distance}`.
    DueIn,
    /// Contains `{distance}`.
    OverdueBy,
    NoDueDate,
    PolicyRefuse,
    PolicyAccept,
    /// Contains `{percent}` and `{max}`.
    PolicyPenalty,
    ResubmitAllowed,
    /// Contains `{points}`.
    OutOf,
    StateNotSubmitted,
    StateSubmitted,
    StateLate,
    StateGraded,
    StatePending,
    YourAnswer,
    AddFiles,
    /// Contains `{types}`, `{count}` and `{size}`.
    FilesHint,
    /// Contains `{name}`.
    RemoveFile,
    HandIn,
    HandingIn,
    /// Contains `{name}` and `{percent}`.
    Uploading,
    FilesNeedNetwork,
    SubmissionsHeading,
    /// Contains `{time}`.
    HandedInAt,
    /// Contains `{distance}` and `{percent}`.
    LateBy,
    /// Contains `{score}` and `{max}`.
    GradeLine,
    /// Contains `{final}`.
    AfterPenalty,
    FeedbackHeading,
    /// Contains `{name}` and `{time}`.
    GradedBy,
    /// Contains `{name}`.
    Download,
    EmptySubmission,
    /// Contains `{max}`.
    TooManyFiles,
    /// Contains `{name}` and `{size}`.
    FileTooLarge,
    /// Contains `{name}`.
    TypeRefused,
    /// Contains `{name}`.
    BadFileName,
    /// Contains `{max}`.
    TextTooLong,
    TextNotTaken,
    FilesNotTaken,
    DuplicateFile,
    SaveFailed,
    GradingLink,
    GradingTitle,
    NothingToGrade,
    /// Contains `{max}`.
    ScoreLabel,
    FeedbackLabel,
    SaveGrade,
    GradeSaved,
    /// Contains `{count}`.
    SubmissionCount,
    CalendarTitle,
    CalendarLink,
    CalendarEmpty,
    ExportCalendar,
    /// Contains `{zone}`.
    TimesInZone,
    KindQuizDue,
    KindQuizCloses,
    KindAssignmentDue,
    KindLiveSession,
    Done,
    GradebookTitle,
    GradebookLink,
    ExportCsv,
    LearnerColumn,
    LessonsColumn,
    LastActivityColumn,
    /// Contains `{column}`.
    SortBy,
    NoLearners,
    NeedsReview,
    NotTeaching,
    /// Contains `{time}`.
    LiveStartsAt,
    /// Contains `{distance}`.
    LiveStartsIn,
    /// Contains `{time}`.
    LiveNow,
    /// Contains `{time}`.
    LiveEnded,
    /// Contains `{name}`.
    LiveWith,
    NextSession,
}

/// The text of `msg` in `locale`.
pub fn work_text(locale: Locale, msg: WorkMsg) -> &'static str {
    match locale {
        Locale::En => en::text(msg),
        Locale::Ar => ar::text(msg),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    const TEMPLATES: [(WorkMsg, &[&str]); 19] = [
        (WorkMsg::DueAt, &["time"]),
        (WorkMsg::DueIn, &["distance"]),
        (WorkMsg::OverdueBy, &["distance"]),
        (WorkMsg::PolicyPenalty, &["percent", "max"]),
        (WorkMsg::OutOf, &["points"]),
        (WorkMsg::FilesHint, &["types", "count", "size"]),
        (WorkMsg::RemoveFile, &["name"]),
        (WorkMsg::Uploading, &["name", "percent"]),
        (WorkMsg::HandedInAt, &["time"]),
        (WorkMsg::LateBy, &["distance", "percent"]),
        (WorkMsg::GradeLine, &["score", "max"]),
        (WorkMsg::AfterPenalty, &["final"]),
        (WorkMsg::GradedBy, &["name", "time"]),
        (WorkMsg::FileTooLarge, &["name", "size"]),
        (WorkMsg::TypeRefused, &["name"]),
        (WorkMsg::TooManyFiles, &["max"]),
        (WorkMsg::ScoreLabel, &["max"]),
        (WorkMsg::TimesInZone, &["zone"]),
        (WorkMsg::SortBy, &["column"]),
    ];

    #[wasm_bindgen_test(unsupported = test)]
    fn every_template_keeps_its_placeholders_in_every_locale() {
        crate::i18n::assert_placeholders_kept(work_text, &TEMPLATES);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn arabic_differs_from_english() {
        for msg in [
            WorkMsg::HandIn,
            WorkMsg::CalendarTitle,
            WorkMsg::GradebookTitle,
        ] {
            assert_ne!(work_text(Locale::Ar, msg), work_text(Locale::En, msg));
        }
    }
}
