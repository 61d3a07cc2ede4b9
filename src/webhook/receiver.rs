//! The receiver (`mailconn webhook serve`): answers Graph's validation handshake, takes
//! change and lifecycle notifications, and turns them into imports.
//!
//! Every POST is answered at once (202 after the body is read and parsed; Graph slows down
//! and then drops endpoints that take longer than 3 s, graph-facts §8.5); checking the
//! `clientState` and the work itself happen afterwards in tasks. A notification whose
//! subscription is unknown or whose `clientState` differs is dropped with a warning.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use chrono::Utc;
use serde::Serialize;

use super::control::{Control, Known};
use super::payload::{self, Kind, LifecycleEvent};
use super::scheduler::{Runner, Scheduler, Target};
use crate::error::{Classify as _, ErrorKind, Failure, Result, ResultExt as _};

/// Graph's validation tokens are short; anything much longer is not from Graph.
const MAX_TOKEN_BYTES: usize = 4096;
/// An unknown subscription id makes the receiver re-read its records, at most this often (a
/// flood of made-up ids must not become a flood of keyring reads).
const RELOAD_INTERVAL: Duration = Duration::from_secs(5);

pub struct Options {
    pub listen: SocketAddr,
    /// PEM certificate chain and key; plain HTTP without.
    pub tls: Option<(std::path::PathBuf, std::path::PathBuf)>,
    pub max_body: usize,
    /// Renew a subscription when it expires within this.
    pub renew_within: chrono::Duration,
    /// How often to look for subscriptions to renew.
    pub renew_check: Duration,
    /// Import every subscribed folder at start.
    pub catch_up: bool,
}

/// What the receiver tells its caller once it listens.
#[derive(Debug, Clone, Serialize)]
pub struct Ready {
    pub event: &'static str,
    pub listen: SocketAddr,
    pub url: String,
    pub subscriptions: usize,
}

