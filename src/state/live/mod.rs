//! Live mode on the player's side. [`LiveRoomModel`] is the room as this participant knows
//! it, built from the server's messages (`lectern_api::v1::live`): what the room's view
//! shows, and where a reconnect continues the chat from. [`reconnect`] decides when a
//! closed socket opens again, [`LiveConnection`] holds the socket and the model for the
//! page, and [`media_plan`] reads from the model whom this participant has media with and
//! what it sends, for the media layer (`io::rtc`).

mod connection;
mod media;
mod media_plan;
mod model;
pub mod reconnect;
mod recording;

pub use connection::{LiveConnection, SignalSink};
pub use media::LiveMedia;
pub use media_plan::{media_plan, MediaChoices, MediaPlan, PeerLink, SendPlan};
pub use model::{Follow, LiveRoomModel};
pub use reconnect::{LinkStatus, StopReason};
pub use recording::{record_class, RecordingState};
