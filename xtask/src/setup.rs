//! Installs what the tasks need, skipping whatever is already there: the wasm target,
//! Trunk, the wasm-bindgen CLI, binaryen (wasm-opt), ffmpeg, espeak-ng and the DejaVu
//! fonts (for the demo course's lecture media), and Chromium with ChromeDriver.
//! Versions follow the pins in Trunk.toml and Cargo.toml.

use crate::demo_media;
use crate::process::{output_of, run};
use anyhow::{bail, Result};
use std::process::Command;

pub const TRUNK_VERSION: &str = "0.21.14";
/// Must equal the `wasm-bindgen` crate pin in Cargo.toml.
pub const WASM_BINDGEN_VERSION: &str = "0.2.130";
pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// What a task needs installed.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Needs {
    /// Building the player and the demo course's media.
    Player,
    /// That, and driving a browser.
    Everything,
}

pub fn all(needs: Needs) -> Result<()> {
    wasm_target()?;
    let mut packages = Vec::new();
    if !has_command("wasm-opt", "--version") {
        packages.push("binaryen");
    }
    packages.extend(missing_demo_media_packages());
    if needs == Needs::Everything {
        if !std::path::Path::new(CHROMIUM).exists() {
            packages.push("chromium");
        }
        if !std::path::Path::new(CHROMEDRIVER).exists() {
            packages.push("chromium-driver");
        }
    }
    apt_install(&packages)?;
    cargo_install("trunk", TRUNK_VERSION, &["--locked"])?;
    // No --locked: the registry mirror lacks one of its locked dependencies.
    cargo_install("wasm-bindgen-cli", WASM_BINDGEN_VERSION, &[])?;
    Ok(())
}

/// Only the tools that generate the demo course's lecture media.
pub fn demo_media_tools() -> Result<()> {
    apt_install(&missing_demo_media_packages())
}

fn missing_demo_media_packages() -> Vec<&'static str> {
    let mut packages = Vec::new();
    if !has_command("ffmpeg", "-version") {
        packages.push("ffmpeg");
    }
    if !has_command("espeak-ng", "--version") {
        packages.push("espeak-ng");
    }
    let fonts = [demo_media::FONT_REGULAR, demo_media::FONT_BOLD];
    if !fonts.iter().all(|font| std::path::Path::new(font).exists()) {
        packages.push("fonts-dejavu-core");
    }
    packages
}

fn wasm_target() -> Result<()> {
    let installed = output_of(Command::new("rustup").args(["target", "list", "--installed"]))
        .unwrap_or_default();
    if installed
        .lines()
        .any(|line| line.trim() == "wasm32-unknown-unknown")
    {
        return Ok(());
    }
    run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
}

fn has_command(program: &str, version_flag: &str) -> bool {
    output_of(Command::new(program).arg(version_flag)).is_some()
}

fn apt_install(packages: &[&str]) -> Result<()> {
    if packages.is_empty() {
        return Ok(());
    }
    let is_root = output_of(Command::new("id").arg("-u")).is_some_and(|uid| uid.trim() == "0");
    let prefix: Vec<&str> = if is_root { vec![] } else { vec!["sudo", "-n"] };
    let apt = |args: &[&str]| {
        let mut all: Vec<&str> = prefix.clone();
        all.push("apt-get");
        all.extend_from_slice(args);
        let mut command = Command::new(all[0]);
        command
            .args(&all[1..])
            .env("DEBIAN_FRONTEND", "noninteractive");
        command
    };
    run(&mut apt(&["update", "-q"]))?;
    let mut install = vec!["install", "-y", "-q"];
    install.extend_from_slice(packages);
    run(&mut apt(&install))
}

/// `cargo install CRATE --version V` unless the binary already reports version V.
fn cargo_install(krate: &str, version: &str, extra: &[&str]) -> Result<()> {
    let binary = match krate {
        "wasm-bindgen-cli" => "wasm-bindgen",
        other => other,
    };
    let reported = output_of(Command::new(binary).arg("--version")).unwrap_or_default();
    if reported.split_whitespace().any(|word| word == version) {
        return Ok(());
    }
    eprintln!("xtask: installing {krate} {version} (this compiles from source and takes a while)");
    let mut command = Command::new(crate::cargo());
    command
        .args(["install", krate, "--version", version])
        .args(extra);
    // Installs build in their own folder so they never contend for the project's target lock.
    command.env_remove("CARGO_TARGET_DIR");
    run(&mut command)?;
    let reported = output_of(Command::new(binary).arg("--version")).unwrap_or_default();
    if !reported.split_whitespace().any(|word| word == version) {
        bail!("{binary} still reports {reported:?} after installing {version}; is ~/.cargo/bin on PATH?");
    }
    Ok(())
}
