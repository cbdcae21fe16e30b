//! The server's clock. Every rule about time (quiz windows, attempt deadlines, lateness) is
//! judged by it, and handlers read it only through [`Clock::now`], so tests can set and
//! advance a manual clock instead of waiting.

use jiff::{SignedDuration, Timestamp};
use std::sync::{Arc, Mutex, PoisonError};

/// Where the server's time comes from.
#[derive(Debug, Clone, Default)]
pub enum Clock {
    /// The system clock.
    #[default]
    System,
    /// A clock that only moves when told to; clones share the same time.
    Manual(Arc<Mutex<Timestamp>>),
}

impl Clock {
    /// A manual clock that reads `start` until it is set or advanced.
    pub fn manual(start: Timestamp) -> Clock {
        Clock::Manual(Arc::new(Mutex::new(start)))
    }

    /// The current time, to the millisecond (the precision times are stored with).
    pub fn now(&self) -> Timestamp {
        let now = match self {
            Clock::System => Timestamp::now(),
            Clock::Manual(time) => *time.lock().unwrap_or_else(PoisonError::into_inner),
        };
        Timestamp::from_millisecond(now.as_millisecond()).unwrap_or(now)
    }

    /// Sets a manual clock to `to`; the system clock cannot be set.
    pub fn set(&self, to: Timestamp) {
        if let Clock::Manual(time) = self {
            *time.lock().unwrap_or_else(PoisonError::into_inner) = to;
        }
    }

    /// Moves a manual clock on by `by` (back, if negative).
    pub fn advance(&self, by: SignedDuration) {
        if let Clock::Manual(time) = self {
            let mut time = time.lock().unwrap_or_else(PoisonError::into_inner);
            *time = time.saturating_add(by).unwrap_or(*time);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manual_clock_moves_only_when_told_and_clones_share_it() {
        let start: Timestamp = "2031-01-01T00:00:00.123456Z".parse().unwrap();
        let clock = Clock::manual(start);
        let shared = clock.clone();
        assert_eq!(clock.now().to_string(), "2031-01-01T00:00:00.123Z");
        shared.advance(SignedDuration::from_secs(90));
        assert_eq!(clock.now().to_string(), "2031-01-01T00:01:30.123Z");
        shared.set("2032-02-02T00:00:00Z".parse().unwrap());
        assert_eq!(clock.now().to_string(), "2032-02-02T00:00:00Z");
    }

    #[test]
    fn the_system_clock_cannot_be_moved() {
        let clock = Clock::System;
        clock.set(Timestamp::UNIX_EPOCH);
        assert!(clock.now() > Timestamp::UNIX_EPOCH);
    }
}
