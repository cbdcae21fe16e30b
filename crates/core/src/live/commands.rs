//! What participants ask the room for, and who may ask. Instructor-only commands from a
//! learner, and learner-only ones from the instructor, are refused before anything else;
//! everything but starting and ending needs the session to be live.

use super::breakouts::{assign_rooms, BreakoutPlan, MAX_BREAKOUT_DURATION};
use super::chat::Posted;
use super::hands::HandsChanged;
use super::ids::{ClientMessageId, PollId};
use super::input::{RoomCommand, Signal, MAX_SIGNAL_BYTES};
use super::output::{Audience, RoomEvent, RoomLocation, SessionStatus};
use super::participants::LiveRole;
use super::polls::Poll;
use super::refusal::{InstructorAction, LearnerAction, LiveRefusal};
use super::room::LiveRoom;
use crate::ids::UserId;
use jiff::{SignedDuration, Timestamp};
use std::collections::BTreeSet;

/// The instructor's action `command` is, if it is one.
fn instructor_action(command: &RoomCommand) -> Option<InstructorAction> {
    Some(match command {
        RoomCommand::StartSession => InstructorAction::StartSession,
        RoomCommand::EndSession => InstructorAction::EndSession,
        RoomCommand::CreatePoll { .. } => InstructorAction::CreatePoll,
        RoomCommand::ClosePoll { .. } => InstructorAction::ClosePoll,
        RoomCommand::AdmitSpeaker { .. } => InstructorAction::AdmitSpeaker,
        RoomCommand::RevokeSpeaker { .. } => InstructorAction::RevokeSpeaker,
        RoomCommand::OpenBreakouts { .. } => InstructorAction::OpenBreakouts,
        RoomCommand::CloseBreakouts => InstructorAction::CloseBreakouts,
        RoomCommand::BroadcastToBreakouts { .. } => InstructorAction::BroadcastToBreakouts,
        RoomCommand::VisitBreakout { .. } => InstructorAction::VisitBreakout,
        RoomCommand::MarkAnswered { .. } => InstructorAction::MarkAnswered,
        _ => return None,
    })
}

/// The learner's action `command` is, if it is one.
fn learner_action(command: &RoomCommand) -> Option<LearnerAction> {
    match command {
        RoomCommand::RaiseHand => Some(LearnerAction::RaiseHand),
        RoomCommand::Vote { .. } => Some(LearnerAction::Vote),
        RoomCommand::AskQuestion { .. } => Some(LearnerAction::AskQuestion),
        _ => None,
    }
}

impl LiveRoom {
    /// Runs `command` for `user_id`, or refuses it without changing anything.
    pub(super) fn command(
        &mut self,
        user_id: &UserId,
        role: LiveRole,
        command: RoomCommand,
        now: Timestamp,
    ) -> Result<(), LiveRefusal> {
        match (instructor_action(&command), learner_action(&command)) {
            (Some(action), _) if role != LiveRole::Instructor => {
                return Err(LiveRefusal::InstructorOnly(action))
            }
            (_, Some(action)) if role != LiveRole::Learner => {
                return Err(LiveRefusal::LearnersOnly(action))
            }
            _ => {}
        }
        if !matches!(command, RoomCommand::StartSession | RoomCommand::EndSession) {
            self.require_live()?;
        }
        match command {
            RoomCommand::StartSession => self.start_now(now),
            RoomCommand::EndSession => self.end_now(now),
            RoomCommand::SendChat {
                client_message_id,
                text,
            } => self.send_chat(user_id, client_message_id, text, now),
            RoomCommand::RaiseHand => {
                let changed = self.hands.raise(user_id, now);
                self.emit_hands(changed);
                Ok(())
            }
            RoomCommand::LowerHand => {
                let changed = self.hands.lower(user_id);
                self.emit_hands(changed);
                Ok(())
            }
            RoomCommand::AdmitSpeaker { user_id: speaker } => {
                self.check_connected_learner(&speaker)?;
                let changed = self.hands.admit(&speaker);
                self.emit_hands(changed);
                Ok(())
            }
            RoomCommand::RevokeSpeaker { user_id: speaker } => {
                if !self.hands.revoke(&speaker) {
                    return Err(LiveRefusal::NotASpeaker(speaker));
                }
                self.emit_hands(HandsChanged {
                    is_queue_changed: false,
                    are_speakers_changed: true,
                });
                Ok(())
            }
            RoomCommand::CreatePoll {
                question,
                kind,
                options,
            } => {
                let poll = self.polls.create(question, kind, options, now)?;
                let (view, poll_id, tally) = (poll.view(false), poll.poll_id, poll.tally());
                self.emit(Audience::Everyone, RoomEvent::PollOpened(view));
                self.emit(
                    Audience::Instructor,
                    RoomEvent::PollTallied { poll_id, tally },
                );
                Ok(())
            }
            RoomCommand::Vote {
                poll_id,
                option_indexes,
            } => self.vote(user_id, poll_id, &option_indexes),
            RoomCommand::ClosePoll { poll_id } => {
                let results = self.polls.close(poll_id, now)?.results();
                if let Some(results) = results {
                    self.emit(Audience::Everyone, RoomEvent::PollClosed(results));
                }
                Ok(())
            }
            RoomCommand::AskQuestion { text } => {
                let view = self.questions.ask(user_id, text, now)?;
                self.emit(Audience::Everyone, RoomEvent::QuestionAsked(view));
                Ok(())
            }
            RoomCommand::UpvoteQuestion { question_id } => {
                let view = self.questions.upvote(question_id, user_id)?;
                self.emit(Audience::Everyone, RoomEvent::QuestionChanged(view));
                Ok(())
            }
            RoomCommand::MarkAnswered { question_id } => {
                let view = self.questions.mark_answered(question_id, now)?;
                self.emit(Audience::Everyone, RoomEvent::QuestionChanged(view));
                Ok(())
            }
            RoomCommand::OpenBreakouts { plan, duration } => {
                self.open_breakouts(&plan, duration, now)
            }
            RoomCommand::CloseBreakouts => {
                if self.breakouts.open_round().is_none() {
                    return Err(LiveRefusal::NoBreakouts);
                }
                self.close_breakouts(now);
                Ok(())
            }
            RoomCommand::BroadcastToBreakouts { text } => {
                let broadcast = self.breakouts.broadcast(text, now)?;
                self.emit(Audience::Everyone, RoomEvent::BreakoutBroadcast(broadcast));
                Ok(())
            }
            RoomCommand::VisitBreakout { breakout_room_id } => {
                self.breakouts.visit(breakout_room_id)?;
                self.emit_breakouts_changed();
                Ok(())
            }
            RoomCommand::RelaySignal { to, signal } => self.relay(user_id, to, signal),
        }
    }

