//! Whom this participant has media with, and what it sends: the core's media links
//! (`lectern_core::live`, the rule the server enforces by relaying signaling only between
//! media peers) seen from [`LiveRoomModel::you`]. In the main room every connected learner
//! receives the instructor and the instructor receives the admitted speakers; in a breakout
//! room its members see and hear each other, and the instructor too while visiting; only
//! connected participants, only while the session is live. Pure: `io::rtc` carries it out.

use super::model::LiveRoomModel;
use lectern_api::v1::live::{LiveRole, RoomLocation, SessionStatus};
use lectern_core::UserId;
use std::collections::{BTreeMap, BTreeSet};

/// What this participant chose to send, beyond what the room allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MediaChoices {
    /// Send the camera whenever the microphone goes out.
    pub camera_wanted: bool,
    /// Share the screen (the instructor only; ignored for learners).
    pub screen_sharing: bool,
}

impl MediaChoices {
    /// Where a participant starts: the instructor with the camera on, a learner with it off.
    pub fn for_role(role: LiveRole) -> MediaChoices {
        MediaChoices {
            camera_wanted: role == LiveRole::Instructor,
            screen_sharing: false,
        }
    }
}

/// Whom to connect to and what to send them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MediaPlan {
    /// Every media peer, by user: no entry, no connection.
    pub peers: BTreeMap<UserId, PeerLink>,
    /// The local media to capture, sent to each peer whose link [`PeerLink::sends`].
    pub send: SendPlan,
}

/// One media peer, from this participant's side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PeerLink {
    /// This side yields when both offer at once (perfect negotiation): exactly one side of
    /// each pair is polite, and both sides work out the same one.
    pub polite: bool,
    /// We send our media to them.
    pub sends: bool,
    /// They send their media to us.
    pub receives: bool,
}

/// The local media to capture and send.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SendPlan {
    pub microphone: bool,
    pub camera: bool,
    pub screen: bool,
}

impl MediaPlan {
    /// Whether anything local is to be sent.
    pub fn is_sending(&self) -> bool {
        self.send.microphone || self.send.camera || self.send.screen
    }
}

/// The media plan for `model.you` now, with their `choices`.
pub fn media_plan(model: &LiveRoomModel, choices: MediaChoices) -> MediaPlan {
    let mut peers: BTreeMap<UserId, PeerLink> = BTreeMap::new();
    for (sender, receiver) in media_links(model) {
        let (other, is_ours) = if sender == model.you {
            (receiver, true)
        } else if receiver == model.you {
            (sender, false)
        } else {
            continue;
        };
        let polite = is_polite(model, &other);
        let link = peers.entry(other).or_insert(PeerLink {
            polite,
            sends: false,
            receives: false,
        });
        if is_ours {
            link.sends = true;
        } else {
            link.receives = true;
        }
    }
    let is_sending = peers.values().any(|link| link.sends);
    let send = SendPlan {
        microphone: is_sending,
        camera: is_sending && choices.camera_wanted,
        screen: is_sending && model.is_instructor() && choices.screen_sharing,
    };
    MediaPlan { peers, send }
}

/// Whether `you` are the polite side toward `other`: a learner toward the instructor, and
/// between two learners the one with the smaller user id.
fn is_polite(model: &LiveRoomModel, other: &UserId) -> bool {
    if model.is_instructor() {
        return false;
    }
    role_of(model, other) == Some(LiveRole::Instructor) || model.you < *other
}

fn role_of(model: &LiveRoomModel, user_id: &UserId) -> Option<LiveRole> {
    if user_id == &model.you {
        return Some(model.your_role);
    }
    model.participants.get(user_id).map(|p| p.role)
}

/// Every (sender, receiver) pair this participant can tell of, as the core's
/// `LiveRoom::media_links` makes them. You are connected: you hold the model.
fn media_links(model: &LiveRoomModel) -> BTreeSet<(UserId, UserId)> {
    let mut links = BTreeSet::new();
    if model.status != SessionStatus::Live {
        return links;
    }
    let mut connected: BTreeMap<&UserId, LiveRole> = model
        .participants
        .values()
        .filter(|p| p.is_connected)
        .map(|p| (&p.user_id, p.role))
        .collect();
    connected.insert(&model.you, model.your_role);
    let instructor_at = connected
        .iter()
        .find(|(_, role)| **role == LiveRole::Instructor)
        .map(|(user_id, _)| (*user_id, location_of(model, user_id)));
    let learners: Vec<(&UserId, RoomLocation)> = connected
        .iter()
        .filter(|(_, role)| **role == LiveRole::Learner)
        .map(|(user_id, _)| (*user_id, location_of(model, user_id)))
        .collect();
    for &(learner, location) in &learners {
        let instructor_here = instructor_at
            .filter(|(_, at)| *at == location)
            .map(|(instructor, _)| instructor);
        match location {
            RoomLocation::Main => {
                if let Some(instructor) = instructor_here {
                    links.insert((instructor.clone(), learner.clone()));
                    if model.speakers.contains(learner) {
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
                if let Some(instructor) = instructor_here {
                    links.insert((instructor.clone(), learner.clone()));
                    links.insert((learner.clone(), instructor.clone()));
                }
            }
        }
    }
    links
}

/// Where `user_id` is: yours as the model keeps it; the instructor in the room they visit;
/// a learner in the room listing them; else the main room.
fn location_of(model: &LiveRoomModel, user_id: &UserId) -> RoomLocation {
    if user_id == &model.you {
        return model.your_location;
    }
    let Some(view) = &model.breakouts else {
        return RoomLocation::Main;
    };
    let room = if role_of(model, user_id) == Some(LiveRole::Instructor) {
        view.visiting
    } else {
        view.rooms
            .iter()
            .find(|room| room.members.contains(user_id))
            .map(|room| room.breakout_room_id)
    };
    match room {
        Some(breakout_room_id) => RoomLocation::Breakout { breakout_room_id },
        None => RoomLocation::Main,
    }
}

#[cfg(test)]
#[path = "media_plan_tests.rs"]
mod tests;
