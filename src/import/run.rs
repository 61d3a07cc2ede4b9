//! One import run over a mailbox folder (DESIGN "The import pipeline").
//!
//! Order of work, each step safe to interrupt at any point (kill -9 included):
//! 1. post-actions left pending by earlier runs (the store says which);
//! 2. messages whose import failed before, fetched again by id;
//! 3. the delta round from the folder's checkpoint: new messages are fetched (MIME),
//!    processed, committed to the store in small batches, and only then touched in the
//!    mailbox. The checkpoint moves on only when the whole round is recorded.
//!
//! Graph calls go through the client's per-mailbox limit of 4 in flight; fetches and
//! post-actions of different messages overlap so those 4 slots stay busy.

use std::collections::HashMap;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use chrono::{DateTime, SubsecRound, Utc};
use futures_util::FutureExt as _;
use futures_util::stream::{FuturesUnordered, StreamExt};

use super::events::{Event, MessageReport, Outcome, PostActionReport, Reporter, Round, Summary};
use super::normalize::Limits;
use super::process::{Processed, prepare};
use super::rules::Rules;
use super::sinks::{Outbound, Sink, SinkError};
use super::tokens::{CallError, Tokens};
use crate::error::{Diagnose, ErrorKind};
use crate::graph::folder_sync::{Continuation, DeltaItem};
use crate::graph::folders::{Folder, FolderError};
use crate::graph::{Answer, Graph, GraphError};
use crate::mailbox::Identity;
use crate::session::SessionError;
use crate::settings::profile::PostAction;
use crate::settings::values::FolderPath;
use crate::store::{
    Checkpoint, Failure, Import, LogId, MessageKey, MessageMeta, PostActionOutcome,
    PostActionStatus, Record, Recorded, SinkWrite, Status, StoreError, ThreadedStore, TicketId,
    TicketWrite,
};

/// The hint for a message that vanished between listing and fetch.
const GONE: &str =
    "the message left the folder (moved or deleted) before it could be read; nothing to import";

/// Failed imports are fetched again on this many runs; then only `log retry` tries again
/// (a message that cannot be parsed would otherwise be fetched every minute forever).
pub const MAX_AUTOMATIC_ATTEMPTS: u32 = 5;

/// Messages committed together: small enough that post-actions start soon after their
/// fetches (keeping Graph's 4 slots busy), large enough that fsyncs stay negligible.
pub const COMMIT_EVERY: usize = 50;
/// ... or sooner when this much of its mail (text, HTML, headers, attachments) waits in
/// memory,
const COMMIT_BYTES: usize = 8 * 1024 * 1024;
/// ... or when the runs of this whole process hold this much: hundreds of mailboxes side by
/// side (`import --all`, `serve`) would otherwise each hold a whole batch at once, and
/// memory would grow with the fleet (bench-fleet: a third of the peak).
const PROCESS_WAITING_BYTES: usize = 16 * 1024 * 1024;
/// The mail of every run of this process that waits for its batch's commit.
static WAITING: AtomicUsize = AtomicUsize::new(0);
/// Fetches queued ahead of Graph's 4 slots, so a slot never waits for us.
const FETCH_AHEAD: usize = 8;

/// What a first run does with mail already in the folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backlog {
    /// Import everything in the folder.
    All,
    /// Import only mail that arrives from now on.
    Skip,
    /// Import mail received at or after this time.
    Since(DateTime<Utc>),
}

/// Which messages a run looks at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// Pending work, then the folder's delta round.
    Folder,
    /// `log retry`: these entries only (failed imports and unfinished post-actions).
    Entries(Vec<LogId>),
    /// `log retry --failed`: every failed entry and unfinished post-action of the folder.
    AllFailed,
}

