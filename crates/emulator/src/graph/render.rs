//! Graph's JSON for users, folders, messages and attachments.

use base64::Engine;
use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{Map, Value, json};

use crate::crypto;
use crate::mailstore::{Folder, Mailbox, Message};
use crate::mime::{self, Attachment};

pub(super) fn time(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

pub(super) fn folder(mailbox: &Mailbox, folder: &Folder) -> Value {
    let (total, unread) = mailbox.counts(&folder.id);
    json!({
        "id": folder.id,
        "displayName": folder.display_name,
        "parentFolderId": folder.parent_id,
        "childFolderCount": mailbox.children(&folder.id).count(),
        "unreadItemCount": unread,
        "totalItemCount": total,
        "sizeInBytes": mailbox
            .messages
            .iter()
            .filter(|m| m.folder_id == folder.id)
            .map(|m| m.mime.len())
            .sum::<usize>(),
        "isHidden": folder.hidden,
    })
}

fn recipient(mailbox: &mime::Mailbox) -> Value {
    json!({"emailAddress": {"name": mailbox.name, "address": mailbox.address}})
}

fn recipients(list: &[mime::Mailbox]) -> Value {
    Value::Array(list.iter().map(recipient).collect())
}

/// Plain text from HTML, enough for `bodyPreview` and text bodies.
fn strip_html(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

fn text_as_html(text: &str) -> String {
    let escaped = text
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    format!(
        "<html><head>\r\n<meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\">\r\n</head>\r\n<body>\r\n<div>{}</div>\r\n</body>\r\n</html>\r\n",
        escaped.replace("\r\n", "\n").replace('\n', "<br>\r\n")
    )
}

fn body(message: &Message, text: bool) -> Value {
    let parsed = &message.parsed;
    if text {
        let content = parsed
            .text
            .clone()
            .or_else(|| parsed.html.as_deref().map(strip_html))
            .unwrap_or_default();
        json!({"contentType": "text", "content": content})
    } else {
        let content = parsed
            .html
            .clone()
            .or_else(|| parsed.text.as_deref().map(text_as_html))
            .unwrap_or_default();
        json!({"contentType": "html", "content": content})
    }
}

fn preview(message: &Message) -> String {
    let parsed = &message.parsed;
    let text = parsed
        .text
        .clone()
        .or_else(|| parsed.html.as_deref().map(strip_html))
        .unwrap_or_default();
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .take(255)
        .collect()
}

/// A message as Graph shows it. `select` limits the properties (`id` and the etag always
/// come); `uniqueBody` and `internetMessageHeaders` appear only when selected.
pub(super) fn message(
    message: &Message,
    immutable: bool,
    text_body: bool,
    select: Option<&[String]>,
    base_url: &str,
) -> Value {
    let parsed = &message.parsed;
    let id = if immutable {
        &message.immutable_id
    } else {
        &message.id
    };
    let mut all = Map::new();
    let mut put = |k: &str, v: Value| {
        all.insert(k.to_owned(), v);
    };
    put(
        "@odata.etag",
        json!(format!("W/\"{}\"", message.change_key)),
    );
    put("id", json!(id));
    put("createdDateTime", json!(time(message.created)));
    put("lastModifiedDateTime", json!(time(message.last_modified)));
    put("changeKey", json!(message.change_key));
    put("categories", json!(message.categories));
    put("receivedDateTime", json!(time(message.received)));
    put(
        "sentDateTime",
        json!(time(parsed.sent.unwrap_or(message.received))),
    );
    put(
        "hasAttachments",
        json!(parsed.attachments.iter().any(|a| !a.is_inline)),
    );
    put("internetMessageId", json!(parsed.internet_message_id));
    put("subject", json!(parsed.subject));
    put("bodyPreview", json!(preview(message)));
    put("importance", json!(message.importance));
    put("parentFolderId", json!(message.folder_id));
    put("conversationId", json!(message.conversation_id));
    put(
        "conversationIndex",
        json!(crypto::base64(
            &crypto::sha256(message.conversation_id.as_bytes())[..22]
        )),
    );
    put("isDeliveryReceiptRequested", json!(false));
    put("isReadReceiptRequested", json!(false));
    put("isRead", json!(message.is_read));
    put("isDraft", json!(message.is_draft));
    put(
        "webLink",
        json!(format!(
            "{base_url}/owa/?ItemID={}&exvsurl=1&viewmodel=ReadMessageItem",
            urlencode(id)
        )),
    );
    put("inferenceClassification", json!("focused"));
    put("body", body(message, text_body));
    put(
        "sender",
        parsed
            .sender
            .as_ref()
            .or(parsed.from.as_ref())
            .map(recipient)
            .unwrap_or(Value::Null),
    );
    put(
        "from",
        parsed.from.as_ref().map(recipient).unwrap_or(Value::Null),
    );
    put("toRecipients", recipients(&parsed.to));
    put("ccRecipients", recipients(&parsed.cc));
    put("bccRecipients", recipients(&parsed.bcc));
    put("replyTo", recipients(&parsed.reply_to));
    put("flag", json!({"flagStatus": message.flag_status}));
    let Some(select) = select else {
        return Value::Object(all);
    };
    let mut chosen = Map::new();
    chosen.insert("@odata.etag".into(), all["@odata.etag"].clone());
    chosen.insert("id".into(), all["id"].clone());
    for name in select {
        if let Some((key, value)) = all.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)) {
            chosen.insert(key.clone(), value.clone());
        } else if name.eq_ignore_ascii_case("uniqueBody") {
            chosen.insert("uniqueBody".into(), body(message, text_body));
        } else if name.eq_ignore_ascii_case("internetMessageHeaders") {
            let headers: Vec<Value> = parsed
                .headers
                .iter()
                .map(|(n, v)| json!({"name": n, "value": v}))
                .collect();
            chosen.insert("internetMessageHeaders".into(), Value::Array(headers));
        }
    }
    Value::Object(chosen)
}

fn urlencode(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

/// Attachment ids are derived from the message's immutable id, so they survive moves.
pub(super) fn attachment_id(message: &Message, index: usize) -> String {
    let digest = crypto::sha256(format!("{}#{index}", message.immutable_id).as_bytes());
    format!(
        "AAMkAD{}",
        base64::engine::general_purpose::STANDARD.encode(&digest[..24])
    )
}

pub(super) fn attachment(message: &Message, index: usize, attachment: &Attachment) -> Value {
    json!({
        "@odata.type": "#microsoft.graph.fileAttachment",
        "@odata.mediaContentType": attachment.content_type,
        "id": attachment_id(message, index),
        "lastModifiedDateTime": time(message.last_modified),
        "name": attachment.name,
        "contentType": attachment.content_type,
        "size": attachment.bytes.len(),
        "isInline": attachment.is_inline,
        "contentId": attachment.content_id,
        "contentLocation": null,
        "contentBytes": crypto::base64(&attachment.bytes),
    })
}
