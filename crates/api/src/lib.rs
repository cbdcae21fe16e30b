//! The wire contract between the player and any LMS that speaks Lectern's JSON API.
//! Each version lives in its own module; a breaking change means a new module. Every type
//! tolerates unknown fields so older clients keep working against newer servers.

pub mod v1;
