//! The set of media time a learner has really played: a union of half-open millisecond
//! ranges, kept sorted, disjoint and non-adjacent, with a hard cap on its size.

use serde::{Deserialize, Serialize};

/// Most ranges a [`WatchedIntervals`] keeps.
///
/// Honest playback produces a handful of ranges per sitting, so this is only reached by a
/// hostile or buggy input (a stored record with millions of one-millisecond ranges, a
/// player stuck crediting tiny slivers). Past the cap the closest neighbours are joined by
/// filling the smallest gaps, which over-credits by at most those gaps, so the set stays
/// bounded and still only grows.
pub const MAX_RANGES: usize = 10_000;

/// Why a stored list of ranges cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IntervalError {
    #[error("range starts at {start_ms} ms, after its end at {end_ms} ms")]
    Inverted { start_ms: u64, end_ms: u64 },
}

/// Union of half-open `[start_ms, end_ms)` ranges actually played; sorted, disjoint,
/// non-adjacent (touching ranges are merged). Serialised as `[[start_ms, end_ms], ..]`;
/// deserialising normalises (sorts, merges, caps) and rejects a range with start > end.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(try_from = "Vec<[u64; 2]>", into = "Vec<[u64; 2]>")]
pub struct WatchedIntervals {
    ranges: Vec<(u64, u64)>,
}

impl WatchedIntervals {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `[start_ms, end_ms)`; an empty or inverted range is ignored.
    pub fn add(&mut self, start_ms: u64, end_ms: u64) {
        self.insert(start_ms, end_ms);
    }

    /// Adds `[start_ms, end_ms)` and says whether the covered set changed.
    pub(crate) fn insert(&mut self, start_ms: u64, end_ms: u64) -> bool {
        if start_ms >= end_ms {
            return false;
        }
        // `first..past` are the ranges that overlap or touch the new one.
        let first = self.ranges.partition_point(|&(_, end)| end < start_ms);
        let past = self.ranges.partition_point(|&(start, _)| start <= end_ms);
        if first >= past {
            self.ranges.insert(first, (start_ms, end_ms));
            cap(&mut self.ranges);
            return true;
        }
        let (Some(&(first_start, _)), Some(&(_, last_end))) =
            (self.ranges.get(first), self.ranges.get(past - 1))
        else {
            return false;
        };
        let joined = (start_ms.min(first_start), end_ms.max(last_end));
        if past - first == 1 && self.ranges.get(first) == Some(&joined) {
            return false;
        }
        self.ranges.splice(first..past, [joined]);
        true
    }

    /// Everything in `self` or in `other`.
    pub fn union(&self, other: &Self) -> Self {
        let mut all = Vec::with_capacity(self.ranges.len() + other.ranges.len());
        all.extend_from_slice(&self.ranges);
        all.extend_from_slice(&other.ranges);
        Self::from_unsorted(all)
    }

    /// Adds everything in `other` to `self`.
    pub fn merge_from(&mut self, other: &Self) {
        if other.ranges.is_empty() {
            return;
        }
        *self = self.union(other);
    }

    /// The ranges, in order, as `(start_ms, end_ms)` with `start_ms < end_ms`.
    pub fn ranges(&self) -> &[(u64, u64)] {
        &self.ranges
    }

    pub fn is_empty(&self) -> bool {
        self.ranges.is_empty()
    }

    /// Whether every millisecond of `[start_ms, end_ms)` has been watched.
    pub fn covers(&self, start_ms: u64, end_ms: u64) -> bool {
        if start_ms >= end_ms {
            return true;
        }
        let index = self.ranges.partition_point(|&(_, end)| end <= start_ms);
        self.ranges
            .get(index)
            .is_some_and(|&(start, end)| start <= start_ms && end_ms <= end)
    }

