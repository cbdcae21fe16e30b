//! `lectern-bench DIST COURSE_ID LESSON_ID QUESTIONS`: the figures `cargo xtask bench`
//! reports. Run through xtask, which builds the release player, starts the server and
//! chromedriver, and imports the long practice quiz (lesson LESSON_ID of COURSE_ID, with
//! QUESTIONS questions).
//! - Bundle sizes of the built player: wasm, js and css, raw, gzip (level 9) and brotli (q 11).
//! - The wasm by release: the foundation's, the lecture player's and now's, and what each added.
//! - Start time: navigation to the catalog being visible, signed in, in a cold headless
//!   Chromium on loopback; the median of 5 loads, each in a fresh profile.
//! - First frame: navigation to a video lesson until its first frame can be shown, measured
//!   the same way.
//! - The long quiz: starting an attempt, and its review after submitting (`long_quiz.rs`).
//! - Sync: 10,000 queued events sent to the server by the player, and posted natively for
//!   comparison (`sync_bench.rs`).
//! - Warm start from the service worker with the network off, against a cold start in the
//!   same browser (`warm_start.rs`).
//! - Live mode: joining to the first remote video frame (median of 5), chat round trip
//!   p50/p99, and the instructor's browser's processor use with 1, 3 and 6 learners
//!   (`live_bench.rs`).
//! - The server under load: requests per second and p50/p99 latency of a course manifest and
//!   of event batches, 64 concurrent clients (`api_load.rs`).

#[path = "lectern_bench/api_load.rs"]
mod api_load;
#[path = "lectern_bench/live_bench.rs"]
mod live_bench;
#[path = "lectern_bench/long_quiz.rs"]
mod long_quiz;
#[path = "lectern_bench/raw_ingest.rs"]
mod raw_ingest;
#[path = "lectern_bench/sync_bench.rs"]
mod sync_bench;
#[path = "lectern_bench/warm_start.rs"]
mod warm_start;

use anyhow::{bail, Context, Result};
use lectern_e2e::{Browser, Env};
use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};

pub(crate) const COLD_LOADS: usize = 5;

/// The demo learner every timed page is opened as.
pub(crate) const LEARNER: &str = "learner1";

const USAGE: &str = "usage: lectern-bench DIST_DIR COURSE_ID LESSON_ID QUESTIONS";

/// The video lesson whose first frame is timed.
const VIDEO_LESSON_PATH: &str = "/courses/astronomy-101/lessons/tour-of-the-sky";

/// The release wasm of the foundation, before the lecture player: the figures of commit
/// a7fd90d, measured by this bench with the same build settings (`trunk build --release`,
/// the workspace's release profile, wasm-opt off), in KiB.
const FOUNDATION_WASM_RAW_KIB: f64 = 903.4;
const FOUNDATION_WASM_GZIP_KIB: f64 = 344.3;
const FOUNDATION_WASM_BROTLI_KIB: f64 = 275.9;

/// The release wasm with the lecture player, before the quiz player: commit 3106952,
/// measured the same way, in KiB.
const LECTURES_WASM_RAW_KIB: f64 = 1512.2;
const LECTURES_WASM_GZIP_KIB: f64 = 564.7;
const LECTURES_WASM_BROTLI_KIB: f64 = 442.1;

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [dist, course_id, lesson_id, questions] = args.as_slice() else {
        bail!("{USAGE}");
    };
    let dist = PathBuf::from(dist);
    let long_quiz = long_quiz::LongQuiz {
        course_id: course_id.clone(),
        lesson_id: lesson_id.clone(),
        questions: questions
            .parse()
            .with_context(|| format!("QUESTIONS is not a number: {questions:?}\n{USAGE}"))?,
    };
    // `LECTERN_BENCH_ONLY=live` runs the live figures alone (they need no built quiz).
    if std::env::var("LECTERN_BENCH_ONLY").as_deref() == Ok("live") {
        return live_bench::report(&Env::from_env()?).await;
    }
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
    .await?;
    warm_start::report(&env).await?;
    long_quiz::report(&env, &long_quiz).await?;
    sync_bench::report(&env).await?;
    live_bench::report(&env).await?;
    api_load::report(&env).await
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

