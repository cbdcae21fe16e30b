//! Session tokens: 32 random bytes, base64url without padding on the wire, SHA-256 in the
//! database, so a stolen database holds no usable token.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use sha2::{Digest, Sha256};

/// How long a session lasts, in seconds (30 days).
pub const SESSION_LIFETIME_SECONDS: i64 = 30 * 24 * 60 * 60;

/// A freshly minted token: the secret for the client and the digest for storage.
pub struct NewToken {
    pub token: String,
    pub token_sha256: Vec<u8>,
}

/// Mints a token from the operating system's random source.
pub fn mint() -> Result<NewToken, getrandom::Error> {
    let mut secret = [0_u8; 32];
    getrandom::fill(&mut secret)?;
    let token = URL_SAFE_NO_PAD.encode(secret);
    let token_sha256 = digest(&token);
    Ok(NewToken {
        token,
        token_sha256,
    })
}

/// The stored form of a token presented by a client.
pub fn digest(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_url_safe_and_distinct() {
        let first = mint().unwrap();
        let second = mint().unwrap();
        assert_eq!(first.token.len(), 43);
        assert!(first
            .token
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
        assert_ne!(first.token, second.token);
        assert_eq!(first.token_sha256, digest(&first.token));
        assert_eq!(first.token_sha256.len(), 32);
    }
}
