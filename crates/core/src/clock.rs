//! The server's clock as the player estimates it. Deadlines and start times are server time;
//! a learner's device may be minutes off. Each API answer's `Date` header (whole seconds)
//! gives a sample: the server wrote it somewhere between the request leaving and the answer
//! arriving, so the estimate is the midpoint, and its uncertainty half the round trip plus the
//! header's rounding. The sample with the smallest uncertainty wins.

use jiff::{SignedDuration, Timestamp};

/// The estimated difference `server clock − device clock`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClockOffset {
    offset: SignedDuration,
    uncertainty: SignedDuration,
}

impl ClockOffset {
    /// No sample yet: trust the device.
    pub const UNKNOWN: ClockOffset = ClockOffset {
        offset: SignedDuration::ZERO,
        uncertainty: SignedDuration::MAX,
    };

    /// One sample: a request sent at device time `sent_at` got an answer dated `server_date`
    /// (truncated to the second) that arrived at device time `received_at`.
    pub fn from_sample(
        server_date: Timestamp,
        sent_at: Timestamp,
        received_at: Timestamp,
    ) -> ClockOffset {
        let round_trip = received_at
            .duration_since(sent_at)
            .max(SignedDuration::ZERO);
        let half_trip = round_trip / 2;
        let device_midpoint = sent_at.checked_add(half_trip).unwrap_or(sent_at);
        // The header drops the milliseconds: the server's time was in [date, date + 1 s).
        let half_second = SignedDuration::from_millis(500);
        let server_midpoint = server_date.checked_add(half_second).unwrap_or(server_date);
        ClockOffset {
            offset: server_midpoint.duration_since(device_midpoint),
            uncertainty: half_trip.saturating_add(half_second),
        }
    }

    /// The better of two estimates.
    pub fn best(self, other: ClockOffset) -> ClockOffset {
        if other.uncertainty < self.uncertainty {
            other
        } else {
            self
        }
    }

    /// Whether any sample has been taken.
    pub fn is_known(self) -> bool {
        self.uncertainty != SignedDuration::MAX
    }

    /// The server's time when the device reads `device_now`.
    pub fn server_time(self, device_now: Timestamp) -> Timestamp {
        device_now.checked_add(self.offset).unwrap_or(device_now)
    }

    /// `server clock − device clock`.
    pub fn offset(self) -> SignedDuration {
        self.offset
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    #[test]
    fn a_device_five_minutes_slow_is_corrected_within_the_rounding() {
        let sent = at("2026-03-01T09:55:00.000Z");
        let received = at("2026-03-01T09:55:00.200Z");
        let offset = ClockOffset::from_sample(at("2026-03-01T10:00:00Z"), sent, received);
        let error = offset.offset() - SignedDuration::from_mins(5);
        assert!(error.abs() <= SignedDuration::from_millis(500), "{error:?}");
        assert_eq!(
            offset.server_time(at("2026-03-01T09:56:00.100Z")),
            at("2026-03-01T10:01:00.500Z")
        );
    }

    #[test]
    fn the_shorter_round_trip_wins_and_unknown_trusts_the_device() {
        let device = at("2026-03-01T10:00:00Z");
        assert!(!ClockOffset::UNKNOWN.is_known());
        assert_eq!(ClockOffset::UNKNOWN.server_time(device), device);
        let slow = ClockOffset::from_sample(device, device, at("2026-03-01T10:00:04Z"));
        let fast = ClockOffset::from_sample(
            at("2026-03-01T10:00:10Z"),
            at("2026-03-01T10:00:05Z"),
            at("2026-03-01T10:00:05.050Z"),
        );
        assert_eq!(slow.best(fast), fast);
        assert_eq!(fast.best(slow), fast);
        assert_eq!(ClockOffset::UNKNOWN.best(slow), slow);
    }

    #[test]
    fn a_reply_that_seems_to_arrive_before_it_left_is_not_a_negative_trip() {
        let sent = at("2026-03-01T10:00:01Z");
        let offset = ClockOffset::from_sample(sent, sent, at("2026-03-01T10:00:00Z"));
        assert!(offset.is_known());
        assert_eq!(offset.offset(), SignedDuration::from_millis(500));
    }
}
