//! What a room tells its participants: each event with its audience, already resolved to
//! the connections to send it on, so the server only routes. Private things have narrow
//! audiences: a poll's tally goes to the instructor until the poll closes, a breakout's chat
//! to its members and the instructor, signaling to its one target.

use super::breakouts::{BreakoutsView, Broadcast};
use super::chat::ChatMessage;
use super::hands::RaisedHand;
use super::ids::{BreakoutRoomId, ConnectionId, LiveSessionId, PollId, QuestionId};
use super::input::Signal;
use super::participants::{LiveRole, ParticipantView};
use super::polls::{PollResults, PollTally, PollView};
use super::questions::QuestionView;
use crate::ids::UserId;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// Most chat messages in one [`RoomEvent::ChatHistory`]; longer histories come in several.
pub const CHAT_HISTORY_PAGE: usize = 100;

/// Who an event is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Audience {
    /// Every connected participant.
    Everyone,
    /// One user, on their current connection.
    User(UserId),
    /// One connection (an old one being replaced).
    Connection(ConnectionId),
    Instructor,
    /// A breakout room's members, and the instructor.
    Breakout(BreakoutRoomId),
}

/// An event and where it goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outgoing {
    pub audience: Audience,
    /// The audience's connections when the event was made.
    pub connections: Vec<ConnectionId>,
    pub event: RoomEvent,
}

/// Where a participant is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "room", rename_all = "snake_case")]
pub enum RoomLocation {
    Main,
    Breakout { breakout_room_id: BreakoutRoomId },
}

/// Where a session is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SessionStatus {
    Scheduled,
    Live,
    Ended,
}

/// The room as one participant may see it, sent when they (re)join. Chat history follows
/// in [`RoomEvent::ChatHistory`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoomSnapshot {
    pub session_id: LiveSessionId,
    pub status: SessionStatus,
    pub starts_at: Timestamp,
    pub ends_at: Timestamp,
    pub you: UserId,
    pub your_role: LiveRole,
    pub your_location: RoomLocation,
    pub participants: Vec<ParticipantView>,
    pub hand_queue: Vec<RaisedHand>,
    pub speakers: Vec<UserId>,
    /// With its tally for the instructor only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub open_poll: Option<PollView>,
    /// Your vote in the open poll.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub your_vote: Option<Vec<usize>>,
    pub closed_polls: Vec<PollResults>,
    /// In display order.
    pub questions: Vec<QuestionView>,
    pub your_upvotes: Vec<QuestionId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub breakouts: Option<BreakoutsView>,
    /// The room's newest chat sequence number (0: no chat yet).
    pub last_chat_sequence: u64,
}

/// Something a participant is told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RoomEvent {
    Snapshot(Box<RoomSnapshot>),
    /// Messages the client lacked, oldest first.
    ChatHistory(Vec<ChatMessage>),
    ChatPosted(ChatMessage),
    /// Joined, or connected or disconnected again.
    ParticipantChanged(ParticipantView),
    ParticipantLeft {
        user_id: UserId,
    },
    /// A newer connection of the same user took over: close this one.
    ConnectionReplaced,
    HandQueueChanged(Vec<RaisedHand>),
    SpeakersChanged(Vec<UserId>),
    /// Without the tally (for everyone).
    PollOpened(PollView),
    /// The live tally, for the instructor.
    PollTallied {
        poll_id: PollId,
        tally: PollTally,
    },
    /// The voter's own vote, as stored.
    VoteRecorded {
        poll_id: PollId,
        option_indexes: Vec<usize>,
    },
    PollClosed(PollResults),
    QuestionAsked(QuestionView),
    QuestionChanged(QuestionView),
    BreakoutsOpened(BreakoutsView),
    /// A late joiner was placed, someone left a room, or the instructor moved.
    BreakoutsChanged(BreakoutsView),
    BreakoutsClosed,
    BreakoutBroadcast(Broadcast),
    SessionStarted {
        at: Timestamp,
    },
    SessionEnded {
        at: Timestamp,
    },
    SignalRelayed {
        from: UserId,
        signal: Signal,
    },
}
