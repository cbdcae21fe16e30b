//! The server's clock, as this device estimates it from the `Date` header of every API
//! answer (see [`lectern_core::clock`]). Deadlines and countdowns use [`server_now`], so a
//! device whose clock is minutes off still shows the right time left.

use jiff::Timestamp;
use lectern_core::clock::ClockOffset;
use std::cell::Cell;

thread_local! {
    static OFFSET: Cell<ClockOffset> = const { Cell::new(ClockOffset::UNKNOWN) };
    /// The latest time [`server_now`] returned: it never goes back, even when a better
    /// sample moves the estimate earlier (event times order "last write wins").
    static LATEST: Cell<Timestamp> = const { Cell::new(Timestamp::UNIX_EPOCH) };
}

/// The device's clock.
pub fn device_now() -> Timestamp {
    timestamp_from_ms(js_sys::Date::now()).unwrap_or(Timestamp::UNIX_EPOCH)
}

/// The server's clock, as best known; never earlier than a time it returned before.
pub fn server_now() -> Timestamp {
    let estimate = OFFSET.with(Cell::get).server_time(device_now());
    LATEST.with(|latest| {
        let now = estimate.max(latest.get());
        latest.set(now);
        now
    })
}

/// Learns from one answer dated `date_header` (an HTTP date) to a request sent at `sent_at`
/// and answered at `received_at`, by the device's clock. An unreadable date is ignored.
pub fn observe(date_header: &str, sent_at: Timestamp, received_at: Timestamp) {
    let Some(server_date) = timestamp_from_ms(js_sys::Date::parse(date_header)) else {
        return;
    };
    let sample = ClockOffset::from_sample(server_date, sent_at, received_at);
    OFFSET.with(|offset| offset.set(offset.get().best(sample)));
}

/// A timestamp from milliseconds since the epoch; `None` for NaN or out of range.
pub fn timestamp_from_ms(ms: f64) -> Option<Timestamp> {
    if !ms.is_finite() {
        return None;
    }
    // Finite and far inside i64 for any date a browser can represent.
    Timestamp::from_millisecond(ms as i64).ok()
}
