//! Reading a certificate credential: a PEM file with the private key and the certificate, or
//! a PFX (PKCS#12) file with its password, including the AES/PBES2 files OpenSSL 3 and
//! current Windows write (that is why this uses `p12-keystore`, not `p12`).
//!
//! Whatever the input, the result is one normalised PEM bundle (private key first, then the
//! certificates, leaf first) kept as a [`Secret`]: the token source later needs no PFX
//! password, and the bundle goes to the secret store as it is. The public facts Entra and
//! `auth status` need, thumbprints and expiry, are returned beside it.

use std::path::{Path, PathBuf};

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use chrono::{DateTime, Utc};
use p12_keystore::{KeyStore, Pkcs12ImportPolicy};
use rustls_pki_types::pem::{PemObject, SectionKind};
use serde::Serialize;
use sha1::Digest;
use zeroize::Zeroizing;

use super::Secret;
use crate::error::{Diagnose, ErrorKind};

const PASSWORD_SOURCES: &str = "the prompt, --password-stdin or MAILCONN_CERTIFICATE_PASSWORD";

#[derive(Debug, thiserror::Error)]
pub enum CertificateError {
    #[error("cannot read {}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("no certificate found in the file{}", detail.as_deref().map(|d| format!(" ({d})")).unwrap_or_default())]
    NoCertificate { detail: Option<String> },
    #[error("the file has a certificate but no private key")]
    NoPrivateKey,
    #[error("the private key does not belong to the certificate")]
    KeyMismatch,
    #[error("the private key in the PEM file is encrypted")]
    EncryptedPemKey,
    #[error("the PFX file is protected by a password and none was given")]
    PasswordNeeded,
    #[error("the PFX password is wrong")]
    WrongPassword,
    #[error("cannot read the PFX file: {0}")]
    Pfx(String),
    #[error("the certificate cannot be parsed: {0}")]
    BadCertificate(String),
}

impl Diagnose for CertificateError {
    fn kind(&self) -> ErrorKind {
        ErrorKind::Failed
    }

    fn hint(&self) -> Option<String> {
        Some(match self {
            CertificateError::Read { .. } => "check the path and its permissions".into(),
            CertificateError::NoCertificate { .. } | CertificateError::BadCertificate(_) => {
                "give a PEM file (private key + certificate) or a PFX/.p12 file".into()
            }
            CertificateError::NoPrivateKey => {
                "put the private key in the same PEM file (cat key.pem \
                cert.pem > both.pem), or export a PFX that includes the private key"
                    .into()
            }
            CertificateError::KeyMismatch => "put the certificate together with its own key \
                (`openssl x509 -noout -modulus` and `openssl rsa -noout -modulus` must agree); \
                Entra would reject the signature with AADSTS700027"
                .into(),
            CertificateError::EncryptedPemKey => "decrypt it first (openssl pkey -in key.pem -out \
                plain.pem), or use a PFX file with its password"
                .into(),
            CertificateError::PasswordNeeded | CertificateError::WrongPassword => {
                format!("give the PFX password with {PASSWORD_SOURCES}")
            }
            CertificateError::Pfx(_) => {
                "check that it is a PKCS#12 file (.pfx/.p12), or convert it to PEM".into()
            }
        })
    }
}

/// What Entra and `auth status` need to know about a certificate; none of it is secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CertificateInfo {
    pub subject: String,
    pub not_after: DateTime<Utc>,
    /// base64url SHA-1 of the DER certificate: the `x5t` JWT header (RS256 compatibility).
    pub x5t: String,
    /// base64url SHA-256 of the DER certificate: the `x5t#S256` JWT header (PS256, default).
    #[serde(rename = "x5t#S256")]
    pub x5t_s256: String,
}

/// A certificate credential ready for the secret store.
#[derive(Debug)]
pub struct LoadedCertificate {
    /// PEM: the private key, then the certificates (leaf first).
    pub bundle: Secret,
    pub info: CertificateInfo,
}

/// Reads a PEM or PFX file; the format is recognised from the content, not the extension.
pub fn load_file(
    path: &Path,
    password: Option<&Secret>,
) -> Result<LoadedCertificate, CertificateError> {
    let bytes = Zeroizing::new(
        std::fs::read(path).map_err(|source| CertificateError::Read {
            path: path.to_owned(),
            source,
        })?,
    );
    load(&bytes, password)
}

pub fn load(
    bytes: &[u8],
    password: Option<&Secret>,
) -> Result<LoadedCertificate, CertificateError> {
    if is_pem(bytes) {
        load_pem(bytes)
    } else {
        load_pfx(bytes, password)
    }
}

