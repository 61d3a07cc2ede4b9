//! The store's statements in PostgreSQL, one function per [`Store`](super::Store) method,
//! run on the store's thread.
//!
//! Where SQLite serialises writers with one database-wide lock (`BEGIN IMMEDIATE`), workers
//! on several hosts write here at once, so each write transaction first takes a
//! transaction-scoped advisory lock per mailbox it touches, in a fixed order (no
//! deadlock). The "already imported?" check and the write after it then cannot interleave
//! with another worker's for the same mailbox, which keeps "at most one ticket per
//! message" even without a lease.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use postgres::{Client, GenericClient, Row, Transaction};

use super::statements::Cached;

use super::super::{
    Adopted, Attempt, Checkpoint, FOLDER_STATES, FailedEntry, Failure, FolderState, Import, Lease,
    LogDetail, LogEntry, LogFilter, LogId, MessageKey, MessageMeta, PendingPostAction,
    PostActionOutcome, PostActionStatus, PruneReport, Record, Recorded, RecordedDecision,
    SinkWrite, Status, StoreError, StoredAttachment, Ticket, TicketDetail, TicketId, TicketMessage,
    TicketWrite,
};
use super::leases;
use crate::mailbox::Identity;

type Result<T> = std::result::Result<T, StoreError>;

/// The first key of mailconn's per-mailbox advisory locks (the second is the mailbox's
/// hash); two-key locks never collide with the migration's one-key lock.
const MAILBOX_LOCK_CLASS: i32 = 0x6d63;

fn lock_mailboxes<'a>(
    tx: &mut Transaction,
    mailboxes: impl IntoIterator<Item = &'a str>,
) -> Result<()> {
    let sorted: BTreeSet<&str> = mailboxes.into_iter().collect();
    for mailbox in sorted {
        tx.execute_cached(
            "SELECT pg_advisory_xact_lock($1, hashtext($2))",
            &[&MAILBOX_LOCK_CLASS, &mailbox],
        )?;
    }
    Ok(())
}

fn json_list(items: &[String]) -> String {
    serde_json::to_string(items).unwrap_or_else(|_| "[]".into())
}

fn parse_list(text: &str) -> Vec<String> {
    serde_json::from_str(text).unwrap_or_default()
}

/// Where the log row stands before a write.
fn current(
    db: &mut impl GenericClient,
    key: &MessageKey,
) -> Result<Option<(LogId, Status, Option<TicketId>)>> {
    Ok(db
        .query_opt_cached(
            "SELECT id, status, ticket_id FROM log WHERE mailbox = $1 AND immutable_id = $2",
            &[&key.mailbox, &key.immutable_id],
        )?
        .map(|r| {
            (
                r.get(0),
                Status::parse(r.get(1)).unwrap_or(Status::Failed),
                r.get(2),
            )
        }))
}

/// Inserts or updates the message's log row and returns its id.
fn upsert_log(
    db: &mut impl GenericClient,
    key: &MessageKey,
    meta: &MessageMeta,
    status: Status,
    ticket_id: Option<TicketId>,
    post_action: Option<&str>,
    now: DateTime<Utc>,
) -> Result<LogId> {
    let post_status = post_action.map(|_| PostActionStatus::Pending.as_str());
    let sender = meta.sender.as_deref().map(str::to_lowercase);
    Ok(db
        .query_one_cached(
            "INSERT INTO log (mailbox, immutable_id, profile, folder, internet_message_id, sender,
                              subject, received_at, status, ticket_id, post_action,
                              post_action_status, first_seen, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13)
             ON CONFLICT (mailbox, immutable_id) DO UPDATE SET
                 profile = excluded.profile, folder = excluded.folder,
                 internet_message_id = excluded.internet_message_id, sender = excluded.sender,
                 subject = excluded.subject, received_at = excluded.received_at,
                 status = excluded.status, ticket_id = excluded.ticket_id,
                 post_action = excluded.post_action,
                 post_action_status = excluded.post_action_status,
                 updated_at = excluded.updated_at
             RETURNING id",
            &[
                &key.mailbox,
                &key.immutable_id,
                &meta.profile,
                &meta.folder,
                &meta.internet_message_id,
                &sender,
                &meta.subject,
                &meta.received_at,
                &status.as_str(),
                &ticket_id,
                &post_action,
                &post_status,
                &now,
            ],
        )?
        .get(0))
}

