//! Breakout rooms. The instructor splits the learners present (connected or reconnecting)
//! into 2 or more rooms, at most one learner short of one room each: by hand (every present
//! learner in exactly one room) or at random from a seed (the same seed and learners give
//! the same rooms everywhere, and room sizes differ by at most one). Rooms last until their
//! end time or until the instructor closes them; then everyone is back in the main room.
//! A learner who joins while rooms are open goes to the smallest room (the first of equals).
//! The instructor visits one room at a time, or none, and may broadcast a text to all.
//! Rounds are kept, with everyone who was ever in each room, for the server to archive
//! and so that a breakout's chat stays readable only by its own members.

use super::ids::BreakoutRoomId;
use super::refusal::{LiveRefusal, TextField};
use crate::ids::UserId;
use crate::quiz::SplitMix64;
use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Longest a round of breakout rooms may be opened for.
pub const MAX_BREAKOUT_DURATION: SignedDuration = SignedDuration::from_hours(4);

/// How the instructor wants the learners split.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum BreakoutPlan {
    /// These rooms, which must hold every present learner exactly once.
    Manual { rooms: Vec<Vec<UserId>> },
    /// `rooms` rooms filled at random from `seed`.
    Random { rooms: usize, seed: u64 },
}

/// One breakout room and who is in it now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BreakoutRoom {
    pub breakout_room_id: BreakoutRoomId,
    pub members: Vec<UserId>,
}

/// A text the instructor sent to every room.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Broadcast {
    pub text: String,
    pub sent_at: Timestamp,
}

/// The open rooms as participants see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BreakoutsView {
    pub opened_at: Timestamp,
    pub ends_at: Timestamp,
    pub rooms: Vec<BreakoutRoom>,
    /// The room the instructor is in; none while they are in the main room.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visiting: Option<BreakoutRoomId>,
}

/// One round of breakout rooms: the record the server archives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BreakoutRound {
    pub opened_at: Timestamp,
    pub ends_at: Timestamp,
    pub closed_at: Option<Timestamp>,
    pub rooms: Vec<BreakoutRoom>,
    /// Everyone who was ever in each room this round.
    pub members_ever: BTreeMap<BreakoutRoomId, BTreeSet<UserId>>,
    pub visiting: Option<BreakoutRoomId>,
    pub broadcasts: Vec<Broadcast>,
}

impl BreakoutRound {
    pub fn view(&self) -> BreakoutsView {
        BreakoutsView {
            opened_at: self.opened_at,
            ends_at: self.ends_at,
            rooms: self.rooms.clone(),
            visiting: self.visiting,
        }
    }

    /// The room `user_id` is in now.
    pub fn room_of(&self, user_id: &UserId) -> Option<&BreakoutRoom> {
        self.rooms
            .iter()
            .find(|room| room.members.contains(user_id))
    }
}

/// Splits `learners` by `plan`, or says why the plan does not fit them.
pub fn assign_rooms(
    plan: &BreakoutPlan,
    learners: &BTreeSet<UserId>,
) -> Result<Vec<Vec<UserId>>, LiveRefusal> {
    let room_count = match plan {
        BreakoutPlan::Manual { rooms } => rooms.len(),
        BreakoutPlan::Random { rooms, .. } => *rooms,
    };
    if room_count < 2 || room_count > learners.len() {
        return Err(LiveRefusal::BreakoutRoomCount {
            rooms: room_count,
            learners: learners.len(),
        });
    }
    match plan {
        BreakoutPlan::Manual { rooms } => check_manual(rooms, learners).map(|()| rooms.clone()),
        BreakoutPlan::Random { rooms, seed } => Ok(random_rooms(learners, *rooms, *seed)),
    }
}

fn check_manual(rooms: &[Vec<UserId>], learners: &BTreeSet<UserId>) -> Result<(), LiveRefusal> {
    let mut placed = BTreeSet::new();
    for room in rooms {
        if room.is_empty() {
            return Err(LiveRefusal::EmptyBreakoutRoom);
        }
        for user_id in room {
            if !learners.contains(user_id) {
                return Err(LiveRefusal::NotALearner(user_id.clone()));
            }
            if !placed.insert(user_id) {
                return Err(LiveRefusal::LearnerTwice(user_id.clone()));
            }
        }
    }
    match learners.iter().find(|learner| !placed.contains(learner)) {
        Some(missing) => Err(LiveRefusal::LearnerMissing(missing.clone())),
        None => Ok(()),
    }
}

/// Shuffles `learners` (from their sorted order, with SplitMix64 seeded by `seed`) and
/// deals them round the `rooms` rooms in turn. No rooms (0) puts everyone in one.
pub fn random_rooms(learners: &BTreeSet<UserId>, rooms: usize, seed: u64) -> Vec<Vec<UserId>> {
    let mut shuffled: Vec<UserId> = learners.iter().cloned().collect();
    SplitMix64::new(seed).shuffle(&mut shuffled);
    let room_count = rooms.max(1);
    let mut assignment = vec![Vec::new(); room_count];
    for (position, user_id) in shuffled.into_iter().enumerate() {
        if let Some(room) = assignment.get_mut(position % room_count) {
            room.push(user_id);
        }
    }
    assignment
}

