//! From a `store_url` to a connected client: the URL's rules (no password in it, TLS for
//! every host that is not this machine), the password from `PGPASSFILE`, and TLS on the OS
//! trust store.

use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use postgres::config::{Host, SslMode};
use postgres::{Client, Config, NoTls};

use super::super::{BoxError, StoreError};
use crate::settings::env;

/// A parsed `store_url`, checked but not yet connected.
#[derive(Clone)]
pub struct ServerUrl {
    /// As configured (it holds no password: that is refused).
    url: String,
    config: Config,
    /// `user@host:port/database`, for messages: never the password.
    shown: String,
    tls: bool,
}

impl std::fmt::Debug for ServerUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.shown)
    }
}

impl std::fmt::Display for ServerUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.shown)
    }
}

/// How long the server lets one of mailconn's sessions sit idle inside a transaction.
const IDLE_IN_TRANSACTION_MS: u32 = 5_000;

/// How long a connection attempt may take: a server that is down answers at once, one
/// behind a dead network link would otherwise hang the import for the OS's TCP timeout.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

impl ServerUrl {
    /// Parses `postgres://USER@HOST[:PORT]/DATABASE[?sslmode=...]` (or `postgresql://`; a
    /// Unix socket directory is a percent-encoded host or `?host=/path`).
    pub fn parse(url: &str) -> Result<ServerUrl, StoreError> {
        let bad = |m: String| StoreError::BadUrl(m);
        if !(url.starts_with("postgres://") || url.starts_with("postgresql://")) {
            return Err(bad("it must start with postgres:// or postgresql://".into()));
        }
        let mut config: Config = url
            .parse()
            .map_err(|e: postgres::Error| bad(format!("{e}")))?;
        if config.get_password().is_some() {
            // The URL sits in the config file or the environment, both readable by more
            // than the process that needs it.
            return Err(bad(
                "it contains a password; put the password in PGPASSFILE (~/.pgpass) instead".into(),
            ));
        }
        if config.get_hosts().is_empty() {
            return Err(bad("it names no host".into()));
        }
        if config.get_user().is_none() {
            let user = std::env::var("PGUSER")
                .or_else(|_| std::env::var("USER"))
                .map_err(|_| bad("it names no user (postgres://USER@HOST/DATABASE)".into()))?;
            config.user(&user);
        }
        if config.get_dbname().is_none() {
            return Err(bad(
                "it names no database (postgres://USER@HOST/DATABASE)".into()
            ));
        }
        let remote = config.get_hosts().iter().any(|h| !is_this_machine(h));
        let tls = match (config.get_ssl_mode(), remote) {
            (SslMode::Disable, true) => {
                return Err(bad(
                    "sslmode=disable for a host that is not this machine; the store's traffic must be encrypted"
                        .into(),
                ));
            }
            (SslMode::Disable, false) => false,
            // `prefer` (the default) could be downgraded by anyone on the path, so a remote
            // server is always `require`, with its certificate verified.
            (_, true) => {
                config.ssl_mode(SslMode::Require);
                true
            }
            (SslMode::Require, false) => true,
            (_, false) => false,
        };
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(CONNECT_TIMEOUT);
        }
        config.application_name("mailconn");
        // A worker paused in the middle of a transaction (SIGSTOP, a stall, a network cut)
        // would otherwise hold its row locks, and with them every other worker's take-over
        // of its mailboxes, for as long as it stays paused. mailconn never waits inside a
        // transaction, so the server may end such a session after a few seconds; the
        // paused worker's next call then reconnects and meets the fence.
        let options = config.get_options().map(str::to_owned).unwrap_or_default();
        //
        // Statements are prepared once per connection (see `statements.rs`); a custom plan
        // for each execution keeps the plan of, say, "this message's thread in this
        // mailbox" an index lookup instead of a generic plan that scans a growing log.
        config.options(&format!(
            "{options} -c idle_in_transaction_session_timeout={IDLE_IN_TRANSACTION_MS} \
             -c plan_cache_mode=force_custom_plan"
        ));
        let shown = shown(&config);
        Ok(ServerUrl {
            url: url.to_owned(),
            config,
            shown,
            tls,
        })
    }

    /// What tells two servers apart (connections to one can be reused for the other).
    pub fn key(&self) -> &str {
        &self.url
    }

    /// Connects, with the password from `PGPASSFILE`, or else from the OS keyring
    /// (`credentials set store-password`) once the server asks for one.
    pub fn connect(&self) -> Result<Client, StoreError> {
        let tls = match self.tls {
            true => Some(tls_connector()?),
            false => None,
        };
        let attempt = |config: &Config| match &tls {
            Some(tls) => config.connect(tls.clone()),
            None => config.connect(NoTls),
        };
        let mut config = self.config.clone();
        let from_file = pgpass_password(&config)?;
        let from_file_given = from_file.is_some();
        if let Some(password) = from_file {
            config.password(password);
        }
        match attempt(&config) {
            Err(e) if !from_file_given && says(&e, "password missing") => {
                let Some(password) = self.keyring_password() else {
                    return Err(self.connect_error(e));
                };
                config.password(password.expose_secret());
                attempt(&config).map_err(|e| self.connect_error(e))
            }
            connected => connected.map_err(|e| self.connect_error(e)),
        }
    }

    /// The role's password in the OS keyring, if it is there. A keyring that cannot be
    /// reached (a server without one) is not an error here: the server's "password
    /// missing" that follows says what to do.
    fn keyring_password(&self) -> Option<crate::secrets::Secret> {
        use crate::secrets::{EntryKey, KeyringStore, SecretStore};
        let key = EntryKey::store_password(&self.shown);
        match KeyringStore::new().and_then(|keyring| keyring.get(&key)) {
            Ok(found) => found,
            Err(e) => {
                tracing::debug!(error = %e, "no store password from the keyring");
                None
            }
        }
    }

    /// Sorts a failed connection into "not there" (exit 6, try later) and "refused" (the
    /// settings are wrong, exit 78).
    fn connect_error(&self, e: postgres::Error) -> StoreError {
        use postgres::error::SqlState;
        let store = self.shown.clone();
        let refused = e.code().is_some_and(|code| {
            [
                SqlState::INVALID_PASSWORD,
                SqlState::INVALID_AUTHORIZATION_SPECIFICATION,
                SqlState::INVALID_CATALOG_NAME,
                SqlState::INSUFFICIENT_PRIVILEGE,
            ]
            .contains(code)
        }) || says(&e, "password missing")
            // A certificate that does not verify, or a server without TLS, will not change
            // by waiting.
            || says(&e, "TLS handshake");
        if refused {
            StoreError::Refused {
                store,
                source: Box::new(e),
            }
        } else {
            StoreError::Unreachable {
                store,
                source: Box::new(e),
            }
        }
    }
}

