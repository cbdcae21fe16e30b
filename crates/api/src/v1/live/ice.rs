//! How a participant's browser reaches the others: the ICE servers the server is configured
//! with, sent on every (re)join as [`super::ServerMessage::IceServers`], so short-lived TURN
//! credentials are fresh each time. None configured (loopback, a LAN) means host candidates
//! only.

use serde::{Deserialize, Serialize};

/// One STUN or TURN server, in the shape of the browser's `RTCIceServer`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IceServer {
    /// `stun:host:port`, `turn:host:port?transport=udp`, `turns:…`.
    pub urls: Vec<String>,
    /// TURN only: the time-limited username (`{expiry}:{user}`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    /// TURN only: the credential for `username`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credential: Option<String>,
}
