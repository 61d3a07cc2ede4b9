//! The HTTP client every remote call uses: TLS through rustls with the OS trust store, plus
//! the extra CA certificates of `MAILCONN_CA_FILE` (corporate TLS-inspecting proxies, the
//! emulator's `--tls`). Plain http is only ever configured for loopback hosts; the settings
//! refuse it elsewhere.

use std::time::Duration;

use crate::settings::env;

#[derive(Debug, thiserror::Error)]
pub enum TransportError {
    #[error("cannot read the CA file {path} ({var}): {source}")]
    ReadCaFile {
        var: &'static str,
        path: String,
        source: std::io::Error,
    },
    #[error("the CA file {path} ({var}) holds no usable PEM certificate: {source}")]
    BadCaFile {
        var: &'static str,
        path: String,
        source: reqwest::Error,
    },
    #[error("cannot set up the HTTP client: {0}")]
    Build(#[source] reqwest::Error),
}

impl crate::error::Diagnose for TransportError {
    fn kind(&self) -> crate::error::ErrorKind {
        match self {
            TransportError::Build(_) => crate::error::ErrorKind::Failed,
            _ => crate::error::ErrorKind::Config,
        }
    }

    fn hint(&self) -> Option<String> {
        match self {
            TransportError::Build(_) => None,
            _ => Some(format!(
                "point {} at a PEM file of CA certificates, or unset it",
                env::MAILCONN_CA_FILE.name
            )),
        }
    }
}

/// A client for token endpoints and Graph. Redirects are never followed: a token request
/// must not be replayed to another host, and Graph does not redirect.
pub fn client() -> Result<reqwest::Client, TransportError> {
    let mut builder = reqwest::Client::builder()
        .user_agent(concat!("mailconn/", env!("CARGO_PKG_VERSION")))
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(Duration::from_secs(15))
        .timeout(Duration::from_secs(120));
    if let Some(path) = env::MAILCONN_CA_FILE.get() {
        let pem = std::fs::read(&path).map_err(|source| TransportError::ReadCaFile {
            var: env::MAILCONN_CA_FILE.name,
            path: path.clone(),
            source,
        })?;
        let certs = reqwest::Certificate::from_pem_bundle(&pem).map_err(|source| {
            TransportError::BadCaFile {
                var: env::MAILCONN_CA_FILE.name,
                path: path.clone(),
                source,
            }
        })?;
        builder = builder.tls_certs_merge(certs);
    }
    builder.build().map_err(TransportError::Build)
}
