//! The receiver: answers Graph's validation handshake, takes change and lifecycle
//! notifications, keeps the subscriptions alive (renewal, reauthorization, re-creation) and
//! says which folder changed. `webhook serve` runs it for one profile with imports as child
//! processes; `mailconn serve` runs it for many profiles beside its own scheduler, on the
//! same listener as `/healthz` and `/metrics`.
//!
//! Every POST is answered at once (202 after the body is read and parsed; Graph slows down
//! and then drops endpoints that take longer than 3 s, graph-facts §8.5); checking the
//! `clientState` and the work itself happen afterwards in tasks. A notification whose
//! subscription is unknown or whose `clientState` differs is dropped with a warning.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::net::SocketAddr;
use std::path::PathBuf;
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
use super::records::{Record, Records};
use super::scheduler::{Runner, Scheduler, Target};
use crate::error::{Classify as _, ErrorKind, Failure, Result, ResultExt as _};
use crate::settings::resolve::Resolved;
use crate::settings::values::ProfileName;

/// Graph's validation tokens are short; anything much longer is not from Graph.
const MAX_TOKEN_BYTES: usize = 4096;
/// An unknown subscription id makes the receiver re-read its records, at most this often (a
/// flood of made-up ids must not become a flood of keyring reads).
const RELOAD_INTERVAL: Duration = Duration::from_secs(5);

