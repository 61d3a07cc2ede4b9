//! The processing log and the embedded ticket store.
//!
//! The import's contract with the store, in order, per message:
//! 1. [`Store::lookup`] — seen before? An `imported` or `ignored` message is skipped; only its
//!    post-action may still be pending.
//! 2. [`Store::record_imported`] (or [`Store::record_batch`] for a page of messages, one
//!    commit for all) — the ticket write (for the embedded sink) and the log row
//!    commit in ONE transaction, before the mailbox is touched. A second call for the same
//!    mailbox + immutable id returns [`Recorded::AlreadyImported`] and writes nothing, so a
//!    message can never become two tickets, even if two processes race past the lock.
//! 3. The import runs the post-action against Graph, then [`Store::record_post_actions`]
//!    (with the others that landed meanwhile, in one transaction). If the process dies in
//!    between, [`Store::pending_post_actions`] returns the message on the next run, which
//!    retries it (at least once, never a second ticket).
//!
//! Runs over one mailbox + folder hold a [`lock::FolderLock`] (a shared store: a
//! [`Lease`]) for their whole duration. The import makes its calls through a
//! [`ThreadedStore`], on the store's own thread.

pub mod lease;
mod location;
pub mod lock;
pub mod pg;
mod schema;
pub mod sqlite;
pub mod subscriptions;
mod threaded;

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::error::{Diagnose, ErrorKind};
use crate::mailbox::Identity;

pub use lease::{Claim, Lease, LeaseKeeper, LeaseRow, Leases};
pub use location::StoreLocation;
pub use pg::{PostgresStore, ServerUrl};
pub use sqlite::SqliteStore;
pub use subscriptions::{ClientStateDigest, SubscriptionRecord, SubscriptionRecords};
pub use threaded::ThreadedStore;

/// A processing-log entry's id (`mailconn log show ID`).
pub type LogId = i64;
/// A ticket number (`[#1234]` in subjects).
pub type TicketId = i64;

/// What identifies a message for exactly-once processing: Graph's immutable id is stable
/// across moves within the mailbox, so it survives our own `move:` post-action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MessageKey {
    pub mailbox: String,
    pub immutable_id: String,
}

/// What the log shows about a message, whatever became of it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct MessageMeta {
    pub profile: Option<String>,
    pub folder: String,
    pub internet_message_id: Option<String>,
    pub sender: Option<String>,
    pub subject: String,
    pub received_at: Option<DateTime<Utc>>,
}

/// The state of a message in the log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Written to the sink; see the post-action status for the mailbox side.
    Imported,
    /// Decided not to import (auto-reply, loop, denied sender, rule).
    Ignored,
    /// The last attempt failed; the next run tries again.
    Failed,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Imported => "imported",
            Status::Ignored => "ignored",
            Status::Failed => "failed",
        }
    }

    const ALL: [Status; 3] = [Status::Imported, Status::Ignored, Status::Failed];

    fn parse(text: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.as_str() == text)
    }
}

impl std::str::FromStr for Status {
    type Err = String;
    fn from_str(s: &str) -> Result<Status, String> {
        Status::parse(s)
            .ok_or_else(|| format!("invalid status '{s}': expected imported, ignored or failed"))
    }
}

/// Where the mailbox side of a message stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PostActionStatus {
    Pending,
    Done,
    Failed,
}

impl PostActionStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            PostActionStatus::Pending => "pending",
            PostActionStatus::Done => "done",
            PostActionStatus::Failed => "failed",
        }
    }

    fn parse(text: &str) -> Option<PostActionStatus> {
        [
            PostActionStatus::Pending,
            PostActionStatus::Done,
            PostActionStatus::Failed,
        ]
        .into_iter()
        .find(|s| s.as_str() == text)
    }
}

/// Decision as recorded: the action and the rule that made it (for `log show`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecordedDecision {
    /// `new-ticket`, `follow-up` or `ignore`.
    pub action: String,
    pub rule: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// What a failed step tells the user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Failure {
    pub error: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

/// A ticket to open or extend, written inside the log row's transaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketWrite {
    /// `None` opens a new ticket; `Some(n)` adds the message to ticket n.
    pub follow_up: Option<TicketId>,
    pub queue: Option<String>,
    pub priority: Option<String>,
    pub tags: Vec<String>,
    pub from: Option<String>,
    pub subject: String,
    /// The preprocessed text the ticket shows.
    pub text: String,
    /// The whole text before preprocessing.
    pub original_text: String,
    pub html: Option<String>,
    pub headers: Vec<(String, String)>,
    pub attachments: Vec<Attachment>,
}