/// The open round, if any, and the closed ones.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Breakouts {
    open: Option<BreakoutRound>,
    closed: Vec<BreakoutRound>,
    rooms_made: u32,
}

impl Breakouts {
    pub(crate) fn open_round(&self) -> Option<&BreakoutRound> {
        self.open.as_ref()
    }

    pub(crate) fn closed_rounds(&self) -> &[BreakoutRound] {
        &self.closed
    }

    /// Opens rooms holding `assignment` until `ends_at`.
    pub(crate) fn open(
        &mut self,
        assignment: Vec<Vec<UserId>>,
        now: Timestamp,
        ends_at: Timestamp,
    ) -> Result<&BreakoutRound, LiveRefusal> {
        if self.open.is_some() {
            return Err(LiveRefusal::BreakoutsOpen);
        }
        let mut rooms = Vec::with_capacity(assignment.len());
        let mut members_ever = BTreeMap::new();
        for members in assignment {
            self.rooms_made = self.rooms_made.saturating_add(1);
            let breakout_room_id = BreakoutRoomId(self.rooms_made);
            members_ever.insert(breakout_room_id, members.iter().cloned().collect());
            rooms.push(BreakoutRoom {
                breakout_room_id,
                members,
            });
        }
        Ok(self.open.insert(BreakoutRound {
            opened_at: now,
            ends_at,
            closed_at: None,
            rooms,
            members_ever,
            visiting: None,
            broadcasts: Vec::new(),
        }))
    }

    /// Closes the open round, if any: everyone is back in the main room.
    pub(crate) fn close(&mut self, now: Timestamp) -> bool {
        let Some(mut round) = self.open.take() else {
            return false;
        };
        round.closed_at = Some(now);
        round.visiting = None;
        self.closed.push(round);
        true
    }

    /// The room `user_id` is in now, if rooms are open.
    pub(crate) fn room_of(&self, user_id: &UserId) -> Option<BreakoutRoomId> {
        let room = self.open.as_ref()?.room_of(user_id)?;
        Some(room.breakout_room_id)
    }

    /// Puts a learner who just joined into the smallest room; none when no rooms are open.
    pub(crate) fn place_late_joiner(&mut self, user_id: &UserId) -> Option<BreakoutRoomId> {
        let round = self.open.as_mut()?;
        let room = round
            .rooms
            .iter_mut()
            .min_by_key(|room| room.members.len())?;
        room.members.push(user_id.clone());
        let breakout_room_id = room.breakout_room_id;
        round
            .members_ever
            .entry(breakout_room_id)
            .or_default()
            .insert(user_id.clone());
        Some(breakout_room_id)
    }

    /// Takes `user_id` out of their room (they left); false when they were in none.
    pub(crate) fn remove(&mut self, user_id: &UserId) -> bool {
        let Some(round) = self.open.as_mut() else {
            return false;
        };
        let mut is_removed = false;
        for room in &mut round.rooms {
            let before = room.members.len();
            room.members.retain(|member| member != user_id);
            is_removed |= room.members.len() != before;
        }
        is_removed
    }

    /// Sends the instructor to `room` (none: back to the main room).
    pub(crate) fn visit(&mut self, room: Option<BreakoutRoomId>) -> Result<(), LiveRefusal> {
        let round = self.open.as_mut().ok_or(LiveRefusal::NoBreakouts)?;
        if let Some(wanted) = room {
            if !round.rooms.iter().any(|r| r.breakout_room_id == wanted) {
                return Err(LiveRefusal::NoSuchBreakoutRoom(wanted));
            }
        }
        round.visiting = room;
        Ok(())
    }

    pub(crate) fn stop_visiting(&mut self) -> bool {
        self.open
            .as_mut()
            .is_some_and(|round| round.visiting.take().is_some())
    }

    pub(crate) fn broadcast(
        &mut self,
        text: String,
        now: Timestamp,
    ) -> Result<Broadcast, LiveRefusal> {
        let round = self.open.as_mut().ok_or(LiveRefusal::NoBreakouts)?;
        TextField::Broadcast.check(&text)?;
        let broadcast = Broadcast { text, sent_at: now };
        round.broadcasts.push(broadcast.clone());
        Ok(broadcast)
    }

    /// Whether `user_id` was ever in `room` (open or closed).
    pub(crate) fn was_member(&self, user_id: &UserId, room: BreakoutRoomId) -> bool {
        self.open
            .iter()
            .chain(&self.closed)
            .filter_map(|round| round.members_ever.get(&room))
            .any(|members| members.contains(user_id))
    }
}

#[cfg(test)]
#[path = "breakouts_tests.rs"]
mod tests;
