//! Drafts and attachments: create a draft, edit it, attach files (inline JSON under 3 MB,
//! upload sessions from 3 to 150 MB, graph-facts §4), and send it.

use std::collections::HashMap;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use chrono::{DateTime, Duration, Utc};
use serde_json::{Value, json};
use uuid::Uuid;

use super::compose::{self, Envelope};
use super::error::GraphError;
use super::{GraphResponse, Op, render, send};
use crate::crypto;
use crate::mailstore::Mailbox;
use crate::mime;
use crate::state::{Shared, lock};

/// Docs draw the line at 3 MB; sessions were observed to work from 2 MiB, and a single POST
/// to fail above about 3 MB (413) — microsoftgraph/msgraph-sdk-java#52.
const MIN_UPLOAD: u64 = 2 * 1024 * 1024;
const MAX_SINGLE_POST: usize = 3 * 1024 * 1024;
const MAX_UPLOAD: u64 = 150 * 1024 * 1024;
/// Upload chunks are at most 4 MB.
pub(super) const MAX_CHUNK: usize = 4 * 1024 * 1024;

/// An attachment upload in progress, addressed by the secret in its upload URL.
pub(crate) struct UploadSession {
    user_id: Uuid,
    immutable_id: String,
    attachment: Value,
    size: u64,
    data: Vec<u8>,
    expires: DateTime<Utc>,
}

pub(crate) type Uploads = HashMap<String, UploadSession>;

fn not_a_draft() -> GraphError {
    GraphError::bad_request(
        "ErrorInvalidOperation",
        "This operation is supported on draft messages only in the mailconn emulator.",
    )
}

/// Composes a draft's MIME from its JSON, keeping its Message-ID.
fn build(
    op: &Op<'_>,
    json: &Value,
    message_id: Option<String>,
) -> Result<(mime::Parsed, Vec<u8>), GraphError> {
    let raw = compose::compose(json, &Envelope::for_op(op, message_id))?;
    let parsed = mime::parse(&raw)
        .ok_or_else(|| GraphError::invalid_request("The message could not be composed."))?;
    Ok((parsed, raw))
}

/// `POST /messages` or `/mailFolders/{id}/messages`: a new draft (Drafts by default).
pub(super) fn create(op: &Op<'_>, folder: Option<&str>) -> Result<GraphResponse, GraphError> {
    let json = op.json_body()?;
    if !json.is_object() {
        return Err(GraphError::bad_request(
            "UnableToDeserializePostBody",
            "The request body must be a JSON message.",
        ));
    }
    let (parsed, raw) = build(op, &json, None)?;
    let now = op.emulator.clock.now();
    let mut store = lock(&op.emulator.mail);
    let mailbox = store
        .mailbox_mut(op.context.user_id)
        .ok_or_else(GraphError::mailbox_not_enabled)?;
    let folder_id = mailbox
        .folder(folder.unwrap_or("drafts"))
        .ok_or_else(|| GraphError::unknown_id(folder.unwrap_or_default()))?
        .id
        .clone();
    let index = mailbox.save_draft(&folder_id, parsed, raw, json, now);
    Ok(GraphResponse::json(
        StatusCode::CREATED,
        render_message(op, mailbox, index),
    ))
}

fn render_message(op: &Op<'_>, mailbox: &Mailbox, index: usize) -> Value {
    render::message(
        &mailbox.messages[index],
        op.immutable_ids(),
        op.text_bodies(),
        None,
        &op.emulator.urls.base,
    )
}

/// Re-composes a draft after its JSON changed (PATCH, new attachment).
pub(super) fn recompose(
    op: &Op<'_>,
    mailbox: &mut Mailbox,
    index: usize,
    json: Value,
) -> Result<(), GraphError> {
    let message_id = mailbox.messages[index].parsed.internet_message_id.clone();
    recompose_as(mailbox, index, json, Envelope::for_op(op, message_id))
}

