//! The admin API (`/admin`, loopback callers only): what a test does to the world around the
//! client — deliver mail, play the user at the sign-in prompt, script faults, move the clock,
//! revoke sessions — and the journal it reads back.

use std::net::SocketAddr;

use axum::extract::DefaultBodyLimit;
use axum::extract::connect_info::Connected;
use axum::extract::{ConnectInfo, Request};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::serve::IncomingStream;
use axum::{Json, Router};
use serde_json::json;

use super::state::Shared;
use super::tls::TlsListener;

mod control;
mod mail;
mod sign_in;

/// Exchange Online accepts messages up to 150 MB; base64 in JSON adds a third.
const ADMIN_BODY_LIMIT: usize = 210 * 1024 * 1024;

pub(crate) fn routes() -> Router<Shared> {
    Router::new()
        .route(
            "/mailboxes/{mailbox}/messages",
            post(mail::deliver).get(mail::list_messages),
        )
        .route("/devicecodes", get(sign_in::list_device_codes))
        .route(
            "/devicecodes/{user_code}/approve",
            post(sign_in::approve_device_code),
        )
        .route(
            "/devicecodes/{user_code}/decline",
            post(sign_in::decline_device_code),
        )
        .route(
            "/faults",
            post(control::arm_fault)
                .get(control::list_faults)
                .delete(control::clear_faults),
        )
        .route(
            "/journal",
            get(control::read_journal).delete(control::clear_journal),
        )
        .route("/clock/advance", post(control::advance_clock))
        .route(
            "/users/{user}/revoke-sessions",
            post(sign_in::revoke_sessions),
        )
        .route("/authorize/auto-approve", put(sign_in::set_auto_approve))
        .route("/notifications", get(control::list_notifications))
        .route("/federation/token", post(sign_in::mint_federated_token))
        .route(
            "/subscriptions/{id}/lifecycle",
            post(control::send_lifecycle),
        )
        // Test messages with attachments are bigger than axum's 2 MB default.
        .layer(DefaultBodyLimit::max(ADMIN_BODY_LIMIT))
        .layer(axum::middleware::from_fn(loopback_only))
}

/// The remote address of a connection, plain or TLS.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Peer(pub SocketAddr);

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
