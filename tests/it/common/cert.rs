//! A self-signed certificate for 127.0.0.1 and localhost, as PEM files: what a test's HTTPS
//! notification receiver serves and the emulator is told to trust (`--trust`).

use std::path::PathBuf;

pub struct Cert {
    pub dir: tempfile::TempDir,
}

impl Cert {
    pub fn new() -> Cert {
        let dir = tempfile::tempdir().unwrap();
        let certified = rcgen::generate_simple_self_signed(vec![
            "127.0.0.1".to_owned(),
            "localhost".to_owned(),
        ])
        .unwrap();
        std::fs::write(dir.path().join("cert.pem"), certified.cert.pem()).unwrap();
        std::fs::write(
            dir.path().join("key.pem"),
            certified.signing_key.serialize_pem(),
        )
        .unwrap();
        Cert { dir }
    }

    pub fn cert(&self) -> PathBuf {
        self.dir.path().join("cert.pem")
    }

    pub fn key(&self) -> PathBuf {
        self.dir.path().join("key.pem")
    }

    /// A blocking client that trusts only this certificate.
    pub fn client(&self) -> reqwest::blocking::Client {
        let pem = std::fs::read(self.cert()).unwrap();
        reqwest::blocking::Client::builder()
            .tls_certs_only([reqwest::Certificate::from_pem(&pem).unwrap()])
            .no_proxy()
            .build()
            .unwrap()
    }
}
