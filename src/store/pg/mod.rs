//! The PostgreSQL store: the processing log, tickets and checkpoints on a database server
//! that many hosts share, with the same contract as the SQLite file (see `store/mod.rs`).
//!
//! The driver is rust-postgres's blocking client, which drives its own small runtime and
//! so cannot be called from inside the import's tokio runtime. It lives on a thread of its
//! own; each [`Store`] call is sent there and waited for, the way a SQLite call waits for
//! its fsync. A connection that broke (the server restarted) is replaced on the next call;
//! the call that saw it break fails as [`StoreError::Unreachable`], which is safe: a batch
//! that did not commit left the mailbox untouched, and the next run picks it up.

mod changes;
mod connect;
mod leases;
mod queries;
pub(in crate::store) mod schema;
mod statements;
mod subscriptions;

use std::collections::BTreeMap;
use std::sync::{Mutex, mpsc};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use postgres::Client;

pub use connect::ServerUrl;

use super::lease::{Claim, Lease, LeaseRow, Leases, LiveWorker};
use super::{
    Adopted, Checkpoint, FailedEntry, Failure, FolderState, History, LogDetail, LogEntry,
    LogFilter, LogId, MessageKey, MessageMeta, PendingPostAction, PostActionOutcome, PruneReport,
    Record, Recorded, Store, StoreError, SubscriptionRecord, SubscriptionRecords, Ticket,
    TicketDetail, TicketId,
};
use crate::mailbox::Identity;

impl From<postgres::Error> for StoreError {
    fn from(e: postgres::Error) -> StoreError {
        StoreError::Query(Box::new(e))
    }
}

/// How long a server that was reachable may take to come back (a restart, a fail-over)
/// before a call gives up with [`StoreError::Unreachable`]: a restart takes seconds, and a
/// run that waits that long loses nothing. A server that is down when the store is opened
/// fails at once instead, so a cron run says so without hanging.
const COMEBACK: Duration = Duration::from_secs(30);

/// The connection, owned by the store's thread.
struct Connection {
    url: ServerUrl,
    client: Option<Client>,
    connected_before: bool,
}

impl Connection {
    /// The live client, connecting (again) if there is none or it broke.
    fn client(&mut self) -> Result<&mut Client, StoreError> {
        if self.client.as_ref().is_none_or(Client::is_closed) {
            self.client = None;
            statements::forget();
            self.client = Some(match self.connected_before {
                true => self.reconnect()?,
                false => self.url.connect()?,
            });
            self.connected_before = true;
        }
        Ok(self.client.as_mut().expect("connected above"))
    }

    fn reconnect(&self) -> Result<Client, StoreError> {
        let deadline = Instant::now() + COMEBACK;
        let mut pause = Duration::from_millis(100);
        loop {
            match self.url.connect() {
                Err(StoreError::Unreachable { .. }) if Instant::now() + pause < deadline => {
                    std::thread::sleep(pause);
                    pause = (pause * 2).min(Duration::from_secs(2));
                }
                connected => return connected,
            }
        }
    }

    /// Whether the server closed the connection (it went away under a call).
    fn broken(&self) -> bool {
        self.client.as_ref().is_some_and(Client::is_closed)
    }

    /// Runs `job`, once more on a new connection if the server went away under it. Each
    /// job is one transaction, so the first try either committed or left nothing, and
    /// running it again is safe: a batch that did commit finds its messages already
    /// imported, a checkpoint or renewal is written again, a claim by the same holder is
    /// granted again.
    fn run<R>(
        &mut self,
        job: &impl Fn(&mut Client) -> Result<R, StoreError>,
    ) -> Result<R, StoreError> {
        let first = self.client().and_then(job);
        let result = match first {
            Err(StoreError::Query(_)) if self.broken() => self.client().and_then(job),
            other => other,
        };
        result.map_err(|e| self.classify(e))
    }

