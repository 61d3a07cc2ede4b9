//! Sign-in failures, each with its class and fix. Entra's own errors keep the AADSTS code
//! and the trace and correlation ids an admin needs to find the attempt in the sign-in logs.

use serde::{Deserialize, Serialize};

use super::aadsts;
use crate::error::{Diagnose, ErrorKind};

/// The JSON body of a token-endpoint error (graph-facts §1.7).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntraErrorResponse {
    pub error: String,
    #[serde(default)]
    pub error_description: Option<String>,
    #[serde(default)]
    pub error_codes: Vec<u32>,
    #[serde(default)]
    pub trace_id: Option<String>,
    #[serde(default)]
    pub correlation_id: Option<String>,
    #[serde(default)]
    pub suberror: Option<String>,
}

impl std::fmt::Display for EntraErrorResponse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.error)
    }
}

impl oauth2::ErrorResponse for EntraErrorResponse {}

/// An error Entra ID returned, ready to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntraError {
    /// The OAuth `error` value, e.g. `invalid_client`.
    pub error: String,
    /// The AADSTS number, from `error_codes` or else the description.
    pub code: Option<u32>,
    /// The first line of `error_description` (the rest is ids and a timestamp).
    pub summary: String,
    pub trace_id: Option<String>,
    pub correlation_id: Option<String>,
    /// What the refused request asked with, for a hint that names it.
    pub attempt: Option<Attempt>,
}

/// The scope and the proof a token request sent: AADSTS500011 is only actionable when the
/// admin sees the scope, and a federated token fails with the same codes as a certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attempt {
    /// Space separated, as sent.
    pub scope: String,
    pub proof: Proof,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Proof {
    /// A public client (device code, browser, refresh): no client credential.
    None,
    Secret,
    Certificate,
    FederatedToken {
        token_file: String,
    },
}

impl EntraError {
    pub fn new(error: &str, description: Option<&str>, codes: &[u32]) -> EntraError {
        let description = description.unwrap_or_default();
        let summary = description
            .lines()
            .next()
            .unwrap_or_default()
            .trim()
            .to_owned();
        EntraError {
            error: error.to_owned(),
            code: codes.first().copied().or_else(|| aadsts_in(&summary)),
            summary,
            trace_id: labelled(description, "Trace ID:"),
            correlation_id: labelled(description, "Correlation ID:"),
            attempt: None,
        }
    }

    /// The fix for this refusal: the code's own, sharpened by what the request sent.
    fn fix(&self) -> Option<String> {
        let code = self.code?;
        let attempt = self.attempt.as_ref();
        if let Some(Proof::FederatedToken { token_file }) = attempt.map(|a| &a.proof)
            && let Some(fix) = aadsts::federated_fix(code, token_file)
        {
            return Some(format!("AADSTS{code}: {fix}"));
        }
        let mut fix = match aadsts::fix(code) {
            Some(fix) => format!("AADSTS{code}: {fix}"),
            None => format!("AADSTS{code}: see {}", aadsts::lookup_url(code)),
        };
        if aadsts::is_about_the_scope(code)
            && let Some(attempt) = attempt
        {
            fix.push_str(&format!(
                "; the scope sent was `{}`, built from the `graph_resource` setting (`--graph-resource`, {}, profile key `graph_resource`; `mailconn profile show` shows its value and source)",
                attempt.scope,
                crate::settings::env::MAILCONN_GRAPH_RESOURCE.name
            ));
        }
        Some(fix)
    }
}

impl AuthError {
    /// Records what the request sent on an Entra refusal, for its hint.
    pub(super) fn sent(self, scope: &[String], proof: Proof) -> AuthError {
        match self {
            AuthError::Entra(mut e) => {
                e.attempt = Some(Attempt {
                    scope: scope.join(" "),
                    proof,
                });
                AuthError::Entra(e)
            }
            other => other,
        }
    }
}

impl From<EntraErrorResponse> for AuthError {
    fn from(body: EntraErrorResponse) -> AuthError {
        AuthError::Entra(Box::new(body.into()))
    }
}

impl From<EntraErrorResponse> for EntraError {
    fn from(r: EntraErrorResponse) -> EntraError {
        let mut e = EntraError::new(&r.error, r.error_description.as_deref(), &r.error_codes);
        e.trace_id = r.trace_id.or(e.trace_id);
        e.correlation_id = r.correlation_id.or(e.correlation_id);
        e
    }
}

impl std::fmt::Display for EntraError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Entra ID refused the sign-in ({})", self.error)?;
        if !self.summary.is_empty() {
            write!(f, ": {}", self.summary)?;
        }
        let ids: Vec<String> = [
            ("trace id", &self.trace_id),
            ("correlation id", &self.correlation_id),
        ]
        .into_iter()
        .filter_map(|(label, id)| id.as_ref().map(|id| format!("{label} {id}")))
        .collect();
        if !ids.is_empty() {
            write!(f, " [{}]", ids.join(", "))?;
        }
        Ok(())
    }
}

