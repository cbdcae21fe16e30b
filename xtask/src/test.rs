//! `cargo xtask test`: every check CI runs, in order of cost: formatting, clippy on the
//! host and wasm targets, host tests (core, api, server, xtask), the wasm-bindgen browser
//! tests in headless Chromium, then the end-to-end suite in real Chromium against a server
//! started here on a free port with a temporary database.

use crate::process::{free_port, run};
use crate::stack::Stack;
use crate::{cargo, root, setup};
use anyhow::Result;
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
    remove_left_profiles();
    end_to_end()
}

/// Chromium's throwaway profiles (`org.chromium.Chromium.scoped_dir.*` in the temp folder,
/// about 100 MB each) that the browser tests' sessions left behind: every one no running
/// process names. Runs after runs would otherwise fill the disk.
fn remove_left_profiles() {
    let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else {
        return;
    };
    let command_lines: Vec<String> = std::fs::read_dir("/proc")
        .map(|processes| {
            processes
                .filter_map(|process| {
                    let cmdline = process.ok()?.path().join("cmdline");
                    std::fs::read(cmdline).ok()
                })
                .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
                .collect()
        })
        .unwrap_or_default();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        let path_text = path.to_string_lossy().into_owned();
        let is_in_use = command_lines.iter().any(|line| line.contains(&path_text));
        if name.starts_with("org.chromium.Chromium.scoped_dir.") && !is_in_use {
            if let Err(err) = std::fs::remove_dir_all(&path) {
                eprintln!("xtask: could not remove {}: {err}", path.display());
            }
        }
    }
}

/// Runs `lectern-e2e` in real Chromium against a freshly started stack. The tests act as an
/// LMS too: they get an API key, and a port for the page that embeds the player, whose
/// origin the key allows.
fn end_to_end() -> Result<()> {
    let stack = Stack::start("dev")?;
    let host_port = free_port()?;
    let host_origin = format!("http://127.0.0.1:{host_port}");
    let api_key = stack.create_api_key("e2e-lms", &[host_origin])?;
    let (server_binary, database) = stack.management();
    stack.drive(
        Command::new(cargo())
            .args(["test", "-p", "lectern-e2e", "--", "--test-threads=2"])
            .env("LECTERN_E2E_API_KEY", api_key)
            .env("LECTERN_E2E_HOST_PORT", host_port.to_string())
            .env("LECTERN_E2E_SERVER_BIN", server_binary)
            .env("LECTERN_E2E_DB", database),
    )
}