/// Everything a run needs to know, resolved before it starts.
pub struct Plan {
    pub profile: Option<String>,
    /// Graph paths and every record name the mailbox by `mailbox.key`; reports show
    /// `mailbox.address`.
    pub mailbox: Identity,
    pub folder: FolderPath,
    pub post_action: PostAction,
    /// Create a missing `move:` destination.
    pub create_folder: bool,
    /// Required for a first run over a folder that already holds mail.
    pub backlog: Option<Backlog>,
    pub dry_run: bool,
    /// Shared by the mailboxes of `import --all` that use the same rules file.
    pub rules: std::sync::Arc<Rules>,
    pub sink: Sink,
    pub limits: Limits,
    pub scope: Scope,
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error(
        "{folder} holds {count} messages and has never been imported; mailconn will not turn a backlog into tickets without being asked"
    )]
    BacklogChoice { folder: String, count: u64 },
    #[error("log entry {id} belongs to {mailbox}, not to {expected}")]
    OtherMailbox {
        id: LogId,
        mailbox: String,
        expected: String,
    },
    #[error(transparent)]
    Folder(#[from] FolderError),
    #[error(transparent)]
    Graph(#[from] GraphError),
    #[error(transparent)]
    Session(#[from] SessionError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Sink(SinkError),
}

impl From<CallError> for ImportError {
    fn from(e: CallError) -> Self {
        match e {
            CallError::Graph(e) => ImportError::Graph(e),
            CallError::Session(e) => ImportError::Session(e),
        }
    }
}

impl Diagnose for ImportError {
    fn kind(&self) -> ErrorKind {
        match self {
            ImportError::BacklogChoice { .. } => ErrorKind::Usage,
            ImportError::OtherMailbox { .. } => ErrorKind::Usage,
            ImportError::Folder(e) => e.kind(),
            ImportError::Graph(e) => e.kind(),
            ImportError::Session(e) => e.kind(),
            ImportError::Store(e) => e.kind(),
            ImportError::Sink(e) => e.kind(),
        }
    }

    fn hint(&self) -> Option<String> {
        match self {
            ImportError::BacklogChoice { .. } => Some(
                "choose: --backlog all (import it), --backlog none (only new mail) or --since DATE; --dry-run shows what would happen"
                    .into(),
            ),
            ImportError::OtherMailbox { .. } => {
                Some("select the entry's profile with -p, or --mailbox".into())
            }
            ImportError::Folder(e) => e.hint(),
            ImportError::Graph(e) => e.hint(),
            ImportError::Session(e) => e.hint(),
            ImportError::Store(e) => e.hint(),
            ImportError::Sink(e) => e.hint(),
        }
    }
}

/// A message to look at, with what the listing (or the log) already says about it.
struct Candidate {
    id: String,
    meta: MessageMeta,
}

type Pending<'a> = Pin<Box<dyn Future<Output = PostActionDone> + 'a>>;

struct PostActionDone {
    log_id: LogId,
    id: String,
    action: String,
    outcome: Result<(String, Option<String>), CallError>,
}

/// The parts of a run that concurrent Graph calls share.
struct Shared<'a, 'w> {
    plan: &'a Plan,
    graph: &'a Graph,
    tokens: &'a Tokens<'a, 'w>,
    reporter: &'a dyn Reporter,
    stop: &'a AtomicBool,
    /// Set when Graph as a whole stopped answering (throttling past the retries, down):
    /// like Ctrl-C, the messages in hand are finished and nothing new is started.
    halted: AtomicBool,
    /// The folder path as the log records it.
    folder: String,
}

impl Shared<'_, '_> {
    /// Whether to start work on another message.
    fn go_on(&self) -> bool {
        !self.stop.load(Ordering::Acquire) && !self.halted.load(Ordering::Acquire)
    }
}

/// The parts only the run's own loop touches.
struct Books<'p> {
    store: ThreadedStore,
    summary: Summary,
    /// Resolved `move:` destinations by post-action text (earlier runs may have used
    /// another destination than this run's).
    destinations: HashMap<String, String>,
    /// Post-actions on the wire.
    in_flight: FuturesUnordered<Pending<'p>>,
    /// Why the run halted (see [`Shared::halted`]); the run's exit reports it.
    halt: Option<GraphError>,
}

impl Books<'_> {
    fn halt(&mut self, shared: &Shared<'_, '_>, error: GraphError) {
        shared.halted.store(true, Ordering::Release);
        self.halt.get_or_insert(error);
    }

    /// The round cannot go on: interrupted, or Graph halted it.
    fn stopped(&self) -> bool {
        self.summary.interrupted || self.halt.is_some()
    }
}

/// Runs an import. The summary says what happened; an `Err` is a fatal problem (sign-in,
/// permission, folder, store) after which the next run resumes safely.
pub async fn run(
    plan: &Plan,
    graph: &Graph,
    tokens: &Tokens<'_, '_>,
    store: ThreadedStore,
    reporter: &dyn Reporter,
    stop: &AtomicBool,
) -> Result<Summary, ImportError> {
    let shared = Shared {
        plan,
        graph,
        tokens,
        reporter,
        stop,
        halted: AtomicBool::new(false),
        folder: plan.folder.as_str().to_owned(),
    };
    let mut books = Books {
        store,
        summary: Summary {
            dry_run: plan.dry_run,
            ..Summary::default()
        },
        destinations: HashMap::new(),
        in_flight: FuturesUnordered::new(),
        halt: None,
    };
    tokens.ensure_fresh().await?;
    let folder = graph
        .resolve_folder(&plan.mailbox.key, &plan.folder)
        .await?;
    if let PostAction::Move(path) = &plan.post_action {
        let destination = match (plan.create_folder, plan.dry_run) {
            (true, false) => Some(graph.ensure_folder(&plan.mailbox.key, path).await?),
            // A dry run creates nothing and moves nothing; the real run creates it.
            (true, true) => None,
            (false, _) => Some(graph.resolve_folder(&plan.mailbox.key, path).await?),
        };
        if let Some(destination) = destination {
            books
                .destinations
                .insert(plan.post_action.as_string(), destination.id);
        }
    }
    let result = match &plan.scope {
        Scope::Folder => folder_run(&shared, &mut books, &folder).await,
        Scope::Entries(ids) => retry_run(&shared, &mut books, &folder, ids).await,
        Scope::AllFailed => {
            let ids = all_failed(&shared, &books.store).await?;
            retry_run(&shared, &mut books, &folder, &ids).await
        }
    };
    // Whatever happened, post-actions already on the wire are awaited and recorded: their
    // messages' tickets exist, and a result not written down would be redone needlessly.
    let drained = drain_post_actions(&shared, &mut books).await;
    result?;
    drained?;
    if let Some(e) = books.halt.take() {
        return Err(e.into());
    }
    let summary = books.summary;
    reporter.report(&Event::Finished(summary.clone()));
    Ok(summary)
}

