//! The live room's wire messages: versioned JSON text frames over the session's WebSocket
//! ([`LIVE_ROOM_SOCKET`]). Who is speaking comes from the token the socket was opened with,
//! never from a message; the newest chat sequence the client holds comes in the socket's
//! query ([`JoinQuery`]), so the server can send exactly the chat it lacks.
//!
//! Every frame is a JSON object with `"v": 1` and a `"type"`; a frame of another version is
//! refused, unknown fields are ignored. A client frame may be at most [`MAX_MESSAGE_BYTES`];
//! [`parse_client_message`] refuses anything larger, malformed or of an unknown version with
//! a [`WireError`] (it never panics). The room's rules are the core's
//! ([`lectern_core::live`]): a [`ClientMessage`] becomes a [`RoomInput`], and each
//! [`RoomEvent`] the room puts out becomes a [`ServerMessage`].
//!
//! The session's recording is uploaded over HTTP, not the socket (`recording`).

mod ice;
mod recording;

pub use ice::IceServer;
use jiff::{SignedDuration, Timestamp};
pub use lectern_core::live::{
    BreakoutPlan, BreakoutRoomId, BreakoutsView, Broadcast, ChatMessage, ClientMessageId, LiveRole,
    ParticipantView, PollId, PollKind, PollResults, PollTally, PollView, QuestionId, QuestionView,
    RaisedHand, RoomLocation, RoomSnapshot, SessionStatus, MAX_SIGNAL_BYTES,
};
use lectern_core::live::{ConnectionId, LiveRefusal, RoomCommand, RoomEvent, RoomInput, Signal};
use lectern_core::UserId;
pub use recording::{
    CompleteRecording, RecordingStatus, MAX_RECORDING_BYTES, MAX_RECORDING_CHUNK_BYTES,
    MAX_RECORDING_SECONDS, RECORDING_MEDIA_TYPES,
};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// The wire version these messages are.
pub const LIVE_VERSION: u64 = 1;
/// Largest client frame, in bytes.
pub const MAX_MESSAGE_BYTES: usize = 16 * 1024;
/// Largest server frame a client reads, in bytes (a snapshot or a page of chat history).
pub const MAX_SERVER_MESSAGE_BYTES: usize = 4 * 1024 * 1024;
/// The room's WebSocket, per live session (`{course_id}.{lesson_id}`).
pub const LIVE_ROOM_SOCKET: &str = "/api/v1/live/{session_id}/ws";
/// The WebSocket subprotocol of these messages; a browser offers its token beside it as
/// `bearer.<token>` (it cannot set headers on a WebSocket), and the server answers with
/// this one alone.
pub const LIVE_SUBPROTOCOL: &str = "lectern.v1";
/// The prefix of the subprotocol that carries the bearer token.
pub const BEARER_SUBPROTOCOL_PREFIX: &str = "bearer.";
/// Longest piece of serde's own text kept in a [`WireError`].
const MAX_ERROR_DETAIL_CHARS: usize = 200;

/// The query of [`LIVE_ROOM_SOCKET`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct JoinQuery {
    /// The newest chat sequence the client holds; none for a first join.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since_sequence: Option<u64>,
}

/// `GET` [`super::routes::LIVE_ATTENDANCE`]: every stay in the room, by user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveAttendance {
    pub session_id: lectern_core::live::LiveSessionId,
    pub attendance: Vec<lectern_core::live::AttendanceRecord>,
}

