//! Mail delivery into mailboxes and a look at what they hold.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use base64::Engine;
use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde_json::{Value, json};

use super::problem;
use crate::mime;
use crate::state::{Shared, lock};
use crate::subscriptions;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Delivery {
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

pub(super) async fn deliver(
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
    // Ids and addresses are unique across tenants, so the mailbox names its tenant.
    let Some((tenant, user)) = emulator.directory.mailbox(&mailbox) else {
        return problem(StatusCode::NOT_FOUND, "no such user in any tenant");
    };
    let Some(parsed) = mime::parse_for_delivery(raw, &tenant.domain) else {
        return problem(
            StatusCode::BAD_REQUEST,
            "the body is not an RFC 822 message",
        );
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
    let (parsed, raw) = parsed;
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

pub(super) async fn list_messages(
    State(emulator): State<Shared>,
    Path(mailbox): Path<String>,
) -> Response {
    let Some((_, user)) = emulator.directory.mailbox(&mailbox) else {
        return problem(StatusCode::NOT_FOUND, "no such user in any tenant");
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
                "is_draft": m.is_draft,
                "categories": m.categories,
                "flag": m.flag_status,
                "received": m.received,
            })
        })
        .collect();
    Json(json!({"messages": messages})).into_response()
}
