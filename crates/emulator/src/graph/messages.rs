//! Messages: list (folder or mailbox), get, `$value`, attachments, PATCH, move, copy,
//! DELETE and permanentDelete.

use std::cmp::Ordering;

use axum::http::{Method, StatusCode, header};
use serde_json::Value;

use super::error::GraphError;
use super::path::MessagePart;
use super::query::{Clause, Literal, invalid_filter};
use super::{GraphResponse, Op, paging, render};
use crate::mailstore::{Mailbox, Message};
use crate::mime::Attachment;
use crate::state::lock;

/// What a PATCH may change on any message; the rest only on drafts (graph-facts §3.7).
const PATCHABLE: &[&str] = &[
    "isRead",
    "categories",
    "importance",
    "flag",
    "inferenceClassification",
];
const DRAFT_ONLY: &[&str] = &[
    "subject",
    "body",
    "internetMessageId",
    "replyTo",
    "toRecipients",
    "ccRecipients",
    "bccRecipients",
    "from",
    "sender",
];

fn matches(message: &Message, clause: &Clause) -> Result<bool, GraphError> {
    let parsed = &message.parsed;
    let text = |value: &str, literal: &Literal| match literal {
        Literal::Text(t) => Ok(clause.op.holds(&value.to_lowercase(), &t.to_lowercase())),
        _ => Err(invalid_filter()),
    };
    match (clause.property.as_str(), &clause.value) {
        ("isread", Literal::Bool(b)) => Ok(clause.op.holds(&message.is_read, b)),
        ("isdraft", Literal::Bool(b)) => Ok(clause.op.holds(&message.is_draft, b)),
        ("hasattachments", Literal::Bool(b)) => {
            let has = parsed.attachments.iter().any(|a| !a.is_inline);
            Ok(clause.op.holds(&has, b))
        }
        ("receiveddatetime", Literal::Time(t)) => Ok(clause.op.holds(&message.received, t)),
        ("lastmodifieddatetime", Literal::Time(t)) => {
            Ok(clause.op.holds(&message.last_modified, t))
        }
        ("subject", literal) => text(&parsed.subject, literal),
        ("importance", literal) => text(&message.importance, literal),
        ("internetmessageid", literal) => text(
            parsed.internet_message_id.as_deref().unwrap_or_default(),
            literal,
        ),
        ("from/emailaddress/address", literal) => text(
            parsed
                .from
                .as_ref()
                .map(|f| f.address.as_str())
                .unwrap_or_default(),
            literal,
        ),
        _ => Err(invalid_filter()),
    }
}

/// Properties `$orderby` accepts here.
const SORTABLE: &[&str] = &[
    "receiveddatetime",
    "lastmodifieddatetime",
    "subject",
    "isread",
];

fn compare(a: &Message, b: &Message, property: &str) -> Ordering {
    match property {
        "receiveddatetime" => a.received.cmp(&b.received).then(a.order.cmp(&b.order)),
        "lastmodifieddatetime" => a.last_modified.cmp(&b.last_modified),
        "subject" => a.parsed.subject.cmp(&b.parsed.subject),
        _ => a.is_read.cmp(&b.is_read),
    }
}

pub(super) fn list(op: &Op<'_>, folder: Option<&str>) -> Result<GraphResponse, GraphError> {
    op.query.check_sort_rule()?;
    let store = lock(&op.emulator.mail);
    let mailbox = store
        .mailbox(op.context.user_id)
        .ok_or_else(GraphError::mailbox_not_enabled)?;
    let folder_id = folder
        .map(|f| {
            mailbox
                .folder(f)
                .map(|folder| folder.id.clone())
                .ok_or_else(|| GraphError::unknown_id(f))
        })
        .transpose()?;
    let dumpster = mailbox
        .folder("recoverableitemsdeletions")
        .map(|f| f.id.clone());
    let mut selected: Vec<&Message> = Vec::new();
    for message in &mailbox.messages {
        let in_scope = match &folder_id {
            Some(id) => message.folder_id == *id,
            None => Some(&message.folder_id) != dumpster.as_ref(),
        };
        if !in_scope {
            continue;
        }
        let keep = match &op.query.filter {
            None => true,
            Some(filter) => filter.evaluate(|clause| matches(message, clause))?,
        };
        if keep {
            selected.push(message);
        }
    }
    // Exchange's default order is newest first.
    let orderby = if op.query.orderby.is_empty() {
        vec![("receiveddatetime".to_owned(), true)]
    } else {
        op.query.orderby.clone()
    };
    if let Some((property, _)) = orderby
        .iter()
        .find(|(p, _)| !SORTABLE.contains(&p.as_str()))
    {
        return Err(GraphError::bad_request(
            "BadRequest",
            format!("Could not find a property named '{property}' to order by."),
        ));
    }
    selected.sort_by(|a, b| {
        orderby
            .iter()
            .map(|(p, desc)| {
                let o = compare(a, b, p);
                if *desc { o.reverse() } else { o }
            })
            .find(|o| *o != Ordering::Equal)
            .unwrap_or(Ordering::Equal)
    });
    let context = format!(
        "{}/$metadata#users('{}')/messages",
        op.emulator.urls.graph(),
        op.context.upn
    );
    let page = paging::page(op, &selected, |m| render_one(op, m), 10, &context);
    let response = GraphResponse::json(StatusCode::OK, page);
    Ok(prefer_applied(op, response))
}

