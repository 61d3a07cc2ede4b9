//! JSON message → RFC 822 MIME, as Exchange does when a client sends or saves a message
//! described in JSON (sendMail, drafts).

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use chrono::{DateTime, Utc};
use serde_json::Value;

use super::Op;
use super::error::GraphError;

/// What the JSON does not say: the sending mailbox, the date and the Message-ID.
pub(super) struct Envelope {
    pub mailbox: String,
    pub date: DateTime<Utc>,
    /// `<…@domain>`; drafts keep theirs across edits.
    pub message_id: String,
}

impl Envelope {
    /// A fresh Message-ID in `domain` unless the message already has one.
    pub(super) fn new(
        mailbox: &str,
        date: DateTime<Utc>,
        message_id: Option<String>,
        domain: &str,
    ) -> Envelope {
        Envelope {
            mailbox: mailbox.to_owned(),
            date,
            message_id: message_id
                .unwrap_or_else(|| format!("<{}@{domain}>", uuid::Uuid::new_v4().simple())),
        }
    }

    pub(super) fn for_op(op: &Op<'_>, message_id: Option<String>) -> Envelope {
        Envelope::new(
            &op.context.upn,
            op.emulator.clock.now(),
            message_id,
            &op.tenant.domain,
        )
    }
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
pub(super) fn compose(message: &Value, envelope: &Envelope) -> Result<Vec<u8>, GraphError> {
    let from = match message.get("from") {
        Some(from) => recipient(from, "from")?,
        None => format!("<{}>", envelope.mailbox),
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
        "From: {from}\r\nDate: {}\r\nSubject: {}\r\nMessage-ID: {}\r\nMIME-Version: 1.0\r\n",
        envelope.date.to_rfc2822(),
        subject.replace(['\r', '\n'], " "),
        envelope.message_id,
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
    head.push_str(&custom_headers(message)?);
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
        let inline = attachment.get("isInline").and_then(Value::as_bool) == Some(true);
        let content_id = attachment
            .get("contentId")
            .and_then(Value::as_str)
            .map(|id| {
                format!(
                    "Content-ID: <{}>\r\n",
                    id.replace(['<', '>', '\r', '\n'], "")
                )
            })
            .unwrap_or_default();
        out.push_str(&format!(
            "--{boundary}\r\nContent-Type: {content_type}; name=\"{name}\"\r\nContent-Disposition: {}; filename=\"{name}\"\r\n{content_id}Content-Transfer-Encoding: base64\r\n\r\n{}\r\n",
            if inline { "inline" } else { "attachment" },
            wrap(&STANDARD.encode(bytes))
        ));
    }
    out.push_str(&format!("--{boundary}--\r\n"));
    Ok(out.into_bytes())
}

/// `internetMessageHeaders`: custom headers, which must start with `x-` (graph-facts §3.5;
/// the 400 as observed in terminal42/contao-notification_center#436).
fn custom_headers(message: &Value) -> Result<String, GraphError> {
    let Some(list) = message.get("internetMessageHeaders") else {
        return Ok(String::new());
    };
    let invalid = || {
        GraphError::bad_request(
            "ErrorInvalidParameter",
            "internetMessageHeaders must be a list of {name, value}.",
        )
    };
    let mut out = String::new();
    for item in list.as_array().ok_or_else(invalid)? {
        let field = |key: &str| item.get(key).and_then(Value::as_str).ok_or_else(invalid);
        let (name, value) = (field("name")?, field("value")?);
        if !name.to_ascii_lowercase().starts_with("x-")
            || name.contains(|c: char| c == ':' || c.is_whitespace() || c.is_control())
        {
            return Err(GraphError::bad_request(
                "InvalidInternetMessageHeader",
                format!(
                    "The internet message header name '{name}' should start with 'x-' or 'X-'."
                ),
            ));
        }
        out.push_str(&format!("{name}: {}\r\n", value.replace(['\r', '\n'], " ")));
    }
    Ok(out)
}

fn wrap(base64: &str) -> String {
    base64
        .as_bytes()
        .chunks(76)
        .map(|c| std::str::from_utf8(c).expect("base64 is ASCII"))
        .collect::<Vec<_>>()
        .join("\r\n")
}