    /// Milliseconds watched within `[0, duration_ms)`.
    pub fn watched_ms(&self, duration_ms: u64) -> u64 {
        self.ranges
            .iter()
            .take_while(|&&(start, _)| start < duration_ms)
            .map(|&(start, end)| end.min(duration_ms) - start)
            .sum()
    }

    /// The watched share of `[0, duration_ms)`, in `[0.0, 1.0]`; `0.0` when the duration is 0.
    pub fn watched_share(&self, duration_ms: u64) -> f64 {
        if duration_ms == 0 {
            return 0.0;
        }
        (self.watched_ms(duration_ms) as f64 / duration_ms as f64).clamp(0.0, 1.0)
    }

    /// Sorts, merges overlapping and touching ranges, drops empty ones and applies the cap.
    fn from_unsorted(mut all: Vec<(u64, u64)>) -> Self {
        all.retain(|&(start, end)| start < end);
        all.sort_unstable();
        let mut ranges: Vec<(u64, u64)> = Vec::with_capacity(all.len());
        for (start, end) in all {
            match ranges.last_mut() {
                Some(last) if start <= last.1 => last.1 = last.1.max(end),
                _ => ranges.push((start, end)),
            }
        }
        cap(&mut ranges);
        Self { ranges }
    }
}

/// Joins ranges across the smallest gaps until at most [`MAX_RANGES`] remain. Ties go to
/// the earlier gap, so the result depends only on the set, not on how it was built.
fn cap(ranges: &mut Vec<(u64, u64)>) {
    let excess = ranges.len().saturating_sub(MAX_RANGES);
    if excess == 0 {
        return;
    }
    // Gap `i` lies between range `i` and range `i + 1`.
    let mut gaps: Vec<(u64, usize)> = ranges
        .windows(2)
        .enumerate()
        .map(|(index, pair)| (pair[1].0 - pair[0].1, index))
        .collect();
    gaps.sort_unstable();
    let mut is_filled = vec![false; ranges.len()];
    for &(_, index) in gaps.iter().take(excess) {
        is_filled[index] = true;
    }
    let mut joined: Vec<(u64, u64)> = Vec::with_capacity(MAX_RANGES);
    let mut is_joining = false;
    for (&(start, end), &fill_after) in ranges.iter().zip(&is_filled) {
        match joined.last_mut() {
            Some(last) if is_joining => last.1 = end,
            _ => joined.push((start, end)),
        }
        is_joining = fill_after;
    }
    *ranges = joined;
}

impl TryFrom<Vec<[u64; 2]>> for WatchedIntervals {
    type Error = IntervalError;

    fn try_from(raw: Vec<[u64; 2]>) -> Result<Self, IntervalError> {
        if let Some(&[start_ms, end_ms]) = raw.iter().find(|[start, end]| start > end) {
            return Err(IntervalError::Inverted { start_ms, end_ms });
        }
        Ok(Self::from_unsorted(
            raw.into_iter().map(|[start, end]| (start, end)).collect(),
        ))
    }
}

impl From<WatchedIntervals> for Vec<[u64; 2]> {
    fn from(watched: WatchedIntervals) -> Self {
        watched
            .ranges
            .into_iter()
            .map(|(start, end)| [start, end])
            .collect()
    }
}

