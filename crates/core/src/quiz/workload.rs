//! A deterministic grading workload, for `cargo xtask bench` and its tests: a quiz that
//! mixes all nine question kinds with their keys, attempts whose answers are drawn from a
//! seed (right, partly right, wrong, blank and missing), the timing of grading them all with
//! a clock passed in, and the course that carries such a quiz as a manifest. A fixture, not
//! part of the domain, so hidden from the docs. The quiz is made in `questions.rs`, the
//! answers in `answers.rs`.
#![doc(hidden)]

mod answers;
mod questions;

pub use questions::bench_quiz;

use super::{draw, grade_quiz, Answer, Quiz, SplitMix64};
use crate::course::{Course, Lesson, LessonContent, Module, SCHEMA_VERSION};
use crate::ids::{CourseId, IdError, LessonId, ModuleId};
use std::collections::BTreeMap;

/// The seed, size and repetitions of the grading bench, the same on every runtime.
pub const BENCH_SEED: u64 = 0x1EC7_E44B_E4C4;
pub const BENCH_QUESTIONS: usize = 45;
pub const BENCH_ATTEMPTS: usize = 10_000;
pub const BENCH_RUNS: usize = 5;

/// What starts the line a grading bench prints, followed by its figures as JSON.
pub const REPORT_PREFIX: &str = "lectern-grading-bench ";

/// A quiz and the attempts to grade against it.
#[derive(Debug, Clone, PartialEq)]
pub struct Workload {
    pub quiz: Quiz,
    pub attempts: Vec<WorkloadAttempt>,
}

/// One attempt: the seed it draws its quiz from, and the learner's answers.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkloadAttempt {
    pub seed: u64,
    /// By question id; a question without an entry was never answered.
    pub answers: BTreeMap<String, Answer>,
}

/// The same `seed` always gives the same quiz of `questions` questions (kinds in turn)
/// and the same `attempts`.
pub fn workload(seed: u64, questions: usize, attempts: usize) -> Workload {
    let quiz = bench_quiz(seed, questions);
    let mut rng = SplitMix64::derived(seed, "workload", "answers");
    let attempts = (0..attempts)
        .map(|_| WorkloadAttempt {
            seed: rng.next_u64(),
            answers: quiz
                .questions()
                .filter_map(|q| Some((q.question_id.clone(), answers::answer(&q.body, &mut rng)?)))
                .collect(),
        })
        .collect();
    Workload { quiz, attempts }
}

impl Workload {
    /// Draws and grades every attempt, as on submission, and returns the sum of their
    /// scores in milli-points: the same on every build for the same workload.
    pub fn grade_all(&self) -> u64 {
        self.attempts
            .iter()
            .map(|attempt| {
                let drawn = draw(&self.quiz, attempt.seed);
                let grade = grade_quiz(&self.quiz, &drawn, &attempt.answers);
                u64::from(grade.score.millipoints())
            })
            .sum()
    }

    /// Grades everything `runs` times, each timed by `now_ms` (a millisecond clock).
    pub fn time_grading(&self, runs: usize, mut now_ms: impl FnMut() -> f64) -> GradingRuns {
        let mut checksum = self.grade_all(); // warm-up, untimed
        let mut runs_ms = Vec::with_capacity(runs);
        for _ in 0..runs {
            let started = now_ms();
            checksum = self.grade_all();
            runs_ms.push(now_ms() - started);
        }
        runs_ms.sort_by(f64::total_cmp);
        GradingRuns {
            attempts: self.attempts.len(),
            questions: self.quiz.questions().count(),
            runs_ms,
            checksum,
        }
    }
}

/// Timed runs of [`Workload::grade_all`].
#[derive(Debug, Clone, PartialEq)]
pub struct GradingRuns {
    pub attempts: usize,
    pub questions: usize,
    /// Shortest first.
    pub runs_ms: Vec<f64>,
    /// What every run returned.
    pub checksum: u64,
}

impl GradingRuns {
    /// [`REPORT_PREFIX`] and the figures as one line of JSON, `runtime` naming where they
    /// were measured.
    pub fn report_line(&self, runtime: &str) -> String {
        let median = self.runs_ms.get(self.runs_ms.len() / 2).copied();
        let per_attempt_us = median.map(|ms| ms * 1000.0 / self.attempts.max(1) as f64);
        let figures = serde_json::json!({
            "runtime": runtime,
            "attempts": self.attempts,
            "questions": self.questions,
            "runs": self.runs_ms.len(),
            "median_ms": median,
            "min_ms": self.runs_ms.first(),
            "max_ms": self.runs_ms.last(),
            "per_attempt_us": per_attempt_us,
            "checksum": self.checksum.to_string(),
            "runs_ms": self.runs_ms,
        });
        format!("{REPORT_PREFIX}{figures}")
    }
}

