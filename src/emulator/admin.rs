//! The admin API (`/admin`, loopback callers only): what a test does to the world around the
//! client — deliver mail, play the user at the sign-in prompt, script faults, move the clock,
//! revoke sessions — and the journal it reads back.

use std::net::SocketAddr;

use axum::extract::DefaultBodyLimit;
use axum::extract::connect_info::Connected;
use axum::extract::{ConnectInfo, Path, Query, Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::serve::IncomingStream;
use axum::{Json, Router};
use base64::Engine;
use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde_json::{Value, json};

use super::faults::Rule;
use super::identity;
use super::identity::device::{self, ApproveError};
use super::mime;
use super::state::{Shared, lock};
use super::subscriptions;
use super::tls::TlsListener;

/// Exchange Online accepts messages up to 150 MB; base64 in JSON adds a third.
const ADMIN_BODY_LIMIT: usize = 210 * 1024 * 1024;

pub fn routes() -> Router<Shared> {
    Router::new()
        .route(
            "/mailboxes/{mailbox}/messages",
            post(deliver).get(list_messages),
        )
        .route("/devicecodes", get(list_device_codes))
        .route(
            "/devicecodes/{user_code}/approve",
            post(approve_device_code),
        )
        .route(
            "/devicecodes/{user_code}/decline",
            post(decline_device_code),
        )
        .route(
            "/faults",
            post(arm_fault).get(list_faults).delete(clear_faults),
        )
        .route("/journal", get(read_journal).delete(clear_journal))
        .route("/clock/advance", post(advance_clock))
        .route("/users/{user}/revoke-sessions", post(revoke_sessions))
        .route("/authorize/auto-approve", put(set_auto_approve))
        .route("/notifications", get(list_notifications))
        .route("/federation/token", post(mint_federated_token))
        .route("/subscriptions/{id}/lifecycle", post(send_lifecycle))
        // Test messages with attachments are bigger than axum's 2 MB default.
        .layer(DefaultBodyLimit::max(ADMIN_BODY_LIMIT))
        .layer(axum::middleware::from_fn(loopback_only))
}

/// The remote address of a connection, plain or TLS.
#[derive(Debug, Clone, Copy)]
pub struct Peer(pub SocketAddr);

impl Connected<IncomingStream<'_, tokio::net::TcpListener>> for Peer {
    fn connect_info(stream: IncomingStream<'_, tokio::net::TcpListener>) -> Peer {
        Peer(*stream.remote_addr())
    }
}

impl Connected<IncomingStream<'_, TlsListener>> for Peer {
    fn connect_info(stream: IncomingStream<'_, TlsListener>) -> Peer {
        Peer(*stream.remote_addr())
    }
}

/// The admin API changes the world under every client: only this machine may call it.
async fn loopback_only(
    ConnectInfo(peer): ConnectInfo<Peer>,
    request: Request,
    next: Next,
) -> Response {
    if peer.0.ip().is_loopback() {
        next.run(request).await
    } else {
        problem(
            StatusCode::FORBIDDEN,
            "the admin API answers loopback callers only",
        )
    }
}

