//! The live room as this participant knows it, built from what the server says: a snapshot
//! on every (re)join, then changes. Chat is kept by its room sequence number, so history
//! sent again after a reconnect never shows a message twice, and the newest sequence held is
//! what the next reconnect asks to continue from.

use lectern_api::v1::live::{
    BreakoutsView, Broadcast, ChatMessage, IceServer, LiveRole, ParticipantView, PollResults,
    PollView, QuestionId, QuestionView, RaisedHand, RoomLocation, RoomSnapshot, ServerMessage,
    SessionStatus,
};
use lectern_core::live::{sort_questions, Signal};
use lectern_core::UserId;
use std::collections::BTreeMap;

/// What a message asks of the connection, beyond updating the model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Follow {
    Nothing,
    /// Another connection of this user took over: stop, do not reconnect.
    StopReconnecting,
    /// A WebRTC signal from a peer, for the media layer.
    Signal(UserId, Signal),
    /// How to reach the others' media (fresh on every join).
    IceServers(Vec<IceServer>),
    /// The server refused the last message; tell the participant.
    Refused {
        code: String,
        message: String,
    },
}

/// The room, for this participant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveRoomModel {
    pub status: SessionStatus,
    pub you: UserId,
    pub your_role: LiveRole,
    pub your_location: RoomLocation,
    pub participants: BTreeMap<UserId, ParticipantView>,
    pub hand_queue: Vec<RaisedHand>,
    pub speakers: Vec<UserId>,
    pub open_poll: Option<PollView>,
    pub your_vote: Option<Vec<usize>>,
    pub closed_polls: Vec<PollResults>,
    pub questions: Vec<QuestionView>,
    pub your_upvotes: Vec<QuestionId>,
    pub breakouts: Option<BreakoutsView>,
    pub broadcasts: Vec<Broadcast>,
    chat: BTreeMap<u64, ChatMessage>,
}

impl LiveRoomModel {
    /// The room as a (re)join's snapshot says; chat already held is kept (a reconnect's
    /// snapshot comes with only the chat missed since).
    pub fn from_snapshot(snapshot: RoomSnapshot, held: Option<LiveRoomModel>) -> LiveRoomModel {
        let chat = held.map(|model| model.chat).unwrap_or_default();
        LiveRoomModel {
            status: snapshot.status,
            you: snapshot.you,
            your_role: snapshot.your_role,
            your_location: snapshot.your_location,
            participants: snapshot
                .participants
                .into_iter()
                .map(|p| (p.user_id.clone(), p))
                .collect(),
            hand_queue: snapshot.hand_queue,
            speakers: snapshot.speakers,
            open_poll: snapshot.open_poll,
            your_vote: snapshot.your_vote,
            closed_polls: snapshot.closed_polls,
            questions: snapshot.questions,
            your_upvotes: snapshot.your_upvotes,
            breakouts: snapshot.breakouts,
            broadcasts: Vec::new(),
            chat,
        }
    }

    /// The chat held, oldest first.
    pub fn chat(&self) -> impl Iterator<Item = &ChatMessage> {
        self.chat.values()
    }

    /// The newest chat sequence held: where a reconnect continues from.
    pub fn last_chat_sequence(&self) -> Option<u64> {
        self.chat.keys().next_back().copied()
    }

    /// The name `user_id` is shown by (their username when they are not in the room).
    pub fn display_name(&self, user_id: &UserId) -> String {
        self.participants
            .get(user_id)
            .map_or_else(|| user_id.to_string(), |p| p.display_name.clone())
    }

    pub fn is_instructor(&self) -> bool {
        self.your_role == LiveRole::Instructor
    }

    /// Whether this participant's hand is up.
    pub fn hand_is_raised(&self) -> bool {
        self.hand_queue.iter().any(|hand| hand.user_id == self.you)
    }

    /// Whether this participant may send their microphone.
    pub fn may_speak(&self) -> bool {
        self.is_instructor() || self.speakers.contains(&self.you)
    }