fn recompose_as(
    mailbox: &mut Mailbox,
    index: usize,
    json: Value,
    envelope: Envelope,
) -> Result<(), GraphError> {
    let raw = compose::compose(&json, &envelope)?;
    let parsed = mime::parse(&raw)
        .ok_or_else(|| GraphError::invalid_request("The message could not be composed."))?;
    mailbox.recompose(index, parsed, raw, json, envelope.date);
    Ok(())
}

/// The draft's JSON with one more attachment, and that attachment's position.
fn with_attachment(
    mailbox: &Mailbox,
    index: usize,
    attachment: Value,
) -> Result<(Value, usize), GraphError> {
    let mut json = mailbox.messages[index]
        .draft
        .clone()
        .ok_or_else(not_a_draft)?;
    let list = json
        .as_object_mut()
        .ok_or_else(not_a_draft)?
        .entry("attachments")
        .or_insert_with(|| json!([]));
    let Some(list) = list.as_array_mut() else {
        return Err(GraphError::invalid_request(
            "The draft's attachments are not a list.",
        ));
    };
    list.push(attachment);
    let position = list.len() - 1;
    Ok((json, position))
}

fn draft_index(mailbox: &Mailbox, id: &str) -> Result<usize, GraphError> {
    let index = mailbox
        .message_index(id)
        .ok_or_else(|| GraphError::unknown_id(id))?;
    if mailbox.messages[index].draft.is_none() {
        return Err(not_a_draft());
    }
    Ok(index)
}

/// `POST /messages/{id}/attachments` with a fileAttachment (under 3 MB).
pub(super) fn add_attachment(op: &Op<'_>, id: &str) -> Result<GraphResponse, GraphError> {
    let attachment = op.json_body()?;
    let invalid = |what: &str| {
        GraphError::bad_request(
            "ErrorInvalidParameter",
            format!("The attachment needs {what}."),
        )
    };
    if attachment.get("@odata.type").and_then(Value::as_str)
        != Some("#microsoft.graph.fileAttachment")
    {
        return Err(invalid(
            "\"@odata.type\": \"#microsoft.graph.fileAttachment\"",
        ));
    }
    attachment
        .get("name")
        .and_then(Value::as_str)
        .ok_or_else(|| invalid("a name"))?;
    let bytes = attachment
        .get("contentBytes")
        .and_then(Value::as_str)
        .and_then(|b| STANDARD.decode(b).ok())
        .ok_or_else(|| invalid("base64 contentBytes"))?;
    if bytes.len() > MAX_SINGLE_POST {
        return Err(GraphError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "RequestEntityTooLarge",
            "Request Entity Too Large: attach files over 3 MB with an upload session.",
        ));
    }
    let mut store = lock(&op.emulator.mail);
    let mailbox = store
        .mailbox_mut(op.context.user_id)
        .ok_or_else(GraphError::mailbox_not_enabled)?;
    let index = draft_index(mailbox, id)?;
    let (json, position) = with_attachment(mailbox, index, attachment)?;
    recompose(op, mailbox, index, json)?;
    let message = &mailbox.messages[index];
    let added = &message.parsed.attachments[position];
    Ok(GraphResponse::json(
        StatusCode::CREATED,
        render::attachment(message, position, added),
    ))
}

