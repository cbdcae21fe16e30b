//! The live room: one session's state machine. Inputs come in with the server's time
//! ([`LiveRoom::handle`]); what to tell whom is polled out ([`LiveRoom::poll`]);
//! [`LiveRoom::next_wake`] says when time alone will change something (the session starts
//! or ends, breakout rooms close, a dropped user's grace runs out).
//!
//! A refused input changes nothing: it returns the refusal for the server to send to the
//! sender alone, and queues no output. Time-driven changes due at `now` happen first, on
//! every input.

use super::attendance::{Attendance, AttendanceRecord};
use super::breakouts::{BreakoutRound, Breakouts};
use super::chat::{ChatLog, ChatMessage};
use super::hands::{Hands, HandsChanged, RaisedHand};
use super::ids::{ConnectionId, LiveSessionId};
use super::input::RoomInput;
use super::output::{Audience, Outgoing, RoomEvent, RoomLocation, SessionStatus};
use super::participants::{LiveRole, Participant, ParticipantView, Roster};
use super::polls::{Poll, Polls};
use super::questions::{Question, Questions};
use super::refusal::LiveRefusal;
use crate::course::{Course, LessonContent};
use crate::ids::{IdError, LessonId, UserId};
use jiff::Timestamp;
use std::collections::{BTreeMap, BTreeSet, VecDeque};

/// What a room is set up with: the session and who may come.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoomConfig {
    pub session_id: LiveSessionId,
    /// The manifest's instructor for the session.
    pub instructor: UserId,
    /// The learners enrolled in the course.
    pub learners: BTreeSet<UserId>,
    pub starts_at: Timestamp,
    pub ends_at: Timestamp,
    /// The names participants are shown by; a user missing here is shown by username.
    pub display_names: BTreeMap<UserId, String>,
}

/// Why a lesson cannot have a live room.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RoomSetupError {
    #[error("the course has no lesson {0}")]
    NoSuchLesson(LessonId),
    #[error("lesson {0} is not a live session")]
    NotLive(LessonId),
    #[error("the session's instructor is not a valid username: {0}")]
    BadInstructor(IdError),
}

impl RoomConfig {
    /// The room of the `live` lesson `lesson_id`, for the course's enrolled `learners`.
    pub fn for_lesson(
        course: &Course,
        lesson_id: &LessonId,
        learners: BTreeSet<UserId>,
    ) -> Result<RoomConfig, RoomSetupError> {
        let lesson = course
            .lesson(lesson_id)
            .ok_or_else(|| RoomSetupError::NoSuchLesson(lesson_id.clone()))?;
        let LessonContent::Live(session) = &lesson.content else {
            return Err(RoomSetupError::NotLive(lesson_id.clone()));
        };
        Ok(RoomConfig {
            session_id: LiveSessionId::new(course.course_id.clone(), lesson_id.clone()),
            instructor: UserId::parse(&session.instructor)
                .map_err(RoomSetupError::BadInstructor)?,
            learners,
            starts_at: session.starts_at,
            ends_at: session.ends_at,
            display_names: BTreeMap::new(),
        })
    }
}

/// One live session's room.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveRoom {
    pub(super) config: RoomConfig,
    pub(super) status: SessionStatus,
    pub(super) roster: Roster,
    pub(super) attendance: Attendance,
    pub(super) chat: ChatLog,
    pub(super) hands: Hands,
    pub(super) polls: Polls,
    pub(super) questions: Questions,
    pub(super) breakouts: Breakouts,
    outbox: VecDeque<Outgoing>,
}

impl LiveRoom {
    /// `participant` as the others see them.
    pub(super) fn participant_view(&self, participant: &Participant) -> ParticipantView {
        let display_name = self
            .config
            .display_names
            .get(&participant.user_id)
            .map_or_else(|| participant.user_id.as_str(), String::as_str);
        participant.view(display_name)
    }

