//! Each socket's flood guard: a token bucket of [`BURST`] messages refilled at [`PER_SECOND`]
//! a second, by the server's clock. A client past it is closed with 1008 (policy violation);
//! nobody else is touched.

use jiff::Timestamp;

/// Messages a second a client may keep sending.
pub const PER_SECOND: f64 = 20.0;
/// Messages a client may send at once.
pub const BURST: f64 = 40.0;

/// One connection's bucket.
#[derive(Debug, Clone)]
pub(crate) struct FloodGuard {
    tokens: f64,
    refilled_at: Timestamp,
}

impl FloodGuard {
    pub(crate) fn new(now: Timestamp) -> FloodGuard {
        FloodGuard {
            tokens: BURST,
            refilled_at: now,
        }
    }

    /// Takes one message at `now`; false when the client is over its rate.
    pub(crate) fn admit(&mut self, now: Timestamp) -> bool {
        let elapsed = now.duration_since(self.refilled_at).as_secs_f64().max(0.0);
        self.tokens = (self.tokens + elapsed * PER_SECOND).min(BURST);
        self.refilled_at = self.refilled_at.max(now);
        if self.tokens < 1.0 {
            return false;
        }
        self.tokens -= 1.0;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_passes_then_the_rate_refills() {
        let start = Timestamp::from_second(1_800_000_000).unwrap();
        let mut guard = FloodGuard::new(start);
        assert!((0..40).all(|_| guard.admit(start)));
        assert!(!guard.admit(start));
        let later = start + jiff::SignedDuration::from_millis(100);
        assert!(guard.admit(later) && guard.admit(later));
        assert!(!guard.admit(later));
    }
}
