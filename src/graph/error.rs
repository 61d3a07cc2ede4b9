//! Graph failures: the error envelope `{"error":{"code","message","innerError":{…}}}`
//! (graph-facts §7) as a typed error that knows its exit code and fix, plus the ways a call
//! can fail before Graph answers.

use serde::Deserialize;

use crate::error::{Diagnose, ErrorKind};

/// An error answer from Graph.
#[derive(Debug, Clone, thiserror::Error)]
#[error("Graph answered {status} {code}: {message}{}", request_id_suffix(.request_id))]
pub struct ApiError {
    pub status: u16,
    /// Graph's `error.code`; clients must decide on it, not on the message.
    pub code: String,
    pub message: String,
    /// `request-id` (header, else `innerError`), for Microsoft support.
    pub request_id: Option<String>,
    pub client_request_id: Option<String>,
    /// The mailbox the request was for, to name it in hints.
    pub mailbox: Option<String>,
    /// The app (client id) the token belongs to, to name it in hints.
    pub app: Option<String>,
}

fn request_id_suffix(id: &Option<String>) -> String {
    id.as_ref()
        .map(|id| format!(" (request-id {id})"))
        .unwrap_or_default()
}

#[derive(Deserialize)]
struct Envelope {
    error: EnvelopeError,
}

#[derive(Deserialize)]
struct EnvelopeError {
    #[serde(default)]
    code: String,
    #[serde(default)]
    message: String,
    #[serde(default, rename = "innerError")]
    inner: Option<InnerError>,
}

#[derive(Deserialize)]
struct InnerError {
    #[serde(default, rename = "request-id")]
    request_id: Option<String>,
    #[serde(default, rename = "client-request-id")]
    client_request_id: Option<String>,
}

/// What kind of 403 Graph gave (graph-facts §10.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Denial {
    /// The token has no mail role/scope for this.
    MissingPermission,
    /// The mailbox is outside the app's RBAC for Applications scope or access policy.
    OutsideScope,
    /// A directory read (`/users/{id}`) without User.Read.All or similar.
    Directory,
    /// Send As / Send on Behalf is not granted.
    SendAs,
}

impl ApiError {
    /// Reads the envelope of an error body; a body that is not one still gives an error with
    /// the HTTP status and the start of the body.
    pub fn from_response(
        status: u16,
        body: &[u8],
        request_id: Option<String>,
        client_request_id: Option<String>,
    ) -> ApiError {
        let (code, message, inner) = match serde_json::from_slice::<Envelope>(body) {
            Ok(Envelope { error }) => (error.code, error.message, error.inner),
            Err(_) => {
                let text = String::from_utf8_lossy(&body[..body.len().min(200)]).into_owned();
                (String::new(), text, None)
            }
        };
        let inner_id = inner.as_ref().and_then(|i| i.request_id.clone());
        let inner_client_id = inner.and_then(|i| i.client_request_id);
        ApiError {
            status,
            code,
            message,
            request_id: request_id.or(inner_id),
            client_request_id: client_request_id.or(inner_client_id),
            mailbox: None,
            app: None,
        }
    }

    pub fn denial(&self) -> Option<Denial> {
        match (self.status, self.code.as_str()) {
            (403, "ErrorSendAsDenied") => Some(Denial::SendAs),
            (403, "Authorization_RequestDenied") => Some(Denial::Directory),
            (403, "ErrorAccessDenied" | "ExtensionError" | "accessDenied") => {
                let m = &self.message;
                if m.contains("Access to OData is disabled")
                    || m.contains("[RAOP]")
                    || m.contains("AppOnly AccessPolicy")
                {
                    Some(Denial::OutsideScope)
                } else {
                    Some(Denial::MissingPermission)
                }
            }
            (403, _) => Some(Denial::MissingPermission),
            _ => None,
        }
    }

    pub fn is_code(&self, code: &str) -> bool {
        self.code.eq_ignore_ascii_case(code)
    }

    fn mailbox_name(&self) -> &str {
        self.mailbox.as_deref().unwrap_or("<mailbox>")
    }
}

impl Diagnose for ApiError {
    fn kind(&self) -> ErrorKind {
        if self.denial().is_some() {
            return ErrorKind::Permission;
        }
        match (self.status, self.code.as_str()) {
            (401, _) => ErrorKind::Auth,
            (404, "ErrorInvalidUser") => ErrorKind::Config,
            (429, _) | (500..=599, _) => ErrorKind::Unavailable,
            _ => ErrorKind::Failed,
        }
    }

