//! The ICE servers a participant's browser is told to use. STUN servers are passed on as
//! configured. A TURN server gets credentials that expire, by the scheme coturn calls the
//! TURN REST API (`use-auth-secret`): the username is `{expiry}:{user_id}` and the
//! credential is the Base64 of HMAC-SHA1 of that username under the secret shared with the
//! TURN server, so the TURN server checks them without asking this one, and a leaked
//! credential is useless after [`IceConfig::turn_ttl`]. Nothing configured means host
//! candidates only, which is all loopback and a LAN need.

use base64::Engine;
use hmac::{Hmac, Mac};
use jiff::{SignedDuration, Timestamp};
use lectern_api::v1::live::IceServer;
use lectern_core::UserId;
use sha1::Sha1;
use std::sync::Arc;

/// How long TURN credentials stay good, unless configured otherwise.
pub const DEFAULT_TURN_TTL: SignedDuration = SignedDuration::from_hours(6);

/// The configured STUN and TURN servers.
#[derive(Clone)]
pub struct IceConfig {
    /// `stun:host:port` URLs.
    pub stun_urls: Vec<String>,
    /// `turn:`/`turns:` URLs of one TURN service sharing [`IceConfig::turn_secret`].
    pub turn_urls: Vec<String>,
    pub turn_secret: Option<Arc<str>>,
    pub turn_ttl: SignedDuration,
}

impl Default for IceConfig {
    fn default() -> IceConfig {
        IceConfig {
            stun_urls: Vec::new(),
            turn_urls: Vec::new(),
            turn_secret: None,
            turn_ttl: DEFAULT_TURN_TTL,
        }
    }
}

impl std::fmt::Debug for IceConfig {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter
            .debug_struct("IceConfig")
            .field("stun_urls", &self.stun_urls)
            .field("turn_urls", &self.turn_urls)
            .field(
                "turn_secret",
                &self.turn_secret.as_ref().map(|_| "<hidden>"),
            )
            .field("turn_ttl", &self.turn_ttl)
            .finish()
    }
}

impl IceConfig {
    /// What `user_id` is told at `now`: the STUN servers, then the TURN servers with
    /// credentials good until `now` + the TTL. TURN URLs without a secret are left out (a
    /// TURN server without credentials would refuse every allocation).
    pub fn servers_for(&self, user_id: &UserId, now: Timestamp) -> Vec<IceServer> {
        let mut servers = Vec::new();
        if !self.stun_urls.is_empty() {
            servers.push(IceServer {
                urls: self.stun_urls.clone(),
                username: None,
                credential: None,
            });
        }
        if let (false, Some(secret)) = (self.turn_urls.is_empty(), &self.turn_secret) {
            let expires_at = now.as_second().saturating_add(self.turn_ttl.as_secs());
            let username = format!("{expires_at}:{user_id}");
            if let Some(credential) = turn_credential(secret, &username) {
                servers.push(IceServer {
                    urls: self.turn_urls.clone(),
                    credential: Some(credential),
                    username: Some(username),
                });
            }
        }
        servers
    }
}

/// Base64(HMAC-SHA1(secret, username)), as coturn computes it; none only if HMAC refused
/// the key, which it never does (it takes keys of any length).
fn turn_credential(secret: &str, username: &str) -> Option<String> {
    let mut mac = Hmac::<Sha1>::new_from_slice(secret.as_bytes()).ok()?;
    mac.update(username.as_bytes());
    Some(base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes()))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn user(name: &str) -> UserId {
        UserId::parse(name).unwrap()
    }

    #[test]
    fn nothing_configured_means_host_candidates_only() {
        let config = IceConfig::default();
        assert!(config
            .servers_for(&user("learner1"), Timestamp::UNIX_EPOCH)
            .is_empty());
    }

    #[test]
    fn turn_credentials_expire_and_match_coturns_scheme() {
        let config = IceConfig {
            stun_urls: vec!["stun:stun.example.org:3478".to_owned()],
            turn_urls: vec!["turn:turn.example.org:3478?transport=udp".to_owned()],
            turn_secret: Some("north-star".into()),
            turn_ttl: SignedDuration::from_hours(1),
        };
        let now = Timestamp::from_second(1_700_000_000).unwrap();
        let servers = config.servers_for(&user("learner1"), now);
        assert_eq!(servers.len(), 2);
        assert_eq!(servers[0].urls, ["stun:stun.example.org:3478"]);
        assert_eq!(servers[0].username, None);
        let turn = &servers[1];
        assert_eq!(turn.username.as_deref(), Some("1700003600:learner1"));
        // `echo -n 1700003600:learner1 | openssl dgst -sha1 -hmac north-star -binary | base64`
        assert_eq!(
            turn.credential.as_deref(),
            Some("urhb76xvnqBRL0GhIVRs0A760Mk=")
        );
        assert_ne!(
            turn_credential(&"k".repeat(100), "1700003600:learner1"),
            turn_credential("north-star", "1700003600:learner2")
        );
        assert!(!format!("{config:?}").contains("north-star"));
    }

    #[test]
    fn turn_urls_without_a_secret_are_left_out() {
        let config = IceConfig {
            turn_urls: vec!["turn:turn.example.org".to_owned()],
            ..IceConfig::default()
        };
        assert!(config
            .servers_for(&user("learner1"), Timestamp::UNIX_EPOCH)
            .is_empty());
    }
}
