//! `cargo xtask`: the project's two front doors (`run` and `test`), plus `setup` and
//! `bench`. Every command installs what it needs on a fresh machine and skips what is there.

mod bench;
mod demo_media;
mod process;
mod run;
mod setup;
mod stack;
mod test;

use anyhow::{bail, Result};
use std::path::PathBuf;

const USAGE: &str = "usage: cargo xtask <command>

commands:
  setup            install the toolchain pieces (wasm target, trunk, wasm-bindgen, binaryen,
                   ffmpeg, espeak-ng, chromium)
  run [--port N]   build the player, seed the demo database and serve on 127.0.0.1:8080
  test             fmt, clippy (host + wasm), host tests, browser tests, end-to-end tests
  bench            report bundle sizes, start and first-frame times, quiz render times,
                   grading speed (native and wasm), IndexedDB writes per second and the
                   time to sync 10,000 events (a report, not a gate)";

fn main() {
    if let Err(err) = dispatch() {
        eprintln!("xtask: error: {err:#}");
        std::process::exit(1);
    }
}

fn dispatch() -> Result<()> {
    put_cargo_bin_on_path();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(command) = args.first() else {
        println!("{USAGE}");
        return Ok(());
    };
    let rest = &args[1..];
    match command.as_str() {
        "setup" => setup::all(setup::Needs::Everything),
        "run" => run::run(rest),
        "test" => test::test(),
        "bench" => bench::bench(),
        // Maintenance, not listed: regenerate the demo course's lecture media on its own.
        "demo-media" => demo_media_command(rest),
        "help" | "--help" | "-h" => {
            println!("{USAGE}");
            Ok(())
        }
        other => bail!("unknown command {other:?}\n\n{USAGE}"),
    }
}

fn demo_media_command(args: &[String]) -> Result<()> {
    let is_forced = match args {
        [] => false,
        [flag] if flag == "--force" => true,
        _ => bail!("usage: cargo xtask demo-media [--force]"),
    };
    setup::demo_media_tools()?;
    demo_media::ensure(is_forced)
}

/// The workspace root (the folder holding the root Cargo.toml).
pub fn root() -> PathBuf {
    // `cargo run` sets CARGO_MANIFEST_DIR for the running binary too. Prefer it to the value
    // baked in at compile time: with a target directory shared between checkouts, this binary
    // may have been built in another checkout, and must still work on the one it runs for.
    let xtask_dir = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    xtask_dir.parent().map(PathBuf::from).unwrap_or(xtask_dir)
}

/// The shared cargo target directory: `CARGO_TARGET_DIR`, else `<root>/target`.
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target"))
}

/// The cargo that launched us, so the pinned toolchain is used throughout.
pub fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())
}

/// Tools that `cargo install` puts in `$CARGO_HOME/bin` must be found even when that
/// folder is not on the caller's PATH.
fn put_cargo_bin_on_path() {
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo")));
    let Some(bin) = cargo_home.map(|home| home.join("bin")) else {
        return;
    };
    let current = std::env::var_os("PATH").unwrap_or_default();
    let mut paths: Vec<PathBuf> = std::env::split_paths(&current).collect();
    if !paths.contains(&bin) {
        paths.insert(0, bin);
        if let Ok(joined) = std::env::join_paths(paths) {
            std::env::set_var("PATH", joined);
        }
    }
}
