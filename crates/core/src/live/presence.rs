//! Coming and going: joins (new, reconnecting, or a new connection replacing an old one),
//! leaving on purpose, dropped connections, and giving up a dropped user's place once their
//! grace period is over.

use super::ids::ConnectionId;
use super::output::{Audience, RoomEvent, SessionStatus, CHAT_HISTORY_PAGE};
use super::participants::{Arrival, LiveRole};
use super::refusal::LiveRefusal;
use super::room::LiveRoom;
use crate::ids::UserId;
use jiff::Timestamp;

impl LiveRoom {
    /// `user_id` is in the room on `connection_id`; they get the room as they may see it,
    /// then the chat they lack (after `since_sequence`).
    pub(super) fn join(
        &mut self,
        user_id: &UserId,
        connection_id: ConnectionId,
        since_sequence: Option<u64>,
        now: Timestamp,
    ) -> Result<(), LiveRefusal> {
        let role = self
            .role_of(user_id)
            .ok_or_else(|| LiveRefusal::NotEnrolled(user_id.clone()))?;
        if self.status == SessionStatus::Ended {
            return Err(LiveRefusal::Ended);
        }
        let arrival = self.roster.arrive(user_id, role, connection_id);
        self.attendance
            .arrived(user_id, role, arrival != Arrival::New, now);
        let is_placed_late = arrival == Arrival::New
            && role == LiveRole::Learner
            && self.breakouts.place_late_joiner(user_id).is_some();
        if let Arrival::Replaced(old) = arrival {
            self.emit(Audience::Connection(old), RoomEvent::ConnectionReplaced);
        }
        // The joiner gets the room first, then everyone hears of the change.
        if let Some(snapshot) = self.snapshot_for(user_id) {
            self.emit(
                Audience::User(user_id.clone()),
                RoomEvent::Snapshot(Box::new(snapshot)),
            );
        }
        let history = self.chat_history_for(user_id, since_sequence);
        for page in history.chunks(CHAT_HISTORY_PAGE) {
            self.emit(
                Audience::User(user_id.clone()),
                RoomEvent::ChatHistory(page.to_vec()),
            );
        }
        if is_placed_late {
            self.emit_breakouts_changed();
        }
        if !matches!(arrival, Arrival::Replaced(_)) {
            self.emit_participant(user_id);
        }
        Ok(())
    }

    /// The user of `connection_id` left: their place goes now. Another connection's leaving
    /// (an old, replaced one) changes nothing.
    pub(super) fn leave(&mut self, connection_id: ConnectionId, now: Timestamp) {
        let Some(participant) = self.roster.by_connection(connection_id) else {
            return;
        };
        let user_id = participant.user_id.clone();
        self.attendance.departed(&user_id, now);
        self.remove_participant(&user_id);
    }

    /// `connection_id` dropped: its user is reconnecting, and keeps their place for now.
    pub(super) fn drop_connection(&mut self, connection_id: ConnectionId, now: Timestamp) {
        let Some(user_id) = self.roster.disconnect(connection_id, now) else {
            return;
        };
        self.attendance.departed(&user_id, now);
        self.emit_participant(&user_id);
    }

    /// Takes `user_id` out of the room, their hand, their speaker grant and their breakout
    /// room with them.
    pub(super) fn remove_participant(&mut self, user_id: &UserId) {
        let Some(participant) = self.roster.remove(user_id) else {
            return;
        };
        let changed = self.hands.remove(user_id);
        self.emit_hands(changed);
        let is_breakouts_changed = match participant.role {
            LiveRole::Instructor => self.breakouts.stop_visiting(),
            LiveRole::Learner => self.breakouts.remove(user_id),
        };
        if is_breakouts_changed {
            self.emit_breakouts_changed();
        }
        self.emit(
            Audience::Everyone,
            RoomEvent::ParticipantLeft {
                user_id: user_id.clone(),
            },
        );
    }

    fn emit_participant(&mut self, user_id: &UserId) {
        if let Some(view) = self.roster.get(user_id).map(|p| self.participant_view(p)) {
            self.emit(Audience::Everyone, RoomEvent::ParticipantChanged(view));
        }
    }

    pub(super) fn emit_breakouts_changed(&mut self) {
        if let Some(view) = self.breakouts.open_round().map(|round| round.view()) {
            self.emit(Audience::Everyone, RoomEvent::BreakoutsChanged(view));
        }
    }
}
