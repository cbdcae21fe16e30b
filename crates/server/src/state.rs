//! The state every request handler shares: the database pool, the server's clock, the
//! player's files, the course media directory and the dummy password hash that keeps sign-in
//! timing the same for unknown users.

use crate::auth::password::{self, PasswordError};
use crate::clock::Clock;
use crate::http::player::Player;
use sqlx::SqlitePool;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Why the server could not get ready to serve.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("could not prepare the sign-in check: {0}")]
    Password(#[from] PasswordError),
}

/// Shared, cheaply cloned state of the HTTP app.
#[derive(Clone)]
pub struct AppState {
    pub(crate) db: SqlitePool,
    /// The only source of "now" for the API's rules.
    pub(crate) clock: Clock,
    pub(crate) player: Arc<Player>,
    /// Where `/media/...` is served from; `None` answers every media request with 404.
    pub(crate) media_dir: Option<Arc<Path>>,
    /// A real Argon2 hash of a random password, verified when the user does not exist.
    pub(crate) dummy_password_hash: Arc<str>,
}

impl AppState {
    /// Builds the state; `dist` is the built player's directory, if any.
    pub fn new(db: SqlitePool, dist: Option<&Path>) -> Result<AppState, StartError> {
        let dummy_password_hash = password::dummy_hash()?;
        Ok(AppState {
            db,
            clock: Clock::System,
            player: Arc::new(Player::load(dist)),
            media_dir: None,
            dummy_password_hash: dummy_password_hash.into(),
        })
    }

    /// Serves course media from `media_dir` at `/media/...`. The directory may be missing (or
    /// appear later): until it exists, media requests answer 404.
    pub fn with_media_dir(mut self, media_dir: impl Into<PathBuf>) -> AppState {
        self.media_dir = Some(Arc::from(media_dir.into()));
        self
    }

    /// Judges time by `clock` instead of the system clock (tests use a manual one).
    pub fn with_clock(mut self, clock: Clock) -> AppState {
        self.clock = clock;
        self
    }

    /// The database pool.
    pub fn db(&self) -> &SqlitePool {
        &self.db
    }
}
