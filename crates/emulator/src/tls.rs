//! HTTPS for `--tls`: a self-signed certificate made at start (SAN 127.0.0.1 and localhost),
//! written as a PEM CA file clients can trust. Serving is `mailconn_tls_listener`'s.

use std::path::Path;

use tokio_rustls::TlsAcceptor;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};

pub(crate) use mailconn_tls_listener::TlsListener;

/// Makes the server certificate, writes it to `ca_file` and returns the acceptor.
pub(crate) fn acceptor(ca_file: &Path) -> anyhow::Result<TlsAcceptor> {
    let certified =
        rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_owned(), "localhost".to_owned()])?;
    std::fs::write(ca_file, certified.cert.pem())?;
    let cert = CertificateDer::from(certified.cert.der().to_vec());
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(
        certified.signing_key.serialize_der(),
    ));
    Ok(mailconn_tls_listener::acceptor(vec![cert], key)?)
}