    fn require_live(&self) -> Result<(), LiveRefusal> {
        match self.status {
            SessionStatus::Scheduled => Err(LiveRefusal::NotStarted),
            SessionStatus::Live => Ok(()),
            SessionStatus::Ended => Err(LiveRefusal::Ended),
        }
    }

    /// The instructor starts the session, early if they like.
    fn start_now(&mut self, now: Timestamp) -> Result<(), LiveRefusal> {
        match self.status {
            SessionStatus::Scheduled => {
                self.start(now);
                Ok(())
            }
            SessionStatus::Live => Err(LiveRefusal::AlreadyStarted),
            SessionStatus::Ended => Err(LiveRefusal::Ended),
        }
    }

    /// The instructor ends the session (or cancels it before it started).
    fn end_now(&mut self, now: Timestamp) -> Result<(), LiveRefusal> {
        if self.status == SessionStatus::Ended {
            return Err(LiveRefusal::Ended);
        }
        self.end(now);
        Ok(())
    }

    /// Posts to the room the sender is in: the main room (everyone hears of it, in breakout
    /// rooms too), or their breakout room (only its members and the instructor do). A
    /// resent message goes back to its sender alone.
    fn send_chat(
        &mut self,
        sender: &UserId,
        client_message_id: ClientMessageId,
        text: String,
        now: Timestamp,
    ) -> Result<(), LiveRefusal> {
        let room = match self.location_of(sender) {
            RoomLocation::Main => None,
            RoomLocation::Breakout { breakout_room_id } => Some(breakout_room_id),
        };
        match self.chat.post(sender, client_message_id, text, room, now)? {
            Posted::New(message) => {
                let audience = room.map_or(Audience::Everyone, Audience::Breakout);
                self.emit(audience, RoomEvent::ChatPosted(message));
            }
            Posted::Duplicate(message) => {
                self.emit(
                    Audience::User(sender.clone()),
                    RoomEvent::ChatPosted(message),
                );
            }
        }
        Ok(())
    }

    /// The voter hears their vote back; the instructor hears the new tally.
    fn vote(
        &mut self,
        voter: &UserId,
        poll_id: PollId,
        option_indexes: &[usize],
    ) -> Result<(), LiveRefusal> {
        let option_indexes = self.polls.vote(poll_id, voter, option_indexes)?;
        self.emit(
            Audience::User(voter.clone()),
            RoomEvent::VoteRecorded {
                poll_id,
                option_indexes,
            },
        );
        if let Some(tally) = self.polls.open_poll().map(Poll::tally) {
            self.emit(
                Audience::Instructor,
                RoomEvent::PollTallied { poll_id, tally },
            );
        }
        Ok(())
    }

    fn check_connected_learner(&self, user_id: &UserId) -> Result<(), LiveRefusal> {
        if self.role_of(user_id) != Some(LiveRole::Learner) {
            return Err(LiveRefusal::NotALearner(user_id.clone()));
        }
        if !self.roster.is_connected(user_id) {
            return Err(LiveRefusal::NotPresent(user_id.clone()));
        }
        Ok(())
    }

    fn open_breakouts(
        &mut self,
        plan: &BreakoutPlan,
        duration: SignedDuration,
        now: Timestamp,
    ) -> Result<(), LiveRefusal> {
        if self.breakouts.open_round().is_some() {
            return Err(LiveRefusal::BreakoutsOpen);
        }
        if duration <= SignedDuration::ZERO || duration > MAX_BREAKOUT_DURATION {
            return Err(LiveRefusal::BreakoutDuration);
        }
        let ends_at = now
            .checked_add(duration)
            .map_err(|_| LiveRefusal::BreakoutDuration)?;
        let learners: BTreeSet<UserId> = self.roster.learners().cloned().collect();
        let assignment = assign_rooms(plan, &learners)?;
        let view = self.breakouts.open(assignment, now, ends_at)?.view();
        self.emit(Audience::Everyone, RoomEvent::BreakoutsOpened(view));
        Ok(())
    }

    /// Relays `signal` to `to`, if the sender has media with them.
    fn relay(&mut self, from: &UserId, to: UserId, signal: Signal) -> Result<(), LiveRefusal> {
        let bytes = signal.payload_bytes();
        if bytes > MAX_SIGNAL_BYTES {
            return Err(LiveRefusal::SignalTooLarge {
                bytes,
                limit: MAX_SIGNAL_BYTES,
            });
        }
        if !self.media_peers(from).contains(&to) {
            return Err(LiveRefusal::NotAMediaPeer(to));
        }
        let event = RoomEvent::SignalRelayed {
            from: from.clone(),
            signal,
        };
        self.emit(Audience::User(to), event);
        Ok(())
    }
}
