//! Signals from users the plan does not have yet: the server may relay a peer's offer a
//! moment before this side's plan lists them. Kept per user, a few at most, until the plan
//! opens a connection to them. A newer offer makes what came before it moot.

use lectern_core::live::Signal;
use lectern_core::UserId;
use std::collections::BTreeMap;

/// Most signals kept for one user.
const MAX_WAITING_SIGNALS: usize = 64;

#[derive(Debug, Default)]
pub(super) struct WaitingSignals {
    by_user: BTreeMap<UserId, Vec<Signal>>,
}

impl WaitingSignals {
    /// Keeps `signal` from `from`; whether it was kept (not over the limit).
    pub(super) fn keep(&mut self, from: UserId, signal: Signal) -> bool {
        let signals = self.by_user.entry(from).or_default();
        if matches!(signal, Signal::Offer { .. }) {
            signals.clear();
        }
        if signals.len() >= MAX_WAITING_SIGNALS {
            return false;
        }
        signals.push(signal);
        true
    }

    /// What `user_id` sent, oldest first, to hand to their new connection.
    pub(super) fn take(&mut self, user_id: &UserId) -> Vec<Signal> {
        self.by_user.remove(user_id).unwrap_or_default()
    }

    pub(super) fn clear(&mut self) {
        self.by_user.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ice(n: usize) -> Signal {
        Signal::Ice {
            candidate: format!("candidate:{n}"),
        }
    }

    #[test]
    fn a_newer_offer_replaces_what_came_before_and_the_rest_is_capped() {
        let ada = UserId::parse("ada").unwrap();
        let mut waiting = WaitingSignals::default();
        assert!(waiting.keep(
            ada.clone(),
            Signal::Offer {
                sdp: "v=0 1".into()
            }
        ));
        assert!(waiting.keep(ada.clone(), ice(1)));
        assert!(waiting.keep(
            ada.clone(),
            Signal::Offer {
                sdp: "v=0 2".into()
            }
        ));
        assert!(waiting.keep(ada.clone(), ice(2)));
        assert_eq!(
            waiting.take(&ada),
            [
                Signal::Offer {
                    sdp: "v=0 2".into()
                },
                ice(2)
            ]
        );
        assert!(waiting.take(&ada).is_empty());
        for n in 0..MAX_WAITING_SIGNALS {
            assert!(waiting.keep(ada.clone(), ice(n)));
        }
        assert!(!waiting.keep(ada.clone(), ice(99)));
    }
}