async fn folder_run<'p>(
    shared: &'p Shared<'p, '_>,
    books: &mut Books<'p>,
    folder: &Folder,
) -> Result<(), ImportError> {
    let plan = shared.plan;
    let (mailbox, folder_id) = (plan.mailbox.key.clone(), folder.id.clone());
    let checkpoint = books
        .store
        .call(move |s| s.checkpoint(&mailbox, &folder_id))
        .await?;
    let since = match &checkpoint {
        Some(cp) => {
            if plan.backlog.is_some() {
                shared.reporter.report(&Event::Notice {
                    message: format!(
                        "--backlog/--since apply to a folder's first run only; {} was first imported before, and this run goes on from there",
                        shared.folder
                    ),
                });
            }
            cp.since
        }
        None => first_run_cutoff(shared, folder)?,
    };
    if checkpoint.is_none() && !plan.dry_run {
        // Keep the backlog choice from the start: a first run that is interrupted, killed
        // or fails part-way is resumed by the next run with the same cutoff, not refused
        // as "never imported" (and not open to another choice).
        let start = shared
            .graph
            .delta_start(&plan.mailbox.key, &folder.id, since);
        save_checkpoint(shared, &books.store, folder, start, since).await?;
    }
    shared.reporter.report(&Event::Started {
        mailbox: plan.mailbox.address.clone(),
        mailbox_id: plan.mailbox.key.clone(),
        folder: shared.folder.clone(),
        folder_id: folder.id.clone(),
        round: if checkpoint.is_some() {
            Round::Incremental
        } else {
            Round::First
        },
        since,
        dry_run: plan.dry_run,
    });
    if !plan.dry_run {
        earlier_post_actions(shared, books, None).await?;
        let (mailbox, folder) = (plan.mailbox.key.clone(), shared.folder.clone());
        let failed = books
            .store
            .call(move |s| s.failed_entries(&mailbox, &folder, MAX_AUTOMATIC_ATTEMPTS))
            .await?;
        let again = failed
            .into_iter()
            .map(|f| Candidate {
                id: f.key.immutable_id,
                meta: f.meta,
            })
            .collect();
        import_candidates(shared, books, again, true).await?;
    }
    delta_round(shared, books, folder, checkpoint, since).await
}

/// The cutoff of a first run: the user's backlog choice, or "everything" for an empty folder.
fn first_run_cutoff(
    shared: &Shared<'_, '_>,
    folder: &Folder,
) -> Result<Option<DateTime<Utc>>, ImportError> {
    match shared.plan.backlog {
        Some(Backlog::All) => Ok(None),
        Some(Backlog::Skip) => Ok(Some(Utc::now())),
        Some(Backlog::Since(t)) => Ok(Some(t)),
        None => match folder.total_item_count.unwrap_or(0) {
            0 => Ok(None),
            count if shared.plan.dry_run => {
                shared.reporter.report(&Event::Notice {
                    message: format!(
                        "{} holds {count} messages and has never been imported: this dry run shows all of them; a real run needs --backlog all|none or --since DATE",
                        shared.folder
                    ),
                });
                Ok(None)
            }
            count => Err(ImportError::BacklogChoice {
                folder: shared.folder.clone(),
                count,
            }),
        },
    }
}

/// One delta round: list it completely, then import what it lists.
///
/// Listing first matters: the post-actions move and delete messages out of the folder, and
/// Graph documents no guarantee that a `$skiptoken` keeps its place when the folder changes
/// under it (a `$skip` does not, graph-facts §3.3). With the whole round listed before the
/// first move, nothing can be skipped; the ids and a few fields per message are small.
async fn delta_round<'p>(
    shared: &'p Shared<'p, '_>,
    books: &mut Books<'p>,
    folder: &Folder,
    checkpoint: Option<Checkpoint>,
    since: Option<DateTime<Utc>>,
) -> Result<(), ImportError> {
    let plan = shared.plan;
    let graph = shared.graph;
    let start = || graph.delta_start(&plan.mailbox.key, &folder.id, since);
    // Graph gives receivedDateTime in whole seconds: once the first round has passed the
    // backlog, mail that arrived later in the cutoff's own second is at or after it.
    let cutoff = match &checkpoint {
        Some(_) => since.map(|s| s.trunc_subsecs(0)),
        None => since,
    };
    // A first run saved the start already (`folder_run`).
    let mut url = checkpoint.map_or_else(start, |cp| cp.delta_link);
    let mut resynced = false;
    let mut listed = Vec::new();
    let delta_link = loop {
        if shared.stop.load(Ordering::Acquire) {
            books.summary.interrupted = true;
        }
        if books.stopped() {
            return Ok(());
        }
        shared.tokens.ensure_fresh().await?;
        let page = {
            let fetch = shared
                .tokens
                .call(|| graph.delta_page(&plan.mailbox.key, &url));
            run_alongside_post_actions(shared, books, fetch).await?
        };
        let page = match page {
            Ok(page) => page,
            Err(CallError::Graph(e)) if e.is_sync_reset() && !resynced => {
                // Graph forgot our place: read the folder again from the start; what the
                // log already holds is skipped, so nothing is imported twice.
                shared.reporter.report(&Event::Notice {
                    message: format!(
                        "Graph no longer knows this folder's sync state ({e}); reading the folder again from the start"
                    ),
                });
                resynced = true;
                listed.clear();
                url = start();
                continue;
            }
            Err(e) => return Err(e.into()),
        };
        listed.extend(
            page.items
                .into_iter()
                .filter(|item| item.removed.is_none())
                // Delta filters by receipt only on the first call; updates to older mail
                // (someone marked it read) come later without the filter.
                .filter(|item| match (cutoff, item.received_date_time) {
                    (Some(cutoff), Some(received)) => received >= cutoff,
                    _ => true,
                })
                .map(|item| candidate(shared, item)),
        );
        match page.then {
            Continuation::Next(next) => url = next,
            Continuation::Done(delta_link) => break delta_link,
        }
    };
    // An update and a later change of one message may both be listed.
    let mut seen = std::collections::HashSet::new();
    listed.retain(|c: &Candidate| seen.insert(c.id.clone()));
    books.summary.listed += listed.len() as u64;
    import_candidates(shared, books, listed, false).await?;
    if books.stopped() {
        return Ok(()); // the next run lists this round again; the log skips what is done
    }
    // Where the next run starts: this round's delta link, now that all it listed is recorded.
    if !plan.dry_run {
        save_checkpoint(shared, &books.store, folder, delta_link, since).await?;
    }
    Ok(())
}

