//! The strings of the live classroom: the room, its link, chat, hands, polls, questions,
//! breakout rooms and attendance.

mod ar;
mod en;

use lectern_core::locale::Locale;

/// A string of the live room.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LiveMsg {
    JoinLive,
    SwitchedNotice,
    BackToWhereYouWere,
    BackToLesson,
    LinkConnecting,
    LinkOpen,
    /// Contains `{seconds}`.
    LinkRetrying,
    LinkReplaced,
    LinkPolicy,
    LinkTooLarge,
    LinkLeft,
    Reconnect,
    Leave,
    StatusScheduled,
    StatusLive,
    StatusEnded,
    RecordingLater,
    StartSession,
    EndSession,
    /// Contains `{message}`.
    Refused,
    ChatHeading,
    ChatLabel,
    ChatLabelBreakout,
    ChatSend,
    ChatEmpty,
    /// Contains `{room}`.
    ChatFromRoom,
    HandsHeading,
    RaiseHand,
    LowerHand,
    HandsEmpty,
    /// Contains `{name}`.
    Admit,
    /// Contains `{name}`.
    Revoke,
    YouMaySpeak,
    /// Contains `{names}`.
    Speakers,
    PollHeading,
    PollNone,
    PollQuestion,
    /// Contains `{n}`.
    PollOption,
    PollAddOption,
    PollSingle,
    PollMultiple,
    PollOpen,
    PollVote,
    PollVoted,
    PollClose,
    /// Contains `{voters}`.
    PollLiveTally,
    /// Contains `{voters}`.
    PollResults,
    /// Contains `{count}`.
    PollCount,
    QuestionsHeading,
    QuestionLabel,
    QuestionAsk,
    QuestionsEmpty,
    QuestionUpvote,
    /// Contains `{count}`.
    QuestionUpvotes,
    QuestionAnswered,
    QuestionMarkAnswered,
    BreakoutsHeading,
    BreakoutRooms,
    BreakoutMinutes,
    BreakoutRandom,
    BreakoutByHand,
    /// Contains `{name}`.
    BreakoutPick,
    BreakoutOpen,
    BreakoutClose,
    /// Contains `{room}`.
    BreakoutRoom,
    /// Contains `{room}`, `{names}`.
    BreakoutMembers,
    /// Contains `{room}`.
    BreakoutVisit,
    BreakoutBackToMain,
    /// Contains `{room}`, `{time}`.
    BreakoutYouAreIn,
    /// Contains `{time}`.
    BreakoutEndsAt,
    BreakoutBroadcastLabel,
    BreakoutBroadcastSend,
    /// Contains `{text}`.
    BreakoutBroadcastFrom,
    BreakoutReturned,
    PeopleHeading,
    RoleInstructor,
    Reconnecting,
    AttendanceHeading,
    AttendanceShow,
    AttendanceName,
    AttendanceFirstJoined,
    AttendanceLastLeft,
    AttendanceMinutes,
    AttendanceStillHere,
    StageHeading,
    StageWaiting,
    AudioOnly,
    ShareScreen,
    StopSharing,
    CameraOn,
    CameraOff,
    YouPreview,
    /// Contains `{name}`.
    ScreenOf,
    /// Contains `{source}`, `{reason}`.
    MediaRefused,
    SourceMicrophone,
    SourceCamera,
    SourceScreen,
    RefusalNotAllowed,
    RefusalNotFound,
    RefusalNotReadable,
    RefusalUnsupported,
    RefusalOther,
    /// Contains `{size}`.
    RecordingOn,
    RecordingWaiting,
    RecordingSaved,
    /// Contains `{error}`.
    RecordingFailed,
    WatchRecording,
}

/// The text of `msg` in `locale`.
pub fn live_text(locale: Locale, msg: LiveMsg) -> &'static str {
    match locale {
        Locale::En => en::text(msg),
        Locale::Ar => ar::text(msg),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    const TEMPLATES: [(LiveMsg, &[&str]); 22] = [
        (LiveMsg::LinkRetrying, &["seconds"]),
        (LiveMsg::Refused, &["message"]),
        (LiveMsg::ChatFromRoom, &["room"]),
        (LiveMsg::Admit, &["name"]),
        (LiveMsg::Revoke, &["name"]),
        (LiveMsg::Speakers, &["names"]),
        (LiveMsg::PollOption, &["n"]),
        (LiveMsg::PollLiveTally, &["voters"]),
        (LiveMsg::PollResults, &["voters"]),
        (LiveMsg::PollCount, &["count"]),
        (LiveMsg::QuestionUpvotes, &["count"]),
        (LiveMsg::BreakoutPick, &["name"]),
        (LiveMsg::BreakoutRoom, &["room"]),
        (LiveMsg::BreakoutMembers, &["room", "names"]),
        (LiveMsg::BreakoutVisit, &["room"]),
        (LiveMsg::BreakoutYouAreIn, &["room", "time"]),
        (LiveMsg::BreakoutBroadcastFrom, &["text"]),
        (LiveMsg::BreakoutEndsAt, &["time"]),
        (LiveMsg::ScreenOf, &["name"]),
        (LiveMsg::MediaRefused, &["source", "reason"]),
        (LiveMsg::RecordingOn, &["size"]),
        (LiveMsg::RecordingFailed, &["error"]),
    ];

    #[wasm_bindgen_test(unsupported = test)]
    fn every_template_keeps_its_placeholders_in_every_locale() {
        crate::i18n::assert_placeholders_kept(live_text, &TEMPLATES);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn arabic_differs_from_english() {
        for msg in [
            LiveMsg::JoinLive,
            LiveMsg::ChatHeading,
            LiveMsg::BreakoutsHeading,
        ] {
            assert_ne!(live_text(Locale::Ar, msg), live_text(Locale::En, msg));
        }
    }
}