/// Whether a file looks like PEM (so that a PFX password is not needed).
pub fn is_pem(bytes: &[u8]) -> bool {
    bytes.windows(11).any(|w| w == b"-----BEGIN ")
}

fn load_pem(bytes: &[u8]) -> Result<LoadedCertificate, CertificateError> {
    let mut key: Option<(&'static str, Zeroizing<Vec<u8>>)> = None;
    let mut certs = Vec::new();
    for section in <(SectionKind, Vec<u8>)>::pem_slice_iter(bytes) {
        let (kind, der) = section.map_err(|e| CertificateError::NoCertificate {
            detail: Some(e.to_string()),
        })?;
        let der = Zeroizing::new(der);
        match (kind, key_label(kind)) {
            (SectionKind::Certificate, _) => certs.push(der.to_vec()),
            (_, Some(label)) if key.is_none() => key = Some((label, der)),
            _ => {}
        }
    }
    if certs.is_empty() {
        return Err(CertificateError::NoCertificate { detail: None });
    }
    let Some((label, key)) = key else {
        // The parser skips labels it does not know, such as an encrypted PKCS#8 key.
        let encrypted = bytes
            .windows(31)
            .any(|w| w == b"-----BEGIN ENCRYPTED PRIVATE KEY");
        return Err(if encrypted {
            CertificateError::EncryptedPemKey
        } else {
            CertificateError::NoPrivateKey
        });
    };
    bundle(label, &key, certs)
}

fn load_pfx(
    bytes: &[u8],
    password: Option<&Secret>,
) -> Result<LoadedCertificate, CertificateError> {
    // Many exports have an empty password; try it before asking for one.
    let given = password.map_or("", |p| p.expose_secret().as_str());
    let store = match KeyStore::from_pkcs12(bytes, given, Pkcs12ImportPolicy::Strict) {
        Ok(store) => store,
        Err(p12_keystore::error::Error::MacError(_)) => {
            return Err(match password {
                None => CertificateError::PasswordNeeded,
                Some(_) => CertificateError::WrongPassword,
            });
        }
        Err(e) => return Err(CertificateError::Pfx(e.to_string())),
    };
    let Some((_, chain)) = store.private_key_chain() else {
        return Err(CertificateError::NoPrivateKey);
    };
    let certs: Vec<Vec<u8>> = chain.certs().iter().map(|c| c.as_der().to_vec()).collect();
    if certs.is_empty() {
        return Err(CertificateError::NoCertificate { detail: None });
    }
    bundle("PRIVATE KEY", chain.key().as_der(), certs)
}

fn bundle(
    key_label: &str,
    key_der: &[u8],
    mut certs: Vec<Vec<u8>>,
) -> Result<LoadedCertificate, CertificateError> {
    let leaf = leaf_index(key_label, key_der, &certs)?;
    certs.swap(0, leaf);
    let info = describe(&certs[0])?;
    let mut text = pem(key_label, key_der);
    for cert in &certs {
        text.push_str(&pem("CERTIFICATE", cert));
    }
    Ok(LoadedCertificate {
        bundle: Secret::new(text),
        info,
    })
}

/// The certificate of the key. For RSA (what Entra accepts) that is the one with the key's
/// modulus, and a file without it is refused: Entra would only say "invalid signature". For
/// other key types it is the certificate that issued none of the others.
fn leaf_index(
    key_label: &str,
    key_der: &[u8],
    certs: &[Vec<u8>],
) -> Result<usize, CertificateError> {
    let parsed = certs
        .iter()
        .map(|der| parse(der))
        .collect::<Result<Vec<_>, _>>()?;
    if let Some(modulus) = rsa_key_modulus(key_label, key_der) {
        return parsed
            .iter()
            .position(|cert| rsa_cert_modulus(cert) == Some(modulus))
            .ok_or(CertificateError::KeyMismatch);
    }
    let issues_another = |i: usize| {
        parsed
            .iter()
            .enumerate()
            .any(|(j, other)| j != i && other.issuer().as_raw() == parsed[i].subject().as_raw())
    };
    Ok((0..parsed.len()).find(|&i| !issues_another(i)).unwrap_or(0))
}

/// The modulus of an RSA private key (PKCS#1, or PKCS#8 wrapping PKCS#1); `None` for other
/// key types.
fn rsa_key_modulus<'a>(key_label: &str, der: &'a [u8]) -> Option<&'a [u8]> {
    use x509_parser::der_parser::parse_der;
    const RSA_ENCRYPTION: &str = "1.2.840.113549.1.1.1";
    let pkcs1 = if key_label == "RSA PRIVATE KEY" {
        der
    } else {
        // PrivateKeyInfo: version, algorithm { oid, params }, privateKey OCTET STRING.
        let (_, info) = parse_der(der).ok()?;
        let fields = info.as_sequence().ok()?;
        let algorithm = fields.get(1)?.as_sequence().ok()?;
        if algorithm.first()?.as_oid().ok()?.to_id_string() != RSA_ENCRYPTION {
            return None;
        }
        fields.get(2)?.as_slice().ok()?
    };
    // RSAPrivateKey: version, modulus, publicExponent, ...
    let (_, key) = parse_der(pkcs1).ok()?;
    let modulus = key.as_sequence().ok()?.get(1)?.as_slice().ok()?;
    Some(without_leading_zeros(modulus))
}

