//! A store on a thread of its own, for the import: each store call (an fsync on SQLite, a
//! round trip on PostgreSQL) waits there, while the runtime thread goes on with the other
//! mailboxes of `import --all` and `serve` and with this run's requests in flight.
//!
//! A SQLite file gets one thread and one connection for every run of the process: SQLite
//! lets one writer in at a time anyway, and hundreds of connections would only wait for
//! each other's locks. A PostgreSQL store gets one per run, because each run's writes are
//! fenced on its own lease.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, mpsc};

use tokio::sync::oneshot;

use super::{Store, StoreError, StoreLocation};

type Job = Box<dyn FnOnce(&mut dyn Store) + Send>;

/// A handle to the store's thread; the thread ends with the last handle.
#[derive(Clone)]
pub struct ThreadedStore {
    jobs: mpsc::Sender<Job>,
    /// The store as shown in errors.
    shown: Arc<str>,
}

/// The one thread of each SQLite file this process opened for imports.
static FILES: Mutex<BTreeMap<PathBuf, ThreadedStore>> = Mutex::new(BTreeMap::new());

impl ThreadedStore {
    /// The store at `location` for an import run (opened and migrated on first use).
    pub fn open(location: &StoreLocation) -> Result<ThreadedStore, StoreError> {
        let StoreLocation::File(path) = location else {
            return ThreadedStore::start(location.open()?, location.to_string());
        };
        let mut files = FILES.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(known) = files.get(path) {
            return Ok(known.clone());
        }
        let store = ThreadedStore::start(location.open()?, location.to_string())?;
        files.insert(path.clone(), store.clone());
        Ok(store)
    }

    /// `store` on a new thread.
    pub fn start(mut store: Box<dyn Store>, shown: String) -> Result<ThreadedStore, StoreError> {
        let (jobs, queue) = mpsc::channel::<Job>();
        std::thread::Builder::new()
            .name("mailconn-import-store".into())
            .spawn(move || {
                for job in queue {
                    job(store.as_mut());
                }
            })
            .map_err(|e| StoreError::Open {
                store: shown.clone(),
                source: Box::new(e),
            })?;
        Ok(ThreadedStore {
            jobs,
            shown: shown.into(),
        })
    }

    /// Runs `job` on the store's thread (after the jobs sent before it) and waits for its
    /// answer without holding the runtime.
    pub async fn call<R: Send + 'static>(
        &self,
        job: impl FnOnce(&mut dyn Store) -> Result<R, StoreError> + Send + 'static,
    ) -> Result<R, StoreError> {
        let (reply, answer) = oneshot::channel();
        let job: Job = Box::new(move |store| {
            let _ = reply.send(job(store));
        });
        let gone = || StoreError::Open {
            store: self.shown.to_string(),
            source: "the store's thread has stopped".into(),
        };
        self.jobs.send(job).map_err(|_| gone())?;
        answer.await.map_err(|_| gone())?
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn runs_of_one_file_share_its_thread_and_see_each_others_writes() {
        let dir = tempfile::tempdir().unwrap();
        let location = StoreLocation::File(dir.path().join("log.db"));
        let (a, b) = (
            ThreadedStore::open(&location).unwrap(),
            ThreadedStore::open(&location).unwrap(),
        );
        let thread = |store: &ThreadedStore| {
            let store = store.clone();
            async move {
                store
                    .call(|_| Ok(std::thread::current().id()))
                    .await
                    .unwrap()
            }
        };
        assert_eq!(thread(&a).await, thread(&b).await, "one thread per file");
        assert_ne!(thread(&a).await, std::thread::current().id());
        let key = super::super::MessageKey {
            mailbox: "m".into(),
            immutable_id: "1".into(),
        };
        let meta = super::super::MessageMeta::default();
        let failure = super::super::Failure {
            error: "e".into(),
            hint: None,
        };
        let (k, m) = (key.clone(), meta.clone());
        a.call(move |s| s.record_failure(&k, &m, &failure, &[]))
            .await
            .unwrap();
        let seen = b.call(move |s| s.lookup(&key)).await.unwrap();
        assert!(seen.is_some());
        // A job's error comes back as it was.
        let err = b
            .call(|s| {
                s.log_get(999_999)?;
                Err::<(), _>(StoreError::NoSuchEntry(7))
            })
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::NoSuchEntry(7)));
    }
}