/// Records where the next run over `folder` starts, and the first run's cutoff.
async fn save_checkpoint(
    shared: &Shared<'_, '_>,
    store: &ThreadedStore,
    folder: &Folder,
    delta_link: String,
    since: Option<DateTime<Utc>>,
) -> Result<(), StoreError> {
    let checkpoint = Checkpoint {
        mailbox: shared.plan.mailbox.key.clone(),
        folder_id: folder.id.clone(),
        folder: shared.folder.clone(),
        delta_link,
        since,
        updated_at: Utc::now(),
    };
    store.call(move |s| s.save_checkpoint(&checkpoint)).await
}

fn candidate(shared: &Shared<'_, '_>, item: DeltaItem) -> Candidate {
    Candidate {
        meta: MessageMeta {
            profile: shared.plan.profile.clone(),
            folder: shared.folder.clone(),
            internet_message_id: item
                .internet_message_id
                .as_deref()
                .map(|id| id.trim_matches(['<', '>']).to_owned()),
            sender: item.sender(),
            subject: item.subject.clone().unwrap_or_default(),
            received_at: item.received_date_time,
        },
        id: item.id,
    }
}

/// The entries of the folder with a failed import or an unfinished post-action.
async fn all_failed(
    shared: &Shared<'_, '_>,
    store: &ThreadedStore,
) -> Result<Vec<LogId>, ImportError> {
    let (mailbox, folder) = (shared.plan.mailbox.key.clone(), shared.folder.clone());
    let mut ids: Vec<LogId> = store
        .call(move |s| {
            let failed = s.failed_entries(&mailbox, &folder, u32::MAX)?;
            let pending = s.pending_post_actions(&mailbox, &folder)?;
            Ok(failed
                .into_iter()
                .map(|f| f.log_id)
                .chain(pending.into_iter().map(|p| p.log_id))
                .collect())
        })
        .await?;
    ids.sort_unstable();
    ids.dedup();
    Ok(ids)
}

/// `log retry`: the given entries' failed imports and unfinished post-actions.
async fn retry_run<'p>(
    shared: &'p Shared<'p, '_>,
    books: &mut Books<'p>,
    folder: &Folder,
    ids: &[LogId],
) -> Result<(), ImportError> {
    let plan = shared.plan;
    shared.reporter.report(&Event::Started {
        mailbox: plan.mailbox.address.clone(),
        mailbox_id: plan.mailbox.key.clone(),
        folder: shared.folder.clone(),
        folder_id: folder.id.clone(),
        round: Round::Retry,
        since: None,
        dry_run: plan.dry_run,
    });
    let mut again = Vec::new();
    let mut post_actions = Vec::new();
    let wanted = ids.to_vec();
    let entries = books
        .store
        .call(move |s| {
            wanted
                .into_iter()
                .map(|id| Ok((id, s.log_get(id)?.ok_or(StoreError::NoSuchEntry(id))?.entry)))
                .collect::<Result<Vec<_>, StoreError>>()
        })
        .await?;
    for (id, entry) in entries {
        if !plan.mailbox.answers_to(&entry.key.mailbox) {
            return Err(ImportError::OtherMailbox {
                id,
                mailbox: entry.key.mailbox,
                expected: plan.mailbox.address.clone(),
            });
        }
        let unfinished = matches!(
            entry.post_action_status,
            Some(PostActionStatus::Pending | PostActionStatus::Failed)
        );
        if entry.status == Status::Failed {
            again.push(Candidate {
                id: entry.key.immutable_id,
                meta: entry.meta,
            });
        } else if unfinished {
            post_actions.push(id);
        } else {
            shared.reporter.report(&Event::Notice {
                message: format!(
                    "log entry {id} is {} and has nothing left to retry",
                    entry.status.as_str()
                ),
            });
        }
    }
    books.summary.listed = again.len() as u64;
    if !post_actions.is_empty() && !plan.dry_run {
        earlier_post_actions(shared, books, Some(&post_actions)).await?;
    }
    import_candidates(shared, books, again, true).await
}

/// Post-actions that earlier runs recorded but did not finish (`only`: of these entries).
async fn earlier_post_actions<'p>(
    shared: &'p Shared<'p, '_>,
    books: &mut Books<'p>,
    only: Option<&[LogId]>,
) -> Result<(), ImportError> {
    let plan = shared.plan;
    let (mailbox, folder) = (plan.mailbox.key.clone(), shared.folder.clone());
    let pending = books
        .store
        .call(move |s| s.pending_post_actions(&mailbox, &folder))
        .await?;
    for item in pending {
        if only.is_some_and(|ids| !ids.contains(&item.log_id)) {
            continue;
        }
        let Ok(action) = item.post_action.parse::<PostAction>() else {
            continue; // written by a newer mailconn; leave it to that one
        };
        if let PostAction::Move(path) = &action
            && !books.destinations.contains_key(&item.post_action)
        {
            let folder = shared.graph.resolve_folder(&plan.mailbox.key, path).await?;
            books
                .destinations
                .insert(item.post_action.clone(), folder.id);
        }
        start_post_action(shared, books, item.log_id, item.key.immutable_id, &action);
    }
    Ok(())
}