struct App {
    control: Control,
    scheduler: Arc<Scheduler>,
    known: Mutex<HashMap<String, Known>>,
    last_reload: Mutex<Option<Instant>>,
    renew_within: chrono::Duration,
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

/// Serves until `shutdown` resolves; `ready` is called once the socket is bound.
pub async fn serve(
    options: Options,
    control: Control,
    runner: Runner,
    ready: impl FnOnce(&Ready),
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> Result<()> {
    let known = control.load().await?;
    let count = known.len();
    for k in known.iter().filter(|k| k.client_state.is_none()) {
        tracing::warn!(subscription = %k.record.id, "no clientState in the secret store: its notifications will be dropped; recreate it (`mailconn subscription cancel` + `create`)");
    }
    let app = Arc::new(App {
        control,
        scheduler: Scheduler::new(runner),
        known: Mutex::new(
            known
                .into_iter()
                .map(|k| (k.record.id.clone(), k))
                .collect(),
        ),
        last_reload: Mutex::new(None),
        renew_within: options.renew_within,
    });
    let router = Router::new()
        .route("/healthz", get(healthz))
        .route("/", post(notify))
        .route("/{*path}", post(notify))
        .layer(DefaultBodyLimit::max(options.max_body))
        .with_state(app.clone());
    // The certificate files are read before the socket is bound, so a bad one fails the
    // start instead of a receiver that has already said it is ready.
    let acceptor = match &options.tls {
        Some((cert, key)) => Some(super::tls::acceptor(cert, key)?),
        None => None,
    };
    let tcp = tokio::net::TcpListener::bind(options.listen)
        .await
        .classify(ErrorKind::Failed)
        .with_context(|| format!("cannot listen on {}", options.listen))?;
    let local = tcp.local_addr().classify(ErrorKind::Failed)?;
    let scheme = if options.tls.is_some() {
        "https"
    } else {
        "http"
    };
    if options.tls.is_none() && !local.ip().is_loopback() {
        tracing::warn!(%local, "serving plain HTTP on a non-loopback address: Graph only calls https URLs, so put a TLS-terminating proxy in front or use --tls-cert/--tls-key");
    }
    ready(&Ready {
        event: "ready",
        listen: local,
        url: format!("{scheme}://{local}"),
        subscriptions: count,
    });
    tracing::info!(%local, scheme, subscriptions = count, "receiver listening");

    // Start-up work needs the server running: a re-created subscription is validated
    // against this very receiver.
    tokio::spawn(start_up(app.clone(), options.catch_up));
    tokio::spawn(renew_loop(app.clone(), options.renew_check));

    let server = async move {
        match acceptor {
            Some(acceptor) => {
                let listener =
                    super::tls::TlsListener::new(tcp, acceptor).classify(ErrorKind::Failed)?;
                axum::serve(listener, router)
                    .with_graceful_shutdown(shutdown)
                    .await
                    .classify(ErrorKind::Failed)?;
            }
            None => axum::serve(tcp, router)
                .with_graceful_shutdown(shutdown)
                .await
                .classify(ErrorKind::Failed)?,
        }
        Ok::<_, Failure>(())
    };
    server.await?;
    tracing::info!("receiver stopped; waiting for running imports");
    app.scheduler.wait_idle().await;
    Ok(())
}

async fn healthz(State(app): State<Arc<App>>) -> Response {
    let subscriptions = lock(&app.known).len();
    let body = serde_json::json!({
        "status": "ok",
        "subscriptions": subscriptions,
        "importing": app.scheduler.busy(),
    });
    (StatusCode::OK, axum::Json(body)).into_response()
}

#[derive(serde::Deserialize)]
struct Validation {
    #[serde(rename = "validationToken")]
    validation_token: Option<String>,
}

async fn notify(
    State(app): State<Arc<App>>,
    Query(query): Query<Validation>,
    body: Bytes,
) -> Response {
    // The handshake (graph-facts §8.3): the decoded token as text/plain, nothing else.
    if let Some(token) = query.validation_token {
        if token.len() > MAX_TOKEN_BYTES {
            return StatusCode::BAD_REQUEST.into_response();
        }
        tracing::info!("answered a validation request");
        return (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            token,
        )
            .into_response();
    }
    let notifications = match payload::parse(&body) {
        Ok(n) => n,
        Err(why) => {
            tracing::warn!(bytes = body.len(), %why, "refused a request that is not a notification");
            return StatusCode::BAD_REQUEST.into_response();
        }
    };
    tokio::spawn(handle(app, notifications));
    StatusCode::ACCEPTED.into_response()
}

async fn handle(app: Arc<App>, notifications: Vec<payload::Notification>) {
    for n in notifications {
        let Some(target) = check(&app, &n).await else {
            continue;
        };
        match n.kind {
            Kind::Change(change) => {
                tracing::info!(subscription = %n.subscription_id, change, "notification");
                app.scheduler.trigger(target);
            }
            Kind::Lifecycle(event) => {
                tracing::info!(subscription = %n.subscription_id, event = event.as_str(), "lifecycle notification");
                tokio::spawn(lifecycle(app.clone(), n.subscription_id, event));
            }
            Kind::UnknownLifecycle(event) => {
                tracing::warn!(subscription = %n.subscription_id, event, "unknown lifecycle event; importing to be safe");
                app.scheduler.trigger(target);
            }
        }
    }
}

/// The notification's folder, if it is one of ours and its `clientState` matches.
async fn check(app: &Arc<App>, n: &payload::Notification) -> Option<Target> {
    if !lock(&app.known).contains_key(&n.subscription_id) {
        reload(app).await;
    }
    let known = lock(&app.known);
    let Some(k) = known.get(&n.subscription_id) else {
        tracing::warn!(subscription = %n.subscription_id, "dropped a notification for an unknown subscription");
        return None;
    };
    let matches = k
        .client_state
        .as_ref()
        .is_some_and(|expected| payload::client_state_matches(n.client_state.as_ref(), expected));
    if !matches {
        tracing::warn!(subscription = %n.subscription_id, "dropped a notification whose clientState does not match");
        return None;
    }
    Some(target_of(k))
}

fn target_of(k: &Known) -> Target {
    Target {
        mailbox: k.record.mailbox.clone(),
        folder: k.record.folder.clone(),
    }
}

/// Re-reads the records (a subscription created since the start), at most every few seconds.
async fn reload(app: &Arc<App>) {
    {
        let mut last = lock(&app.last_reload);
        if last.is_some_and(|at| at.elapsed() < RELOAD_INTERVAL) {
            return;
        }
        *last = Some(Instant::now());
    }
    match app.control.load().await {
        Ok(known) => {
            *lock(&app.known) = known
                .into_iter()
                .map(|k| (k.record.id.clone(), k))
                .collect();
        }
        Err(e) => {
            tracing::error!(error = %format!("{e:#}"), "cannot re-read the subscription records")
        }
    }
}

fn record_of(app: &App, id: &str) -> Option<super::records::Record> {
    lock(&app.known).get(id).map(|k| k.record.clone())
}

async fn lifecycle(app: Arc<App>, id: String, event: LifecycleEvent) {
    let Some(record) = record_of(&app, &id) else {
        return;
    };
    match event {
        LifecycleEvent::Missed => app.scheduler.trigger(target_for(&record)),
        LifecycleEvent::SubscriptionRemoved => recreate(&app, &record, "removed by Graph").await,
        LifecycleEvent::ReauthorizationRequired => {
            // A renewal also reauthorizes; when one is due anyway it answers both.
            let due = record.renewal_due(Utc::now(), app.renew_within);
            let result = if due {
                app.control.renew(&id).await.map(|expiration| {
                    update_expiration(&app, &id, expiration);
                    tracing::info!(subscription = %id, %expiration, "renewed (reauthorization required)");
                })
            } else {
                app.control.reauthorize(&id).await.map(|()| {
                    tracing::info!(subscription = %id, "reauthorized");
                })
            };
            if let Err(e) = result {
                handle_failure(&app, &record, e).await;
            }
        }
    }
}

fn target_for(record: &super::records::Record) -> Target {
    Target {
        mailbox: record.mailbox.clone(),
        folder: record.folder.clone(),
    }
}

fn update_expiration(app: &App, id: &str, expiration: chrono::DateTime<Utc>) {
    if let Some(k) = lock(&app.known).get_mut(id) {
        k.record.expiration = expiration;
    }
}

/// A renewal or reauthorization failed: a gone subscription is made again, anything else is
/// logged (and tried again on the next check).
async fn handle_failure(app: &Arc<App>, record: &super::records::Record, error: Failure) {
    let gone = error
        .error()
        .chain()
        .filter_map(|c| c.downcast_ref::<crate::graph::GraphError>())
        .any(crate::graph::subscriptions::is_gone);
    if gone {
        recreate(app, record, "gone at Graph").await;
    } else {
        tracing::error!(subscription = %record.id, error = %format!("{error:#}"), "subscription upkeep failed; trying again later");
    }
}

/// Makes a subscription again and imports its folder (changes in the gap had no
/// notification).
async fn recreate(app: &Arc<App>, old: &super::records::Record, why: &str) {
    tracing::warn!(subscription = %old.id, why, "re-creating the subscription");
    match app.control.recreate(old).await {
        Ok(new) => {
            tracing::info!(old = %old.id, new = %new.record.id, expiration = %new.record.expiration, "subscription re-created");
            let target = target_of(&new);
            {
                let mut known = lock(&app.known);
                known.remove(&old.id);
                known.insert(new.record.id.clone(), new);
            }
            app.scheduler.trigger(target);
        }
        Err(e) => {
            tracing::error!(subscription = %old.id, error = %format!("{e:#}"), "cannot re-create the subscription");
        }
    }
}

/// At start: subscriptions Graph no longer has are made again, and every folder gets a
/// catch-up import (mail that arrived while the receiver was down had nobody to notify).
async fn start_up(app: Arc<App>, catch_up: bool) {
    let records: Vec<_> = lock(&app.known)
        .values()
        .map(|k| k.record.clone())
        .collect();
    if records.is_empty() {
        tracing::warn!(
            "this profile has no subscriptions yet: create one with `mailconn subscription create --notification-url URL`"
        );
        return;
    }
    match app.control.remote().await {
        Ok(remote) => {
            for record in records
                .iter()
                .filter(|r| !remote.iter().any(|s| s.id == r.id))
            {
                recreate(&app, record, "Graph no longer has it").await;
            }
        }
        Err(e) => {
            tracing::error!(error = %format!("{e:#}"), "cannot list the subscriptions at Graph")
        }
    }
    renew_due(&app).await;
    if catch_up {
        let mut targets: Vec<Target> = lock(&app.known).values().map(target_of).collect();
        targets.sort();
        targets.dedup();
        for target in targets {
            tracing::info!(%target, "catch-up import at start");
            app.scheduler.trigger(target);
        }
    }
}

async fn renew_due(app: &Arc<App>) {
    let due: Vec<_> = lock(&app.known)
        .values()
        .filter(|k| k.record.renewal_due(Utc::now(), app.renew_within))
        .map(|k| k.record.clone())
        .collect();
    for record in due {
        match app.control.renew(&record.id).await {
            Ok(expiration) => {
                update_expiration(app, &record.id, expiration);
                tracing::info!(subscription = %record.id, %expiration, "renewed");
            }
            Err(e) => handle_failure(app, &record, e).await,
        }
    }
}

async fn renew_loop(app: Arc<App>, every: Duration) {
    let mut ticks = tokio::time::interval(every);
    ticks.tick().await;
    loop {
        ticks.tick().await;
        // Subscriptions created since the start (`subscription create` run beside the
        // receiver) are renewed too, not only once their first notification arrives.
        reload(&app).await;
        renew_due(&app).await;
    }
}
