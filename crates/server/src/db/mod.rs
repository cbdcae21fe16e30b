//! SQLite storage: opening the database (created on first use, WAL, foreign keys on), the
//! numbered migrations in `migrations/`, and one module of queries per table (`attempts`
//! holds quiz attempts and the reviews of their answers, `events` learner events and the
//! resends that conflicted with them, `progress` the progress they add up to, `api_keys` the
//! keys LMSs hold, `launches` their single-use launch links; `users` also maps LMS learners
//! to accounts; `uploads` and `submissions` hold assignment files, work handed in and its
//! grades; `discussions` holds posts, their versions and threads, `notifications` each
//! user's inbox and `announcements` what instructors sent; `live` keeps what live rooms
//! exposed and `recordings` their recordings' uploads).

pub mod announcements;
pub mod api_keys;
pub mod attempts;
pub mod courses;
pub mod discussions;
pub mod enrolments;
pub mod events;
pub mod gradebook;
pub mod launches;
pub mod live;
pub mod notifications;
pub mod progress;
pub mod recordings;
pub mod sessions;
pub mod submissions;
pub mod uploads;
pub mod users;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions};
use sqlx::SqlitePool;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Why the database could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("could not create the directory {}: {source}", path.display())]
    CreateDir {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{location:?} is not a SQLite path or URL: {source}")]
    BadLocation {
        location: String,
        source: sqlx::Error,
    },
    #[error("only SQLite databases are supported for now, not {0}:// URLs")]
    Unsupported(String),
    #[error("could not open the database: {0}")]
    Open(#[source] sqlx::Error),
    #[error("could not migrate the database: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

/// Opens (creating if missing) and migrates the database at `location`: a file path, or a
/// `sqlite:` URL as in `DATABASE_URL`.
pub async fn open(location: &str) -> Result<SqlitePool, OpenError> {
    if location.contains("://") && !location.starts_with("sqlite:") {
        let scheme = location.split("://").next().unwrap_or_default();
        return Err(OpenError::Unsupported(scheme.to_owned()));
    }
    let options = if location.starts_with("sqlite:") {
        SqliteConnectOptions::from_str(location).map_err(|source| OpenError::BadLocation {
            location: location.to_owned(),
            source,
        })?
    } else {
        SqliteConnectOptions::new().filename(location)
    };
    let options = options
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(5));
    create_parent_dir(options.get_filename())?;
    let pool = SqlitePoolOptions::new()
        .max_connections(8)
        .connect_with(options)
        .await
        .map_err(OpenError::Open)?;
    sqlx::migrate!("./migrations").run(&pool).await?;
    Ok(pool)
}

fn create_parent_dir(file: &Path) -> Result<(), OpenError> {
    let Some(parent) = file.parent().filter(|p| !p.as_os_str().is_empty()) else {
        return Ok(());
    };
    std::fs::create_dir_all(parent).map_err(|source| OpenError::CreateDir {
        path: parent.to_owned(),
        source,
    })
}

/// A stored value that does not read back as its type.
pub(crate) fn decode_error(err: impl std::error::Error + Send + Sync + 'static) -> sqlx::Error {
    sqlx::Error::Decode(Box::new(err))
}

/// A value that cannot be written as its column.
pub(crate) fn encode_error(err: impl std::error::Error + Send + Sync + 'static) -> sqlx::Error {
    sqlx::Error::Encode(Box::new(err))
}

/// The current time in Unix seconds.
pub(crate) fn unix_now() -> i64 {
    let since_epoch = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    i64::try_from(since_epoch.as_secs()).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn creates_the_directory_and_accepts_sqlite_urls() {
        let scratch = tempfile::tempdir().unwrap();
        let nested = scratch.path().join("a").join("b").join("lectern.db");
        open(nested.to_str().unwrap()).await.unwrap();
        assert!(nested.exists());
        let url = format!(
            "sqlite://{}",
            scratch.path().join("c").join("url.db").display()
        );
        open(&url).await.unwrap();
        assert!(scratch.path().join("c").join("url.db").exists());
    }

    #[tokio::test]
    async fn refuses_other_databases_without_echoing_the_url() {
        let Err(err) = open("postgres://user:secret@host/db").await else {
            panic!("opened postgres")
        };
        assert!(matches!(err, OpenError::Unsupported(_)));
        assert!(!err.to_string().contains("secret"));
    }
}

/// A new random (version 4) UUID in lowercase hex, for ids the server chooses. A failing
/// random source is reported as a value that could not be written.
pub(crate) fn random_uuid() -> Result<String, sqlx::Error> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|err| encode_error(RandomSourceFailed(err)))?;
    Ok(lectern_core::sync::uuid_v4_from_bytes(bytes))
}

#[derive(Debug, thiserror::Error)]
#[error("the random source failed: {0}")]
struct RandomSourceFailed(getrandom::Error);

#[cfg(test)]
mod uuid_tests {
    #[test]
    fn random_uuids_are_lowercase_version_4_and_differ() {
        let first = super::random_uuid().unwrap();
        let second = super::random_uuid().unwrap();
        assert!(lectern_core::sync::is_uuid(&first), "{first}");
        assert_eq!(&first[14..15], "4");
        assert!(matches!(&first[19..20], "8" | "9" | "a" | "b"));
        assert_ne!(first, second);
    }
}