/// Fetches, processes and records `candidates`, then starts their post-actions.
/// `retrying`: the candidates come from the log's failed entries.
async fn import_candidates<'p>(
    shared: &'p Shared<'p, '_>,
    books: &mut Books<'p>,
    candidates: Vec<Candidate>,
    retrying: bool,
) -> Result<(), ImportError> {
    let plan = shared.plan;
    let keys: Vec<MessageKey> = candidates
        .iter()
        .map(|c| MessageKey {
            mailbox: plan.mailbox.key.clone(),
            immutable_id: c.id.clone(),
        })
        .collect();
    // One job for the whole round's lookups, not a hop to the store's thread each.
    let statuses = books
        .store
        .call(move |s| {
            keys.iter()
                .map(|key| Ok(s.lookup(key)?.map(|e| e.status)))
                .collect::<Result<Vec<_>, StoreError>>()
        })
        .await?;
    let mut todo = Vec::with_capacity(candidates.len());
    for (c, status) in candidates.into_iter().zip(statuses) {
        match status {
            Some(Status::Imported | Status::Ignored) => books.summary.skipped += 1,
            // New, or failed before (listed again after an update or a resync): try it.
            Some(Status::Failed) | None => todo.push(c),
        }
    }
    if todo.is_empty() {
        return Ok(());
    }
    let graph = shared.graph;
    let tokens = shared.tokens;
    let mut fetches = futures_util::stream::iter(todo)
        .take_while(|_| std::future::ready(shared.go_on()))
        .map(|c| async move {
            let mime = tokens
                .call(|| graph.message_mime(&plan.mailbox.key, &c.id))
                .await;
            (c, mime)
        })
        .buffered(FETCH_AHEAD);
    let mut batch = Batch::default();
    loop {
        let next = run_alongside_post_actions(shared, books, fetches.next()).await?;
        let Some((candidate, mime)) = next else {
            break;
        };
        batch.add(shared, books, candidate, mime, retrying).await?;
        // An external sink has already delivered: commit at once, so a crash repeats as
        // few deliveries as possible.
        let external = matches!(plan.sink, Sink::External(_));
        if external || batch.full() {
            batch.commit(shared, books).await?;
        }
    }
    if shared.stop.load(Ordering::Acquire) {
        books.summary.interrupted = true;
    }
    batch.commit(shared, books).await
}

/// Processed messages waiting for one commit.
#[derive(Default)]
struct Batch {
    records: Vec<Record>,
    /// The decisions, for the reports after the commit.
    reports: Vec<MessageReport>,
    /// The batch's internetMessageIds, to spot replies to them.
    message_ids: Vec<String>,
    /// Its share of [`WAITING`].
    held: Held,
}

/// Bytes counted in [`WAITING`] until dropped (with the batch's records, once committed).
#[derive(Default)]
struct Held(usize);

impl Held {
    fn add(&mut self, bytes: usize) {
        self.0 += bytes;
        WAITING.fetch_add(bytes, Ordering::Relaxed);
    }
}

impl Drop for Held {
    fn drop(&mut self) {
        WAITING.fetch_sub(self.0, Ordering::Relaxed);
    }
}

/// The mail a ticket write holds in memory.
fn payload(write: &TicketWrite) -> usize {
    let headers: usize = write.headers.iter().map(|(n, v)| n.len() + v.len()).sum();
    let attachments: usize = write
        .attachments
        .iter()
        .filter_map(|a| a.content.as_ref().map(Vec::len))
        .sum();
    write.text.len()
        + write.original_text.len()
        + write.html.as_ref().map_or(0, String::len)
        + headers
        + attachments
}

impl Batch {
    /// Time to commit: enough messages, or enough mail waiting in memory here or in the
    /// whole process.
    fn full(&self) -> bool {
        self.records.len() >= COMMIT_EVERY
            || self.held.0 >= COMMIT_BYTES
            || WAITING.load(Ordering::Relaxed) >= PROCESS_WAITING_BYTES
    }