struct AttemptRow<'a> {
    stage: &'a str,
    decision: Option<&'a RecordedDecision>,
    ticket_id: Option<TicketId>,
    result: Option<&'a str>,
    request_ids: &'a [String],
    failure: Option<&'a Failure>,
}

fn insert_attempt(
    db: &mut impl GenericClient,
    log_id: LogId,
    now: DateTime<Utc>,
    a: AttemptRow,
) -> Result<()> {
    db.execute_cached(
        "INSERT INTO attempts (log_id, at, stage, decision, rule, reason, ticket_id, result,
                               request_ids, error, hint)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        &[
            &log_id,
            &now,
            &a.stage,
            &a.decision.map(|d| d.action.as_str()),
            &a.decision.map(|d| d.rule.as_str()),
            &a.decision.and_then(|d| d.reason.as_deref()),
            &a.ticket_id,
            &a.result,
            &json_list(a.request_ids),
            &a.failure.map(|f| f.error.as_str()),
            &a.failure.and_then(|f| f.hint.as_deref()),
        ],
    )?;
    Ok(())
}

/// Opens the ticket or touches the one followed up; returns its id and what the log says.
fn open_or_touch_ticket(
    db: &mut impl GenericClient,
    write: &TicketWrite,
    now: DateTime<Utc>,
) -> Result<(TicketId, String)> {
    match write.follow_up {
        Some(id) => {
            let updated = db.execute_cached(
                "UPDATE tickets SET updated_at = $2 WHERE id = $1",
                &[&id, &now],
            )?;
            if updated == 0 {
                return Err(StoreError::NoSuchTicket(id));
            }
            Ok((id, format!("added to ticket {id}")))
        }
        None => {
            let id: TicketId = db
                .query_one_cached(
                    "INSERT INTO tickets (subject, requester, queue, priority, tags, created_at,
                                          updated_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
                    &[
                        &write.subject,
                        &write.from,
                        &write.queue,
                        &write.priority,
                        &json_list(&write.tags),
                        &now,
                    ],
                )?
                .get(0);
            Ok((id, format!("ticket {id} created")))
        }
    }
}

/// Stores the message itself, with its attachments, under its ticket.
fn add_ticket_message(
    db: &mut impl GenericClient,
    ticket_id: TicketId,
    log_id: LogId,
    write: &TicketWrite,
    meta: &MessageMeta,
) -> Result<()> {
    let headers = serde_json::to_string(&write.headers).unwrap_or_else(|_| "[]".into());
    let message_id: i64 = db
        .query_one_cached(
            "INSERT INTO ticket_messages (ticket_id, log_id, internet_message_id, sender, subject,
                                          received_at, text, original_text, html, headers)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
            &[
                &ticket_id,
                &log_id,
                &meta.internet_message_id,
                &write.from,
                &write.subject,
                &meta.received_at,
                &write.text,
                &write.original_text,
                &write.html,
                &headers,
            ],
        )?
        .get(0);
    for a in &write.attachments {
        db.execute_cached(
            "INSERT INTO attachments (ticket_message_id, filename, content_type, size, inline,
                                      content)
             VALUES ($1, $2, $3, $4, $5, $6)",
            &[
                &message_id,
                &a.filename,
                &a.content_type,
                &(a.size as i64),
                &a.inline,
                &a.content,
            ],
        )?;
    }
    Ok(())
}