    /// A room for a session that has not started.
    pub fn new(config: RoomConfig) -> LiveRoom {
        LiveRoom {
            config,
            status: SessionStatus::Scheduled,
            roster: Roster::default(),
            attendance: Attendance::default(),
            chat: ChatLog::default(),
            hands: Hands::default(),
            polls: Polls::default(),
            questions: Questions::default(),
            breakouts: Breakouts::default(),
            outbox: VecDeque::new(),
        }
    }

    /// Feeds one input at the server's time `now`.
    pub fn handle(&mut self, input: RoomInput, now: Timestamp) -> Result<(), LiveRefusal> {
        self.advance(now);
        match input {
            RoomInput::Joined {
                user_id,
                connection_id,
                since_sequence,
            } => self.join(&user_id, connection_id, since_sequence, now),
            RoomInput::Left { connection_id } => {
                self.leave(connection_id, now);
                Ok(())
            }
            RoomInput::Disconnected { connection_id } => {
                self.drop_connection(connection_id, now);
                Ok(())
            }
            RoomInput::Command {
                connection_id,
                command,
            } => {
                let participant = self
                    .roster
                    .by_connection(connection_id)
                    .ok_or(LiveRefusal::NotJoined)?;
                let (user_id, role) = (participant.user_id.clone(), participant.role);
                self.command(&user_id, role, command, now)
            }
            RoomInput::Tick => Ok(()),
        }
    }

    /// Lets time pass to `now` (the same as [`RoomInput::Tick`]).
    pub fn tick(&mut self, now: Timestamp) {
        self.advance(now);
    }

    /// The next thing to send, oldest first.
    pub fn poll(&mut self) -> Option<Outgoing> {
        self.outbox.pop_front()
    }

    /// When time alone will change the room next, if it will.
    pub fn next_wake(&self) -> Option<Timestamp> {
        let starts = (self.status == SessionStatus::Scheduled).then_some(self.config.starts_at);
        let ends = (self.status != SessionStatus::Ended).then_some(self.config.ends_at);
        let breakouts_end = self.breakouts.open_round().map(|round| round.ends_at);
        [starts, ends, breakouts_end, self.roster.next_grace_end()]
            .into_iter()
            .flatten()
            .min()
    }

    pub fn session_id(&self) -> &LiveSessionId {
        &self.config.session_id
    }

    pub fn config(&self) -> &RoomConfig {
        &self.config
    }

    pub fn status(&self) -> SessionStatus {
        self.status
    }

    /// Everyone in the room: connected, or reconnecting within the grace period.
    pub fn participants(&self) -> impl Iterator<Item = &Participant> {
        self.roster.iter()
    }

    pub fn participant(&self, user_id: &UserId) -> Option<&Participant> {
        self.roster.get(user_id)
    }

    /// The role `user_id` has in this session, if they may come at all.
    pub fn role_of(&self, user_id: &UserId) -> Option<LiveRole> {
        if user_id == &self.config.instructor {
            Some(LiveRole::Instructor)
        } else if self.config.learners.contains(user_id) {
            Some(LiveRole::Learner)
        } else {
            None
        }
    }

    /// Where `user_id` is: their breakout room, the one the instructor visits, or the main room.
    pub fn location_of(&self, user_id: &UserId) -> RoomLocation {
        let room = if user_id == &self.config.instructor {
            self.breakouts.open_round().and_then(|round| round.visiting)
        } else {
            self.breakouts.room_of(user_id)
        };
        match room {
            Some(breakout_room_id) => RoomLocation::Breakout { breakout_room_id },
            None => RoomLocation::Main,
        }
    }

    /// The hand queue, oldest first.
    pub fn hand_queue(&self) -> &[RaisedHand] {
        self.hands.queue()
    }

    pub fn speakers(&self) -> &BTreeSet<UserId> {
        self.hands.speakers()
    }

    /// Every chat message, main room and breakouts, in sequence order.
    pub fn chat_messages(&self) -> &[ChatMessage] {
        self.chat.messages()
    }

    pub fn open_poll(&self) -> Option<&Poll> {
        self.polls.open_poll()
    }