    /// A query error on a connection that is now closed was the server going away, not a
    /// bad query: say so, so it is classified as "try again later" (exit 6).
    fn classify(&self, e: StoreError) -> StoreError {
        match e {
            StoreError::Query(source) if self.client.as_ref().is_none_or(Client::is_closed) => {
                StoreError::Unreachable {
                    store: self.url.to_string(),
                    source,
                }
            }
            other => other,
        }
    }
}

type Job = Box<dyn FnOnce(&mut Connection) + Send>;

/// A store's thread with its connection.
struct Worker {
    jobs: mpsc::Sender<Job>,
    thread: JoinHandle<()>,
}

impl Worker {
    fn start(url: &ServerUrl) -> Result<Worker, StoreError> {
        let (jobs, queue) = mpsc::channel::<Job>();
        let mut connection = Connection {
            url: url.clone(),
            client: None,
            connected_before: false,
        };
        let thread = std::thread::Builder::new()
            .name("mailconn-store".into())
            .spawn(move || {
                for job in queue {
                    job(&mut connection);
                }
            })
            .map_err(|e| StoreError::Open {
                store: url.to_string(),
                source: Box::new(e),
            })?;
        Ok(Worker { jobs, thread })
    }

    /// Closing the queue ends the thread's loop; joining lets the connection say goodbye.
    fn stop(self) {
        drop(self.jobs);
        let _ = self.thread.join();
    }
}

/// Workers of dropped stores, by server, for the next store on the same server: `serve`
/// opens one per run and `import --all` one per mailbox, and each would otherwise connect,
/// sign in (SCRAM is deliberately slow) and check the schema again.
static IDLE: Mutex<BTreeMap<String, Vec<Worker>>> = Mutex::new(BTreeMap::new());

/// Idle workers kept per server; more are stopped.
const MAX_IDLE: usize = 32;

fn idle() -> std::sync::MutexGuard<'static, BTreeMap<String, Vec<Worker>>> {
    IDLE.lock().unwrap_or_else(|e| e.into_inner())
}

pub struct PostgresStore {
    url: ServerUrl,
    worker: Option<Worker>,
    /// The lease every write must still hold (see [`Leases::fence`]).
    fence: Option<Lease>,
}

impl PostgresStore {
    /// Connects and brings the schema up to date (or takes an idle worker whose connection
    /// did that). A server that is down is [`StoreError::Unreachable`] (exit 6), one that
    /// refuses the login [`StoreError::Refused`] (exit 78).
    pub fn open(url: &ServerUrl) -> Result<PostgresStore, StoreError> {
        let pooled = idle().get_mut(url.key()).and_then(Vec::pop);
        let reused = pooled.is_some();
        let store = PostgresStore {
            url: url.clone(),
            worker: Some(match pooled {
                Some(worker) => worker,
                None => Worker::start(url)?,
            }),
            fence: None,
        };
        // A reused connection brought the schema up to date when it was made; it only
        // checks that no newer mailconn has changed it since (one query, no lock).
        let found = match reused {
            true => store.call(|client| Ok(schema::version(client)?))?,
            false => store.call(|client| Ok(schema::migrate(client)?))?,
        };
        if found > schema::CURRENT {
            return Err(StoreError::TooNew {
                store: url.to_string(),
                found,
                known: schema::CURRENT,
            });
        }
        Ok(store)
    }

    /// Runs `job` on the store's thread and waits for its answer.
    fn call<R: Send + 'static>(
        &self,
        job: impl Fn(&mut Client) -> Result<R, StoreError> + Send + 'static,
    ) -> Result<R, StoreError> {
        let (reply, answer) = mpsc::sync_channel(1);
        let job: Job = Box::new(move |connection: &mut Connection| {
            let _ = reply.send(connection.run(&job));
        });
        let gone = || StoreError::Open {
            store: self.url.to_string(),
            source: "the store's thread has stopped".into(),
        };
        self.worker
            .as_ref()
            .expect("present until dropped")
            .jobs
            .send(job)
            .map_err(|_| gone())?;
        answer.recv().map_err(|_| gone())?
    }
}