/// One import inside `tx`, in a savepoint: a message that fails (a follow-up to a missing
/// ticket) leaves nothing behind and does not undo the others of its batch.
fn import_in(tx: &mut Transaction, import: &Import, now: DateTime<Utc>) -> Result<Recorded> {
    let mut sp = tx.transaction()?;
    if let Some((log_id, Status::Imported, ticket_id)) = current(&mut sp, &import.key)? {
        return Ok(Recorded::AlreadyImported { log_id, ticket_id });
    }
    let (ticket_id, result) = match &import.sink {
        SinkWrite::Tickets(write) => {
            let (id, result) = open_or_touch_ticket(&mut sp, write, now)?;
            (Some(id), result)
        }
        SinkWrite::External { sink, result } => (None, format!("{sink}: {result}")),
    };
    let post_action = Some(import.post_action.as_str()).filter(|p| *p != "none");
    let log_id = upsert_log(
        &mut sp,
        &import.key,
        &import.meta,
        Status::Imported,
        ticket_id,
        post_action,
        now,
    )?;
    if let (SinkWrite::Tickets(write), Some(ticket_id)) = (&import.sink, ticket_id) {
        add_ticket_message(&mut sp, ticket_id, log_id, write, &import.meta)?;
    }
    insert_attempt(
        &mut sp,
        log_id,
        now,
        AttemptRow {
            stage: "import",
            decision: Some(&import.decision),
            ticket_id,
            result: Some(&result),
            request_ids: &import.request_ids,
            failure: None,
        },
    )?;
    sp.commit()?;
    Ok(Recorded::Imported { log_id, ticket_id })
}

/// Records an ignore or a failure. Neither ever overwrites an import: a message that made
/// its ticket stays imported, the new attempt is only added to its history.
#[allow(clippy::too_many_arguments)] // one row's columns; a struct would only rename them
fn outcome_in(
    db: &mut impl GenericClient,
    key: &MessageKey,
    meta: &MessageMeta,
    status: Status,
    decision: Option<&RecordedDecision>,
    failure: Option<&Failure>,
    request_ids: &[String],
    now: DateTime<Utc>,
) -> Result<LogId> {
    let log_id = match current(db, key)? {
        Some((log_id, Status::Imported, _)) => log_id,
        _ => upsert_log(db, key, meta, status, None, None, now)?,
    };
    insert_attempt(
        db,
        log_id,
        now,
        AttemptRow {
            stage: "import",
            decision,
            ticket_id: None,
            result: None,
            request_ids,
            failure,
        },
    )?;
    Ok(log_id)
}

fn record_key(record: &Record) -> &MessageKey {
    match record {
        Record::Imported(import) => &import.key,
        Record::Ignored { key, .. } => key,
    }
}

pub fn record_batch(
    db: &mut Client,
    fence: Option<&Lease>,
    records: &[Record],
) -> Result<Vec<Result<Recorded>>> {
    let now = Utc::now();
    let mut tx = db.transaction()?;
    leases::check(&mut tx, fence)?;
    lock_mailboxes(
        &mut tx,
        records.iter().map(|r| record_key(r).mailbox.as_str()),
    )?;
    let mut results = Vec::with_capacity(records.len());
    for record in records {
        results.push(match record {
            Record::Imported(import) => import_in(&mut tx, import, now),
            Record::Ignored {
                key,
                meta,
                decision,
            } => {
                // In a savepoint like an import: an error inside a PostgreSQL transaction
                // would otherwise abort the rest of the batch.
                let mut sp = tx.transaction()?;
                outcome_in(
                    &mut sp,
                    key,
                    meta,
                    Status::Ignored,
                    Some(decision),
                    None,
                    &[],
                    now,
                )
                .and_then(|log_id| {
                    sp.commit()?;
                    Ok(Recorded::Ignored { log_id })
                })
            }
        });
    }
    tx.commit()?;
    Ok(results)
}

