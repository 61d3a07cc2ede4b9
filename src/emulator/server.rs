//! Binding, TLS, the router, the ready line and shutdown.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use anyhow::Context as _;
use axum::Router;
use serde_json::{Value, json};
use tokio::net::TcpListener;

use crate::error::{ErrorKind, UserError};

use super::clock::Clock;
use super::crypto::SigningKey;
use super::directory::Directory;
use super::identity::grants::Grants;
use super::mailstore::MailStore;
use super::notify::Notifier;
use super::state::{Emulator, Latency, Shared, Urls};
use super::tenant::TenantSpec;
use super::{admin, demo, graph, identity, observe, tls};

pub struct ServeOptions {
    pub listen: SocketAddr,
    pub tls: bool,
    pub latency: Option<Latency>,
    pub tenant: Option<PathBuf>,
    /// Where generated files go (CA, demo certificate); a fresh temp dir when absent.
    pub data_dir: Option<PathBuf>,
    /// Extra CA certificates (PEM) trusted for HTTPS notification URLs.
    pub trust: Option<PathBuf>,
    pub json: bool,
}

/// Runs the emulator until SIGINT/SIGTERM.
pub async fn serve(options: ServeOptions) -> anyhow::Result<()> {
    let data_dir = DataDir::open(options.data_dir.clone())?;
    let (spec, demo_cert) = match &options.tenant {
        Some(path) => (TenantSpec::load(path).map_err(tenant_problem)?, None),
        None => {
            let cert = demo::write_certificate(data_dir.path())?;
            (demo::tenant(&cert), Some(cert))
        }
    };
    let directory = Directory::new(spec).map_err(tenant_problem)?;

    let tcp = TcpListener::bind(options.listen)
        .await
        .with_context(|| format!("cannot listen on {}", options.listen))?;
    let local = tcp.local_addr()?;
    let scheme = if options.tls { "https" } else { "http" };
    let ca_file = options.tls.then(|| data_dir.path().join("emulator-ca.pem"));
    let acceptor = ca_file.as_deref().map(tls::acceptor).transpose()?;

    let mail = MailStore::new(&directory);
    let grants = Grants {
        auto_approve: directory
            .settings
            .auto_approve
            .as_deref()
            .and_then(|upn| directory.user(upn))
            .map(|u| u.id),
        ..Grants::default()
    };
    let emulator: Shared = Arc::new(Emulator {
        urls: Urls {
            base: format!("{scheme}://{local}"),
        },
        keys: SigningKey::generate()?,
        clock: Clock::default(),
        latency: options.latency,
        grants: Mutex::new(grants),
        mail: Mutex::new(mail),
        faults: Mutex::default(),
        journal: Mutex::default(),
        throttle: Mutex::default(),
        subscriptions: Mutex::default(),
        notifier: Arc::new(Notifier::new(options.trust.as_deref())?),
        directory,
    });

    let ready = ready_line(
        &emulator,
        ca_file.as_ref(),
        demo_cert.as_ref(),
        data_dir.path(),
    );
    let app = router(emulator.clone()).into_make_service_with_connect_info::<admin::Peer>();
    print_ready(&ready, options.json);
    match acceptor {
        Some(acceptor) => {
            axum::serve(tls::TlsListener::new(tcp, acceptor)?, app)
                .with_graceful_shutdown(shutdown_signal())
                .await?
        }
        None => {
            axum::serve(tcp, app)
                .with_graceful_shutdown(shutdown_signal())
                .await?
        }
    }
    Ok(())
}

/// A tenant file that cannot be used is a configuration error (exit 78), not a crash.
fn tenant_problem(err: impl std::fmt::Display) -> anyhow::Error {
    UserError::new(ErrorKind::Config, format!("{err:#}"))
        .with_hint("the tenant file format is described in docs/emulator.md")
        .into()
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
        .with_state(emulator)
}

fn ready_line(
    emulator: &Emulator,
    ca_file: Option<&PathBuf>,
    demo_cert: Option<&demo::DemoCertificate>,
    data_dir: &std::path::Path,
) -> Value {
    let mut ready = json!({
        "event": "ready",
        "authority_host": emulator.urls.base,
        "graph_endpoint": emulator.urls.graph(),
        "admin_endpoint": emulator.urls.admin(),
        "tenant_id": emulator.directory.tenant_id.to_string(),
        "tenant_domain": emulator.directory.domain,
        "ca_file": ca_file,
        "data_dir": data_dir,
    });
    if let Some(cert) = demo_cert {
        ready["demo"] = json!({
            "client_id": demo::CONNECTOR_CLIENT_ID.to_string(),
            "client_secret": demo::CLIENT_SECRET,
            "certificate_path": cert.cert_path,
            "private_key_path": cert.key_path,
            "public_client_id": demo::PUBLIC_CLIENT_ID.to_string(),
            "public_client_redirect_uri": "http://localhost",
            "scoped_client_id": demo::SCOPED_CLIENT_ID.to_string(),
            "unconsented_client_id": demo::UNCONSENTED_CLIENT_ID.to_string(),
            "shared_mailbox": demo::SUPPORT_MAILBOX,
            "shared_mailbox_folder": demo::SUPPORT_FOLDER,
            "licensed_user": demo::LICENSED_USER,
            "unlicensed_user": demo::UNLICENSED_USER,
        });
    }
    ready
}

fn print_ready(ready: &Value, json: bool) {
    use std::io::Write;
    let line = if json {
        ready.to_string()
    } else {
        let mut text = format!(
            "Microsoft 365 emulator ready: authority {} , Graph {} , admin {} , tenant {} ({})",
            ready["authority_host"].as_str().unwrap_or_default(),
            ready["graph_endpoint"].as_str().unwrap_or_default(),
            ready["admin_endpoint"].as_str().unwrap_or_default(),
            ready["tenant_id"].as_str().unwrap_or_default(),
            ready["tenant_domain"].as_str().unwrap_or_default(),
        );
        if let Some(ca) = ready["ca_file"].as_str() {
            text.push_str(&format!(" , CA file {ca}"));
        }
        if let Some(demo) = ready.get("demo") {
            text.push_str(&format!(
                " ; demo app {} secret {} certificate {} key {} ; public client {} ; mailboxes {} ({}), {}, {} (unlicensed)",
                demo["client_id"].as_str().unwrap_or_default(),
                demo["client_secret"].as_str().unwrap_or_default(),
                demo["certificate_path"].as_str().unwrap_or_default(),
                demo["private_key_path"].as_str().unwrap_or_default(),
                demo["public_client_id"].as_str().unwrap_or_default(),
                demo["shared_mailbox"].as_str().unwrap_or_default(),
                demo["shared_mailbox_folder"].as_str().unwrap_or_default(),
                demo["licensed_user"].as_str().unwrap_or_default(),
                demo["unlicensed_user"].as_str().unwrap_or_default(),
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

async fn shutdown_signal() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(term) => term,
                Err(_) => {
                    let _ = interrupt.await;
                    return;
                }
            };
        tokio::select! {
            _ = interrupt => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    let _ = interrupt.await;
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
