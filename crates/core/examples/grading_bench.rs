//! Times grading the bench workload natively (`cargo xtask bench` runs it in release): draws
//! and grades 10,000 attempts at a quiz of every question kind, a few times after a warm-up,
//! and prints one `lectern-grading-bench {json}` line. The same workload is timed in the
//! browser by the player's `tests/grading_bench.rs`.

use lectern_core::quiz::workload::{
    workload, BENCH_ATTEMPTS, BENCH_QUESTIONS, BENCH_RUNS, BENCH_SEED,
};
use std::time::Instant;

fn main() {
    let workload = workload(BENCH_SEED, BENCH_QUESTIONS, BENCH_ATTEMPTS);
    let origin = Instant::now();
    let runs = workload.time_grading(BENCH_RUNS, || origin.elapsed().as_secs_f64() * 1000.0);
    println!("{}", runs.report_line("native"));
}
