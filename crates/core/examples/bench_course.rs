//! `bench_course PATH COURSE_ID LESSON_ID QUESTIONS`: writes a course manifest with one
//! practice quiz of QUESTIONS questions of every kind (the bench workload's quiz), for
//! `cargo xtask bench` to import and time in the player.

use lectern_core::quiz::workload::{bench_course, bench_quiz, BENCH_SEED};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [path, course_id, lesson_id, questions] = args.as_slice() else {
        eprintln!("usage: bench_course PATH COURSE_ID LESSON_ID QUESTIONS");
        return ExitCode::from(2);
    };
    let Ok(questions) = questions.parse::<usize>() else {
        eprintln!("QUESTIONS must be a whole number, not {questions:?}");
        return ExitCode::from(2);
    };
    let written = bench_course(course_id, lesson_id, bench_quiz(BENCH_SEED, questions))
        .map_err(|err| err.to_string())
        .and_then(|course| serde_json::to_string_pretty(&course).map_err(|err| err.to_string()))
        .and_then(|json| std::fs::write(path, json).map_err(|err| err.to_string()));
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("cannot write the bench course to {path}: {err}");
            ExitCode::FAILURE
        }
    }
}
