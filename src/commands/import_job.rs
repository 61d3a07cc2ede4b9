//! One mailbox's import as `import`, `import --all`, `log retry` and `demo` run it: the
//! options they share, the run as asked for, and the job that prepares and runs it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use super::Context;
use super::setting_args::SettingArgs;
use super::store_access::store_location;
use crate::error::{Classify as _, ErrorKind, Result, ResultExt as _, UserError};
use crate::graph::Graph;
use crate::import::events::{Reporter, Summary};
use crate::import::normalize::Limits;
use crate::import::rules::Rules;
use crate::import::run::{self, Backlog, Plan, Scope};
use crate::import::sinks::Sink;
use crate::import::tokens::Tokens;
use crate::mailbox::{self, Identity};
use crate::session::Session;
use crate::settings::profile::PostAction;
use crate::settings::values::FolderPath;
use crate::store::lease::{self, Claim, LeaseKeeper};
use crate::store::lock::{self, FolderLock, WhenLocked};
use crate::store::{Adopted, SqliteStore, Store, StoreError, StoreLocation, ThreadedStore};

/// Options shared by `import` and `log retry`.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct ImportOptions {
    /// What to do with a message once it is recorded: none, mark-read, move:FOLDER, delete
    /// (to Deleted Items) or permanent-delete. Default: the profile's [import] post_action,
    /// else none.
    #[arg(long, value_name = "ACTION")]
    post_action: Option<PostAction>,

    /// Create the move:FOLDER destination if it does not exist.
    #[arg(long)]
    create_folder: bool,

    /// Confirm post-action permanent-delete (users cannot recover such mail).
    #[arg(long)]
    confirm_permanent_delete: bool,

    /// Rules file. Default: the profile's [import] rules, else the built-in rules.
    #[arg(long, value_name = "FILE")]
    rules: Option<PathBuf>,

    /// When another run holds this folder, wait for it instead of exiting with code 7.
    #[arg(long)]
    wait: bool,
}

impl ImportOptions {
    /// `--wait` was given.
    pub fn waits(&self) -> bool {
        self.wait
    }

    /// The options of a run whose permanent-delete post-action is already confirmed (by
    /// the flag, or at a prompt before).
    pub fn confirmed_permanent_delete(confirmed: bool) -> ImportOptions {
        ImportOptions {
            confirm_permanent_delete: confirmed,
            ..ImportOptions::default()
        }
    }
}

/// A run as the command line asked for it.
pub struct RunSpec {
    pub settings: SettingArgs,
    pub options: ImportOptions,
    pub backlog: Option<Backlog>,
    pub dry_run: bool,
    pub explain: bool,
    pub scope: Scope,
}

/// One mailbox's import, resolved from its session's settings before Graph is called.
pub struct Job<'s, 'w> {
    pub session: &'s Session<'w>,
    /// The mailbox as configured.
    pub configured: String,
    folder: FolderPath,
    post_action: PostAction,
    rules: Arc<Rules>,
    sink: Sink,
    store: StoreLocation,
    lease_ttl: std::time::Duration,
}

impl<'s, 'w> Job<'s, 'w> {
    pub fn prepare(
        ctx: &Context,
        session: &'s Session<'w>,
        spec: &RunSpec,
        rules: &mut RulesCache,
    ) -> Result<Self> {
        let settings = session.settings();
        let configured = settings.mailbox()?.as_str().to_owned();
        let post_action = spec
            .options
            .post_action
            .clone()
            .or(settings.import.post_action.clone())
            .unwrap_or(PostAction::None);
        confirm_permanent_delete(ctx, &post_action, &spec.options, &configured)?;
        let rules = rules.load(
            spec.options
                .rules
                .as_deref()
                .or(settings.import.rules.as_deref()),
        )?;
        Ok(Job {
            session,
            configured,
            folder: settings.folder.value.clone(),
            post_action,
            rules,
            sink: Sink::from_settings(&settings.import, session.http())?,
            // The settings the session resolved: reading the config again would repeat its
            // warnings.
            store: store_location(&settings.import)?,
            lease_ttl: settings
                .import
                .lease_ttl
                .as_ref()
                .map_or(lease::DEFAULT_TTL, |t| t.duration()),
        })
    }

    /// Where the run records what it does.
    pub fn store(&self) -> &StoreLocation {
        &self.store
    }

