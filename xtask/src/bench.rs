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

pub fn bench() -> Result<()> {
    setup::all(setup::Needs::Everything)?;
    let native = grading_natively()?;
    let stack = Stack::start("server")?;
    // After the release player, so the wasm build reuses what Trunk compiled.
    let in_browser = grading_in_browser()?;
    let course = stack.scratch().join("bench-course.json");
    let questions = QUIZ_QUESTIONS.to_string();
    run(core_example("bench_course").arg(&course).args([
        QUIZ_COURSE_ID,
        QUIZ_LESSON_ID,
        &questions,
    ]))?;
    stack.manage([OsStr::new("import"), course.as_os_str()])?;
    stack.manage(["enrol", LEARNER, QUIZ_COURSE_ID])?;
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
            .args([QUIZ_COURSE_ID, QUIZ_LESSON_ID, &questions]),
    )?;
    report_grading(&native, &in_browser)
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
    let output = stdout_of(
        Command::new(cargo())
            .current_dir(root())
            .args([
                "test",
                "--release",
                "-p",
                "lectern",
                "--target",
                "wasm32-unknown-unknown",
                "--test",
                "grading_bench",
                "--",
                "--include-ignored",
                "--nocapture",
            ])
            .env("CHROMEDRIVER", setup::CHROMEDRIVER)
            .env("WASM_BINDGEN_TEST_TIMEOUT", "300"),
    )?;
    GradingFigures::find(&output)
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
        let Some(json) = output.lines().find_map(|line| {
            let (_, figures) = line.split_once(GRADING_PREFIX)?;
            Some(figures.trim())
        }) else {
            bail!("no {GRADING_PREFIX:?} line in:\n{output}");
        };
        let text =
            |key: &str| json_scalar(json, key).with_context(|| format!("no {key:?} in {json}"));
        let number = |key: &str| -> Result<f64> {
            let raw = text(key)?;
            raw.parse()
                .with_context(|| format!("{key} is not a number: {raw}"))
        };
        Ok(GradingFigures {
            attempts: text("attempts")?.to_owned(),
            questions: text("questions")?.to_owned(),
            runs: text("runs")?.to_owned(),
            median_ms: number("median_ms")?,
            min_ms: number("min_ms")?,
            max_ms: number("max_ms")?,
            per_attempt_us: number("per_attempt_us")?,
            checksum: text("checksum")?.to_owned(),
        })
    }

    fn row(&self, runtime: &str) -> String {
        format!(
            "{runtime:<26} median {:>6.0} ms   min {:>6.0} ms   max {:>6.0} ms   {:>6.1} µs per attempt",
            self.median_ms, self.min_ms, self.max_ms, self.per_attempt_us
        )
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
    fn a_missing_line_or_figure_is_an_error() {
        assert!(GradingFigures::find("test result: ok.").is_err());
        assert!(GradingFigures::find("lectern-grading-bench {\"median_ms\":null}").is_err());
    }
}
