//! `lectern-server`: serve the API and the player, or import a course, or enrol a user.

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use lectern_core::{user::Role, CourseId, UserId};
use lectern_server::{app, db, demo, AppState};
use sqlx::sqlite::SqliteConnectOptions;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::str::FromStr;

/// Lectern's reference LMS.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1")]
    host: String,
    /// Port to listen on (0 picks a free one).
    #[arg(long, default_value_t = 8080)]
    port: u16,
    /// SQLite database file (or `sqlite:` URL); created with its directory if missing.
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "./data/lectern.db",
        global = true
    )]
    db: String,
    /// The built player (Trunk's dist directory) to serve at `/`.
    #[arg(long)]
    dist: Option<PathBuf>,
    /// Course media (video, audio, captions, slides) to serve at `/media/`; defaults to a
    /// `media` directory next to the database file. A missing directory serves 404s.
    #[arg(long, env = "LECTERN_MEDIA_DIR")]
    media: Option<PathBuf>,
    /// Seed the demo courses and accounts if the database is empty; in a database seeded by
    /// an older version, bring the demo courses up to date (accounts and enrolments stay).
    #[arg(long)]
    demo: bool,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Validate a course manifest and store it (replacing a course with the same id).
    Import {
        /// The course manifest (JSON).
        manifest: PathBuf,
    },
    /// Enrol an existing user in a stored course.
    Enrol {
        username: String,
        course_id: String,
        /// The user's role in the course: learner or instructor.
        #[arg(long, default_value = "learner")]
        role: String,
    },
}

fn main() -> Result<ExitCode> {
    let is_terminal = std::io::IsTerminal::is_terminal(&std::io::stderr());
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(is_terminal)
        .with_target(false)
        .init();
    let cli = Cli::parse();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        match &cli.command {
            None => serve(&cli).await.map(|()| ExitCode::SUCCESS),
            Some(Command::Import { manifest }) => import(&cli.db, manifest).await,
            Some(Command::Enrol {
                username,
                course_id,
                role,
            }) => enrol(&cli.db, username, course_id, role).await,
        }
    })
}

async fn serve(cli: &Cli) -> Result<()> {
    let pool = db::open(&cli.db)
        .await
        .with_context(|| format!("opening the database {}", cli.db))?;
    if cli.demo {
        let outcome = demo::seed(&pool).await.context("seeding the demo")?;
        tracing::info!(?outcome, "demo seed");
    }
    let media_dir = cli
        .media
        .clone()
        .unwrap_or_else(|| default_media_dir(&cli.db));
    if !media_dir.is_dir() {
        tracing::warn!(media = %media_dir.display(), "no media directory; /media/ answers 404");
    }
    let state = AppState::new(pool, cli.dist.as_deref())?.with_media_dir(media_dir);
    let listener = tokio::net::TcpListener::bind((cli.host.as_str(), cli.port))
        .await
        .with_context(|| format!("binding {}:{}", cli.host, cli.port))?;
    let address = listener.local_addr()?;
    let mut stdout = std::io::stdout();
    writeln!(stdout, "listening on http://{address}")?;
    stdout.flush()?;
    axum::serve(listener, app(state))
        .with_graceful_shutdown(shutdown_signal())
        .await?;
    tracing::info!("stopped");
    Ok(())
}

/// The `media` directory next to the database file; for an in-memory database, or a URL
/// without a file, `./data/media`.
fn default_media_dir(db_location: &str) -> PathBuf {
    let fallback = || PathBuf::from("./data/media");
    let database_file = if db_location.starts_with("sqlite:") {
        if db_location.contains(":memory:") || db_location.contains("mode=memory") {
            return fallback();
        }
        // The same parse `db::open` uses, so both agree on where the file is.
        match SqliteConnectOptions::from_str(db_location) {
            Ok(options) => options.get_filename().to_owned(),
            Err(_) => return fallback(),
        }
    } else {
        PathBuf::from(db_location)
    };
    match database_file.parent() {
        Some(parent) => parent.join("media"),
        None => fallback(),
    }
}

/// Resolves on SIGINT (Ctrl-C) or SIGTERM.
async fn shutdown_signal() {
    let interrupt = tokio::signal::ctrl_c();
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(err) => {
                tracing::warn!(error = %err, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    tokio::select! {
        _ = interrupt => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}

/// Validates before touching the database, so a bad manifest writes nothing at all.
async fn import(db_location: &str, manifest: &PathBuf) -> Result<ExitCode> {
    let json = std::fs::read_to_string(manifest)
        .with_context(|| format!("reading {}", manifest.display()))?;
    let course = match lectern_core::parse_manifest(&json) {
        Ok(course) => course,
        Err(problems) => {
            let mut stderr = std::io::stderr();
            writeln!(
                stderr,
                "{} is not a valid course; nothing was imported:",
                manifest.display()
            )?;
            for problem in problems.problems() {
                writeln!(stderr, "{problem}")?;
            }
            return Ok(ExitCode::from(2));
        }
    };
    let pool = db::open(db_location)
        .await
        .with_context(|| format!("opening the database {db_location}"))?;
    lectern_server::import::import_course(&pool, &course).await?;
    println!(
        "imported {} \"{}\" ({} lessons)",
        course.course_id,
        course.title,
        course.lesson_count()
    );
    Ok(ExitCode::SUCCESS)
}

async fn enrol(db_location: &str, username: &str, course_id: &str, role: &str) -> Result<ExitCode> {
    let user_id =
        UserId::parse(username).with_context(|| format!("{username:?} is not a username"))?;
    let course_id =
        CourseId::parse(course_id).with_context(|| format!("{course_id:?} is not a course id"))?;
    let Some(role) = Role::parse(role) else {
        anyhow::bail!("{role:?} is not a role; use learner or instructor");
    };
    let pool = db::open(db_location)
        .await
        .with_context(|| format!("opening the database {db_location}"))?;
    let mut conn = pool.acquire().await?;
    db::enrolments::enrol(&mut conn, &user_id, &course_id, role).await?;
    println!("enrolled {user_id} in {course_id} as {}", role.as_str());
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_defaults_to_a_directory_next_to_the_database() {
        assert_eq!(
            default_media_dir("./data/lectern.db"),
            PathBuf::from("./data/media")
        );
        assert_eq!(
            default_media_dir("/srv/lectern/lectern.db"),
            PathBuf::from("/srv/lectern/media")
        );
        assert_eq!(default_media_dir("lectern.db"), PathBuf::from("media"));
        assert_eq!(
            default_media_dir("sqlite:///srv/lectern/lectern.db"),
            PathBuf::from("/srv/lectern/media")
        );
        assert_eq!(
            default_media_dir("sqlite://data/x.db?mode=rwc"),
            PathBuf::from("data/media")
        );
        assert_eq!(
            default_media_dir("sqlite::memory:"),
            PathBuf::from("./data/media")
        );
        assert_eq!(
            default_media_dir("sqlite://x.db?mode=memory"),
            PathBuf::from("./data/media")
        );
    }
}