    /// How long its folder's lease lasts unless renewed (a shared store).
    pub fn lease_ttl(&self) -> std::time::Duration {
        self.lease_ttl
    }

    /// Identifies the mailbox, takes its folder's lock and runs the import with `graph`,
    /// whose token `tokens` keeps fresh.
    pub async fn run(
        self,
        spec: &RunSpec,
        graph: &Graph,
        tokens: &Tokens<'_, '_>,
        reporter: &dyn Reporter,
        stop: &AtomicBool,
        warn: &dyn Fn(&str),
    ) -> Result<Summary> {
        let mailbox = mailbox::identify(self.session, graph, &self.configured, warn).await?;
        let store = open_store(&self.store, spec.dry_run, &mailbox).await?;
        // A dry run writes nothing, so it needs no lock and does not wait for one. The lock
        // is taken before Ctrl-C is caught, so a run waiting for it stops at once.
        let when_locked = if spec.options.wait {
            WhenLocked::Wait
        } else {
            WhenLocked::Fail
        };
        let _hold = match spec.dry_run {
            true => None,
            false => Some(
                hold_folder(
                    &self.store,
                    &store,
                    &mailbox,
                    self.folder.as_str(),
                    when_locked,
                    self.lease_ttl,
                )
                .await?,
            ),
        };
        let plan = Plan {
            profile: self
                .session
                .settings()
                .profile
                .as_ref()
                .map(|p| p.to_string()),
            mailbox,
            folder: self.folder,
            post_action: self.post_action,
            create_folder: spec.options.create_folder,
            backlog: spec.backlog,
            dry_run: spec.dry_run,
            rules: self.rules,
            sink: self.sink,
            limits: Limits::default(),
            scope: spec.scope.clone(),
        };
        Ok(run::run(&plan, graph, tokens, store, reporter, stop).await?)
    }
}

/// The leases of a store that is shared (checked before asking).
fn leases_of(store: &mut dyn Store) -> &mut dyn crate::store::Leases {
    store.leases().expect("a shared store has leases")
}

/// What keeps every other run off a mailbox folder while this one imports it.
enum FolderHold {
    /// A store on this host alone: the OS file lock.
    Lock { _held: FolderLock },
    /// A shared store: a lease, renewed while held, released when dropped.
    Lease { _held: LeaseKeeper },
}

/// Takes the folder's file lock, or in a shared store its lease, and fences the store's
/// writes on it, so a run that loses the lease (paused past it) cannot write after the
/// worker that took over. With [`WhenLocked::Wait`] a held lease is claimed again when it
/// should have expired.
async fn hold_folder(
    location: &StoreLocation,
    store: &ThreadedStore,
    mailbox: &Identity,
    folder: &str,
    when_locked: WhenLocked,
    ttl: std::time::Duration,
) -> Result<FolderHold> {
    if !location.is_shared() {
        let lock = FolderLock::acquire(&lock::default_dir()?, &mailbox.key, folder, when_locked)?;
        return Ok(FolderHold::Lock { _held: lock });
    }
    let holder = lease::this_worker();
    let granted = loop {
        let (key, name, me) = (mailbox.key.clone(), folder.to_owned(), holder.clone());
        // A granted lease fences the run's writes from the same job on.
        let claim = store
            .call(move |s| {
                let claim = leases_of(s).claim(&key, &name, &me, ttl)?;
                if let Claim::Granted(lease) = &claim {
                    leases_of(s).fence(lease);
                }
                Ok(claim)
            })
            .await?;
        match claim {
            Claim::Granted(lease) => break lease,
            Claim::Held { holder, since } if when_locked == WhenLocked::Fail => {
                return Err(StoreError::Locked {
                    what: format!("{} folder {folder}", mailbox.address),
                    holder: Some(format!(
                        "worker {holder}, since {}",
                        since.format("%Y-%m-%d %H:%M:%SZ")
                    )),
                }
                .into());
            }
            // Its holder renews it every third of its time to live, so checking that often
            // finds it free soon after the holder stops.
            Claim::Held { .. } => tokio::time::sleep(ttl / 3).await,
        }
    };
    let own_connection = location
        .open_leases()?
        .expect("a store with leases is on a server");
    Ok(FolderHold::Lease {
        _held: LeaseKeeper::start(own_connection, granted, ttl)?,
    })
}