/// What a participant's client sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ClientMessage {
    Chat {
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
    PollCreate {
        question: String,
        kind: PollKind,
        options: Vec<String>,
    },
    PollVote {
        poll_id: PollId,
        option_indexes: Vec<usize>,
    },
    PollClose {
        poll_id: PollId,
    },
    QuestionAsk {
        text: String,
    },
    QuestionUpvote {
        question_id: QuestionId,
    },
    QuestionMarkAnswered {
        question_id: QuestionId,
    },
    /// Rooms for `duration_seconds` from the server's now.
    BreakoutOpen {
        plan: BreakoutPlan,
        duration_seconds: u32,
    },
    BreakoutClose,
    BreakoutBroadcast {
        text: String,
    },
    /// To a breakout room, or back to the main room (no id).
    BreakoutVisit {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        breakout_room_id: Option<BreakoutRoomId>,
    },
    SessionStart,
    SessionEnd,
    Offer {
        to: UserId,
        sdp: String,
    },
    Answer {
        to: UserId,
        sdp: String,
    },
    Ice {
        to: UserId,
        candidate: String,
    },
    /// Leaving on purpose (closing the socket without it is a dropped connection).
    Leave,
}

/// What the server sends a participant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ServerMessage {
    /// The room as you may see it, on every (re)join.
    Snapshot(Box<RoomSnapshot>),
    /// Chat you lacked, oldest first (several frames for a long history).
    ChatHistory {
        messages: Vec<ChatMessage>,
    },
    Chat(ChatMessage),
    ParticipantChanged(ParticipantView),
    ParticipantLeft {
        user_id: UserId,
    },
    /// Another connection of yours took over; this one is closed next.
    ConnectionReplaced,
    /// How to reach the others' media; sent before every snapshot.
    IceServers {
        ice_servers: Vec<IceServer>,
    },
    HandQueueChanged {
        hand_queue: Vec<RaisedHand>,
    },
    SpeakersChanged {
        speakers: Vec<UserId>,
    },
    PollOpened(PollView),
    /// The live tally (the instructor only).
    PollTally {
        poll_id: PollId,
        tally: PollTally,
    },
    VoteRecorded {
        poll_id: PollId,
        option_indexes: Vec<usize>,
    },
    PollClosed(PollResults),
    QuestionAsked(QuestionView),
    QuestionChanged(QuestionView),
    BreakoutsOpened(BreakoutsView),
    BreakoutsChanged(BreakoutsView),
    BreakoutsEnded,
    BreakoutBroadcast(Broadcast),
    SessionStarted {
        at: Timestamp,
    },
    SessionEnded {
        at: Timestamp,
    },
    Offer {
        from: UserId,
        sdp: String,
    },
    Answer {
        from: UserId,
        sdp: String,
    },
    Ice {
        from: UserId,
        candidate: String,
    },
    /// Your last message was refused (or unreadable); nothing changed.
    Error {
        code: String,
        message: String,
    },
}

/// Why a frame could not be read or written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WireError {
    #[error("a message may be at most {limit} bytes; this one has {bytes}")]
    TooLarge { bytes: usize, limit: usize },
    #[error("not JSON: {0}")]
    NotJson(String),
    #[error("a message is a JSON object")]
    NotAnObject,
    #[error("the message has no version (\"v\")")]
    MissingVersion,
    #[error("version {0} is not spoken here (this is version {LIVE_VERSION})")]
    UnsupportedVersion(String),
    #[error("not a valid message: {0}")]
    Invalid(String),
    #[error("could not write the message: {0}")]
    Unencodable(String),
}

impl WireError {
    /// A stable, machine-readable name (the `code` of [`ServerMessage::Error`]).
    pub fn code(&self) -> &'static str {
        match self {
            WireError::TooLarge { .. } => "too_large",
            WireError::NotJson(_) => "not_json",
            WireError::NotAnObject => "not_an_object",
            WireError::MissingVersion => "missing_version",
            WireError::UnsupportedVersion(_) => "unsupported_version",
            WireError::Invalid(_) => "invalid_message",
            WireError::Unencodable(_) => "unencodable",
        }
    }
}

/// Reads a client frame: at most [`MAX_MESSAGE_BYTES`], version 1.
pub fn parse_client_message(raw: &str) -> Result<ClientMessage, WireError> {
    parse_versioned(raw, MAX_MESSAGE_BYTES)
}

