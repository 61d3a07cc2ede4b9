//! Token-endpoint errors in the Entra JSON shape (graph-facts §1.7), with the AADSTS codes
//! and HTTP statuses clients meet (§1.8).

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;
use uuid::Uuid;

#[derive(Debug, Clone)]
pub(crate) struct EntraError {
    pub status: StatusCode,
    pub error: &'static str,
    pub code: u32,
    pub description: String,
    pub suberror: Option<&'static str>,
}

impl EntraError {
    pub(crate) fn new(
        status: StatusCode,
        error: &'static str,
        code: u32,
        description: String,
    ) -> Self {
        EntraError {
            status,
            error,
            code,
            description,
            suberror: None,
        }
    }

    fn bad_request(error: &'static str, code: u32, description: String) -> Self {
        Self::new(StatusCode::BAD_REQUEST, error, code, description)
    }

    /// A scripted server-side failure (faults on identity routes).
    pub(crate) fn for_status(status: StatusCode) -> Self {
        Self::new(
            status,
            "temporarily_unavailable",
            90033,
            "A transient error has occurred. Please try again.".into(),
        )
    }

    pub(crate) fn bad_secret(client_id: &str) -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            7000215,
            "Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '"
                .to_owned()
                + client_id
                + "'.",
        )
    }

    pub(crate) fn expired_secret(client_id: &str) -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            7000222,
            format!(
                "The provided client secret keys for app '{client_id}' are expired. Visit the Azure portal to create new keys for your app: https://aka.ms/NewClientSecret, or consider using certificate credentials for added security: https://aka.ms/certCreds."
            ),
        )
    }

    pub(crate) fn missing_credential() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            7000218,
            "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.".into(),
        )
    }

    pub(crate) fn public_client_credential() -> Self {
        Self::bad_request(
            "invalid_request",
            700025,
            "Client is public so neither 'client_assertion' nor 'client_secret' should be presented.".into(),
        )
    }

    pub(crate) fn unknown_app(client_id: &str, tenant: &str) -> Self {
        Self::bad_request(
            "unauthorized_client",
            700016,
            format!(
                "Application with identifier '{client_id}' was not found in the directory '{tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant."
            ),
        )
    }

    pub(crate) fn client_id_not_guid(client_id: &str) -> Self {
        Self::bad_request(
            "invalid_request",
            90112,
            format!("Application identifier is expected to be a GUID. Received: '{client_id}'."),
        )
    }

    pub(crate) fn unknown_tenant(tenant: &str) -> Self {
        Self::bad_request(
            "invalid_tenant",
            90002,
            format!(
                "Tenant '{tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant."
            ),
        )
    }

    /// `common` / `organizations` for an app registered in several tenants: nothing says
    /// which one (observed for client credentials on `common`, MicrosoftDocs/azure-docs#24064;
    /// the `error` value is not in that report, `invalid_request` is Entra's for a request
    /// it cannot act on).
    pub(crate) fn no_tenant_information() -> Self {
        Self::bad_request(
            "invalid_request",
            50059,
            "No tenant-identifying information found in either the request or implied by any provided credentials.".into(),
        )
    }

    pub(crate) fn cross_origin(origin: &str) -> Self {
        Self::bad_request(
            "invalid_request",
            9002326,
            format!(
                "Cross-origin token redemption is permitted only for the 'Single-Page Application' client-type. Request origin: '{origin}'."
            ),
        )
    }

    pub(crate) fn missing_parameter(name: &str) -> Self {
        Self::bad_request(
            "invalid_request",
            900144,
            format!("The request body must contain the following parameter: '{name}'."),
        )
    }

    pub(crate) fn unsupported_grant(grant: &str) -> Self {
        Self::bad_request(
            "unsupported_grant_type",
            70003,
            format!("The app requested an unsupported grant type '{grant}'."),
        )
    }

    pub(crate) fn invalid_scope(detail: &str) -> Self {
        Self::bad_request(
            "invalid_scope",
            70011,
            format!(
                "The provided request must include a 'scope' input parameter. The provided value for the input parameter 'scope' is not valid. {detail}"
            ),
        )
    }

    /// AADSTS500011, `invalid_resource`: the scope names a resource the tenant has no service
    /// principal for (the observed body: graph-facts §1.7/§1.8 and e.g.
    /// rootinc/laravel-azure-middleware#51).
    pub(crate) fn resource_not_found(resource: &str, tenant: &str) -> Self {
        Self::bad_request(
            "invalid_resource",
            500011,
            format!(
                "The resource principal named {resource} was not found in the tenant named {tenant}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant."
            ),
        )
    }

    pub(crate) fn consent_required(client_id: &str, name: &str) -> Self {
        EntraError {
            suberror: Some("consent_required"),
            ..Self::bad_request(
                "invalid_grant",
                65001,
                format!(
                    "The user or administrator has not consented to use the application with ID '{client_id}' named '{name}'. Send an interactive authorization request for this user and resource."
                ),
            )
        }
    }

    pub(crate) fn malformed_grant() -> Self {
        Self::bad_request(
            "invalid_grant",
            9002313,
            "Invalid request. Request is malformed or invalid.".into(),
        )
    }

    pub(crate) fn revoked_refresh_token() -> Self {
        Self::bad_request(
            "invalid_grant",
            50173,
            "The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password.".into(),
        )
    }

    pub(crate) fn idle_refresh_token(idle_secs: i64) -> Self {
        Self::bad_request(
            "invalid_grant",
            700082,
            format!(
                "The refresh token has expired due to inactivity. The token was issued on a date and was inactive for {} days.",
                idle_secs / 86400
            ),
        )
    }

    pub(crate) fn assertion_signature(detail: &str) -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            700027,
            format!("Client assertion contains an invalid signature. [Reason - {detail}]"),
        )
    }

    pub(crate) fn assertion_time(now: i64, nbf: Option<i64>, exp: Option<i64>) -> Self {
        let show = |t: Option<i64>| {
            t.and_then(|t| chrono::DateTime::from_timestamp(t, 0))
                .map(|t| t.to_rfc2822())
                .unwrap_or_else(|| "(none)".into())
        };
        Self::new(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            700024,
            format!(
                "Client assertion is not within its valid time range. Current time: {}, assertion valid from {}, expiry time of assertion {}.",
                show(Some(now)),
                show(nbf),
                show(exp)
            ),
        )
    }

    pub(crate) fn assertion_invalid(code: u32, detail: String) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, "invalid_client", code, detail)
    }

    pub(crate) fn pkce_mismatch() -> Self {
        Self::bad_request(
            "invalid_grant",
            501481,
            "The Code_Verifier does not match the code_challenge supplied in the authorization request.".into(),
        )
    }

    pub(crate) fn code_redeemed() -> Self {
        Self::bad_request(
            "invalid_grant",
            54005,
            "OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.".into(),
        )
    }

    pub(crate) fn redirect_mismatch(client_id: &str, redirect: &str) -> Self {
        Self::bad_request(
            "invalid_request",
            50011,
            format!(
                "The redirect URI '{redirect}' specified in the request does not match the redirect URIs configured for the application '{client_id}'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal."
            ),
        )
    }

    // Device-code polling (graph-facts §1.6).
    pub(crate) fn authorization_pending() -> Self {
        Self::bad_request(
            "authorization_pending",
            70016,
            "OAuth 2.0 device flow error. Authorization is pending. Continue polling.".into(),
        )
    }

    pub(crate) fn slow_down() -> Self {
        Self::bad_request(
            "slow_down",
            70016,
            "OAuth 2.0 device flow error. Polling too frequently; wait for the interval before polling again.".into(),
        )
    }

    pub(crate) fn authorization_declined() -> Self {
        Self::bad_request(
            "authorization_declined",
            70000,
            "The user declined to authorize the request.".into(),
        )
    }

    pub(crate) fn device_code_expired() -> Self {
        Self::bad_request(
            "expired_token",
            70020,
            "The provided value for the input parameter 'device_code' is not valid. This device code has expired.".into(),
        )
    }

    pub(crate) fn bad_verification_code() -> Self {
        Self::bad_request(
            "bad_verification_code",
            70018,
            "The provided value for the input parameter 'device_code' is not valid.".into(),
        )
    }
}

impl IntoResponse for EntraError {
    fn into_response(self) -> Response {
        let timestamp = chrono::Utc::now().format("%Y-%m-%d %H:%M:%SZ").to_string();
        let trace_id = Uuid::new_v4().to_string();
        let correlation_id = Uuid::new_v4().to_string();
        let description = format!(
            "AADSTS{}: {}\r\nTrace ID: {trace_id}\r\nCorrelation ID: {correlation_id}\r\nTimestamp: {timestamp}",
            self.code, self.description
        );
        let mut body = json!({
            "error": self.error,
            "error_description": description,
            "error_codes": [self.code],
            "timestamp": timestamp,
            "trace_id": trace_id,
            "correlation_id": correlation_id,
            "error_uri": format!("https://login.microsoftonline.com/error?code={}", self.code),
        });
        if let Some(suberror) = self.suberror {
            body["suberror"] = json!(suberror);
        }
        (self.status, Json(body)).into_response()
    }
}
