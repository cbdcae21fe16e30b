//! `cargo xtask bench`: a report, never a gate. Builds the release player, starts the
//! server and chromedriver, and runs the `lectern-bench` reporter from the e2e crate,
//! which prints bundle sizes (raw, gzip, brotli) and the cold start time to the catalog.

use crate::process::{free_port, run, Service};
use crate::{cargo, root, run::build_player, setup, target_dir, test::scratch_dir};
use anyhow::Result;
use std::process::Command;

pub fn bench() -> Result<()> {
    setup::all(setup::Needs::Everything)?;
    build_player()?;
    run(Command::new(cargo()).current_dir(root()).args([
        "build",
        "-p",
        "lectern-server",
        "--profile",
        "server",
    ]))?;
    let scratch = scratch_dir()?;
    let server_port = free_port()?;
    let _server = Service::start(
        "lectern-server",
        Command::new(target_dir().join("server").join("lectern-server"))
            .args([
                "--host",
                "127.0.0.1",
                "--port",
                &server_port.to_string(),
                "--demo",
            ])
            .arg("--db")
            .arg(scratch.join("bench.db"))
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
        .args([
            "run",
            "--quiet",
            "-p",
            "lectern-e2e",
            "--bin",
            "lectern-bench",
            "--",
        ])
        .arg(root().join("dist"))
        .env(
            "LECTERN_BASE_URL",
            format!("http://127.0.0.1:{server_port}"),
        )
        .env(
            "LECTERN_WEBDRIVER_URL",
            format!("http://127.0.0.1:{driver_port}"),
        )
        .env("LECTERN_CHROMIUM", setup::CHROMIUM))
}
