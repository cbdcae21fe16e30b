//! Property tests: watched-interval union and progress merge form a join (commutative,
//! associative, idempotent), cover both inputs, keep shares in [0, 1] and never undo
//! completion.

use lectern_core::progress::{LessonProgress, WatchedIntervals};
use proptest::prelude::*;

fn any_watched() -> impl Strategy<Value = WatchedIntervals> {
    // Small coordinates so ranges overlap, touch and nest often.
    proptest::collection::vec((0u64..400, 0u64..120), 0..12).prop_map(|ranges| {
        ranges
            .into_iter()
            .map(|(start, length)| (start, start + length))
            .collect()
    })
}

fn any_progress() -> impl Strategy<Value = LessonProgress> {
    (
        0u64..500,
        0u64..20,
        proptest::option::of(0u64..600),
        any_watched(),
        any::<bool>(),
    )
        .prop_map(
            |(position_ms, position_at_ms, duration_ms, watched, is_complete)| LessonProgress {
                position_ms,
                position_at_ms,
                duration_ms,
                watched,
                is_complete,
            },
        )
}

/// Every millisecond covered, for comparing sets by content.
fn points(watched: &WatchedIntervals) -> Vec<u64> {
    watched
        .ranges()
        .iter()
        .flat_map(|&(start, end)| start..end)
        .collect()
}

fn is_normalised(watched: &WatchedIntervals) -> bool {
    watched.ranges().iter().all(|&(start, end)| start < end)
        && watched
            .ranges()
            .windows(2)
            .all(|pair| pair[0].1 < pair[1].0)
}

proptest! {
    #[test]
    fn union_is_a_join(a in any_watched(), b in any_watched(), c in any_watched()) {
        prop_assert_eq!(a.union(&b), b.union(&a));
        prop_assert_eq!(a.union(&b).union(&c), a.union(&b.union(&c)));
        prop_assert_eq!(a.union(&a), a.clone());
        prop_assert!(is_normalised(&a.union(&b)));
    }

    #[test]
    fn union_covers_both_inputs_and_nothing_else(a in any_watched(), b in any_watched()) {
        let both = a.union(&b);
        for &(start, end) in a.ranges().iter().chain(b.ranges()) {
            prop_assert!(both.covers(start, end));
        }
        let mut expected: Vec<u64> = points(&a).into_iter().chain(points(&b)).collect();
        expected.sort_unstable();
        expected.dedup();
        prop_assert_eq!(points(&both), expected);
    }

    #[test]
    fn merge_from_matches_union(a in any_watched(), b in any_watched()) {
        let mut merged = a.clone();
        merged.merge_from(&b);
        prop_assert_eq!(merged, a.union(&b));
    }

    #[test]
    fn adding_one_by_one_matches_collecting(ranges in proptest::collection::vec((0u64..400, 0u64..400), 0..16)) {
        let mut added = WatchedIntervals::new();
        for &(start, end) in &ranges {
            added.add(start, end);
        }
        prop_assert!(is_normalised(&added));
        prop_assert_eq!(added, ranges.into_iter().collect::<WatchedIntervals>());
    }

    #[test]
    fn serde_round_trips(a in any_watched()) {
        let json = serde_json::to_string(&a).unwrap();
        prop_assert_eq!(serde_json::from_str::<WatchedIntervals>(&json).unwrap(), a);
    }

    #[test]
    fn shares_stay_in_range(a in any_watched(), duration in any::<u64>()) {
        let share = a.watched_share(duration);
        prop_assert!((0.0..=1.0).contains(&share));
        prop_assert!(a.watched_ms(duration) <= duration);
    }

    #[test]
    fn merge_is_a_join(a in any_progress(), b in any_progress(), c in any_progress()) {
        prop_assert_eq!(a.merge(&b), b.merge(&a));
        prop_assert_eq!(a.merge(&b).merge(&c), a.merge(&b.merge(&c)));
        prop_assert_eq!(a.merge(&a), a.clone());
    }

    #[test]
    fn merge_keeps_completion_and_everything_watched(a in any_progress(), b in any_progress()) {
        let merged = a.merge(&b);
        prop_assert_eq!(merged.is_complete, a.is_complete || b.is_complete);
        if a.is_complete || b.is_complete {
            prop_assert_eq!(merged.share(), 1.0);
        }
        prop_assert!((0.0..=1.0).contains(&merged.share()));
        prop_assert_eq!(merged.watched.clone(), a.watched.union(&b.watched));
        prop_assert!(merged.position_at_ms >= a.position_at_ms.max(b.position_at_ms));
        prop_assert!(merged.position_ms == a.position_ms || merged.position_ms == b.position_ms);
    }
}