    async fn add<'p>(
        &mut self,
        shared: &'p Shared<'p, '_>,
        books: &mut Books<'p>,
        candidate: Candidate,
        fetched: Result<Answer, CallError>,
        retrying: bool,
    ) -> Result<(), ImportError> {
        let plan = shared.plan;
        let key = MessageKey {
            mailbox: plan.mailbox.key.clone(),
            immutable_id: candidate.id.clone(),
        };
        let (mime, request_ids) = match fetched {
            Ok(answer) => (answer.body, Vec::from_iter(answer.request_id)),
            Err(CallError::Session(e)) => return Err(e.into()),
            Err(CallError::Graph(e)) => {
                let request_ids = Vec::from_iter(e.api().and_then(|a| a.request_id.clone()));
                let retrying_folder = retrying && plan.scope == Scope::Folder;
                return match fetch_failure(&e, retrying_folder) {
                    FetchFailure::Stop => Err(e.into()),
                    FetchFailure::Halt => {
                        books.halt(shared, e);
                        Ok(())
                    }
                    FetchFailure::Gone(failure) => {
                        let meta = candidate.meta;
                        books
                            .store
                            .call(move |s| s.record_failure(&key, &meta, &failure, &request_ids))
                            .await?;
                        Ok(())
                    }
                    FetchFailure::Failed(failure) => {
                        fail(shared, books, &key, &candidate.meta, failure, &request_ids).await
                    }
                };
            }
        };
        let prepared = match prepare(&mime, &plan.rules, &plan.limits) {
            Ok(p) => p,
            Err(e) => {
                return fail(
                    shared,
                    books,
                    &key,
                    &candidate.meta,
                    Failure {
                        error: e.to_string(),
                        hint: Some(
                            "the message stays in the mailbox; open it in Outlook, or forward it to the mailbox again".into(),
                        ),
                    },
                    &request_ids,
                )
                .await;
            }
        };
        // A reply to a message waiting in this batch must see that message's ticket:
        // commit the batch first.
        if prepared
            .answers()
            .any(|id| self.message_ids.iter().any(|m| m == id))
        {
            self.commit(shared, books).await?;
        }
        // The rules ask the log about earlier messages: decided on the store's thread.
        let (rules, mailbox) = (plan.rules.clone(), plan.mailbox.key.clone());
        let processed = books
            .store
            .call(move |s| prepared.decide(&rules, &mailbox, Utc::now(), &*s))
            .await?;
        let meta = processed.meta(&candidate.meta);
        let mut report = MessageReport {
            id: candidate.id,
            log_id: None,
            outcome: Outcome::WouldIgnore,
            subject: meta.subject.clone(),
            from: meta.sender.clone(),
            received_at: meta.received_at,
            decision: Some(processed.decision.clone()),
            ticket_id: None,
            error: None,
            hint: None,
        };
        let decision = processed.recorded_decision();
        let record = match processed.ticket_target() {
            None => Record::Ignored {
                key,
                meta,
                decision,
            },
            Some(follow_up) => {
                report.outcome = Outcome::WouldImport;
                report.ticket_id = follow_up;
                let delivered = self
                    .sink_write(shared, books, processed, follow_up, &key, &meta, &mime)
                    .await?;
                let sink = match delivered {
                    Ok(sink) => sink,
                    Err(failure) => return fail(shared, books, &key, &meta, failure, &[]).await,
                };
                Record::Imported(Import {
                    key,
                    meta,
                    decision,
                    sink,
                    post_action: plan.post_action.as_string(),
                    request_ids,
                })
            }
        };
        if plan.dry_run {
            match report.outcome {
                Outcome::WouldImport => books.summary.imported += 1,
                _ => books.summary.ignored += 1,
            }
            shared.reporter.report(&Event::Message(report));
            return Ok(());
        }
        if let Record::Imported(import) = &record
            && let Some(id) = &import.meta.internet_message_id
        {
            self.message_ids.push(id.clone());
        }
        self.records.push(record);
        self.reports.push(report);
        Ok(())
    }

    /// What the sink makes of an imported message: the ticket write to commit, or what the
    /// external sink answered on delivery (`Err` when it refused this message alone).
    // The run's state and the message's parts, each used once: a struct for them would only
    // be taken apart again.
    #[allow(clippy::too_many_arguments)]
    async fn sink_write<'p>(
        &mut self,
        shared: &'p Shared<'p, '_>,
        books: &mut Books<'p>,
        processed: Processed,
        follow_up: Option<TicketId>,
        key: &MessageKey,
        meta: &MessageMeta,
        mime: &[u8],
    ) -> Result<Result<SinkWrite, Failure>, ImportError> {
        let plan = shared.plan;
        Ok(Ok(match &plan.sink {
            Sink::Tickets => {
                let write = processed.into_ticket_write(follow_up);
                self.held.add(payload(&write));
                SinkWrite::Tickets(Box::new(write))
            }
            Sink::External(_) if plan.dry_run => SinkWrite::External {
                sink: plan.sink.name().into(),
                result: String::new(),
            },
            Sink::External(sink) => {
                let out = Outbound {
                    key,
                    meta,
                    decision: &processed.decision,
                    message: &processed.message,
                    text: &processed.text,
                    mime,
                };
                match run_alongside_post_actions(shared, books, sink.deliver(&out)).await? {
                    Ok(result) => SinkWrite::External {
                        sink: sink.name().into(),
                        result,
                    },
                    // A sink that cannot work at all (program missing, bad key) would fail
                    // every message the same way.
                    Err(e) if e.kind() == ErrorKind::Config => return Err(ImportError::Sink(e)),
                    Err(e) => {
                        return Ok(Err(Failure {
                            error: e.to_string(),
                            hint: e.hint(),
                        }));
                    }
                }
            }
        }))
    }

    /// Commits the batch in one transaction, reports each message and starts the
    /// post-actions of the imported ones — in that order, never touching the mailbox first.
    async fn commit<'p>(
        &mut self,
        shared: &'p Shared<'p, '_>,
        books: &mut Books<'p>,
    ) -> Result<(), ImportError> {
        // `_held` goes with the records, at the end of the commit.
        let Batch {
            records,
            reports,
            held: _held,
            ..
        } = std::mem::take(self);
        if records.is_empty() {
            return Ok(());
        }
        let (records, results) = books
            .store
            .call(move |s| {
                let results = s.record_batch(&records)?;
                Ok((records, results))
            })
            .await?;
        for ((record, result), mut report) in records.iter().zip(results).zip(reports) {
            match result {
                Ok(Recorded::Imported { log_id, ticket_id }) => {
                    books.summary.imported += 1;
                    report.outcome = Outcome::Imported;
                    report.log_id = Some(log_id);
                    report.ticket_id = ticket_id;
                    shared.reporter.report(&Event::Message(report.clone()));
                    if shared.plan.post_action != PostAction::None {
                        start_post_action(
                            shared,
                            books,
                            log_id,
                            report.id,
                            &shared.plan.post_action,
                        );
                    }
                }
                Ok(Recorded::AlreadyImported { log_id, ticket_id }) => {
                    books.summary.skipped += 1;
                    report.outcome = Outcome::AlreadyImported;
                    report.log_id = Some(log_id);
                    report.ticket_id = ticket_id;
                    shared.reporter.report(&Event::Message(report));
                }
                Ok(Recorded::Ignored { log_id }) => {
                    books.summary.ignored += 1;
                    report.outcome = Outcome::Ignored;
                    report.log_id = Some(log_id);
                    shared.reporter.report(&Event::Message(report));
                }
                Err(e) => {
                    // This message alone could not be written: log it as failed, so the
                    // checkpoint moving past it does not lose it.
                    let (key, meta) = match record {
                        Record::Imported(i) => (&i.key, &i.meta),
                        Record::Ignored { key, meta, .. } => (key, meta),
                    };
                    fail(
                        shared,
                        books,
                        key,
                        meta,
                        Failure {
                            error: e.to_string(),
                            hint: e.hint(),
                        },
                        &[],
                    )
                    .await?;
                }
            }
        }
        Ok(())
    }
}

