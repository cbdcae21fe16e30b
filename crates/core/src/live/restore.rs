//! A room opened again from what the server kept of it (after a restart): its chat, its
//! closed polls and its questions, so sequence numbers and ids go on from where they were
//! and nothing kept is written over. Who is connected, hands, speakers and breakouts are
//! not kept: everyone joins again, as after any dropped connection.

use super::chat::ChatLog;
use super::polls::{Poll, Polls};
use super::questions::{Question, Questions};
use super::room::{LiveRoom, RoomConfig};
use super::ChatMessage;

/// What the server kept of a room.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeptRoom {
    /// In sequence order: 1, 2, 3…
    pub chat: Vec<ChatMessage>,
    /// Closed polls, by id: 1, 2, 3…
    pub closed_polls: Vec<Poll>,
    /// By id: 1, 2, 3…
    pub questions: Vec<Question>,
}

/// Why a kept room cannot be opened again.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RestoreError {
    #[error("the kept chat is not numbered 1, 2, 3… (message {position} has sequence {sequence})")]
    ChatGap { position: usize, sequence: u64 },
    #[error("the kept polls are not numbered 1, 2, 3… or one is still open (poll {0})")]
    PollOrder(u32),
    #[error("the kept questions are not numbered 1, 2, 3… (question {0})")]
    QuestionOrder(u32),
}

impl LiveRoom {
    /// A room for `config` holding what was kept of it; a new, empty room for an empty
    /// record. The session's status follows from the clock at the first input, as for a new
    /// room.
    pub fn restored(config: RoomConfig, kept: KeptRoom) -> Result<LiveRoom, RestoreError> {
        for (position, message) in kept.chat.iter().enumerate() {
            if message.sequence != position as u64 + 1 {
                return Err(RestoreError::ChatGap {
                    position,
                    sequence: message.sequence,
                });
            }
        }
        for (position, poll) in kept.closed_polls.iter().enumerate() {
            if poll.poll_id.0 as usize != position + 1 || poll.closed_at.is_none() {
                return Err(RestoreError::PollOrder(poll.poll_id.0));
            }
        }
        for (position, question) in kept.questions.iter().enumerate() {
            if question.question_id.0 as usize != position + 1 {
                return Err(RestoreError::QuestionOrder(question.question_id.0));
            }
        }
        let mut room = LiveRoom::new(config);
        room.chat = ChatLog::restored(kept.chat);
        room.polls = Polls::restored(kept.closed_polls);
        room.questions = Questions::restored(kept.questions);
        Ok(room)
    }
}
