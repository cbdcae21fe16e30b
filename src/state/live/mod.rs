//! Live mode on the player's side. [`LiveRoomModel`] is the room as this participant knows
//! it, built from the server's messages (`lectern_api::v1::live`): what the room's view
//! shows, and where a reconnect continues the chat from. [`reconnect`] decides when a
//! closed socket opens again.

mod connection;
mod model;
pub mod reconnect;

pub use connection::{LiveConnection, SignalSink};
pub use model::{Follow, LiveRoomModel};
pub use reconnect::{LinkStatus, StopReason};
