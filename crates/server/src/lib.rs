//! Lectern's reference LMS: accounts, sessions, courses, enrolments, quiz attempts, learner
//! events and the progress they add up to in SQLite, the JSON API v1 over axum, and the
//! built player served as static files. `main.rs` is the command line; everything it does
//! is reachable from here so tests drive the real thing, the log format included.

pub mod apikey;
pub mod auth;
pub mod clock;
pub mod db;
pub mod demo;
pub mod http;
pub mod import;
mod live;
pub mod rate_limit;
mod state;

pub use clock::Clock;
pub use http::{app, API_ROUTES, RATE_LIMITED_ROUTES};
pub use live::{IceConfig, DEFAULT_TURN_TTL};
pub use rate_limit::{Rate, RateLimits, RouteGroup};
pub use state::{AppState, InvalidPublicUrl, PublicUrl, StartError};

use tracing::level_filters::LevelFilter;
use tracing_subscriber::fmt::MakeWriter;

/// The server's log: one line per event, up to `max_level`, written by `make_writer`
/// (`main.rs` writes to stderr; tests to a buffer, to read what would be logged).
pub fn log_subscriber<W>(
    make_writer: W,
    is_ansi: bool,
    max_level: LevelFilter,
) -> impl tracing::Subscriber + Send + Sync + 'static
where
    W: for<'writer> MakeWriter<'writer> + Send + Sync + 'static,
{
    tracing_subscriber::fmt()
        .with_writer(make_writer)
        .with_ansi(is_ansi)
        .with_target(false)
        .with_max_level(max_level)
        .finish()
}