    /// Takes one server message (a snapshot is [`Self::from_snapshot`]'s).
    pub fn apply(&mut self, message: ServerMessage) -> Follow {
        match message {
            ServerMessage::Snapshot(snapshot) => {
                *self = LiveRoomModel::from_snapshot(*snapshot, Some(self.clone()));
            }
            ServerMessage::ChatHistory { messages } => self.take_chat(messages),
            ServerMessage::Chat(message) => self.take_chat(vec![message]),
            ServerMessage::ParticipantChanged(participant) => {
                self.participants
                    .insert(participant.user_id.clone(), participant);
            }
            ServerMessage::ParticipantLeft { user_id } => {
                self.participants.remove(&user_id);
            }
            ServerMessage::ConnectionReplaced => return Follow::StopReconnecting,
            ServerMessage::HandQueueChanged { hand_queue } => self.hand_queue = hand_queue,
            ServerMessage::SpeakersChanged { speakers } => self.speakers = speakers,
            ServerMessage::PollOpened(poll) => {
                self.open_poll = Some(poll);
                self.your_vote = None;
            }
            ServerMessage::PollTally { poll_id, tally } => {
                if let Some(poll) = self.open_poll.as_mut().filter(|p| p.poll_id == poll_id) {
                    poll.tally = Some(tally);
                }
            }
            ServerMessage::VoteRecorded {
                poll_id,
                option_indexes,
            } => {
                if self
                    .open_poll
                    .as_ref()
                    .is_some_and(|p| p.poll_id == poll_id)
                {
                    self.your_vote = Some(option_indexes);
                }
            }
            ServerMessage::PollClosed(results) => {
                if self
                    .open_poll
                    .as_ref()
                    .is_some_and(|p| p.poll_id == results.poll_id)
                {
                    self.open_poll = None;
                    self.your_vote = None;
                }
                self.closed_polls.retain(|p| p.poll_id != results.poll_id);
                self.closed_polls.push(results);
            }
            ServerMessage::QuestionAsked(question) | ServerMessage::QuestionChanged(question) => {
                self.questions
                    .retain(|q| q.question_id != question.question_id);
                self.questions.push(question);
                sort_questions(&mut self.questions);
            }
            ServerMessage::BreakoutsOpened(view) | ServerMessage::BreakoutsChanged(view) => {
                self.your_location = location_in(&view, &self.you, self.your_role);
                self.breakouts = Some(view);
            }
            ServerMessage::BreakoutsEnded => {
                self.breakouts = None;
                self.your_location = RoomLocation::Main;
            }
            ServerMessage::BreakoutBroadcast(broadcast) => self.broadcasts.push(broadcast),
            ServerMessage::SessionStarted { .. } => self.status = SessionStatus::Live,
            ServerMessage::SessionEnded { .. } => {
                self.status = SessionStatus::Ended;
                self.open_poll = None;
                self.hand_queue.clear();
                self.speakers.clear();
                self.breakouts = None;
                self.your_location = RoomLocation::Main;
            }
            signal @ (ServerMessage::Offer { .. }
            | ServerMessage::Answer { .. }
            | ServerMessage::Ice { .. }
            | ServerMessage::IceServers { .. }
            | ServerMessage::Error { .. }) => return LiveRoomModel::follow_alone(signal),
        }
        Follow::Nothing
    }

    /// What a message that changes no room asks for (signals, ICE servers, refusals); any
    /// other is [`Follow::Nothing`].
    pub fn follow_alone(message: ServerMessage) -> Follow {
        match message {
            ServerMessage::Offer { from, sdp } => Follow::Signal(from, Signal::Offer { sdp }),
            ServerMessage::Answer { from, sdp } => Follow::Signal(from, Signal::Answer { sdp }),
            ServerMessage::Ice { from, candidate } => {
                Follow::Signal(from, Signal::Ice { candidate })
            }
            ServerMessage::IceServers { ice_servers } => Follow::IceServers(ice_servers),
            ServerMessage::Error { code, message } => Follow::Refused { code, message },
            _ => Follow::Nothing,
        }
    }

    fn take_chat(&mut self, messages: Vec<ChatMessage>) {
        for message in messages {
            self.chat.insert(message.sequence, message);
        }
    }
}

/// Where `you` are in `view`: the room listing you; for the instructor, the room they
/// visit; else the main room.
fn location_in(view: &BreakoutsView, you: &UserId, role: LiveRole) -> RoomLocation {
    let listed = view
        .rooms
        .iter()
        .find(|room| room.members.contains(you))
        .map(|room| room.breakout_room_id);
    let visited = view.visiting.filter(|_| role == LiveRole::Instructor);
    match listed.or(visited) {
        Some(breakout_room_id) => RoomLocation::Breakout { breakout_room_id },
        None => RoomLocation::Main,
    }
}

#[cfg(test)]
#[path = "model_tests.rs"]
mod tests;