impl Drop for PostgresStore {
    fn drop(&mut self) {
        let Some(worker) = self.worker.take() else {
            return;
        };
        let mut idle = idle();
        let kept = idle.entry(self.url.key().to_owned()).or_default();
        if kept.len() < MAX_IDLE {
            kept.push(worker);
        } else {
            drop(idle);
            worker.stop();
        }
    }
}

impl History for PostgresStore {
    fn ticket_exists(&self, id: TicketId) -> Result<bool, StoreError> {
        self.call(move |db| queries::ticket_exists(db, id))
    }

    fn ticket_for_message_ids(
        &self,
        mailbox: &str,
        ids: &[String],
    ) -> Result<Option<TicketId>, StoreError> {
        let (mailbox, ids) = (mailbox.to_owned(), ids.to_vec());
        self.call(move |db| queries::ticket_for_message_ids(db, &mailbox, &ids))
    }

    fn messages_from_since(
        &self,
        mailbox: &str,
        sender: &str,
        since: DateTime<Utc>,
    ) -> Result<u64, StoreError> {
        let (mailbox, sender) = (mailbox.to_owned(), sender.to_lowercase());
        self.call(move |db| queries::messages_from_since(db, &mailbox, &sender, since))
    }
}

impl Store for PostgresStore {
    fn lookup(&self, key: &MessageKey) -> Result<Option<LogEntry>, StoreError> {
        let key = key.clone();
        self.call(move |db| queries::lookup(db, &key))
    }

    fn record_batch(
        &mut self,
        records: &[Record],
    ) -> Result<Vec<Result<Recorded, StoreError>>, StoreError> {
        let (records, fence) = (records.to_vec(), self.fence.clone());
        self.call(move |db| queries::record_batch(db, fence.as_ref(), &records))
    }

    fn record_failure(
        &mut self,
        key: &MessageKey,
        meta: &MessageMeta,
        failure: &Failure,
        request_ids: &[String],
    ) -> Result<LogId, StoreError> {
        let (key, meta, failure, ids) = (
            key.clone(),
            meta.clone(),
            failure.clone(),
            request_ids.to_vec(),
        );
        let fence = self.fence.clone();
        self.call(move |db| {
            queries::record_failure(db, fence.as_ref(), &key, &meta, &failure, &ids)
        })
    }

    fn pending_post_actions(
        &self,
        mailbox: &str,
        folder: &str,
    ) -> Result<Vec<PendingPostAction>, StoreError> {
        let (mailbox, folder) = (mailbox.to_owned(), folder.to_owned());
        self.call(move |db| queries::pending_post_actions(db, &mailbox, &folder))
    }

    fn record_post_actions(&mut self, outcomes: &[PostActionOutcome]) -> Result<(), StoreError> {
        let (outcomes, fence) = (outcomes.to_vec(), self.fence.clone());
        self.call(move |db| queries::record_post_actions(db, fence.as_ref(), &outcomes))
    }

    fn failed_entries(
        &self,
        mailbox: &str,
        folder: &str,
        max_attempts: u32,
    ) -> Result<Vec<FailedEntry>, StoreError> {
        let (mailbox, folder) = (mailbox.to_owned(), folder.to_owned());
        self.call(move |db| queries::failed_entries(db, &mailbox, &folder, max_attempts))
    }

    fn checkpoint(&self, mailbox: &str, folder_id: &str) -> Result<Option<Checkpoint>, StoreError> {
        let (mailbox, folder_id) = (mailbox.to_owned(), folder_id.to_owned());
        self.call(move |db| queries::checkpoint(db, &mailbox, &folder_id))
    }

    fn save_checkpoint(&mut self, checkpoint: &Checkpoint) -> Result<(), StoreError> {
        let (checkpoint, fence) = (checkpoint.clone(), self.fence.clone());
        self.call(move |db| queries::save_checkpoint(db, fence.as_ref(), &checkpoint))
    }

    fn log_list(&self, filter: &LogFilter) -> Result<Vec<LogEntry>, StoreError> {
        let filter = filter.clone();
        self.call(move |db| queries::log_list(db, &filter))
    }

    fn log_get(&self, id: LogId) -> Result<Option<LogDetail>, StoreError> {
        self.call(move |db| queries::log_get(db, id))
    }

