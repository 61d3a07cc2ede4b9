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
}