pub fn record_failure(
    db: &mut Client,
    fence: Option<&Lease>,
    key: &MessageKey,
    meta: &MessageMeta,
    failure: &Failure,
    request_ids: &[String],
) -> Result<LogId> {
    let now = Utc::now();
    let mut tx = db.transaction()?;
    leases::check(&mut tx, fence)?;
    lock_mailboxes(&mut tx, [key.mailbox.as_str()])?;
    let log_id = outcome_in(
        &mut tx,
        key,
        meta,
        Status::Failed,
        None,
        Some(failure),
        request_ids,
        now,
    )?;
    tx.commit()?;
    Ok(log_id)
}

const LOG_COLUMNS: &str = "id, mailbox, immutable_id, profile, folder, internet_message_id, sender,
    subject, received_at, status, ticket_id, post_action, post_action_status, first_seen, updated_at,
    (SELECT address FROM mailboxes WHERE mailboxes.key = log.mailbox)";

fn log_entry(r: &Row) -> LogEntry {
    LogEntry {
        id: r.get(0),
        key: MessageKey {
            mailbox: r.get(1),
            immutable_id: r.get(2),
        },
        meta: MessageMeta {
            profile: r.get(3),
            folder: r.get(4),
            internet_message_id: r.get(5),
            sender: r.get(6),
            subject: r.get(7),
            received_at: r.get(8),
        },
        status: Status::parse(r.get(9)).unwrap_or(Status::Failed),
        ticket_id: r.get(10),
        post_action: r.get(11),
        post_action_status: r
            .get::<_, Option<&str>>(12)
            .and_then(PostActionStatus::parse),
        first_seen: r.get(13),
        updated_at: r.get(14),
        mailbox_address: r.get(15),
    }
}

pub fn lookup(db: &mut Client, key: &MessageKey) -> Result<Option<LogEntry>> {
    let sql = format!("SELECT {LOG_COLUMNS} FROM log WHERE mailbox = $1 AND immutable_id = $2");
    Ok(db
        .query_opt_cached(&sql, &[&key.mailbox, &key.immutable_id])?
        .as_ref()
        .map(log_entry))
}

pub fn ticket_exists(db: &mut Client, id: TicketId) -> Result<bool> {
    Ok(db
        .query_opt_cached("SELECT 1 FROM tickets WHERE id = $1", &[&id])?
        .is_some())
}

pub fn ticket_for_message_ids(
    db: &mut Client,
    mailbox: &str,
    ids: &[String],
) -> Result<Option<TicketId>> {
    // The newest references are the likeliest to be ours; a long References chain is cut
    // so the query stays small.
    let newest: Vec<&str> = ids.iter().rev().take(50).map(String::as_str).collect();
    Ok(db
        .query_opt_cached(
            "SELECT l.ticket_id FROM unnest($2::text[]) WITH ORDINALITY AS r(id, n)
             JOIN log l ON l.mailbox = $1 AND l.internet_message_id = r.id
             WHERE l.ticket_id IS NOT NULL
             ORDER BY r.n LIMIT 1",
            &[&mailbox, &newest],
        )?
        .map(|r| r.get(0)))
}

pub fn messages_from_since(
    db: &mut Client,
    mailbox: &str,
    sender: &str,
    since: DateTime<Utc>,
) -> Result<u64> {
    let count: i64 = db
        .query_one_cached(
            "SELECT COUNT(*) FROM log WHERE mailbox = $1 AND sender = $2 AND first_seen >= $3",
            &[&mailbox, &sender, &since],
        )?
        .get(0);
    Ok(count as u64)
}

