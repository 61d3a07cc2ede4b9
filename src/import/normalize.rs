//! Normalize: raw MIME bytes -> [`Message`], the one shape every later stage reads.
//!
//! Pure and total: any byte string either yields a message or a [`NormalizeError`], never a
//! panic. Charsets are decoded by mail-parser (with `full_encoding`); undecodable bytes become
//! U+FFFD rather than an error, because a ticket with a few odd characters is better than a
//! lost mail.

use chrono::{DateTime, Utc};
use mail_parser::{HeaderValue, MessageParser, MimeHeaders};
use serde::{Deserialize, Serialize};

use crate::store::Attachment;

/// A mail address as written in a header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Address {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Lower-cased: mail routing treats the domain case-insensitively and Exchange the local
    /// part too, and rules compare addresses.
    pub email: String,
}

/// A message after normalization. Graph's ids (immutable id, conversationId) are not in the
/// MIME; the import carries them next to this.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    /// `Message-ID` without angle brackets.
    pub internet_message_id: Option<String>,
    pub in_reply_to: Vec<String>,
    pub references: Vec<String>,
    /// Outlook's `Thread-Topic`, the closest thing to a conversation in the MIME itself.
    pub thread_topic: Option<String>,
    pub from: Option<Address>,
    pub reply_to: Vec<Address>,
    pub to: Vec<Address>,
    pub cc: Vec<Address>,
    pub subject: String,
    pub date: Option<DateTime<Utc>>,
    /// The readable text: the text/plain body, or the HTML body turned into text.
    pub text: String,
    pub html: Option<String>,
    pub attachments: Vec<Attachment>,
    /// Every header as (name, raw value), in order, for rules and for the ticket.
    pub headers: Vec<(String, String)>,
}

impl Message {
    /// The first value of a header, case-insensitively, trimmed.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.trim())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub max_attachment_bytes: u64,
}

