//! `POST /{tenant}/oauth2/v2.0/token`: every grant the emulator supports.

use std::collections::HashMap;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use uuid::Uuid;

use super::client_auth::{self, Credentials};
use super::error::EntraError;
use super::grants::{Delegation, DeviceState};
use super::issue::{self, ClientAuth};
use super::scope;
use crate::crypto;
use crate::directory::{App, Tenant};
use crate::state::{Emulator, Shared, lock};

pub(super) const DEVICE_CODE_GRANT: &str = "urn:ietf:params:oauth:grant-type:device_code";
/// Authorization codes live about ten minutes (graph-facts §1.5).
pub(super) const CODE_LIFETIME_SECS: i64 = 600;

pub(super) type Form = HashMap<String, String>;

pub(super) fn parse_form(body: &[u8]) -> Form {
    url::form_urlencoded::parse(body).into_owned().collect()
}

/// The multi-tenant aliases of the path's tenant segment.
fn is_alias(segment: &str) -> bool {
    ["common", "organizations"].contains(&segment.to_ascii_lowercase().as_str())
}

/// Tenant segment check shared by every identity route: `Some` tenant for its id or domain,
/// `None` for a multi-tenant alias (which [`find_target`] resolves through the app), 90002
/// for anything else.
pub(super) fn check_tenant<'a>(
    emulator: &'a Emulator,
    segment: &str,
) -> Result<Option<&'a Tenant>, EntraError> {
    match emulator.directory.tenant(segment) {
        Some(tenant) => Ok(Some(tenant)),
        None if is_alias(segment) => Ok(None),
        None => Err(EntraError::unknown_tenant(segment)),
    }
}

/// Where an identity request goes: the tenant, the app registered there, and the tenant
/// segment of the path as written (Entra's error texts and the token endpoint URL, which
/// client assertions name as `aud`, use it so).
#[derive(Clone, Copy)]
pub(super) struct Target<'a> {
    pub tenant: &'a Tenant,
    pub app: &'a App,
    pub segment: &'a str,
}

impl Target<'_> {
    /// How Graph is named in this tenant (the multi-tenant aliases stand for the tenant id,
    /// as Entra's error text names a real tenant).
    pub(super) fn graph_names(&self, emulator: &Emulator) -> scope::Graph {
        scope::Graph {
            app_id_uris: emulator.directory.settings.cloud.graph_app_id_uris(),
            tenant: if is_alias(self.segment) {
                self.tenant.tenant_id.to_string()
            } else {
                self.segment.to_owned()
            },
        }
    }
}

/// Finds the app named by `client_id` in the tenant the path names, with the errors Entra
/// gives for a bad one.
///
/// On `common` / `organizations` the tenant comes from the app: the one tenant that
/// registers it (with a single tenant, as before fleets, that tenant). An app registered in
/// several tenants leaves the tenant open, and Entra refuses to guess: client credentials on
/// an alias fail with AADSTS50059 (MicrosoftDocs/azure-docs#24064; the MSAL.NET maintainers
/// in AzureAD/microsoft-authentication-library-for-dotnet#1384: the aliases "do not specify
/// which tenant a token should be requested for"). The emulator refuses delegated grants the
/// same way, since it cannot pick the user's home tenant before the user signs in.
pub(super) fn find_target<'a>(
    emulator: &'a Emulator,
    named: Option<&'a Tenant>,
    client_id: Option<&str>,
    segment: &'a str,
) -> Result<Target<'a>, EntraError> {
    let client_id = client_id
        .filter(|c| !c.is_empty())
        .ok_or_else(|| EntraError::missing_parameter("client_id"))?;
    let id = Uuid::parse_str(client_id).map_err(|_| EntraError::client_id_not_guid(client_id))?;
    let unknown = || EntraError::unknown_app(client_id, segment);
    let target = |tenant: &'a Tenant, app| Target {
        tenant,
        app,
        segment,
    };
    match named {
        Some(tenant) => tenant
            .app(id)
            .map(|app| target(tenant, app))
            .ok_or_else(unknown),
        None => {
            let mut registered = emulator
                .directory
                .tenants
                .iter()
                .filter_map(|t| t.app(id).map(|app| target(t, app)));
            match (registered.next(), registered.next()) {
                (Some(only), None) => Ok(only),
                (Some(_), Some(_)) => Err(EntraError::no_tenant_information()),
                (None, _) => Err(unknown()),
            }
        }
    }
}