pub fn pending_post_actions(
    db: &mut Client,
    mailbox: &str,
    folder: &str,
) -> Result<Vec<PendingPostAction>> {
    let rows = db.query_cached(
        "SELECT l.id, l.mailbox, l.immutable_id, l.folder, l.post_action,
                (SELECT COUNT(*) FROM attempts a WHERE a.log_id = l.id AND a.stage = 'post-action')
         FROM log l
         WHERE l.mailbox = $1 AND l.folder = $2 AND l.post_action_status IN ('pending', 'failed')
         ORDER BY l.id",
        &[&mailbox, &folder],
    )?;
    Ok(rows
        .iter()
        .map(|r| PendingPostAction {
            log_id: r.get(0),
            key: MessageKey {
                mailbox: r.get(1),
                immutable_id: r.get(2),
            },
            folder: r.get(3),
            post_action: r.get(4),
            attempts: r.get::<_, i64>(5) as u32,
        })
        .collect())
}

pub fn record_post_actions(
    db: &mut Client,
    fence: Option<&Lease>,
    outcomes: &[PostActionOutcome],
) -> Result<()> {
    let (mailbox, folder, epoch) = match fence {
        Some(l) => (
            Some(l.mailbox.as_str()),
            Some(l.folder.as_str()),
            Some(l.epoch),
        ),
        None => (None, None, None),
    };
    let mut tx = db.transaction()?;
    let now = Utc::now();
    for PostActionOutcome {
        log_id,
        outcome,
        request_ids,
    } in outcomes
    {
        let status = match outcome {
            Ok(_) => PostActionStatus::Done,
            Err(_) => PostActionStatus::Failed,
        };
        // The most frequent write of an import (one per message), so one statement and
        // one round trip each: the fence, the log row and the attempt.
        let recorded = tx.query_opt_cached(
            "WITH fence AS (
                 SELECT epoch FROM leases WHERE mailbox = $6 AND folder = $7 FOR SHARE
             ), updated AS (
                 UPDATE log SET post_action_status = $2, updated_at = $3
                 WHERE id = $1 AND ($8::bigint IS NULL OR (SELECT epoch FROM fence) = $8)
                 RETURNING id
             )
             INSERT INTO attempts (log_id, at, stage, result, request_ids, error, hint)
             SELECT id, $3, 'post-action', $4, $5, $9, $10 FROM updated
             RETURNING log_id",
            &[
                log_id,
                &status.as_str(),
                &now,
                &outcome.as_ref().ok(),
                &json_list(request_ids),
                &mailbox,
                &folder,
                &epoch,
                &outcome.as_ref().err().map(|f| f.error.as_str()),
                &outcome.as_ref().err().and_then(|f| f.hint.as_deref()),
            ],
        )?;
        if recorded.is_none() {
            // Nothing was written: the lease moved on, or there is no such entry. Say which.
            leases::check(&mut tx, fence)?;
            return Err(StoreError::NoSuchEntry(*log_id));
        }
    }
    tx.commit()?;
    Ok(())
}

pub fn failed_entries(
    db: &mut Client,
    mailbox: &str,
    folder: &str,
    max_attempts: u32,
) -> Result<Vec<FailedEntry>> {
    let sql = format!(
        "SELECT * FROM (
            SELECT {LOG_COLUMNS}, (SELECT COUNT(*) FROM attempts a
                         WHERE a.log_id = log.id AND a.stage = 'import' AND a.error IS NOT NULL)
                        AS failures
            FROM log
            WHERE mailbox = $1 AND folder = $2 AND status = 'failed') AS f
         WHERE failures < $3
         ORDER BY id"
    );
    let rows = db.query_cached(&sql, &[&mailbox, &folder, &i64::from(max_attempts)])?;
    Ok(rows
        .iter()
        .map(|r| {
            let entry = log_entry(r);
            FailedEntry {
                log_id: entry.id,
                key: entry.key,
                meta: entry.meta,
                attempts: r.get::<_, i64>("failures") as u32,
            }
        })
        .collect())
}