/// Opens the store (in memory for a dry run without one) and moves the rows an older
/// mailconn keyed by another spelling of the mailbox to its key, before anything reads them.
async fn open_store(
    location: &StoreLocation,
    dry_run: bool,
    mailbox: &Identity,
) -> Result<ThreadedStore> {
    let store = if dry_run && !location.may_exist() {
        ThreadedStore::start(Box::new(SqliteStore::in_memory()?), "memory".into())?
    } else {
        ThreadedStore::open(location).with_context(|| format!("opening {location}"))?
    };
    let identity = mailbox.clone();
    let adopted = store.call(move |s| s.adopt_mailbox(&identity)).await?;
    if adopted != Adopted::default() {
        tracing::info!(
            mailbox = %mailbox.address,
            key = %mailbox.key,
            entries = adopted.entries,
            checkpoints = adopted.checkpoints,
            "re-keyed the mailbox's earlier records by its object id"
        );
    }
    Ok(store)
}

/// The first Ctrl-C lets the messages in hand finish (their tickets and post-actions are
/// recorded); a second one exits at once, which is still safe: the next run resumes.
pub fn listen_for_ctrl_c(stop: Arc<AtomicBool>) -> Result<tokio::task::JoinHandle<()>> {
    let mut signal = crate::auth::Interrupt::listen()?;
    Ok(tokio::spawn(async move {
        signal.pressed().await;
        stop.store(true, Ordering::Release);
        eprintln!("Stopping after the messages in hand (Ctrl-C again to quit at once)...");
        signal.pressed().await;
        std::process::exit(ErrorKind::Interrupted.exit_code().into());
    }))
}

pub fn verdict(summary: &Summary) -> Result<()> {
    if summary.interrupted {
        return Err(UserError::new(
            ErrorKind::Interrupted,
            "interrupted; the messages in hand were finished",
        )
        .with_hint("the next run picks up the rest")
        .into());
    }
    if summary.partial() {
        return Err(UserError::new(
            ErrorKind::Partial,
            format!(
                "{} message(s) and {} post-action(s) failed",
                summary.failed, summary.post_actions_failed
            ),
        )
        .with_hint(
            "see `mailconn log list --status failed`; failed messages are retried by the next run, or now with `mailconn log retry --failed`",
        )
        .into());
    }
    Ok(())
}

/// Rules loaded once per process and path. Each loaded `Rules` compiles its own regexes,
/// whose search caches grow to a few MB, so the mailboxes of `import --all` that use the
/// same rules file (or the built-in rules) share one.
#[derive(Default)]
pub struct RulesCache(HashMap<Option<PathBuf>, Arc<Rules>>);

impl RulesCache {
    fn load(&mut self, path: Option<&Path>) -> Result<Arc<Rules>> {
        let key = path.map(Path::to_path_buf);
        if let Some(rules) = self.0.get(&key) {
            return Ok(rules.clone());
        }
        let rules = Arc::new(match path {
            Some(path) => Rules::load(path)?,
            None => Rules::parse("", Path::new("(built-in rules)"))?,
        });
        self.0.insert(key, rules.clone());
        Ok(rules)
    }
}

fn confirm_permanent_delete(
    ctx: &Context,
    action: &PostAction,
    options: &ImportOptions,
    mailbox: &str,
) -> Result<()> {
    if *action != PostAction::PermanentDelete || options.confirm_permanent_delete {
        return Ok(());
    }
    if ctx.interactive {
        let confirmed = dialoguer::Confirm::new()
            .with_prompt(format!(
                "Permanently delete each imported message from {mailbox}? Users cannot recover them."
            ))
            .default(false)
            .interact().classify(ErrorKind::Failed)?;
        if confirmed {
            return Ok(());
        }
    }
    Err(UserError::new(
        ErrorKind::Usage,
        "post-action permanent-delete purges mail beyond the users' reach and needs confirmation",
    )
    .with_hint("pass --confirm-permanent-delete, or use post-action delete (to Deleted Items)")
    .into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mailboxes_with_the_same_rules_share_one_compiled_copy() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("rules.toml");
        std::fs::write(&file, "").unwrap();
        let mut cache = RulesCache::default();
        let built_in = cache.load(None).unwrap();
        assert!(Arc::ptr_eq(&built_in, &cache.load(None).unwrap()));
        let from_file = cache.load(Some(&file)).unwrap();
        assert!(Arc::ptr_eq(&from_file, &cache.load(Some(&file)).unwrap()));
        assert!(!Arc::ptr_eq(&built_in, &from_file));
    }
}
