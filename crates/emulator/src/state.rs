//! Everything a request handler can reach: the directory, keys, clock and the mutable
//! stores. Locks are plain mutexes held for a few map operations, never across an await.

use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use super::clock::Clock;
use super::crypto::SigningKey;
use super::directory::Directory;
use super::faults::Faults;
use super::graph::Uploads;
use super::identity::grants::Grants;
use super::journal::Journal;
use super::mailstore::MailStore;
use super::notify::Notifier;
use super::persist::StateDir;
use super::subscriptions::Subscriptions;
use super::throttle::Throttle;

pub(crate) type Shared = Arc<Emulator>;

pub(crate) struct Emulator {
    pub directory: Directory,
    pub urls: Urls,
    pub keys: SigningKey,
    /// The key of the emulator's own federated-token issuer (`/federation`).
    pub federation_keys: SigningKey,
    pub clock: Clock,
    pub latency: Option<Latency>,
    pub grants: Mutex<Grants>,
    pub mail: Mutex<MailStore>,
    pub faults: Mutex<Faults>,
    pub journal: Mutex<Journal>,
    pub throttle: Mutex<Throttle>,
    pub subscriptions: Mutex<Subscriptions>,
    pub uploads: Mutex<Uploads>,
    /// Non-admin requests being served (the journal's `concurrency_at_arrival`).
    pub in_flight: std::sync::atomic::AtomicUsize,
    pub notifier: Arc<Notifier>,
    /// One lifecycle-reminder pass at a time, so a clock advance that makes reminders due
    /// answers only after they went out even while the background pass is running.
    pub reminders: tokio::sync::Mutex<()>,
    /// `--state-dir`: where every change is saved (`persist.rs`).
    pub state_dir: Option<StateDir>,
}

/// The emulator's public addresses, fixed once the listener is bound.
pub(crate) struct Urls {
    /// `http(s)://127.0.0.1:PORT`, the authority host and the Graph root at once.
    pub base: String,
}

impl Urls {
    pub(crate) fn graph(&self) -> String {
        format!("{}/v1.0", self.base)
    }

    pub(crate) fn admin(&self) -> String {
        format!("{}/admin", self.base)
    }

    pub(crate) fn token_endpoint(&self, tenant: &str) -> String {
        format!("{}/{tenant}/oauth2/v2.0/token", self.base)
    }
}

/// `--latency 50ms[,jitter]`: every non-admin response waits `base` plus up to `jitter`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Latency {
    pub base: Duration,
    pub jitter: Duration,
}

/// Locks a store; a panic in another handler must not take the whole emulator down, and the
/// stores stay consistent between statements, so a poisoned lock is still usable.
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}
