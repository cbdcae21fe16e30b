//! `lectern-bench DIST`: the figures `cargo xtask bench` reports. Run through xtask, which
//! builds the release player and starts the server and chromedriver.
//! - Bundle sizes of the built player: wasm, js and css, raw, gzip (level 9) and brotli (q 11).
//! - Start time: navigation to the catalog being visible, signed in, in a cold headless
//!   Chromium on loopback; the median of 5 loads, each in a fresh profile.

use anyhow::{bail, Context, Result};
use lectern_e2e::{Browser, Env};
use std::io::Write;
use std::path::{Path, PathBuf};

const COLD_LOADS: usize = 5;

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<()> {
    let dist = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .context("usage: lectern-bench DIST_DIR")?;
    report_sizes(&dist)?;
    report_start_time().await
}

fn report_sizes(dist: &Path) -> Result<()> {
    let mut rows = Vec::new();
    for entry in
        std::fs::read_dir(dist).with_context(|| format!("cannot read {}", dist.display()))?
    {
        let path = entry?.path();
        let kind = match path.extension().and_then(|e| e.to_str()) {
            Some("wasm") => "wasm",
            Some("js") => "js",
            Some("css") => "css",
            _ => continue,
        };
        let bytes = std::fs::read(&path)?;
        rows.push((
            kind,
            file_name(&path),
            bytes.len(),
            gzip_len(&bytes)?,
            brotli_len(&bytes)?,
        ));
    }
    if rows.is_empty() {
        bail!(
            "no wasm, js or css in {}: build the player first",
            dist.display()
        );
    }
    rows.sort();
    println!("\n== player bundle ({}) ==", dist.display());
    println!(
        "{:<6} {:<44} {:>10} {:>10} {:>10}",
        "kind", "file", "raw", "gzip", "brotli"
    );
    let mut totals = (0, 0, 0);
    for (kind, name, raw, gzip, brotli) in &rows {
        println!(
            "{kind:<6} {name:<44} {:>10} {:>10} {:>10}",
            kib(*raw),
            kib(*gzip),
            kib(*brotli)
        );
        totals = (totals.0 + raw, totals.1 + gzip, totals.2 + brotli);
    }
    println!(
        "{:<6} {:<44} {:>10} {:>10} {:>10}",
        "total",
        "",
        kib(totals.0),
        kib(totals.1),
        kib(totals.2)
    );
    Ok(())
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn kib(bytes: usize) -> String {
    format!("{:.1} KiB", bytes as f64 / 1024.0)
}

fn gzip_len(bytes: &[u8]) -> Result<usize> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes)?;
    Ok(encoder.finish()?.len())
}

fn brotli_len(bytes: &[u8]) -> Result<usize> {
    let mut out = Vec::new();
    {
        let mut writer = brotli::CompressorWriter::new(&mut out, 4096, 11, 22);
        writer.write_all(bytes)?;
    }
    Ok(out.len())
}

async fn report_start_time() -> Result<()> {
    let env = Env::from_env()?;
    let mut timings = Vec::with_capacity(COLD_LOADS);
    for _ in 0..COLD_LOADS {
        timings.push(cold_load_to_catalog(&env).await?);
    }
    timings.sort_by(f64::total_cmp);
    let median = timings[timings.len() / 2];
    let listed: Vec<String> = timings.iter().map(|t| format!("{t:.0}")).collect();
    println!("\n== start time: navigation to catalog visible (headless Chromium, loopback, cold profile) ==");
    println!(
        "median of {COLD_LOADS}: {median:.0} ms   (runs, sorted: {} ms)",
        listed.join(", ")
    );
    Ok(())
}

/// Signs in through the API on a same-origin page that does not load the app, then
/// navigates to `/` and measures until the catalog list is in the page.
async fn cold_load_to_catalog(env: &Env) -> Result<f64> {
    let browser = Browser::open(env).await?;
    let outcome = async {
        browser.visit("/api/v1/").await?;
        let signed_in = browser
            .client()
            .execute_async(
                include_str!("sign_in_without_the_app.js"),
                vec![serde_json::json!("learner1")],
            )
            .await?;
        if signed_in.as_bool() != Some(true) {
            bail!("could not sign in through the API: {signed_in}");
        }
        browser.visit("/").await?;
        let elapsed = browser
            .client()
            .execute_async(include_str!("catalog_visible_at.js"), Vec::new())
            .await?;
        elapsed
            .as_f64()
            .with_context(|| format!("the catalog never became visible: {elapsed}"))
    }
    .await;
    browser.close().await?;
    outcome
}
