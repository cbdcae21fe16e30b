//! What a late policy decides for a submission. Late days are counted in the course's
//! calendar: the first late day ends at the same wall-clock time the day after the
//! deadline, in the course's zone, so across a DST change a late "day" is 23 or 25 hours,
//! as it is on every clock the learners and instructors see.

use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};

/// The most late days counted (ten years); later ones count as this many.
pub const MAX_LATE_DAYS: u32 = 3_650;

/// What happens to work handed in after its due date. In a manifest:
/// `{"kind": "refuse"}`, `{"kind": "accept"}` or
/// `{"kind": "penalty", "percent_per_day": 10, "max_percent": 50}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SubmissionLatePolicy {
    /// A hard deadline: nothing is taken after it.
    Refuse,
    /// Taken, marked late.
    Accept,
    /// Taken, marked late, with `percent_per_day` off the grade per late day, at most
    /// `max_percent`.
    Penalty {
        percent_per_day: u8,
        max_percent: u8,
    },
}

/// The decision for one submission.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LateDecision {
    OnTime,
    /// Taken late: `days_late` started days in the course's calendar, and the share of the
    /// grade taken off.
    Late {
        days_late: u32,
        penalty_percent: u8,
    },
    /// After a hard deadline: refused.
    Refused,
}

/// What `policy` decides for work submitted at `submitted_at` (by the server's clock) that
/// was due at `due_at`, late days counted in `course_zone`. Handed in at the deadline
/// itself, it is on time.
pub fn late_decision(
    policy: SubmissionLatePolicy,
    due_at: Timestamp,
    submitted_at: Timestamp,
    course_zone: &TimeZone,
) -> LateDecision {
    if submitted_at <= due_at {
        return LateDecision::OnTime;
    }
    let days_late = late_days(due_at, submitted_at, course_zone);
    match policy {
        SubmissionLatePolicy::Refuse => LateDecision::Refused,
        SubmissionLatePolicy::Accept => LateDecision::Late {
            days_late,
            penalty_percent: 0,
        },
        SubmissionLatePolicy::Penalty {
            percent_per_day,
            max_percent,
        } => {
            let penalty = u64::from(days_late) * u64::from(percent_per_day);
            let cap = u64::from(max_percent.min(100));
            LateDecision::Late {
                days_late,
                penalty_percent: u8::try_from(penalty.min(cap)).unwrap_or(100),
            }
        }
    }
}