fn render_one(op: &Op<'_>, message: &Message) -> Value {
    let mut rendered = render::message(
        message,
        op.immutable_ids(),
        op.text_bodies(),
        op.query.select.as_deref(),
        &op.emulator.urls.base,
    );
    if op.query.expand_attachments {
        let attachments: Vec<Value> = message
            .parsed
            .attachments
            .iter()
            .enumerate()
            .map(|(i, a)| render::attachment(message, i, a))
            .collect();
        rendered["attachments"] = Value::Array(attachments);
    }
    rendered
}

fn prefer_applied(op: &Op<'_>, response: GraphResponse) -> GraphResponse {
    if op.text_bodies() {
        response.with_header(
            header::HeaderName::from_static("preference-applied"),
            "outlook.body-content-type=\"text\"",
        )
    } else {
        response
    }
}

fn find(mailbox: &Mailbox, id: &str) -> Result<usize, GraphError> {
    mailbox
        .message_index(id)
        .ok_or_else(|| GraphError::unknown_id(id))
}

pub(super) fn item(
    op: &Op<'_>,
    id: &str,
    part: &MessagePart,
    method: Method,
) -> Result<GraphResponse, GraphError> {
    let now = op.emulator.clock.now();
    let mut store = lock(&op.emulator.mail);
    let mailbox = store
        .mailbox_mut(op.context.user_id)
        .ok_or_else(GraphError::mailbox_not_enabled)?;
    let index = find(mailbox, id)?;
    match (part, method) {
        (MessagePart::Item, Method::GET) => {
            let response =
                GraphResponse::json(StatusCode::OK, render_one(op, &mailbox.messages[index]));
            Ok(prefer_applied(op, response))
        }
        (MessagePart::Value, Method::GET) => Ok(GraphResponse::raw(
            mailbox.messages[index].mime.clone(),
            "text/plain",
        )),
        (MessagePart::Attachments, Method::GET) => {
            let message = &mailbox.messages[index];
            let items: Vec<(usize, &Attachment)> =
                message.parsed.attachments.iter().enumerate().collect();
            let context = format!(
                "{}/$metadata#users('{}')/messages('{id}')/attachments",
                op.emulator.urls.graph(),
                op.context.upn
            );
            Ok(GraphResponse::json(
                StatusCode::OK,
                paging::page(
                    op,
                    &items,
                    |(i, a)| render::attachment(message, *i, a),
                    1000,
                    &context,
                ),
            ))
        }
        (MessagePart::Attachment(aid), Method::GET)
        | (MessagePart::AttachmentValue(aid), Method::GET) => {
            let message = &mailbox.messages[index];
            let (i, attachment) = message
                .parsed
                .attachments
                .iter()
                .enumerate()
                .find(|(i, _)| render::attachment_id(message, *i) == *aid)
                .ok_or_else(|| GraphError::unknown_id(aid))?;
            if matches!(part, MessagePart::AttachmentValue(_)) {
                Ok(GraphResponse::raw(
                    attachment.bytes.clone(),
                    attachment.content_type.clone(),
                ))
            } else {
                Ok(GraphResponse::json(
                    StatusCode::OK,
                    render::attachment(message, i, attachment),
                ))
            }
        }
        (MessagePart::Item, Method::PATCH) => {
            let body = op.json_body()?;
            match patch(mailbox, index, &body)? {
                Some(draft) => super::drafts::recompose(op, mailbox, index, draft)?,
                None => mailbox.touch(index, now),
            }
            Ok(GraphResponse::json(
                StatusCode::OK,
                render_one(op, &mailbox.messages[index]),
            ))
        }
        (MessagePart::Move, Method::POST) | (MessagePart::Copy, Method::POST) => {
            let body = op.json_body()?;
            let destination = body
                .get("destinationId")
                .and_then(Value::as_str)
                .ok_or_else(|| {
                    GraphError::bad_request(
                        "ErrorInvalidParameter",
                        "The destinationId parameter is required.",
                    )
                })?;
            let destination = mailbox
                .folder(destination)
                .ok_or_else(|| GraphError::unknown_id(destination))?
                .id
                .clone();
            let moved = if matches!(part, MessagePart::Move) {
                mailbox.move_message(index, &destination, now)
            } else {
                mailbox.copy_message(index, &destination, now)
            };
            Ok(GraphResponse::json(
                StatusCode::CREATED,
                render_one(op, &mailbox.messages[moved]),
            ))
        }
        (MessagePart::Item, Method::DELETE) => {
            // A soft delete: the item leaves every folder clients can list and waits in the
            // dumpster (Recoverable Items\Deletions), not in Deleted Items (observed:
            // microsoft/work-iq#94). Items already there cannot be deleted again
            // (microsoftgraph/microsoft-graph-docs-contrib#7764); permanentDelete can.
            let dumpster = mailbox
                .folder("recoverableitemsdeletions")
                .map(|f| f.id.clone())
                .ok_or_else(GraphError::item_not_found)?;
            if mailbox.messages[index].folder_id == dumpster {
                return Err(GraphError::bad_request(
                    "ErrorCannotDeleteObject",
                    "Object cannot be deleted.",
                ));
            }
            mailbox.move_message(index, &dumpster, now);
            Ok(GraphResponse::empty(StatusCode::NO_CONTENT))
        }
        (MessagePart::PermanentDelete, Method::POST) => {
            mailbox.purge(index);
            Ok(GraphResponse::empty(StatusCode::NO_CONTENT))
        }
        _ => Err(GraphError::method_not_allowed()),
    }
}