/// The wasm now, and what each release added: the lecture player over the foundation, and
/// everything since (the quiz player) over the lecture player.
fn report_wasm_added(rows: &[BundleFile]) {
    let (raw, gzip, brotli) = totals(rows.iter().filter(|row| row.kind == "wasm"));
    println!("\n== wasm by release (foundation a7fd90d, lecture player 3106952, now) ==");
    let line = |name: &str, raw: f64, gzip: f64, brotli: f64| {
        println!("{name:<34}{raw:>8.1} KiB raw / {gzip:>6.1} KiB gzip / {brotli:>6.1} KiB brotli");
    };
    line(
        "wasm foundation:",
        FOUNDATION_WASM_RAW_KIB,
        FOUNDATION_WASM_GZIP_KIB,
        FOUNDATION_WASM_BROTLI_KIB,
    );
    line(
        "wasm with the lecture player:",
        LECTURES_WASM_RAW_KIB,
        LECTURES_WASM_GZIP_KIB,
        LECTURES_WASM_BROTLI_KIB,
    );
    let in_kib = |bytes: usize| bytes as f64 / 1024.0;
    line("wasm now:", in_kib(raw), in_kib(gzip), in_kib(brotli));
    println!(
        "added by the lecture player:      {:+.1} KiB raw / {:+.1} KiB gzip / {:+.1} KiB brotli",
        LECTURES_WASM_RAW_KIB - FOUNDATION_WASM_RAW_KIB,
        LECTURES_WASM_GZIP_KIB - FOUNDATION_WASM_GZIP_KIB,
        LECTURES_WASM_BROTLI_KIB - FOUNDATION_WASM_BROTLI_KIB
    );
    println!(
        "added since (the quiz player):    {} raw / {} gzip / {} brotli",
        kib_added(raw, LECTURES_WASM_RAW_KIB),
        kib_added(gzip, LECTURES_WASM_GZIP_KIB),
        kib_added(brotli, LECTURES_WASM_BROTLI_KIB)
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
    print_median(
        &format!("{title} (headless Chromium, loopback, cold profile)"),
        timings,
    )
}

/// Prints `title` as a heading, then the median, min and max of `timings` (milliseconds).
pub(crate) fn print_median(title: &str, mut timings: Vec<f64>) -> Result<()> {
    timings.sort_by(f64::total_cmp);
    let (Some(min), Some(max)) = (timings.first(), timings.last()) else {
        bail!("nothing was timed for {title}");
    };
    let median = timings[timings.len() / 2];
    let listed: Vec<String> = timings.iter().map(|t| format!("{t:.0}")).collect();
    println!("\n== {title} ==");
    println!(
        "median of {}: {median:.0} ms   min {min:.0} ms   max {max:.0} ms   (runs, sorted: {} ms)",
        timings.len(),
        listed.join(", ")
    );
    Ok(())
}

/// Signs in as `username` through the API on a same-origin page that does not load the
/// app, so the next navigation is a cold, signed-in start.
pub(crate) async fn sign_in_without_the_app(browser: &Browser, username: &str) -> Result<()> {
    browser.visit("/api/v1/").await?;
    let signed_in = browser
        .client()
        .execute_async(
            include_str!("sign_in_without_the_app.js"),
            vec![serde_json::json!(username)],
        )
        .await?;
    if signed_in.as_bool() != Some(true) {
        bail!("could not sign in through the API: {signed_in}");
    }
    Ok(())
}

/// Signs in, then navigates to `path` in a fresh profile and returns what `timing_script`
/// resolves with.
async fn cold_load(env: &Env, path: &str, timing_script: &str) -> Result<Value> {
    let browser = Browser::open(env).await?;
    let outcome = async {
        sign_in_without_the_app(&browser, LEARNER).await?;
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