/// Reads a server frame: at most [`MAX_SERVER_MESSAGE_BYTES`], version 1.
pub fn parse_server_message(raw: &str) -> Result<ServerMessage, WireError> {
    parse_versioned(raw, MAX_SERVER_MESSAGE_BYTES)
}

/// Writes a client frame, `"v"` first.
pub fn encode_client_message(message: &ClientMessage) -> Result<String, WireError> {
    encode_versioned(message)
}

/// Writes a server frame, `"v"` first.
pub fn encode_server_message(message: &ServerMessage) -> Result<String, WireError> {
    encode_versioned(message)
}

fn parse_versioned<T: DeserializeOwned>(raw: &str, limit: usize) -> Result<T, WireError> {
    if raw.len() > limit {
        return Err(WireError::TooLarge {
            bytes: raw.len(),
            limit,
        });
    }
    let value: serde_json::Value =
        serde_json::from_str(raw).map_err(|error| WireError::NotJson(detail(&error)))?;
    let serde_json::Value::Object(fields) = &value else {
        return Err(WireError::NotAnObject);
    };
    match fields.get("v") {
        None => return Err(WireError::MissingVersion),
        Some(version) if version.as_u64() == Some(LIVE_VERSION) => {}
        Some(version) => return Err(WireError::UnsupportedVersion(detail(version))),
    }
    serde_json::from_value(value).map_err(|error| WireError::Invalid(detail(&error)))
}

#[derive(Serialize)]
struct Versioned<'a, T> {
    v: u64,
    #[serde(flatten)]
    message: &'a T,
}

fn encode_versioned<T: Serialize>(message: &T) -> Result<String, WireError> {
    let versioned = Versioned {
        v: LIVE_VERSION,
        message,
    };
    serde_json::to_string(&versioned).map_err(|error| WireError::Unencodable(detail(&error)))
}

/// `shown`, cut to [`MAX_ERROR_DETAIL_CHARS`] (serde quotes input back).
fn detail(shown: &impl std::fmt::Display) -> String {
    let text = shown.to_string();
    match text.char_indices().nth(MAX_ERROR_DETAIL_CHARS) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text,
    }
}

impl ClientMessage {
    /// The room input this frame is, from the user of `connection_id`.
    pub fn into_input(self, connection_id: ConnectionId) -> RoomInput {
        let command = match self {
            ClientMessage::Leave => return RoomInput::Left { connection_id },
            ClientMessage::Chat {
                client_message_id,
                text,
            } => RoomCommand::SendChat {
                client_message_id,
                text,
            },
            ClientMessage::RaiseHand => RoomCommand::RaiseHand,
            ClientMessage::LowerHand => RoomCommand::LowerHand,
            ClientMessage::AdmitSpeaker { user_id } => RoomCommand::AdmitSpeaker { user_id },
            ClientMessage::RevokeSpeaker { user_id } => RoomCommand::RevokeSpeaker { user_id },
            ClientMessage::PollCreate {
                question,
                kind,
                options,
            } => RoomCommand::CreatePoll {
                question,
                kind,
                options,
            },
            ClientMessage::PollVote {
                poll_id,
                option_indexes,
            } => RoomCommand::Vote {
                poll_id,
                option_indexes,
            },
            ClientMessage::PollClose { poll_id } => RoomCommand::ClosePoll { poll_id },
            ClientMessage::QuestionAsk { text } => RoomCommand::AskQuestion { text },
            ClientMessage::QuestionUpvote { question_id } => {
                RoomCommand::UpvoteQuestion { question_id }
            }
            ClientMessage::QuestionMarkAnswered { question_id } => {
                RoomCommand::MarkAnswered { question_id }
            }
            ClientMessage::BreakoutOpen {
                plan,
                duration_seconds,
            } => RoomCommand::OpenBreakouts {
                plan,
                duration: SignedDuration::from_secs(i64::from(duration_seconds)),
            },
            ClientMessage::BreakoutClose => RoomCommand::CloseBreakouts,
            ClientMessage::BreakoutBroadcast { text } => RoomCommand::BroadcastToBreakouts { text },
            ClientMessage::BreakoutVisit { breakout_room_id } => {
                RoomCommand::VisitBreakout { breakout_room_id }
            }
            ClientMessage::SessionStart => RoomCommand::StartSession,
            ClientMessage::SessionEnd => RoomCommand::EndSession,
            ClientMessage::Offer { to, sdp } => RoomCommand::RelaySignal {
                to,
                signal: Signal::Offer { sdp },
            },
            ClientMessage::Answer { to, sdp } => RoomCommand::RelaySignal {
                to,
                signal: Signal::Answer { sdp },
            },
            ClientMessage::Ice { to, candidate } => RoomCommand::RelaySignal {
                to,
                signal: Signal::Ice { candidate },
            },
        };
        RoomInput::Command {
            connection_id,
            command,
        }
    }
}

