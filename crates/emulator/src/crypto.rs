//! Key material: the token-signing key published at the jwks URI, RSA key generation for the
//! demo certificate, thumbprints and random identifiers.

use aws_lc_rs::digest;
use aws_lc_rs::encoding::AsDer;
use aws_lc_rs::rand::{SecureRandom, SystemRandom};
use aws_lc_rs::rsa::{KeyPair, KeySize, PublicKeyComponents};
use aws_lc_rs::signature::KeyPair as _;
use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use serde_json::{Value, json};

/// PEM armour for DER bytes (`label` is e.g. `PRIVATE KEY`).
pub(crate) fn pem(label: &str, der: &[u8]) -> String {
    let body = STANDARD.encode(der);
    let mut out = format!("-----BEGIN {label}-----\n");
    for line in body.as_bytes().chunks(64) {
        out.push_str(std::str::from_utf8(line).expect("base64 is ASCII"));
        out.push('\n');
    }
    out.push_str(&format!("-----END {label}-----\n"));
    out
}

/// The key that signs every token the emulator issues.
pub(crate) struct SigningKey {
    pub kid: String,
    pub encoding: jsonwebtoken::EncodingKey,
    pub decoding: jsonwebtoken::DecodingKey,
    jwk: Value,
    pkcs8: Vec<u8>,
}

impl SigningKey {
    pub(crate) fn generate() -> anyhow::Result<SigningKey> {
        let pair = KeyPair::generate(KeySize::Rsa2048)?;
        let pkcs8 = pair.as_der()?.as_ref().to_vec();
        SigningKey::from_pkcs8(&pkcs8)
    }

    /// A key saved earlier by [`SigningKey::pkcs8_pem`] (`--state-dir`).
    pub(crate) fn from_pem(text: &str) -> anyhow::Result<SigningKey> {
        let body: String = text
            .lines()
            .filter(|line| !line.starts_with("-----"))
            .collect();
        SigningKey::from_pkcs8(&STANDARD.decode(body.trim())?)
    }

    /// The private key as PKCS#8 PEM, for saving.
    pub(crate) fn pkcs8_pem(&self) -> String {
        pem("PRIVATE KEY", &self.pkcs8)
    }

    fn from_pkcs8(pkcs8: &[u8]) -> anyhow::Result<SigningKey> {
        let pair = KeyPair::from_pkcs8(pkcs8)?;
        let components = PublicKeyComponents::<Vec<u8>>::from(pair.public_key());
        let n = URL_SAFE_NO_PAD.encode(&components.n);
        let e = URL_SAFE_NO_PAD.encode(&components.e);
        let kid = URL_SAFE_NO_PAD.encode(&sha256(&components.n)[..15]);
        let encoding =
            jsonwebtoken::EncodingKey::from_rsa_pem(pem("PRIVATE KEY", pkcs8).as_bytes())?;
        let decoding = jsonwebtoken::DecodingKey::from_rsa_components(&n, &e)?;
        let jwk = json!({"kty": "RSA", "use": "sig", "kid": kid, "n": n, "e": e});
        Ok(SigningKey {
            kid,
            encoding,
            decoding,
            jwk,
            pkcs8: pkcs8.to_vec(),
        })
    }

    /// The JWK for `/discovery/v2.0/keys`, with the issuer the caller's tenant expects.
    pub(crate) fn jwk(&self, issuer: &str) -> Value {
        let mut jwk = self.jwk.clone();
        jwk["issuer"] = json!(issuer);
        jwk
    }
}

pub(crate) fn sha1(data: &[u8]) -> Vec<u8> {
    digest::digest(&digest::SHA1_FOR_LEGACY_USE_ONLY, data)
        .as_ref()
        .to_vec()
}

pub(crate) fn sha256(data: &[u8]) -> Vec<u8> {
    digest::digest(&digest::SHA256, data).as_ref().to_vec()
}

/// Random bytes from the system generator.
pub(crate) fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    SystemRandom::new()
        .fill(&mut bytes)
        .expect("the system random generator works");
    bytes
}

/// An opaque token (authorization codes, refresh tokens, device codes).
pub(crate) fn opaque_token(prefix: &str) -> String {
    format!("{prefix}{}", URL_SAFE_NO_PAD.encode(random_bytes::<32>()))
}

/// Standard base64 with padding: OData's `Edm.Binary` (e.g. `conversationIndex`,
/// `contentBytes`), which SDKs decode strictly.
pub(crate) fn base64(data: &[u8]) -> String {
    STANDARD.encode(data)
}

pub(crate) fn base64url(data: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(data)
}

/// Decodes base64url with or without `=` padding (MSAL keeps the padding on thumbprints).
pub(crate) fn base64url_decode(text: &str) -> Option<Vec<u8>> {
    URL_SAFE_NO_PAD.decode(text.trim_end_matches('=')).ok()
}
