//! `POST /users/{id}/sendMail`: JSON or base64 MIME. Accepted (202) messages are delivered at
//! once to recipients with a mailbox in any of the emulator's tenants and saved to Sent Items
//! unless `saveToSentItems` is false; other recipients are dropped (no NDRs are generated).

use axum::http::{StatusCode, header};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::Value;

use super::compose::{self, Envelope};
use super::error::GraphError;
use super::{GraphResponse, Op};
use crate::mime;
use crate::state::lock;
use crate::tenant::UserKind;

fn invalid_base64() -> GraphError {
    GraphError::bad_request(
        "ErrorMimeContentInvalidBase64String",
        "Invalid base64 string for MIME content.",
    )
}

pub(super) fn send_mail(op: &Op<'_>) -> Result<GraphResponse, GraphError> {
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
        (
            compose::compose(message, &Envelope::for_op(op, None))?,
            save,
        )
    };
    let parsed = mime::parse(&raw).ok_or_else(invalid_base64)?;
    check_send_as(op, parsed.from.as_ref())?;
    deliver(op, parsed, raw, save)?;
    Ok(GraphResponse::empty(StatusCode::ACCEPTED))
}

/// Transport, done at once: a copy to every recipient mailbox of the emulator's tenants
/// (outside recipients are dropped) and, if asked, one in the sender's Sent Items.
pub(super) fn deliver(
    op: &Op<'_>,
    parsed: mime::Parsed,
    raw: Vec<u8>,
    save: bool,
) -> Result<(), GraphError> {
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
    let mut store = lock(&op.emulator.mail);
    for address in &recipients {
        // Mail to another tenant would go out over SMTP to that tenant's Exchange and land
        // there all the same; SMTP addresses are unique across tenants, so it finds its box.
        let Some((_, user)) = op
            .emulator
            .directory
            .mailbox(address)
            .filter(|(_, u)| u.has_mailbox())
        else {
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
    Ok(())
}

/// `from` other than the mailbox itself needs Send As: here, a delegated caller with
/// Mail.Send.Shared sending as a shared mailbox (graph-facts §4).
pub(super) fn check_send_as(op: &Op<'_>, from: Option<&mime::Mailbox>) -> Result<(), GraphError> {
    let Some(from) = from else { return Ok(()) };
    if op
        .tenant
        .user_by_id(op.context.user_id)
        .is_some_and(|me| me.answers_to(&from.address))
    {
        return Ok(());
    }
    let shared = op
        .tenant
        .mailbox(&from.address)
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