/// `POST /messages/{id}/attachments/createUploadSession`.
pub(super) fn create_upload_session(op: &Op<'_>, id: &str) -> Result<GraphResponse, GraphError> {
    let body = op.json_body()?;
    let item = body.get("attachmentItem").ok_or_else(|| {
        GraphError::bad_request(
            "ErrorInvalidParameter",
            "The AttachmentItem parameter is required.",
        )
    })?;
    if item.get("attachmentType").and_then(Value::as_str) != Some("file") {
        return Err(GraphError::bad_request(
            "ErrorInvalidParameter",
            "attachmentType must be 'file'.",
        ));
    }
    let name = item.get("name").and_then(Value::as_str).ok_or_else(|| {
        GraphError::bad_request("ErrorInvalidParameter", "The attachment needs a name.")
    })?;
    let size = item.get("size").and_then(Value::as_u64).ok_or_else(|| {
        GraphError::bad_request("ErrorInvalidParameter", "The attachment needs a size.")
    })?;
    if size < MIN_UPLOAD {
        return Err(GraphError::bad_request(
            "ErrorAttachmentSizeShouldNotBeLessThanMinimumSize",
            "Attachment size must be greater than the minimum size; attach small files with a single POST.",
        ));
    }
    if size > MAX_UPLOAD {
        return Err(GraphError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "ErrorAttachmentSizeExceeded",
            "The attachment is larger than 150 MB.",
        ));
    }
    let immutable_id = {
        let store = lock(&op.emulator.mail);
        let mailbox = store
            .mailbox(op.context.user_id)
            .ok_or_else(GraphError::mailbox_not_enabled)?;
        let index = draft_index(mailbox, id)?;
        mailbox.messages[index].immutable_id.clone()
    };
    let token = crypto::opaque_token("");
    let expires = op.emulator.clock.now() + Duration::hours(1);
    let mut attachment = json!({
        "@odata.type": "#microsoft.graph.fileAttachment",
        "name": name,
        "contentType": item.get("contentType").and_then(Value::as_str).unwrap_or("application/octet-stream"),
        "isInline": item.get("isInline").and_then(Value::as_bool).unwrap_or(false),
    });
    if let Some(content_id) = item.get("contentId").and_then(Value::as_str) {
        attachment["contentId"] = json!(content_id);
    }
    lock(&op.emulator.uploads).insert(
        token.clone(),
        UploadSession {
            user_id: op.context.user_id,
            immutable_id,
            attachment,
            size,
            data: Vec::new(),
            expires,
        },
    );
    Ok(GraphResponse::json(
        StatusCode::CREATED,
        json!({
            "@odata.context": format!("{}/$metadata#microsoft.graph.uploadSession", op.emulator.urls.graph()),
            "uploadUrl": format!("{}/attachmentSessions/{token}", op.emulator.urls.base),
            "expirationDateTime": render::time(expires),
            "nextExpectedRanges": ["0-"],
        }),
    ))
}

/// `bytes {start}-{end}/{total}`
fn content_range(headers: &HeaderMap) -> Option<(u64, u64, u64)> {
    let value = headers.get(header::CONTENT_RANGE)?.to_str().ok()?;
    let (range, total) = value.strip_prefix("bytes ")?.split_once('/')?;
    let (start, end) = range.split_once('-')?;
    Some((start.parse().ok()?, end.parse().ok()?, total.parse().ok()?))
}

/// `PUT {uploadUrl}`: one chunk, in order, without an Authorization header.
pub(super) async fn upload_chunk(
    State(emulator): State<Shared>,
    Path(token): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    match upload(&emulator, &token, &headers, &body) {
        Ok(response) => response.into_response(),
        Err(err) => err.into_response(),
    }
}

