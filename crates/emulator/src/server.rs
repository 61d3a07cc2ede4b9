//! Binding, TLS, the router, the ready line and shutdown.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use anyhow::Context as _;
use axum::Router;
use serde::Serialize;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use super::clock::Clock;
use super::crypto::SigningKey;
use super::directory::Directory;
use super::error::{ConfigError, Error};
use super::identity::grants::Grants;
use super::mailstore::MailStore;
use super::notify::Notifier;
use super::persist::{self, StateDir};
use super::state::{Emulator, Latency, Shared, Urls};
use super::subscriptions::{self, Subscriptions};
use super::tenant::TenantFile;
use super::{admin, demo, graph, identity, observe, seed, tls};

pub struct ServeOptions {
    pub listen: SocketAddr,
    pub tls: bool,
    pub latency: Option<Latency>,
    pub tenant: Option<PathBuf>,
    /// Where generated files go (CA, demo certificate); a fresh temp dir when absent.
    pub data_dir: Option<PathBuf>,
    /// Extra CA certificates (PEM) trusted for HTTPS notification URLs.
    pub trust: Option<PathBuf>,
    /// `DIR/<mailbox>/<folder path>/*.eml`, delivered at start (`seed.rs`) unless the
    /// state directory already holds a state.
    pub seed: Option<PathBuf>,
    /// Where the state is kept across restarts (`persist.rs`); in memory only when absent.
    pub state_dir: Option<PathBuf>,
}

/// What a client needs to reach the emulator: the ready line's content.
#[derive(Debug, Clone, Serialize)]
pub struct Ready {
    pub event: &'static str,
    pub authority_host: String,
    pub graph_endpoint: String,
    pub admin_endpoint: String,
    /// The first tenant of the file (the only one, unless it declares several).
    pub tenant_id: String,
    pub tenant_domain: String,
    /// Every tenant, the first included, in the tenant file's order.
    pub tenants: Vec<ReadyTenant>,
    /// Issuer of the tokens `POST {admin}/federation/token` mints.
    pub federation_issuer: String,
    pub ca_file: Option<PathBuf>,
    pub data_dir: PathBuf,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub demo: Option<DemoReady>,
}

/// One tenant the emulator serves.
#[derive(Debug, Clone, Serialize)]
pub struct ReadyTenant {
    pub tenant_id: String,
    pub domain: String,
}

/// The demo tenant's names and credentials (see `demo.rs`).
#[derive(Debug, Clone, Serialize)]
pub struct DemoReady {
    pub client_id: String,
    pub client_secret: &'static str,
    pub expired_client_secret: &'static str,
    pub certificate_path: PathBuf,
    pub private_key_path: PathBuf,
    pub public_client_id: String,
    pub public_client_redirect_uri: &'static str,
    pub scoped_client_id: String,
    pub unconsented_client_id: String,
    /// Subject of the connector app's federated credential.
    pub federated_subject: &'static str,
    pub shared_mailbox: &'static str,
    pub shared_mailbox_folder: &'static str,
    pub licensed_user: &'static str,
    pub unlicensed_user: &'static str,
}

/// An emulator serving in the background of the current tokio runtime (for `serve` and
/// for commands that embed it).
pub struct Running {
    pub ready: Ready,
    stop: oneshot::Sender<()>,
    task: JoinHandle<std::io::Result<()>>,
    // Dropped (and, if temporary, removed) only after the server has stopped.
    _data_dir: DataDir,
}

impl Running {
    /// Stops accepting requests, lets in-flight ones finish and waits for the server.
    pub async fn stop(self) -> anyhow::Result<()> {
        let _ = self.stop.send(());
        self.task.await.context("the emulator task failed")??;
        Ok(())
    }
}

/// Runs the emulator until SIGINT/SIGTERM, printing the ready line first.
pub async fn serve(options: ServeOptions, json: bool) -> Result<(), Error> {
    let running = start(options).await?;
    let stopped = shutdown_signal();
    print_ready(&running.ready, json);
    stopped.await;
    Ok(running.stop().await?)
}