impl Default for Limits {
    fn default() -> Limits {
        // Exchange Online's default send/receive limit is 35 MB for the whole message; a
        // ticket store needs no bigger single attachment than that.
        Limits {
            max_attachment_bytes: 25 * 1024 * 1024,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NormalizeError {
    #[error("the message is empty")]
    Empty,
    #[error("the message is not MIME a parser can read")]
    Unparseable,
}

/// Parses and normalizes one message.
pub fn normalize(raw: &[u8], limits: &Limits) -> Result<Message, NormalizeError> {
    if raw.iter().all(u8::is_ascii_whitespace) {
        return Err(NormalizeError::Empty);
    }
    let parsed = MessageParser::default()
        .parse(raw)
        .ok_or(NormalizeError::Unparseable)?;
    let html = parsed.body_html(0).map(|h| h.into_owned());
    // body_text falls back to the HTML body converted to text, so an HTML-only mail still
    // has readable text.
    let text = parsed
        .body_text(0)
        .map(|t| t.into_owned())
        .unwrap_or_default();
    Ok(Message {
        internet_message_id: parsed.message_id().map(strip_angles),
        in_reply_to: id_list(parsed.in_reply_to()),
        references: id_list(parsed.references()),
        thread_topic: parsed
            .header_raw("Thread-Topic")
            .map(|t| t.trim().to_owned()),
        from: parsed
            .from()
            .and_then(|a| addresses(Some(a)).into_iter().next()),
        reply_to: addresses(parsed.reply_to()),
        to: addresses(parsed.to()),
        cc: addresses(parsed.cc()),
        subject: parsed.subject().unwrap_or_default().trim().to_owned(),
        date: parsed
            .date()
            .and_then(|d| DateTime::from_timestamp(d.to_timestamp(), 0)),
        text,
        html,
        attachments: parsed
            .attachments()
            .map(|part| attachment(part, limits))
            .collect(),
        headers: parsed
            .headers()
            .iter()
            .map(|h| (h.name().to_owned(), raw_value(raw, h)))
            .collect(),
    })
}

fn strip_angles(id: &str) -> String {
    id.trim()
        .trim_start_matches('<')
        .trim_end_matches('>')
        .to_owned()
}

fn id_list(value: &HeaderValue) -> Vec<String> {
    match value {
        HeaderValue::Text(id) => vec![strip_angles(id)],
        HeaderValue::TextList(ids) => ids.iter().map(|id| strip_angles(id)).collect(),
        _ => Vec::new(),
    }
}

fn addresses(value: Option<&mail_parser::Address>) -> Vec<Address> {
    value
        .into_iter()
        .flat_map(|a| a.iter())
        .filter_map(|addr| {
            let email = addr.address()?.trim().to_lowercase();
            (!email.is_empty()).then(|| Address {
                name: addr
                    .name()
                    .map(str::trim)
                    .filter(|n| !n.is_empty())
                    .map(str::to_owned),
                email,
            })
        })
        .collect()
}

fn attachment(part: &mail_parser::MessagePart, limits: &Limits) -> Attachment {
    let content_type = part
        .content_type()
        .map(|ct| match ct.subtype() {
            Some(sub) => format!("{}/{}", ct.ctype(), sub),
            None => ct.ctype().to_owned(),
        })
        .unwrap_or_else(|| "application/octet-stream".into())
        .to_lowercase();
    let filename = part
        .attachment_name()
        .map(str::to_owned)
        .or_else(|| {
            // A forwarded mail has no file name; its subject is the best label.
            part.message()
                .and_then(|m| m.subject())
                .map(|s| format!("{s}.eml"))
        })
        .unwrap_or_else(|| "attachment".into());
    let contents = part.contents();
    let size = contents.len() as u64;
    let inline = part
        .content_disposition()
        .is_some_and(|d| d.ctype().eq_ignore_ascii_case("inline"));
    Attachment {
        filename,
        content_type,
        size,
        inline,
        content: (size <= limits.max_attachment_bytes).then(|| contents.to_vec()),
    }
}

/// The header's value as written (unfolded, not decoded), so rules see exactly what the
/// sender wrote, e.g. `Auto-Submitted: auto-replied`.
fn raw_value(raw: &[u8], header: &mail_parser::Header) -> String {
    let start = header.offset_start() as usize;
    let end = (header.offset_end() as usize).min(raw.len());
    let bytes = raw.get(start..end).unwrap_or_default();
    let text = String::from_utf8_lossy(bytes);
    let unfolded: String = text
        .split(['\r', '\n'])
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    if unfolded.is_empty() {
        // Encoded words are only readable after decoding; fall back to the parsed value.
        if let HeaderValue::Text(t) = header.value() {
            return t.to_string();
        }
    }
    unfolded
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Message {
        normalize(text.as_bytes(), &Limits::default()).unwrap()
    }

    #[test]
    fn reads_ids_addresses_subject_and_date() {
        let m = parse(
            "Message-ID: <abc@example.com>\r\nIn-Reply-To: <parent@example.com>\r\n\
References: <root@example.com> <parent@example.com>\r\n\
From: \"Ann Example\" <Ann@Example.COM>\r\nReply-To: help@example.org\r\n\
To: support@contoso.com, b@example.com\r\nCc: c@example.com\r\n\
Subject:  Printer on fire \r\nDate: Tue, 3 Nov 2026 10:00:00 +0100\r\n\r\nIt burns.\r\n",
        );
        assert_eq!(m.internet_message_id.as_deref(), Some("abc@example.com"));
        assert_eq!(m.in_reply_to, ["parent@example.com"]);
        assert_eq!(m.references, ["root@example.com", "parent@example.com"]);
        let from = m.from.as_ref().unwrap();
        assert_eq!(from.email, "ann@example.com");
        assert_eq!(from.name.as_deref(), Some("Ann Example"));
        assert_eq!(m.reply_to[0].email, "help@example.org");
        assert_eq!(m.to.len(), 2);
        assert_eq!(m.cc[0].email, "c@example.com");
        assert_eq!(m.subject, "Printer on fire");
        assert_eq!(m.date.unwrap().to_rfc3339(), "2026-11-03T09:00:00+00:00");
        assert_eq!(m.text.trim(), "It burns.");
    }

    #[test]
    fn html_only_mail_gets_readable_text() {
        let m = parse(
            "From: a@example.com\r\nContent-Type: text/html; charset=utf-8\r\n\r\n\
<html><body><p>Hello&nbsp;<b>there</b></p><script>x()</script></body></html>",
        );
        assert!(m.html.is_some());
        assert!(m.text.contains("Hello"), "{:?}", m.text);
        assert!(m.text.contains("there"));
        assert!(!m.text.contains("<b>"));
    }

    #[test]
    fn decodes_encoded_words_and_legacy_charsets() {
        let m = parse(
            "From: =?ISO-8859-1?Q?J=F6rg?= <j@example.com>\r\nSubject: =?UTF-8?B?w5xiZXJ3ZWlzdW5n?=\r\n\
Content-Type: text/plain; charset=windows-1252\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nGr=FC=DFe =80\r\n",
        );
        assert_eq!(m.subject, "Überweisung");
        assert_eq!(m.from.unwrap().name.as_deref(), Some("Jörg"));
        assert_eq!(m.text.trim(), "Grüße €");
    }

    #[test]
    fn attachments_over_the_limit_keep_name_and_size_but_no_content() {
        let raw = "From: a@example.com\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n\
--b\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n\
--b\r\nContent-Type: application/pdf; name=big.pdf\r\nContent-Disposition: attachment; filename=big.pdf\r\n\r\n0123456789\r\n\
--b\r\nContent-Type: text/csv\r\nContent-Disposition: attachment; filename=small.csv\r\n\r\na,b\r\n--b--\r\n";
        let m = normalize(
            raw.as_bytes(),
            &Limits {
                max_attachment_bytes: 5,
            },
        )
        .unwrap();
        assert_eq!(m.attachments.len(), 2);
        let big = &m.attachments[0];
        assert_eq!(
            (big.filename.as_str(), big.content_type.as_str()),
            ("big.pdf", "application/pdf")
        );
        assert!(big.omitted());
        assert_eq!(big.size, 10);
        assert_eq!(m.attachments[1].content.as_deref(), Some(&b"a,b"[..]));
    }

    #[test]
    fn headers_keep_their_raw_values() {
        let m = parse(
            "From: a@example.com\r\nAuto-Submitted: auto-replied\r\nX-Long: one\r\n two\r\n\r\nbody",
        );
        assert_eq!(m.header("auto-submitted"), Some("auto-replied"));
        assert_eq!(m.header("x-long"), Some("one two"));
    }

    #[test]
    fn nothing_to_parse_is_an_error_not_a_panic() {
        assert_eq!(
            normalize(b"", &Limits::default()),
            Err(NormalizeError::Empty)
        );
        assert_eq!(
            normalize(b" \r\n ", &Limits::default()),
            Err(NormalizeError::Empty)
        );
    }
}
