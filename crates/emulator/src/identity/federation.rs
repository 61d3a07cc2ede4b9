//! Workload identity federation. The emulator is also a small OIDC issuer of its own
//! (`{authority}/federation`): the admin API mints tokens there, as a CI system or
//! Kubernetes would, and apps whose federated credential names `issuer = "emulator"`
//! accept them as client assertions at the token endpoint.

use axum::Json;
use axum::extract::State;
use jsonwebtoken::{Algorithm, Header, Validation};
use serde_json::{Value, json};

use super::client_auth;
use super::error::EntraError;
use crate::crypto;
use crate::directory::App;
use crate::state::Emulator;

/// How a federated credential names the emulator's own issuer in a tenant file.
pub(crate) const EMULATOR_ISSUER: &str = "emulator";

pub(crate) fn issuer_url(emulator: &Emulator) -> String {
    format!("{}/federation", emulator.urls.base)
}

/// A token as the external identity provider would issue it.
pub(crate) fn mint(
    emulator: &Emulator,
    subject: &str,
    audience: &str,
    lifetime_secs: i64,
) -> String {
    let now = emulator.clock.unix();
    let claims = json!({
        "iss": issuer_url(emulator),
        "sub": subject,
        "aud": audience,
        "iat": now,
        "nbf": now,
        "exp": now + lifetime_secs,
        "jti": uuid::Uuid::new_v4().to_string(),
    });
    let mut header = Header::new(Algorithm::RS256);
    header.kid = Some(emulator.federation_keys.kid.clone());
    jsonwebtoken::encode(&header, &claims, &emulator.federation_keys.encoding)
        .expect("an RS256 key signs any JSON claims")
}

fn no_match(what: &str, value: &str) -> EntraError {
    let code = match what {
        "issuer" => 700211,
        "audience" => 700212,
        _ => 700213,
    };
    EntraError::assertion_invalid(
        code,
        format!(
            "No matching federated identity record found for presented assertion {what} '{value}'. Please check your federated identity credential Subject, Audience and Issuer against the presented assertion."
        ),
    )
}

/// Verifies a federated client assertion against the app's federated credentials.
pub(crate) fn verify(emulator: &Emulator, app: &App, assertion: &str) -> Result<(), EntraError> {
    let malformed = || {
        EntraError::assertion_invalid(
            50027,
            "JWT token is invalid or malformed. [Reason - The assertion could not be decoded.]"
                .into(),
        )
    };
    // Read the claims before trusting them, to find the credential they claim to match;
    // the signature is checked below, once the issuer is known.
    let claims: Value = assertion
        .split('.')
        .nth(1)
        .and_then(crypto::base64url_decode)
        .and_then(|payload| serde_json::from_slice(&payload).ok())
        .ok_or_else(malformed)?;
    let text = |name: &str| claims.get(name).and_then(Value::as_str).unwrap_or_default();
    let own_issuer = issuer_url(emulator);
    let by_issuer: Vec<_> = app
        .spec
        .federated_credentials
        .iter()
        .filter(|c| {
            c.issuer == text("iss") || (c.issuer == EMULATOR_ISSUER && text("iss") == own_issuer)
        })
        .collect();
    if by_issuer.is_empty() {
        return Err(no_match("issuer", text("iss")));
    }
    // Matching is case-sensitive (Entra changed this in 2025).
    let by_subject: Vec<_> = by_issuer
        .into_iter()
        .filter(|c| c.subject == text("sub"))
        .collect();
    if by_subject.is_empty() {
        return Err(no_match("subject", text("sub")));
    }
    if !by_subject
        .iter()
        .any(|c| c.audiences.iter().any(|a| a == text("aud")))
    {
        return Err(no_match("audience", text("aud")));
    }
    if text("iss") != own_issuer {
        return Err(EntraError::assertion_invalid(
            700027,
            "Client assertion contains an invalid signature. [Reason - The issuer's signing keys could not be retrieved.]".into(),
        ));
    }
    let mut validation = Validation::new(Algorithm::RS256);
    validation.validate_exp = false;
    validation.validate_aud = false;
    validation.required_spec_claims.clear();
    jsonwebtoken::decode::<Value>(assertion, &emulator.federation_keys.decoding, &validation)
        .map_err(|_| {
            EntraError::assertion_signature(
                "The key was found but the signature could not be verified.",
            )
        })?;
    client_auth::check_time_window(&claims, emulator.clock.unix())
}

pub(crate) async fn openid_configuration(
    State(emulator): State<crate::state::Shared>,
) -> Json<Value> {
    let issuer = issuer_url(&emulator);
    Json(json!({
        "issuer": issuer,
        "jwks_uri": format!("{issuer}/keys"),
        "response_types_supported": ["id_token"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["RS256"],
    }))
}

pub(crate) async fn keys(State(emulator): State<crate::state::Shared>) -> Json<Value> {
    let issuer = issuer_url(&emulator);
    Json(json!({"keys": [emulator.federation_keys.jwk(&issuer)]}))
}
