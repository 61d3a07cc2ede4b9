//! `POST /users/{id}/sendMail`: JSON or base64 MIME. Accepted (202) messages are delivered at
//! once to recipients in this tenant and saved to Sent Items unless `saveToSentItems` is
//! false; outside recipients are dropped (no NDRs are generated).

use axum::http::{StatusCode, header};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::Value;

use super::error::GraphError;
use super::{GraphResponse, Op};
use crate::emulator::mime;
use crate::emulator::state::lock;
use crate::emulator::tenant::UserKind;

fn invalid_base64() -> GraphError {
    GraphError::bad_request(
        "ErrorMimeContentInvalidBase64String",
        "Invalid base64 string for MIME content.",
    )
}

pub fn send_mail(op: &Op<'_>) -> Result<GraphResponse, GraphError> {
    let is_mime = op
        .request
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/plain"));
    let (raw, save) = if is_mime {
        let text: String = String::from_utf8_lossy(&op.request.body)
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        (STANDARD.decode(text).map_err(|_| invalid_base64())?, true)
    } else {
        let body = op.json_body()?;
        let message = body
            .get("message")
            .filter(|m| m.is_object())
            .ok_or_else(|| {
                GraphError::bad_request(
                    "ErrorInvalidParameter",
                    "The message parameter is required.",
                )
            })?;
        let save = body
            .get("saveToSentItems")
            .and_then(Value::as_bool)
            .unwrap_or(true);
        (compose(op, message)?, save)
    };
    let parsed = mime::parse(&raw).ok_or_else(invalid_base64)?;
    check_send_as(op, parsed.from.as_ref())?;
    let recipients: Vec<String> = parsed
        .to
        .iter()
        .chain(&parsed.cc)
        .chain(&parsed.bcc)
        .map(|m| m.address.clone())
        .collect();
    if recipients.is_empty() {
        return Err(GraphError::bad_request(
            "ErrorInvalidRecipients",
            "At least one recipient is not valid., A message can't be sent because it contains no recipients.",
        ));
    }
    let now = op.emulator.clock.now();
    let directory = &op.emulator.directory;
    let mut store = lock(&op.emulator.mail);
    for address in &recipients {
        let Some(user) = directory.user(address).filter(|u| u.has_mailbox()) else {
            continue;
        };
        if let Some(mailbox) = store.mailbox_mut(user.id)
            && let Some(inbox) = mailbox.folder("inbox").map(|f| f.id.clone())
        {
            mailbox.deliver(&inbox, parsed.clone(), raw.clone(), now, false);
        }
    }
    if save
        && let Some(mailbox) = store.mailbox_mut(op.context.user_id)
        && let Some(sent) = mailbox.folder("sentitems").map(|f| f.id.clone())
    {
        mailbox.deliver(&sent, parsed, raw, now, true);
    }
    Ok(GraphResponse::empty(StatusCode::ACCEPTED))
}

/// `from` other than the mailbox itself needs Send As: here, a delegated caller with
/// Mail.Send.Shared sending as a shared mailbox (graph-facts §4).
fn check_send_as(op: &Op<'_>, from: Option<&mime::Mailbox>) -> Result<(), GraphError> {
    let Some(from) = from else { return Ok(()) };
    if from.address.eq_ignore_ascii_case(&op.context.upn) {
        return Ok(());
    }
    let shared = op
        .emulator
        .directory
        .user(&from.address)
        .is_some_and(|u| u.kind == UserKind::Shared);
    if !op.caller.app_only() && shared && op.caller.has_scope(&["Mail.Send.Shared"]) {
        return Ok(());
    }
    Err(GraphError::new(
        StatusCode::FORBIDDEN,
        "ErrorSendAsDenied",
        "The user account which was used to submit this request does not have the right to send mail on behalf of the specified sending account. Cannot submit message.",
    ))
}

fn address_list(message: &Value, field: &str) -> Result<Vec<String>, GraphError> {
    match message.get(field) {
        None => Ok(Vec::new()),
        Some(Value::Array(list)) => list.iter().map(|r| recipient(r, field)).collect(),
        Some(_) => Err(bad_field(field)),
    }
}

