//! The running system that browser-driven tasks need: the player built in release, the
//! demo course's lecture media, the reference server on a free port with a fresh demo
//! database, and chromedriver.

use crate::process::{describe, free_port, run, Service};
use crate::{cargo, demo_media, root, run::build_player, setup, target_dir};
use anyhow::{bail, Context, Result};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Server and chromedriver, stopped when dropped.
pub struct Stack {
    server_port: u16,
    driver_port: u16,
    scratch: PathBuf,
    server_binary: PathBuf,
    database: PathBuf,
    _server: Service,
    _driver: Service,
}

impl Stack {
    /// Builds the player and the server (with cargo `profile`: "dev" or "server") and starts
    /// both services.
    pub fn start(profile: &str) -> Result<Stack> {
        Stack::start_with(profile, &[])
    }

    /// As [`Stack::start`], with `server_args` added to the server's command line.
    pub fn start_with(profile: &str, server_args: &[&str]) -> Result<Stack> {
        demo_media::ensure(false)?;
        build_player()?;
        run(Command::new(cargo()).current_dir(root()).args([
            "build",
            "-p",
            "lectern-server",
            "--profile",
            profile,
        ]))?;
        let profile_dir = if profile == "dev" { "debug" } else { profile };
        let scratch = scratch_dir()?;
        let server_binary = target_dir().join(profile_dir).join("lectern-server");
        let database = scratch.join("lectern.db");
        let server_port = free_port()?;
        let server = Service::start(
            "lectern-server",
            Command::new(&server_binary)
                .args(["--host", "127.0.0.1", "--port", &server_port.to_string()])
                .arg("--demo")
                .arg("--db")
                .arg(&database)
                .arg("--dist")
                .arg(root().join("dist"))
                .arg("--media")
                .arg(demo_media::media_root())
                .args(server_args),
            server_port,
            &scratch.join("server.log"),
        )?;
        let driver_port = free_port()?;
        let driver = Service::start(
            "chromedriver",
            Command::new(setup::CHROMEDRIVER).arg(format!("--port={driver_port}")),
            driver_port,
            &scratch.join("chromedriver.log"),
        )?;
        Ok(Stack {
            server_port,
            driver_port,
            scratch,
            server_binary,
            database,
            _server: server,
            _driver: driver,
        })
    }

    /// The server binary this stack runs and its database, for tests that manage courses
    /// while it serves (`lectern-server --db DB import FILE`).
    pub fn management(&self) -> (&Path, &Path) {
        (&self.server_binary, &self.database)
    }

    /// This run's folder for its database, logs and any files a task makes.
    pub fn scratch(&self) -> &Path {
        &self.scratch
    }

    /// Runs a `lectern-server` command (`import FILE`, `enrol USER COURSE`) on this stack's
    /// database while the server runs. The demo is seeded only into an empty database, so
    /// extra courses go in after the server has started; SQLite's WAL lets both share it.
    pub fn manage<I, S>(&self, args: I) -> Result<()>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        run(Command::new(&self.server_binary)
            .arg("--db")
            .arg(&self.database)
            .args(args))
    }

    /// Creates an API key named `name` on this stack's database, allowed to embed the player
    /// from `origins`, as an LMS is given one, and returns the key: the last line that
    /// `lectern-server apikey create` prints.
    pub fn create_api_key(&self, name: &str, origins: &[String]) -> Result<String> {
        let mut command = Command::new(&self.server_binary);
        command
            .arg("--db")
            .arg(&self.database)
            .args(["apikey", "create", "--name", name]);
        for origin in origins {
            command.args(["--origin", origin]);
        }
        eprintln!("xtask: $ {}", describe(&command));
        let output = command
            .output()
            .with_context(|| format!("could not start {}", describe(&command)))?;
        if !output.status.success() {
            bail!(
                "{} failed with {}: {}",
                describe(&command),
                output.status,
                String::from_utf8_lossy(&output.stderr)
            );
        }
        let printed = String::from_utf8_lossy(&output.stdout);
        match printed
            .lines()
            .map(str::trim)
            .rfind(|line| !line.is_empty())
        {
            Some(key) => Ok(key.to_owned()),
            None => bail!("{} printed no key", describe(&command)),
        }
    }

    /// Runs `command` (a `lectern-e2e` target) against this stack.
    pub fn drive(&self, command: &mut Command) -> Result<()> {
        run(command
            .current_dir(root())
            .env(
                "LECTERN_BASE_URL",
                format!("http://127.0.0.1:{}", self.server_port),
            )
            .env(
                "LECTERN_WEBDRIVER_URL",
                format!("http://127.0.0.1:{}", self.driver_port),
            )
            .env("LECTERN_CHROMIUM", setup::CHROMIUM))
        .with_context(|| format!("server log: {}", self.scratch.join("server.log").display()))
    }
}

/// A fresh folder for this run's database and logs.
fn scratch_dir() -> Result<PathBuf> {
    let dir = target_dir()
        .join("xtask")
        .join(format!("run-{}", std::process::id()));
    if dir.exists() {
        std::fs::remove_dir_all(&dir)?;
    }
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    Ok(dir)
}