/// Graph as a whole is unavailable to us right now (for a retried GET), rather than
/// failing on one message.
fn service_unavailable(e: &GraphError) -> bool {
    matches!(e, GraphError::Connect { .. }) || throttled(e)
}

/// Graph refuses work (throttling, or unavailable) even after the retries.
fn throttled(e: &GraphError) -> bool {
    e.api().is_some_and(|api| matches!(api.status, 429 | 503))
}

/// What a failed MIME download means for the run.
#[derive(Debug, PartialEq, Eq)]
enum FetchFailure {
    /// Sign-in and permission problems would fail every other message the same way: stop.
    Stop,
    /// Throttling past the retries (429, 503) or an unreachable Graph is not this message's
    /// fault: finish the messages in hand, start no more, and leave this one unlogged for
    /// the next run (whose checkpoint still precedes this page).
    Halt,
    /// Gone for good, and reported when it first failed: this automatic retry is logged
    /// without failing the run again (`log retry` still reports it).
    Gone(Failure),
    /// This message failed (a 500/502/504 on one message may be its own: a poison message
    /// must not block the folder): logged as failed, counted, retried by the next run.
    Failed(Failure),
}

/// Classifies a failed download; `retrying_folder`: an automatic retry of the folder's
/// failed entries.
fn fetch_failure(e: &GraphError, retrying_folder: bool) -> FetchFailure {
    if matches!(e.kind(), ErrorKind::Auth | ErrorKind::Permission) {
        return FetchFailure::Stop;
    }
    if service_unavailable(e) {
        return FetchFailure::Halt;
    }
    let hint = if e.is_not_found() {
        Some(GONE.into())
    } else {
        e.hint()
    };
    let failure = Failure {
        error: e.to_string(),
        hint,
    };
    if e.is_not_found() && retrying_folder {
        FetchFailure::Gone(failure)
    } else {
        FetchFailure::Failed(failure)
    }
}

/// Logs a failed message (the next run fetches it again) and reports it.
async fn fail(
    shared: &Shared<'_, '_>,
    books: &mut Books<'_>,
    key: &MessageKey,
    meta: &MessageMeta,
    failure: Failure,
    request_ids: &[String],
) -> Result<(), ImportError> {
    books.summary.failed += 1;
    let log_id = if shared.plan.dry_run {
        None
    } else {
        let (key, meta, recorded, ids) = (
            key.clone(),
            meta.clone(),
            failure.clone(),
            request_ids.to_vec(),
        );
        Some(
            books
                .store
                .call(move |s| s.record_failure(&key, &meta, &recorded, &ids))
                .await?,
        )
    };
    shared.reporter.report(&Event::Message(MessageReport {
        id: key.immutable_id.clone(),
        log_id,
        outcome: Outcome::Failed,
        subject: meta.subject.clone(),
        from: meta.sender.clone(),
        received_at: meta.received_at,
        decision: None,
        ticket_id: None,
        error: Some(failure.error),
        hint: failure.hint,
    }));
    Ok(())
}

/// Puts a post-action on the wire; its result is recorded when it lands.
fn start_post_action<'p>(
    shared: &'p Shared<'p, '_>,
    books: &mut Books<'p>,
    log_id: LogId,
    id: String,
    action: &PostAction,
) {
    if shared.halted.load(Ordering::Acquire) {
        return; // Graph is refusing work: the post-action stays pending for the next run
    }
    let text = action.as_string();
    let Some(ready) = Ready::of(action, &books.destinations) else {
        // A move whose destination could not be resolved (a dry run that would create it):
        // left pending, never sent without a folder.
        return;
    };
    let mailbox = shared.plan.mailbox.key.as_str();
    let graph = shared.graph;
    let tokens = shared.tokens;
    books.in_flight.push(Box::pin(async move {
        let outcome = tokens.call(|| perform(graph, mailbox, &id, &ready)).await;
        PostActionDone {
            log_id,
            id,
            action: text,
            outcome,
        }
    }));
}

/// A post-action ready to go on the wire: a move carries its destination folder's id, so
/// none can start without one.
enum Ready {
    Nothing,
    MarkRead,
    Move { path: String, folder_id: String },
    Delete,
    PermanentDelete,
}

impl Ready {
    /// `None` for a move whose destination is not among the resolved ones.
    fn of(action: &PostAction, destinations: &HashMap<String, String>) -> Option<Ready> {
        Some(match action {
            PostAction::None => Ready::Nothing,
            PostAction::MarkRead => Ready::MarkRead,
            PostAction::Move(path) => Ready::Move {
                path: path.to_string(),
                folder_id: destinations.get(&action.as_string())?.clone(),
            },
            PostAction::Delete => Ready::Delete,
            PostAction::PermanentDelete => Ready::PermanentDelete,
        })
    }
}

/// Runs a post-action; returns what was done and Graph's request id.
async fn perform(
    graph: &Graph,
    mailbox: &str,
    id: &str,
    action: &Ready,
) -> Result<(String, Option<String>), GraphError> {
    let (answer, done) = match action {
        Ready::Nothing => return Ok(("nothing to do".into(), None)),
        Ready::MarkRead => (graph.mark_read(mailbox, id).await, "marked read".into()),
        Ready::Move { path, folder_id } => (
            graph.move_message(mailbox, id, folder_id).await,
            format!("moved to {path}"),
        ),
        // A move, not DELETE: DELETE puts mail in Recoverable Items\Deletions, out of the
        // users' sight, while `delete` promises Deleted Items.
        Ready::Delete => (
            graph.move_message(mailbox, id, "deleteditems").await,
            "moved to Deleted Items".into(),
        ),
        Ready::PermanentDelete => (
            graph.permanent_delete(mailbox, id).await,
            "permanently deleted".into(),
        ),
    };
    match answer {
        Ok(answer) => Ok((done, answer.request_id)),
        // Gone already: someone (or an earlier attempt whose answer was lost) took it out.
        Err(e) if e.is_not_found() => Ok((
            "the message is no longer in the mailbox".into(),
            e.api().and_then(|a| a.request_id.clone()),
        )),
        Err(e) => Err(e),
    }
}