/// A Graph `recipient` as an RFC 5322 address (`"Name" <addr>`).
fn recipient(value: &Value, field: &str) -> Result<String, GraphError> {
    let email = value.get("emailAddress").ok_or_else(|| bad_field(field))?;
    let address = email
        .get("address")
        .and_then(Value::as_str)
        .filter(|a| a.contains('@'))
        .ok_or_else(|| bad_field(field))?;
    Ok(match email.get("name").and_then(Value::as_str) {
        Some(name) if !name.is_empty() => format!("\"{}\" <{address}>", name.replace('"', "")),
        _ => format!("<{address}>"),
    })
}

fn bad_field(field: &str) -> GraphError {
    GraphError::bad_request(
        "ErrorInvalidRecipients",
        format!("At least one recipient in '{field}' is not valid."),
    )
}

/// Builds the RFC 822 message Exchange would make from the JSON message.
fn compose(op: &Op<'_>, message: &Value) -> Result<Vec<u8>, GraphError> {
    let from = match message.get("from") {
        Some(from) => recipient(from, "from")?,
        None => format!("<{}>", op.context.upn),
    };
    let subject = message
        .get("subject")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let body = message.get("body");
    let content = body
        .and_then(|b| b.get("content"))
        .and_then(Value::as_str)
        .unwrap_or_default();
    let html = body
        .and_then(|b| b.get("contentType"))
        .and_then(Value::as_str)
        .is_some_and(|t| t.eq_ignore_ascii_case("html"));
    let mut head = format!(
        "From: {from}\r\nDate: {}\r\nSubject: {}\r\nMessage-ID: <{}@{}>\r\nMIME-Version: 1.0\r\n",
        op.emulator.clock.now().to_rfc2822(),
        subject.replace(['\r', '\n'], " "),
        uuid::Uuid::new_v4().simple(),
        op.emulator.directory.domain,
    );
    for (field, header) in [
        ("toRecipients", "To"),
        ("ccRecipients", "Cc"),
        ("bccRecipients", "Bcc"),
        ("replyTo", "Reply-To"),
    ] {
        let list = address_list(message, field)?;
        if !list.is_empty() {
            head.push_str(&format!("{header}: {}\r\n", list.join(", ")));
        }
    }
    let text_part = format!(
        "Content-Type: {}; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n{}\r\n",
        if html { "text/html" } else { "text/plain" },
        wrap(&STANDARD.encode(content))
    );
    let attachments = message
        .get("attachments")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    if attachments.is_empty() {
        return Ok(format!("{head}{text_part}").into_bytes());
    }
    let boundary = format!("b_{}", uuid::Uuid::new_v4().simple());
    let mut out = format!(
        "{head}Content-Type: multipart/mixed; boundary=\"{boundary}\"\r\n\r\n--{boundary}\r\n{text_part}"
    );
    for attachment in &attachments {
        let invalid = || {
            GraphError::bad_request(
                "ErrorInvalidParameter",
                "An attachment needs @odata.type, name and contentBytes.",
            )
        };
        let name = attachment
            .get("name")
            .and_then(Value::as_str)
            .ok_or_else(invalid)?;
        let bytes = attachment
            .get("contentBytes")
            .and_then(Value::as_str)
            .and_then(|b| STANDARD.decode(b).ok())
            .ok_or_else(invalid)?;
        let content_type = attachment
            .get("contentType")
            .and_then(Value::as_str)
            .unwrap_or("application/octet-stream");
        let name = name.replace(['"', '\r', '\n'], "");
        out.push_str(&format!(
            "--{boundary}\r\nContent-Type: {content_type}; name=\"{name}\"\r\nContent-Disposition: attachment; filename=\"{name}\"\r\nContent-Transfer-Encoding: base64\r\n\r\n{}\r\n",
            wrap(&STANDARD.encode(bytes))
        ));
    }
    out.push_str(&format!("--{boundary}--\r\n"));
    Ok(out.into_bytes())
}

fn wrap(base64: &str) -> String {
    base64
        .as_bytes()
        .chunks(76)
        .map(|c| std::str::from_utf8(c).expect("base64 is ASCII"))
        .collect::<Vec<_>>()
        .join("\r\n")
}
