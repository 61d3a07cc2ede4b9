//! Turning raw RFC 822 / MIME into the fields Graph shows for a message.

use chrono::{DateTime, Utc};
use mail_parser::{Address, MessageParser, MimeHeaders};
use serde::{Deserialize, Serialize};

use super::persist::base64_bytes;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Mailbox {
    pub name: String,
    pub address: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Attachment {
    pub name: String,
    pub content_type: String,
    pub content_id: Option<String>,
    pub is_inline: bool,
    #[serde(with = "base64_bytes")]
    pub bytes: Vec<u8>,
}

/// The parts of a MIME message Graph exposes as properties.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(crate) struct Parsed {
    pub subject: String,
    pub from: Option<Mailbox>,
    pub sender: Option<Mailbox>,
    pub to: Vec<Mailbox>,
    pub cc: Vec<Mailbox>,
    pub bcc: Vec<Mailbox>,
    pub reply_to: Vec<Mailbox>,
    pub internet_message_id: Option<String>,
    pub sent: Option<DateTime<Utc>>,
    pub html: Option<String>,
    pub text: Option<String>,
    /// Header fields as sent (unfolded), in order.
    pub headers: Vec<(String, String)>,
    pub attachments: Vec<Attachment>,
}

/// Parses a message; `None` if the bytes are not a message at all (no header section).
pub(crate) fn parse(raw: &[u8]) -> Option<Parsed> {
    let message = MessageParser::default().parse(raw)?;
    if message.headers().is_empty() {
        return None;
    }
    let list = |address: Option<&Address<'_>>| -> Vec<Mailbox> {
        address
            .map(|a| {
                a.iter()
                    .filter_map(|addr| {
                        Some(Mailbox {
                            address: addr.address()?.to_owned(),
                            name: addr.name().unwrap_or_default().to_owned(),
                        })
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    let attachments = message
        .attachments()
        .map(|part| Attachment {
            name: part.attachment_name().unwrap_or("attachment").to_owned(),
            content_type: part
                .content_type()
                .map(|ct| match ct.subtype() {
                    Some(sub) => format!("{}/{}", ct.ctype(), sub),
                    None => ct.ctype().to_owned(),
                })
                .unwrap_or_else(|| "application/octet-stream".to_owned()),
            content_id: part
                .content_id()
                .map(|id| id.trim_matches(['<', '>']).to_owned()),
            is_inline: part.content_disposition().is_some_and(|d| d.is_inline()),
            bytes: part.contents().to_vec(),
        })
        .collect();
    Some(Parsed {
        subject: message.subject().unwrap_or_default().to_owned(),
        from: list(message.from()).into_iter().next(),
        sender: list(message.sender()).into_iter().next(),
        to: list(message.to()),
        cc: list(message.cc()),
        bcc: list(message.bcc()),
        reply_to: list(message.reply_to()),
        internet_message_id: message.message_id().map(|id| format!("<{id}>")),
        sent: message
            .date()
            .and_then(|d| DateTime::from_timestamp(d.to_timestamp(), 0)),
        html: message
            .html_bodies()
            .next()
            .and(message.body_html(0))
            .map(|b| b.into_owned()),
        text: message
            .text_bodies()
            .next()
            .and(message.body_text(0))
            .map(|b| b.into_owned()),
        headers: raw_headers(raw),
        attachments,
    })
}

/// Parses a message for delivery. Transport gives a message without a Message-ID one, so
/// every delivered message has an internetMessageId, as in Exchange.
pub(crate) fn parse_for_delivery(raw: Vec<u8>, domain: &str) -> Option<(Parsed, Vec<u8>)> {
    let parsed = parse(&raw)?;
    if parsed.internet_message_id.is_some() {
        return Some((parsed, raw));
    }
    let mut stamped = format!(
        "Message-ID: <{}@{domain}>\r\n",
        uuid::Uuid::new_v4().simple()
    )
    .into_bytes();
    stamped.extend_from_slice(&raw);
    Some((parse(&stamped)?, stamped))
}

/// The header section as (name, value) pairs with folded lines joined.
fn raw_headers(raw: &[u8]) -> Vec<(String, String)> {
    let text = String::from_utf8_lossy(raw);
    let mut headers: Vec<(String, String)> = Vec::new();
    for line in text.lines() {
        if line.is_empty() {
            break;
        }
        if line.starts_with([' ', '\t']) {
            if let Some((_, value)) = headers.last_mut() {
                if !value.is_empty() {
                    value.push(' ');
                }
                value.push_str(line.trim());
            }
        } else if let Some((name, value)) = line.split_once(':') {
            headers.push((name.trim().to_owned(), value.trim().to_owned()));
        }
    }
    headers
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multipart_message_yields_graph_fields() {
        let raw = "From: \"Pat Customer\" <pat@example.com>\r\n\
To: support@contoso.test, Alex <alex@contoso.test>\r\n\
Subject: Printer on fire\r\n\
Message-ID: <abc123@example.com>\r\n\
X-Ticket:\r\n  folded value\r\n\
Date: Tue, 1 Sep 2026 10:00:00 +0000\r\n\
MIME-Version: 1.0\r\n\
Content-Type: multipart/mixed; boundary=b1\r\n\r\n\
--b1\r\nContent-Type: text/plain\r\n\r\nIt is burning.\r\n\
--b1\r\nContent-Type: application/pdf; name=log.pdf\r\nContent-Disposition: attachment; filename=log.pdf\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0=\r\n\
--b1--\r\n";
        let parsed = parse(raw.as_bytes()).unwrap();
        assert_eq!(parsed.subject, "Printer on fire");
        assert_eq!(parsed.from.unwrap().address, "pat@example.com");
        assert_eq!(parsed.to.len(), 2);
        assert_eq!(
            parsed.internet_message_id.as_deref(),
            Some("<abc123@example.com>")
        );
        assert_eq!(
            parsed.text.as_deref().map(str::trim),
            Some("It is burning.")
        );
        assert_eq!(parsed.attachments[0].name, "log.pdf");
        assert_eq!(parsed.attachments[0].bytes, b"%PDF-");
        assert!(
            parsed
                .headers
                .contains(&("X-Ticket".into(), "folded value".into()))
        );
        assert_eq!(
            parsed.sent.unwrap().to_rfc3339(),
            "2026-09-01T10:00:00+00:00"
        );
    }

    #[test]
    fn garbage_is_not_a_message() {
        assert!(parse(b"").is_none());
    }
}
