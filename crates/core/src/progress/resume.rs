//! Where a lecture picks up when the learner comes back to it.

/// How far before the saved point playback resumes, so the learner hears the sentence again.
pub const RESUME_REWIND_MS: u64 = 2_000;

/// A saved point earlier than this starts the lecture from the beginning.
pub const RESUME_MIN_MS: u64 = 5_000;

/// A saved point within this much of the end counts as finished.
pub const RESUME_END_MARGIN_MS: u64 = 5_000;

/// A saved point at or past this percent of the duration counts as finished.
pub const RESUME_FINISHED_PERCENT: u64 = 98;

/// Where to resume: 2 s before the saved point; None (start at 0) when the saved point is
/// under 5 s, or within the last 5 s / at ≥ 98 % of a known duration (the learner finished).
/// A known duration of 0 also gives `None`, since every point is within its last 5 s.
pub fn resume_point(saved_ms: u64, duration_ms: Option<u64>) -> Option<u64> {
    if saved_ms < RESUME_MIN_MS {
        return None;
    }
    if let Some(duration_ms) = duration_ms {
        let is_near_end = saved_ms >= duration_ms.saturating_sub(RESUME_END_MARGIN_MS);
        let is_mostly_done = u128::from(saved_ms) * 100
            >= u128::from(duration_ms) * u128::from(RESUME_FINISHED_PERCENT);
        if is_near_end || is_mostly_done {
            return None;
        }
    }
    Some(saved_ms.saturating_sub(RESUME_REWIND_MS))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resumes_two_seconds_early() {
        assert_eq!(resume_point(60_000, Some(600_000)), Some(58_000));
        assert_eq!(resume_point(60_000, None), Some(58_000));
        assert_eq!(resume_point(5_000, None), Some(3_000));
    }

    #[test]
    fn starts_over_near_the_start() {
        assert_eq!(resume_point(0, None), None);
        assert_eq!(resume_point(4_999, Some(600_000)), None);
    }

    #[test]
    fn starts_over_when_the_learner_finished() {
        // Within the last 5 s.
        assert_eq!(resume_point(55_000, Some(60_000)), None);
        assert_eq!(resume_point(54_999, Some(60_000)), Some(52_999));
        // At 98 % of a long lecture, though more than 5 s remain.
        assert_eq!(resume_point(980_000, Some(1_000_000)), None);
        assert_eq!(resume_point(979_999, Some(1_000_000)), Some(977_999));
        // Past the end, and a zero duration.
        assert_eq!(resume_point(70_000, Some(60_000)), None);
        assert_eq!(resume_point(70_000, Some(0)), None);
    }
}