pub struct Options {
    pub listen: SocketAddr,
    /// PEM certificate chain and key; plain HTTP without.
    pub tls: Option<(PathBuf, PathBuf)>,
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

/// What a change in a subscribed folder sets off (an import of it, in the end).
pub type OnChange = Arc<dyn Fn(&Record) + Send + Sync>;

/// The subscriptions of the profiles a receiver serves, and the Graph work that keeps them.
pub struct Subscriptions {
    /// The names of the profiles served.
    profiles: BTreeSet<String>,
    records: Records,
    control: Control,
    on_change: OnChange,
    known: Mutex<HashMap<String, Known>>,
    /// When the records were last re-read; held while re-reading, so notifications that
    /// arrive meanwhile wait for the result instead of being dropped as unknown.
    last_reload: tokio::sync::Mutex<Option<Instant>>,
    renew_within: chrono::Duration,
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

/// `webhook serve`: one profile, imports from `runner`, until `shutdown` resolves; `ready`
/// is called once the socket is bound.
pub async fn serve(
    options: Options,
    profile: ProfileName,
    settings: Resolved,
    records: Records,
    runner: Runner,
    ready: impl FnOnce(&Ready),
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> Result<()> {
    let scheduler = Scheduler::new(runner);
    let trigger = scheduler.clone();
    let on_change: OnChange = Arc::new(move |record: &Record| trigger.trigger(target_of(record)));
    let subscriptions = Subscriptions::load(
        vec![(profile, settings)],
        records,
        options.renew_within,
        on_change,
    )
    .await?;
    let count = subscriptions.count();
    if count == 0 {
        tracing::warn!(
            "this profile has no subscriptions yet: create one with `mailconn subscription create --notification-url URL`"
        );
    }
    let health = (subscriptions.clone(), scheduler.clone());
    let router = subscriptions.routes(options.max_body).route(
        "/healthz",
        get(move || healthz(health.0.clone(), health.1.clone())),
    );
    let bound = bind(options.listen, options.tls.as_ref()).await?;
    ready(&Ready {
        event: "ready",
        listen: bound.local(),
        url: bound.url(),
        subscriptions: count,
    });
    tracing::info!(local = %bound.local(), subscriptions = count, "receiver listening");
    // Start-up work needs the server running: a re-created subscription is validated
    // against this very receiver.
    subscriptions.start(options.catch_up, options.renew_check);
    bound.serve(router, shutdown).await?;
    tracing::info!("receiver stopped; waiting for running imports");
    scheduler.wait_idle().await;
    Ok(())
}

async fn healthz(subscriptions: Arc<Subscriptions>, scheduler: Arc<Scheduler>) -> Response {
    let body = serde_json::json!({
        "status": "ok",
        "subscriptions": subscriptions.count(),
        "importing": scheduler.busy(),
    });
    (StatusCode::OK, axum::Json(body)).into_response()
}

/// A bound listening socket (and the TLS acceptor, when it serves HTTPS).
pub struct Bound {
    tcp: tokio::net::TcpListener,
    acceptor: Option<tokio_rustls::TlsAcceptor>,
    local: SocketAddr,
}

/// Binds `listen`, reading the certificate files first, so a bad one fails the start
/// instead of a receiver that has already said it is ready.
pub async fn bind(listen: SocketAddr, tls: Option<&(PathBuf, PathBuf)>) -> Result<Bound> {
    let acceptor = match tls {
        Some((cert, key)) => Some(super::tls::acceptor(cert, key)?),
        None => None,
    };
    let tcp = tokio::net::TcpListener::bind(listen)
        .await
        .classify(ErrorKind::Failed)
        .with_context(|| format!("cannot listen on {listen}"))?;
    let local = tcp.local_addr().classify(ErrorKind::Failed)?;
    if acceptor.is_none() && !local.ip().is_loopback() {
        tracing::warn!(%local, "serving plain HTTP on a non-loopback address: Graph only calls https URLs, so put a TLS-terminating proxy in front or use --tls-cert/--tls-key");
    }
    Ok(Bound {
        tcp,
        acceptor,
        local,
    })
}

impl Bound {
    pub fn local(&self) -> SocketAddr {
        self.local
    }

    /// `http://ADDR` or `https://ADDR`.
    pub fn url(&self) -> String {
        let scheme = if self.acceptor.is_some() {
            "https"
        } else {
            "http"
        };
        format!("{scheme}://{}", self.local)
    }

    /// Serves `router` until `shutdown` resolves (requests in progress are finished).
    pub async fn serve(
        self,
        router: Router,
        shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> Result<()> {
        match self.acceptor {
            Some(acceptor) => {
                let listener =
                    super::tls::TlsListener::new(self.tcp, acceptor).classify(ErrorKind::Failed)?;
                axum::serve(listener, router)
                    .with_graceful_shutdown(shutdown)
                    .await
                    .classify(ErrorKind::Failed)?;
            }
            None => axum::serve(self.tcp, router)
                .with_graceful_shutdown(shutdown)
                .await
                .classify(ErrorKind::Failed)?,
        }
        Ok(())
    }
}

impl Subscriptions {
    /// Reads the served profiles' subscriptions (and their `clientState`s).
    pub async fn load(
        profiles: Vec<(ProfileName, Resolved)>,
        records: Records,
        renew_within: chrono::Duration,
        on_change: OnChange,
    ) -> Result<Arc<Subscriptions>> {
        let names = profiles.iter().map(|(name, _)| name.to_string()).collect();
        let control = Control::spawn(profiles, records.clone())?;
        let subscriptions = Arc::new(Subscriptions {
            profiles: names,
            records,
            control,
            on_change,
            known: Mutex::default(),
            last_reload: tokio::sync::Mutex::new(None),
            renew_within,
        });
        let known = subscriptions.read_known(true).await?;
        for k in known.values().filter(|k| k.client_state.is_none()) {
            tracing::warn!(subscription = %k.record.id, "no clientState in the secret store: its notifications will be dropped; recreate it (`mailconn subscription cancel` + `create`)");
        }
        *lock(&subscriptions.known) = known;
        Ok(subscriptions)
    }

    /// How many subscriptions the served profiles have.
    pub fn count(&self) -> usize {
        lock(&self.known).len()
    }

    /// How many subscriptions of `profile` are known.
    pub fn count_of(&self, profile: &str) -> usize {
        lock(&self.known)
            .values()
            .filter(|k| k.record.profile == profile)
            .count()
    }

    /// The notification endpoint: a POST to any path.
    pub fn routes(self: &Arc<Self>, max_body: usize) -> Router {
        Router::new()
            .route("/", post(notify))
            .route("/{*path}", post(notify))
            .layer(DefaultBodyLimit::max(max_body))
            .with_state(self.clone())
    }

    /// Starts the upkeep: at once, subscriptions Graph lost are made again and due ones
    /// renewed (then, with `catch_up`, every subscribed folder is imported); afterwards a
    /// renewal check every `renew_check`. Call it once the listener is up: a re-created
    /// subscription is validated against it.
    pub fn start(self: &Arc<Self>, catch_up: bool, renew_check: Duration) {
        tokio::spawn(start_up(self.clone(), catch_up));
        tokio::spawn(renew_loop(self.clone(), renew_check));
    }

    /// Every served profile's records with their `clientState`s, the records read once.
    /// `strict`: a profile whose `clientState`s cannot be read fails the whole read (at
    /// start), else it is logged.
    async fn read_known(&self, strict: bool) -> Result<HashMap<String, Known>> {
        let mut by_profile: BTreeMap<String, Vec<Record>> = BTreeMap::new();
        for record in self.records.all()? {
            if self.profiles.contains(&record.profile) {
                by_profile
                    .entry(record.profile.clone())
                    .or_default()
                    .push(record);
            }
        }
        let mut known = HashMap::new();
        for (profile, records) in by_profile {
            match self.control.load(&profile, records).await {
                Ok(list) => known.extend(list.into_iter().map(|k| (k.record.id.clone(), k))),
                Err(e) if strict => return Err(e),
                Err(e) => {
                    tracing::error!(profile, error = %format!("{e:#}"), "cannot read the profile's subscriptions")
                }
            }
        }
        Ok(known)
    }
}

#[derive(serde::Deserialize)]
struct Validation {
    #[serde(rename = "validationToken")]
    validation_token: Option<String>,
}

async fn notify(
    State(subs): State<Arc<Subscriptions>>,
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
    tokio::spawn(handle(subs, notifications));
    StatusCode::ACCEPTED.into_response()
}

async fn handle(subs: Arc<Subscriptions>, notifications: Vec<payload::Notification>) {
    for n in notifications {
        let Some(record) = check(&subs, &n).await else {
            continue;
        };
        match n.kind {
            Kind::Change(change) => {
                tracing::info!(subscription = %n.subscription_id, profile = %record.profile, change, "notification");
                (subs.on_change)(&record);
            }
            Kind::Lifecycle(event) => {
                tracing::info!(subscription = %n.subscription_id, event = event.as_str(), "lifecycle notification");
                tokio::spawn(lifecycle(subs.clone(), record, event));
            }
            Kind::UnknownLifecycle(event) => {
                tracing::warn!(subscription = %n.subscription_id, event, "unknown lifecycle event; importing to be safe");
                (subs.on_change)(&record);
            }
        }
    }
}

/// The notification's subscription, if it is one of ours and its `clientState` matches.
async fn check(subs: &Arc<Subscriptions>, n: &payload::Notification) -> Option<Record> {
    if !lock(&subs.known).contains_key(&n.subscription_id) {
        reload(subs).await;
    }
    let known = lock(&subs.known);
    let Some(k) = known.get(&n.subscription_id) else {
        tracing::warn!(subscription = %n.subscription_id, "dropped a notification for an unknown subscription");
        return None;
    };
    let matches = k
        .client_state
        .as_ref()
        .is_some_and(|expected| expected.matches(n.client_state.as_ref()));
    if !matches {
        tracing::warn!(subscription = %n.subscription_id, "dropped a notification whose clientState does not match");
        return None;
    }
    Some(k.record.clone())
}

/// The mailbox + folder a record's imports cover.
pub fn target_of(record: &Record) -> Target {
    Target {
        mailbox: record.mailbox.clone(),
        folder: record.folder.clone(),
    }
}

/// Re-reads the records (a subscription created since the start), at most every few seconds.
async fn reload(subs: &Arc<Subscriptions>) {
    let mut last = subs.last_reload.lock().await;
    if last.is_some_and(|at| at.elapsed() < RELOAD_INTERVAL) {
        return;
    }
    *last = Some(Instant::now());
    match subs.read_known(false).await {
        Ok(known) => *lock(&subs.known) = known,
        Err(e) => {
            tracing::error!(error = %format!("{e:#}"), "cannot re-read the subscription records")
        }
    }
}

async fn lifecycle(subs: Arc<Subscriptions>, record: Record, event: LifecycleEvent) {
    match event {
        LifecycleEvent::Missed => (subs.on_change)(&record),
        LifecycleEvent::SubscriptionRemoved => recreate(&subs, &record, "removed by Graph").await,
        LifecycleEvent::ReauthorizationRequired => {
            // A renewal also reauthorizes; when one is due anyway it answers both.
            let due = record.renewal_due(Utc::now(), subs.renew_within);
            let id = &record.id;
            let result = async {
                let (control, profile) = (&subs.control, &record.profile);
                if due {
                    let expiration = control.renew(profile, id).await?;
                    update_expiration(&subs, id, expiration);
                    tracing::info!(subscription = %id, %expiration, "renewed (reauthorization required)");
                } else {
                    control.reauthorize(profile, id).await?;
                    tracing::info!(subscription = %id, "reauthorized");
                }
                Ok::<_, Failure>(())
            }
            .await;
            if let Err(e) = result {
                handle_failure(&subs, &record, e).await;
            }
        }
    }
}

fn update_expiration(subs: &Subscriptions, id: &str, expiration: chrono::DateTime<Utc>) {
    if let Some(k) = lock(&subs.known).get_mut(id) {
        k.record.expiration = expiration;
    }
}

/// A renewal or reauthorization failed: a gone subscription is made again, anything else is
/// logged (and tried again on the next check).
async fn handle_failure(subs: &Arc<Subscriptions>, record: &Record, error: Failure) {
    let gone = error
        .error()
        .chain()
        .filter_map(|c| c.downcast_ref::<crate::graph::GraphError>())
        .any(crate::graph::subscriptions::is_gone);
    if gone {
        recreate(subs, record, "gone at Graph").await;
    } else {
        tracing::error!(subscription = %record.id, error = %format!("{error:#}"), "subscription upkeep failed; trying again later");
    }
}

/// Makes a subscription again and imports its folder (changes in the gap had no
/// notification).
async fn recreate(subs: &Arc<Subscriptions>, old: &Record, why: &str) {
    tracing::warn!(subscription = %old.id, why, "re-creating the subscription");
    match subs.control.recreate(old).await {
        Ok(new) => {
            tracing::info!(old = %old.id, new = %new.record.id, expiration = %new.record.expiration, "subscription re-created");
            let record = new.record.clone();
            {
                let mut known = lock(&subs.known);
                known.remove(&old.id);
                known.insert(new.record.id.clone(), new);
            }
            (subs.on_change)(&record);
        }
        Err(e) => {
            tracing::error!(subscription = %old.id, error = %format!("{e:#}"), "cannot re-create the subscription");
        }
    }
}

/// At start: subscriptions Graph no longer has are made again, and (with `catch_up`) every
/// folder gets a catch-up import (mail that arrived while the receiver was down had nobody
/// to notify).
async fn start_up(subs: Arc<Subscriptions>, catch_up: bool) {
    let records: Vec<Record> = lock(&subs.known)
        .values()
        .map(|k| k.record.clone())
        .collect();
    let mut by_profile: BTreeMap<&str, Vec<&Record>> = BTreeMap::new();
    for record in &records {
        by_profile.entry(&record.profile).or_default().push(record);
    }
    for (profile, records) in by_profile {
        match subs.control.remote(profile).await {
            Ok(remote) => {
                for record in records
                    .into_iter()
                    .filter(|r| !remote.iter().any(|s| s.id == r.id))
                {
                    recreate(&subs, record, "Graph no longer has it").await;
                }
            }
            Err(e) => {
                tracing::error!(profile, error = %format!("{e:#}"), "cannot list the subscriptions at Graph")
            }
        }
    }
    renew_due(&subs).await;
    if catch_up {
        let mut seen = std::collections::BTreeSet::new();
        let records: Vec<Record> = lock(&subs.known)
            .values()
            .map(|k| k.record.clone())
            .collect();
        for record in records {
            if seen.insert((record.profile.clone(), target_of(&record))) {
                tracing::info!(target = %target_of(&record), "catch-up import at start");
                (subs.on_change)(&record);
            }
        }
    }
}

async fn renew_due(subs: &Arc<Subscriptions>) {
    let due: Vec<Record> = lock(&subs.known)
        .values()
        .filter(|k| k.record.renewal_due(Utc::now(), subs.renew_within))
        .map(|k| k.record.clone())
        .collect();
    for record in due {
        match subs.control.renew(&record.profile, &record.id).await {
            Ok(expiration) => {
                update_expiration(subs, &record.id, expiration);
                tracing::info!(subscription = %record.id, %expiration, "renewed");
            }
            Err(e) => handle_failure(subs, &record, e).await,
        }
    }
}

async fn renew_loop(subs: Arc<Subscriptions>, every: Duration) {
    let mut ticks = tokio::time::interval(every);
    ticks.tick().await;
    loop {
        ticks.tick().await;
        // Subscriptions created since the start (`subscription create` run beside the
        // receiver) are renewed too, not only once their first notification arrives.
        reload(&subs).await;
        renew_due(&subs).await;
    }
}
