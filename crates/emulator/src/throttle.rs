//! Outlook throttling per app + mailbox (graph-facts §6): at most N requests in flight, and a
//! request budget per window. Throttled requests still count against the budget.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use uuid::Uuid;

use super::tenant::Settings;

/// (app client id, mailbox owner id)
pub(crate) type Key = (Uuid, Uuid);

#[derive(Debug)]
struct Slot {
    in_flight: usize,
    window_start: DateTime<Utc>,
    count: u32,
}

#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// Admitted; requests of this app in flight on the mailbox, this one included.
    Admit { in_flight: usize },
    /// Over the concurrency limit: `ApplicationThrottled`.
    Concurrency,
    /// Over the budget: `TooManyRequests`, retry when the window ends.
    Budget { retry_after_secs: i64 },
}

#[derive(Debug, Default)]
pub(crate) struct Throttle {
    slots: HashMap<Key, Slot>,
}

impl Throttle {
    /// Admits a request (the caller must `leave` when it finishes) or says why not.
    pub(crate) fn enter(&mut self, key: Key, now: DateTime<Utc>, settings: &Settings) -> Verdict {
        let window = Duration::seconds(settings.mailbox_budget_window_secs);
        let slot = self.slots.entry(key).or_insert(Slot {
            in_flight: 0,
            window_start: now,
            count: 0,
        });
        if now - slot.window_start >= window {
            slot.window_start = now;
            slot.count = 0;
        }
        slot.count = slot.count.saturating_add(1);
        if slot.count > settings.mailbox_request_budget {
            let left = (slot.window_start + window - now).num_seconds().max(1);
            return Verdict::Budget {
                retry_after_secs: left,
            };
        }
        if slot.in_flight >= settings.mailbox_concurrency {
            return Verdict::Concurrency;
        }
        slot.in_flight += 1;
        Verdict::Admit {
            in_flight: slot.in_flight,
        }
    }

    pub(crate) fn leave(&mut self, key: Key) {
        if let Some(slot) = self.slots.get_mut(&key) {
            slot.in_flight = slot.in_flight.saturating_sub(1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fifth_concurrent_request_and_budget_overrun_are_refused() {
        let settings = Settings {
            mailbox_request_budget: 6,
            ..Settings::default()
        };
        let key = (Uuid::new_v4(), Uuid::new_v4());
        let other = (key.0, Uuid::new_v4());
        let now = Utc::now();
        let mut throttle = Throttle::default();
        for in_flight in 1..=4 {
            assert_eq!(
                throttle.enter(key, now, &settings),
                Verdict::Admit { in_flight }
            );
        }
        assert_eq!(throttle.enter(key, now, &settings), Verdict::Concurrency);
        assert_eq!(
            throttle.enter(other, now, &settings),
            Verdict::Admit { in_flight: 1 }
        );
        throttle.leave(key);
        assert_eq!(
            throttle.enter(key, now, &settings),
            Verdict::Admit { in_flight: 4 }
        );
        assert!(matches!(
            throttle.enter(key, now, &settings),
            Verdict::Budget {
                retry_after_secs: 600
            }
        ));
        let later = now + Duration::seconds(600);
        throttle.leave(key);
        assert!(matches!(
            throttle.enter(key, later, &settings),
            Verdict::Admit { .. }
        ));
    }

    /// Outlook counts each app + mailbox pair on its own (graph-facts §6): a pair at its
    /// concurrency limit or out of budget leaves the app's other mailboxes and the
    /// mailbox's other apps untouched.
    #[test]
    fn each_app_and_mailbox_pair_has_its_own_slots_and_budget() {
        let settings = Settings {
            mailbox_concurrency: 2,
            mailbox_request_budget: 3,
            ..Settings::default()
        };
        let (app, other_app) = (Uuid::new_v4(), Uuid::new_v4());
        let (mailbox, other_mailbox) = (Uuid::new_v4(), Uuid::new_v4());
        let now = Utc::now();
        let mut throttle = Throttle::default();
        let full = (app, mailbox);
        for _ in 0..2 {
            assert!(matches!(
                throttle.enter(full, now, &settings),
                Verdict::Admit { .. }
            ));
        }
        assert_eq!(throttle.enter(full, now, &settings), Verdict::Concurrency);
        for pair in [(other_app, mailbox), (app, other_mailbox)] {
            assert_eq!(
                throttle.enter(pair, now, &settings),
                Verdict::Admit { in_flight: 1 },
                "{pair:?} shares nothing with the full pair"
            );
            throttle.leave(pair);
        }
        // The concurrency refusal was the third request: the budget of 3 is now spent.
        throttle.leave(full);
        assert!(matches!(
            throttle.enter(full, now, &settings),
            Verdict::Budget { .. }
        ));
        for pair in [(other_app, mailbox), (app, other_mailbox)] {
            assert_eq!(
                throttle.enter(pair, now, &settings),
                Verdict::Admit { in_flight: 1 },
                "{pair:?} has its own budget"
            );
        }
    }
}
