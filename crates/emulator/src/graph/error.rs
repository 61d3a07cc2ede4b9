//! The Graph error envelope (graph-facts §7) and the errors the mail API gives.

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;
use uuid::Uuid;

#[derive(Debug, Clone)]
pub(crate) struct GraphError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
    pub retry_after: Option<String>,
}

impl GraphError {
    pub(crate) fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        GraphError {
            status,
            code,
            message: message.into(),
            retry_after: None,
        }
    }

    /// A scripted failure with the code Graph uses for that status.
    pub(crate) fn for_status(status: StatusCode) -> Self {
        let (code, message) = match status.as_u16() {
            429 => ("TooManyRequests", "Please retry again later."),
            503 => (
                "serviceNotAvailable",
                "The service is temporarily unavailable. Please retry after a delay.",
            ),
            504 => ("UnknownError", ""),
            _ => ("generalException", "An unspecified error has occurred."),
        };
        Self::new(status, code, message)
    }

    pub(crate) fn expired_token() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "InvalidAuthenticationToken",
            "Lifetime validation failed, the token is expired.",
        )
    }

    pub(crate) fn invalid_token(message: &str) -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "InvalidAuthenticationToken",
            message,
        )
    }

    pub(crate) fn access_denied() -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            "ErrorAccessDenied",
            "Access is denied. Check credentials and try again.",
        )
    }

    pub(crate) fn access_policy() -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            "ErrorAccessDenied",
            "Access to OData is disabled: [RAOP] : Blocked by tenant configured AppOnly AccessPolicy settings.",
        )
    }

    pub(crate) fn directory_denied() -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            "Authorization_RequestDenied",
            "Insufficient privileges to complete the operation.",
        )
    }

    pub(crate) fn invalid_user(key: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "ErrorInvalidUser",
            format!("The requested user '{key}' is invalid."),
        )
    }

    pub(crate) fn user_not_found(key: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "Request_ResourceNotFound",
            format!(
                "Resource '{key}' does not exist or one of its queried reference-property objects are not present."
            ),
        )
    }

    pub(crate) fn mailbox_not_enabled() -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "MailboxNotEnabledForRESTAPI",
            "The mailbox is either inactive, soft-deleted, or is hosted on-premise.",
        )
    }

    pub(crate) fn item_not_found() -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "ErrorItemNotFound",
            "The specified object was not found in the store.",
        )
    }

    /// An id the mailbox does not hold: 404 `ErrorItemNotFound` when it looks like an
    /// Exchange id, 400 `ErrorInvalidIdMalformed` otherwise (a display name where an id
    /// belongs, a truncated or wrongly decoded id).
    pub(crate) fn unknown_id(id: &str) -> Self {
        let looks_like_id = id.len() >= 20
            && id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '=' | '+' | '/'));
        if looks_like_id {
            Self::item_not_found()
        } else {
            Self::bad_request("ErrorInvalidIdMalformed", "Id is malformed.")
        }
    }

    pub(crate) fn bad_request(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, code, message)
    }

    pub(crate) fn invalid_request(message: impl Into<String>) -> Self {
        Self::bad_request("BadRequest", message)
    }

    /// A path segment Graph does not know.
    pub(crate) fn no_route(segment: &str) -> Self {
        Self::bad_request(
            "BadRequest",
            format!("Resource not found for the segment '{segment}'."),
        )
    }

    pub(crate) fn method_not_allowed() -> Self {
        Self::new(
            StatusCode::METHOD_NOT_ALLOWED,
            "Request_BadRequest",
            "The specified HTTP method is not allowed for the request target.",
        )
    }

    pub(crate) fn application_throttled() -> Self {
        GraphError {
            retry_after: Some("1".into()),
            ..Self::new(
                StatusCode::TOO_MANY_REQUESTS,
                "ApplicationThrottled",
                "Application is over its MailboxConcurrency limit.",
            )
        }
    }

    pub(crate) fn budget_exhausted(retry_after_secs: i64) -> Self {
        GraphError {
            retry_after: Some(retry_after_secs.to_string()),
            ..Self::for_status(StatusCode::TOO_MANY_REQUESTS)
        }
    }

    /// The JSON body (also used inside `$batch` responses).
    pub(crate) fn body(&self) -> serde_json::Value {
        let request_id = Uuid::new_v4().to_string();
        json!({"error": {
            "code": self.code,
            "message": self.message,
            "innerError": {
                // Graph writes this without a zone suffix (graph-facts §7).
                "date": chrono::Utc::now().format("%Y-%m-%dT%H:%M:%S").to_string(),
                "request-id": request_id,
                "client-request-id": request_id,
            }
        }})
    }
}

impl IntoResponse for GraphError {
    fn into_response(self) -> Response {
        let mut response = (self.status, Json(self.body())).into_response();
        let headers = response.headers_mut();
        if let Some(value) = self
            .retry_after
            .as_deref()
            .and_then(|v| HeaderValue::from_str(v).ok())
        {
            headers.insert(header::RETRY_AFTER, value);
        }
        if self.status == StatusCode::UNAUTHORIZED {
            headers.insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static(
                    "Bearer realm=\"\", authorization_uri=\"https://login.microsoftonline.com/common/oauth2/authorize\", client_id=\"00000003-0000-0000-c000-000000000000\"",
                ),
            );
        }
        response
    }
}
