//! Client authentication at the token endpoint: secret (form field or HTTP Basic),
//! certificate assertion (RS256 + `x5t` or PS256 + `x5t#S256`), or none for public clients.

use jsonwebtoken::{Algorithm, Validation};
use serde_json::Value;

use super::error::EntraError;
use super::federation;
use super::issue::ClientAuth;
use crate::crypto;
use crate::directory::App;
use crate::state::Emulator;

pub(super) const JWT_BEARER: &str = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
/// Tolerated clock difference between client and emulator.
const SKEW_SECS: i64 = 300;

/// The credential fields of a token request.
pub(super) struct Credentials<'a> {
    pub secret: Option<&'a str>,
    pub assertion_type: Option<&'a str>,
    pub assertion: Option<&'a str>,
}

pub(super) fn authenticate(
    emulator: &Emulator,
    app: &App,
    credentials: &Credentials<'_>,
    token_endpoint: &str,
) -> Result<ClientAuth, EntraError> {
    let client_id = app.spec.client_id.to_string();
    let presented = credentials.secret.is_some() || credentials.assertion.is_some();
    if app.spec.public_client {
        return if presented {
            Err(EntraError::public_client_credential())
        } else {
            Ok(ClientAuth::Public)
        };
    }
    if let Some(secret) = credentials.secret {
        let now = emulator.clock.now();
        return match app.spec.secrets.iter().find(|s| s.value == secret) {
            None => Err(EntraError::bad_secret(&client_id)),
            Some(s) if s.expires.is_some_and(|at| at <= now) => {
                Err(EntraError::expired_secret(&client_id))
            }
            Some(_) => Ok(ClientAuth::Secret),
        };
    }
    match (credentials.assertion_type, credentials.assertion) {
        (Some(JWT_BEARER), Some(assertion)) => {
            // A certificate assertion names its certificate; anything else must be a token
            // from a federated issuer.
            let names_certificate = jsonwebtoken::decode_header(assertion)
                .is_ok_and(|h| h.x5t.is_some() || h.x5t_s256.is_some());
            if names_certificate || app.spec.federated_credentials.is_empty() {
                verify_assertion(emulator, app, assertion, token_endpoint)?;
            } else {
                federation::verify(emulator, app, assertion)?;
            }
            Ok(ClientAuth::Certificate)
        }
        (Some(other), Some(_)) => Err(EntraError::assertion_invalid(
            50027,
            format!("client_assertion_type '{other}' is not supported; use '{JWT_BEARER}'."),
        )),
        (None, Some(_)) => Err(EntraError::missing_parameter("client_assertion_type")),
        _ => Err(EntraError::missing_credential()),
    }
}

fn malformed(reason: &str) -> EntraError {
    EntraError::assertion_invalid(
        50027,
        format!("JWT token is invalid or malformed. [Reason - {reason}]"),
    )
}

fn verify_assertion(
    emulator: &Emulator,
    app: &App,
    assertion: &str,
    token_endpoint: &str,
) -> Result<(), EntraError> {
    let header = jsonwebtoken::decode_header(assertion)
        .map_err(|_| malformed("The assertion is not a JWT."))?;
    if !matches!(header.alg, Algorithm::RS256 | Algorithm::PS256) {
        return Err(malformed("Only RS256 and PS256 assertions are accepted."));
    }
    let sha256 = header
        .x5t_s256
        .as_deref()
        .and_then(crypto::base64url_decode);
    let sha1 = header.x5t.as_deref().and_then(crypto::base64url_decode);
    let thumbprint = sha256.clone().or(sha1.clone()).unwrap_or_default();
    let certificate = app.certificates.iter().find(|c| {
        sha256.as_ref().is_some_and(|t| *t == c.sha256)
            || sha1.as_ref().is_some_and(|t| *t == c.sha1)
    });
    let Some(certificate) = certificate else {
        let hex: String = thumbprint.iter().map(|b| format!("{b:02X}")).collect();
        return Err(EntraError::assertion_signature(&format!(
            "The key was not found., Thumbprint of key used by client: '{hex}'"
        )));
    };
    let mut validation = Validation::new(header.alg);
    validation.validate_exp = false;
    validation.validate_nbf = false;
    validation.validate_aud = false;
    validation.required_spec_claims.clear();
    let claims = jsonwebtoken::decode::<Value>(assertion, &certificate.key, &validation)
        .map_err(|e| match e.kind() {
            jsonwebtoken::errors::ErrorKind::InvalidSignature => EntraError::assertion_signature(
                "The key was found but the signature could not be verified.",
            ),
            _ => malformed("The assertion could not be decoded."),
        })?
        .claims;

    let text = |name: &str| claims.get(name).and_then(Value::as_str);
    let client_id = app.spec.client_id.to_string();
    if text("aud") != Some(token_endpoint) {
        return Err(malformed(&format!(
            "The audience claim must be the token endpoint '{token_endpoint}'."
        )));
    }
    if !text("iss").is_some_and(|iss| iss.eq_ignore_ascii_case(&client_id)) {
        return Err(EntraError::assertion_invalid(
            700021,
            "Client assertion application identifier doesn't match 'client_id' parameter.".into(),
        ));
    }
    if text("sub") != text("iss") {
        return Err(EntraError::assertion_invalid(
            50048,
            "Subject mismatches Issuer claim in the client assertion.".into(),
        ));
    }
    if text("jti").is_none_or(str::is_empty) {
        return Err(malformed("The assertion has no 'jti' claim."));
    }
    check_time_window(&claims, emulator.clock.unix())
}

/// `exp` must lie ahead and `nbf` (optional) behind, within the clock skew Entra allows.
/// Both are JWT NumericDates, which may have a fraction: MSAL sends `exp: 1795354862.39`.
pub(super) fn check_time_window(claims: &Value, now: i64) -> Result<(), EntraError> {
    let seconds = |name: &str| {
        let value = claims.get(name)?;
        value
            .as_i64()
            .or_else(|| value.as_f64().map(|f| f.floor() as i64))
    };
    let (nbf, exp) = (seconds("nbf"), seconds("exp"));
    let expired = exp.is_none_or(|exp| exp + SKEW_SECS < now);
    let early = nbf.is_some_and(|nbf| nbf - SKEW_SECS > now);
    if expired || early {
        return Err(EntraError::assertion_time(now, nbf, exp));
    }
    Ok(())
}