pub fn checkpoint(db: &mut Client, mailbox: &str, folder_id: &str) -> Result<Option<Checkpoint>> {
    Ok(db
        .query_opt_cached(
            "SELECT mailbox, folder_id, folder, delta_link, since, updated_at
             FROM checkpoints WHERE mailbox = $1 AND folder_id = $2",
            &[&mailbox, &folder_id],
        )?
        .map(|r| Checkpoint {
            mailbox: r.get(0),
            folder_id: r.get(1),
            folder: r.get(2),
            delta_link: r.get(3),
            since: r.get(4),
            updated_at: r.get(5),
        }))
}

pub fn save_checkpoint(
    db: &mut Client,
    fence: Option<&Lease>,
    checkpoint: &Checkpoint,
) -> Result<()> {
    let mut tx = db.transaction()?;
    leases::check(&mut tx, fence)?;
    tx.execute_cached(
        "INSERT INTO checkpoints (mailbox, folder_id, folder, delta_link, since, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (mailbox, folder_id) DO UPDATE SET
            folder = excluded.folder, delta_link = excluded.delta_link,
            since = excluded.since, updated_at = excluded.updated_at",
        &[
            &checkpoint.mailbox,
            &checkpoint.folder_id,
            &checkpoint.folder,
            &checkpoint.delta_link,
            &checkpoint.since,
            &checkpoint.updated_at,
        ],
    )?;
    tx.commit()?;
    Ok(())
}

pub fn log_list(db: &mut Client, filter: &LogFilter) -> Result<Vec<LogEntry>> {
    let sql = format!(
        "SELECT {LOG_COLUMNS} FROM log
         WHERE ($1::text IS NULL OR status = $1)
           AND ($2::timestamptz IS NULL OR updated_at >= $2)
           AND ($3::text IS NULL OR profile = $3)
           AND ($4::text IS NULL OR strpos(lower(coalesce(sender, '')), lower($4)) > 0)
           AND ($5::text IS NULL OR strpos(lower(subject), lower($5)) > 0)
         ORDER BY updated_at DESC, id DESC
         LIMIT $6"
    );
    let rows = db.query_cached(
        &sql,
        &[
            &filter.status.map(Status::as_str),
            &filter.since,
            &filter.profile,
            &filter.sender,
            &filter.subject,
            &filter.limit.map(i64::from),
        ],
    )?;
    Ok(rows.iter().map(log_entry).collect())
}

pub fn log_get(db: &mut Client, id: LogId) -> Result<Option<LogDetail>> {
    let sql = format!("SELECT {LOG_COLUMNS} FROM log WHERE id = $1");
    let Some(entry) = db.query_opt_cached(&sql, &[&id])?.as_ref().map(log_entry) else {
        return Ok(None);
    };
    let attempts = db
        .query_cached(
            "SELECT at, stage, decision, rule, reason, ticket_id, result, request_ids, error, hint
             FROM attempts WHERE log_id = $1 ORDER BY id",
            &[&id],
        )?
        .iter()
        .map(|r| Attempt {
            at: r.get(0),
            stage: r.get(1),
            decision: r
                .get::<_, Option<String>>(2)
                .map(|action| RecordedDecision {
                    action,
                    rule: r.get::<_, Option<String>>(3).unwrap_or_default(),
                    reason: r.get(4),
                }),
            ticket_id: r.get(5),
            result: r.get(6),
            request_ids: parse_list(r.get(7)),
            failure: r.get::<_, Option<String>>(8).map(|error| Failure {
                error,
                hint: r.get(9),
            }),
        })
        .collect();
    Ok(Some(LogDetail { entry, attempts }))
}

