//! `cargo xtask bench`: a report, never a gate. Builds the release player, starts the
//! server and chromedriver, and runs the `lectern-bench` reporter from the e2e crate,
//! which prints bundle sizes (raw, gzip, brotli), the wasm the lecture player added, the
//! cold start time to the catalog, the time from opening a video lesson to its first frame,
//! and how fast a quiz of [`QUIZ_QUESTIONS`] questions starts and shows its review. That quiz
//! is made by the core's `bench_course` example and imported into the stack's database.
//!
//! Then the time to draw and grade the core's bench workload (10,000 attempts at a quiz of
//! every question kind), natively (`crates/core/examples/grading_bench.rs`) and in wasm in
//! headless Chromium (the player's ignored `tests/grading_bench.rs`), both in the release
//! profile. Each prints a `lectern-grading-bench {json}` line, read here.
//!
//! Then the offline-sync figures. Lecture progress events written to IndexedDB per second
//! by the player's real write path, one transaction per event and batched (the player's
//! ignored `tests/idb_bench.rs`, release wasm, a `lectern-idb-bench {json}` line); and,
//! printed by `lectern-bench`, the time to sync 10,000 queued events through the player
//! against posting them natively; and the server under load (64 concurrent clients: the
//! manifest route and event batches of 50), with its rate limits off.

use crate::process::{describe, run};
use crate::stack::Stack;
use crate::{cargo, root, setup};
use anyhow::{bail, Context, Result};
use std::ffi::OsStr;
use std::process::{Command, Stdio};

/// The course and quiz lesson `bench_course` writes, and how many questions the quiz has.
const QUIZ_COURSE_ID: &str = "bench-quizzes";
const QUIZ_LESSON_ID: &str = "long-quiz";
const QUIZ_QUESTIONS: usize = 200;
/// The demo learner `lectern-bench` signs in as.
const LEARNER: &str = "learner1";

/// What starts the grading benches' report line (`workload::REPORT_PREFIX` in the core).
const GRADING_PREFIX: &str = "lectern-grading-bench ";
/// What starts the IndexedDB bench's report line (`REPORT_PREFIX` in `tests/idb_bench.rs`).
const IDB_PREFIX: &str = "lectern-idb-bench ";

pub fn bench() -> Result<()> {
    setup::all(setup::Needs::Everything)?;
    let native = grading_natively()?;
    // Every bench client shares one loopback address, which rate limits would count as one.
    let stack = Stack::start_with("server", &["--no-rate-limits"])?;
    // After the release player, so the wasm build reuses what Trunk compiled.
    let in_browser = grading_in_browser()?;
    let idb = idb_in_browser()?;
    let course = stack.scratch().join("bench-course.json");
    let questions = QUIZ_QUESTIONS.to_string();
    run(core_example("bench_course").arg(&course).args([
        QUIZ_COURSE_ID,
        QUIZ_LESSON_ID,
        &questions,
    ]))?;
    stack.manage([OsStr::new("import"), course.as_os_str()])?;
    stack.manage(["enrol", LEARNER, QUIZ_COURSE_ID])?;
    // The live bench launches learners as an LMS would, and schedules its own course.
    let api_key = stack.create_api_key("bench-lms", &[])?;
    let (server_binary, database) = stack.management();
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
            .arg(root().join("dist"))
            .args([QUIZ_COURSE_ID, QUIZ_LESSON_ID, &questions])
            .env("LECTERN_E2E_API_KEY", api_key)
            .env("LECTERN_E2E_HOST_PORT", "0")
            .env("LECTERN_E2E_SERVER_BIN", server_binary)
            .env("LECTERN_E2E_DB", database),
    )?;
    report_grading(&native, &in_browser)?;
    report_idb(&idb);
    Ok(())
}

/// `cargo run --release -p lectern-core --example NAME --`.
fn core_example(name: &str) -> Command {
    let mut command = Command::new(cargo());
    command.current_dir(root()).args([
        "run",
        "--release",
        "-p",
        "lectern-core",
        "--example",
        name,
        "--",
    ]);
    command
}

fn grading_natively() -> Result<GradingFigures> {
    let output = stdout_of(&mut core_example("grading_bench"))?;
    GradingFigures::find(&output)
}

fn grading_in_browser() -> Result<GradingFigures> {
    let output = stdout_of(&mut ignored_browser_test("grading_bench"))?;
    GradingFigures::find(&output)
}

fn idb_in_browser() -> Result<IdbFigures> {
    let output = stdout_of(&mut ignored_browser_test("idb_bench"))?;
    IdbFigures::find(&output)
}

