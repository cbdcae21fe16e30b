//! Validation of quiz lessons: the question list or pools, their draws, ids unique across
//! the quiz, and the settings (limits, availability window, pass mark, feedback timing).
//! Questions themselves are read in `quiz_question.rs`.

use super::super::ProblemKind;
use super::fields::Walker;
use crate::quiz::{FeedbackTiming, LatePolicy, Pool, Quiz, QuizSettings, MAIN_POOL_ID};
use serde_json::{Map, Value};
use std::collections::HashSet;

/// Longest time limit accepted: one week.
const MAX_TIME_LIMIT_SECONDS: u64 = 7 * 24 * 3600;

const LATE_POLICIES: &[(&str, LatePolicy)] = &[
    ("accept_and_flag", LatePolicy::AcceptAndFlag),
    ("refuse", LatePolicy::Refuse),
];

const FEEDBACK_TIMINGS: &[(&str, FeedbackTiming)] = &[
    ("after_each_question", FeedbackTiming::AfterEachQuestion),
    ("after_submission", FeedbackTiming::AfterSubmission),
    ("after_due_date", FeedbackTiming::AfterDueDate),
    ("never", FeedbackTiming::Never),
];

impl Walker {
    /// A quiz: `questions` (one pool that draws them all) and/or `pools`, plus `settings`.
    pub(super) fn quiz(&mut self, lesson: &Map<String, Value>, path: &str) -> Option<Quiz> {
        let is_present = |key: &str| lesson.get(key).is_some_and(|v| !v.is_null());
        if !is_present("questions") && !is_present("pools") {
            self.report(
                &format!("{path}.questions"),
                ProblemKind::Missing,
                "a quiz needs \"questions\", or \"pools\" to draw questions from",
            );
            return None;
        }
        let settings = self.quiz_settings(lesson, path);
        let main = if is_present("questions") {
            self.each(lesson, path, "questions", Walker::quiz_question)
                .map(|questions| {
                    (!questions.is_empty()).then(|| Pool {
                        pool_id: MAIN_POOL_ID.to_owned(),
                        draw: u32::try_from(questions.len()).unwrap_or(u32::MAX),
                        questions,
                    })
                })
        } else {
            Some(None)
        };
        let pools = self.each(lesson, path, "pools", Walker::pool);
        let (main, pools, settings) = (main?, pools?, settings?);
        let pools: Vec<Pool> = main.into_iter().chain(pools).collect();
        if pools.is_empty() {
            let key = if is_present("questions") {
                "questions"
            } else {
                "pools"
            };
            self.report(
                &format!("{path}.{key}"),
                ProblemKind::Empty,
                "a quiz needs at least one question",
            );
            return None;
        }
        self.unique_quiz_ids(&pools, path, is_present("questions"))?;
        Some(Quiz { pools, settings })
    }

    fn pool(&mut self, object: &Map<String, Value>, path: &str) -> Option<Pool> {
        let pool_id = self.slug(object, path, "pool_id", |raw| Some(raw.to_owned()));
        let draw = self.field(object, path, "draw").cloned();
        let questions = match self.field(object, path, "questions") {
            Some(_) => self.each(object, path, "questions", Walker::quiz_question),
            None => None,
        };
        let (draw, questions) = (draw?, questions?);
        if questions.is_empty() {
            self.report(
                &format!("{path}.questions"),
                ProblemKind::Empty,
                "a pool needs at least one question",
            );
            return None;
        }
        let held = questions.len();
        let Some(draw) = draw
            .as_u64()
            .filter(|n| (1..=u64::try_from(held).unwrap_or(u64::MAX)).contains(n))
            .and_then(|n| u32::try_from(n).ok())
        else {
            self.report(
                &format!("{path}.draw"),
                ProblemKind::OutOfRange,
                format!("\"draw\" must be a whole number from 1 to {held} (the pool's questions)"),
            );
            return None;
        };
        Some(Pool {
            pool_id: pool_id?,
            draw,
            questions,
        })
    }

    /// Pool ids, and question ids across every pool, must be unique.
    fn unique_quiz_ids(&mut self, pools: &[Pool], path: &str, has_main: bool) -> Option<()> {
        let before = self.problems.len();
        let mut pool_ids = HashSet::new();
        let mut question_ids = HashSet::new();
        for (pool_index, pool) in pools.iter().enumerate() {
            let pool_path = match (has_main, pool_index) {
                (true, 0) => path.to_owned(),
                (true, n) => format!("{path}.pools[{}]", n - 1),
                (false, n) => format!("{path}.pools[{n}]"),
            };
            if !pool_ids.insert(pool.pool_id.as_str()) {
                self.report(
                    &format!("{pool_path}.pool_id"),
                    ProblemKind::DuplicateId,
                    format!(
                        "pool id \"{}\" is used more than once (\"{MAIN_POOL_ID}\" is the \
                         quiz's own \"questions\")",
                        pool.pool_id
                    ),
                );
            }
            for (index, question) in pool.questions.iter().enumerate() {
                if !question_ids.insert(question.question_id.as_str()) {
                    self.report(
                        &format!("{pool_path}.questions[{index}].question_id"),
                        ProblemKind::DuplicateId,
                        format!(
                            "question id \"{}\" is used more than once in the quiz",
                            question.question_id
                        ),
                    );
                }
            }
        }
        (self.problems.len() == before).then_some(())
    }

