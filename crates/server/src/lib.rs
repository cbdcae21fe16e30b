//! Lectern's reference LMS: accounts, sessions, courses, enrolments, quiz attempts, learner
//! events and the progress they add up to in SQLite, the JSON API v1 over axum, and the
//! built player served as static files. `main.rs` is the command line; everything it does
//! is reachable from here so tests drive the real thing.

pub mod auth;
pub mod clock;
pub mod db;
pub mod demo;
pub mod http;
pub mod import;
mod state;

pub use clock::Clock;
pub use http::{app, API_ROUTES};
pub use state::{AppState, StartError};