fn rsa_cert_modulus<'a>(
    cert: &'a x509_parser::certificate::X509Certificate<'_>,
) -> Option<&'a [u8]> {
    match cert.public_key().parsed().ok()? {
        x509_parser::public_key::PublicKey::RSA(rsa) => Some(without_leading_zeros(rsa.modulus)),
        _ => None,
    }
}

/// DER integers carry a leading zero when the top bit is set; compare magnitudes only.
fn without_leading_zeros(bytes: &[u8]) -> &[u8] {
    let start = bytes.iter().position(|b| *b != 0).unwrap_or(bytes.len());
    &bytes[start..]
}

fn parse(der: &[u8]) -> Result<x509_parser::certificate::X509Certificate<'_>, CertificateError> {
    x509_parser::parse_x509_certificate(der)
        .map(|(_, cert)| cert)
        .map_err(|e| CertificateError::BadCertificate(e.to_string()))
}

fn describe(der: &[u8]) -> Result<CertificateInfo, CertificateError> {
    let cert = parse(der)?;
    let not_after = DateTime::from_timestamp(cert.validity().not_after.timestamp(), 0)
        .ok_or_else(|| CertificateError::BadCertificate("expiry date out of range".into()))?;
    Ok(CertificateInfo {
        subject: cert.subject().to_string(),
        not_after,
        x5t: x5t(der),
        x5t_s256: x5t_s256(der),
    })
}

/// base64url(SHA-1(DER)): the `x5t` JWT header.
pub fn x5t(der: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(sha1::Sha1::digest(der))
}

/// base64url(SHA-256(DER)): the `x5t#S256` JWT header.
pub fn x5t_s256(der: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(sha2::Sha256::digest(der))
}

/// The PEM label of a private-key section, `None` for anything else.
fn key_label(kind: SectionKind) -> Option<&'static str> {
    match kind {
        SectionKind::PrivateKey => Some("PRIVATE KEY"),
        SectionKind::RsaPrivateKey => Some("RSA PRIVATE KEY"),
        SectionKind::EcPrivateKey => Some("EC PRIVATE KEY"),
        _ => None,
    }
}

/// Splits a stored bundle into the private key (PEM) and the leaf certificate (DER), what a
/// client assertion is made of. The bundle is the key, then the leaf, then the chain
/// ([`LoadedCertificate`]); it is read with the same PEM parser that wrote it.
pub fn key_and_leaf(bundle: &Secret) -> Result<(Secret, Vec<u8>), CertificateError> {
    let mut key = None;
    let mut leaf = None;
    for (kind, der) in <(SectionKind, Vec<u8>)>::pem_slice_iter(bundle.expose_secret().as_bytes())
        .filter_map(Result::ok)
    {
        let der = Zeroizing::new(der);
        match (kind, key_label(kind)) {
            (SectionKind::Certificate, _) if leaf.is_none() => leaf = Some(der.to_vec()),
            (_, Some(label)) if key.is_none() => key = Some(Secret::new(pem(label, &der))),
            _ => {}
        }
    }
    let key = key.ok_or(CertificateError::NoPrivateKey)?;
    let leaf = leaf.ok_or(CertificateError::NoCertificate { detail: None })?;
    Ok((key, leaf))
}

fn pem(label: &str, der: &[u8]) -> String {
    let body = Zeroizing::new(STANDARD.encode(der));
    let mut out = format!("-----BEGIN {label}-----\n");
    for line in body.as_bytes().chunks(64) {
        out.push_str(std::str::from_utf8(line).expect("base64 is ASCII"));
        out.push('\n');
    }
    out.push_str(&format!("-----END {label}-----\n"));
    out
}
