//! `GET …/mailFolders/{id}/messages/delta`: a full sync, then only what changed. State lives
//! in the tokens (opaque to clients): the change counter a round covers and the position in
//! it. Removed items come as `@removed` entries (graph-facts §3.4).

use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::error::GraphError;
use super::query::{Clause, Literal, Op as Cmp, invalid_filter};
use super::{GraphResponse, Op};
use crate::crypto;
use crate::mailstore::{Message, Tombstone};
use crate::state::lock;

#[derive(Serialize, Deserialize)]
struct Token {
    folder: String,
    since: u64,
    until: u64,
    offset: usize,
    top: usize,
    select: Option<Vec<String>>,
    /// `$filter=receivedDateTime ge|gt …`: (bound, inclusive).
    #[serde(default)]
    received_after: Option<(DateTime<Utc>, bool)>,
    /// `$orderby=receivedDateTime desc`
    #[serde(default)]
    newest_first: bool,
}

impl Token {
    fn encode(&self) -> String {
        crypto::base64url(&serde_json::to_vec(self).expect("tokens serialize"))
    }

    fn decode(text: &str) -> Option<Token> {
        serde_json::from_slice(&crypto::base64url_decode(text)?).ok()
    }
}

/// A delta item: a message as it is now, or one that left the folder.
enum Entry<'a> {
    Present(&'a Message),
    Removed(&'a Tombstone),
}

fn sync_state_not_found() -> GraphError {
    GraphError::new(
        StatusCode::GONE,
        "SyncStateNotFound",
        "The sync state is invalid or has expired; start a new synchronization.",
    )
}

/// Delta accepts only `receivedDateTime ge|gt {time}` as a filter (graph-facts §3.4).
fn received_filter(op: &Op<'_>) -> Result<Option<(DateTime<Utc>, bool)>, GraphError> {
    let Some(filter) = &op.query.filter else {
        return Ok(None);
    };
    match filter.clauses.as_slice() {
        [
            Clause {
                property,
                op: cmp @ (Cmp::Ge | Cmp::Gt),
                value: Literal::Time(bound),
            },
        ] if property == "receiveddatetime" => Ok(Some((*bound, *cmp == Cmp::Ge))),
        _ => Err(invalid_filter()),
    }
}

/// Delta sorts only by `receivedDateTime desc`.
fn newest_first(op: &Op<'_>) -> Result<bool, GraphError> {
    match op.query.orderby.as_slice() {
        [] => Ok(false),
        [(property, true)] if property == "receiveddatetime" => Ok(true),
        _ => Err(GraphError::bad_request(
            "BadRequest",
            "Delta queries can be ordered only by 'receivedDateTime desc'.",
        )),
    }
}

fn max_page_size(op: &Op<'_>) -> Option<usize> {
    super::prefer(&op.request.headers, "odata.maxpagesize")?
        .parse()
        .ok()
}

pub(super) fn page(op: &Op<'_>, folder: &str) -> Result<GraphResponse, GraphError> {
    let store = lock(&op.emulator.mail);
    let mailbox = store
        .mailbox(op.context.user_id)
        .ok_or_else(GraphError::mailbox_not_enabled)?;
    let folder_id = mailbox
        .folder(folder)
        .ok_or_else(|| GraphError::unknown_id(folder))?
        .id
        .clone();
    let token = match (&op.query.skiptoken, &op.query.deltatoken) {
        (Some(skip), _) => Token::decode(skip).ok_or_else(sync_state_not_found)?,
        (None, Some(delta)) => {
            let previous = Token::decode(delta).ok_or_else(sync_state_not_found)?;
            Token {
                since: previous.until,
                until: mailbox.change_seq,
                offset: 0,
                ..previous
            }
        }
        (None, None) => Token {
            received_after: received_filter(op)?,
            newest_first: newest_first(op)?,
            folder: folder_id.clone(),
            since: 0,
            until: mailbox.change_seq,
            offset: 0,
            top: max_page_size(op)
                .or(op.query.top)
                .unwrap_or(10)
                .clamp(1, 1000),
            select: op.query.select.clone(),
        },
    };
    if token.folder != folder_id {
        return Err(sync_state_not_found());
    }
    let immutable = op.immutable_ids();
    let in_round = |changed: u64| changed > token.since && changed <= token.until;
    let mut items: Vec<(u64, Entry)> = mailbox
        .messages
        .iter()
        .filter(|m| m.folder_id == folder_id && in_round(m.changed))
        .filter(|m| match token.received_after {
            Some((bound, true)) => m.received >= bound,
            Some((bound, false)) => m.received > bound,
            None => true,
        })
        .map(|m| (m.changed, Entry::Present(m)))
        .collect();
    // A full sync reports what is there; only later rounds report what left.
    if token.since > 0 {
        items.extend(
            mailbox
                .tombstones
                .iter()
                .filter(|t| t.folder_id == folder_id && in_round(t.changed))
                .map(|t| (t.changed, Entry::Removed(t))),
        );
    }
    items.sort_by_key(|(changed, _)| *changed);
    if token.newest_first {
        items.sort_by_key(|(_, entry)| match entry {
            Entry::Present(m) => std::cmp::Reverse(Some((m.received, m.order))),
            Entry::Removed(_) => std::cmp::Reverse(None),
        });
    }
    let total = items.len();
    // Only the page is rendered: a first sync of a big folder is many pages.
    let value: Vec<Value> = items
        .iter()
        .skip(token.offset)
        .take(token.top)
        .map(|(_, entry)| match entry {
            Entry::Present(m) => super::render::message(
                m,
                immutable,
                op.text_bodies(),
                token.select.as_deref(),
                &op.emulator.urls.base,
            ),
            Entry::Removed(t) => {
                let id = if immutable { &t.immutable_id } else { &t.id };
                json!({"@odata.type": "#microsoft.graph.message", "id": id, "@removed": {"reason": "deleted"}})
            }
        })
        .collect();
    let next_offset = token.offset + value.len();
    let mut body = json!({
        "@odata.context": format!("{}/$metadata#Collection(message)", op.emulator.urls.graph()),
        "value": value,
    });
    if next_offset < total {
        let next = Token {
            offset: next_offset,
            ..token
        };
        body["@odata.nextLink"] = json!(format!("{}?$skiptoken={}", op.url(), next.encode()));
    } else {
        let done = Token { offset: 0, ..token };
        body["@odata.deltaLink"] = json!(format!("{}?$deltatoken={}", op.url(), done.encode()));
    }
    Ok(GraphResponse::json(StatusCode::OK, body))
}
