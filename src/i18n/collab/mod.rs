//! The strings of working together: discussions (threads, replies, moderation), the inbox
//! and announcements. Kept apart from the app's own catalog so each stays readable.

mod ar;
mod en;

use super::{plural_category, PluralCategory};
use lectern_core::locale::Locale;

/// A string about discussions, the inbox or announcements.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CollabMsg {
    ThreadsHeading,
    CourseThreadsHeading,
    CourseThreadsLink,
    NoThreads,
    NewThreadHeading,
    TitleLabel,
    BodyLabel,
    BodyHint,
    PostThread,
    PostReply,
    Posting,
    Reply,
    Edit,
    SaveEdit,
    Cancel,
    Delete,
    ConfirmDelete,
    Pending,
    PendingHint,
    /// Contains `{reason}`.
    Refused,
    RepliesOne,
    RepliesOther,
    /// Contains `{count}`.
    NewReplies,
    NewBadge,
    Pinned,
    Answered,
    AnswerBadge,
    InstructorBadge,
    Hidden,
    Deleted,
    /// Contains `{time}`.
    Edited,
    /// Contains `{name}` and `{time}`.
    Byline,
    Pin,
    Unpin,
    MarkAnswer,
    UnmarkAnswer,
    Hide,
    Unhide,
    Moderation,
    /// Contains `{error}`.
    ActionFailed,
    BackToDiscussion,
    ThreadNotFound,
    ThreadsUnavailable,
    EmptyBody,
    EmptyTitle,
    /// Contains `{max}`.
    TooLong,
    SaveFailed,
    InboxTitle,
    /// Contains `{count}`.
    InboxLink,
    InboxEmpty,
    MarkAllRead,
    Unread,
    /// Contains `{name}` and `{title}`.
    NotifyReply,
    /// Contains `{title}`.
    NotifyGraded,
    /// Contains `{title}`.
    NotifyAnnouncement,
    /// Contains `{title}`.
    NotifyLiveSoon,
    /// Contains `{title}`.
    NotifyRecordingReady,
    AnnouncementsHeading,
    AnnouncementsLink,
    NoAnnouncements,
    NewAnnouncement,
    Announce,
    /// Contains `{count}`.
    Announced,
}

/// The text of `msg` in `locale`.
pub fn collab_text(locale: Locale, msg: CollabMsg) -> &'static str {
    match locale {
        Locale::En => en::text(msg),
        Locale::Ar => ar::text(msg),
    }
}

/// "3 replies", in `locale`.
pub fn reply_count(locale: Locale, n: u64) -> String {
    let msg = match plural_category(locale, n) {
        PluralCategory::One => CollabMsg::RepliesOne,
        _ => CollabMsg::RepliesOther,
    };
    collab_text(locale, msg).replace("{count}", &n.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    const TEMPLATES: [(CollabMsg, &[&str]); 12] = [
        (CollabMsg::Refused, &["reason"]),
        (CollabMsg::NewReplies, &["count"]),
        (CollabMsg::Edited, &["time"]),
        (CollabMsg::Byline, &["name", "time"]),
        (CollabMsg::ActionFailed, &["error"]),
        (CollabMsg::TooLong, &["max"]),
        (CollabMsg::InboxLink, &["count"]),
        (CollabMsg::NotifyReply, &["name", "title"]),
        (CollabMsg::NotifyGraded, &["title"]),
        (CollabMsg::NotifyAnnouncement, &["title"]),
        (CollabMsg::Announced, &["count"]),
        (CollabMsg::NotifyRecordingReady, &["title"]),
    ];

    #[wasm_bindgen_test(unsupported = test)]
    fn every_template_keeps_its_placeholders_in_every_locale() {
        crate::i18n::assert_placeholders_kept(collab_text, &TEMPLATES);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn reply_counts_read_naturally() {
        assert_eq!(reply_count(Locale::En, 1), "1 reply");
        assert_eq!(reply_count(Locale::En, 3), "3 replies");
        assert_ne!(reply_count(Locale::Ar, 3), reply_count(Locale::En, 3));
    }
}
