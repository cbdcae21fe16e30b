//! `cargo xtask test`: every check CI runs, in order of cost: formatting, clippy on the
//! host and wasm targets, host tests (core, api, server, xtask), the wasm-bindgen browser
//! tests in headless Chromium, then the end-to-end suite in real Chromium against a server
//! started here on a free port with a temporary database.

use crate::process::{free_port, run, Service};
use crate::{cargo, root, run::build_player, setup, target_dir};
use anyhow::{Context, Result};
use std::path::PathBuf;
use std::process::Command;

/// Libraries the player links, linted for wasm32 too (their tests use host-only tools
/// such as proptest, so only the libraries build for wasm).
const WASM_LIBRARIES: &[&str] = &["lectern-core", "lectern-api"];

pub fn test() -> Result<()> {
    setup::all(setup::Needs::Everything)?;
    let cargo_in_root = || {
        let mut command = Command::new(cargo());
        command.current_dir(root());
        command
    };
    run(cargo_in_root().args(["fmt", "--all", "--", "--check"]))?;
    run(cargo_in_root().args([
        "clippy",
        "--workspace",
        "--exclude",
        "lectern",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]))?;
    run(cargo_in_root()
        .args([
            "clippy",
            "--target",
            "wasm32-unknown-unknown",
            "-p",
            "lectern",
        ])
        .args(["--all-targets", "--", "-D", "warnings"]))?;
    let mut wasm_libraries = cargo_in_root();
    wasm_libraries.args(["clippy", "--target", "wasm32-unknown-unknown"]);
    for krate in WASM_LIBRARIES {
        wasm_libraries.args(["-p", krate]);
    }
    run(wasm_libraries.args(["--", "-D", "warnings"]))?;
    run(cargo_in_root().args([
        "test",
        "--workspace",
        "--exclude",
        "lectern",
        "--exclude",
        "lectern-e2e",
    ]))?;
    run(cargo_in_root()
        .args([
            "test",
            "-p",
            "lectern",
            "--target",
            "wasm32-unknown-unknown",
        ])
        .env("CHROMEDRIVER", setup::CHROMEDRIVER)
        .env("WASM_BINDGEN_TEST_TIMEOUT", "120"))?;
    end_to_end()
}

/// Builds the player and the server, starts both services, and runs `lectern-e2e`.
fn end_to_end() -> Result<()> {
    build_player()?;
    run(Command::new(cargo())
        .current_dir(root())
        .args(["build", "-p", "lectern-server"]))?;
    let scratch = scratch_dir()?;
    let server_port = free_port()?;
    let _server = Service::start(
        "lectern-server",
        Command::new(target_dir().join("debug").join("lectern-server"))
            .args([
                "--host",
                "127.0.0.1",
                "--port",
                &server_port.to_string(),
                "--demo",
            ])
            .arg("--db")
            .arg(scratch.join("e2e.db"))
            .arg("--dist")
            .arg(root().join("dist")),
        server_port,
        &scratch.join("server.log"),
    )?;
    let driver_port = free_port()?;
    let _driver = Service::start(
        "chromedriver",
        Command::new(setup::CHROMEDRIVER).arg(format!("--port={driver_port}")),
        driver_port,
        &scratch.join("chromedriver.log"),
    )?;
    run(Command::new(cargo())
        .current_dir(root())
        .args(["test", "-p", "lectern-e2e", "--", "--test-threads=2"])
        .env(
            "LECTERN_BASE_URL",
            format!("http://127.0.0.1:{server_port}"),
        )
        .env(
            "LECTERN_WEBDRIVER_URL",
            format!("http://127.0.0.1:{driver_port}"),
        )
        .env("LECTERN_CHROMIUM", setup::CHROMIUM))
    .with_context(|| {
        format!(
            "end-to-end tests failed; server log: {}",
            scratch.join("server.log").display()
        )
    })
}

/// A fresh folder for this run's database and logs.
pub fn scratch_dir() -> Result<PathBuf> {
    let dir = target_dir()
        .join("xtask")
        .join(format!("run-{}", std::process::id()));
    if dir.exists() {
        std::fs::remove_dir_all(&dir)?;
    }
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    Ok(dir)
}
