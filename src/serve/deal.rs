//! How `serve` workers on several hosts share the mailboxes of one shared store: each
//! beats its heart in the store every third of the lease time, learns who else is alive,
//! and imports only the folders dealt to it ([`lease::deals_to`]). When the deal changes
//! (a worker joined, or one stopped beating and dropped out after its lease time) the
//! folders that became this worker's are imported at once, so a dead worker's mailboxes
//! are taken over within about one lease time. The per-run lease stays the guard: a folder
//! whose previous owner is still mid-run is retried once its lease can be claimed.

use std::sync::Arc;
use std::time::Duration;

use crate::serve::metrics::Metrics;
use crate::store::lease::{self, Leases};
use crate::store::{StoreError, StoreLocation};
use crate::webhook::scheduler::Scheduler;

/// How long a starting worker waits between registering and its first deal.
const SETTLE: Duration = Duration::from_secs(2);

/// The profiles of one shared store this worker serves, gathered before it starts.
pub struct Members {
    pub location: StoreLocation,
    pub profiles: Vec<(usize, String)>,
    pub ttl: Duration,
}

impl Members {
    pub fn new(location: &StoreLocation, ttl: Duration) -> Members {
        Members {
            location: location.clone(),
            profiles: Vec::new(),
            ttl,
        }
    }

    /// Adds profile `index` (`name`), whose lease time is `ttl`.
    pub fn add(&mut self, index: usize, name: &str, ttl: Duration) {
        self.profiles.push((index, name.to_owned()));
        self.ttl = self.ttl.min(ttl);
    }

    /// Opens the connection the heartbeats use; the profiles in the order of the deal.
    pub fn meet(mut self) -> Result<Table, StoreError> {
        self.profiles.sort_by(|a, b| a.1.cmp(&b.1));
        let leases = self
            .location
            .open_leases()?
            .expect("a shared store has leases");
        Ok(Table {
            leases,
            store: self.location.to_string(),
            profiles: self.profiles,
            ttl: self.ttl,
        })
    }
}

/// The profiles of one shared store that this worker serves.
pub struct Table {
    /// Where the workers meet: a connection of its own.
    pub leases: Box<dyn Leases>,
    /// The store, as shown in logs and metrics (no password).
    pub store: String,
    /// The profiles (index into the worker's, and name), sorted by name: every worker that
    /// serves the same profiles deals them in the same order.
    pub profiles: Vec<(usize, String)>,
    /// The shortest lease time among them: the heartbeat's.
    pub ttl: Duration,
}

/// Beats, re-deals and triggers the folders newly dealt to this worker until `stop` is
/// notified; then gives the table back (for [`retire`]). A heartbeat that fails (the
/// server is away) keeps the last deal: the per-run lease still keeps two workers off one
/// folder.
pub async fn keep_dealing(
    table: Table,
    me: String,
    metrics: Arc<Metrics>,
    scheduler: Arc<Scheduler<String>>,
    stop: Arc<tokio::sync::Notify>,
) -> Option<Table> {
    let Table {
        mut leases,
        store,
        profiles,
        ttl,
    } = table;
    // Workers started together (a deploy) would each deal everything to itself at its first
    // beat, before the others have registered, and a first run with a whole backlog lasts:
    // register, give the others a moment to do the same, then deal.
    let mut first = true;
    let names: Vec<String> = profiles.iter().map(|(_, name)| name.clone()).collect();
    loop {
        let (beating, serving) = (me.clone(), names.clone());
        let beat = tokio::task::spawn_blocking(move || {
            let live = leases.heartbeat(&beating, &serving, ttl);
            (leases, live)
        })
        .await;
        let live = match beat {
            Ok((back, live)) => {
                leases = back;
                live
            }
            // The blocking task panicked: nothing to beat with any more.
            Err(e) => {
                tracing::error!(%store, error = %e, "the heartbeat stopped");
                return None;
            }
        };
        if std::mem::take(&mut first) && live.is_ok() {
            tokio::time::sleep(SETTLE.min(ttl / 3)).await;
            continue;
        }
        match live {
            Ok(live) => {
                metrics.set_workers(&store, live.len());
                for (index, name) in &profiles {
                    let mine = lease::deals_to(name, &live, &me);
                    if metrics.set_dealt(*index, mine) && mine {
                        tracing::info!(profile = %name, workers = live.len(), "dealt to this worker");
                        scheduler.trigger(name.clone());
                    }
                }
            }
            Err(e) => tracing::warn!(%store, error = %e, "heartbeat failed; keeping the last deal"),
        }
        tokio::select! {
            _ = tokio::time::sleep(ttl / 3) => {}
            _ = stop.notified() => {
                return Some(Table { leases, store, profiles, ttl });
            }
        }
    }
}

/// Says this worker has stopped, so the others re-deal its folders at their next beat
/// instead of after its lease time.
pub fn retire(mut table: Table, me: &str) {
    if let Err(e) = table.leases.retire(me) {
        tracing::warn!(store = %table.store, error = %e, "could not say this worker stopped; the others take over after the lease time");
    }
}