impl FromIterator<(u64, u64)> for WatchedIntervals {
    /// Collects ranges in any order; empty and inverted ones are ignored.
    fn from_iter<I: IntoIterator<Item = (u64, u64)>>(ranges: I) -> Self {
        Self::from_unsorted(ranges.into_iter().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(ranges: &[(u64, u64)]) -> WatchedIntervals {
        ranges.iter().copied().collect()
    }

    #[test]
    fn add_merges_overlapping_and_touching_ranges() {
        let mut watched = WatchedIntervals::new();
        watched.add(10, 20);
        watched.add(30, 40);
        assert_eq!(watched.ranges(), &[(10, 20), (30, 40)]);
        watched.add(20, 25);
        assert_eq!(watched.ranges(), &[(10, 25), (30, 40)]);
        watched.add(5, 35);
        assert_eq!(watched.ranges(), &[(5, 40)]);
        watched.add(0, 1);
        watched.add(50, 60);
        assert_eq!(watched.ranges(), &[(0, 1), (5, 40), (50, 60)]);
    }

    #[test]
    fn empty_and_inverted_ranges_are_ignored() {
        let mut watched = set(&[(10, 20)]);
        assert!(!watched.insert(5, 5));
        assert!(!watched.insert(30, 25));
        assert_eq!(watched.ranges(), &[(10, 20)]);
    }

    #[test]
    fn insert_reports_whether_the_set_changed() {
        let mut watched = set(&[(10, 20)]);
        assert!(!watched.insert(12, 18));
        assert!(!watched.insert(10, 20));
        assert!(watched.insert(15, 21));
        assert!(watched.insert(0, 3));
        assert_eq!(watched.ranges(), &[(0, 3), (10, 21)]);
    }

    #[test]
    fn watched_time_is_clipped_to_the_duration() {
        let watched = set(&[(0, 1_000), (5_000, 12_000)]);
        assert_eq!(watched.watched_ms(10_000), 6_000);
        assert_eq!(watched.watched_ms(500), 500);
        assert_eq!(watched.watched_ms(0), 0);
        assert_eq!(watched.watched_share(10_000), 0.6);
        assert_eq!(watched.watched_share(0), 0.0);
        assert_eq!(set(&[(0, 50_000)]).watched_share(10_000), 1.0);
    }

    #[test]
    fn covers_needs_one_range_holding_all_of_it() {
        let watched = set(&[(0, 10), (20, 30)]);
        assert!(watched.covers(0, 10));
        assert!(watched.covers(22, 25));
        assert!(!watched.covers(5, 25));
        assert!(!watched.covers(10, 11));
        assert!(watched.covers(40, 40));
    }

    #[test]
    fn serde_normalises_and_rejects_inverted_ranges() {
        let watched: WatchedIntervals =
            serde_json::from_str("[[30,40],[0,10],[10,15],[5,5]]").unwrap();
        assert_eq!(watched.ranges(), &[(0, 15), (30, 40)]);
        assert_eq!(serde_json::to_string(&watched).unwrap(), "[[0,15],[30,40]]");
        let inverted = serde_json::from_str::<WatchedIntervals>("[[0,10],[9,3]]");
        assert!(inverted.is_err());
        assert_eq!(
            WatchedIntervals::try_from(vec![[9, 3]]),
            Err(IntervalError::Inverted {
                start_ms: 9,
                end_ms: 3
            })
        );
    }

    #[test]
    fn the_cap_fills_the_smallest_gaps() {
        // Ranges 10 ms apart, except one pair only 1 ms apart.
        let mut ranges: Vec<(u64, u64)> = (0..MAX_RANGES as u64)
            .map(|i| (i * 20, i * 20 + 10))
            .collect();
        ranges.push((MAX_RANGES as u64 * 20 - 9, MAX_RANGES as u64 * 20));
        let mut watched: WatchedIntervals = ranges.iter().copied().collect();
        assert_eq!(watched.ranges().len(), MAX_RANGES);
        let last_two = &watched.ranges()[MAX_RANGES - 2..];
        let top = MAX_RANGES as u64 * 20;
        assert_eq!(last_two, &[(top - 40, top - 30), (top - 20, top)]);

        // Adding past the cap one at a time stays bounded and never loses time.
        let before = watched.watched_ms(u64::MAX);
        for i in 0..50 {
            watched.add(top + 100 + i * 1_000, top + 110 + i * 1_000);
        }
        assert_eq!(watched.ranges().len(), MAX_RANGES);
        assert!(watched.watched_ms(u64::MAX) >= before + 50 * 10);
        assert!(watched.covers(top + 100 + 49_000, top + 110 + 49_000));
    }
}