/// Where the message went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SinkWrite {
    /// The embedded ticket store: written in the same transaction as the log row.
    Tickets(Box<TicketWrite>),
    /// An external sink (exec, http, dir) that already succeeded; its result text is logged.
    /// External sinks are at-least-once: a crash between their success and this commit
    /// repeats the delivery on the next run.
    External { sink: String, result: String },
}

/// Everything `record_imported` commits at once.
/// An attachment of a ticket. Its content is kept only up to the import's
/// `max_attachment_bytes`; a larger one is recorded by name and size so the ticket says what
/// was left out. Defined here, not by the import that fills it: the store is below the
/// import and must not depend on it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    pub filename: String,
    pub content_type: String,
    pub size: u64,
    pub inline: bool,
    #[serde(skip)]
    pub content: Option<Vec<u8>>,
}

impl Attachment {
    pub fn omitted(&self) -> bool {
        self.content.is_none()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Import {
    pub key: MessageKey,
    pub meta: MessageMeta,
    pub decision: RecordedDecision,
    pub sink: SinkWrite,
    /// `none` records no pending post-action.
    pub post_action: String,
    pub request_ids: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "outcome")]
pub enum Recorded {
    Imported {
        log_id: LogId,
        ticket_id: Option<TicketId>,
    },
    /// The message was imported before (by an earlier or a concurrent run); nothing written.
    AlreadyImported {
        log_id: LogId,
        ticket_id: Option<TicketId>,
    },
    /// Logged as ignored (in a [`Store::record_batch`]).
    Ignored { log_id: LogId },
}

/// One message's outcome in a [`Store::record_batch`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Record {
    Imported(Import),
    Ignored {
        key: MessageKey,
        meta: MessageMeta,
        decision: RecordedDecision,
    },
}

/// A post-action still to do, from an earlier run or this one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PendingPostAction {
    pub log_id: LogId,
    pub key: MessageKey,
    pub folder: String,
    pub post_action: String,
    pub attempts: u32,
}

/// Where the last complete delta round over a folder ended, and the backlog cutoff the
/// first round was made with (a resync after an expired token uses it again).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Checkpoint {
    pub mailbox: String,
    pub folder_id: String,
    pub folder: String,
    pub delta_link: String,
    /// Only mail received at or after this is imported; `None` for the whole backlog.
    pub since: Option<DateTime<Utc>>,
    pub updated_at: DateTime<Utc>,
}

/// A message whose last import attempt failed: the next run fetches it again by id,
/// because the delta round that listed it is already past.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FailedEntry {
    pub log_id: LogId,
    pub key: MessageKey,
    pub meta: MessageMeta,
    /// Failed import attempts so far.
    pub attempts: u32,
}

/// What [`Store::adopt_mailbox`] moved to the mailbox's key.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Adopted {
    pub entries: u64,
    pub checkpoints: u64,
}

/// One row of the log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LogEntry {
    pub id: LogId,
    #[serde(flatten)]
    pub key: MessageKey,
    #[serde(flatten)]
    pub meta: MessageMeta,
    pub status: Status,
    pub ticket_id: Option<TicketId>,
    pub post_action: Option<String>,
    pub post_action_status: Option<PostActionStatus>,
    pub first_seen: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// The address people know the mailbox by, when the log is keyed by its object id.
    pub mailbox_address: Option<String>,
}

impl LogEntry {
    /// The mailbox as a person recognises it: its address, else the key itself.
    pub fn mailbox_shown(&self) -> &str {
        self.mailbox_address.as_deref().unwrap_or(&self.key.mailbox)
    }
}

/// One attempt at a message: an import decision or a post-action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Attempt {
    pub at: DateTime<Utc>,
    /// `import` or `post-action`.
    pub stage: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decision: Option<RecordedDecision>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ticket_id: Option<TicketId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub result: Option<String>,
    pub request_ids: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub failure: Option<Failure>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LogDetail {
    #[serde(flatten)]
    pub entry: LogEntry,
    pub attempts: Vec<Attempt>,
}

/// Where one mailbox folder stands, for `mailconn status`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FolderState {
    pub mailbox: String,
    /// The address people know the mailbox by, when it is keyed by its object id.
    pub mailbox_address: Option<String>,
    pub folder: String,
    /// When the last complete pass over the folder ended (its checkpoint).
    pub last_round: Option<DateTime<Utc>>,
    /// When a message of it was last imported.
    pub last_import: Option<DateTime<Utc>>,
    pub imported: u64,
    /// Messages whose import failed; the next run tries them again.
    pub failed: u64,
    /// Imported messages whose post-action is not done yet.
    pub pending_post_actions: u64,
}

