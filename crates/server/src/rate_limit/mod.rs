//! Rate limits by peer address for the routes a stranger can hammer: sign-in, the two launch
//! routes and learner events. Each route group has its own [`Rate`] and its own
//! [`AddressLimiter`] (a pure state machine in `address_limiter.rs` that is given the time);
//! [`RateLimiter`] holds them for the HTTP shell, which asks with the TCP peer's address
//! (never a header such as `X-Forwarded-For`, which any client can write) and a monotonic
//! `Instant`, so neither the wall clock nor a test's manual clock moves the limits.

mod address_limiter;

pub use address_limiter::{AddressLimiter, RetryAfter, MAX_TRACKED_ADDRESSES};

use std::net::IpAddr;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

/// How often an address may call a route group: `per_minute` on average, and up to `burst`
/// calls at once. Both are at least 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rate {
    per_minute: u32,
    burst: u32,
}

impl Rate {
    /// `per_minute` on average with bursts of `burst`; a 0 counts as 1.
    pub const fn new(per_minute: u32, burst: u32) -> Rate {
        Rate {
            per_minute: if per_minute == 0 { 1 } else { per_minute },
            burst: if burst == 0 { 1 } else { burst },
        }
    }

    pub fn per_minute(self) -> u32 {
        self.per_minute
    }

    pub fn burst(self) -> u32 {
        self.burst
    }

    /// The time one call uses up: a minute shared by `per_minute` calls.
    pub(crate) fn interval(self) -> Duration {
        Duration::from_secs(60) / self.per_minute
    }

    /// How far ahead of now an address may have used its allowance and still be let in.
    pub(crate) fn tolerance(self) -> Duration {
        self.interval()
            .checked_mul(self.burst - 1)
            .unwrap_or(Duration::MAX)
    }
}

/// The routes limited together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RouteGroup {
    /// `POST /api/v1/session`: each try costs an Argon2 verification, and guesses passwords.
    SignIn,
    /// `POST /api/v1/launches`, called by an LMS's server.
    Launches,
    /// `POST /api/v1/launches/exchange`, called by learners' browsers.
    LaunchExchange,
    /// `POST /api/v1/events`, which the player calls whenever its outbox has something.
    Events,
}

impl RouteGroup {
    pub const ALL: [RouteGroup; 4] = [
        RouteGroup::SignIn,
        RouteGroup::Launches,
        RouteGroup::LaunchExchange,
        RouteGroup::Events,
    ];

    fn index(self) -> usize {
        match self {
            RouteGroup::SignIn => 0,
            RouteGroup::Launches => 1,
            RouteGroup::LaunchExchange => 2,
            RouteGroup::Events => 3,
        }
    }
}

/// The rate of each route group, per peer address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimits {
    pub sign_in: Rate,
    pub launches: Rate,
    pub launch_exchange: Rate,
    pub events: Rate,
}

impl Default for RateLimits {
    /// Generous enough for a classroom behind one NAT address and for an LMS launching a
    /// whole class at the start of a lesson; tight enough that guessing passwords from one
    /// address is slow.
    fn default() -> RateLimits {
        RateLimits {
            sign_in: Rate::new(30, 30),
            launches: Rate::new(600, 300),
            launch_exchange: Rate::new(300, 120),
            events: Rate::new(600, 120),
        }
    }
}

impl RateLimits {
    /// No practical limit (about 4 billion calls a minute): for load tests on loopback,
    /// where every client shares one address. Never for a server on a network.
    pub fn unlimited() -> RateLimits {
        let unlimited = Rate::new(u32::MAX, u32::MAX);
        RateLimits {
            sign_in: unlimited,
            launches: unlimited,
            launch_exchange: unlimited,
            events: unlimited,
        }
    }

    pub fn rate(&self, group: RouteGroup) -> Rate {
        match group {
            RouteGroup::SignIn => self.sign_in,
            RouteGroup::Launches => self.launches,
            RouteGroup::LaunchExchange => self.launch_exchange,
            RouteGroup::Events => self.events,
        }
    }

    /// These limits with `group` at `rate`.
    pub fn with(mut self, group: RouteGroup, rate: Rate) -> RateLimits {
        match group {
            RouteGroup::SignIn => self.sign_in = rate,
            RouteGroup::Launches => self.launches = rate,
            RouteGroup::LaunchExchange => self.launch_exchange = rate,
            RouteGroup::Events => self.events = rate,
        }
        self
    }
}

/// One [`AddressLimiter`] per route group, each behind its own lock, shared by every request.
#[derive(Debug)]
pub struct RateLimiter {
    limiters: [Mutex<AddressLimiter>; 4],
}

impl RateLimiter {
    pub fn new(limits: RateLimits) -> RateLimiter {
        RateLimiter {
            limiters: RouteGroup::ALL
                .map(|group| Mutex::new(AddressLimiter::new(limits.rate(group)))),
        }
    }

    /// Lets a call to `group` from `peer` at `now` in, or says how long to wait.
    pub fn admit(&self, group: RouteGroup, peer: IpAddr, now: Instant) -> Result<(), RetryAfter> {
        // A panic while holding the lock leaves a consistent map: keep using it.
        let mut limiter = self.limiters[group.index()]
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        limiter.admit(peer, now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_are_limited_apart() {
        let limits = RateLimits::default().with(RouteGroup::SignIn, Rate::new(1, 1));
        let limiter = RateLimiter::new(limits);
        let peer: IpAddr = "192.0.2.7".parse().unwrap();
        let now = Instant::now();
        assert!(limiter.admit(RouteGroup::SignIn, peer, now).is_ok());
        assert!(limiter.admit(RouteGroup::SignIn, peer, now).is_err());
        for group in [
            RouteGroup::Launches,
            RouteGroup::LaunchExchange,
            RouteGroup::Events,
        ] {
            assert!(limiter.admit(group, peer, now).is_ok(), "{group:?}");
        }
    }

    #[test]
    fn rates_are_at_least_one_and_spread_over_a_minute() {
        let rate = Rate::new(0, 0);
        assert_eq!((rate.per_minute(), rate.burst()), (1, 1));
        assert_eq!(rate.tolerance(), Duration::ZERO);
        let sign_in = RateLimits::default().sign_in;
        assert_eq!(sign_in.interval(), Duration::from_secs(2));
        assert_eq!(sign_in.tolerance(), Duration::from_secs(58));
    }
}
