//! What happens to a room: a user's connection joins, leaves or drops, a participant asks
//! for something ([`RoomCommand`]), or time passes ([`RoomInput::Tick`]). Who the user is
//! comes from the server (their token), never from the command.

use super::breakouts::BreakoutPlan;
use super::ids::{BreakoutRoomId, ClientMessageId, ConnectionId, PollId, QuestionId};
use super::polls::PollKind;
use crate::ids::UserId;
use jiff::SignedDuration;
use serde::{Deserialize, Serialize};

/// Largest SDP or ICE candidate relayed, in bytes.
pub const MAX_SIGNAL_BYTES: usize = 12 * 1024;

/// One input to [`super::LiveRoom::handle`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RoomInput {
    /// `user_id` (from the token) opened `connection_id`. `since_sequence` is the newest
    /// chat message the client already holds (none: it holds nothing yet).
    Joined {
        user_id: UserId,
        connection_id: ConnectionId,
        since_sequence: Option<u64>,
    },
    /// The user of `connection_id` left on purpose: their place goes at once.
    Left { connection_id: ConnectionId },
    /// `connection_id` dropped: its user keeps their place for the reconnect grace period.
    Disconnected { connection_id: ConnectionId },
    /// The user of `connection_id` asks for something.
    Command {
        connection_id: ConnectionId,
        command: RoomCommand,
    },
    /// Time passed (the server calls at [`super::LiveRoom::next_wake`]).
    Tick,
}

/// What a participant asks the room for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RoomCommand {
    SendChat {
        client_message_id: ClientMessageId,
        text: String,
    },
    RaiseHand,
    LowerHand,
    AdmitSpeaker {
        user_id: UserId,
    },
    RevokeSpeaker {
        user_id: UserId,
    },
    CreatePoll {
        question: String,
        kind: PollKind,
        options: Vec<String>,
    },
    Vote {
        poll_id: PollId,
        option_indexes: Vec<usize>,
    },
    ClosePoll {
        poll_id: PollId,
    },
    AskQuestion {
        text: String,
    },
    UpvoteQuestion {
        question_id: QuestionId,
    },
    MarkAnswered {
        question_id: QuestionId,
    },
    /// Rooms for `duration` from now (the server's now, so no client clock matters).
    OpenBreakouts {
        plan: BreakoutPlan,
        duration: SignedDuration,
    },
    CloseBreakouts,
    BroadcastToBreakouts {
        text: String,
    },
    /// Go to a breakout room, or back to the main room (none).
    VisitBreakout {
        breakout_room_id: Option<BreakoutRoomId>,
    },
    StartSession,
    EndSession,
    /// Relay WebRTC signaling to `to`, who must be one of the sender's media peers.
    RelaySignal {
        to: UserId,
        signal: Signal,
    },
}

/// WebRTC signaling, relayed as it is: the room reads none of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Signal {
    Offer { sdp: String },
    Answer { sdp: String },
    Ice { candidate: String },
}

impl Signal {
    /// The size of the opaque payload, in bytes.
    pub fn payload_bytes(&self) -> usize {
        match self {
            Signal::Offer { sdp } | Signal::Answer { sdp } => sdp.len(),
            Signal::Ice { candidate } => candidate.len(),
        }
    }
}