/// [`Store::folder_states`] in SQL that both back ends run as it is: every folder with a
/// checkpoint or a log entry, in the columns of [`FolderState`].
const FOLDER_STATES: &str = "
    WITH folders AS (SELECT mailbox, folder FROM checkpoints UNION SELECT mailbox, folder FROM log)
    SELECT f.mailbox,
           (SELECT address FROM mailboxes m WHERE m.key = f.mailbox),
           f.folder,
           (SELECT MAX(c.updated_at) FROM checkpoints c
             WHERE c.mailbox = f.mailbox AND c.folder = f.folder),
           (SELECT MAX(l.updated_at) FROM log l
             WHERE l.mailbox = f.mailbox AND l.folder = f.folder AND l.status = 'imported'),
           (SELECT COUNT(*) FROM log l
             WHERE l.mailbox = f.mailbox AND l.folder = f.folder AND l.status = 'imported'),
           (SELECT COUNT(*) FROM log l
             WHERE l.mailbox = f.mailbox AND l.folder = f.folder AND l.status = 'failed'),
           (SELECT COUNT(*) FROM log l
             WHERE l.mailbox = f.mailbox AND l.folder = f.folder
               AND l.post_action_status IN ('pending', 'failed'))
    FROM folders f
    ORDER BY 2, 1, 3";

/// `log list` filters; all optional, combined with AND.
#[derive(Debug, Clone, Default)]
pub struct LogFilter {
    pub status: Option<Status>,
    pub since: Option<DateTime<Utc>>,
    pub profile: Option<String>,
    /// Substring of the sender address, case-insensitive.
    pub sender: Option<String>,
    /// Substring of the subject, case-insensitive.
    pub subject: Option<String>,
    pub limit: Option<u32>,
}