impl From<RoomEvent> for ServerMessage {
    fn from(event: RoomEvent) -> ServerMessage {
        match event {
            RoomEvent::Snapshot(snapshot) => ServerMessage::Snapshot(snapshot),
            RoomEvent::ChatHistory(messages) => ServerMessage::ChatHistory { messages },
            RoomEvent::ChatPosted(message) => ServerMessage::Chat(message),
            RoomEvent::ParticipantChanged(view) => ServerMessage::ParticipantChanged(view),
            RoomEvent::ParticipantLeft { user_id } => ServerMessage::ParticipantLeft { user_id },
            RoomEvent::ConnectionReplaced => ServerMessage::ConnectionReplaced,
            RoomEvent::HandQueueChanged(hand_queue) => {
                ServerMessage::HandQueueChanged { hand_queue }
            }
            RoomEvent::SpeakersChanged(speakers) => ServerMessage::SpeakersChanged { speakers },
            RoomEvent::PollOpened(view) => ServerMessage::PollOpened(view),
            RoomEvent::PollTallied { poll_id, tally } => {
                ServerMessage::PollTally { poll_id, tally }
            }
            RoomEvent::VoteRecorded {
                poll_id,
                option_indexes,
            } => ServerMessage::VoteRecorded {
                poll_id,
                option_indexes,
            },
            RoomEvent::PollClosed(results) => ServerMessage::PollClosed(results),
            RoomEvent::QuestionAsked(view) => ServerMessage::QuestionAsked(view),
            RoomEvent::QuestionChanged(view) => ServerMessage::QuestionChanged(view),
            RoomEvent::BreakoutsOpened(view) => ServerMessage::BreakoutsOpened(view),
            RoomEvent::BreakoutsChanged(view) => ServerMessage::BreakoutsChanged(view),
            RoomEvent::BreakoutsClosed => ServerMessage::BreakoutsEnded,
            RoomEvent::BreakoutBroadcast(broadcast) => ServerMessage::BreakoutBroadcast(broadcast),
            RoomEvent::SessionStarted { at } => ServerMessage::SessionStarted { at },
            RoomEvent::SessionEnded { at } => ServerMessage::SessionEnded { at },
            RoomEvent::SignalRelayed { from, signal } => match signal {
                Signal::Offer { sdp } => ServerMessage::Offer { from, sdp },
                Signal::Answer { sdp } => ServerMessage::Answer { from, sdp },
                Signal::Ice { candidate } => ServerMessage::Ice { from, candidate },
            },
        }
    }
}

impl From<&LiveRefusal> for ServerMessage {
    fn from(refusal: &LiveRefusal) -> ServerMessage {
        ServerMessage::Error {
            code: refusal.code().to_owned(),
            message: refusal.to_string(),
        }
    }
}

impl From<&WireError> for ServerMessage {
    fn from(error: &WireError) -> ServerMessage {
        ServerMessage::Error {
            code: error.code().to_owned(),
            message: error.to_string(),
        }
    }
}
