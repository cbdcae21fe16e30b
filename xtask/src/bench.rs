//! `cargo xtask bench`: a report, never a gate. Builds the release player, starts the
//! server and chromedriver, and runs the `lectern-bench` reporter from the e2e crate,
//! which prints bundle sizes (raw, gzip, brotli), the wasm the lecture player added, the
//! cold start time to the catalog and the time from opening a video lesson to its first frame.

use crate::stack::Stack;
use crate::{cargo, root, setup};
use anyhow::Result;
use std::process::Command;

pub fn bench() -> Result<()> {
    setup::all(setup::Needs::Everything)?;
    let stack = Stack::start("server")?;
    stack.drive(
        Command::new(cargo())
            .args([
                "run",
                "--quiet",
                "-p",
                "lectern-e2e",
                "--bin",
                "lectern-bench",
                "--",
            ])
            .arg(root().join("dist")),
    )
}
