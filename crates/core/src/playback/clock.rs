//! Media times as the learner reads them: clock text, the parts for a localised
//! `aria-valuetext`, and percent of the duration.

/// A media time split for display, with seconds rounded down.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClockParts {
    pub hours: u64,
    pub minutes: u64,
    pub seconds: u64,
}

/// Splits `ms` into whole hours, minutes and seconds (for a localised `aria-valuetext`
/// such as "1 hour, 2 minutes, 3 seconds").
pub fn clock_parts(ms: u64) -> ClockParts {
    let total_seconds = ms / 1_000;
    ClockParts {
        hours: total_seconds / 3_600,
        minutes: total_seconds % 3_600 / 60,
        seconds: total_seconds % 60,
    }
}

/// Clock text: "0:05", "1:05", "12:00", "1:02:03". Seconds are rounded down, so the
/// clock never runs ahead of the media.
pub fn format_clock(ms: u64) -> String {
    let ClockParts {
        hours,
        minutes,
        seconds,
    } = clock_parts(ms);
    if hours > 0 {
        format!("{hours}:{minutes:02}:{seconds:02}")
    } else {
        format!("{minutes}:{seconds:02}")
    }
}

/// How far `position_ms` is through `duration_ms`, as a whole percent from 0 to 100
/// (rounded down, clamped; 0 for a zero duration).
pub fn percent_of(position_ms: u64, duration_ms: u64) -> u8 {
    if duration_ms == 0 {
        return 0;
    }
    let percent = (u128::from(position_ms) * 100 / u128::from(duration_ms)).min(100);
    u8::try_from(percent).unwrap_or(100)
}

/// The position `percent` (clamped to 100) of the way through `duration_ms`, for
/// [`super::PlayerIntent::SeekToPercent`].
pub fn position_at_percent(percent: u8, duration_ms: u64) -> u64 {
    let percent = u128::from(percent.min(100));
    u64::try_from(u128::from(duration_ms) * percent / 100).unwrap_or(duration_ms)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn clock_text() {
        assert_eq!(format_clock(0), "0:00");
        assert_eq!(format_clock(5_999), "0:05");
        assert_eq!(format_clock(65_000), "1:05");
        assert_eq!(format_clock(720_000), "12:00");
        assert_eq!(format_clock(3_599_999), "59:59");
        assert_eq!(format_clock(3_600_000), "1:00:00");
        assert_eq!(format_clock(3_723_000), "1:02:03");
        assert_eq!(format_clock(36_000_000 * 10), "100:00:00");
    }

    #[test]
    fn clock_parts_split_whole_units() {
        assert_eq!(
            clock_parts(3_723_999),
            ClockParts {
                hours: 1,
                minutes: 2,
                seconds: 3
            }
        );
    }

    #[test]
    fn percents() {
        assert_eq!(percent_of(0, 1_000), 0);
        assert_eq!(percent_of(999, 1_000), 99);
        assert_eq!(percent_of(1_000, 1_000), 100);
        assert_eq!(percent_of(5_000, 1_000), 100);
        assert_eq!(percent_of(5, 0), 0);
        assert_eq!(percent_of(u64::MAX, u64::MAX), 100);
        assert_eq!(position_at_percent(30, 60_000), 18_000);
        assert_eq!(position_at_percent(200, 60_000), 60_000);
        assert_eq!(position_at_percent(100, u64::MAX), u64::MAX);
    }

    proptest! {
        #[test]
        fn clock_text_round_trips_to_whole_seconds(ms in any::<u64>()) {
            let text = format_clock(ms);
            let seconds = text
                .split(':')
                .try_fold(0u64, |total, part| part.parse::<u64>().map(|n| total * 60 + n));
            prop_assert_eq!(seconds, Ok(ms / 1_000));
        }

        #[test]
        fn percent_stays_in_range(position in any::<u64>(), duration in any::<u64>()) {
            prop_assert!(percent_of(position, duration) <= 100);
            prop_assert!(position_at_percent(percent_of(position, duration), duration) <= duration);
        }
    }
}
