//! Password hashing with Argon2id (PHC strings). Hashing is deliberately slow, so callers in
//! async code run these functions on a blocking thread.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;

/// Why a password could not be hashed.
#[derive(Debug, thiserror::Error)]
pub enum PasswordError {
    #[error("no random source for a salt: {0}")]
    Random(getrandom::Error),
    #[error("argon2 failed: {0}")]
    Hash(argon2::password_hash::Error),
    #[error("the hashing thread failed: {0}")]
    Worker(#[from] tokio::task::JoinError),
}

/// Hashes `password` with a fresh random salt into a PHC string.
pub fn hash(password: &str) -> Result<String, PasswordError> {
    let mut salt_bytes = [0_u8; 16];
    getrandom::fill(&mut salt_bytes).map_err(PasswordError::Random)?;
    let salt = SaltString::encode_b64(&salt_bytes).map_err(PasswordError::Hash)?;
    let hashed = Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map_err(PasswordError::Hash)?;
    Ok(hashed.to_string())
}

/// Whether `password` matches the PHC string `stored`. A malformed stored hash never matches.
pub fn verify(password: &str, stored: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(stored) else {
        return false;
    };
    Argon2::default()
        .verify_password(password.as_bytes(), &parsed)
        .is_ok()
}

/// [`hash`] on a blocking thread.
pub async fn hash_off_thread(password: String) -> Result<String, PasswordError> {
    tokio::task::spawn_blocking(move || hash(&password)).await?
}

/// [`verify`] on a blocking thread.
pub async fn verify_off_thread(password: String, stored: String) -> Result<bool, PasswordError> {
    Ok(tokio::task::spawn_blocking(move || verify(&password, &stored)).await?)
}

/// The hash of a random password nobody knows, to verify against when a user is unknown so
/// that "no such user" takes as long as "wrong password".
pub fn dummy_hash() -> Result<String, PasswordError> {
    let mut secret = [0_u8; 24];
    getrandom::fill(&mut secret).map_err(PasswordError::Random)?;
    let secret: String = secret.iter().map(|byte| format!("{byte:02x}")).collect();
    hash(&secret)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verifies_only_the_right_password() {
        let stored = hash("correct horse").unwrap();
        assert!(stored.starts_with("$argon2id$"));
        assert!(verify("correct horse", &stored));
        assert!(!verify("Correct horse", &stored));
        assert!(!verify("correct horse", "not a phc string"));
    }

    #[test]
    fn salts_differ() {
        assert_ne!(hash("same").unwrap(), hash("same").unwrap());
    }
}
