//! How far a deadline is, in the words a learner reads ("due in 2 days", "overdue by 3
//! hours"), and a deadline written as a wall-clock time in a zone.

use jiff::civil::DateTime;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

/// Whether the deadline is still ahead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DueDirection {
    /// Due in …
    Ahead,
    /// Overdue by …
    Past,
}

/// The unit the distance is told in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DueUnit {
    Minutes,
    Hours,
    Days,
}

/// The distance to a deadline, rounded down to whole units: under an hour in minutes (at
/// least 1), under two days in hours, else in days. An elapsed time, so DST changes
/// between now and the deadline never make "in 2 days" wrong by an hour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RelativeDue {
    pub direction: DueDirection,
    pub amount: i64,
    pub unit: DueUnit,
}

/// How far `due_at` is from `now`. Exactly at the deadline it is still ahead ("due in 1
/// minute"): work handed in at that instant is on time.
pub fn relative_due(due_at: Timestamp, now: Timestamp) -> RelativeDue {
    let (direction, distance) = if due_at >= now {
        (DueDirection::Ahead, due_at.duration_since(now))
    } else {
        (DueDirection::Past, now.duration_since(due_at))
    };
    let minutes = distance.as_secs() / 60;
    let (amount, unit) = if distance < SignedDuration::from_hours(1) {
        (minutes.max(1), DueUnit::Minutes)
    } else if distance < SignedDuration::from_hours(48) {
        (distance.as_secs() / 3_600, DueUnit::Hours)
    } else {
        (distance.as_secs() / 86_400, DueUnit::Days)
    };
    RelativeDue {
        direction,
        amount,
        unit,
    }
}

/// The instant of a deadline written as the wall-clock time `local` in `zone` ("23:59 on
/// 29 March, Berlin time"). A time the clocks skip (spring forward) means the moment just
/// after the gap; a time that happens twice (fall back) means its first occurrence, so a
/// deadline never moves later than the learner could have read it.
pub fn local_deadline(local: DateTime, zone: &TimeZone) -> Option<Timestamp> {
    zone.to_ambiguous_timestamp(local).compatible().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;
    use jiff::tz::offset;

    fn at(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    fn berlin() -> TimeZone {
        TimeZone::posix("CET-1CEST,M3.5.0,M10.5.0/3").unwrap()
    }

    #[test]
    fn the_distance_is_told_in_the_unit_a_learner_expects() {
        let now = at("2026-03-27T12:00:00Z");
        let cases = [
            (
                "2026-03-29T12:00:00Z",
                DueDirection::Ahead,
                2,
                DueUnit::Days,
            ),
            (
                "2026-03-28T11:00:00Z",
                DueDirection::Ahead,
                23,
                DueUnit::Hours,
            ),
            (
                "2026-03-27T12:00:20Z",
                DueDirection::Ahead,
                1,
                DueUnit::Minutes,
            ),
            (
                "2026-03-27T12:00:00Z",
                DueDirection::Ahead,
                1,
                DueUnit::Minutes,
            ),
            (
                "2026-03-27T09:00:00Z",
                DueDirection::Past,
                3,
                DueUnit::Hours,
            ),
            (
                "2026-03-27T11:15:00Z",
                DueDirection::Past,
                45,
                DueUnit::Minutes,
            ),
            ("2026-03-20T12:00:00Z", DueDirection::Past, 7, DueUnit::Days),
        ];
        for (due_at, direction, amount, unit) in cases {
            let expected = RelativeDue {
                direction,
                amount,
                unit,
            };
            assert_eq!(relative_due(at(due_at), now), expected, "{due_at}");
        }
    }

    #[test]
    fn two_days_across_spring_forward_are_still_two_days_to_the_hour() {
        // 48 elapsed hours across the night Berlin's clocks jump: still "in 2 days".
        let now = at("2026-03-28T10:00:00Z");
        let due = relative_due(at("2026-03-30T10:00:00Z"), now);
        assert_eq!((due.amount, due.unit), (2, DueUnit::Days));
    }

    #[test]
    fn a_wall_clock_deadline_follows_the_zone_rules_across_dst() {
        let zone = berlin();
        // Winter (UTC+1) and summer (UTC+2) time.
        let winter = local_deadline(date(2026, 3, 28).at(23, 59, 0, 0), &zone).unwrap();
        assert_eq!(winter, at("2026-03-28T22:59:00Z"));
        let summer = local_deadline(date(2026, 3, 30).at(23, 59, 0, 0), &zone).unwrap();
        assert_eq!(summer, at("2026-03-30T21:59:00Z"));
        // 02:30 on 29 March does not exist in Berlin: the moment after the gap.
        let skipped = local_deadline(date(2026, 3, 29).at(2, 30, 0, 0), &zone).unwrap();
        assert_eq!(skipped, at("2026-03-29T01:30:00Z"));
        // 02:30 on 25 October happens twice: the first one.
        let repeated = local_deadline(date(2026, 10, 25).at(2, 30, 0, 0), &zone).unwrap();
        assert_eq!(repeated, at("2026-10-25T00:30:00Z"));
    }

    #[test]
    fn the_same_midnight_is_a_day_apart_at_the_ends_of_the_worlds_offsets() {
        let baker_island = TimeZone::fixed(offset(-12));
        let kiritimati = TimeZone::fixed(offset(14));
        let local = date(2026, 6, 1).at(0, 0, 0, 0);
        let west = local_deadline(local, &baker_island).unwrap();
        let east = local_deadline(local, &kiritimati).unwrap();
        assert_eq!(west, at("2026-06-01T12:00:00Z"));
        assert_eq!(east, at("2026-05-31T10:00:00Z"));
        assert_eq!(west.duration_since(east), SignedDuration::from_hours(26));
        // One instant, two learners: in Kiritimati it is already overdue by hours while
        // in UTC−12 it is a day ahead.
        let now = at("2026-05-31T20:00:00Z");
        assert_eq!(relative_due(east, now).direction, DueDirection::Past);
        assert_eq!(
            relative_due(west, now),
            RelativeDue {
                direction: DueDirection::Ahead,
                amount: 16,
                unit: DueUnit::Hours
            }
        );
    }
}
