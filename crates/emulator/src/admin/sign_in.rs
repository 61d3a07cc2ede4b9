//! Playing the user and the identity provider: device-code decisions, browser auto-approve,
//! revoking sessions, and federated tokens.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{Value, json};

use super::problem;
use crate::identity;
use crate::identity::device::{self, ApproveError};
use crate::state::{Shared, lock};

pub(super) async fn list_device_codes(State(emulator): State<Shared>) -> Json<Value> {
    let grants = lock(&emulator.grants);
    let codes: Vec<Value> = grants
        .devices
        .values()
        .map(|d| {
            json!({
                "user_code": d.user_code,
                "tenant_id": d.tenant_id,
                "client_id": d.client_id,
                "scopes": d.scopes,
                "expires": d.expires,
                "status": d.state,
            })
        })
        .collect();
    Json(json!({"device_codes": codes}))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Approval {
    user: String,
}

pub(super) async fn approve_device_code(
    State(emulator): State<Shared>,
    Path(user_code): Path<String>,
    Json(approval): Json<Approval>,
) -> Response {
    device_decision(device::decide(&emulator, &user_code, Some(&approval.user)))
}

pub(super) async fn decline_device_code(
    State(emulator): State<Shared>,
    Path(user_code): Path<String>,
) -> Response {
    device_decision(device::decide(&emulator, &user_code, None))
}

fn device_decision(outcome: Result<(), ApproveError>) -> Response {
    match outcome {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(ApproveError::UnknownCode) => problem(
            StatusCode::NOT_FOUND,
            "no pending device code with that user code",
        ),
        Err(ApproveError::NotPending) => problem(
            StatusCode::CONFLICT,
            "that device code was already approved, declined or redeemed",
        ),
        Err(ApproveError::UnknownUser) => problem(
            StatusCode::NOT_FOUND,
            "no such user in the tenant of that device code",
        ),
        Err(ApproveError::SignInBlocked) => problem(
            StatusCode::CONFLICT,
            "that account cannot sign in (shared mailbox)",
        ),
    }
}

pub(super) async fn revoke_sessions(
    State(emulator): State<Shared>,
    Path(user): Path<String>,
) -> Response {
    let Some((_, user)) = emulator.directory.user(&user) else {
        return problem(StatusCode::NOT_FOUND, "no such user in any tenant");
    };
    let revoked = lock(&emulator.grants).revoke_user(user.id);
    Json(json!({"revoked": revoked})).into_response()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct AutoApprove {
    user: Option<String>,
}

pub(super) async fn set_auto_approve(
    State(emulator): State<Shared>,
    Json(setting): Json<AutoApprove>,
) -> Response {
    let user_id = match setting.user.as_deref() {
        None => None,
        Some(upn) => match emulator.directory.user(upn) {
            Some((_, user)) if user.can_sign_in() => Some(user.id),
            Some(_) => return problem(StatusCode::CONFLICT, "that account cannot sign in"),
            None => return problem(StatusCode::NOT_FOUND, "no such user in any tenant"),
        },
    };
    lock(&emulator.grants).auto_approve = user_id;
    StatusCode::NO_CONTENT.into_response()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FederatedTokenRequest {
    subject: String,
    #[serde(default = "default_audience")]
    audience: String,
    #[serde(default = "default_lifetime")]
    lifetime_secs: i64,
}

fn default_audience() -> String {
    "api://AzureADTokenExchange".to_owned()
}

fn default_lifetime() -> i64 {
    3600
}

/// A token from the emulator's own issuer, for `AZURE_FEDERATED_TOKEN_FILE`.
pub(super) async fn mint_federated_token(
    State(emulator): State<Shared>,
    Json(request): Json<FederatedTokenRequest>,
) -> Json<Value> {
    let token = identity::federation::mint(
        &emulator,
        &request.subject,
        &request.audience,
        request.lifetime_secs,
    );
    Json(json!({"token": token, "issuer": identity::federation::issuer_url(&emulator)}))
}