/// A one-lesson course holding `quiz` as lesson `lesson_id`.
pub fn bench_course(course_id: &str, lesson_id: &str, quiz: Quiz) -> Result<Course, IdError> {
    let count = quiz.questions().count();
    Ok(Course {
        schema_version: SCHEMA_VERSION,
        course_id: CourseId::parse(course_id)?,
        title: "Bench: a long practice quiz".into(),
        summary: format!("One practice quiz of {count} questions of every kind."),
        language: "en".into(),
        modules: vec![Module {
            module_id: ModuleId::parse("quizzes")?,
            title: "Quizzes".into(),
            lessons: vec![Lesson {
                lesson_id: LessonId::parse(lesson_id)?,
                title: format!("Practice quiz of {count} questions"),
                content: LessonContent::Quiz(quiz),
            }],
        }],
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quiz::{Outcome, Question};
    use std::collections::BTreeSet;

    #[test]
    fn the_same_seed_gives_the_same_workload_and_checksum() {
        let first = workload(7, 27, 50);
        assert_eq!(first, workload(7, 27, 50));
        assert_eq!(first.grade_all(), workload(7, 27, 50).grade_all());
        assert_ne!(first, workload(8, 27, 50));
    }

    #[test]
    fn the_quiz_mixes_every_kind_and_carries_its_keys() {
        let quiz = bench_quiz(BENCH_SEED, BENCH_QUESTIONS);
        let kinds: BTreeSet<&str> = quiz.questions().map(|q| q.body.kind_name()).collect();
        assert_eq!(kinds.len(), 9, "{kinds:?}");
        assert!(quiz
            .questions()
            .filter(|q| q.body.kind_name() != "essay")
            .all(Question::has_keys));
    }

    #[test]
    fn every_attempt_grades_within_its_possible_points_with_every_outcome() {
        let workload = workload(BENCH_SEED, BENCH_QUESTIONS, 200);
        let mut outcomes = BTreeSet::new();
        for attempt in &workload.attempts {
            for (question_id, answer) in &attempt.answers {
                let question = workload.quiz.question(question_id).unwrap();
                assert_eq!(
                    answer.check_shape(question),
                    Ok(()),
                    "{question_id}: {answer:?}"
                );
            }
            let drawn = draw(&workload.quiz, attempt.seed);
            assert_eq!(drawn.question_ids.len(), BENCH_QUESTIONS);
            let grade = grade_quiz(&workload.quiz, &drawn, &attempt.answers);
            // A score is never negative (it is unsigned), nor above what is possible.
            assert!(grade.score <= grade.possible, "{grade:?}");
            outcomes.extend(
                grade
                    .per_question
                    .iter()
                    .map(|q| format!("{:?}", q.grade.outcome)),
            );
        }
        let expected = [
            Outcome::Correct,
            Outcome::PartiallyCorrect,
            Outcome::Incorrect,
            Outcome::Unanswered,
            Outcome::NeedsReview,
        ];
        for outcome in expected {
            assert!(
                outcomes.contains(&format!("{outcome:?}")),
                "no {outcome:?} in {outcomes:?}"
            );
        }
    }

    #[test]
    fn timing_reports_every_run_and_the_checksum() {
        let workload = workload(1, 18, 20);
        let mut clock = 0.0;
        let runs = workload.time_grading(3, || {
            clock += 2.0;
            clock
        });
        assert_eq!(runs.runs_ms, vec![2.0, 2.0, 2.0]);
        assert_eq!(runs.checksum, workload.grade_all());
        let line = runs.report_line("native");
        let json: serde_json::Value =
            serde_json::from_str(line.strip_prefix(REPORT_PREFIX).unwrap()).unwrap();
        assert_eq!(json["runtime"], "native");
        assert_eq!(json["attempts"], 20);
        assert_eq!(json["runs"], 3);
        assert_eq!(json["median_ms"], 2.0);
        assert_eq!(json["per_attempt_us"], 100.0);
    }

    #[test]
    fn the_bench_course_is_a_valid_manifest_that_reads_back_the_same() {
        let course = bench_course("bench-quizzes", "long-quiz", bench_quiz(3, 200)).unwrap();
        let json = serde_json::to_string(&course).unwrap();
        let parsed = crate::parse_manifest(&json).unwrap();
        assert_eq!(parsed, course);
    }
}