fn problem(status: StatusCode, message: &str) -> Response {
    (status, Json(json!({"error": message}))).into_response()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Delivery {
    /// Folder path (`Inbox/Support`) or well-known name; default `Inbox`.
    #[serde(default)]
    folder: Option<String>,
    /// The message as RFC 822 text…
    #[serde(default)]
    mime: Option<String>,
    /// …or as base64 (for 8-bit content).
    #[serde(default)]
    mime_base64: Option<String>,
    #[serde(default)]
    received: Option<DateTime<Utc>>,
    #[serde(default)]
    is_read: bool,
}

async fn deliver(
    State(emulator): State<Shared>,
    Path(mailbox): Path<String>,
    Json(delivery): Json<Delivery>,
) -> Response {
    let raw = match (delivery.mime, delivery.mime_base64) {
        (Some(text), None) => text.into_bytes(),
        (None, Some(b64)) => match base64::engine::general_purpose::STANDARD.decode(b64.trim()) {
            Ok(bytes) => bytes,
            Err(_) => return problem(StatusCode::BAD_REQUEST, "mime_base64 is not base64"),
        },
        _ => {
            return problem(
                StatusCode::BAD_REQUEST,
                "give exactly one of mime, mime_base64",
            );
        }
    };
    let Some(parsed) = mime::parse(&raw) else {
        return problem(
            StatusCode::BAD_REQUEST,
            "the body is not an RFC 822 message",
        );
    };
    let Some(user) = emulator.directory.user(&mailbox) else {
        return problem(StatusCode::NOT_FOUND, "no such user in this tenant");
    };
    let mut store = lock(&emulator.mail);
    let Some(mailbox) = store.mailbox_mut(user.id) else {
        return problem(
            StatusCode::CONFLICT,
            "this user has no mailbox (unlicensed)",
        );
    };
    let path = delivery.folder.unwrap_or_else(|| "Inbox".to_owned());
    let Some(folder_id) = mailbox.folder_by_path(&path).map(|f| f.id.clone()) else {
        return problem(StatusCode::NOT_FOUND, "no such folder in this mailbox");
    };
    let received = delivery.received.unwrap_or_else(|| emulator.clock.now());
    let message = mailbox.deliver(&folder_id, parsed, raw, received, delivery.is_read);
    let answer = json!({
        "id": message.id,
        "immutable_id": message.immutable_id,
        "folder_id": message.folder_id,
        "internet_message_id": message.parsed.internet_message_id,
    });
    drop(store);
    subscriptions::flush(&emulator);
    (StatusCode::CREATED, Json(answer)).into_response()
}

async fn list_messages(State(emulator): State<Shared>, Path(mailbox): Path<String>) -> Response {
    let Some(user) = emulator.directory.user(&mailbox) else {
        return problem(StatusCode::NOT_FOUND, "no such user in this tenant");
    };
    let store = lock(&emulator.mail);
    let Some(mailbox) = store.mailbox(user.id) else {
        return problem(
            StatusCode::CONFLICT,
            "this user has no mailbox (unlicensed)",
        );
    };
    let messages: Vec<Value> = mailbox
        .messages
        .iter()
        .map(|m| {
            json!({
                "id": m.id,
                "immutable_id": m.immutable_id,
                "folder": mailbox.path_of(&m.folder_id),
                "subject": m.parsed.subject,
                "internet_message_id": m.parsed.internet_message_id,
                "is_read": m.is_read,
                "received": m.received,
            })
        })
        .collect();
    Json(json!({"messages": messages})).into_response()
}

async fn list_device_codes(State(emulator): State<Shared>) -> Json<Value> {
    let grants = lock(&emulator.grants);
    let codes: Vec<Value> = grants
        .devices
        .values()
        .map(|d| {
            json!({
                "user_code": d.user_code,
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
struct Approval {
    user: String,
}

async fn approve_device_code(
    State(emulator): State<Shared>,
    Path(user_code): Path<String>,
    Json(approval): Json<Approval>,
) -> Response {
    device_decision(device::decide(&emulator, &user_code, Some(&approval.user)))
}

async fn decline_device_code(
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
        Err(ApproveError::UnknownUser) => {
            problem(StatusCode::NOT_FOUND, "no such user in this tenant")
        }
        Err(ApproveError::SignInBlocked) => problem(
            StatusCode::CONFLICT,
            "that account cannot sign in (shared mailbox)",
        ),
    }
}

async fn arm_fault(State(emulator): State<Shared>, Json(rule): Json<Rule>) -> Response {
    let id = lock(&emulator.faults).arm(rule);
    (StatusCode::CREATED, Json(json!({"id": id}))).into_response()
}

async fn list_faults(State(emulator): State<Shared>) -> Json<Value> {
    Json(json!({"faults": lock(&emulator.faults).list()}))
}

async fn clear_faults(State(emulator): State<Shared>) -> StatusCode {
    lock(&emulator.faults).clear();
    StatusCode::NO_CONTENT
}

#[derive(Deserialize)]
struct Since {
    #[serde(default)]
    since: u64,
}

async fn read_journal(State(emulator): State<Shared>, Query(since): Query<Since>) -> Json<Value> {
    Json(json!({"entries": lock(&emulator.journal).since(since.since)}))
}

async fn clear_journal(State(emulator): State<Shared>) -> StatusCode {
    lock(&emulator.journal).clear();
    StatusCode::NO_CONTENT
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Advance {
    seconds: i64,
}

async fn advance_clock(State(emulator): State<Shared>, Json(advance): Json<Advance>) -> Response {
    if advance.seconds < 0 {
        return problem(StatusCode::BAD_REQUEST, "the clock only moves forward");
    }
    emulator.clock.advance(advance.seconds);
    Json(json!({"now": emulator.clock.now()})).into_response()
}

async fn revoke_sessions(State(emulator): State<Shared>, Path(user): Path<String>) -> Response {
    let Some(user) = emulator.directory.user(&user) else {
        return problem(StatusCode::NOT_FOUND, "no such user in this tenant");
    };
    let revoked = lock(&emulator.grants).revoke_user(user.id);
    Json(json!({"revoked": revoked})).into_response()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AutoApprove {
    user: Option<String>,
}

async fn set_auto_approve(
    State(emulator): State<Shared>,
    Json(setting): Json<AutoApprove>,
) -> Response {
    let user_id = match setting.user.as_deref() {
        None => None,
        Some(upn) => match emulator.directory.user(upn) {
            Some(user) if user.can_sign_in() => Some(user.id),
            Some(_) => return problem(StatusCode::CONFLICT, "that account cannot sign in"),
            None => return problem(StatusCode::NOT_FOUND, "no such user in this tenant"),
        },
    };
    lock(&emulator.grants).auto_approve = user_id;
    StatusCode::NO_CONTENT.into_response()
}

async fn list_notifications(State(emulator): State<Shared>) -> Json<Value> {
    Json(json!({"attempts": emulator.notifier.attempts()}))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Lifecycle {
    event: String,
}

async fn send_lifecycle(
    State(emulator): State<Shared>,
    Path(id): Path<uuid::Uuid>,
    Json(lifecycle): Json<Lifecycle>,
) -> Response {
    const EVENTS: [&str; 3] = ["reauthorizationRequired", "subscriptionRemoved", "missed"];
    if !EVENTS.contains(&lifecycle.event.as_str()) {
        return problem(
            StatusCode::BAD_REQUEST,
            "event must be reauthorizationRequired, subscriptionRemoved or missed",
        );
    }
    let now = emulator.clock.now();
    let found = lock(&emulator.subscriptions)
        .live(now)
        .iter()
        .find(|s| s.id == id)
        .cloned();
    let Some(subscription) = found else {
        return problem(StatusCode::NOT_FOUND, "no such subscription");
    };
    if subscriptions::lifecycle(&emulator, &subscription, &lifecycle.event).is_err() {
        return problem(
            StatusCode::CONFLICT,
            "the subscription has no lifecycleNotificationUrl",
        );
    }
    if lifecycle.event == "subscriptionRemoved" {
        lock(&emulator.subscriptions).remove(id);
    }
    StatusCode::ACCEPTED.into_response()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FederatedTokenRequest {
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
async fn mint_federated_token(
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
