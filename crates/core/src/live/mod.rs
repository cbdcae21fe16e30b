//! The live classroom's rules, as a sans-IO state machine: one [`LiveRoom`] per live
//! session (`{course_id}.{lesson_id}` of a `live` lesson). The server feeds it joins,
//! leaves, dropped connections and participants' commands with its own time
//! ([`LiveRoom::handle`]), sends what it polls out ([`LiveRoom::poll`]) to the connections
//! each output names, and calls again at [`LiveRoom::next_wake`]. Nothing here reads a
//! clock, a random source or a socket: breakout shuffles take a seed.
//!
//! What the room owns:
//! - participants and roles (the manifest's instructor; learners enrolled in the course),
//!   one connection per user, reconnects within [`RECONNECT_GRACE`];
//! - the session's life: scheduled, live (the instructor starts it, or its start time
//!   comes), ended (the instructor ends it, or its end time comes); only starting and ending
//!   are taken outside the live phase;
//! - chat with a room-wide sequence and per-sender dedupe; polls; the hand queue and
//!   speakers; Q&A; breakout rooms; attendance;
//! - who has media with whom ([`LiveRoom::media_peers`]), which also decides whom
//!   signaling may go to.
//!
//! The server persists what the room exposes: [`LiveRoom::chat_messages`],
//! [`LiveRoom::closed_polls`], [`LiveRoom::questions`], [`LiveRoom::breakout_rounds`] and
//! [`LiveRoom::attendance`]. The wire form of inputs and outputs is `lectern_api::v1::live`.
//!
//! A session's recording becomes a lesson of its course: [`with_recording_lesson`] adds it
//! to the manifest after the live lesson, with the main room's chat as a subtitles track
//! ([`chat_track_vtt`]).

mod attendance;
mod breakouts;
mod chat;
mod commands;
mod hands;
mod ids;
mod input;
mod media;
mod output;
mod participants;
mod polls;
mod presence;
mod questions;
mod recording;
mod recording_lesson;
mod refusal;
mod restore;
mod room;
mod snapshot;

pub use attendance::{AttendanceInterval, AttendanceRecord};
pub use breakouts::{
    assign_rooms, random_rooms, BreakoutPlan, BreakoutRoom, BreakoutRound, BreakoutsView,
    Broadcast, MAX_BREAKOUT_DURATION,
};
pub use chat::{ChatMessage, MAX_CHAT_MESSAGES};
pub use hands::RaisedHand;
pub use ids::{
    BreakoutRoomId, ClientMessageId, ConnectionId, LiveSessionId, PollId, QuestionId,
    SessionIdError,
};
pub use input::{RoomCommand, RoomInput, Signal, MAX_SIGNAL_BYTES};
pub use output::{
    Audience, Outgoing, RoomEvent, RoomLocation, RoomSnapshot, SessionStatus, CHAT_HISTORY_PAGE,
};
pub use participants::{LiveRole, Participant, ParticipantView, RECONNECT_GRACE};
pub use polls::{
    Poll, PollKind, PollResults, PollTally, PollView, MAX_POLLS, MAX_POLL_OPTIONS, MIN_POLL_OPTIONS,
};
pub use questions::{sort_questions, Question, QuestionView, MAX_QUESTIONS};
pub use recording::{chat_track_vtt, class_track_vtt, CHAT_CUE_MAX, CHAT_CUE_MIN};
pub use recording_lesson::{
    recording_lesson_id, with_recording_lesson, RecordingLesson, RecordingLessonError,
    CHAT_TRACK_LABEL, RECORDING_LESSON_SUFFIX, RECORDING_TITLE_SUFFIX,
};
pub use refusal::{
    InstructorAction, LearnerAction, LiveRefusal, TextField, MAX_BROADCAST_CHARS, MAX_CHAT_CHARS,
    MAX_POLL_OPTION_CHARS, MAX_POLL_QUESTION_CHARS, MAX_QUESTION_CHARS,
};
pub use restore::{KeptRoom, RestoreError};
pub use room::{LiveRoom, RoomConfig, RoomSetupError};

#[cfg(test)]
mod activity_tests;
#[cfg(test)]
mod tests;
