//! HTTPS for the receiver: a certificate chain and key from PEM files. Serving is
//! `mailconn_tls_listener`'s.

use std::path::Path;

use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, PrivateKeyDer};
use tokio_rustls::TlsAcceptor;

pub use mailconn_tls_listener::TlsListener;

use crate::error::{Classify as _, ErrorKind, Result, ResultExt as _, UserError};

/// The acceptor for `cert` (PEM chain, leaf first) and `key` (PEM private key). The files
/// come from `--tls-cert`/`--tls-key`, so what is wrong with them is a configuration error.
pub fn acceptor(cert: &Path, key: &Path) -> Result<TlsAcceptor> {
    let chain: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(cert)
        .classify(ErrorKind::Config)
        .with_context(|| format!("cannot read the TLS certificate {}", cert.display()))?
        .collect::<Result<_, _>>()
        .classify(ErrorKind::Config)
        .with_context(|| format!("{} is not a PEM certificate chain", cert.display()))?;
    if chain.is_empty() {
        return Err(UserError::new(
            ErrorKind::Config,
            format!("{} holds no PEM certificate", cert.display()),
        )
        .into());
    }
    let key = PrivateKeyDer::from_pem_file(key)
        .classify(ErrorKind::Config)
        .with_context(|| format!("cannot read a PEM private key from {}", key.display()))?;
    mailconn_tls_listener::acceptor(chain, key)
        .classify(ErrorKind::Config)
        .context("the TLS certificate and key do not fit together")
}
