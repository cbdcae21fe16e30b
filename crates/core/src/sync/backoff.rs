//! How long to wait before trying again after failures in a row: exponential, capped, with
//! jitter drawn from a seeded generator (so tests replay exactly), and never "give up".

use crate::quiz::SplitMix64;
use jiff::SignedDuration;

/// The first wait after a failure.
pub const FIRST_RETRY: SignedDuration = SignedDuration::from_secs(1);
/// The longest wait between two tries.
pub const MAX_RETRY: SignedDuration = SignedDuration::from_secs(300);

/// The wait before the next try after `failures` failures in a row (at least one): a
/// random time in the upper half of `1 s × 2^(failures − 1)`, capped at [`MAX_RETRY`].
/// The jitter keeps many devices coming back online from retrying in step.
pub fn retry_delay(failures: u32, rng: &mut SplitMix64) -> SignedDuration {
    let doublings = failures.saturating_sub(1).min(20);
    let ceiling_ms = (FIRST_RETRY.as_millis() << doublings).min(MAX_RETRY.as_millis());
    let ceiling_ms = u64::try_from(ceiling_ms).unwrap_or(0);
    let half = ceiling_ms / 2;
    let jitter = rng.below(ceiling_ms - half + 1);
    SignedDuration::from_millis(i64::try_from(half + jitter).unwrap_or(i64::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_grow_to_the_cap_and_stay_in_the_upper_half() {
        let mut rng = SplitMix64::new(7);
        for failures in 1..40 {
            let delay = retry_delay(failures, &mut rng);
            let ceiling = (1_000i64 << (failures - 1).min(20)).min(300_000);
            assert!(
                delay.as_millis() >= i128::from(ceiling / 2),
                "{failures}: {delay:?}"
            );
            assert!(
                delay.as_millis() <= i128::from(ceiling),
                "{failures}: {delay:?}"
            );
        }
        assert!(retry_delay(0, &mut rng) <= FIRST_RETRY);
    }
}
