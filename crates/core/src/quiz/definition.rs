//! A quiz as the manifest defines it: pools of questions to draw from, and the settings that
//! govern attempts (practice or graded, time limit, availability window, pass mark, when
//! feedback shows).

use super::question::Question;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// A quiz lesson's content.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quiz {
    /// Asked in this order; each draws some of its questions per attempt.
    pub pools: Vec<Pool>,
    pub settings: QuizSettings,
}

/// Questions an attempt draws `draw` of. A manifest's plain `questions` list becomes one
/// pool, [`MAIN_POOL_ID`], that draws them all.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pool {
    pub pool_id: String,
    /// How many questions each attempt draws (1 to the number of questions).
    pub draw: u32,
    pub questions: Vec<Question>,
}

/// The pool id given to a manifest's plain `questions` list.
pub const MAIN_POOL_ID: &str = "main";

/// What happens to a submission after the due date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LatePolicy {
    /// Grade it and flag it late.
    #[default]
    AcceptAndFlag,
    Refuse,
}

/// When a learner sees whether answers were right, and the explanations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FeedbackTiming {
    AfterEachQuestion,
    AfterSubmission,
    AfterDueDate,
    Never,
}

/// How attempts at a quiz work.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuizSettings {
    /// Graded quizzes are graded by the server and their keys never reach learners;
    /// practice quizzes may carry keys for instant feedback offline.
    pub is_graded: bool,
    /// Show choices (and matching responses) in an order drawn per attempt. Ordering items
    /// are always shuffled.
    pub shuffle_choices: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attempt_limit: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_limit_seconds: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opens_at: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closes_at: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_at: Option<Timestamp>,
    pub late_policy: LatePolicy,
    /// The share of the points needed to pass, 0 to 100.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pass_percent: Option<u8>,
    pub feedback: FeedbackTiming,
}

impl QuizSettings {
    /// Practice settings: ungraded, unlimited, feedback after each question.
    pub fn practice() -> QuizSettings {
        QuizSettings {
            is_graded: false,
            shuffle_choices: false,
            attempt_limit: None,
            time_limit_seconds: None,
            opens_at: None,
            closes_at: None,
            due_at: None,
            late_policy: LatePolicy::AcceptAndFlag,
            pass_percent: None,
            feedback: FeedbackTiming::AfterEachQuestion,
        }
    }
}

impl Quiz {
    /// Every question of every pool, in authored order.
    pub fn questions(&self) -> impl Iterator<Item = &Question> {
        self.pools.iter().flat_map(|pool| pool.questions.iter())
    }

    /// Finds a question by id in any pool.
    pub fn question(&self, question_id: &str) -> Option<&Question> {
        self.questions().find(|q| q.question_id == question_id)
    }

    /// Whether any question carries its answer key.
    pub fn has_keys(&self) -> bool {
        self.questions().any(Question::has_keys)
    }

    /// The learner's copy of a graded quiz: every question without key or feedback.
    pub fn without_keys(&self) -> Quiz {
        Quiz {
            pools: self
                .pools
                .iter()
                .map(|pool| Pool {
                    pool_id: pool.pool_id.clone(),
                    draw: pool.draw,
                    questions: pool.questions.iter().map(Question::without_keys).collect(),
                })
                .collect(),
            settings: self.settings.clone(),
        }
    }
}
