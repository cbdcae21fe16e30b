//! The limiter of one route group: a pure state machine, given the peer and the time.
//!
//! It is the generic cell rate algorithm, a token bucket kept as one instant per address:
//! the time at which the address's allowance would be whole again if it made no more calls
//! ("theoretical arrival time"). Each admitted call moves it on by [`Rate::interval`]; a
//! call is refused while it lies more than [`Rate::tolerance`] ahead of now, and then the
//! difference is how long to wait. An address whose time has passed is idle, exactly as if
//! it had never called, so idle entries are dropped (at least once a minute, and whenever
//! the table is full): memory stays bounded by [`MAX_TRACKED_ADDRESSES`].
//!
//! IPv6 addresses count by their /64 prefix, the block a single home or host is given, so
//! one client cannot get a fresh allowance by taking another address of its own; IPv4
//! addresses mapped into IPv6 (as a dual-stack listener reports them) count as IPv4.

use super::Rate;
use std::collections::HashMap;
use std::net::{IpAddr, Ipv6Addr};
use std::time::{Duration, Instant};

/// At most this many active addresses are tracked per route group; while every one of them
/// is active, new addresses are refused (the server is then being called from a very wide
/// range of addresses at once, and forgetting any would hand out fresh allowances).
pub const MAX_TRACKED_ADDRESSES: usize = 50_000;

/// How often idle addresses are dropped even when the table is not full.
const SWEEP_EVERY: Duration = Duration::from_secs(60);

/// How long a refused caller should wait before trying again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryAfter(pub Duration);

impl RetryAfter {
    /// The wait in whole seconds, rounded up and at least 1, as `Retry-After` gives it.
    pub fn whole_seconds(self) -> u64 {
        let seconds = self.0.as_secs() + u64::from(self.0.subsec_nanos() > 0);
        seconds.max(1)
    }
}

/// One route group's limiter.
#[derive(Debug)]
pub struct AddressLimiter {
    rate: Rate,
    max_tracked: usize,
    /// Each tracked address's theoretical arrival time.
    full_again_at: HashMap<IpAddr, Instant>,
    last_sweep: Option<Instant>,
}

impl AddressLimiter {
    pub fn new(rate: Rate) -> AddressLimiter {
        AddressLimiter::with_max_tracked(rate, MAX_TRACKED_ADDRESSES)
    }

    /// A limiter that tracks at most `max_tracked` active addresses.
    pub fn with_max_tracked(rate: Rate, max_tracked: usize) -> AddressLimiter {
        AddressLimiter {
            rate,
            max_tracked,
            full_again_at: HashMap::new(),
            last_sweep: None,
        }
    }

    /// How many addresses are tracked (idle ones may linger until the next sweep).
    pub fn tracked(&self) -> usize {
        self.full_again_at.len()
    }

    /// Lets a call from `peer` at `now` in and counts it, or says how long to wait.
    pub fn admit(&mut self, peer: IpAddr, now: Instant) -> Result<(), RetryAfter> {
        if self
            .last_sweep
            .is_none_or(|last| now.saturating_duration_since(last) >= SWEEP_EVERY)
        {
            self.sweep(now);
        }
        let key = address_key(peer);
        let known = self.full_again_at.get(&key).copied();
        let full_again_at = known.filter(|at| *at > now).unwrap_or(now);
        let ahead = full_again_at.saturating_duration_since(now);
        let tolerance = self.rate.tolerance();
        if ahead > tolerance {
            return Err(RetryAfter(ahead - tolerance));
        }
        if known.is_none() && self.full_again_at.len() >= self.max_tracked {
            self.sweep(now);
            if self.full_again_at.len() >= self.max_tracked {
                return Err(RetryAfter(self.rate.interval()));
            }
        }
        let next = full_again_at
            .checked_add(self.rate.interval())
            .unwrap_or(full_again_at);
        self.full_again_at.insert(key, next);
        Ok(())
    }

    /// Drops every idle address.
    fn sweep(&mut self, now: Instant) {
        self.full_again_at.retain(|_, at| *at > now);
        self.last_sweep = Some(now);
    }
}