/// Whether `e` or one of its causes says `text` (the driver keeps the detail of a
/// configuration or TLS error in its cause, not in its own message).
fn says(e: &postgres::Error, text: &str) -> bool {
    let mut layer: Option<&dyn std::error::Error> = Some(e);
    while let Some(error) = layer {
        if error.to_string().contains(text) {
            return true;
        }
        layer = error.source();
    }
    false
}

/// A Unix socket, `localhost` or a loopback address: traffic that never leaves the machine.
fn is_this_machine(host: &Host) -> bool {
    match host {
        // Unix sockets exist only there (tokio-postgres has no such variant elsewhere).
        #[cfg(unix)]
        Host::Unix(_) => true,
        Host::Tcp(name) => {
            name.eq_ignore_ascii_case("localhost")
                || name
                    .trim_start_matches('[')
                    .trim_end_matches(']')
                    .parse::<IpAddr>()
                    .is_ok_and(|ip| ip.is_loopback())
        }
    }
}

fn host_text(host: &Host) -> String {
    match host {
        Host::Tcp(name) => name.clone(),
        #[cfg(unix)]
        Host::Unix(path) => path.display().to_string(),
    }
}

fn shown(config: &Config) -> String {
    let hosts: Vec<String> = config.get_hosts().iter().map(host_text).collect();
    let port = config
        .get_ports()
        .first()
        .map(|p| format!(":{p}"))
        .unwrap_or_default();
    format!(
        "postgres://{}@{}{port}/{}",
        config.get_user().unwrap_or_default(),
        hosts.join(","),
        config.get_dbname().unwrap_or_default()
    )
}

/// TLS as the Graph connections have it: the OS trust store, plus the CA certificates of
/// `MAILCONN_CA_FILE` (a private CA, a test server).
fn tls_connector() -> Result<tokio_postgres_rustls::MakeRustlsConnect, StoreError> {
    use rustls::pki_types::CertificateDer;
    use rustls::pki_types::pem::PemObject;
    let bad = |e: BoxError| StoreError::Open {
        store: "TLS for the store".into(),
        source: e,
    };
    let mut extra = Vec::new();
    if let Some(path) = env::MAILCONN_CA_FILE.get() {
        let pem = std::fs::read(&path)
            .map_err(|e| bad(format!("{}={path}: {e}", env::MAILCONN_CA_FILE.name).into()))?;
        for cert in CertificateDer::pem_slice_iter(&pem) {
            extra.push(
                cert.map_err(
                    |e| bad(format!("{}={path}: {e}", env::MAILCONN_CA_FILE.name).into()),
                )?,
            );
        }
    }
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let verifier =
        rustls_platform_verifier::Verifier::new_with_extra_roots(extra, provider.clone())
            .map_err(|e| bad(Box::new(e)))?;
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| bad(Box::new(e)))?
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(verifier))
        .with_no_client_auth();
    Ok(tokio_postgres_rustls::MakeRustlsConnect::new(config))
}

