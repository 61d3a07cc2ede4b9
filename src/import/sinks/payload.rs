//! The JSON the `http` sink posts and the `dir` sink writes next to the `.eml`: one object per
//! message, version 1. The shape is a public contract (README "Sinks"), so it is built from
//! its own types rather than by serializing internal ones: a field renamed inside mailconn
//! must not change what receivers parse. Every key is always present; absent values are
//! `null` or `[]`.

use base64::Engine;
use chrono::{DateTime, SecondsFormat, Utc};
use serde::Serialize;

use super::Outbound;
use crate::import::normalize::Address;
use crate::import::rules::Action;

/// Bumped only for a change that breaks receivers; new keys may appear within a version.
pub const VERSION: u32 = 1;

#[derive(Debug, Serialize)]
pub struct Payload<'a> {
    pub version: u32,
    /// Graph's immutable id: with `mailbox`, the key to recognise a repeated delivery.
    pub id: &'a str,
    pub mailbox: &'a str,
    pub folder: &'a str,
    pub profile: Option<&'a str>,
    /// `Message-ID` without angle brackets.
    pub internet_message_id: Option<&'a str>,
    pub in_reply_to: &'a [String],
    pub references: &'a [String],
    pub from: Option<AddressOut<'a>>,
    pub reply_to: Vec<AddressOut<'a>>,
    pub to: Vec<AddressOut<'a>>,
    pub cc: Vec<AddressOut<'a>>,
    pub subject: &'a str,
    /// The `Date` header (RFC 3339, UTC).
    pub date: Option<String>,
    /// When the mailbox received it (RFC 3339, UTC).
    pub received_at: Option<String>,
    pub decision: DecisionOut<'a>,
    /// The text after preprocessing (quoted history, signatures, disclaimers removed).
    pub text: &'a str,
    /// The whole readable text before preprocessing.
    pub original_text: &'a str,
    pub html: Option<&'a str>,
    pub attachments: Vec<AttachmentOut<'a>>,
    /// Every header in order, duplicates kept, values as they are in the message.
    pub headers: Vec<HeaderOut<'a>>,
}

#[derive(Debug, Serialize)]
pub struct AddressOut<'a> {
    pub name: Option<&'a str>,
    pub email: &'a str,
}

#[derive(Debug, Serialize)]
pub struct DecisionOut<'a> {
    /// `new-ticket` or `follow-up`.
    pub action: &'static str,
    /// The ticket a follow-up belongs to.
    pub ticket: Option<i64>,
    /// The rule that decided, e.g. `route:billing`, `follow-up:ticket-token`, `default`.
    pub rule: &'a str,
    pub queue: Option<&'a str>,
    pub priority: Option<&'a str>,
    pub tags: &'a [String],
}

#[derive(Debug, Serialize)]
pub struct AttachmentOut<'a> {
    pub filename: &'a str,
    pub content_type: &'a str,
    pub size: u64,
    pub inline: bool,
    /// `null` when the attachment was over the size limit and left out (`omitted`).
    pub content_base64: Option<String>,
    pub omitted: bool,
}

#[derive(Debug, Serialize)]
pub struct HeaderOut<'a> {
    pub name: &'a str,
    pub value: &'a str,
}

fn address(a: &Address) -> AddressOut<'_> {
    AddressOut {
        name: a.name.as_deref(),
        email: &a.email,
    }
}

fn timestamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

impl<'a> Payload<'a> {
    pub fn new(out: &Outbound<'a>) -> Payload<'a> {
        let m = out.message;
        let d = out.decision;
        let ticket = match &d.action {
            Action::FollowUp { ticket } => Some(*ticket),
            Action::NewTicket | Action::Ignore { .. } => None,
        };
        Payload {
            version: VERSION,
            id: &out.key.immutable_id,
            mailbox: &out.key.mailbox,
            folder: &out.meta.folder,
            profile: out.meta.profile.as_deref(),
            internet_message_id: out
                .meta
                .internet_message_id
                .as_deref()
                .or(m.internet_message_id.as_deref()),
            in_reply_to: &m.in_reply_to,
            references: &m.references,
            from: m.from.as_ref().map(address),
            reply_to: m.reply_to.iter().map(address).collect(),
            to: m.to.iter().map(address).collect(),
            cc: m.cc.iter().map(address).collect(),
            subject: &m.subject,
            date: m.date.map(timestamp),
            received_at: out.meta.received_at.map(timestamp),
            decision: DecisionOut {
                action: d.action.name(),
                ticket,
                rule: &d.rule,
                queue: d.routing.queue.as_deref(),
                priority: d.routing.priority.as_deref(),
                tags: &d.routing.tags,
            },
            text: out.text,
            original_text: &m.text,
            html: m.html.as_deref(),
            attachments: m
                .attachments
                .iter()
                .map(|a| AttachmentOut {
                    filename: &a.filename,
                    content_type: &a.content_type,
                    size: a.size,
                    inline: a.inline,
                    content_base64: a
                        .content
                        .as_ref()
                        .map(|c| base64::engine::general_purpose::STANDARD.encode(c)),
                    omitted: a.omitted(),
                })
                .collect(),
            headers: m
                .headers
                .iter()
                .map(|(name, value)| HeaderOut { name, value })
                .collect(),
        }
    }

    /// The exact bytes that are posted, signed and written.
    pub fn to_bytes(&self) -> Vec<u8> {
        serde_json::to_vec(self).expect("the payload holds only strings, numbers and lists")
    }
}