/// The player's ignored browser test `name`, in release, in headless Chromium, printing
/// what it logs.
fn ignored_browser_test(name: &str) -> Command {
    let mut command = Command::new(cargo());
    command
        .current_dir(root())
        .args([
            "test",
            "--release",
            "-p",
            "lectern",
            "--target",
            "wasm32-unknown-unknown",
            "--test",
            name,
            "--",
            "--include-ignored",
            "--nocapture",
        ])
        .env("CHROMEDRIVER", setup::CHROMEDRIVER)
        .env("WASM_BINDGEN_TEST_TIMEOUT", "300");
    command
}

/// Runs `command` with stderr shown and returns its stdout; a non-zero exit is an error.
fn stdout_of(command: &mut Command) -> Result<String> {
    eprintln!("xtask: $ {}", describe(command));
    let output = command
        .stderr(Stdio::inherit())
        .output()
        .with_context(|| format!("could not start {}", describe(command)))?;
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    if !output.status.success() {
        bail!(
            "{} failed with {}:\n{stdout}",
            describe(command),
            output.status
        );
    }
    Ok(stdout)
}

/// One grading bench's figures, from its report line.
#[derive(Debug, Clone, PartialEq)]
struct GradingFigures {
    attempts: String,
    questions: String,
    runs: String,
    median_ms: f64,
    min_ms: f64,
    max_ms: f64,
    per_attempt_us: f64,
    checksum: String,
}

impl GradingFigures {
    /// The figures on the report line in `output`.
    fn find(output: &str) -> Result<GradingFigures> {
        let line = ReportLine::find(output, GRADING_PREFIX)?;
        Ok(GradingFigures {
            attempts: line.text("attempts")?,
            questions: line.text("questions")?,
            runs: line.text("runs")?,
            median_ms: line.number("median_ms")?,
            min_ms: line.number("min_ms")?,
            max_ms: line.number("max_ms")?,
            per_attempt_us: line.number("per_attempt_us")?,
            checksum: line.text("checksum")?,
        })
    }

    fn row(&self, runtime: &str) -> String {
        format!(
            "{runtime:<26} median {:>6.0} ms   min {:>6.0} ms   max {:>6.0} ms   {:>6.1} µs per attempt",
            self.median_ms, self.min_ms, self.max_ms, self.per_attempt_us
        )
    }
}

/// The JSON after `prefix` on the first line of a bench's output that has it.
struct ReportLine<'a> {
    json: &'a str,
}

impl<'a> ReportLine<'a> {
    fn find(output: &'a str, prefix: &str) -> Result<ReportLine<'a>> {
        let Some(json) = output.lines().find_map(|line| {
            let (_, figures) = line.split_once(prefix)?;
            Some(figures.trim())
        }) else {
            bail!("no {prefix:?} line in:\n{output}");
        };
        Ok(ReportLine { json })
    }

    /// The number or string at `key`, as text.
    fn text(&self, key: &str) -> Result<String> {
        json_scalar(self.json, key)
            .map(str::to_owned)
            .with_context(|| format!("no {key:?} in {}", self.json))
    }

    fn number(&self, key: &str) -> Result<f64> {
        let raw = self.text(key)?;
        raw.parse()
            .with_context(|| format!("{key} is not a number: {raw}"))
    }
}

/// The IndexedDB bench's figures, from its report line.
#[derive(Debug, Clone, PartialEq)]
struct IdbFigures {
    events: String,
    batch_size: String,
    runs: String,
    one_each_median_ms: f64,
    one_each_events_per_s: f64,
    batched_median_ms: f64,
    batched_events_per_s: f64,
}

impl IdbFigures {
    /// The figures on the report line in `output`.
    fn find(output: &str) -> Result<IdbFigures> {
        let line = ReportLine::find(output, IDB_PREFIX)?;
        Ok(IdbFigures {
            events: line.text("events")?,
            batch_size: line.text("batch_size")?,
            runs: line.text("runs")?,
            one_each_median_ms: line.number("one_each_median_ms")?,
            one_each_events_per_s: line.number("one_each_events_per_s")?,
            batched_median_ms: line.number("batched_median_ms")?,
            batched_events_per_s: line.number("batched_events_per_s")?,
        })
    }
}

fn report_idb(figures: &IdbFigures) {
    println!(
        "\n== IndexedDB: {} lecture progress events written by the player (merge + outbox append; release wasm, headless Chromium, median of {} runs, each on a fresh database) ==",
        figures.events, figures.runs
    );
    let row = |way: &str, median_ms: f64, per_s: f64| {
        println!("{way:<50} median {median_ms:>7.0} ms   {per_s:>7.0} events/s");
    };
    row(
        "one transaction per event (record_progress)",
        figures.one_each_median_ms,
        figures.one_each_events_per_s,
    );
    row(
        &format!(
            "{} events per transaction (record_events)",
            figures.batch_size
        ),
        figures.batched_median_ms,
        figures.batched_events_per_s,
    );
    if figures.one_each_events_per_s > 0.0 {
        println!(
            "batched writes store {:.1}× as many events per second",
            figures.batched_events_per_s / figures.one_each_events_per_s
        );
    }
}

/// The text of a number or string at `"key":` in flat JSON, without quotes.
fn json_scalar<'a>(json: &'a str, key: &str) -> Option<&'a str> {
    let (_, rest) = json.split_once(&format!("\"{key}\":"))?;
    let rest = rest.trim_start();
    match rest.strip_prefix('"') {
        Some(quoted) => quoted.split_once('"').map(|(text, _)| text),
        None => rest
            .split([',', '}', ']'])
            .next()
            .map(str::trim)
            .filter(|text| !text.is_empty() && *text != "null"),
    }
}