/// Binds, builds the tenant and starts serving in a background task.
pub async fn start(options: ServeOptions) -> Result<Running, Error> {
    let data_dir = DataDir::open(options.data_dir.clone())?;
    let (spec, demo_cert) = match &options.tenant {
        Some(path) => (TenantFile::load(path).map_err(tenant_problem)?, None),
        None => {
            let cert = demo::write_certificate(data_dir.path())?;
            (demo::tenant(&cert), Some(cert))
        }
    };
    let directory = Directory::new(spec).map_err(tenant_problem)?;

    let tcp = TcpListener::bind(options.listen)
        .await
        .with_context(|| format!("cannot listen on {}", options.listen))?;
    let mut local = tcp.local_addr()?;
    // Listening on every interface: advertise the loopback address, which always works here
    // and is in the TLS certificate.
    if local.ip().is_unspecified() {
        let loopback: std::net::IpAddr = if local.is_ipv4() {
            std::net::Ipv4Addr::LOCALHOST.into()
        } else {
            std::net::Ipv6Addr::LOCALHOST.into()
        };
        local.set_ip(loopback);
    }
    let scheme = if options.tls { "https" } else { "http" };
    let ca_file = options.tls.then(|| data_dir.path().join("emulator-ca.pem"));
    let acceptor = ca_file.as_deref().map(tls::acceptor).transpose()?;

    let initial = initial_stores(&options, &directory)?;
    let emulator: Shared = Arc::new(Emulator {
        urls: Urls {
            base: format!("{scheme}://{local}"),
        },
        keys: initial.keys,
        federation_keys: initial.federation_keys,
        clock: initial.clock,
        latency: options.latency,
        grants: Mutex::new(initial.grants),
        mail: Mutex::new(initial.mail),
        faults: Mutex::default(),
        journal: Mutex::new(crate::journal::Journal::new(
            directory.settings.journal_capacity,
        )),
        throttle: Mutex::default(),
        subscriptions: Mutex::new(initial.subscriptions),
        uploads: Mutex::default(),
        in_flight: Default::default(),
        notifier: Arc::new(Notifier::new(options.trust.as_deref())?),
        reminders: Default::default(),
        directory,
        state_dir: initial.state_dir,
    });
    // Claims the directory for this tenant and keeps what was seeded; a directory that
    // cannot be written is found now, not at the first change.
    if let Some(dir) = &emulator.state_dir {
        dir.save(&emulator)
            .map_err(|err| state_problem(dir.path(), err))?;
    }
    subscriptions::spawn_reminders(&emulator);

    let ready = Ready {
        event: "ready",
        authority_host: emulator.urls.base.clone(),
        graph_endpoint: emulator.urls.graph(),
        admin_endpoint: emulator.urls.admin(),
        tenant_id: emulator.directory.first().tenant_id.to_string(),
        tenant_domain: emulator.directory.first().domain.clone(),
        tenants: emulator
            .directory
            .tenants
            .iter()
            .map(|t| ReadyTenant {
                tenant_id: t.tenant_id.to_string(),
                domain: t.domain.clone(),
            })
            .collect(),
        federation_issuer: identity::federation::issuer_url(&emulator),
        ca_file,
        data_dir: data_dir.path().to_owned(),
        demo: demo_cert.map(|cert| DemoReady {
            client_id: demo::CONNECTOR_CLIENT_ID.to_string(),
            client_secret: demo::CLIENT_SECRET,
            expired_client_secret: demo::EXPIRED_CLIENT_SECRET,
            certificate_path: cert.cert_path,
            private_key_path: cert.key_path,
            public_client_id: demo::PUBLIC_CLIENT_ID.to_string(),
            public_client_redirect_uri: "http://localhost",
            scoped_client_id: demo::SCOPED_CLIENT_ID.to_string(),
            unconsented_client_id: demo::UNCONSENTED_CLIENT_ID.to_string(),
            federated_subject: demo::FEDERATED_SUBJECT,
            shared_mailbox: demo::SUPPORT_MAILBOX,
            shared_mailbox_folder: demo::SUPPORT_FOLDER,
            licensed_user: demo::LICENSED_USER,
            unlicensed_user: demo::UNLICENSED_USER,
        }),
    };
    let app = router(emulator).into_make_service_with_connect_info::<admin::Peer>();
    let (stop, stopped) = oneshot::channel::<()>();
    let shutdown = async move {
        let _ = stopped.await;
    };
    let task = match acceptor {
        Some(acceptor) => {
            let listener = tls::TlsListener::new(tcp, acceptor)?;
            tokio::spawn(async move {
                axum::serve(listener, app)
                    .with_graceful_shutdown(shutdown)
                    .await
            })
        }
        None => {
            tokio::spawn(
                async move { axum::serve(tcp, app).with_graceful_shutdown(shutdown).await },
            )
        }
    };
    Ok(Running {
        ready,
        stop,
        task,
        _data_dir: data_dir,
    })
}