/// Applies a PATCH. Returns the draft's new JSON when a draft-only property changed, so the
/// caller re-composes the draft.
fn patch(mailbox: &mut Mailbox, index: usize, body: &Value) -> Result<Option<Value>, GraphError> {
    let Some(fields) = body.as_object() else {
        return Err(GraphError::bad_request(
            "UnableToDeserializePostBody",
            "The request body must be a JSON object.",
        ));
    };
    let message = &mut mailbox.messages[index];
    let mut draft = message.draft.clone();
    let mut draft_changed = false;
    for (name, value) in fields {
        if name.starts_with("@odata") {
            continue;
        }
        let bad_value = || {
            GraphError::bad_request(
                "ErrorInvalidArgument",
                format!("The value of property '{name}' is not valid."),
            )
        };
        match name.as_str() {
            "isRead" => message.is_read = value.as_bool().ok_or_else(bad_value)?,
            "categories" => {
                message.categories = value
                    .as_array()
                    .ok_or_else(bad_value)?
                    .iter()
                    .map(|c| c.as_str().map(str::to_owned).ok_or_else(bad_value))
                    .collect::<Result<_, _>>()?
            }
            "importance" => match value.as_str() {
                Some(v @ ("low" | "normal" | "high")) => message.importance = v.to_owned(),
                _ => return Err(bad_value()),
            },
            "flag" => {
                let status = value.get("flagStatus").and_then(Value::as_str);
                match status {
                    Some(v @ ("notFlagged" | "flagged" | "complete")) => {
                        message.flag_status = v.to_owned()
                    }
                    _ => return Err(bad_value()),
                }
            }
            "inferenceClassification" => {}
            other if DRAFT_ONLY.contains(&other) && !message.is_draft => {
                return Err(GraphError::bad_request(
                    "ErrorInvalidPropertyUpdateSentMessage",
                    "Update operation is not supported for the property of a sent message.",
                ));
            }
            other if DRAFT_ONLY.contains(&other) => {
                if let Some(fields) = draft.as_mut().and_then(Value::as_object_mut) {
                    fields.insert(other.to_owned(), value.clone());
                    draft_changed = true;
                }
            }
            other if PATCHABLE.contains(&other) => {}
            other => {
                return Err(GraphError::bad_request(
                    "RequestBodyRead",
                    format!(
                        "The property '{other}' does not exist on type 'microsoft.graph.message'. Make sure to only use property names that are defined by the type or mark the type as open type."
                    ),
                ));
            }
        }
    }
    Ok(draft.filter(|_| draft_changed))
}
