//! Whether a download fits in the space the browser grants this site
//! (`navigator.storage.estimate()`), keeping room for what matters more than media: the
//! learner's progress and answers must always be storable.

/// Space always left free for progress, answers and the outbox.
pub const SPACE_HEADROOM_BYTES: u64 = 16 * 1024 * 1024;

/// A download that does not fit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the download needs {needed_bytes} bytes but only {available_bytes} are free")]
pub struct NoSpace {
    pub needed_bytes: u64,
    pub available_bytes: u64,
}

/// Checks that `needed_bytes` more fit in `quota_bytes` when `usage_bytes` are used.
pub fn check_space(needed_bytes: u64, usage_bytes: u64, quota_bytes: u64) -> Result<(), NoSpace> {
    let available_bytes = quota_bytes
        .saturating_sub(usage_bytes)
        .saturating_sub(SPACE_HEADROOM_BYTES);
    if needed_bytes <= available_bytes {
        Ok(())
    } else {
        Err(NoSpace {
            needed_bytes,
            available_bytes,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIB: u64 = 1024 * 1024;

    #[test]
    fn fits_when_the_headroom_stays_free() {
        assert!(check_space(10 * MIB, 100 * MIB, 200 * MIB).is_ok());
        assert!(check_space(84 * MIB, 100 * MIB, 200 * MIB).is_ok());
    }

    #[test]
    fn refuses_what_would_eat_the_headroom() {
        assert_eq!(
            check_space(85 * MIB, 100 * MIB, 200 * MIB),
            Err(NoSpace {
                needed_bytes: 85 * MIB,
                available_bytes: 84 * MIB
            })
        );
    }

    #[test]
    fn a_full_or_tiny_quota_has_no_space() {
        assert_eq!(
            check_space(1, 300 * MIB, 200 * MIB),
            Err(NoSpace {
                needed_bytes: 1,
                available_bytes: 0
            })
        );
        assert!(check_space(1, 0, MIB).is_err());
        assert!(check_space(0, 0, 0).is_ok());
    }
}
