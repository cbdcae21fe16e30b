//! Who exchanges media with whom, derived from the room's state (nothing is stored):
//! - in the main room, every learner receives the instructor, and the instructor receives
//!   the admitted speakers (the class hears a speaker through the instructor's connection,
//!   or through the SFU on the larger-class path);
//! - in a breakout room, its members see and hear each other, and the instructor too while
//!   visiting;
//! - only connected participants, and only while the session is live.
//!
//! Signaling is relayed only between media peers.

use super::output::{RoomLocation, SessionStatus};
use super::participants::LiveRole;
use super::room::LiveRoom;
use crate::ids::UserId;
use std::collections::BTreeSet;

impl LiveRoom {
    /// The users whose media `user_id` receives.
    pub fn media_sources(&self, user_id: &UserId) -> BTreeSet<UserId> {
        self.media_links()
            .into_iter()
            .filter(|(_, receiver)| receiver == user_id)
            .map(|(sender, _)| sender)
            .collect()
    }

    /// The users `user_id` exchanges any media with, either way: whom they may signal.
    pub fn media_peers(&self, user_id: &UserId) -> BTreeSet<UserId> {
        self.media_links()
            .into_iter()
            .filter_map(|(sender, receiver)| {
                if &sender == user_id {
                    Some(receiver)
                } else if &receiver == user_id {
                    Some(sender)
                } else {
                    None
                }
            })
            .collect()
    }

    /// Whether `user_id` may send their microphone and camera now.
    pub fn may_send_media(&self, user_id: &UserId) -> bool {
        self.media_links()
            .iter()
            .any(|(sender, _)| sender == user_id)
    }

    /// Every (sender, receiver) pair of the room now.
    fn media_links(&self) -> BTreeSet<(UserId, UserId)> {
        let mut links = BTreeSet::new();
        if self.status != SessionStatus::Live {
            return links;
        }
        let instructor = &self.config.instructor;
        let instructor_at = self
            .roster
            .is_connected(instructor)
            .then(|| self.location_of(instructor));
        let learners: Vec<(&UserId, RoomLocation)> = self
            .roster
            .iter()
            .filter(|p| p.role == LiveRole::Learner && p.is_connected())
            .map(|p| (&p.user_id, self.location_of(&p.user_id)))
            .collect();
        for &(learner, location) in &learners {
            let is_with_instructor = instructor_at == Some(location);
            match location {
                RoomLocation::Main => {
                    if is_with_instructor {
                        links.insert((instructor.clone(), learner.clone()));
                        if self.hands.is_speaker(learner) {
                            links.insert((learner.clone(), instructor.clone()));
                        }
                    }
                }
                RoomLocation::Breakout { .. } => {
                    for &(other, other_location) in &learners {
                        if other != learner && other_location == location {
                            links.insert((learner.clone(), other.clone()));
                        }
                    }
                    if is_with_instructor {
                        links.insert((instructor.clone(), learner.clone()));
                        links.insert((learner.clone(), instructor.clone()));
                    }
                }
            }
        }
        links
    }
}
