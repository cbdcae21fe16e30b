//! The room's chat log. Every message gets the room's next sequence number (1, 2, 3…, one
//! counter for the main room and every breakout room), so a client that held messages up to
//! sequence `n` asks for "everything after `n`" when it comes back and gets no message twice.
//! A message carries the id its client chose; the same sender sending the same id again (a
//! resend after a reconnect) is stored once.

use super::ids::{BreakoutRoomId, ClientMessageId};
use super::refusal::{LiveRefusal, TextField};
use crate::ids::UserId;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Most messages one session holds.
pub const MAX_CHAT_MESSAGES: usize = 20_000;

/// One stored chat message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChatMessage {
    /// 1, 2, 3… in the room, in the order the server took them.
    pub sequence: u64,
    pub sender: UserId,
    pub client_message_id: ClientMessageId,
    pub text: String,
    pub sent_at: Timestamp,
    /// The breakout room it was written in; none for the main room.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub breakout_room_id: Option<BreakoutRoomId>,
}

/// What posting did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Posted {
    /// Stored as the newest message.
    New(ChatMessage),
    /// The sender had already sent this id: the message stored then.
    Duplicate(ChatMessage),
}

/// The messages, in sequence order, and which client ids each sender has used.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct ChatLog {
    /// `messages[i]` has sequence `i + 1`.
    messages: Vec<ChatMessage>,
    sequence_by_client_id: BTreeMap<(UserId, ClientMessageId), u64>,
}

impl ChatLog {
    /// A log holding `messages`, numbered 1, 2, 3… (checked by the caller).
    pub(crate) fn restored(messages: Vec<ChatMessage>) -> ChatLog {
        let sequence_by_client_id = messages
            .iter()
            .map(|m| ((m.sender.clone(), m.client_message_id.clone()), m.sequence))
            .collect();
        ChatLog {
            messages,
            sequence_by_client_id,
        }
    }

    pub(crate) fn messages(&self) -> &[ChatMessage] {
        &self.messages
    }

    /// The newest sequence number (0 when the log is empty).
    pub(crate) fn last_sequence(&self) -> u64 {
        u64::try_from(self.messages.len()).unwrap_or(u64::MAX)
    }

    /// Stores a message once per sender and client id.
    pub(crate) fn post(
        &mut self,
        sender: &UserId,
        client_message_id: ClientMessageId,
        text: String,
        breakout_room_id: Option<BreakoutRoomId>,
        now: Timestamp,
    ) -> Result<Posted, LiveRefusal> {
        let key = (sender.clone(), client_message_id);
        let stored = self.sequence_by_client_id.get(&key);
        if let Some(message) = stored.and_then(|&sequence| self.message(sequence)) {
            return Ok(Posted::Duplicate(message.clone()));
        }
        TextField::Chat.check(&text)?;
        if self.messages.len() >= MAX_CHAT_MESSAGES {
            return Err(LiveRefusal::RoomFull("chat messages"));
        }
        let message = ChatMessage {
            sequence: self.last_sequence() + 1,
            sender: sender.clone(),
            client_message_id: key.1.clone(),
            text,
            sent_at: now,
            breakout_room_id,
        };
        self.sequence_by_client_id.insert(key, message.sequence);
        self.messages.push(message.clone());
        Ok(Posted::New(message))
    }

    /// Messages after `since_sequence` (all of them for `None`) that `is_visible` lets through.
    pub(crate) fn since(
        &self,
        since_sequence: Option<u64>,
        is_visible: impl Fn(&ChatMessage) -> bool,
    ) -> Vec<ChatMessage> {
        let start = usize::try_from(since_sequence.unwrap_or(0)).unwrap_or(usize::MAX);
        self.messages
            .get(start..)
            .unwrap_or_default()
            .iter()
            .filter(|message| is_visible(message))
            .cloned()
            .collect()
    }

    fn message(&self, sequence: u64) -> Option<&ChatMessage> {
        let index = usize::try_from(sequence.checked_sub(1)?).ok()?;
        self.messages.get(index)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(raw: &str) -> Timestamp {
        raw.parse().unwrap()
    }

    fn user(name: &str) -> UserId {
        UserId::parse(name).unwrap()
    }

    fn message_id(n: u8) -> ClientMessageId {
        ClientMessageId::parse(&format!("00000000-0000-4000-8000-0000000000{n:02x}")).unwrap()
    }

    fn sequences(messages: &[ChatMessage]) -> Vec<u64> {
        messages.iter().map(|message| message.sequence).collect()
    }

    #[test]
    fn messages_are_numbered_in_order() {
        let mut log = ChatLog::default();
        let now = at("2026-01-01T10:00:00Z");
        for n in 1..=3 {
            let posted = log.post(&user("ada"), message_id(n), format!("hi {n}"), None, now);
            assert!(
                matches!(posted, Ok(Posted::New(ref message)) if message.sequence == u64::from(n))
            );
        }
        assert_eq!(log.last_sequence(), 3);
        assert_eq!(sequences(&log.since(None, |_| true)), [1, 2, 3]);
        assert_eq!(sequences(&log.since(Some(1), |_| true)), [2, 3]);
        assert_eq!(sequences(&log.since(Some(3), |_| true)), Vec::<u64>::new());
        assert_eq!(sequences(&log.since(Some(99), |_| true)), Vec::<u64>::new());
    }

    #[test]
    fn a_resent_message_is_stored_once_per_sender() {
        let mut log = ChatLog::default();
        let now = at("2026-01-01T10:00:00Z");
        log.post(&user("ada"), message_id(1), "hello".into(), None, now)
            .unwrap();
        let again = log.post(&user("ada"), message_id(1), "hello".into(), None, now);
        assert!(matches!(again, Ok(Posted::Duplicate(ref message)) if message.sequence == 1));
        // Another sender's id space is their own.
        let other = log.post(&user("bob"), message_id(1), "hello".into(), None, now);
        assert!(matches!(other, Ok(Posted::New(ref message)) if message.sequence == 2));
        assert_eq!(log.messages().len(), 2);
    }

    #[test]
    fn blank_and_long_messages_are_refused_and_not_numbered() {
        let mut log = ChatLog::default();
        let now = at("2026-01-01T10:00:00Z");
        let blank = log.post(&user("ada"), message_id(1), "  ".into(), None, now);
        assert_eq!(blank, Err(LiveRefusal::BlankText(TextField::Chat)));
        let long = "x".repeat(TextField::Chat.max_chars() + 1);
        assert!(log
            .post(&user("ada"), message_id(2), long, None, now)
            .is_err());
        assert_eq!(log, ChatLog::default());
    }

    #[test]
    fn history_can_leave_out_what_the_reader_may_not_see() {
        let mut log = ChatLog::default();
        let now = at("2026-01-01T10:00:00Z");
        let room = Some(BreakoutRoomId(1));
        log.post(&user("ada"), message_id(1), "main".into(), None, now)
            .unwrap();
        log.post(&user("ada"), message_id(2), "room".into(), room, now)
            .unwrap();
        let main_only = log.since(None, |message| message.breakout_room_id.is_none());
        assert_eq!(sequences(&main_only), [1]);
    }
}