    fn hint(&self) -> Option<String> {
        let mailbox = self.mailbox_name();
        let app = self.app.as_deref().unwrap_or("<app id>");
        if let Some(denial) = self.denial() {
            return Some(match denial {
                Denial::OutsideScope => format!(
                    "the mailbox is outside app {app}'s RBAC for Applications scope (or application access policy): \
                     check in Exchange Online PowerShell with `Test-ServicePrincipalAuthorization -Identity {app} -Resource {mailbox}` \
                     and widen the management scope; changes take up to 30 minutes to reach Graph"
                ),
                Denial::MissingPermission => format!(
                    "the token lacks the mail permission for this: grant the app Mail.ReadWrite (and Mail.Send to send) as \
                     application permissions with admin consent, or the delegated Mail.ReadWrite.Shared for another user's mailbox ({mailbox})"
                ),
                Denial::Directory => "this is a directory read: grant User.Read.All (application) or drop the call; mail paths need only Mail.* permissions".into(),
                Denial::SendAs => format!(
                    "grant Send As or Send on Behalf on the --from mailbox to the sender (`Add-RecipientPermission -Identity <from> -Trustee {mailbox} -AccessRights SendAs`), \
                     or leave out --from"
                ),
            });
        }
        match (self.status, self.code.as_str()) {
            (401, _) => Some(
                "Graph refused the token: sign in again (`mailconn login`) and check that the profile's cloud matches the tenant"
                    .into(),
            ),
            (404, "ErrorInvalidUser") => Some(format!(
                "no mailbox {mailbox} in this tenant: check the profile's mailbox (`mailconn profile show`)"
            )),
            (404, "MailboxNotEnabledForRESTAPI") => Some(format!(
                "{mailbox} has no Exchange Online mailbox Graph can reach: assign it an Exchange Online licence, \
                 or it is inactive, soft-deleted or on-premises"
            )),
            (404, "ErrorItemNotFound") => {
                Some("the item is gone (moved or deleted since its id was read): list again".into())
            }
            (429, _) => Some("Graph kept throttling this app and mailbox: run again later, or fewer runs at once".into()),
            (500..=599, _) => Some("Graph is unavailable: run again later; check https://status.cloud.microsoft".into()),
            _ => None,
        }
    }
}

/// Why a Graph call failed.
#[derive(Debug, thiserror::Error)]
pub enum GraphError {
    // Boxed: the envelope is large, and results pass through every call.
    #[error(transparent)]
    Api(Box<ApiError>),
    #[error("cannot reach Graph at {url}: {source}")]
    Connect {
        url: String,
        #[source]
        source: reqwest::Error,
    },
    #[error("Graph sent an answer that is not what {what} returns: {detail}")]
    BadAnswer { what: &'static str, detail: String },
}

impl From<ApiError> for GraphError {
    fn from(error: ApiError) -> Self {
        GraphError::Api(Box::new(error))
    }
}

impl GraphError {
    /// A transport failure, named without the URL's query: an upload URL carries its
    /// authorization there.
    pub fn connect(url: &str, source: reqwest::Error) -> GraphError {
        let url = url.split('?').next().unwrap_or_default().to_owned();
        GraphError::Connect {
            url,
            source: source.without_url(),
        }
    }

    pub fn api(&self) -> Option<&ApiError> {
        match self {
            GraphError::Api(e) => Some(e),
            _ => None,
        }
    }
}

impl Diagnose for GraphError {
    fn kind(&self) -> ErrorKind {
        match self {
            GraphError::Api(e) => e.kind(),
            GraphError::Connect { .. } => ErrorKind::Unavailable,
            GraphError::BadAnswer { .. } => ErrorKind::Failed,
        }
    }

    fn hint(&self) -> Option<String> {
        match self {
            GraphError::Api(e) => e.hint(),
            GraphError::Connect { .. } => Some(
                "check the network and the profile's graph_endpoint; behind a TLS-inspecting proxy set MAILCONN_CA_FILE".into(),
            ),
            GraphError::BadAnswer { .. } => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(status: u16, body: &str) -> ApiError {
        ApiError::from_response(status, body.as_bytes(), None, None)
    }

    #[test]
    fn the_envelope_gives_code_message_and_request_id() {
        let e = error(
            404,
            r#"{"error":{"code":"ErrorInvalidUser","message":"The requested user 'x' is invalid.","innerError":{"date":"2023-02-20T05:06:48","request-id":"r1","client-request-id":"c1"}}}"#,
        );
        assert_eq!(e.code, "ErrorInvalidUser");
        assert_eq!(e.request_id.as_deref(), Some("r1"));
        assert_eq!(e.client_request_id.as_deref(), Some("c1"));
        assert_eq!(e.kind(), ErrorKind::Config);
        assert!(e.to_string().contains("(request-id r1)"));
    }

    #[test]
    fn a_403_is_told_apart_by_its_message() {
        let scope = error(
            403,
            r#"{"error":{"code":"ErrorAccessDenied","message":"Access to OData is disabled: [RAOP] : Blocked by tenant configured AppOnly AccessPolicy settings."}}"#,
        );
        assert_eq!(scope.denial(), Some(Denial::OutsideScope));
        assert!(
            scope
                .hint()
                .unwrap()
                .contains("Test-ServicePrincipalAuthorization")
        );
        let role = error(
            403,
            r#"{"error":{"code":"ErrorAccessDenied","message":"Access is denied. Check credentials and try again."}}"#,
        );
        assert_eq!(role.denial(), Some(Denial::MissingPermission));
        assert_eq!(role.kind().exit_code(), 5);
    }

    #[test]
    fn a_body_that_is_no_envelope_keeps_the_status() {
        let e = error(502, "<html>Bad gateway</html>");
        assert_eq!(e.kind(), ErrorKind::Unavailable);
        assert!(e.message.contains("Bad gateway"));
    }
}
