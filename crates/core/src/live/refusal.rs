//! Why the room refused an input. A refused input changes nothing; the server tells the
//! sender (and only the sender) with the refusal's [`code`](LiveRefusal::code) and text.

use super::ids::{BreakoutRoomId, PollId, QuestionId};
use super::polls::PollKind;
use crate::ids::UserId;
use std::fmt;

/// Longest chat message, in characters.
pub const MAX_CHAT_CHARS: usize = 2_000;
/// Longest Q&A question, in characters.
pub const MAX_QUESTION_CHARS: usize = 500;
/// Longest poll question, in characters.
pub const MAX_POLL_QUESTION_CHARS: usize = 300;
/// Longest poll option, in characters.
pub const MAX_POLL_OPTION_CHARS: usize = 200;
/// Longest broadcast to the breakout rooms, in characters.
pub const MAX_BROADCAST_CHARS: usize = 2_000;

/// A text the room takes, each with its own length limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextField {
    Chat,
    Question,
    PollQuestion,
    PollOption,
    Broadcast,
}

impl TextField {
    /// The most characters the text may have.
    pub fn max_chars(self) -> usize {
        match self {
            TextField::Chat => MAX_CHAT_CHARS,
            TextField::Question => MAX_QUESTION_CHARS,
            TextField::PollQuestion => MAX_POLL_QUESTION_CHARS,
            TextField::PollOption => MAX_POLL_OPTION_CHARS,
            TextField::Broadcast => MAX_BROADCAST_CHARS,
        }
    }

    /// Checks `text`: not blank, at most [`max_chars`](Self::max_chars) characters (counted
    /// as written; nothing is trimmed).
    pub fn check(self, text: &str) -> Result<(), LiveRefusal> {
        if text.trim().is_empty() {
            return Err(LiveRefusal::BlankText(self));
        }
        let chars = text.chars().count();
        if chars > self.max_chars() {
            return Err(LiveRefusal::TextTooLong { field: self, chars });
        }
        Ok(())
    }
}

impl fmt::Display for TextField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TextField::Chat => "a chat message",
            TextField::Question => "a question",
            TextField::PollQuestion => "a poll question",
            TextField::PollOption => "a poll option",
            TextField::Broadcast => "a broadcast",
        })
    }
}

/// What only the instructor may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InstructorAction {
    StartSession,
    EndSession,
    CreatePoll,
    ClosePoll,
    AdmitSpeaker,
    RevokeSpeaker,
    OpenBreakouts,
    CloseBreakouts,
    BroadcastToBreakouts,
    VisitBreakout,
    MarkAnswered,
}

impl fmt::Display for InstructorAction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            InstructorAction::StartSession => "start the session",
            InstructorAction::EndSession => "end the session",
            InstructorAction::CreatePoll => "create a poll",
            InstructorAction::ClosePoll => "close a poll",
            InstructorAction::AdmitSpeaker => "admit a speaker",
            InstructorAction::RevokeSpeaker => "revoke a speaker",
            InstructorAction::OpenBreakouts => "open breakout rooms",
            InstructorAction::CloseBreakouts => "close breakout rooms",
            InstructorAction::BroadcastToBreakouts => "broadcast to breakout rooms",
            InstructorAction::VisitBreakout => "visit a breakout room",
            InstructorAction::MarkAnswered => "mark a question answered",
        })
    }
}

/// What only learners do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LearnerAction {
    RaiseHand,
    Vote,
    AskQuestion,
}

impl fmt::Display for LearnerAction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            LearnerAction::RaiseHand => "raise a hand",
            LearnerAction::Vote => "vote in polls",
            LearnerAction::AskQuestion => "ask questions",
        })
    }
}

/// Why an input was refused. Each names the rule it broke.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LiveRefusal {
    #[error("this connection is not in the room (it left, or a newer one replaced it)")]
    NotJoined,
    #[error("{0} is neither the session's instructor nor enrolled in the course")]
    NotEnrolled(UserId),
    #[error("only the instructor may {0}")]
    InstructorOnly(InstructorAction),
    #[error("only learners {0}")]
    LearnersOnly(LearnerAction),
    #[error("the session has not started yet")]
    NotStarted,
    #[error("the session has ended")]
    Ended,
    #[error("the session has already started")]
    AlreadyStarted,
    #[error("{0} must not be blank")]
    BlankText(TextField),
    #[error("{field} may be at most {} characters; this one has {chars}", field.max_chars())]
    TextTooLong { field: TextField, chars: usize },
    #[error("the room holds no more {0}")]
    RoomFull(&'static str),
    #[error("poll {0} is still open; close it first")]
    PollAlreadyOpen(PollId),
    #[error("poll {0} is not open")]
    PollNotOpen(PollId),
    #[error("a poll has 2 to 10 options, not {0}")]
    PollOptionCount(usize),
    #[error("a {kind} choice poll takes {}, not {chosen}", kind.choices_wanted())]
    ChoiceCount { kind: PollKind, chosen: usize },
    #[error("option {0} is not one of the poll's options")]
    NoSuchOption(usize),
    #[error("option {0} is chosen twice")]
    OptionTwice(usize),
    #[error("there is no question {0}")]
    NoSuchQuestion(QuestionId),
    #[error("you cannot upvote your own question")]
    OwnQuestion,
    #[error("you have already upvoted question {0}")]
    AlreadyUpvoted(QuestionId),
    #[error("question {0} is already answered")]
    AlreadyAnswered(QuestionId),
    #[error("{0} is not connected to the room")]
    NotPresent(UserId),
    #[error("{0} is not a learner in this room")]
    NotALearner(UserId),
    #[error("{0} is not a speaker")]
    NotASpeaker(UserId),
    #[error("breakout rooms are already open")]
    BreakoutsOpen,
    #[error("no breakout rooms are open")]
    NoBreakouts,
    #[error("{learners} learners present can be split into 2 to {learners} rooms, not {rooms}")]
    BreakoutRoomCount { rooms: usize, learners: usize },
    #[error("every breakout room needs at least one learner")]
    EmptyBreakoutRoom,
    #[error("{0} is present but not in any breakout room")]
    LearnerMissing(UserId),
    #[error("{0} is in more than one breakout room")]
    LearnerTwice(UserId),
    #[error("breakout rooms last from 1 second to 4 hours")]
    BreakoutDuration,
    #[error("there is no breakout room {0}")]
    NoSuchBreakoutRoom(BreakoutRoomId),
    #[error("you have no media connection with {0}")]
    NotAMediaPeer(UserId),
    #[error("a signaling payload may be at most {limit} bytes; this one has {bytes}")]
    SignalTooLarge { bytes: usize, limit: usize },
}