/// What `log prune` removed. An entry whose message may still sit in the folder (post-action
/// none or mark-read, ignored, failed, post-action not yet done) is kept, because it is what
/// stops a re-read of the folder from importing the message twice; only its older attempts go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PruneReport {
    pub entries_removed: u64,
    pub attempts_removed: u64,
    pub entries_kept: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Ticket {
    pub id: TicketId,
    pub subject: String,
    pub requester: Option<String>,
    pub queue: Option<String>,
    pub priority: Option<String>,
    pub tags: Vec<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub message_count: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TicketMessage {
    pub log_id: Option<LogId>,
    pub internet_message_id: Option<String>,
    pub from: Option<String>,
    pub subject: String,
    pub received_at: Option<DateTime<Utc>>,
    pub text: String,
    pub attachments: Vec<StoredAttachment>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoredAttachment {
    pub filename: String,
    pub content_type: String,
    pub size: u64,
    /// Over the size limit: recorded, content not kept.
    pub omitted: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TicketDetail {
    #[serde(flatten)]
    pub ticket: Ticket,
    pub messages: Vec<TicketMessage>,
}

/// What became of a post-action: `Ok(result text)` marks it done, `Err` leaves it to retry.
#[derive(Debug, Clone)]
pub struct PostActionOutcome {
    pub log_id: LogId,
    pub outcome: Result<String, Failure>,
    pub request_ids: Vec<String>,
}

/// Answers the rules stage's questions about history (follow-ups, loops).
pub trait History {
    fn ticket_exists(&self, id: TicketId) -> Result<bool, StoreError>;
    /// The ticket holding any of these internetMessageIds (In-Reply-To / References).
    fn ticket_for_message_ids(
        &self,
        mailbox: &str,
        ids: &[String],
    ) -> Result<Option<TicketId>, StoreError>;
    /// How many messages from `sender` this mailbox logged since `since`.
    fn messages_from_since(
        &self,
        mailbox: &str,
        sender: &str,
        since: DateTime<Utc>,
    ) -> Result<u64, StoreError>;
}

/// The processing log and ticket store: a SQLite file ([`SqliteStore`], the zero-setup
/// default) or a PostgreSQL database many hosts share ([`PostgresStore`]).
pub trait Store: History + Send {
    fn lookup(&self, key: &MessageKey) -> Result<Option<LogEntry>, StoreError>;
    /// Imports and ignores of several messages in ONE transaction (one fsync instead of one
    /// per message). Each message succeeds or fails on its own (the inner results, in
    /// order); the outer error means nothing of the batch was committed. Touch the mailbox
    /// for a message only after the whole call returned `Ok` and its own result is `Ok`.
    fn record_batch(
        &mut self,
        records: &[Record],
    ) -> Result<Vec<Result<Recorded, StoreError>>, StoreError>;
    /// A failed attempt; the message stays eligible for the next run.
    fn record_failure(
        &mut self,
        key: &MessageKey,
        meta: &MessageMeta,
        failure: &Failure,
        request_ids: &[String],
    ) -> Result<LogId, StoreError>;
    fn pending_post_actions(
        &self,
        mailbox: &str,
        folder: &str,
    ) -> Result<Vec<PendingPostAction>, StoreError>;
    /// The outcomes of post-actions that landed together, in one transaction (one fsync,
    /// not one per message); nothing is written if one of them cannot be.
    fn record_post_actions(&mut self, outcomes: &[PostActionOutcome]) -> Result<(), StoreError>;
    /// The outcome of one post-action: `Ok(result text)` marks it done, `Err` leaves it to
    /// retry.
    fn record_post_action(
        &mut self,
        log_id: LogId,
        outcome: Result<String, Failure>,
        request_ids: &[String],
    ) -> Result<(), StoreError> {
        self.record_post_actions(&[PostActionOutcome {
            log_id,
            outcome,
            request_ids: request_ids.to_vec(),
        }])
    }
    /// Messages of this folder whose import failed fewer than `max_attempts` times.
    fn failed_entries(
        &self,
        mailbox: &str,
        folder: &str,
        max_attempts: u32,
    ) -> Result<Vec<FailedEntry>, StoreError>;
    fn checkpoint(&self, mailbox: &str, folder_id: &str) -> Result<Option<Checkpoint>, StoreError>;
    fn save_checkpoint(&mut self, checkpoint: &Checkpoint) -> Result<(), StoreError>;
    fn log_list(&self, filter: &LogFilter) -> Result<Vec<LogEntry>, StoreError>;
    fn log_get(&self, id: LogId) -> Result<Option<LogDetail>, StoreError>;
    /// Forgets history older than `before`; see [`PruneReport`] for what is kept and why.
    fn log_prune(&mut self, before: DateTime<Utc>) -> Result<PruneReport, StoreError>;
    /// Re-keys what an older mailconn keyed by one of the mailbox's spellings (address as
    /// typed, UPN, alias) to its identity's key, in one transaction: log rows keep their
    /// history and tickets, the newest checkpoint of each folder survives, and a message
    /// logged under two spellings becomes one row. Records the address to show.
    fn adopt_mailbox(&mut self, mailbox: &Identity) -> Result<Adopted, StoreError>;
    fn tickets_list(&self, limit: Option<u32>) -> Result<Vec<Ticket>, StoreError>;
    fn ticket_get(&self, id: TicketId) -> Result<Option<TicketDetail>, StoreError>;
    fn folder_states(&self) -> Result<Vec<FolderState>, StoreError>;
    /// The leases of a store that several workers share; `None` for a store on this host
    /// alone, whose runs exclude each other with a [`lock::FolderLock`].
    fn leases(&mut self) -> Option<&mut dyn Leases> {
        None
    }
    /// The subscription records of a shared store; `None` for a store on this host alone,
    /// whose profiles keep them in `subscriptions.toml`.
    fn subscriptions(&mut self) -> Option<&mut dyn SubscriptionRecords> {
        None
    }
}

/// What a store error says and how it is classified; no backend's error type appears in it,
/// so the import and the commands work the same on every backend.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot open the store {store}: {source}")]
    Open {
        /// The file, or the server as `user@host/database` (never the password).
        store: String,
        source: BoxError,
    },
    #[error(
        "the store {store} was written by a newer mailconn (schema {found}, this one knows {known})"
    )]
    TooNew {
        store: String,
        found: i64,
        known: i64,
    },
    /// The database server cannot be reached (down, restarting, network cut).
    #[error("cannot reach the store {store}: {source}")]
    Unreachable { store: String, source: BoxError },
    /// The server refused the connection's credentials or database.
    #[error("the store {store} refused the connection: {source}")]
    Refused { store: String, source: BoxError },
    /// A `store_url` that cannot be used as written.
    #[error("invalid store_url: {0}")]
    BadUrl(String),
    #[error("store query failed: {0}")]
    Query(BoxError),
    #[error("ticket {0} does not exist")]
    NoSuchTicket(TicketId),
    #[error("log entry {0} does not exist")]
    NoSuchEntry(LogId),
    #[error("{what} is locked by another run{}", holder.as_deref().map(|h| format!(" ({h})")).unwrap_or_default())]
    Locked {
        what: String,
        holder: Option<String>,
    },
    /// A write after another worker took the folder's lease over: nothing was written.
    #[error("{what} was taken over by another worker{}; this run wrote nothing after that", holder.as_deref().map(|h| format!(" ({h})")).unwrap_or_default())]
    Fenced {
        what: String,
        holder: Option<String>,
    },
    #[error("cannot use the lock file {}: {source}", path.display())]
    LockFile {
        path: PathBuf,
        source: std::io::Error,
    },
}

pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

impl Diagnose for StoreError {
    fn kind(&self) -> ErrorKind {
        match self {
            StoreError::Locked { .. } | StoreError::Fenced { .. } => ErrorKind::Locked,
            StoreError::Unreachable { .. } => ErrorKind::Unavailable,
            StoreError::TooNew { .. }
            | StoreError::Open { .. }
            | StoreError::LockFile { .. }
            | StoreError::Refused { .. }
            | StoreError::BadUrl(_) => ErrorKind::Config,
            StoreError::Query(_) | StoreError::NoSuchTicket(_) | StoreError::NoSuchEntry(_) => {
                ErrorKind::Failed
            }
        }
    }

    fn hint(&self) -> Option<String> {
        match self {
            StoreError::Locked { .. } => Some(
                "another import of this folder is running; pass --wait to queue behind it".into(),
            ),
            StoreError::Fenced { .. } => Some(
                "this run lost its lease (it was paused or cut off for longer than lease_ttl); the worker that took over imports the rest, and nothing is imported twice"
                    .into(),
            ),
            StoreError::TooNew { .. } => Some(
                "upgrade mailconn, or point [import] store / store_url at another store".into(),
            ),
            StoreError::Open { .. } => Some(
                "check the directory exists and is writable, or set [import] store / MAILCONN_STORE"
                    .into(),
            ),
            StoreError::Unreachable { .. } => Some(
                "check that PostgreSQL is running and reachable at store_url (MAILCONN_STORE_URL); nothing was imported or lost"
                    .into(),
            ),
            StoreError::Refused { .. } => Some(
                "check the user and database in store_url, the password (PGPASSFILE / ~/.pgpass, or `mailconn credentials set store-password`), and that the server's certificate is trusted (the OS trust store, or MAILCONN_CA_FILE)"
                    .into(),
            ),
            StoreError::BadUrl(_) => Some(
                "write it as postgres://USER@HOST[:PORT]/DATABASE[?sslmode=require]; the password goes in PGPASSFILE, never in the URL"
                    .into(),
            ),
            StoreError::LockFile { .. } => {
                Some("check that $XDG_STATE_HOME/mailconn/locks is writable".into())
            }
            StoreError::NoSuchTicket(_) => Some("list tickets with `mailconn tickets list`".into()),
            StoreError::NoSuchEntry(_) => Some("list entries with `mailconn log list`".into()),
            StoreError::Query(_) => None,
        }
    }
}

#[cfg(test)]
pub(crate) mod tests;

/// One record at a time, for tests: the import itself only ever commits batches.
#[cfg(test)]
pub trait RecordOne {
    fn record_imported(&mut self, import: &Import) -> Result<Recorded, StoreError>;
    fn record_ignored(
        &mut self,
        key: &MessageKey,
        meta: &MessageMeta,
        decision: &RecordedDecision,
    ) -> Result<LogId, StoreError>;
}

#[cfg(test)]
impl<S: Store + ?Sized> RecordOne for S {
    fn record_imported(&mut self, import: &Import) -> Result<Recorded, StoreError> {
        let mut results = self.record_batch(&[Record::Imported(import.clone())])?;
        results.pop().expect("one result per record")
    }

    fn record_ignored(
        &mut self,
        key: &MessageKey,
        meta: &MessageMeta,
        decision: &RecordedDecision,
    ) -> Result<LogId, StoreError> {
        let ignored = Record::Ignored {
            key: key.clone(),
            meta: meta.clone(),
            decision: decision.clone(),
        };
        match self
            .record_batch(&[ignored])?
            .pop()
            .expect("one result per record")?
        {
            Recorded::Ignored { log_id } => Ok(log_id),
            other => panic!("an ignored message was recorded as {other:?}"),
        }
    }
}
