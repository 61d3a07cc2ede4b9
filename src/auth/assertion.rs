//! The signed JWT a confidential client presents instead of a secret (graph-facts §1.3).
//! PS256 with an `x5t#S256` thumbprint is what Microsoft documents today; RS256 with a SHA-1
//! `x5t` is what older documentation and older tenants' tooling expect.

use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde::Serialize;

use super::AuthError;
use super::token::now;
use crate::secrets::Secret;
use crate::secrets::certificate::{x5t, x5t_s256};

/// How the assertion is signed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SigningMode {
    #[default]
    Ps256,
    Rs256,
}

/// A certificate and its private key.
#[derive(Debug)]
pub struct CertificateCredential {
    /// The certificate, DER encoded (what the thumbprints are computed over).
    pub certificate_der: Vec<u8>,
    /// The private key as PEM (PKCS#8 `PRIVATE KEY` or PKCS#1 `RSA PRIVATE KEY`).
    pub private_key_pem: Secret,
    pub mode: SigningMode,
}

#[derive(Serialize)]
struct AssertionClaims<'a> {
    aud: &'a str,
    iss: &'a str,
    sub: &'a str,
    jti: String,
    nbf: u64,
    iat: u64,
    exp: u64,
}

/// Lifetime of an assertion: Microsoft asks for "5–10 minutes at most"; each token request
/// makes a fresh one, so a short one costs nothing.
const LIFETIME_SECS: u64 = 600;

pub fn client_assertion(
    credential: &CertificateCredential,
    client_id: &str,
    token_url: &str,
) -> Result<Secret, AuthError> {
    let mut header = match credential.mode {
        SigningMode::Ps256 => Header::new(Algorithm::PS256),
        SigningMode::Rs256 => Header::new(Algorithm::RS256),
    };
    match credential.mode {
        SigningMode::Ps256 => header.x5t_s256 = Some(x5t_s256(&credential.certificate_der)),
        SigningMode::Rs256 => header.x5t = Some(x5t(&credential.certificate_der)),
    }
    let issued = now();
    let claims = AssertionClaims {
        aud: token_url,
        iss: client_id,
        sub: client_id,
        jti: uuid::Uuid::new_v4().to_string(),
        nbf: issued,
        iat: issued,
        exp: issued + LIFETIME_SECS,
    };
    let key = EncodingKey::from_rsa_pem(credential.private_key_pem.expose_secret().as_bytes())
        .map_err(|e| {
            AuthError::Certificate(format!("the private key is not a usable RSA key ({e})"))
        })?;
    jsonwebtoken::encode(&header, &claims, &key)
        .map(Secret::new)
        .map_err(|e| AuthError::Certificate(format!("cannot sign the client assertion ({e})")))
}

#[cfg(test)]
mod tests {
    use base64::Engine;
    use jsonwebtoken::{DecodingKey, Validation};

    use super::*;

    const KEY: &str = include_str!("../../tests/fixtures/assertion-test-key.pem");
    const CERT: &str = include_str!("../../tests/fixtures/assertion-test-cert.pem");
    const PUBLIC: &str = include_str!("../../tests/fixtures/assertion-test-pub.pem");

    fn der(pem: &str) -> Vec<u8> {
        let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
        base64::engine::general_purpose::STANDARD
            .decode(body)
            .unwrap()
    }

    fn sign(mode: SigningMode) -> (jsonwebtoken::Header, serde_json::Value) {
        let credential = CertificateCredential {
            certificate_der: der(CERT),
            private_key_pem: Secret::new(KEY.to_owned()),
            mode,
        };
        let token_url = "https://login.microsoftonline.com/t/oauth2/v2.0/token";
        let jwt = client_assertion(&credential, "app-id", token_url).unwrap();
        let alg = if mode == SigningMode::Ps256 {
            Algorithm::PS256
        } else {
            Algorithm::RS256
        };
        let mut validation = Validation::new(alg);
        validation.set_audience(&[token_url]);
        validation.set_issuer(&["app-id"]);
        let key = DecodingKey::from_rsa_pem(PUBLIC.as_bytes()).unwrap();
        let data =
            jsonwebtoken::decode::<serde_json::Value>(jwt.expose_secret(), &key, &validation)
                .unwrap();
        (data.header, data.claims)
    }

    #[test]
    fn ps256_carries_the_sha256_thumbprint() {
        let (header, claims) = sign(SigningMode::Ps256);
        assert_eq!(header.x5t_s256, Some(x5t_s256(&der(CERT))));
        assert_eq!(header.x5t, None);
        assert_eq!(claims["sub"], "app-id");
        assert!(claims["exp"].as_u64().unwrap() - claims["iat"].as_u64().unwrap() <= 600);
        assert_eq!(claims["jti"].as_str().unwrap().len(), 36);
    }

    #[test]
    fn rs256_carries_the_sha1_thumbprint() {
        let (header, _) = sign(SigningMode::Rs256);
        assert_eq!(header.x5t, Some(x5t(&der(CERT))));
        assert_eq!(header.x5t_s256, None);
    }

    #[test]
    fn a_bad_key_is_a_clear_error() {
        let credential = CertificateCredential {
            certificate_der: der(CERT),
            private_key_pem: Secret::new("not a key".into()),
            mode: SigningMode::Ps256,
        };
        let err = client_assertion(&credential, "a", "u").unwrap_err();
        assert!(err.to_string().contains("not a usable RSA key"), "{err}");
    }
}