/// Whether a delegated grant belongs to this tenant: its user does. A code or refresh token
/// is the tenant's own; redeemed at another tenant (by a multi-tenant app) it is unknown.
fn of_tenant(tenant: &Tenant, delegation: &Delegation) -> bool {
    tenant.user_by_id(delegation.user_id).is_some()
}

pub(super) async fn token(
    State(emulator): State<Shared>,
    Path(tenant): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    match grant(&emulator, &tenant, &headers, &parse_form(&body)) {
        Ok(answer) => Json(answer).into_response(),
        Err(err) => err.into_response(),
    }
}

/// `Authorization: Basic base64(client_id:secret)` (RFC 6749 §2.3.1, URL-encoded parts).
fn basic_credentials(headers: &HeaderMap) -> Option<(String, String)> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let encoded = value.strip_prefix("Basic ")?;
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .ok()?;
    let text = String::from_utf8(decoded).ok()?;
    let (id, secret) = text.split_once(':')?;
    let unescape = |s: &str| {
        url::form_urlencoded::parse(format!("x={s}").as_bytes())
            .next()
            .map(|(_, v)| v.into_owned())
            .unwrap_or_default()
    };
    Some((unescape(id), unescape(secret)))
}

fn grant(
    emulator: &Emulator,
    tenant: &str,
    headers: &HeaderMap,
    form: &Form,
) -> Result<serde_json::Value, EntraError> {
    let named = check_tenant(emulator, tenant)?;
    // Browsers send Origin; only SPA registrations may redeem from one, and the emulator
    // registers none (graph-facts §1.1).
    if let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
        return Err(EntraError::cross_origin(origin));
    }
    let basic = basic_credentials(headers);
    let field = |name: &str| form.get(name).map(String::as_str).filter(|v| !v.is_empty());
    let client_id = field("client_id").or(basic.as_ref().map(|(id, _)| id.as_str()));
    let target = find_target(emulator, named, client_id, tenant)?;
    let app = target.app;
    let grant_type =
        field("grant_type").ok_or_else(|| EntraError::missing_parameter("grant_type"))?;
    let credentials = Credentials {
        secret: field("client_secret").or(basic.as_ref().map(|(_, s)| s.as_str())),
        assertion_type: field("client_assertion_type"),
        assertion: field("client_assertion"),
    };
    let endpoint = emulator.urls.token_endpoint(tenant);
    let graph = target.graph_names(emulator);
    match grant_type {
        "client_credentials" => {
            let auth = client_auth::authenticate(emulator, app, &credentials, &endpoint)?;
            if auth == ClientAuth::Public {
                return Err(EntraError::missing_credential());
            }
            let raw = field("scope").ok_or_else(|| EntraError::missing_parameter("scope"))?;
            scope::require_default(&scope::parse(raw, &graph)?, raw)?;
            Ok(issue::app_only(emulator, target.tenant, app, auth))
        }
        "authorization_code" => {
            let auth = client_auth::authenticate(emulator, app, &credentials, &endpoint)?;
            let code = field("code").ok_or_else(|| EntraError::missing_parameter("code"))?;
            let delegation = redeem_code(
                emulator,
                target,
                code,
                field("redirect_uri"),
                field("code_verifier"),
            )?;
            issue::delegated(emulator, target.tenant, delegation, auth)
        }
        "refresh_token" => {
            let auth = client_auth::authenticate(emulator, app, &credentials, &endpoint)?;
            let token = field("refresh_token")
                .ok_or_else(|| EntraError::missing_parameter("refresh_token"))?;
            let requested = field("scope")
                .map(|s| scope::parse(s, &graph))
                .transpose()?;
            let delegation = redeem_refresh(emulator, target, token, requested)?;
            issue::delegated(emulator, target.tenant, delegation, auth)
        }
        DEVICE_CODE_GRANT => {
            let auth = client_auth::authenticate(emulator, app, &credentials, &endpoint)?;
            let code =
                field("device_code").ok_or_else(|| EntraError::missing_parameter("device_code"))?;
            let delegation = poll_device_code(emulator, target, code)?;
            issue::delegated(emulator, target.tenant, delegation, auth)
        }
        other => Err(EntraError::unsupported_grant(other)),
    }
}