    fn log_prune(&mut self, before: DateTime<Utc>) -> Result<PruneReport, StoreError> {
        self.call(move |db| queries::log_prune(db, before))
    }

    fn adopt_mailbox(&mut self, mailbox: &Identity) -> Result<Adopted, StoreError> {
        let mailbox = mailbox.clone();
        self.call(move |db| queries::adopt_mailbox(db, &mailbox))
    }

    fn tickets_list(&self, limit: Option<u32>) -> Result<Vec<Ticket>, StoreError> {
        self.call(move |db| queries::tickets_list(db, limit))
    }

    fn ticket_get(&self, id: TicketId) -> Result<Option<TicketDetail>, StoreError> {
        self.call(move |db| queries::ticket_get(db, id))
    }

    fn folder_states(&self) -> Result<Vec<FolderState>, StoreError> {
        self.call(queries::folder_states)
    }

    fn leases(&mut self) -> Option<&mut dyn Leases> {
        Some(self)
    }

    fn subscriptions(&mut self) -> Option<&mut dyn SubscriptionRecords> {
        Some(self)
    }
}

impl SubscriptionRecords for PostgresStore {
    fn list(&self) -> Result<Vec<SubscriptionRecord>, StoreError> {
        self.call(subscriptions::list)
    }

    fn put(&mut self, record: &SubscriptionRecord) -> Result<(), StoreError> {
        let record = record.clone();
        self.call(move |db| subscriptions::put(db, &record))
    }

    fn remove(&mut self, id: &str) -> Result<bool, StoreError> {
        let id = id.to_owned();
        self.call(move |db| subscriptions::remove(db, &id))
    }

    fn set_expiration(&mut self, id: &str, expiration: DateTime<Utc>) -> Result<(), StoreError> {
        let id = id.to_owned();
        self.call(move |db| subscriptions::set_expiration(db, &id, expiration))
    }
}

impl Leases for PostgresStore {
    fn claim(
        &mut self,
        mailbox: &str,
        folder: &str,
        holder: &str,
        ttl: Duration,
    ) -> Result<Claim, StoreError> {
        let (mailbox, folder, holder) = (mailbox.to_owned(), folder.to_owned(), holder.to_owned());
        self.call(move |db| leases::claim(db, &mailbox, &folder, &holder, ttl))
    }

    fn renew(&mut self, lease: &Lease, ttl: Duration) -> Result<bool, StoreError> {
        let lease = lease.clone();
        self.call(move |db| leases::renew(db, &lease, ttl))
    }

    fn release(&mut self, lease: &Lease) -> Result<(), StoreError> {
        let lease = lease.clone();
        self.call(move |db| leases::release(db, &lease))
    }

    fn list_leases(&self) -> Result<Vec<LeaseRow>, StoreError> {
        self.call(leases::list)
    }

    fn heartbeat(
        &mut self,
        worker: &str,
        profiles: &[String],
        ttl: Duration,
    ) -> Result<Vec<LiveWorker>, StoreError> {
        let (worker, profiles) = (worker.to_owned(), profiles.to_vec());
        self.call(move |db| leases::heartbeat(db, &worker, &profiles, ttl))
    }

    fn retire(&mut self, worker: &str) -> Result<(), StoreError> {
        let worker = worker.to_owned();
        self.call(move |db| leases::retire(db, &worker))
    }

    fn fence(&mut self, lease: &Lease) {
        self.fence = Some(lease.clone());
    }

    fn announce_change(&mut self, profile: &str) -> Result<(), StoreError> {
        let profile = profile.to_owned();
        self.call(move |db| changes::announce(db, &profile))
    }
}

/// Calls `heard` with every profile a worker of the store at `url` announces (see
/// `changes.rs`), from a thread of its own, until `wanted` says stop.
pub fn listen_for_changes(
    url: &ServerUrl,
    heard: impl Fn(&str) + Send + 'static,
    wanted: impl Fn() -> bool + Send + 'static,
) -> Result<(), StoreError> {
    changes::listen(url, heard, wanted)
}
