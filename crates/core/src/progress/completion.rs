//! When a lecture counts as complete, and the progress record the player keeps per learner
//! and lesson: how two copies of it merge, and the shares shown by the outline's rings.

use super::WatchedIntervals;
use crate::course::DEFAULT_COMPLETION_PERCENT;
use serde::{Deserialize, Serialize};

/// Why a number is not a completion threshold.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a completion threshold is a percent from 1 to 100, not {0}")]
pub struct ThresholdError(pub u8);

/// The percent of a lecture (1 to 100) that must really be watched for it to complete.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct CompletionThreshold(u8);

impl CompletionThreshold {
    /// 90 %, the manifest's default.
    pub const DEFAULT: Self = Self(DEFAULT_COMPLETION_PERCENT);

    /// `None` unless `percent` is in `1..=100`.
    pub fn new(percent: u8) -> Option<Self> {
        (1..=100).contains(&percent).then_some(Self(percent))
    }

    pub fn percent(self) -> u8 {
        self.0
    }

    /// Whether at least this percent of `[0, duration_ms)` is watched. Never met for a
    /// zero duration. Exact integer arithmetic, so 90 % of 1 000 ms needs all 900 ms.
    pub fn is_met(self, watched: &WatchedIntervals, duration_ms: u64) -> bool {
        duration_ms > 0
            && u128::from(watched.watched_ms(duration_ms)) * 100
                >= u128::from(duration_ms) * u128::from(self.0)
    }
}

impl Default for CompletionThreshold {
    fn default() -> Self {
        Self::DEFAULT
    }
}

impl TryFrom<u8> for CompletionThreshold {
    type Error = ThresholdError;

    fn try_from(percent: u8) -> Result<Self, ThresholdError> {
        Self::new(percent).ok_or(ThresholdError(percent))
    }
}

impl From<CompletionThreshold> for u8 {
    fn from(threshold: CompletionThreshold) -> u8 {
        threshold.0
    }
}

/// What the player stores per learner and lesson (the local view; the sync engine will
/// carry it as events later).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct LessonProgress {
    /// Where the learner was, for resuming.
    pub position_ms: u64,
    /// When that position was recorded (event time, milliseconds since the Unix epoch).
    pub position_at_ms: u64,
    /// The media's length, once known.
    pub duration_ms: Option<u64>,
    /// The media time really played.
    pub watched: WatchedIntervals,
    /// Monotonic: once complete, a lesson stays complete.
    pub is_complete: bool,
}

impl LessonProgress {
    /// Combines two copies of the same learner's progress (two tabs, two devices, a stored
    /// record and a fresh one). Commutative, associative and idempotent:
    /// - position: the later `position_at_ms` wins; on a tie, the larger position;
    /// - watched: the union;
    /// - completion: either (completion never goes back);
    /// - duration: the larger known one.
    pub fn merge(&self, other: &Self) -> Self {
        let (position_at_ms, position_ms) =
            (self.position_at_ms, self.position_ms).max((other.position_at_ms, other.position_ms));
        LessonProgress {
            position_ms,
            position_at_ms,
            duration_ms: self.duration_ms.max(other.duration_ms),
            watched: self.watched.union(&other.watched),
            is_complete: self.is_complete || other.is_complete,
        }
    }

    /// The share shown in the outline's progress ring, in `[0.0, 1.0]`: `1.0` once complete
    /// (a completed lesson shows a full ring even if only the threshold was watched, and even
    /// when no duration is known), otherwise the watched share of the known duration, and
    /// `0.0` while the duration is unknown.
    pub fn share(&self) -> f64 {
        if self.is_complete {
            return 1.0;
        }
        self.duration_ms
            .map_or(0.0, |duration_ms| self.watched.watched_share(duration_ms))
    }
}