/// The Graph permissions a delegated request ends up with, or 65001 when the tenant has not
/// consented to one of them.
pub(super) fn consented_scopes(
    app: &App,
    request: &scope::ScopeRequest,
) -> Result<Vec<String>, EntraError> {
    let consented = &app.spec.delegated_scopes;
    if request.default {
        return Ok(consented.clone());
    }
    let missing = request
        .permissions
        .iter()
        .any(|p| !consented.iter().any(|c| c.eq_ignore_ascii_case(p)));
    if missing {
        return Err(EntraError::consent_required(
            &app.spec.client_id.to_string(),
            &app.spec.name,
        ));
    }
    Ok(request.permissions.clone())
}

fn redeem_code(
    emulator: &Emulator,
    target: Target<'_>,
    code: &str,
    redirect_uri: Option<&str>,
    verifier: Option<&str>,
) -> Result<Delegation, EntraError> {
    let mut grants = lock(&emulator.grants);
    let entry = grants
        .codes
        .get_mut(code)
        .filter(|c| c.delegation.client_id == target.app.spec.client_id)
        .filter(|c| of_tenant(target.tenant, &c.delegation))
        .ok_or_else(EntraError::malformed_grant)?;
    if entry.redeemed {
        return Err(EntraError::code_redeemed());
    }
    if entry.expires <= emulator.clock.now() {
        return Err(EntraError::new(
            axum::http::StatusCode::BAD_REQUEST,
            "invalid_grant",
            70008,
            "The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.".into(),
        ));
    }
    if redirect_uri != Some(entry.redirect_uri.as_str()) {
        return Err(EntraError::redirect_mismatch(
            &target.app.spec.client_id.to_string(),
            redirect_uri.unwrap_or_default(),
        ));
    }
    if let Some((challenge, method)) = &entry.challenge {
        let verifier = verifier.ok_or_else(|| EntraError::missing_parameter("code_verifier"))?;
        let derived = match method.as_str() {
            "S256" => crypto::base64url(&crypto::sha256(verifier.as_bytes())),
            _ => verifier.to_owned(),
        };
        if derived != *challenge {
            return Err(EntraError::pkce_mismatch());
        }
    }
    entry.redeemed = true;
    Ok(entry.delegation.clone())
}

fn redeem_refresh(
    emulator: &Emulator,
    target: Target<'_>,
    token: &str,
    requested: Option<scope::ScopeRequest>,
) -> Result<Delegation, EntraError> {
    let grants = lock(&emulator.grants);
    let entry = grants
        .refresh
        .get(token)
        .filter(|g| g.delegation.client_id == target.app.spec.client_id)
        .filter(|g| of_tenant(target.tenant, &g.delegation))
        .ok_or_else(EntraError::malformed_grant)?;
    if entry.revoked {
        return Err(EntraError::revoked_refresh_token());
    }
    let idle = emulator.directory.settings.refresh_token_idle_secs;
    if (emulator.clock.now() - entry.issued).num_seconds() > idle {
        return Err(EntraError::idle_refresh_token(idle));
    }
    let mut delegation = entry.delegation.clone();
    if let Some(request) = requested.filter(|r| !r.default && !r.permissions.is_empty()) {
        let within = request
            .permissions
            .iter()
            .all(|p| delegation.scopes.iter().any(|s| s.eq_ignore_ascii_case(p)));
        delegation.scopes = if within {
            request.permissions.clone()
        } else {
            consented_scopes(target.app, &request)?
        };
    }
    Ok(delegation)
}

fn poll_device_code(
    emulator: &Emulator,
    target: Target<'_>,
    code: &str,
) -> Result<Delegation, EntraError> {
    let now = emulator.clock.now();
    let mut grants = lock(&emulator.grants);
    let device = grants
        .devices
        .get_mut(code)
        .filter(|d| d.client_id == target.app.spec.client_id)
        .filter(|d| d.tenant_id == target.tenant.tenant_id)
        .ok_or_else(EntraError::bad_verification_code)?;
    if device.expires <= now {
        return Err(EntraError::device_code_expired());
    }
    let too_soon = (now - device.last_poll).num_milliseconds() < device.interval_secs * 1000;
    device.last_poll = now;
    match device.state.clone() {
        DeviceState::Pending if too_soon => Err(EntraError::slow_down()),
        DeviceState::Pending => Err(EntraError::authorization_pending()),
        DeviceState::Declined => Err(EntraError::authorization_declined()),
        DeviceState::Redeemed => Err(EntraError::code_redeemed()),
        DeviceState::Approved(user_id) => {
            device.state = DeviceState::Redeemed;
            Ok(Delegation {
                client_id: device.client_id,
                user_id,
                scopes: device.scopes.clone(),
                offline_access: device.offline_access,
                openid: device.openid,
            })
        }
    }
}
