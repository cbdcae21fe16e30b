//! Steps and clamping for playback rate, volume and seeking.

/// The playback rates the rate menu and the `<`/`>` shortcuts step through.
pub const RATES: [f64; 7] = [0.5, 0.75, 1.0, 1.25, 1.5, 1.75, 2.0];

/// How close a rate must be to a step to count as on it (rates read back from the media
/// element may carry rounding noise).
const RATE_EPSILON: f64 = 1e-6;

const SLOWEST: f64 = RATES[0];
const FASTEST: f64 = RATES[RATES.len() - 1];

/// The next step above `rate`: a rate between steps snaps up to the next step, and the
/// fastest step (or anything above it) gives the fastest step. NaN gives 1.0.
pub fn faster(rate: f64) -> f64 {
    if rate.is_nan() {
        return 1.0;
    }
    RATES
        .iter()
        .copied()
        .find(|&step| step > rate + RATE_EPSILON)
        .unwrap_or(FASTEST)
}

/// The next step below `rate`: a rate between steps snaps down to the next step, and the
/// slowest step (or anything below it) gives the slowest step. NaN gives 1.0.
pub fn slower(rate: f64) -> f64 {
    if rate.is_nan() {
        return 1.0;
    }
    RATES
        .iter()
        .copied()
        .rev()
        .find(|&step| step < rate - RATE_EPSILON)
        .unwrap_or(SLOWEST)
}

/// `volume` (0.0 to 1.0) changed by `delta_percent` points, clamped to `[0.0, 1.0]` and
/// rounded to whole percent so repeated steps do not drift. A NaN volume counts as 1.0, the
/// media element's default.
pub fn volume_by(volume: f64, delta_percent: i8) -> f64 {
    let volume = if volume.is_nan() {
        1.0
    } else {
        volume.clamp(0.0, 1.0)
    };
    let percent = (volume * 100.0).round() + f64::from(delta_percent);
    percent.clamp(0.0, 100.0) / 100.0
}

/// `position_ms` moved by `delta_ms`, saturating at 0 and clamped to a known duration.
pub fn seek_target(position_ms: u64, delta_ms: i64, duration_ms: Option<u64>) -> u64 {
    let moved = if delta_ms < 0 {
        position_ms.saturating_sub(delta_ms.unsigned_abs())
    } else {
        position_ms.saturating_add(delta_ms.unsigned_abs())
    };
    duration_ms.map_or(moved, |duration_ms| moved.min(duration_ms))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn rates_step_up_and_down() {
        assert_eq!(faster(1.0), 1.25);
        assert_eq!(faster(1.75), 2.0);
        assert_eq!(faster(2.0), 2.0);
        assert_eq!(faster(8.0), 2.0);
        assert_eq!(slower(1.0), 0.75);
        assert_eq!(slower(0.75), 0.5);
        assert_eq!(slower(0.5), 0.5);
        assert_eq!(slower(0.1), 0.5);
        assert_eq!(faster(0.1), 0.5);
        assert_eq!(slower(9.0), 2.0);
    }

    #[test]
    fn rates_between_steps_snap_in_the_direction_asked() {
        assert_eq!(faster(1.1), 1.25);
        assert_eq!(slower(1.1), 1.0);
        assert_eq!(faster(1.250_000_01), 1.5);
        assert_eq!(slower(1.249_999_99), 1.0);
    }

    #[test]
    fn nan_and_infinite_rates_are_safe() {
        assert_eq!(faster(f64::NAN), 1.0);
        assert_eq!(slower(f64::NAN), 1.0);
        assert_eq!(faster(f64::INFINITY), 2.0);
        assert_eq!(slower(f64::NEG_INFINITY), 0.5);
    }

    #[test]
    fn volume_steps_clamp_and_do_not_drift() {
        assert_eq!(volume_by(0.5, 5), 0.55);
        assert_eq!(volume_by(0.98, 5), 1.0);
        assert_eq!(volume_by(0.02, -5), 0.0);
        assert_eq!(volume_by(f64::NAN, -5), 0.95);
        assert_eq!(volume_by(7.0, 0), 1.0);
        let mut volume = 0.0;
        for _ in 0..6 {
            volume = volume_by(volume, 5);
        }
        assert_eq!(volume, 0.3);
    }

    #[test]
    fn seeks_saturate_and_clamp() {
        assert_eq!(seek_target(3_000, -5_000, None), 0);
        assert_eq!(seek_target(3_000, 10_000, None), 13_000);
        assert_eq!(seek_target(3_000, 10_000, Some(8_000)), 8_000);
        assert_eq!(seek_target(u64::MAX, i64::MAX, None), u64::MAX);
        assert_eq!(seek_target(10, i64::MIN, Some(100)), 0);
    }

    fn any_rate() -> impl Strategy<Value = f64> {
        prop_oneof![
            -10.0f64..20.0,
            proptest::sample::select(RATES.to_vec()),
            Just(f64::INFINITY),
            Just(f64::NEG_INFINITY),
        ]
    }

    proptest! {
        #[test]
        fn rate_steps_stay_in_bounds_and_are_monotonic(a in any_rate(), b in any_rate()) {
            for step in [faster(a), slower(a)] {
                prop_assert!((SLOWEST..=FASTEST).contains(&step));
                prop_assert!(RATES.contains(&step));
            }
            let (low, high) = if a <= b { (a, b) } else { (b, a) };
            prop_assert!(faster(low) <= faster(high));
            prop_assert!(slower(low) <= slower(high));
            if (SLOWEST..=FASTEST).contains(&a) {
                prop_assert!(faster(a) >= a && slower(a) <= a);
            }
        }

        #[test]
        fn volume_stays_in_range(volume in proptest::num::f64::ANY, delta in any::<i8>()) {
            let stepped = volume_by(volume, delta);
            prop_assert!((0.0..=1.0).contains(&stepped));
        }

        #[test]
        fn seeks_never_pass_the_end(position in any::<u64>(), delta in any::<i64>(), duration in proptest::option::of(any::<u64>())) {
            let target = seek_target(position, delta, duration);
            if let Some(duration) = duration {
                prop_assert!(target <= duration);
            }
            if delta >= 0 && duration.is_none_or(|duration| position <= duration) {
                prop_assert!(target >= position);
            }
            if delta <= 0 {
                prop_assert!(target <= position);
            }
        }
    }
}
