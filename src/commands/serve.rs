//! `mailconn serve`: the long-running worker. The profiles `--all` / `--profiles` choose (as
//! `import --all` chooses them) are imported on their schedules (`poll_interval`, jittered)
//! and promptly on each change notification for their subscriptions; one HTTP listener takes
//! the notifications (as `webhook serve` does) and answers `/healthz` and `/metrics`.
//!
//! The imports run in this process, like `import --all`: profiles of one app and tenant
//! share one token and one Graph client, `--max-connections` caps the requests in flight,
//! and each mailbox has at most one run going and one more queued however many
//! notifications arrive (the receiver's scheduler). SIGTERM or SIGINT stops taking new runs;
//! runs in hand finish the messages they hold (their tickets, log rows and post-actions are
//! recorded), the next run takes the rest, and the worker exits 0.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::get;
use futures_util::StreamExt as _;
use futures_util::stream::FuturesUnordered;
use indicatif::{MultiProgress, ProgressDrawTarget};
use serde::Serialize;
use tokio::sync::{Semaphore, mpsc, oneshot};

use super::Context;
use super::import::BacklogArg;
use super::import_all::{self, FleetArgs};
use super::import_job::{ImportOptions, Job, RulesCache, RunSpec};
use super::session::{block_on, shutdown_signal};
use super::webhook::{ListenArgs, RenewArgs};
use crate::error::{ErrorKind, Result, ResultExt as _, UserError};
use crate::graph::Graph;
use crate::import::run::Scope;
use crate::import::tokens::Tokens;
use crate::output::import_report::ImportReporter;
use crate::secrets::Secret;
use crate::secrets::credentials::Dirs;
use crate::serve::metrics::{Counting, Mailbox, Metrics, RunResult};
use crate::serve::schedule;
use crate::serve::{deal, relay};
use crate::settings::values::Span;
use crate::store::{StoreLocation, lease};
use crate::transport;
use crate::webhook::receiver::{self, OnChange, Subscriptions};
use crate::webhook::records::{Record, Records};
use crate::webhook::scheduler::{Runner, Scheduler};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    fleet: FleetArgs,

    #[command(flatten)]
    listen: ListenArgs,

    #[command(flatten)]
    renew: RenewArgs,

    /// Time between scheduled imports of a profile's folder when its [import] poll_interval
    /// does not say; each wait is moved by up to 10% either way.
    #[arg(long, value_name = "DUR", default_value = "5m")]
    poll_interval: Span,

    /// For a folder's first import: take the mail already there (all) or only what arrives
    /// from now on (none). Without it such a folder is refused until `mailconn import
    /// --backlog` has run once.
    #[arg(long, value_enum, value_name = "CHOICE")]
    backlog: Option<BacklogArg>,

    /// Confirm the permanent-delete post-action of the profiles that use it (users cannot
    /// recover such mail); without it the worker asks at start, or refuses without a
    /// terminal.
    #[arg(long)]
    confirm_permanent_delete: bool,
}

/// The line that says the worker is listening (`--json`: this object on stdout).
#[derive(Debug, Serialize)]
struct Ready {
    event: &'static str,
    listen: std::net::SocketAddr,
    url: String,
    profiles: Vec<String>,
    subscriptions: usize,
}