/// Records post-actions that landed together, in one store transaction, and reports them.
/// A sign-in failure (no token for any of them) ends the run once the others are recorded.
async fn record_post_actions(
    shared: &Shared<'_, '_>,
    books: &mut Books<'_>,
    landed: Vec<PostActionDone>,
) -> Result<(), ImportError> {
    let mut outcomes = Vec::with_capacity(landed.len());
    let mut reports = Vec::with_capacity(landed.len());
    let mut signed_out = None;
    for done in landed {
        let (outcome, request_id, (ok, result, hint)) = match done.outcome {
            Ok((result, request_id)) => {
                books.summary.post_actions_done += 1;
                let report = (true, result.clone(), None);
                (Ok(result), request_id, report)
            }
            Err(CallError::Session(e)) => {
                signed_out.get_or_insert(e);
                continue;
            }
            Err(CallError::Graph(e)) => {
                books.summary.post_actions_failed += 1;
                let failure = Failure {
                    error: e.to_string(),
                    hint: e.hint(),
                };
                let request_id = e.api().and_then(|a| a.request_id.clone());
                // Throttled past the retries: stop asking. A broken connection on a move
                // is not (a POST is not retried, as it may have run): it is just retried
                // next run.
                if throttled(&e) {
                    books.halt(shared, e);
                }
                let report = (
                    false,
                    failure.error.clone(),
                    Some("retried on the next run".into()),
                );
                (Err(failure), request_id, report)
            }
        };
        outcomes.push(PostActionOutcome {
            log_id: done.log_id,
            outcome,
            request_ids: Vec::from_iter(request_id),
        });
        reports.push(PostActionReport {
            id: done.id,
            log_id: done.log_id,
            action: done.action,
            ok,
            result,
            hint,
        });
    }
    if !outcomes.is_empty() {
        books
            .store
            .call(move |s| s.record_post_actions(&outcomes))
            .await?;
    }
    for report in reports {
        shared.reporter.report(&Event::PostAction(report));
    }
    match signed_out {
        Some(e) => Err(e.into()),
        None => Ok(()),
    }
}

/// The post-action that landed first and every other one that has landed by now: they
/// are recorded together (while the store writes, more land for the next group).
fn with_the_rest_landed(books: &mut Books<'_>, first: PostActionDone) -> Vec<PostActionDone> {
    let mut landed = vec![first];
    while let Some(Some(more)) = books.in_flight.next().now_or_never() {
        landed.push(more);
    }
    landed
}

/// Awaits `work` while recording post-actions as they land.
async fn run_alongside_post_actions<'p, T>(
    shared: &'p Shared<'p, '_>,
    books: &mut Books<'p>,
    work: impl Future<Output = T>,
) -> Result<T, ImportError> {
    let mut work = std::pin::pin!(work);
    loop {
        tokio::select! {
            biased;
            done = books.in_flight.next(), if !books.in_flight.is_empty() => {
                if let Some(done) = done {
                    let landed = with_the_rest_landed(books, done);
                    record_post_actions(shared, books, landed).await?;
                }
            }
            out = &mut work => return Ok(out),
        }
    }
}

async fn drain_post_actions(
    shared: &Shared<'_, '_>,
    books: &mut Books<'_>,
) -> Result<(), ImportError> {
    while let Some(done) = books.in_flight.next().await {
        let landed = with_the_rest_landed(books, done);
        record_post_actions(shared, books, landed).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::ApiError;

    fn answered(status: u16, code: &str) -> GraphError {
        GraphError::Api(Box::new(ApiError {
            status,
            code: code.into(),
            message: "m".into(),
            request_id: Some("r-1".into()),
            client_request_id: None,
            mailbox: Some("support@contoso.test".into()),
            app: None,
        }))
    }

    #[test]
    fn mail_waiting_for_a_commit_counts_until_its_batch_lets_go() {
        let before = WAITING.load(Ordering::Relaxed);
        {
            let mut held = Held::default();
            held.add(1000);
            held.add(24);
            assert_eq!(WAITING.load(Ordering::Relaxed), before + 1024);
        }
        assert_eq!(WAITING.load(Ordering::Relaxed), before);
    }

    #[test]
    fn a_failed_download_stops_halts_or_fails_only_its_message() {
        assert_eq!(
            fetch_failure(&answered(403, "ErrorAccessDenied"), false),
            FetchFailure::Stop
        );
        assert_eq!(
            fetch_failure(&answered(401, "InvalidAuthenticationToken"), false),
            FetchFailure::Stop
        );
        for status in [429, 503] {
            assert_eq!(
                fetch_failure(&answered(status, "ApplicationThrottled"), false),
                FetchFailure::Halt
            );
        }
        let FetchFailure::Failed(poison) = fetch_failure(&answered(500, "ErrorInternal"), true)
        else {
            panic!("a 500 fails the message, not the run");
        };
        assert!(poison.error.contains("500") || poison.error.contains("ErrorInternal"));
        let gone = answered(404, "ErrorItemNotFound");
        let FetchFailure::Failed(first) = fetch_failure(&gone, false) else {
            panic!("a message gone on first sight is a failure");
        };
        assert_eq!(first.hint.as_deref(), Some(GONE));
        assert!(matches!(fetch_failure(&gone, true), FetchFailure::Gone(_)));
    }
}
