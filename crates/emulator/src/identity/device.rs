//! Device code flow: `POST /{tenant}/oauth2/v2.0/devicecode` and the verification page the
//! user opens (`/devicelogin`). Tests approve or decline through the admin API instead.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Response};
use chrono::Duration;
use serde_json::json;

use super::error::EntraError;
use super::grants::{DeviceGrant, DeviceState};
use super::page;
use super::scope;
use super::token::{check_tenant, consented_scopes, find_target, parse_form};
use crate::crypto;
use crate::state::{Emulator, Shared, lock};

/// Letters and digits that cannot be mistaken for each other when typed.
const USER_CODE_ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

pub(crate) async fn devicecode(
    State(emulator): State<Shared>,
    Path(tenant): Path<String>,
    body: Bytes,
) -> Response {
    match start(&emulator, &tenant, &parse_form(&body)) {
        Ok(answer) => Json(answer).into_response(),
        Err(err) => err.into_response(),
    }
}

fn start(
    emulator: &Emulator,
    tenant: &str,
    form: &super::token::Form,
) -> Result<serde_json::Value, EntraError> {
    let named = check_tenant(emulator, tenant)?;
    let target = find_target(
        emulator,
        named,
        form.get("client_id").map(String::as_str),
        tenant,
    )?;
    let raw = form
        .get("scope")
        .filter(|s| !s.trim().is_empty())
        .ok_or_else(|| EntraError::missing_parameter("scope"))?;
    let request = scope::parse(raw, &target.graph_names(emulator))?;
    let scopes = consented_scopes(target.app, &request)?;
    let settings = &emulator.directory.settings;
    let device_code = crypto::opaque_token("DAQABAAEAAAD");
    let user_code: String = crypto::random_bytes::<9>()
        .iter()
        .map(|b| USER_CODE_ALPHABET[*b as usize % USER_CODE_ALPHABET.len()] as char)
        .collect();
    let now = emulator.clock.now();
    lock(&emulator.grants).devices.insert(
        device_code.clone(),
        DeviceGrant {
            user_code: user_code.clone(),
            tenant_id: target.tenant.tenant_id,
            client_id: target.app.spec.client_id,
            scopes,
            offline_access: request.offline_access,
            openid: request.openid,
            expires: now + Duration::seconds(settings.device_code_lifetime_secs),
            interval_secs: settings.device_code_interval_secs,
            last_poll: now,
            state: DeviceState::Pending,
        },
    );
    let verification_uri = format!("{}/devicelogin", emulator.urls.base);
    Ok(json!({
        "user_code": user_code,
        "device_code": device_code,
        "verification_uri": verification_uri,
        "expires_in": settings.device_code_lifetime_secs,
        "interval": settings.device_code_interval_secs,
        "message": format!("To sign in, use a web browser to open the page {verification_uri} and enter the code {user_code} to authenticate."),
    }))
}

/// Why a user could not complete a device sign-in.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum ApproveError {
    UnknownCode,
    NotPending,
    UnknownUser,
    SignInBlocked,
}

/// Approves (`Some(user)`) or declines (`None`) the pending request with this user code.
pub(crate) fn decide(
    emulator: &Emulator,
    user_code: &str,
    user: Option<&str>,
) -> Result<(), ApproveError> {
    let user = match user {
        Some(upn) => {
            let (tenant, user) = emulator
                .directory
                .user(upn)
                .ok_or(ApproveError::UnknownUser)?;
            if !user.can_sign_in() {
                return Err(ApproveError::SignInBlocked);
            }
            Some((tenant.tenant_id, user.id))
        }
        None => None,
    };
    let now = emulator.clock.now();
    let mut grants = lock(&emulator.grants);
    let device = grants
        .device_by_user_code(user_code)
        .filter(|d| d.expires > now)
        .ok_or(ApproveError::UnknownCode)?;
    if device.state != DeviceState::Pending {
        return Err(ApproveError::NotPending);
    }
    // A user of another tenant does not exist in this code's directory (AADSTS50034).
    if user.is_some_and(|(tenant_id, _)| tenant_id != device.tenant_id) {
        return Err(ApproveError::UnknownUser);
    }
    let user_id = user.map(|(_, id)| id);
    device.state = match user_id {
        Some(id) => DeviceState::Approved(id),
        None => DeviceState::Declined,
    };
    Ok(())
}

pub(crate) async fn login_page() -> Html<String> {
    page::render(
        "Enter code",
        r#"<form method="post" action="/devicelogin">
<p><label>Code <input name="user_code" autofocus></label></p>
<p><label>User <input name="username" placeholder="alex@contoso.test"></label></p>
<p><button name="action" value="approve">Sign in</button> <button name="action" value="decline">Decline</button></p>
</form>"#,
    )
}

pub(crate) async fn login_submit(State(emulator): State<Shared>, body: Bytes) -> Html<String> {
    let form = parse_form(&body);
    let code = form
        .get("user_code")
        .map(String::as_str)
        .unwrap_or_default();
    let user = (form.get("action").map(String::as_str) != Some("decline"))
        .then(|| form.get("username").map(String::as_str).unwrap_or_default());
    let text = match decide(&emulator, code, user) {
        Ok(()) if user.is_some() => "You have signed in. You may now close this window.",
        Ok(()) => "You declined the sign-in request.",
        Err(ApproveError::UnknownCode) => "That code was not recognised or has expired.",
        Err(ApproveError::NotPending) => "That code was already used.",
        Err(ApproveError::UnknownUser) => {
            "AADSTS50034: The user account does not exist in this directory."
        }
        Err(ApproveError::SignInBlocked) => "AADSTS50057: The user account is disabled.",
    };
    page::render("Device sign-in", &format!("<p>{}</p>", page::escape(text)))
}