/// The password file libpq would read: `PGPASSFILE`, else `~/.pgpass`.
fn pgpass_path() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("PGPASSFILE") {
        return Some(PathBuf::from(path));
    }
    std::env::var_os("HOME").map(|home| Path::new(&home).join(".pgpass"))
}

/// The password for this connection from the password file, as libpq finds it: the first
/// line whose `host:port:database:user` fields match (`*` matches anything). A file others
/// can read is refused rather than skipped, so the cause of a failed login is not hidden.
fn pgpass_password(config: &Config) -> Result<Option<String>, StoreError> {
    let Some(path) = pgpass_path() else {
        return Ok(None);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(StoreError::Open {
                store: path.display().to_string(),
                source: Box::new(e),
            });
        }
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path)
            .map(|m| m.permissions().mode())
            .unwrap_or(0);
        if mode & 0o077 != 0 {
            return Err(StoreError::BadUrl(format!(
                "the password file {} is readable by others (mode {:o}); chmod 600 it",
                path.display(),
                mode & 0o777
            )));
        }
    }
    let host = config
        .get_hosts()
        .first()
        .map(host_text)
        .unwrap_or_default();
    let port = config
        .get_ports()
        .first()
        .copied()
        .unwrap_or(5432)
        .to_string();
    let wanted = [
        host.as_str(),
        port.as_str(),
        config.get_dbname().unwrap_or_default(),
        config.get_user().unwrap_or_default(),
    ];
    Ok(text
        .lines()
        .filter(|line| !line.trim_start().starts_with('#'))
        .filter_map(|line| {
            let fields = split_pgpass_line(line);
            (fields.len() == 5).then_some(fields)
        })
        .find(|fields| {
            fields[..4]
                .iter()
                .zip(wanted)
                .all(|(field, want)| field == "*" || field == want)
        })
        .map(|mut fields| fields.swap_remove(4)))
}

/// Splits a password-file line on unescaped `:`; `\:` and `\\` stand for `:` and `\`.
fn split_pgpass_line(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(next) = chars.next() {
                    fields.last_mut().expect("never empty").push(next);
                }
            }
            ':' => fields.push(String::new()),
            c => fields.last_mut().expect("never empty").push(c),
        }
    }
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_in_the_url_is_refused() {
        let err = ServerUrl::parse("postgres://app:hunter2@db.example/mail").unwrap_err();
        assert!(err.to_string().contains("PGPASSFILE"), "{err}");
        assert!(!err.to_string().contains("hunter2"), "{err}");
    }

    #[test]
    fn a_remote_server_is_always_tls_and_a_local_one_need_not_be() {
        assert!(
            ServerUrl::parse("postgres://app@db.example/mail")
                .unwrap()
                .tls
        );
        assert!(
            ServerUrl::parse("postgres://app@db.example/mail?sslmode=prefer")
                .unwrap()
                .tls
        );
        let err = ServerUrl::parse("postgres://app@10.0.0.5/mail?sslmode=disable").unwrap_err();
        assert!(err.to_string().contains("encrypted"), "{err}");
        assert!(
            !ServerUrl::parse("postgres://app@127.0.0.1/mail")
                .unwrap()
                .tls
        );
        assert!(
            !ServerUrl::parse("postgres://app@[::1]:5433/mail")
                .unwrap()
                .tls
        );
        assert!(
            !ServerUrl::parse("postgres://app@%2Frun%2Fpg/mail")
                .unwrap()
                .tls
        );
        assert!(
            ServerUrl::parse("postgres://app@localhost/mail?sslmode=require")
                .unwrap()
                .tls
        );
    }

    #[test]
    fn other_schemes_and_missing_parts_are_explained() {
        for (url, says) in [
            ("mysql://app@db/mail", "postgres://"),
            ("/var/lib/mailconn.db", "postgres://"),
            ("postgres://app@db.example", "no database"),
        ] {
            let err = ServerUrl::parse(url).unwrap_err().to_string();
            assert!(err.contains(says), "{url}: {err}");
        }
    }

    #[test]
    fn the_url_is_shown_without_secrets() {
        let url = ServerUrl::parse("postgres://app@db.example:6432/mail").unwrap();
        assert_eq!(url.to_string(), "postgres://app@db.example:6432/mail");
    }

    #[test]
    fn password_file_lines_unescape_colons_and_backslashes() {
        assert_eq!(
            split_pgpass_line(r"db:5432:*:app:pa\:ss\\word"),
            ["db", "5432", "*", "app", r"pa:ss\word"]
        );
    }
}