/// The started late days: the smallest `k` (at least 1) with `submitted_at` no later than
/// the deadline's wall-clock time `k` days on, in `zone`.
fn late_days(due_at: Timestamp, submitted_at: Timestamp, zone: &TimeZone) -> u32 {
    let due = due_at.to_zoned(zone.clone());
    let elapsed_days = submitted_at.duration_since(due_at).as_secs() / 86_400;
    // A calendar day is 23 to 25 hours, so the answer is within one of the elapsed days.
    let mut days = u32::try_from(elapsed_days.saturating_sub(1).max(1)).unwrap_or(MAX_LATE_DAYS);
    while days < MAX_LATE_DAYS {
        match due.checked_add(i64::from(days).days()) {
            Ok(boundary) if submitted_at <= boundary.timestamp() => return days,
            Ok(_) => days += 1,
            Err(_) => return MAX_LATE_DAYS,
        }
    }
    MAX_LATE_DAYS
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::tz::offset;
    use proptest::prelude::*;

    fn at(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    fn berlin() -> TimeZone {
        TimeZone::posix("CET-1CEST,M3.5.0,M10.5.0/3").unwrap()
    }

    const PENALTY: SubmissionLatePolicy = SubmissionLatePolicy::Penalty {
        percent_per_day: 10,
        max_percent: 30,
    };

    fn days_late(decision: LateDecision) -> Option<u32> {
        match decision {
            LateDecision::Late { days_late, .. } => Some(days_late),
            _ => None,
        }
    }

    #[test]
    fn each_policy_decides_at_and_after_the_deadline() {
        let due = at("2026-05-04T09:00:00Z");
        let utc = TimeZone::UTC;
        for policy in [
            SubmissionLatePolicy::Refuse,
            SubmissionLatePolicy::Accept,
            PENALTY,
        ] {
            assert_eq!(late_decision(policy, due, due, &utc), LateDecision::OnTime);
        }
        let a_second_late = at("2026-05-04T09:00:01Z");
        assert_eq!(
            late_decision(SubmissionLatePolicy::Refuse, due, a_second_late, &utc),
            LateDecision::Refused
        );
        assert_eq!(
            late_decision(SubmissionLatePolicy::Accept, due, a_second_late, &utc),
            LateDecision::Late {
                days_late: 1,
                penalty_percent: 0
            }
        );
        let five_days = at("2026-05-09T08:00:00Z");
        assert_eq!(
            late_decision(PENALTY, due, five_days, &utc),
            LateDecision::Late {
                days_late: 5,
                penalty_percent: 30
            }
        );
    }

    #[test]
    fn late_days_follow_the_course_calendar_across_spring_forward() {
        // Due Saturday 12:00 in Berlin (UTC+1); Sunday 12:00 is UTC+2, only 23 hours on.
        let due = at("2026-03-28T11:00:00Z");
        let after_23_hours_30 = at("2026-03-29T10:30:00Z");
        let decision = late_decision(
            SubmissionLatePolicy::Accept,
            due,
            after_23_hours_30,
            &berlin(),
        );
        assert_eq!(days_late(decision), Some(2), "past Sunday noon in Berlin");
        let in_utc = late_decision(
            SubmissionLatePolicy::Accept,
            due,
            after_23_hours_30,
            &TimeZone::UTC,
        );
        assert_eq!(days_late(in_utc), Some(1), "in UTC a day is 24 hours");
    }

    #[test]
    fn late_days_follow_the_course_calendar_across_fall_back() {
        // Due Saturday 12:00 in Berlin (UTC+2); Sunday 12:00 is UTC+1, 25 hours on.
        let due = at("2026-10-24T10:00:00Z");
        let after_24_hours_30 = at("2026-10-25T10:30:00Z");
        let decision = late_decision(
            SubmissionLatePolicy::Accept,
            due,
            after_24_hours_30,
            &berlin(),
        );
        assert_eq!(
            days_late(decision),
            Some(1),
            "still before Sunday noon in Berlin"
        );
        let in_utc = late_decision(
            SubmissionLatePolicy::Accept,
            due,
            after_24_hours_30,
            &TimeZone::UTC,
        );
        assert_eq!(days_late(in_utc), Some(2));
    }

    #[test]
    fn the_ends_of_the_worlds_offsets_count_whole_days() {
        let due = at("2026-06-01T12:00:00Z");
        for zone in [TimeZone::fixed(offset(-12)), TimeZone::fixed(offset(14))] {
            let just_in_day_two = at("2026-06-02T12:00:01Z");
            let decision = late_decision(PENALTY, due, just_in_day_two, &zone);
            assert_eq!(
                decision,
                LateDecision::Late {
                    days_late: 2,
                    penalty_percent: 20
                },
                "{zone:?}"
            );
        }
    }

    #[test]
    fn absurdly_late_work_counts_as_the_most_late_days() {
        let decision = late_decision(
            SubmissionLatePolicy::Accept,
            at("2000-01-01T00:00:00Z"),
            at("2090-01-01T00:00:00Z"),
            &berlin(),
        );
        assert_eq!(days_late(decision), Some(MAX_LATE_DAYS));
    }

    proptest! {
        /// Later submissions are never fewer days late, the penalty never passes its cap,
        /// and work is on time exactly when handed in by the deadline.
        #[test]
        fn decisions_are_monotonic_and_capped(
            due_s in 1_700_000_000i64..1_900_000_000,
            first in -200_000i64..5_000_000,
            extra in 0i64..5_000_000,
            zone_pick in 0usize..4,
        ) {
            let zones = [
                berlin(),
                TimeZone::posix("EST5EDT,M3.2.0,M11.1.0").unwrap(),
                TimeZone::fixed(offset(-12)),
                TimeZone::fixed(offset(14)),
            ];
            let zone = &zones[zone_pick];
            let due = Timestamp::from_second(due_s).unwrap();
            let earlier = Timestamp::from_second(due_s + first).unwrap();
            let later = Timestamp::from_second(due_s + first + extra).unwrap();
            let (a, b) = (late_decision(PENALTY, due, earlier, zone), late_decision(PENALTY, due, later, zone));
            prop_assert_eq!(a == LateDecision::OnTime, earlier <= due);
            prop_assert!(days_late(a).unwrap_or(0) <= days_late(b).unwrap_or(0));
            if let LateDecision::Late { days_late, penalty_percent } = b {
                prop_assert!(penalty_percent <= 30);
                // Never more days than the 23-hour days that fit, nor fewer than 25-hour ones.
                let elapsed = later.duration_since(due).as_secs();
                prop_assert!(i64::from(days_late) <= elapsed / (23 * 3_600) + 1);
                prop_assert!(i64::from(days_late) >= elapsed / (25 * 3_600));
            }
        }
    }
}
