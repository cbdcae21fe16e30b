//! The state every request handler shares: the database pool, the server's clock, the
//! player's files, the course media directory, the directory assignment uploads are stored
//! in, the public URL that launch links start with,
//! and the dummy password hash that keeps sign-in timing the same for unknown users.

use crate::apikey::origin::{InvalidOrigin, Origin};
use crate::auth::password::{self, PasswordError};
use crate::clock::Clock;
use crate::http::player::Player;
use crate::live::{IceConfig, LiveRooms};
use crate::rate_limit::{RateLimiter, RateLimits};
use sqlx::SqlitePool;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Why the server could not get ready to serve.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("could not prepare the sign-in check: {0}")]
    Password(#[from] PasswordError),
}

/// Where browsers reach the server, as launch links start: an origin and perhaps a path
/// prefix (`https://lectern.example.edu/learn`), kept without a trailing slash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicUrl(Arc<str>);

/// Why a text is not a public URL.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InvalidPublicUrl {
    #[error(transparent)]
    Origin(#[from] InvalidOrigin),
    #[error("{0:?} is not a public URL: its path may have no query, fragment or spaces")]
    Path(String),
}

impl PublicUrl {
    /// Checks `text`: `http` or `https`, a host, perhaps a port and a path.
    pub fn parse(text: &str) -> Result<PublicUrl, InvalidPublicUrl> {
        let authority_start = text.find("://").map_or(0, |at| at + 3);
        let (origin, path) = match text[authority_start..].find('/') {
            Some(slash) => text.split_at(authority_start + slash),
            None => (text, ""),
        };
        let origin = Origin::parse(origin)?;
        if path.contains(['?', '#']) || path.contains(char::is_whitespace) {
            return Err(InvalidPublicUrl::Path(text.to_owned()));
        }
        let path = path.trim_end_matches('/');
        Ok(PublicUrl(format!("{origin}{path}").into()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
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
    /// Where assignment uploads are stored; `None` (an in-memory database) refuses uploads.
    pub(crate) uploads_dir: Option<Arc<Path>>,
    /// A real Argon2 hash of a random password, verified when the user does not exist.
    pub(crate) dummy_password_hash: Arc<str>,
    pub(crate) public_url: PublicUrl,
    /// Calls per peer address to sign-in, launches and events, counted so far.
    pub(crate) rate_limiter: Arc<RateLimiter>,
    /// The live rooms, one per session that has had a join.
    pub(crate) live_rooms: Arc<LiveRooms>,
    /// The STUN and TURN servers live participants are told to use.
    pub(crate) ice: IceConfig,
}

impl AppState {
    /// Builds the state; `dist` is the built player's directory, if any. Launch links start
    /// with `http://127.0.0.1:8080` (the command line's default address) until
    /// [`AppState::with_public_url`] says otherwise, and uploads are stored in an `uploads`
    /// directory next to the database file until [`AppState::with_uploads_dir`] says
    /// otherwise.
    pub fn new(db: SqlitePool, dist: Option<&Path>) -> Result<AppState, StartError> {
        let dummy_password_hash = password::dummy_hash()?;
        Ok(AppState {
            uploads_dir: uploads_dir_next_to(&db).map(Arc::from),
            db,
            clock: Clock::System,
            player: Arc::new(Player::load(dist)),
            media_dir: None,
            dummy_password_hash: dummy_password_hash.into(),
            public_url: PublicUrl(Arc::from("http://127.0.0.1:8080")),
            rate_limiter: Arc::new(RateLimiter::new(RateLimits::default())),
            live_rooms: Arc::new(LiveRooms::default()),
            ice: IceConfig::default(),
        })
    }

    /// Serves course media from `media_dir` at `/media/...`. The directory may be missing (or
    /// appear later): until it exists, media requests answer 404.
    pub fn with_media_dir(mut self, media_dir: impl Into<PathBuf>) -> AppState {
        self.media_dir = Some(Arc::from(media_dir.into()));
        self
    }

    /// Stores assignment uploads in `uploads_dir` (made on the first upload).
    pub fn with_uploads_dir(mut self, uploads_dir: impl Into<PathBuf>) -> AppState {
        self.uploads_dir = Some(Arc::from(uploads_dir.into()));
        self
    }

    /// Judges time by `clock` instead of the system clock (tests use a manual one).
    pub fn with_clock(mut self, clock: Clock) -> AppState {
        self.clock = clock;
        self
    }

    /// Starts launch links with `public_url`.
    pub fn with_public_url(mut self, public_url: PublicUrl) -> AppState {
        self.public_url = public_url;
        self
    }

    /// Limits calls per peer address by `limits` instead of [`RateLimits::default`], counting
    /// from zero.
    pub fn with_rate_limits(mut self, limits: RateLimits) -> AppState {
        self.rate_limiter = Arc::new(RateLimiter::new(limits));
        self
    }

    /// Tells live participants to use `ice`'s STUN and TURN servers.
    pub fn with_ice(mut self, ice: IceConfig) -> AppState {
        self.ice = ice;
        self
    }

    /// The database pool.
    pub fn db(&self) -> &SqlitePool {
        &self.db
    }
}

/// The `uploads` directory next to `db`'s file; `None` for an in-memory database (`:memory:`,
/// which sqlx names `file:sqlx-in-memory-…`).
fn uploads_dir_next_to(db: &SqlitePool) -> Option<PathBuf> {
    let options = db.connect_options();
    let file = options.get_filename();
    let name = file.to_string_lossy();
    if name.is_empty() || name == ":memory:" || name.starts_with("file:") {
        return None;
    }
    let dir = file
        .parent()
        .filter(|parent| !parent.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    Some(dir.join("uploads"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_urls_are_an_origin_and_a_path_without_a_trailing_slash() {
        let parsed = |text: &str| PublicUrl::parse(text).unwrap().as_str().to_owned();
        assert_eq!(
            parsed("https://Lectern.example.edu/"),
            "https://lectern.example.edu"
        );
        assert_eq!(parsed("http://127.0.0.1:8080"), "http://127.0.0.1:8080");
        assert_eq!(
            parsed("https://example.edu/learn/"),
            "https://example.edu/learn"
        );
        for bad in [
            "example.edu",
            "https://",
            "https://x.edu/a?b",
            "https://x.edu/a b",
        ] {
            assert!(PublicUrl::parse(bad).is_err(), "{bad}");
        }
    }

    #[tokio::test]
    async fn uploads_go_next_to_the_database_file_and_nowhere_for_memory() {
        use sqlx::sqlite::SqliteConnectOptions;
        use std::str::FromStr;
        let lazy = |options: SqliteConnectOptions| SqlitePool::connect_lazy_with(options);
        let file = lazy(SqliteConnectOptions::new().filename("/srv/lectern/lectern.db"));
        assert_eq!(
            uploads_dir_next_to(&file),
            Some(PathBuf::from("/srv/lectern/uploads"))
        );
        let bare = lazy(SqliteConnectOptions::new().filename("lectern.db"));
        assert_eq!(uploads_dir_next_to(&bare), Some(PathBuf::from("./uploads")));
        let memory = lazy(SqliteConnectOptions::from_str("sqlite::memory:").unwrap());
        assert_eq!(uploads_dir_next_to(&memory), None);
    }
}
