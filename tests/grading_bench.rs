//! The grading bench in the browser: the same workload `crates/core/examples/grading_bench.rs`
//! times natively, timed here in wasm with `performance.now()`, printed as the same
//! `lectern-grading-bench {json}` line. Ignored, so `cargo xtask test` skips it; `cargo xtask
//! bench` runs it in release with `--include-ignored --nocapture`.

use lectern_core::quiz::workload::{
    workload, BENCH_ATTEMPTS, BENCH_QUESTIONS, BENCH_RUNS, BENCH_SEED,
};
use wasm_bindgen_test::{console_log, wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
#[ignore = "a benchmark, run by `cargo xtask bench`"]
fn grading_bench() {
    let Some(performance) = web_sys::window().and_then(|window| window.performance()) else {
        panic!("no window.performance in this browser");
    };
    let workload = workload(BENCH_SEED, BENCH_QUESTIONS, BENCH_ATTEMPTS);
    let runs = workload.time_grading(BENCH_RUNS, || performance.now());
    console_log!("{}", runs.report_line("wasm"));
}