fn report_grading(native: &GradingFigures, wasm: &GradingFigures) -> Result<()> {
    println!(
        "\n== grading: {} attempts at a {}-question quiz of every kind, drawn and graded by the core (release profile, median of {} runs after a warm-up) ==",
        native.attempts, native.questions, native.runs
    );
    println!("{}", native.row("native"));
    println!("{}", wasm.row("wasm (headless Chromium)"));
    if native.median_ms > 0.0 {
        println!(
            "wasm takes {:.2}× the native time",
            wasm.median_ms / native.median_ms
        );
    }
    if (&native.attempts, &native.questions, &native.checksum)
        != (&wasm.attempts, &wasm.questions, &wasm.checksum)
    {
        bail!(
            "native and wasm graded different workloads or disagreed on the scores: {native:?} against {wasm:?}"
        );
    }
    println!(
        "same workload and scores on both (sum of scores: {} milli-points)",
        native.checksum
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_figures_from_a_report_line_among_other_output() {
        let output = "running 1 test\n\
            lectern-grading-bench {\"attempts\":10000,\"checksum\":\"385487522\",\"max_ms\":491.5,\"median_ms\":474.25,\"min_ms\":456.9,\"per_attempt_us\":47.425,\"questions\":45,\"runs\":3,\"runs_ms\":[456.9,474.25,491.5],\"runtime\":\"wasm\"}\n\
            test result: ok.\n";
        let figures = GradingFigures::find(output).unwrap();
        assert_eq!(figures.attempts, "10000");
        assert_eq!(figures.questions, "45");
        assert_eq!(figures.runs, "3");
        assert_eq!(figures.median_ms, 474.25);
        assert_eq!(figures.min_ms, 456.9);
        assert_eq!(figures.max_ms, 491.5);
        assert_eq!(figures.per_attempt_us, 47.425);
        assert_eq!(figures.checksum, "385487522");
    }

    #[test]
    fn reads_the_idb_figures_from_their_report_line() {
        let output = "Invoking test: idb_bench\n\
            lectern-idb-bench {\"batch_size\":200,\"batched_events_per_s\":3982.95,\"batched_median_ms\":502.14,\"batched_runs_ms\":[308.1,502.14,686.5],\"events\":2000,\"one_each_events_per_s\":245.89,\"one_each_median_ms\":8133.63,\"one_each_runs_ms\":[7814.08,8133.63,8612.47],\"runs\":3}\n\
            test idb_bench ... ok\n";
        let figures = IdbFigures::find(output).unwrap();
        assert_eq!(
            figures,
            IdbFigures {
                events: "2000".into(),
                batch_size: "200".into(),
                runs: "3".into(),
                one_each_median_ms: 8133.63,
                one_each_events_per_s: 245.89,
                batched_median_ms: 502.14,
                batched_events_per_s: 3982.95,
            }
        );
        // The grading line is not the IndexedDB line.
        assert!(IdbFigures::find("lectern-grading-bench {\"attempts\":1}").is_err());
        assert!(IdbFigures::find("lectern-idb-bench {\"events\":2000}").is_err());
    }

    #[test]
    fn a_missing_line_or_figure_is_an_error() {
        assert!(GradingFigures::find("test result: ok.").is_err());
        assert!(GradingFigures::find("lectern-grading-bench {\"median_ms\":null}").is_err());
    }
}
