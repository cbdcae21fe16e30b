//! `lectern-bench DIST`: the figures `cargo xtask bench` reports. Run through xtask, which
//! builds the release player and starts the server and chromedriver.
//! - Bundle sizes of the built player: wasm, js and css, raw, gzip (level 9) and brotli (q 11).
//! - The wasm the lecture player added: the wasm now against the foundation's.
//! - Start time: navigation to the catalog being visible, signed in, in a cold headless
//!   Chromium on loopback; the median of 5 loads, each in a fresh profile.
//! - First frame: navigation to a video lesson until its first frame can be shown, measured
//!   the same way.

use anyhow::{bail, Context, Result};
use lectern_e2e::{Browser, Env};
use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};

const COLD_LOADS: usize = 5;

/// The video lesson whose first frame is timed.
const VIDEO_LESSON_PATH: &str = "/courses/astronomy-101/lessons/tour-of-the-sky";

/// The release wasm of the foundation, before the lecture player: the figures of commit
/// a7fd90d, measured by this bench with the same build settings (`trunk build --release`,
/// the workspace's release profile, wasm-opt off), in KiB.
const FOUNDATION_WASM_RAW_KIB: f64 = 903.4;
const FOUNDATION_WASM_GZIP_KIB: f64 = 344.3;
const FOUNDATION_WASM_BROTLI_KIB: f64 = 275.9;

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<()> {
    let dist = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .context("usage: lectern-bench DIST_DIR")?;
    let rows = report_sizes(&dist)?;
    report_wasm_added(&rows);
    let env = Env::from_env()?;
    report_cold_loads(
        "start time: navigation to catalog visible",
        &env,
        "/",
        include_str!("catalog_visible_at.js"),
        "the catalog never became visible",
    )
    .await?;
    report_cold_loads(
        &format!("first frame: navigation to {VIDEO_LESSON_PATH} until its video's first frame can be shown"),
        &env,
        VIDEO_LESSON_PATH,
        include_str!("first_frame_at.js"),
        "the lecture's first frame never came",
    )
    .await
}

/// One file of the built player and its sizes in bytes.
struct BundleFile {
    kind: &'static str,
    name: String,
    raw: usize,
    gzip: usize,
    brotli: usize,
}

fn report_sizes(dist: &Path) -> Result<Vec<BundleFile>> {
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
        rows.push(BundleFile {
            kind,
            name: file_name(&path),
            raw: bytes.len(),
            gzip: gzip_len(&bytes)?,
            brotli: brotli_len(&bytes)?,
        });
    }
    if rows.is_empty() {
        bail!(
            "no wasm, js or css in {}: build the player first",
            dist.display()
        );
    }
    rows.sort_by(|a, b| (a.kind, &a.name).cmp(&(b.kind, &b.name)));
    println!("\n== player bundle ({}) ==", dist.display());
    println!(
        "{:<6} {:<44} {:>10} {:>10} {:>10}",
        "kind", "file", "raw", "gzip", "brotli"
    );
    for row in &rows {
        println!(
            "{:<6} {:<44} {:>10} {:>10} {:>10}",
            row.kind,
            row.name,
            kib(row.raw),
            kib(row.gzip),
            kib(row.brotli)
        );
    }
    let (raw, gzip, brotli) = totals(rows.iter());
    println!(
        "{:<6} {:<44} {:>10} {:>10} {:>10}",
        "total",
        "",
        kib(raw),
        kib(gzip),
        kib(brotli)
    );
    Ok(rows)
}

/// The wasm now, and what it grew by since the foundation.
fn report_wasm_added(rows: &[BundleFile]) {
    let (raw, gzip, brotli) = totals(rows.iter().filter(|row| row.kind == "wasm"));
    println!("\n== wasm added by the lecture player (against the foundation, a7fd90d) ==");
    println!(
        "wasm now:        {} raw / {} gzip / {} brotli",
        kib(raw),
        kib(gzip),
        kib(brotli)
    );
    println!(
        "wasm foundation: {FOUNDATION_WASM_RAW_KIB:.1} KiB raw / {FOUNDATION_WASM_GZIP_KIB:.1} KiB gzip / {FOUNDATION_WASM_BROTLI_KIB:.1} KiB brotli"
    );
    println!(
        "wasm added by the lecture player: {} raw / {} gzip / {} brotli",
        kib_added(raw, FOUNDATION_WASM_RAW_KIB),
        kib_added(gzip, FOUNDATION_WASM_GZIP_KIB),
        kib_added(brotli, FOUNDATION_WASM_BROTLI_KIB)
    );
}

/// Raw, gzip and brotli bytes summed over `rows`.
fn totals<'a>(rows: impl Iterator<Item = &'a BundleFile>) -> (usize, usize, usize) {
    rows.fold((0, 0, 0), |(raw, gzip, brotli), row| {
        (raw + row.raw, gzip + row.gzip, brotli + row.brotli)
    })
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn kib(bytes: usize) -> String {
    format!("{:.1} KiB", bytes as f64 / 1024.0)
}

/// `bytes` less `baseline_kib`, signed, like "+331.0 KiB".
fn kib_added(bytes: usize, baseline_kib: f64) -> String {
    format!("{:+.1} KiB", bytes as f64 / 1024.0 - baseline_kib)
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

/// Times [`COLD_LOADS`] cold, signed-in loads of `path`, each until `timing_script`
/// resolves with milliseconds since navigation start, and prints median, min and max.
async fn report_cold_loads(
    title: &str,
    env: &Env,
    path: &str,
    timing_script: &str,
    failure: &str,
) -> Result<()> {
    let mut timings = Vec::with_capacity(COLD_LOADS);
    for _ in 0..COLD_LOADS {
        let elapsed = cold_load(env, path, timing_script).await?;
        let Some(elapsed) = elapsed.as_f64() else {
            bail!("{failure}: {elapsed}");
        };
        timings.push(elapsed);
    }
    timings.sort_by(f64::total_cmp);
    let (Some(min), Some(max)) = (timings.first(), timings.last()) else {
        bail!("no load was timed");
    };
    let median = timings[timings.len() / 2];
    let listed: Vec<String> = timings.iter().map(|t| format!("{t:.0}")).collect();
    println!("\n== {title} (headless Chromium, loopback, cold profile) ==");
    println!(
        "median of {COLD_LOADS}: {median:.0} ms   min {min:.0} ms   max {max:.0} ms   (runs, sorted: {} ms)",
        listed.join(", ")
    );
    Ok(())
}

/// Signs in through the API on a same-origin page that does not load the app, then
/// navigates to `path` in a fresh profile and returns what `timing_script` resolves with.
async fn cold_load(env: &Env, path: &str, timing_script: &str) -> Result<Value> {
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
        browser.visit(path).await?;
        Ok(browser
            .client()
            .execute_async(timing_script, Vec::new())
            .await?)
    }
    .await;
    browser.close().await?;
    outcome
}