/// The stores an emulator starts with: what the state directory holds, or fresh ones
/// (seeded when asked).
struct InitialStores {
    clock: Clock,
    mail: MailStore,
    grants: Grants,
    subscriptions: Subscriptions,
    keys: SigningKey,
    federation_keys: SigningKey,
    state_dir: Option<StateDir>,
}

fn initial_stores(options: &ServeOptions, directory: &Directory) -> Result<InitialStores, Error> {
    let state_path = options.state_dir.clone().unwrap_or_default();
    let state_problem = |err| state_problem(&state_path, err);
    let (state_dir, saved) = match &options.state_dir {
        Some(path) => {
            let (dir, saved) = StateDir::open(path).map_err(state_problem)?;
            (Some(dir), saved)
        }
        None => (None, None),
    };
    let clock = Clock::default();
    let mut mail = MailStore::new(directory);
    let mut grants = Grants::default();
    let mut subscriptions = Subscriptions::default();
    match saved {
        Some(saved) => {
            // Every tenant's mail, grants and subscriptions are in the one state; a
            // directory written for other tenants (even one more or less) is not this one's.
            let mut saved_ids = saved.tenant_ids.clone();
            let mut ids: Vec<_> = directory.tenants.iter().map(|t| t.tenant_id).collect();
            saved_ids.sort();
            ids.sort();
            if saved_ids != ids {
                let list = |ids: &[uuid::Uuid]| {
                    ids.iter()
                        .map(|id| id.to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                return Err(state_problem(anyhow::anyhow!(
                    "it holds the state of tenant {}, not of {}",
                    list(&saved.tenant_ids),
                    list(&ids)
                ))
                .into());
            }
            clock.advance(saved.clock_offset_secs);
            mail.restore(saved.mail);
            grants = saved.grants;
            subscriptions = saved.subscriptions;
        }
        // A saved state already holds what an earlier start seeded.
        None => {
            if let Some(dir) = &options.seed {
                seed::deliver_all(dir, directory, &mut mail, clock.now())
                    .map_err(|err| ConfigError::Seed(err.to_string()))?;
            }
        }
    }
    grants.auto_approve = directory
        .settings
        .auto_approve
        .as_deref()
        .and_then(|upn| directory.user(upn))
        .map(|(_, user)| user.id);
    let (keys, federation_keys) = match &state_dir {
        Some(dir) => (
            dir.token_key().map_err(state_problem)?,
            dir.federation_key().map_err(state_problem)?,
        ),
        None => (SigningKey::generate()?, SigningKey::generate()?),
    };
    Ok(InitialStores {
        clock,
        mail,
        grants,
        subscriptions,
        keys,
        federation_keys,
        state_dir,
    })
}

/// A state directory that cannot be used is a configuration problem too.
fn state_problem(dir: &std::path::Path, err: anyhow::Error) -> ConfigError {
    ConfigError::StateDir {
        dir: dir.to_owned(),
        reason: format!("{err:#}"),
    }
}

/// A tenant file that cannot be used is a configuration problem, not a crash.
fn tenant_problem(err: impl std::fmt::Display) -> ConfigError {
    ConfigError::Tenant(format!("{err:#}"))
}

fn router(emulator: Shared) -> Router {
    Router::new()
        .merge(identity::routes())
        .merge(graph::routes())
        .nest("/admin", admin::routes())
        .layer(axum::middleware::from_fn_with_state(
            emulator.clone(),
            observe::observe,
        ))
        .layer(axum::middleware::from_fn_with_state(
            emulator.clone(),
            persist::save_after_change,
        ))
        .with_state(emulator)
}

fn print_ready(ready: &Ready, json: bool) {
    use std::io::Write;
    let line = if json {
        serde_json::to_string(ready).expect("the ready line serializes")
    } else {
        let tenants: Vec<String> = ready
            .tenants
            .iter()
            .map(|t| format!("{} ({})", t.tenant_id, t.domain))
            .collect();
        let mut text = format!(
            "Microsoft 365 emulator ready: authority {}, Graph {}, admin API {}, tenant{} {}",
            ready.authority_host,
            ready.graph_endpoint,
            ready.admin_endpoint,
            if tenants.len() == 1 { "" } else { "s" },
            tenants.join(", "),
        );
        if let Some(ca) = &ready.ca_file {
            text.push_str(&format!(", CA file {}", ca.display()));
        }
        if let Some(demo) = &ready.demo {
            text.push_str(&format!(
                "; demo app {} with secret {} or certificate {} (key {}); public client {}; \
mailboxes {} (folder {}), {}, {} (unlicensed)",
                demo.client_id,
                demo.client_secret,
                demo.certificate_path.display(),
                demo.private_key_path.display(),
                demo.public_client_id,
                demo.shared_mailbox,
                demo.shared_mailbox_folder,
                demo.licensed_user,
                demo.unlicensed_user,
            ));
        }
        text.push_str(". Press Ctrl-C to stop.");
        text
    };
    // The ready line is the contract with whoever started us: flush it at once.
    let mut stdout = std::io::stdout().lock();
    let _ = writeln!(stdout, "{line}");
    let _ = stdout.flush();
}

/// Registers for SIGINT and SIGTERM at once and returns the wait for either. Called before
/// the ready line goes out: whoever starts us may signal as soon as it has read the line,
/// and a signal without a handler would kill the process instead of stopping it cleanly.
fn shutdown_signal() -> impl std::future::Future<Output = ()> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let interrupt = signal(SignalKind::interrupt());
        let term = signal(SignalKind::terminate());
        async move {
            match (interrupt, term) {
                (Ok(mut interrupt), Ok(mut term)) => {
                    tokio::select! {
                        _ = interrupt.recv() => {}
                        _ = term.recv() => {}
                    }
                }
                // Without both handlers, wait for Ctrl-C the portable way.
                _ => {
                    let _ = tokio::signal::ctrl_c().await;
                }
            }
        }
    }
    #[cfg(not(unix))]
    async {
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// The directory for generated files; removed on exit when the emulator created it.
struct DataDir {
    path: PathBuf,
    owned: bool,
}

impl DataDir {
    fn open(explicit: Option<PathBuf>) -> anyhow::Result<DataDir> {
        if let Some(path) = explicit {
            std::fs::create_dir_all(&path)
                .with_context(|| format!("cannot create {}", path.display()))?;
            return Ok(DataDir { path, owned: false });
        }
        let suffix = super::crypto::base64url(&super::crypto::random_bytes::<6>());
        let path = std::env::temp_dir().join(format!("mailconn-emulator-{suffix}"));
        std::fs::create_dir(&path).with_context(|| format!("cannot create {}", path.display()))?;
        Ok(DataDir { path, owned: true })
    }

    fn path(&self) -> &std::path::Path {
        &self.path
    }
}

impl Drop for DataDir {
    fn drop(&mut self) {
        if self.owned {
            let _ = std::fs::remove_dir_all(&self.path);
        }
    }
}