pub fn log_prune(db: &mut Client, before: DateTime<Utc>) -> Result<PruneReport> {
    let mut tx = db.transaction()?;
    // Only a message that has left the folder (moved or deleted by us) can lose its row
    // without risk of being imported again.
    let entries_removed = tx.execute_cached(
        "DELETE FROM log WHERE updated_at < $1 AND status = 'imported'
           AND post_action_status = 'done'
           AND (post_action LIKE 'move:%' OR post_action IN ('delete', 'permanent-delete'))",
        &[&before],
    )?;
    // Each kept entry keeps its latest attempt, so `log show` still says why it is there.
    let attempts_removed = tx.execute_cached(
        "DELETE FROM attempts WHERE at < $1
           AND id NOT IN (SELECT MAX(id) FROM attempts GROUP BY log_id)",
        &[&before],
    )?;
    let entries_kept: i64 = tx
        .query_one_cached("SELECT COUNT(*) FROM log WHERE updated_at < $1", &[&before])?
        .get(0);
    tx.commit()?;
    Ok(PruneReport {
        entries_removed,
        attempts_removed,
        entries_kept: entries_kept as u64,
    })
}

pub fn adopt_mailbox(db: &mut Client, mailbox: &Identity) -> Result<Adopted> {
    let mut tx = db.transaction()?;
    let others: Vec<String> = tx
        .query_cached(
            "SELECT mailbox FROM log WHERE mailbox <> $1 AND lower(mailbox) = ANY($2)
             UNION SELECT mailbox FROM checkpoints WHERE mailbox <> $1 AND lower(mailbox) = ANY($2)",
            &[&mailbox.key, &mailbox.spellings],
        )?
        .iter()
        .map(|r| r.get(0))
        .collect();
    lock_mailboxes(
        &mut tx,
        others
            .iter()
            .map(String::as_str)
            .chain([mailbox.key.as_str()]),
    )?;
    let mut adopted = Adopted::default();
    for old in &others {
        adopted.checkpoints += adopt_checkpoints(&mut tx, old, &mailbox.key)?;
        adopted.entries += adopt_log(&mut tx, old, &mailbox.key)?;
    }
    tx.execute_cached(
        "INSERT INTO mailboxes (key, address, updated_at) VALUES ($1, $2, $3)
         ON CONFLICT (key) DO UPDATE SET address = excluded.address,
             updated_at = excluded.updated_at
         WHERE mailboxes.address <> excluded.address",
        &[&mailbox.key, &mailbox.address, &Utc::now()],
    )?;
    tx.commit()?;
    Ok(adopted)
}

/// Moves the checkpoints of spelling `old` to `key`; where both have one for a folder, the
/// newer wins (its delta link is the furthest along; the log dedups any replay).
fn adopt_checkpoints(tx: &mut Transaction, old: &str, key: &str) -> Result<u64> {
    tx.execute_cached(
        "DELETE FROM checkpoints AS k WHERE k.mailbox = $2 AND EXISTS (
             SELECT 1 FROM checkpoints o WHERE o.mailbox = $1 AND o.folder_id = k.folder_id
               AND o.updated_at > k.updated_at)",
        &[&old, &key],
    )?;
    tx.execute_cached(
        "DELETE FROM checkpoints AS o WHERE o.mailbox = $1 AND EXISTS (
             SELECT 1 FROM checkpoints k WHERE k.mailbox = $2 AND k.folder_id = o.folder_id)",
        &[&old, &key],
    )?;
    Ok(tx.execute_cached(
        "UPDATE checkpoints SET mailbox = $2 WHERE mailbox = $1",
        &[&old, &key],
    )?)
}