/// The mean of lesson shares, for a module's ring: in `[0.0, 1.0]`, `0.0` for no lessons.
/// Each share is clamped to `[0.0, 1.0]` first and a NaN counts as `0.0`.
pub fn module_share(lessons: &[f64]) -> f64 {
    if lessons.is_empty() {
        return 0.0;
    }
    let total: f64 = lessons
        .iter()
        .map(|share| {
            if share.is_nan() {
                0.0
            } else {
                share.clamp(0.0, 1.0)
            }
        })
        .sum();
    (total / lessons.len() as f64).clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn watched(ranges: &[(u64, u64)]) -> WatchedIntervals {
        ranges.iter().copied().collect()
    }

    #[test]
    fn thresholds_are_percents_from_1_to_100() {
        assert_eq!(CompletionThreshold::new(0), None);
        assert_eq!(CompletionThreshold::new(101), None);
        assert_eq!(
            CompletionThreshold::new(1).map(CompletionThreshold::percent),
            Some(1)
        );
        assert_eq!(
            CompletionThreshold::new(100).map(CompletionThreshold::percent),
            Some(100)
        );
        assert_eq!(
            CompletionThreshold::default().percent(),
            DEFAULT_COMPLETION_PERCENT
        );
        assert!(serde_json::from_str::<CompletionThreshold>("0").is_err());
        assert!(serde_json::from_str::<CompletionThreshold>("101").is_err());
        assert_eq!(
            serde_json::from_str::<CompletionThreshold>("75").ok(),
            CompletionThreshold::new(75)
        );
        assert_eq!(
            serde_json::to_string(&CompletionThreshold::DEFAULT)
                .ok()
                .as_deref(),
            Some("90")
        );
    }

    #[test]
    fn is_met_counts_only_the_watched_part_of_the_duration() {
        let ninety = CompletionThreshold::DEFAULT;
        assert!(ninety.is_met(&watched(&[(0, 900)]), 1_000));
        assert!(!ninety.is_met(&watched(&[(0, 899)]), 1_000));
        assert!(ninety.is_met(&watched(&[(0, 500), (600, 1_000)]), 1_000));
        // Time past the end does not count.
        assert!(!ninety.is_met(&watched(&[(500, 5_000)]), 1_000));
        assert!(!ninety.is_met(&watched(&[(0, 5_000)]), 0));
        let all = CompletionThreshold::new(100).unwrap();
        assert!(!all.is_met(&watched(&[(0, 999)]), 1_000));
        assert!(all.is_met(&watched(&[(0, 1_000)]), 1_000));
    }

    #[test]
    fn merge_takes_the_later_position_the_union_and_either_completion() {
        let phone = LessonProgress {
            position_ms: 40_000,
            position_at_ms: 2_000,
            duration_ms: None,
            watched: watched(&[(0, 40_000)]),
            is_complete: false,
        };
        let laptop = LessonProgress {
            position_ms: 10_000,
            position_at_ms: 3_000,
            duration_ms: Some(100_000),
            watched: watched(&[(60_000, 70_000)]),
            is_complete: true,
        };
        let merged = phone.merge(&laptop);
        assert_eq!(merged.position_ms, 10_000);
        assert_eq!(merged.position_at_ms, 3_000);
        assert_eq!(merged.duration_ms, Some(100_000));
        assert_eq!(merged.watched.ranges(), &[(0, 40_000), (60_000, 70_000)]);
        assert!(merged.is_complete);

        let tie = LessonProgress {
            position_at_ms: 3_000,
            ..phone
        };
        assert_eq!(tie.merge(&laptop).position_ms, 40_000);
        assert_eq!(laptop.merge(&tie).position_ms, 40_000);
    }

    #[test]
    fn share_is_full_once_complete_and_zero_without_a_duration() {
        let mut progress = LessonProgress {
            duration_ms: Some(200),
            watched: watched(&[(0, 50)]),
            ..LessonProgress::default()
        };
        assert_eq!(progress.share(), 0.25);
        progress.duration_ms = None;
        assert_eq!(progress.share(), 0.0);
        progress.is_complete = true;
        assert_eq!(progress.share(), 1.0);
    }

    #[test]
    fn module_share_is_the_clamped_mean() {
        assert_eq!(module_share(&[]), 0.0);
        assert_eq!(module_share(&[1.0, 0.5, 0.0, 0.5]), 0.5);
        assert_eq!(module_share(&[f64::NAN, 2.0]), 0.5);
        assert_eq!(module_share(&[-1.0, 0.25]), 0.125);
    }
}
