//! One import at a time per mailbox + folder, and a burst of notifications collapses into one
//! more run: a trigger while a run is going only marks the folder dirty, and a dirty folder
//! gets exactly one further run when the current one ends (which then sees every message the
//! burst announced). Notifications carry no content the import needs, so nothing is lost by
//! collapsing them.
//!
//! What a run covers is the key: a mailbox + folder for `webhook serve`, a profile for
//! `mailconn serve`.

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};

/// What an import covers.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Target {
    pub mailbox: String,
    pub folder: String,
}

impl std::fmt::Display for Target {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.mailbox, self.folder)
    }
}

/// Runs one import of a target to its end.
pub type Runner<K = Target> =
    Arc<dyn Fn(K) -> Pin<Box<dyn Future<Output = ()> + Send>> + Send + Sync + 'static>;

#[derive(Default)]
struct Slot {
    running: bool,
    dirty: bool,
}

pub struct Scheduler<K = Target> {
    runner: Runner<K>,
    slots: Mutex<HashMap<K, Slot>>,
    idle: tokio::sync::Notify,
}

impl<K> Scheduler<K>
where
    K: Clone + Eq + std::hash::Hash + std::fmt::Display + Send + 'static,
{
    pub fn new(runner: Runner<K>) -> Arc<Scheduler<K>> {
        Arc::new(Scheduler {
            runner,
            slots: Mutex::default(),
            idle: tokio::sync::Notify::new(),
        })
    }

    /// Asks for an import of `target`: starts one now, or (while one runs) one more after it.
    /// Returns at once; the run happens in a task of its own.
    pub fn trigger(self: &Arc<Self>, target: K) {
        {
            let mut slots = lock(&self.slots);
            let slot = slots.entry(target.clone()).or_default();
            if slot.running {
                slot.dirty = true;
                tracing::debug!(%target, "import already running; one more run will follow");
                return;
            }
            slot.running = true;
        }
        let scheduler = self.clone();
        tokio::spawn(async move {
            loop {
                (scheduler.runner)(target.clone()).await;
                let mut slots = lock(&scheduler.slots);
                let slot = slots.entry(target.clone()).or_default();
                if slot.dirty {
                    slot.dirty = false;
                    continue;
                }
                slot.running = false;
                drop(slots);
                scheduler.idle.notify_waiters();
                break;
            }
        });
    }

    /// Whether an import of some target is running or due.
    pub fn busy(&self) -> bool {
        lock(&self.slots).values().any(|s| s.running)
    }

    /// Waits until no import is running (for shutdown).
    pub async fn wait_idle(&self) {
        loop {
            let notified = self.idle.notified();
            if !self.busy() {
                return;
            }
            notified.await;
        }
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;

    fn target(folder: &str) -> Target {
        Target {
            mailbox: "support@contoso.test".into(),
            folder: folder.into(),
        }
    }

    /// A runner that counts its runs and holds each until the test lets it go.
    fn gated() -> (Runner, Arc<AtomicUsize>, Arc<tokio::sync::Semaphore>) {
        let runs = Arc::new(AtomicUsize::new(0));
        let gate = Arc::new(tokio::sync::Semaphore::new(0));
        let (r, g) = (runs.clone(), gate.clone());
        let runner: Runner = Arc::new(move |_target| {
            let (runs, gate) = (r.clone(), g.clone());
            Box::pin(async move {
                runs.fetch_add(1, Ordering::SeqCst);
                gate.acquire().await.unwrap().forget();
            })
        });
        (runner, runs, gate)
    }

    async fn settle() {
        for _ in 0..20 {
            tokio::task::yield_now().await;
        }
    }

    #[tokio::test]
    async fn a_burst_during_a_run_collapses_into_exactly_one_more_run() {
        let (runner, runs, gate) = gated();
        let scheduler = Scheduler::new(runner);
        scheduler.trigger(target("Inbox"));
        settle().await;
        assert_eq!(runs.load(Ordering::SeqCst), 1);
        for _ in 0..25 {
            scheduler.trigger(target("Inbox"));
        }
        settle().await;
        assert_eq!(
            runs.load(Ordering::SeqCst),
            1,
            "no second run while one runs"
        );
        gate.add_permits(1);
        settle().await;
        assert_eq!(
            runs.load(Ordering::SeqCst),
            2,
            "the burst gave one more run"
        );
        gate.add_permits(1);
        scheduler.wait_idle().await;
        assert_eq!(runs.load(Ordering::SeqCst), 2);
        assert!(!scheduler.busy());
    }

    #[tokio::test]
    async fn folders_run_independently_and_a_quiet_folder_runs_once() {
        let (runner, runs, gate) = gated();
        let scheduler = Scheduler::new(runner);
        scheduler.trigger(target("Inbox"));
        scheduler.trigger(target("Inbox/Support"));
        settle().await;
        assert_eq!(runs.load(Ordering::SeqCst), 2, "one run per folder at once");
        gate.add_permits(2);
        scheduler.wait_idle().await;
        assert_eq!(runs.load(Ordering::SeqCst), 2);
        // After going idle, a new notification starts a new run.
        scheduler.trigger(target("Inbox"));
        settle().await;
        assert_eq!(runs.load(Ordering::SeqCst), 3);
        gate.add_permits(1);
        scheduler.wait_idle().await;
    }
}
