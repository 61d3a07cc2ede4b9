//! Leases: how workers on several hosts share the mailboxes of one shared store.
//!
//! A lease is a row per mailbox folder: who holds it, until when, and an epoch that grows
//! by one on every take-over. The holder renews it while it works (a [`LeaseKeeper`]
//! thread); a holder that stops renewing (killed, paused, cut off) loses it once it
//! expires, and the next worker takes it over. Expiry alone cannot stop a paused holder
//! that wakes up, so every write of the store is *fenced*: it commits only if the folder's
//! lease still has the epoch the writer was granted (see [`Leases::fence`]).
//!
//! Times are the database server's clock, so hosts with skewed clocks still agree.

use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::StoreError;

/// How long a claim lasts unless renewed, when the profile does not say (`lease_ttl`).
pub const DEFAULT_TTL: Duration = Duration::from_secs(30);

/// A lease this worker was granted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lease {
    pub mailbox: String,
    pub folder: String,
    pub holder: String,
    pub epoch: i64,
}

/// The answer to a claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Claim {
    Granted(Lease),
    /// Another worker holds an unexpired lease.
    Held {
        holder: String,
        since: DateTime<Utc>,
    },
}

/// A lease as `mailconn status` shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LeaseRow {
    pub mailbox: String,
    pub folder: String,
    pub holder: String,
    pub epoch: i64,
    pub acquired_at: DateTime<Utc>,
    pub renewed_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    /// Whether it was still unexpired when read.
    pub live: bool,
}

/// The leases of a shared store.
pub trait Leases: Send {
    /// Takes the folder's lease for `ttl` if nobody holds it or its lease expired (a
    /// take-over: the epoch grows). Mailbox and folder compare case-insensitively, as
    /// Exchange names them.
    fn claim(
        &mut self,
        mailbox: &str,
        folder: &str,
        holder: &str,
        ttl: Duration,
    ) -> Result<Claim, StoreError>;
    /// Extends the lease by `ttl` from now; `false` when it was taken over meanwhile.
    fn renew(&mut self, lease: &Lease, ttl: Duration) -> Result<bool, StoreError>;
    /// Ends the lease now, so the next worker need not wait for it to expire.
    fn release(&mut self, lease: &Lease) -> Result<(), StoreError>;
    fn list_leases(&self) -> Result<Vec<LeaseRow>, StoreError>;
    /// Says this worker, serving `profiles`, is alive for `ttl` more; returns the live
    /// workers (this one included), sorted by id.
    fn heartbeat(
        &mut self,
        worker: &str,
        profiles: &[String],
        ttl: Duration,
    ) -> Result<Vec<LiveWorker>, StoreError>;
    /// Says this worker has stopped, so the others take over its share at once.
    fn retire(&mut self, worker: &str) -> Result<(), StoreError>;
    /// From now on, every write of this store connection (batches, failures, post-actions,
    /// checkpoints) commits only while `lease` is the folder's current lease; after a
    /// take-over it fails as [`StoreError::Fenced`] and writes nothing.
    fn fence(&mut self, lease: &Lease);
    /// Tells every worker of the store that `profile`'s folder changed (a change
    /// notification came here, but the folder is dealt to another worker).
    fn announce_change(&mut self, profile: &str) -> Result<(), StoreError>;
}

/// A worker whose heartbeat has not expired, with the profiles it serves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveWorker {
    pub id: String,
    /// Empty for a worker of an older mailconn, which did not say: it is taken to serve
    /// every profile the others name.
    pub profiles: Vec<String>,
}

impl LiveWorker {
    fn serves(&self, profile: &str) -> bool {
        self.profiles.is_empty() || self.profiles.iter().any(|p| p == profile)
    }
}

/// Whether `profile` is this worker's to import. Every worker computes the same deal from
/// the same heartbeat rows: the profiles any live worker serves, in name order, are dealt
/// round the live workers that serve each, in turn, so each worker has its fair share
/// (within one of the others' when all serve the same profiles) and every profile that a
/// live worker serves has exactly one owner, even when the workers serve different sets.
/// When a worker joins or leaves, the deal changes at the next heartbeat; a folder whose
/// previous owner is still mid-run stays that owner's until its run ends, because the new
/// owner's run cannot claim its lease.
pub fn deals_to(profile: &str, live: &[LiveWorker], me: &str) -> bool {
    let mut named: Vec<&str> = live
        .iter()
        .flat_map(|w| w.profiles.iter().map(String::as_str))
        .collect();
    named.sort_unstable();
    named.dedup();
    let serving: Vec<&LiveWorker> = live.iter().filter(|w| w.serves(profile)).collect();
    // Not registered yet (or the store lost it): take nothing rather than everything.
    let (Some(rank), false) = (named.binary_search(&profile).ok(), serving.is_empty()) else {
        return false;
    };
    serving[rank % serving.len()].id == me
}