/// Moves the log rows of spelling `old` to `key`. A message already logged under `key` (the
/// duplicate the spellings caused) keeps one row: the imported one's outcome, both
/// histories, and every ticket message pointing at it.
fn adopt_log(tx: &mut Transaction, old: &str, key: &str) -> Result<u64> {
    let moved = tx.execute_cached(
        "UPDATE log SET mailbox = $2 WHERE mailbox = $1
           AND immutable_id NOT IN (SELECT immutable_id FROM log WHERE mailbox = $2)",
        &[&old, &key],
    )?;
    tx.execute_cached(
        "UPDATE log AS k SET status = d.status, ticket_id = d.ticket_id,
             post_action = d.post_action, post_action_status = d.post_action_status
         FROM log AS d
         WHERE d.mailbox = $1 AND k.mailbox = $2 AND d.immutable_id = k.immutable_id
           AND d.status = 'imported' AND k.status <> 'imported'",
        &[&old, &key],
    )?;
    for table in ["attempts", "ticket_messages"] {
        tx.execute_cached(
            &format!(
                "UPDATE {table} AS t SET log_id = (
                     SELECT k.id FROM log k JOIN log d ON d.immutable_id = k.immutable_id
                     WHERE d.id = t.log_id AND k.mailbox = $2)
                 WHERE t.log_id IN (SELECT id FROM log WHERE mailbox = $1)"
            ),
            &[&old, &key],
        )?;
    }
    let merged = tx.execute_cached("DELETE FROM log WHERE mailbox = $1", &[&old])?;
    Ok(moved + merged)
}

const TICKET_QUERY: &str = "SELECT t.id, t.subject, t.requester, t.queue, t.priority, t.tags,
    t.created_at, t.updated_at, (SELECT COUNT(*) FROM ticket_messages m WHERE m.ticket_id = t.id)
    FROM tickets t";

fn ticket(r: &Row) -> Ticket {
    Ticket {
        id: r.get(0),
        subject: r.get(1),
        requester: r.get(2),
        queue: r.get(3),
        priority: r.get(4),
        tags: parse_list(r.get(5)),
        created_at: r.get(6),
        updated_at: r.get(7),
        message_count: r.get::<_, i64>(8) as u32,
    }
}

pub fn tickets_list(db: &mut Client, limit: Option<u32>) -> Result<Vec<Ticket>> {
    let sql = format!("{TICKET_QUERY} ORDER BY t.updated_at DESC, t.id DESC LIMIT $1");
    Ok(db
        .query_cached(&sql, &[&limit.map(i64::from)])?
        .iter()
        .map(ticket)
        .collect())
}

pub fn ticket_get(db: &mut Client, id: TicketId) -> Result<Option<TicketDetail>> {
    let sql = format!("{TICKET_QUERY} WHERE t.id = $1");
    let Some(ticket) = db.query_opt_cached(&sql, &[&id])?.as_ref().map(ticket) else {
        return Ok(None);
    };
    let mut messages = Vec::new();
    for r in db.query_cached(
        "SELECT id, log_id, internet_message_id, sender, subject, received_at, text
         FROM ticket_messages WHERE ticket_id = $1 ORDER BY id",
        &[&id],
    )? {
        let message_id: i64 = r.get(0);
        let attachments = db
            .query_cached(
                "SELECT filename, content_type, size, content IS NULL
                 FROM attachments WHERE ticket_message_id = $1 ORDER BY id",
                &[&message_id],
            )?
            .iter()
            .map(|a| StoredAttachment {
                filename: a.get(0),
                content_type: a.get(1),
                size: a.get::<_, i64>(2) as u64,
                omitted: a.get(3),
            })
            .collect();
        messages.push(TicketMessage {
            log_id: r.get(1),
            internet_message_id: r.get(2),
            from: r.get(3),
            subject: r.get(4),
            received_at: r.get(5),
            text: r.get(6),
            attachments,
        });
    }
    Ok(Some(TicketDetail { ticket, messages }))
}

pub fn folder_states(db: &mut Client) -> Result<Vec<FolderState>> {
    Ok(db
        .query_cached(FOLDER_STATES, &[])?
        .iter()
        .map(|r| FolderState {
            mailbox: r.get(0),
            mailbox_address: r.get(1),
            folder: r.get(2),
            last_round: r.get(3),
            last_import: r.get(4),
            imported: r.get::<_, i64>(5) as u64,
            failed: r.get::<_, i64>(6) as u64,
            pending_post_actions: r.get::<_, i64>(7) as u64,
        })
        .collect())
}