fn upload(
    emulator: &Shared,
    token: &str,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<GraphResponse, GraphError> {
    if headers.contains_key(header::AUTHORIZATION) {
        return Err(GraphError::invalid_request(
            "An upload URL carries its own authorization; send no Authorization header.",
        ));
    }
    let now = emulator.clock.now();
    let mut uploads = lock(&emulator.uploads);
    uploads.retain(|_, s| s.expires > now);
    let session = uploads
        .get_mut(token)
        .ok_or_else(GraphError::item_not_found)?;
    let (start, end, total) = content_range(headers)
        .filter(|(start, end, _)| end >= start)
        .ok_or_else(|| {
            GraphError::invalid_request(
                "A Content-Range header 'bytes start-end/total' is required.",
            )
        })?;
    let length = end - start + 1;
    if total != session.size
        || start != session.data.len() as u64
        || length != body.len() as u64
        || end >= total
    {
        return Err(GraphError::new(
            StatusCode::RANGE_NOT_SATISFIABLE,
            "InvalidRange",
            format!(
                "The chunk must start at byte {} and match its Content-Range.",
                session.data.len()
            ),
        ));
    }
    if body.len() > MAX_CHUNK {
        return Err(GraphError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "RequestEntityTooLarge",
            "Chunks are at most 4 MB.",
        ));
    }
    session.data.extend_from_slice(body);
    if (session.data.len() as u64) < session.size {
        return Ok(GraphResponse::json(
            StatusCode::OK,
            json!({
                "@odata.context": format!("{}/$metadata#microsoft.graph.uploadSession", emulator.urls.graph()),
                "expirationDateTime": render::time(session.expires),
                "nextExpectedRanges": [session.data.len().to_string()],
            }),
        ));
    }
    let session = uploads.remove(token).expect("the session was just found");
    drop(uploads);
    let mut attachment = session.attachment;
    attachment["contentBytes"] = json!(STANDARD.encode(&session.data));
    complete(emulator, session.user_id, &session.immutable_id, attachment)
}

/// Attaches a finished upload to its draft and answers 201 with the attachment's Location.
fn complete(
    emulator: &Shared,
    user_id: Uuid,
    immutable_id: &str,
    attachment: Value,
) -> Result<GraphResponse, GraphError> {
    let (tenant, user) = emulator
        .directory
        .user_by_id(user_id)
        .ok_or_else(GraphError::item_not_found)?;
    let mut store = lock(&emulator.mail);
    let mailbox = store
        .mailbox_mut(user_id)
        .ok_or_else(GraphError::mailbox_not_enabled)?;
    let index = draft_index(mailbox, immutable_id)?;
    let (json, position) = with_attachment(mailbox, index, attachment)?;
    let message_id = mailbox.messages[index].parsed.internet_message_id.clone();
    let envelope = Envelope::new(&user.upn, emulator.clock.now(), message_id, &tenant.domain);
    recompose_as(mailbox, index, json, envelope)?;
    let message = &mailbox.messages[index];
    let location = format!(
        "{}/users('{user_id}')/messages('{}')/attachments('{}')",
        emulator.urls.graph(),
        message.id,
        render::attachment_id(message, position)
    );
    Ok(GraphResponse::empty(StatusCode::CREATED).with_header(header::LOCATION, &location))
}

/// `POST /messages/{id}/send`: the draft goes to Sent Items and to its recipients.
pub(super) fn send_draft(op: &Op<'_>, id: &str) -> Result<GraphResponse, GraphError> {
    let now = op.emulator.clock.now();
    let (parsed, raw) = {
        let mut store = lock(&op.emulator.mail);
        let mailbox = store
            .mailbox_mut(op.context.user_id)
            .ok_or_else(GraphError::mailbox_not_enabled)?;
        let index = draft_index(mailbox, id)?;
        send::check_send_as(op, mailbox.messages[index].parsed.from.as_ref())?;
        let sent_items = mailbox
            .folder("sentitems")
            .ok_or_else(GraphError::item_not_found)?
            .id
            .clone();
        let message = &mailbox.messages[index];
        let content = (message.parsed.clone(), message.mime.clone());
        let recipients = content.0.to.len() + content.0.cc.len() + content.0.bcc.len();
        if recipients == 0 {
            return Err(GraphError::bad_request(
                "ErrorInvalidRecipients",
                "At least one recipient is not valid., A message can't be sent because it contains no recipients.",
            ));
        }
        let index = mailbox.move_message(index, &sent_items, now);
        let message = &mut mailbox.messages[index];
        message.is_draft = false;
        message.is_read = true;
        message.draft = None;
        content
    };
    send::deliver(op, parsed, raw, false)?;
    Ok(GraphResponse::empty(StatusCode::ACCEPTED))
}