/// A run asked for by the scheduler: the profile's index and whom to tell when it is over.
type Request = (usize, oneshot::Sender<()>);

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    if !args.fleet.selected() {
        return Err(UserError::new(
            ErrorKind::Usage,
            "serve needs the profiles to serve: --all, or --profiles PATTERN",
        )
        .with_hint("e.g. `mailconn serve --all`, or `mailconn serve --profiles 'cust-*'`")
        .into());
    }
    let (file, names) = import_all::selected_profiles(ctx, &args.fleet)?;
    let warn = |message: &str| ctx.printer.warn(message);
    let http = transport::client()?;
    let dirs = Dirs::from_environment()?;
    let mut spec = RunSpec {
        settings: Default::default(),
        options: ImportOptions::confirmed_permanent_delete(args.confirm_permanent_delete),
        backlog: args.backlog.map(BacklogArg::backlog),
        dry_run: false,
        explain: false,
        scope: Scope::Folder,
    };
    // A worker that cannot serve one of its profiles as configured does not start: the
    // error names the profile, and systemd shows it.
    let mut sessions = Vec::new();
    let mut rules = RulesCache::default();
    let mut mailboxes = Vec::new();
    // The profiles on each shared store, by store: theirs is dealt among the live workers.
    let mut shared_stores: BTreeMap<String, deal::Members> = BTreeMap::new();
    let mut records = Records::new(&dirs.state);
    for name in &names {
        let session = import_all::open_session(&file, name, &dirs, &http, &warn)
            .with_context(|| format!("profile '{name}'"))?;
        let job = Job::prepare(ctx, &session, &spec, &mut rules)
            .with_context(|| format!("profile '{name}'"))?;
        let poll = session
            .settings()
            .import
            .poll_interval
            .as_ref()
            .unwrap_or(&args.poll_interval)
            .duration();
        if poll.is_zero() {
            return Err(UserError::new(
                ErrorKind::Config,
                format!("profile '{name}': poll_interval must be longer than 0s"),
            )
            .with_hint("e.g. poll_interval = \"5m\" in the profile's [import] table")
            .into());
        }
        records = records.with_store(name.as_str(), job.store());
        let shared = job.store().is_shared();
        if shared {
            shared_stores
                .entry(job.store().to_string())
                .or_insert_with(|| deal::Members::new(job.store(), job.lease_ttl()))
                .add(sessions.len(), name.as_str(), job.lease_ttl());
        }
        mailboxes.push(Mailbox::new(name.as_str(), &job.configured, poll, shared));
        sessions.push((name.clone(), session));
    }
    // Where this worker meets the others: one heartbeat connection per shared store, opened
    // now so a server that is down stops the start (exit 6) rather than every run.
    let me = lease::this_worker();
    let mut deal_tables = Vec::new();
    // Where a notification for a profile dealt elsewhere is relayed: its store.
    let relay_to: Arc<HashMap<usize, StoreLocation>> = Arc::new(
        shared_stores
            .values()
            .flat_map(|m| m.profiles.iter().map(|(i, _)| (*i, m.location.clone())))
            .collect(),
    );
    let heard_on: Vec<StoreLocation> = shared_stores.values().map(|m| m.location.clone()).collect();
    for (store, members) in shared_stores {
        deal_tables.push(members.meet().with_context(|| format!("opening {store}"))?);
    }
    // Every profile's permanent-delete was confirmed above (flag or prompt): the runs to
    // come must not ask again in the middle of the night.
    spec.options = ImportOptions::confirmed_permanent_delete(true);
    let metrics = Arc::new(Metrics::new(mailboxes));

    // Profiles whose sessions would get the same token share one Graph client.
    let mut group_of = Vec::new();
    let mut leaders: Vec<usize> = Vec::new();
    let mut keys = BTreeMap::new();
    for (i, (name, session)) in sessions.iter().enumerate() {
        let next = leaders.len();
        let group = *keys
            .entry(import_all::token_group(name, session))
            .or_insert(next);
        if group == next {
            leaders.push(i);
        }
        group_of.push(group);
    }
    let cap = Arc::new(Semaphore::new(args.fleet.max_connections()));
    let bars = MultiProgress::with_draw_target(ProgressDrawTarget::stderr());

    block_on(async {
        // Before anything is announced: a SIGTERM right after the ready line must stop the
        // worker cleanly, not kill it.
        let shutdown = shutdown_signal();

        // Each group signs in once now; a group that cannot is logged and tries again at
        // its first run (an expiry of 0 makes the token due at once).
        let mut graphs: Vec<Graph> = Vec::new();
        let mut expiries = Vec::new();
        for &leader in &leaders {
            let (name, session) = &sessions[leader];
            let (token, expires_at) = match session.access_token().await {
                Ok(token) => (token.token, token.expires_at),
                Err(e) => {
                    let failure = crate::error::Failure::from(e);
                    tracing::error!(profile = %name, error = %format!("{failure:#}"), "cannot sign in; trying again at the first import");
                    (Secret::new(String::new()), 0)
                }
            };
            let graph = import_all::group_graph(session, token, &cap).with_meter(metrics.clone());
            graphs.push(graph);
            expiries.push(expires_at);
        }
        let tokens: Vec<Tokens> = leaders
            .iter()
            .zip(&graphs)
            .zip(&expiries)
            .map(|((&leader, graph), &expires_at)| {
                Tokens::new(&sessions[leader].1, graph, expires_at)
            })
            .collect();

        // The scheduler keeps one run per profile going and one more queued; its runs are
        // requests to the loop below, which owns the sessions.
        let (requests, mut inbox) = mpsc::unbounded_channel::<Request>();
        let index: Arc<HashMap<String, usize>> = Arc::new(
            sessions
                .iter()
                .enumerate()
                .map(|(i, (name, _))| (name.to_string(), i))
                .collect(),
        );
        let runner: Runner<String> = {
            let index = index.clone();
            Arc::new(move |profile: String| {
                let (requests, index) = (requests.clone(), index.clone());
                Box::pin(async move {
                    let Some(&i) = index.get(&profile) else {
                        return;
                    };
                    let (done, finished) = oneshot::channel();
                    // Refused once the worker stops: then there is nothing to wait for.
                    if requests.send((i, done)).is_ok() {
                        let _ = finished.await;
                    }
                })
            })
        };
        let scheduler = Scheduler::new(runner);
        for store in &heard_on {
            relay::hear(store, index.clone(), metrics.clone(), scheduler.clone())
                .with_context(|| format!("listening on {store}"))?;
        }
        let on_change: OnChange = {
            let (scheduler, metrics, index) = (scheduler.clone(), metrics.clone(), index.clone());
            Arc::new(move |record: &Record| {
                let Some(&i) = index.get(&record.profile) else {
                    return;
                };
                metrics.notified(i);
                match relay_to.get(&i) {
                    Some(store) if !metrics.is_dealt(i) => {
                        metrics.relayed(i);
                        relay::announce(store, &record.profile);
                    }
                    _ => scheduler.trigger(record.profile.clone()),
                }
            })
        };
        let served = sessions
            .iter()
            .map(|(name, session)| (name.clone(), session.settings().clone()))
            .collect();
        let subscriptions =
            Subscriptions::load(served, records, args.renew.within(), on_change).await?;

        let router = subscriptions
            .routes(args.listen.max_body)
            .route(
                "/healthz",
                get({
                    let (metrics, subscriptions) = (metrics.clone(), subscriptions.clone());
                    move || healthz(metrics.clone(), subscriptions.clone())
                }),
            )
            .route(
                "/metrics",
                get({
                    let (metrics, subscriptions) = (metrics.clone(), subscriptions.clone());
                    move || prometheus(metrics.clone(), subscriptions.clone())
                }),
            );
        let bound = receiver::bind(args.listen.listen, args.listen.tls().as_ref()).await?;
        let ready = Ready {
            event: "ready",
            listen: bound.local(),
            url: bound.url(),
            profiles: names.iter().map(ToString::to_string).collect(),
            subscriptions: subscriptions.count(),
        };
        if ctx.printer.json() {
            println!("{}", serde_json::to_string(&ready).expect("serializes"));
        } else if !ctx.global.quiet {
            eprintln!(
                "Serving {} profile(s) at {} ({} subscription(s); /healthz, /metrics; notifications to any other path); SIGTERM or Ctrl-C stops.",
                ready.profiles.len(),
                ready.url,
                ready.subscriptions
            );
        }
        tracing::info!(local = %ready.listen, profiles = ready.profiles.len(), subscriptions = ready.subscriptions, "serving");
        let (stop_http, http_stopped) = oneshot::channel::<()>();
        let server = tokio::spawn(bound.serve(router, async {
            let _ = http_stopped.await;
        }));
        // Renewals and re-creations need the listener up (Graph validates new ones).
        subscriptions.start(false, args.renew.check());

        // On shared stores: beat, and import what the deal gives this worker.
        let dealing: Vec<_> = deal_tables
            .into_iter()
            .map(|table| {
                let stop = Arc::new(tokio::sync::Notify::new());
                let task = tokio::spawn(deal::keep_dealing(
                    table,
                    me.clone(),
                    metrics.clone(),
                    scheduler.clone(),
                    stop.clone(),
                ));
                (stop, task)
            })
            .collect();

        // The schedules: a run of each profile at start (mail that came while the worker
        // was down), then one every poll interval, jittered.
        for (i, (name, _)) in sessions.iter().enumerate() {
            let (scheduler, name) = (scheduler.clone(), name.to_string());
            let interval = metrics.mailboxes[i].poll_interval;
            tokio::spawn(async move {
                loop {
                    scheduler.trigger(name.clone());
                    tokio::time::sleep(schedule::jittered(interval, schedule::random())).await;
                }
            });
        }

        let stop = AtomicBool::new(false);
        let mut running = FuturesUnordered::new();
        tokio::pin!(shutdown);
        loop {
            tokio::select! {
                _ = &mut shutdown => break,
                Some((i, done)) = inbox.recv() => {
                    let (name, session) = &sessions[i];
                    // Another worker's share of a shared store: its schedule and its
                    // notifications are that worker's to act on.
                    if !metrics.is_dealt(i) {
                        let _ = done.send(());
                        continue;
                    }
                    let job = match Job::prepare(ctx, session, &spec, &mut rules) {
                        Ok(job) => job,
                        Err(failure) => {
                            tracing::error!(profile = %name, error = %format!("{failure:#}"), "cannot prepare the import");
                            metrics.run_ended(i, RunResult::Failed);
                            continue;
                        }
                    };
                    let job_ttl = job.lease_ttl();
                    let g = group_of[i];
                    let (graph, tokens) = (&graphs[g], &tokens[g]);
                    let (metrics, spec, stop, bars, warn) = (&*metrics, &spec, &stop, &bars, &warn);
                    let scheduler = &scheduler;
                    running.push(async move {
                        metrics.run_started(i);
                        let mailbox = job.configured.clone();
                        let reporter = ImportReporter::of_profile(&ctx.printer, false, bars, name.as_str(), &mailbox);
                        let counting = Counting::new(&reporter, metrics, i);
                        let outcome = metrics
                            .scope(i, async {
                                tokens.ensure_fresh().await?;
                                job.run(spec, graph, tokens, &counting, stop, warn).await
                            })
                            .await;
                        let busy = matches!(&outcome, Err(f) if f.diagnosis().kind == ErrorKind::Locked);
                        let result = match busy {
                            true => RunResult::Busy,
                            false => RunResult::of(outcome.as_ref().map_err(|_| ())),
                        };
                        metrics.run_ended(i, result);
                        if busy && metrics.mailboxes[i].shared() {
                            // Dealt here, still held by its previous owner (mid-run) or
                            // by a worker that died: try again when its lease can have
                            // ended rather than at the next poll.
                            let (scheduler, name, wait) = (scheduler.clone(), name.to_string(), job_ttl / 3);
                            tokio::spawn(async move {
                                tokio::time::sleep(wait).await;
                                scheduler.trigger(name);
                            });
                        }
                        match &outcome {
                            Ok(s) => tracing::info!(profile = %name, mailbox, imported = s.imported, ignored = s.ignored, failed = s.failed, skipped = s.skipped, interrupted = s.interrupted, "import finished"),
                            Err(failure) => tracing::error!(profile = %name, mailbox, error = %format!("{failure:#}"), "import failed; the next run tries again"),
                        }
                        let _ = done.send(());
                    });
                }
                Some(()) = running.next(), if !running.is_empty() => {}
            }
        }

        // Stopping: no new runs; the runs in hand finish the messages they hold.
        metrics.set_stopping();
        stop.store(true, Ordering::Release);
        inbox.close();
        while inbox.try_recv().is_ok() {}
        if !running.is_empty() {
            tracing::info!(runs = running.len(), "stopping after the messages in hand");
            if !ctx.global.quiet && !ctx.printer.json() {
                eprintln!("Stopping after the messages in hand (signal again to quit at once)...");
            }
        }
        // A second signal quits at once, which is still safe: the next run resumes.
        let again = shutdown_signal();
        tokio::spawn(async move {
            again.await;
            std::process::exit(ErrorKind::Interrupted.exit_code().into());
        });
        while running.next().await.is_some() {}
        // Say this worker is gone, so the others take its share at their next beat.
        for (stop, task) in dealing {
            stop.notify_one();
            if let Ok(Some(table)) = task.await {
                let me = me.clone();
                let _ = tokio::task::spawn_blocking(move || deal::retire(table, &me)).await;
            }
        }
        let _ = stop_http.send(());
        match server.await {
            Ok(served) => served?,
            Err(e) => tracing::error!(error = %e, "the HTTP listener ended abnormally"),
        }
        tracing::info!("stopped");
        Ok(())
    })?
}

async fn healthz(
    metrics: Arc<Metrics>,
    subscriptions: Arc<Subscriptions>,
) -> axum::response::Response {
    let health = metrics.health();
    let status = if health.ok() {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    let mut body = serde_json::to_value(&health).unwrap_or_default();
    body["subscriptions"] = subscriptions.count().into();
    (status, axum::Json(body)).into_response()
}

async fn prometheus(
    metrics: Arc<Metrics>,
    subscriptions: Arc<Subscriptions>,
) -> axum::response::Response {
    let page = metrics.render(&|profile| subscriptions.count_of(profile));
    (
        StatusCode::OK,
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        page,
    )
        .into_response()
}