/// The address a peer counts as: IPv4 as is (mapped ones too), IPv6 by its /64 prefix.
fn address_key(peer: IpAddr) -> IpAddr {
    match peer {
        IpAddr::V4(_) => peer,
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let prefix = u128::from(v6) & !u128::from(u64::MAX);
                IpAddr::V6(Ipv6Addr::from(prefix))
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fake clock: `seconds` after a fixed start.
    struct FakeClock(Instant);

    impl FakeClock {
        fn at(&self, seconds: f64) -> Instant {
            self.0 + Duration::from_secs_f64(seconds)
        }
    }

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn a_burst_passes_then_calls_wait_for_the_allowance_to_refill() {
        let clock = FakeClock(Instant::now());
        // 30 a minute: one call every 2 s, up to 3 at once.
        let mut limiter = AddressLimiter::new(Rate::new(30, 3));
        let peer = ip("198.51.100.1");
        for _ in 0..3 {
            assert_eq!(limiter.admit(peer, clock.at(0.0)), Ok(()));
        }
        let refused = limiter.admit(peer, clock.at(0.5)).unwrap_err();
        assert_eq!(refused, RetryAfter(Duration::from_millis(1_500)));
        assert_eq!(refused.whole_seconds(), 2);
        assert!(limiter.admit(peer, clock.at(1.9)).is_err());
        assert_eq!(limiter.admit(peer, clock.at(2.0)), Ok(()));
        assert!(limiter.admit(peer, clock.at(2.0)).is_err());
        // Idle for long enough, the whole burst is back, and no more.
        for _ in 0..3 {
            assert_eq!(limiter.admit(peer, clock.at(60.0)), Ok(()));
        }
        assert!(limiter.admit(peer, clock.at(60.0)).is_err());
    }

    #[test]
    fn each_address_has_its_own_allowance() {
        let clock = FakeClock(Instant::now());
        let mut limiter = AddressLimiter::new(Rate::new(1, 2));
        let (first, second) = (ip("203.0.113.5"), ip("203.0.113.6"));
        assert!(limiter.admit(first, clock.at(0.0)).is_ok());
        assert!(limiter.admit(first, clock.at(0.0)).is_ok());
        let refused = limiter.admit(first, clock.at(1.0)).unwrap_err();
        assert_eq!(refused.whole_seconds(), 59);
        assert!(limiter.admit(second, clock.at(1.0)).is_ok());
        assert!(limiter.admit(second, clock.at(1.0)).is_ok());
        assert!(limiter.admit(second, clock.at(1.0)).is_err());
        assert!(limiter.admit(first, clock.at(60.0)).is_ok());
    }

    #[test]
    fn ipv6_counts_by_its_64_prefix_and_mapped_ipv4_as_ipv4() {
        let clock = FakeClock(Instant::now());
        let mut limiter = AddressLimiter::new(Rate::new(1, 1));
        assert!(limiter.admit(ip("2001:db8:1:2::1"), clock.at(0.0)).is_ok());
        assert!(limiter
            .admit(ip("2001:db8:1:2:ffff::9"), clock.at(0.0))
            .is_err());
        assert!(limiter.admit(ip("2001:db8:1:3::1"), clock.at(0.0)).is_ok());
        assert!(limiter.admit(ip("192.0.2.1"), clock.at(0.0)).is_ok());
        assert!(limiter
            .admit(ip("::ffff:192.0.2.1"), clock.at(0.0))
            .is_err());
    }

    #[test]
    fn idle_addresses_are_forgotten_and_the_table_stays_bounded() {
        let clock = FakeClock(Instant::now());
        let mut limiter = AddressLimiter::with_max_tracked(Rate::new(60, 1), 2);
        assert!(limiter.admit(ip("192.0.2.1"), clock.at(0.0)).is_ok());
        assert!(limiter.admit(ip("192.0.2.2"), clock.at(0.0)).is_ok());
        // Both are active for one second: a third address finds the table full.
        let refused = limiter.admit(ip("192.0.2.3"), clock.at(0.5)).unwrap_err();
        assert_eq!(refused.whole_seconds(), 1);
        assert_eq!(limiter.tracked(), 2);
        // Once they are idle, they make room.
        assert!(limiter.admit(ip("192.0.2.3"), clock.at(1.0)).is_ok());
        assert_eq!(limiter.tracked(), 1);
        // And a minute on, a sweep drops idle entries even when the table is not full.
        assert!(limiter.admit(ip("192.0.2.4"), clock.at(90.0)).is_ok());
        assert_eq!(limiter.tracked(), 1);
    }

    #[test]
    fn waits_are_whole_seconds_rounded_up() {
        assert_eq!(RetryAfter(Duration::ZERO).whole_seconds(), 1);
        assert_eq!(RetryAfter(Duration::from_millis(1)).whole_seconds(), 1);
        assert_eq!(RetryAfter(Duration::from_secs(2)).whole_seconds(), 2);
        assert_eq!(RetryAfter(Duration::from_millis(2_001)).whole_seconds(), 3);
    }
}
