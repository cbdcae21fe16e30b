//! What one participant may see of the room: the snapshot they get on (re)joining, and the
//! chat history they may read (the main room's, and the breakout rooms' they were ever in;
//! the instructor reads every room's).

use super::chat::ChatMessage;
use super::output::RoomSnapshot;
use super::participants::LiveRole;
use super::polls::Poll;
use super::room::LiveRoom;
use crate::ids::UserId;

impl LiveRoom {
    /// The room as `user_id` may see it; none when they are not in it. The open poll's
    /// tally is there for the instructor only.
    pub fn snapshot_for(&self, user_id: &UserId) -> Option<RoomSnapshot> {
        let participant = self.roster.get(user_id)?;
        let is_instructor = participant.role == LiveRole::Instructor;
        let open_poll = self.polls.open_poll();
        Some(RoomSnapshot {
            session_id: self.config.session_id.clone(),
            status: self.status,
            starts_at: self.config.starts_at,
            ends_at: self.config.ends_at,
            you: user_id.clone(),
            your_role: participant.role,
            your_location: self.location_of(user_id),
            participants: self
                .roster
                .iter()
                .map(|p| self.participant_view(p))
                .collect(),
            hand_queue: self.hands.queue().to_vec(),
            speakers: self.hands.speakers().iter().cloned().collect(),
            open_poll: open_poll.map(|poll| poll.view(is_instructor)),
            your_vote: open_poll.and_then(|poll| poll.votes.get(user_id).cloned()),
            closed_polls: self
                .polls
                .closed_polls()
                .iter()
                .filter_map(Poll::results)
                .collect(),
            questions: self.questions.sorted_views(),
            your_upvotes: self.questions.upvoted_by(user_id),
            breakouts: self.breakouts.open_round().map(|round| round.view()),
            last_chat_sequence: self.chat.last_sequence(),
        })
    }

    /// The chat messages after `since_sequence` (all, for none) that `user_id` may read.
    pub fn chat_history_for(
        &self,
        user_id: &UserId,
        since_sequence: Option<u64>,
    ) -> Vec<ChatMessage> {
        self.chat
            .since(since_sequence, |message| self.may_read(user_id, message))
    }

    /// Whether `user_id` may read `message`.
    pub fn may_read(&self, user_id: &UserId, message: &ChatMessage) -> bool {
        message.breakout_room_id.is_none_or(|room| {
            user_id == &self.config.instructor || self.breakouts.was_member(user_id, room)
        })
    }
}