/// Who this process is, in lease rows: host, process id and a random part (process ids
/// are reused, and two containers may share a host name).
pub fn this_worker() -> String {
    static ID: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    ID.get_or_init(|| {
        let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
            .ok()
            .or_else(|| std::env::var("HOSTNAME").ok())
            .or_else(|| std::env::var("COMPUTERNAME").ok())
            .map(|h| h.trim().to_owned())
            .filter(|h| !h.is_empty())
            .unwrap_or_else(|| "unknown-host".into());
        let nonce = uuid::Uuid::new_v4().simple().to_string();
        format!("{host}/pid {}/{}", std::process::id(), &nonce[..8])
    })
    .clone()
}

/// Renews a lease from a thread of its own every third of its time to live, for as long as
/// it is held; dropping it releases the lease. The renewals use their own connection, so a
/// long store call of the import does not delay them.
pub struct LeaseKeeper {
    stop: Option<mpsc::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl LeaseKeeper {
    pub fn start(
        mut leases: Box<dyn Leases>,
        lease: Lease,
        ttl: Duration,
    ) -> Result<LeaseKeeper, StoreError> {
        let (stop, stopped) = mpsc::channel::<()>();
        let thread = std::thread::Builder::new()
            .name("mailconn-lease".into())
            .spawn(move || {
                loop {
                    match stopped.recv_timeout(ttl / 3) {
                        Err(mpsc::RecvTimeoutError::Timeout) => match leases.renew(&lease, ttl) {
                            Ok(true) => {}
                            Ok(false) => {
                                // The fence keeps this run from writing; say why it stops.
                                tracing::warn!(
                                    mailbox = %lease.mailbox,
                                    folder = %lease.folder,
                                    "lost the lease to another worker"
                                );
                                return;
                            }
                            // The server may be back by the next renewal; until the lease
                            // expires nothing is lost by trying again.
                            Err(e) => tracing::warn!(error = %e, "could not renew the lease"),
                        },
                        _ => {
                            if let Err(e) = leases.release(&lease) {
                                tracing::warn!(error = %e, "could not release the lease");
                            }
                            return;
                        }
                    }
                }
            })
            .map_err(|e| StoreError::Open {
                store: "the lease keeper".into(),
                source: Box::new(e),
            })?;
        Ok(LeaseKeeper {
            stop: Some(stop),
            thread: Some(thread),
        })
    }
}

impl Drop for LeaseKeeper {
    fn drop(&mut self) {
        drop(self.stop.take());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn worker(id: &str, profiles: &[&str]) -> LiveWorker {
        LiveWorker {
            id: id.into(),
            profiles: profiles.iter().map(|p| p.to_string()).collect(),
        }
    }

    fn owners(profiles: &[&str], live: &[LiveWorker]) -> Vec<Vec<String>> {
        profiles
            .iter()
            .map(|p| {
                live.iter()
                    .filter(|w| deals_to(p, live, &w.id))
                    .map(|w| w.id.clone())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn profiles_are_dealt_round_the_workers_and_redealt_when_one_leaves() {
        let all = ["p0", "p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8", "p9"];
        let live = [worker("a", &all), worker("b", &all), worker("c", &all)];
        let share =
            |me: &str, live: &[LiveWorker]| all.iter().filter(|p| deals_to(p, live, me)).count();
        assert_eq!(
            [share("a", &live), share("b", &live), share("c", &live)],
            [4, 3, 3]
        );
        assert!(owners(&all, &live).iter().all(|o| o.len() == 1));
        // b is gone: a and c split everything between them.
        let left = [live[0].clone(), live[2].clone()];
        assert_eq!([share("a", &left), share("c", &left)], [5, 5]);
        // A worker the store does not list takes nothing.
        assert_eq!(share("d", &live), 0);
    }

    #[test]
    fn workers_serving_different_profiles_leave_none_unowned() {
        let live = [
            worker("a", &["billing", "it", "support"]),
            worker("b", &["it", "sales"]),
            worker("c", &["support"]),
        ];
        let profiles = ["billing", "it", "sales", "support"];
        let dealt = owners(&profiles, &live);
        for (profile, owner) in profiles.iter().zip(&dealt) {
            assert_eq!(owner.len(), 1, "{profile}: {owner:?}");
            let holder = live.iter().find(|w| w.id == owner[0]).unwrap();
            assert!(holder.serves(profile), "{profile} dealt to {owner:?}");
        }
        // Only a serves billing; only b serves sales.
        assert_eq!(dealt[0], ["a"]);
        assert_eq!(dealt[2], ["b"]);
        // An older worker that named no profiles takes its turn at every one.
        let mixed = [worker("a", &["x", "y"]), worker("old", &[])];
        assert_eq!(owners(&["x", "y"], &mixed), [vec!["a"], vec!["old"]]);
    }
}