    /// Closed polls with their votes, oldest first: the archive.
    pub fn closed_polls(&self) -> &[Poll] {
        self.polls.closed_polls()
    }

    /// Questions in the order asked.
    pub fn questions(&self) -> &[Question] {
        self.questions.all()
    }

    /// The open round of breakout rooms.
    pub fn breakouts(&self) -> Option<&BreakoutRound> {
        self.breakouts.open_round()
    }

    /// Closed rounds of breakout rooms, oldest first.
    pub fn breakout_rounds(&self) -> &[BreakoutRound] {
        self.breakouts.closed_rounds()
    }

    pub fn attendance(&self) -> impl Iterator<Item = &AttendanceRecord> {
        self.attendance.records()
    }

    /// Queues `event` for `audience`, resolved to its connections now.
    pub(super) fn emit(&mut self, audience: Audience, event: RoomEvent) {
        let connections = self.connections_for(&audience);
        self.outbox.push_back(Outgoing {
            audience,
            connections,
            event,
        });
    }

    pub(super) fn emit_hands(&mut self, changed: HandsChanged) {
        if changed.is_queue_changed {
            let queue = self.hands.queue().to_vec();
            self.emit(Audience::Everyone, RoomEvent::HandQueueChanged(queue));
        }
        if changed.are_speakers_changed {
            let speakers = self.hands.speakers().iter().cloned().collect();
            self.emit(Audience::Everyone, RoomEvent::SpeakersChanged(speakers));
        }
    }

    fn connections_for(&self, audience: &Audience) -> Vec<ConnectionId> {
        let instructor = &self.config.instructor;
        match audience {
            Audience::Everyone => self.roster.iter().filter_map(|p| p.connection_id).collect(),
            Audience::User(user_id) => self.roster.connection_of(user_id).into_iter().collect(),
            Audience::Connection(connection_id) => vec![*connection_id],
            Audience::Instructor => self.roster.connection_of(instructor).into_iter().collect(),
            Audience::Breakout(room) => self
                .roster
                .iter()
                .filter(|p| {
                    &p.user_id == instructor || self.breakouts.room_of(&p.user_id) == Some(*room)
                })
                .filter_map(|p| p.connection_id)
                .collect(),
        }
    }

    /// What is due at `now`: the scheduled start, breakout rooms' end, dropped users' grace
    /// running out, the scheduled end.
    fn advance(&mut self, now: Timestamp) {
        if self.status == SessionStatus::Scheduled && now >= self.config.starts_at {
            self.start(self.config.starts_at);
        }
        if let Some(ends_at) = self.breakouts.open_round().map(|round| round.ends_at) {
            if now >= ends_at {
                self.close_breakouts(ends_at);
            }
        }
        for user_id in self.roster.out_of_grace(now) {
            self.remove_participant(&user_id);
        }
        if self.status == SessionStatus::Live && now >= self.config.ends_at {
            self.end(self.config.ends_at);
        }
    }

    pub(super) fn start(&mut self, at: Timestamp) {
        self.status = SessionStatus::Live;
        self.emit(Audience::Everyone, RoomEvent::SessionStarted { at });
    }

    /// Ends the session: the open poll closes, breakout rooms close, hands and speakers go,
    /// and every stay in the room ends at `at`.
    pub(super) fn end(&mut self, at: Timestamp) {
        self.status = SessionStatus::Ended;
        if let Some(results) = self.polls.close_open(at).and_then(Poll::results) {
            self.emit(Audience::Everyone, RoomEvent::PollClosed(results));
        }
        self.close_breakouts(at);
        let changed = self.hands.clear();
        self.emit_hands(changed);
        self.attendance.close_all(at);
        self.emit(Audience::Everyone, RoomEvent::SessionEnded { at });
    }

    pub(super) fn close_breakouts(&mut self, at: Timestamp) {
        if self.breakouts.close(at) {
            self.emit(Audience::Everyone, RoomEvent::BreakoutsClosed);
        }
    }
}
