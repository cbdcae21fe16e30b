//! Who is in the room, in which role, on which connection. A user has at most one
//! connection: joining again on a new one replaces the old. A user whose connection dropped
//! keeps their place (hand, speaker grant, breakout room) for [`RECONNECT_GRACE`]; back in
//! time, they carry on as if they had never gone; after it, they have left.

use super::ids::ConnectionId;
use crate::ids::UserId;
use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How long a dropped connection keeps its user's place in the room.
pub const RECONNECT_GRACE: SignedDuration = SignedDuration::from_secs(60);

/// A participant's role in the room: the manifest's instructor runs it, enrolled learners
/// attend.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LiveRole {
    Instructor,
    Learner,
}

/// A user in the room.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Participant {
    pub user_id: UserId,
    pub role: LiveRole,
    /// The current connection; none while the user is reconnecting.
    pub connection_id: Option<ConnectionId>,
    /// When the connection dropped, while the user is reconnecting.
    pub disconnected_at: Option<Timestamp>,
}

/// A participant as the others see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParticipantView {
    pub user_id: UserId,
    /// The name people know them by (their username when the server has none).
    pub display_name: String,
    pub role: LiveRole,
    pub is_connected: bool,
}

impl Participant {
    pub fn is_connected(&self) -> bool {
        self.connection_id.is_some()
    }

    /// How the others see them, known as `display_name`.
    pub fn view(&self, display_name: &str) -> ParticipantView {
        ParticipantView {
            user_id: self.user_id.clone(),
            display_name: display_name.to_owned(),
            role: self.role,
            is_connected: self.is_connected(),
        }
    }

    /// When a reconnecting user's place is given up.
    fn grace_ends_at(&self) -> Option<Timestamp> {
        let dropped_at = self.disconnected_at?;
        Some(
            dropped_at
                .checked_add(RECONNECT_GRACE)
                .unwrap_or(dropped_at),
        )
    }
}

/// How a user came in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Arrival {
    /// They were not in the room.
    New,
    /// They came back within the grace period.
    Reconnected,
    /// They were connected: this connection replaces that one.
    Replaced(ConnectionId),
}

/// The participants, by user.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Roster {
    participants: BTreeMap<UserId, Participant>,
}

impl Roster {
    pub(crate) fn get(&self, user_id: &UserId) -> Option<&Participant> {
        self.participants.get(user_id)
    }

    pub(crate) fn by_connection(&self, connection_id: ConnectionId) -> Option<&Participant> {
        self.participants
            .values()
            .find(|participant| participant.connection_id == Some(connection_id))
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = &Participant> {
        self.participants.values()
    }

    /// The current connection of `user_id`, if they are connected.
    pub(crate) fn connection_of(&self, user_id: &UserId) -> Option<ConnectionId> {
        self.get(user_id)?.connection_id
    }

    /// Whether `user_id` is connected now.
    pub(crate) fn is_connected(&self, user_id: &UserId) -> bool {
        self.connection_of(user_id).is_some()
    }

    /// Learners in the room, connected or reconnecting, by user id.
    pub(crate) fn learners(&self) -> impl Iterator<Item = &UserId> {
        self.participants
            .values()
            .filter(|participant| participant.role == LiveRole::Learner)
            .map(|participant| &participant.user_id)
    }

    /// Puts `user_id` in the room on `connection_id`.
    pub(crate) fn arrive(
        &mut self,
        user_id: &UserId,
        role: LiveRole,
        connection_id: ConnectionId,
    ) -> Arrival {
        let Some(participant) = self.participants.get_mut(user_id) else {
            self.participants.insert(
                user_id.clone(),
                Participant {
                    user_id: user_id.clone(),
                    role,
                    connection_id: Some(connection_id),
                    disconnected_at: None,
                },
            );
            return Arrival::New;
        };
        let arrival = match participant.connection_id {
            Some(old) if old != connection_id => Arrival::Replaced(old),
            _ => Arrival::Reconnected,
        };
        participant.connection_id = Some(connection_id);
        participant.disconnected_at = None;
        arrival
    }

    /// Marks the user of `connection_id` as reconnecting; returns them, or none when that is
    /// not anyone's current connection (an old, replaced one).
    pub(crate) fn disconnect(
        &mut self,
        connection_id: ConnectionId,
        now: Timestamp,
    ) -> Option<UserId> {
        let participant = self
            .participants
            .values_mut()
            .find(|participant| participant.connection_id == Some(connection_id))?;
        participant.connection_id = None;
        participant.disconnected_at = Some(now);
        Some(participant.user_id.clone())
    }

    pub(crate) fn remove(&mut self, user_id: &UserId) -> Option<Participant> {
        self.participants.remove(user_id)
    }

    /// Reconnecting users whose grace period is over at `now`.
    pub(crate) fn out_of_grace(&self, now: Timestamp) -> Vec<UserId> {
        self.participants
            .values()
            .filter(|participant| participant.grace_ends_at().is_some_and(|end| end <= now))
            .map(|participant| participant.user_id.clone())
            .collect()
    }

    /// When the next grace period ends.
    pub(crate) fn next_grace_end(&self) -> Option<Timestamp> {
        self.participants
            .values()
            .filter_map(Participant::grace_ends_at)
            .min()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(second: i64) -> Timestamp {
        Timestamp::from_second(1_800_000_000 + second).unwrap()
    }

    fn user(name: &str) -> UserId {
        UserId::parse(name).unwrap()
    }

    #[test]
    fn a_new_connection_replaces_the_old_one() {
        let mut roster = Roster::default();
        let ada = user("ada");
        let arrival = roster.arrive(&ada, LiveRole::Learner, ConnectionId(1));
        assert_eq!(arrival, Arrival::New);
        let arrival = roster.arrive(&ada, LiveRole::Learner, ConnectionId(2));
        assert_eq!(arrival, Arrival::Replaced(ConnectionId(1)));
        assert_eq!(roster.iter().count(), 1);
        assert_eq!(roster.connection_of(&ada), Some(ConnectionId(2)));
        // The old connection closing afterwards changes nothing.
        assert_eq!(roster.disconnect(ConnectionId(1), at(0)), None);
        assert!(roster.is_connected(&ada));
    }

    #[test]
    fn a_dropped_user_keeps_their_place_for_the_grace_period() {
        let mut roster = Roster::default();
        let ada = user("ada");
        roster.arrive(&ada, LiveRole::Learner, ConnectionId(1));
        assert_eq!(roster.disconnect(ConnectionId(1), at(0)), Some(ada.clone()));
        assert!(!roster.is_connected(&ada));
        assert_eq!(roster.learners().count(), 1);
        assert_eq!(roster.next_grace_end(), Some(at(60)));
        assert!(roster.out_of_grace(at(59)).is_empty());
        assert_eq!(roster.out_of_grace(at(60)), std::slice::from_ref(&ada));
        let arrival = roster.arrive(&ada, LiveRole::Learner, ConnectionId(3));
        assert_eq!(arrival, Arrival::Reconnected);
        assert_eq!(roster.next_grace_end(), None);
    }
}