    fn quiz_settings(&mut self, lesson: &Map<String, Value>, path: &str) -> Option<QuizSettings> {
        let Some(value) = lesson.get("settings").filter(|v| !v.is_null()) else {
            return Some(QuizSettings::practice());
        };
        let path = &format!("{path}.settings");
        let object = self.object(value, path, "\"settings\"")?;
        let before = self.problems.len();
        let is_graded = self.flag(object, path, "is_graded");
        let shuffle_choices = self.flag(object, path, "shuffle_choices");
        let attempt_limit =
            self.whole_number(object, path, "attempt_limit", 1, u64::from(u32::MAX));
        let time_limit = self.whole_number(
            object,
            path,
            "time_limit_seconds",
            1,
            MAX_TIME_LIMIT_SECONDS,
        );
        let pass_percent = self.whole_number(object, path, "pass_percent", 0, 100);
        let opens_at = self.timestamp(object, path, "opens_at", false);
        let closes_at = self.timestamp(object, path, "closes_at", false);
        let due_at = self.timestamp(object, path, "due_at", false);
        let late_policy = self.one_of(
            object,
            path,
            "late_policy",
            LATE_POLICIES,
            LatePolicy::AcceptAndFlag,
        );
        let default_feedback = if is_graded == Some(true) {
            FeedbackTiming::AfterSubmission
        } else {
            FeedbackTiming::AfterEachQuestion
        };
        let feedback = self.one_of(object, path, "feedback", FEEDBACK_TIMINGS, default_feedback);
        if let (Some(opens), Some(closes)) = (opens_at, closes_at) {
            if closes <= opens {
                self.report(
                    &format!("{path}.closes_at"),
                    ProblemKind::EndBeforeStart,
                    "the quiz must close after it opens",
                );
                return None;
            }
        }
        if let (Some(opens), Some(due)) = (opens_at, due_at) {
            if due <= opens {
                self.report(
                    &format!("{path}.due_at"),
                    ProblemKind::EndBeforeStart,
                    "the quiz must be due after it opens",
                );
                return None;
            }
        }
        if self.problems.len() != before {
            return None;
        }
        Some(QuizSettings {
            is_graded: is_graded?,
            shuffle_choices: shuffle_choices?,
            attempt_limit: attempt_limit?.and_then(|n| u32::try_from(n).ok()),
            time_limit_seconds: time_limit?.and_then(|n| u32::try_from(n).ok()),
            opens_at,
            closes_at,
            due_at,
            late_policy: late_policy?,
            pass_percent: pass_percent?.and_then(|n| u8::try_from(n).ok()),
            feedback: feedback?,
        })
    }

    /// An optional boolean, false when absent.
    pub(super) fn flag(
        &mut self,
        object: &Map<String, Value>,
        path: &str,
        key: &str,
    ) -> Option<bool> {
        match object.get(key).filter(|v| !v.is_null()) {
            None => Some(false),
            Some(Value::Bool(flag)) => Some(*flag),
            Some(_) => {
                self.report(
                    &format!("{path}.{key}"),
                    ProblemKind::WrongType,
                    format!("\"{key}\" must be true or false"),
                );
                None
            }
        }
    }

    /// An optional whole number from `min` to `max`: `Some(None)` when absent.
    pub(super) fn whole_number(
        &mut self,
        object: &Map<String, Value>,
        path: &str,
        key: &str,
        min: u64,
        max: u64,
    ) -> Option<Option<u64>> {
        let Some(value) = object.get(key).filter(|v| !v.is_null()) else {
            return Some(None);
        };
        match value.as_u64().filter(|n| (min..=max).contains(n)) {
            Some(number) => Some(Some(number)),
            None => {
                self.report(
                    &format!("{path}.{key}"),
                    ProblemKind::OutOfRange,
                    format!("\"{key}\" must be a whole number from {min} to {max}"),
                );
                None
            }
        }
    }

    /// An optional name from `options`, `default` when absent.
    pub(super) fn one_of<T: Copy>(
        &mut self,
        object: &Map<String, Value>,
        path: &str,
        key: &str,
        options: &[(&str, T)],
        default: T,
    ) -> Option<T> {
        if object.get(key).is_none_or(Value::is_null) {
            return Some(default);
        }
        let raw = self.text(object, path, key, true, 64)?;
        let found = options
            .iter()
            .find(|(name, _)| *name == raw)
            .map(|(_, v)| *v);
        if found.is_none() {
            let names: Vec<&str> = options.iter().map(|(name, _)| *name).collect();
            self.report(
                &format!("{path}.{key}"),
                ProblemKind::UnknownKind,
                format!(
                    "unknown {key} \"{raw}\"; expected one of {}",
                    names.join(", ")
                ),
            );
        }
        found
    }
}
