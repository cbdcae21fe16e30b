//! Credentials: Argon2 password hashes and opaque bearer tokens. Only digests are stored;
//! a token itself exists only in the answer to sign-in and in the client.

pub mod password;
pub mod token;
