//! `cargo xtask run`: builds the player in release and the demo course's lecture media
//! (once), then starts the reference server on 127.0.0.1 with the SQLite database and the
//! media in ./data, seeding the demo course on first start.

use crate::{demo_media, process::run as run_command, root, setup, target_dir};
use anyhow::{bail, Context, Result};
use std::process::Command;

pub const DEMO_SIGN_INS: &[(&str, &str, &str)] = &[
    ("learner1", "learner1", "learner"),
    ("learner2", "learner2", "learner"),
    ("learner3", "learner3", "learner"),
    ("instructor1", "instructor1", "instructor"),
];

pub fn run(args: &[String]) -> Result<()> {
    let port = match args {
        [] => 8080,
        [flag, port] if flag == "--port" => {
            port.parse().with_context(|| format!("bad port {port:?}"))?
        }
        _ => bail!("usage: cargo xtask run [--port N]"),
    };
    setup::all(setup::Needs::Player)?;
    demo_media::ensure(false)?;
    build_player()?;
    run_command(Command::new(crate::cargo()).current_dir(root()).args([
        "build",
        "-p",
        "lectern-server",
        "--profile",
        "server",
    ]))?;
    let server = target_dir().join("server").join("lectern-server");
    let database = root().join("data").join("lectern.db");
    println!();
    println!("Lectern is starting at http://127.0.0.1:{port}/");
    println!("Demo sign-ins (username / password):");
    for (username, password, role) in DEMO_SIGN_INS {
        println!("  {username} / {password}  ({role})");
    }
    println!("Database: {}   (stop with Ctrl-C)", database.display());
    println!();
    let mut command = Command::new(server);
    command
        .current_dir(root())
        .args(["--host", "127.0.0.1", "--port", &port.to_string(), "--demo"])
        .arg("--db")
        .arg(&database)
        .arg("--dist")
        .arg(root().join("dist"))
        .arg("--media")
        .arg(demo_media::media_root());
    run_command(&mut command)
}

/// `trunk build --release` into `<root>/dist`.
pub fn build_player() -> Result<()> {
    run_command(
        Command::new("trunk")
            .current_dir(root())
            .args(["build", "--release"])
            .env("CARGO_TARGET_DIR", target_dir()),
    )
}