/// `AADSTS7000215: Invalid client secret…` → 7000215.
fn aadsts_in(text: &str) -> Option<u32> {
    let rest = &text[text.find("AADSTS")? + 6..];
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// `…\r\nTrace ID: abc\r\n…` → `abc`.
fn labelled(text: &str, label: &str) -> Option<String> {
    let rest = &text[text.find(label)? + label.len()..];
    rest.split_whitespace().next().map(str::to_owned)
}

#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    #[error("{0}")]
    Entra(Box<EntraError>),
    #[error("cannot reach the sign-in service at {url}: {source}")]
    Unreachable {
        url: String,
        #[source]
        source: reqwest::Error,
    },
    #[error("the sign-in service at {url} did not answer with an OAuth response: {detail}")]
    BadResponse { url: String, detail: String },
    #[error("sign-in was interrupted")]
    Interrupted,
    #[error("cannot watch for Ctrl-C: {0}")]
    SignalHandler(#[source] std::io::Error),
    #[error("the device code expired before the sign-in was completed")]
    DeviceCodeExpired,
    #[error("the sign-in was declined")]
    Declined,
    #[error("browser sign-in failed: {0}")]
    Browser(String),
    #[error("cannot use the certificate: {0}")]
    Certificate(String),
    #[error("cannot read the federated token file {path}: {source}")]
    FederatedToken {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

impl Diagnose for AuthError {
    fn kind(&self) -> ErrorKind {
        match self {
            AuthError::Unreachable { .. } => ErrorKind::Unavailable,
            AuthError::BadResponse { .. } | AuthError::SignalHandler(_) => ErrorKind::Failed,
            AuthError::Interrupted => ErrorKind::Interrupted,
            AuthError::Certificate(_) | AuthError::FederatedToken { .. } => ErrorKind::Config,
            AuthError::Entra(_)
            | AuthError::DeviceCodeExpired
            | AuthError::Declined
            | AuthError::Browser(_) => ErrorKind::Auth,
        }
    }

    fn hint(&self) -> Option<String> {
        Some(match self {
            AuthError::Entra(e) => return e.fix(),
            AuthError::Unreachable { .. } => {
                "check the network, any proxy (HTTPS_PROXY) and the profile's authority host (`mailconn profile show`)".into()
            }
            AuthError::BadResponse { .. } => {
                "check the profile's authority host (`mailconn profile show`); a proxy or captive portal may be answering instead".into()
            }
            AuthError::Interrupted | AuthError::SignalHandler(_) => return None,
            AuthError::DeviceCodeExpired => {
                "run `mailconn login --device-code` again and enter the code before it expires".into()
            }
            AuthError::Declined => "run `mailconn login` again and accept the sign-in".into(),
            AuthError::Browser(_) => {
                "run `mailconn login --browser` again, or use `--device-code` on a machine without a browser".into()
            }
            AuthError::Certificate(_) => {
                "store a PEM or PFX certificate with its private key: `mailconn credentials set --certificate FILE`".into()
            }
            AuthError::FederatedToken { .. } => {
                "check AZURE_FEDERATED_TOKEN_FILE or the path stored with `mailconn credentials set --federated-token-file`".into()
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_code_and_ids_come_from_the_body_or_the_description() {
        let body: EntraErrorResponse = serde_json::from_str(r#"{
            "error": "invalid_client",
            "error_description": "AADSTS7000215: Invalid client secret provided.\r\nTrace ID: t-1\r\nCorrelation ID: c-1\r\nTimestamp: 2026-01-01 00:00:00Z",
            "error_codes": [7000215], "trace_id": "t-1", "correlation_id": "c-1"}"#).unwrap();
        let e = EntraError::from(body);
        assert_eq!(e.code, Some(7000215));
        assert_eq!(e.summary, "AADSTS7000215: Invalid client secret provided.");
        assert_eq!(
            e.to_string(),
            "Entra ID refused the sign-in (invalid_client): AADSTS7000215: Invalid client secret provided. [trace id t-1, correlation id c-1]"
        );

        // The device-code poller only keeps `error` and `error_description`.
        let e = EntraError::new(
            "expired_token",
            Some(
                "AADSTS70020: The provided value ... expired.\r\nTrace ID: t-2\r\nCorrelation ID: c-2",
            ),
            &[],
        );
        assert_eq!(
            (e.code, e.trace_id.as_deref(), e.correlation_id.as_deref()),
            (Some(70020), Some("t-2"), Some("c-2"))
        );
    }

    #[test]
    fn entra_errors_are_auth_failures_with_the_fix() {
        let err = AuthError::Entra(Box::new(EntraError::new(
            "invalid_client",
            Some("AADSTS7000222: expired"),
            &[],
        )));
        assert_eq!(err.kind(), ErrorKind::Auth);
        assert!(
            err.hint()
                .unwrap()
                .starts_with("AADSTS7000222: the client secret has expired")
        );
        let unknown = AuthError::Entra(Box::new(EntraError::new(
            "invalid_request",
            Some("AADSTS1234567: odd"),
            &[],
        )));
        assert!(
            unknown
                .hint()
                .unwrap()
                .contains("login.microsoftonline.com/error?code=1234567")
        );
    }
}
