//! Exact scores: points are counted in whole milli-points so that partial credit adds up the
//! same on every machine, with no floating point.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A score in milli-points (1 point = 1000).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Score(u32);

impl Score {
    pub const ZERO: Score = Score(0);

    pub fn from_points(points: u32) -> Score {
        Score(points.saturating_mul(1000))
    }

    pub fn from_millipoints(millipoints: u32) -> Score {
        Score(millipoints)
    }

    pub fn millipoints(self) -> u32 {
        self.0
    }

    /// `self × numerator / denominator`, rounded down; zero when `denominator` is zero.
    pub fn share(self, numerator: usize, denominator: usize) -> Score {
        if denominator == 0 {
            return Score::ZERO;
        }
        let numerator = u128::try_from(numerator.min(denominator)).unwrap_or(0);
        let denominator = u128::try_from(denominator).unwrap_or(u128::MAX);
        let scaled = u128::from(self.0) * numerator / denominator;
        Score(u32::try_from(scaled).unwrap_or(self.0))
    }

    pub fn saturating_add(self, other: Score) -> Score {
        Score(self.0.saturating_add(other.0))
    }
}

impl fmt::Display for Score {
    /// Points with up to three decimals and no trailing zeros: `1`, `0.5`, `2.333`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (whole, milli) = (self.0 / 1000, self.0 % 1000);
        if milli == 0 {
            write!(f, "{whole}")
        } else {
            let decimals = format!("{milli:03}");
            write!(f, "{whole}.{}", decimals.trim_end_matches('0'))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_round_down_and_never_exceed_the_whole() {
        let two = Score::from_points(2);
        assert_eq!(two.share(1, 3), Score::from_millipoints(666));
        assert_eq!(two.share(3, 3), two);
        assert_eq!(two.share(5, 3), two);
        assert_eq!(two.share(1, 0), Score::ZERO);
        assert_eq!(
            Score::from_millipoints(u32::MAX).share(1, 1),
            Score::from_millipoints(u32::MAX)
        );
    }

    #[test]
    fn scores_print_as_points() {
        assert_eq!(Score::from_points(3).to_string(), "3");
        assert_eq!(Score::from_millipoints(500).to_string(), "0.5");
        assert_eq!(Score::from_millipoints(2_333).to_string(), "2.333");
        assert_eq!(Score::from_millipoints(1_050).to_string(), "1.05");
    }
}
