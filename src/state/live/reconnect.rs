//! When the room's socket closes, whether to open it again and how soon: retries back off
//! exponentially from [`FIRST_RETRY_MS`] to [`LONGEST_RETRY_MS`], each a random point in
//! the upper half of its step (so a classroom whose Wi-Fi came back does not reconnect all
//! at once). A close the server meant — this user joined elsewhere, a frame too large, a
//! flood or a refused join — stops retrying until the participant asks.

/// The first retry's longest wait.
pub const FIRST_RETRY_MS: u32 = 500;
/// No retry waits longer than this.
pub const LONGEST_RETRY_MS: u32 = 15_000;

/// The WebSocket close codes the server uses on purpose (RFC 6455).
const CLOSE_POLICY: u16 = 1008;
const CLOSE_TOO_BIG: u16 = 1009;

/// Why the socket stopped for good.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StopReason {
    /// The participant left.
    Left,
    /// The same user opened the room elsewhere (another tab or device).
    Replaced,
    /// The server closed it for sending too much (a flood, or a refused join).
    Policy,
    /// The server closed it for a message too large.
    TooLarge,
}

/// What the socket is doing now, for the room's status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkStatus {
    Connecting,
    Open,
    /// Closed unexpectedly; trying again after `delay_ms` (attempt counts from 1).
    Retrying {
        attempt: u32,
        delay_ms: u32,
    },
    Stopped(StopReason),
}

/// What a close with `code` means.
pub fn after_close(code: u16, left_on_purpose: bool) -> Option<StopReason> {
    match code {
        _ if left_on_purpose => Some(StopReason::Left),
        CLOSE_POLICY => Some(StopReason::Policy),
        CLOSE_TOO_BIG => Some(StopReason::TooLarge),
        // Anything else, a normal close we did not ask for included (the server restarting),
        // is worth another try.
        _ => None,
    }
}

/// How long to wait before retry number `attempt` (from 1); `jitter` in `[0, 1)` picks the
/// point within the step's upper half.
pub fn retry_delay_ms(attempt: u32, jitter: f64) -> u32 {
    let doublings = attempt.saturating_sub(1).min(16);
    let step = FIRST_RETRY_MS
        .saturating_mul(1 << doublings)
        .min(LONGEST_RETRY_MS);
    let jitter = if jitter.is_finite() {
        jitter.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let half = f64::from(step) / 2.0;
    // In [half, step]: never more than the step, never zero.
    (half + half * jitter).round().clamp(1.0, f64::from(step)) as u32
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test(unsupported = test)]
    fn retries_double_up_to_the_longest_and_stay_in_the_steps_upper_half() {
        assert_eq!(retry_delay_ms(1, 0.0), 250);
        assert_eq!(retry_delay_ms(1, 0.999_999), 500);
        assert_eq!(retry_delay_ms(2, 0.0), 500);
        assert_eq!(retry_delay_ms(3, 0.5), 1500);
        assert_eq!(retry_delay_ms(6, 1.0), LONGEST_RETRY_MS);
        assert_eq!(retry_delay_ms(u32::MAX, 0.0), LONGEST_RETRY_MS / 2);
        for attempt in 0..40 {
            for jitter in [f64::NAN, -1.0, 0.0, 0.3, 1.0, 7.0, f64::INFINITY] {
                let delay = retry_delay_ms(attempt, jitter);
                assert!(
                    (1..=LONGEST_RETRY_MS).contains(&delay),
                    "{attempt} {jitter}"
                );
            }
        }
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn the_servers_deliberate_closes_stop_and_others_retry() {
        assert_eq!(after_close(1008, false), Some(StopReason::Policy));
        assert_eq!(after_close(1009, false), Some(StopReason::TooLarge));
        assert_eq!(after_close(1006, false), None);
        assert_eq!(after_close(1000, false), None);
        assert_eq!(after_close(1001, false), None);
        assert_eq!(after_close(1006, true), Some(StopReason::Left));
    }
}
