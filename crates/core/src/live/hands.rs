//! The raise-hand queue and the speakers. Learners raise and lower their hands; the queue is
//! first come, first served, and holds each learner at most once. The instructor admits a
//! learner (from the queue or not), who becomes a speaker (their microphone and camera may
//! go out) and leaves the queue, and revokes a speaker to stop it. Raising a hand already
//! raised, or lowering one that is down, changes nothing.

use crate::ids::UserId;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// A learner waiting to speak.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RaisedHand {
    pub user_id: UserId,
    pub raised_at: Timestamp,
}

/// The queue, oldest hand first, and who may speak.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Hands {
    queue: Vec<RaisedHand>,
    speakers: BTreeSet<UserId>,
}

/// Which lists a change touched, so the room says only what changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct HandsChanged {
    pub(crate) is_queue_changed: bool,
    pub(crate) are_speakers_changed: bool,
}

impl Hands {
    pub(crate) fn queue(&self) -> &[RaisedHand] {
        &self.queue
    }

    pub(crate) fn speakers(&self) -> &BTreeSet<UserId> {
        &self.speakers
    }

    pub(crate) fn is_speaker(&self, user_id: &UserId) -> bool {
        self.speakers.contains(user_id)
    }

    /// Puts `user_id` at the end of the queue, unless their hand is up or they already speak.
    pub(crate) fn raise(&mut self, user_id: &UserId, now: Timestamp) -> HandsChanged {
        let is_waiting = self.queue.iter().any(|hand| &hand.user_id == user_id);
        if is_waiting || self.is_speaker(user_id) {
            return HandsChanged::default();
        }
        self.queue.push(RaisedHand {
            user_id: user_id.clone(),
            raised_at: now,
        });
        HandsChanged {
            is_queue_changed: true,
            are_speakers_changed: false,
        }
    }

    pub(crate) fn lower(&mut self, user_id: &UserId) -> HandsChanged {
        let before = self.queue.len();
        self.queue.retain(|hand| &hand.user_id != user_id);
        HandsChanged {
            is_queue_changed: self.queue.len() != before,
            are_speakers_changed: false,
        }
    }

    /// Makes `user_id` a speaker and takes them off the queue.
    pub(crate) fn admit(&mut self, user_id: &UserId) -> HandsChanged {
        let lowered = self.lower(user_id);
        HandsChanged {
            is_queue_changed: lowered.is_queue_changed,
            are_speakers_changed: self.speakers.insert(user_id.clone()),
        }
    }

    /// Stops `user_id` speaking; false when they were not a speaker.
    pub(crate) fn revoke(&mut self, user_id: &UserId) -> bool {
        self.speakers.remove(user_id)
    }

    /// Takes `user_id` off both lists (they left the room).
    pub(crate) fn remove(&mut self, user_id: &UserId) -> HandsChanged {
        let lowered = self.lower(user_id);
        HandsChanged {
            is_queue_changed: lowered.is_queue_changed,
            are_speakers_changed: self.revoke(user_id),
        }
    }

    /// Empties both lists (the session ended).
    pub(crate) fn clear(&mut self) -> HandsChanged {
        let changed = HandsChanged {
            is_queue_changed: !self.queue.is_empty(),
            are_speakers_changed: !self.speakers.is_empty(),
        };
        self.queue.clear();
        self.speakers.clear();
        changed
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

    fn queued(hands: &Hands) -> Vec<&str> {
        hands
            .queue()
            .iter()
            .map(|hand| hand.user_id.as_str())
            .collect()
    }

    #[test]
    fn the_queue_is_first_come_first_served_and_holds_each_learner_once() {
        let mut hands = Hands::default();
        hands.raise(&user("bob"), at(1));
        hands.raise(&user("ada"), at(2));
        let again = hands.raise(&user("bob"), at(3));
        assert_eq!(again, HandsChanged::default());
        hands.raise(&user("cy"), at(4));
        assert_eq!(queued(&hands), ["bob", "ada", "cy"]);
        assert_eq!(hands.queue()[0].raised_at, at(1));
        assert!(hands.lower(&user("ada")).is_queue_changed);
        assert!(!hands.lower(&user("ada")).is_queue_changed);
        assert_eq!(queued(&hands), ["bob", "cy"]);
    }

    #[test]
    fn admitting_makes_a_speaker_and_takes_them_off_the_queue() {
        let mut hands = Hands::default();
        hands.raise(&user("bob"), at(1));
        hands.raise(&user("ada"), at(2));
        let changed = hands.admit(&user("bob"));
        assert!(changed.is_queue_changed && changed.are_speakers_changed);
        assert_eq!(queued(&hands), ["ada"]);
        assert!(hands.is_speaker(&user("bob")));
        // A speaker raising a hand stays off the queue.
        assert_eq!(hands.raise(&user("bob"), at(3)), HandsChanged::default());
        assert!(hands.revoke(&user("bob")));
        assert!(!hands.revoke(&user("bob")));
    }

    #[test]
    fn leaving_takes_a_learner_off_both_lists() {
        let mut hands = Hands::default();
        hands.raise(&user("ada"), at(1));
        hands.admit(&user("bob"));
        let ada_left = hands.remove(&user("ada"));
        assert!(ada_left.is_queue_changed && !ada_left.are_speakers_changed);
        let bob_left = hands.remove(&user("bob"));
        assert!(!bob_left.is_queue_changed && bob_left.are_speakers_changed);
        assert_eq!(hands, Hands::default());
    }
}
