//! `lectern-server`: serve the API and the player, or import a course, enrol a user, or
//! manage the API keys LMSs launch learners with.

mod apikey_command;
mod course_commands;

use anyhow::{Context, Result};
use apikey_command::ApikeyCommand;
use clap::{Parser, Subcommand};
use lectern_server::{app, db, demo, log_subscriber, AppState, IceConfig, PublicUrl, RateLimits};
use sqlx::sqlite::SqliteConnectOptions;
use std::io::Write;
use std::net::SocketAddr;
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
    /// Where files learners upload for assignments are stored; defaults to an `uploads`
    /// directory next to the database file, made on the first upload.
    #[arg(long, env = "LECTERN_UPLOADS_DIR")]
    uploads: Option<PathBuf>,
    /// Where browsers reach this server (`https://host[:port][/path]`), as launch links
    /// start; defaults to `http://<host>:<port>`.
    #[arg(long, env = "LECTERN_PUBLIC_URL", value_parser = PublicUrl::parse)]
    public_url: Option<PublicUrl>,
    /// Seed the demo courses and accounts if the database is empty; in a database seeded by
    /// an older version, bring the demo courses up to date (accounts and enrolments stay).
    #[arg(long)]
    demo: bool,
    /// Turn off the per-address rate limits (sign-in, launches, events): for load tests on
    /// loopback, where every client shares one address. Never on a server others reach.
    #[arg(long)]
    no_rate_limits: bool,
    /// A STUN server live participants use (`stun:host:port`); repeat for more. None: host
    /// candidates only, enough on loopback and a LAN.
    #[arg(long = "stun", value_name = "URL")]
    stun_urls: Vec<String>,
    /// A TURN server (`turn:host:port?transport=udp`, `turns:…`); repeat for more. Each
    /// participant gets expiring credentials made with `--turn-secret`.
    #[arg(long = "turn", value_name = "URL", requires = "turn_secret")]
    turn_urls: Vec<String>,
    /// The secret shared with the TURN server (coturn's `static-auth-secret`).
    #[arg(long, env = "LECTERN_TURN_SECRET", hide_env_values = true)]
    turn_secret: Option<String>,
    /// How long TURN credentials stay good, in minutes.
    #[arg(long, default_value_t = 360)]
    turn_ttl_minutes: u32,
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
    /// Make, list or revoke the API keys LMSs launch learners with.
    Apikey {
        #[command(subcommand)]
        command: ApikeyCommand,
    },
}

fn main() -> Result<ExitCode> {
    let is_terminal = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let level = tracing::level_filters::LevelFilter::INFO;
    tracing::subscriber::set_global_default(log_subscriber(std::io::stderr, is_terminal, level))?;
    let cli = Cli::parse();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        match &cli.command {
            None => serve(&cli).await.map(|()| ExitCode::SUCCESS),
            Some(Command::Import { manifest }) => course_commands::import(&cli.db, manifest).await,
            Some(Command::Enrol {
                username,
                course_id,
                role,
            }) => course_commands::enrol(&cli.db, username, course_id, role).await,
            Some(Command::Apikey { command }) => apikey_command::run(&cli.db, command).await,
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
        if outcome == demo::SeedOutcome::Seeded {
            demo::seed_learner_activity(&pool)
                .await
                .context("seeding the demo learners' activity")?;
        }
    }
    let media_dir = cli
        .media
        .clone()
        .unwrap_or_else(|| default_media_dir(&cli.db));
    if !media_dir.is_dir() {
        tracing::warn!(media = %media_dir.display(), "no media directory; /media/ answers 404");
    }
    let listener = tokio::net::TcpListener::bind((cli.host.as_str(), cli.port))
        .await
        .with_context(|| format!("binding {}:{}", cli.host, cli.port))?;
    let address = listener.local_addr()?;
    let public_url = match &cli.public_url {
        Some(public_url) => public_url.clone(),
        None => default_public_url(&cli.host, address.port())?,
    };
    tracing::info!(public_url = public_url.as_str(), "launch links start here");
    let mut state = AppState::new(pool, cli.dist.as_deref())?
        .with_media_dir(media_dir)
        .with_public_url(public_url);
    if let Some(uploads) = &cli.uploads {
        state = state.with_uploads_dir(uploads);
    }
    state = state.with_ice(IceConfig {
        stun_urls: cli.stun_urls.clone(),
        turn_urls: cli.turn_urls.clone(),
        turn_secret: cli.turn_secret.as_deref().map(Into::into),
        turn_ttl: jiff::SignedDuration::from_mins(i64::from(cli.turn_ttl_minutes)),
    });
    if cli.no_rate_limits {
        tracing::warn!("rate limits are off (--no-rate-limits): for load tests only");
        state = state.with_rate_limits(RateLimits::unlimited());
    }
    let mut stdout = std::io::stdout();
    writeln!(stdout, "listening on http://{address}")?;
    stdout.flush()?;
    // The peer address is what rate limits count by.
    let service = app(state).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, service)
        .with_graceful_shutdown(shutdown_signal())
        .await?;
    tracing::info!("stopped");
    Ok(())
}

/// `http://<host>:<port>`, with an IPv6 host in brackets.
fn default_public_url(host: &str, port: u16) -> Result<PublicUrl> {
    let url = match host.contains(':') {
        true => format!("http://[{host}]:{port}"),
        false => format!("http://{host}:{port}"),
    };
    PublicUrl::parse(&url).with_context(|| format!("--host {host} makes no public URL"))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_public_url_defaults_to_the_listening_address() {
        let url = |host, port| default_public_url(host, port).unwrap().as_str().to_owned();
        assert_eq!(url("127.0.0.1", 8080), "http://127.0.0.1:8080");
        assert_eq!(url("localhost", 3000), "http://localhost:3000");
        assert_eq!(url("::1", 8080), "http://[::1]:8080");
    }

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