impl LiveRefusal {
    /// A stable, machine-readable name for the refusal (the wire's error `code`).
    pub fn code(&self) -> &'static str {
        match self {
            LiveRefusal::NotJoined => "not_joined",
            LiveRefusal::NotEnrolled(_) => "not_enrolled",
            LiveRefusal::InstructorOnly(_) => "instructor_only",
            LiveRefusal::LearnersOnly(_) => "learners_only",
            LiveRefusal::NotStarted => "not_started",
            LiveRefusal::Ended => "session_ended",
            LiveRefusal::AlreadyStarted => "already_started",
            LiveRefusal::BlankText(_) => "blank_text",
            LiveRefusal::TextTooLong { .. } => "text_too_long",
            LiveRefusal::RoomFull(_) => "room_full",
            LiveRefusal::PollAlreadyOpen(_) => "poll_already_open",
            LiveRefusal::PollNotOpen(_) => "poll_not_open",
            LiveRefusal::PollOptionCount(_) => "poll_option_count",
            LiveRefusal::ChoiceCount { .. } => "choice_count",
            LiveRefusal::NoSuchOption(_) => "no_such_option",
            LiveRefusal::OptionTwice(_) => "option_twice",
            LiveRefusal::NoSuchQuestion(_) => "no_such_question",
            LiveRefusal::OwnQuestion => "own_question",
            LiveRefusal::AlreadyUpvoted(_) => "already_upvoted",
            LiveRefusal::AlreadyAnswered(_) => "already_answered",
            LiveRefusal::NotPresent(_) => "not_present",
            LiveRefusal::NotALearner(_) => "not_a_learner",
            LiveRefusal::NotASpeaker(_) => "not_a_speaker",
            LiveRefusal::BreakoutsOpen => "breakouts_open",
            LiveRefusal::NoBreakouts => "no_breakouts",
            LiveRefusal::BreakoutRoomCount { .. } => "breakout_room_count",
            LiveRefusal::EmptyBreakoutRoom => "empty_breakout_room",
            LiveRefusal::LearnerMissing(_) => "learner_missing",
            LiveRefusal::LearnerTwice(_) => "learner_twice",
            LiveRefusal::BreakoutDuration => "breakout_duration",
            LiveRefusal::NoSuchBreakoutRoom(_) => "no_such_breakout_room",
            LiveRefusal::NotAMediaPeer(_) => "not_a_media_peer",
            LiveRefusal::SignalTooLarge { .. } => "signal_too_large",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_are_checked_in_characters_and_blank_ones_refused() {
        assert_eq!(TextField::Chat.check("hello"), Ok(()));
        assert_eq!(
            TextField::Chat.check(" \n\t"),
            Err(LiveRefusal::BlankText(TextField::Chat))
        );
        assert_eq!(TextField::Chat.check(&"é".repeat(MAX_CHAT_CHARS)), Ok(()));
        assert_eq!(
            TextField::Question.check(&"x".repeat(MAX_QUESTION_CHARS + 1)),
            Err(LiveRefusal::TextTooLong {
                field: TextField::Question,
                chars: MAX_QUESTION_CHARS + 1
            })
        );
    }

    #[test]
    fn refusals_name_their_rule() {
        let refusal = LiveRefusal::InstructorOnly(InstructorAction::AdmitSpeaker);
        assert_eq!(refusal.code(), "instructor_only");
        assert_eq!(
            refusal.to_string(),
            "only the instructor may admit a speaker"
        );
        let choice = LiveRefusal::ChoiceCount {
            kind: PollKind::Single,
            chosen: 2,
        };
        assert_eq!(
            choice.to_string(),
            "a single choice poll takes exactly one option, not 2"
        );
    }
}
