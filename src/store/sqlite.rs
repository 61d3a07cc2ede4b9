//! The SQLite store: one file, WAL, `synchronous=FULL` (a commit must survive a power cut,
//! because the mailbox is touched right after it), mode 0600.

use std::path::{Path, PathBuf};

use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::{Connection, OptionalExtension, Row, Transaction, TransactionBehavior, params};

use crate::mailbox::Identity;
use crate::private_fs;

use super::{
    Adopted, Attempt, BoxError, Checkpoint, FailedEntry, Failure, FolderState, History, Import,
    LogDetail, LogEntry, LogFilter, LogId, MessageKey, MessageMeta, PendingPostAction,
    PostActionOutcome, PostActionStatus, PruneReport, Record, Recorded, RecordedDecision,
    SinkWrite, Status, Store, StoreError, StoredAttachment, Ticket, TicketDetail, TicketId,
    TicketMessage, TicketWrite, schema,
};

pub struct SqliteStore {
    conn: Connection,
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> StoreError {
        StoreError::Query(Box::new(e))
    }
}

/// Timestamps are stored as fixed-width UTC RFC 3339 text, so they sort and compare as text.
fn stamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Micros, true)
}

fn parse_stamp(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_default()
}

impl SqliteStore {
    /// Opens (creating, 0600, with a 0700 directory) and migrates the store at `path`.
    pub fn open(path: &Path) -> Result<SqliteStore, StoreError> {
        let fail = |e: BoxError| StoreError::Open {
            store: path.display().to_string(),
            source: e,
        };
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            private_fs::create_dir(dir).map_err(|e| fail(e.into()))?;
        }
        create_private_file(path).map_err(|e| fail(e.into()))?;
        let conn = Connection::open(path).map_err(|e| fail(e.into()))?;
        Self::init(conn, path)
    }

    /// A throwaway store in memory (tests, `--dry-run`).
    pub fn in_memory() -> Result<SqliteStore, StoreError> {
        Self::init(Connection::open_in_memory()?, Path::new(":memory:"))
    }

    fn init(mut conn: Connection, path: &Path) -> Result<SqliteStore, StoreError> {
        // A concurrent `log list` or import may hold the write lock for a moment.
        let patience = std::time::Duration::from_secs(10);
        conn.busy_timeout(patience)?;
        // Switching a new file to WAL fails at once with "database is locked", without the
        // busy handler, while another process opens the same new file (two imports started
        // together on a fresh machine): try again for as long as the busy timeout.
        let deadline = std::time::Instant::now() + patience;
        loop {
            match conn.pragma_update(None, "journal_mode", "WAL") {
                Err(rusqlite::Error::SqliteFailure(e, _))
                    if e.code == rusqlite::ErrorCode::DatabaseBusy
                        && std::time::Instant::now() < deadline =>
                {
                    std::thread::sleep(std::time::Duration::from_millis(10));
                }
                other => break other?,
            }
        }
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let found = schema::version(&tx)?;
        if found > schema::CURRENT {
            return Err(StoreError::TooNew {
                store: path.display().to_string(),
                found,
                known: schema::CURRENT,
            });
        }
        schema::migrate(&tx, found)?;
        tx.commit()?;
        Ok(SqliteStore { conn })
    }

    fn write_tx(&mut self) -> Result<Transaction<'_>, StoreError> {
        // IMMEDIATE takes the write lock first, so the existence check and the write below
        // cannot interleave with another process's.
        Ok(self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?)
    }
}

/// Creates the file 0600 before SQLite opens it; SQLite gives its -wal and -shm files the
/// same mode as the database.
fn create_private_file(path: &Path) -> std::io::Result<()> {
    match private_fs::options()
        .write(true)
        .create_new(true)
        .open(path)
    {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(e),
    }
}

/// Where the log row stands before a write.
fn current(
    tx: &Connection,
    key: &MessageKey,
) -> rusqlite::Result<Option<(LogId, Status, Option<TicketId>)>> {
    tx.prepare_cached(
        "SELECT id, status, ticket_id FROM log WHERE mailbox = ?1 AND immutable_id = ?2",
    )?
    .query_row(params![key.mailbox, key.immutable_id], |r| {
        let status: String = r.get(1)?;
        Ok((
            r.get(0)?,
            Status::parse(&status).unwrap_or(Status::Failed),
            r.get(2)?,
        ))
    })
    .optional()
}

/// Inserts or updates the message's log row and returns its id.
fn upsert_log(
    tx: &Connection,
    key: &MessageKey,
    meta: &MessageMeta,
    status: Status,
    ticket_id: Option<TicketId>,
    post_action: Option<&str>,
    now: &str,
) -> rusqlite::Result<LogId> {
    let post_status = post_action.map(|_| PostActionStatus::Pending.as_str());
    tx.prepare_cached(
        "INSERT INTO log (mailbox, immutable_id, profile, folder, internet_message_id, sender,
                          subject, received_at, status, ticket_id, post_action,
                          post_action_status, first_seen, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)
         ON CONFLICT (mailbox, immutable_id) DO UPDATE SET
             profile = excluded.profile, folder = excluded.folder,
             internet_message_id = excluded.internet_message_id, sender = excluded.sender,
             subject = excluded.subject, received_at = excluded.received_at,
             status = excluded.status, ticket_id = excluded.ticket_id,
             post_action = excluded.post_action, post_action_status = excluded.post_action_status,
             updated_at = excluded.updated_at
         RETURNING id",
    )?
    .query_row(
        params![
            key.mailbox,
            key.immutable_id,
            meta.profile,
            meta.folder,
            meta.internet_message_id,
            meta.sender.as_deref().map(str::to_lowercase),
            meta.subject,
            meta.received_at.map(stamp),
            status.as_str(),
            ticket_id,
            post_action,
            post_status,
            now,
        ],
        |r| r.get(0),
    )
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
    tx: &Connection,
    log_id: LogId,
    now: &str,
    a: AttemptRow,
) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "INSERT INTO attempts (log_id, at, stage, decision, rule, reason, ticket_id, result,
                               request_ids, error, hint)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
        log_id,
        now,
        a.stage,
        a.decision.map(|d| d.action.as_str()),
        a.decision.map(|d| d.rule.as_str()),
        a.decision.and_then(|d| d.reason.as_deref()),
        a.ticket_id,
        a.result,
        json_list(a.request_ids),
        a.failure.map(|f| f.error.as_str()),
        a.failure.and_then(|f| f.hint.as_deref()),
    ])?;
    Ok(())
}

fn json_list(items: &[String]) -> String {
    serde_json::to_string(items).unwrap_or_else(|_| "[]".into())
}

fn parse_list(text: &str) -> Vec<String> {
    serde_json::from_str(text).unwrap_or_default()
}

/// Opens the ticket or touches the one followed up; returns its id and what the log says.
fn open_or_touch_ticket(
    tx: &Connection,
    write: &TicketWrite,
    now: &str,
) -> Result<(TicketId, String), StoreError> {
    match write.follow_up {
        Some(id) => {
            let updated = tx
                .prepare_cached("UPDATE tickets SET updated_at = ?2 WHERE id = ?1")?
                .execute(params![id, now])?;
            if updated == 0 {
                return Err(StoreError::NoSuchTicket(id));
            }
            Ok((id, format!("added to ticket {id}")))
        }
        None => {
            let id: TicketId = tx.prepare_cached("INSERT INTO tickets (subject, requester, queue, priority, tags, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6) RETURNING id")?.query_row(
                params![
                    write.subject,
                    write.from,
                    write.queue,
                    write.priority,
                    json_list(&write.tags),
                    now
                ],
                |r| r.get(0),
            )?;
            Ok((id, format!("ticket {id} created")))
        }
    }
}

/// Stores the message itself, with its attachments, under its ticket.
fn add_ticket_message(
    tx: &Connection,
    ticket_id: TicketId,
    log_id: LogId,
    write: &TicketWrite,
    meta: &MessageMeta,
) -> Result<(), StoreError> {
    let headers = serde_json::to_string(&write.headers).unwrap_or_else(|_| "[]".into());
    let message_id: i64 = tx
        .prepare_cached(
            "INSERT INTO ticket_messages (ticket_id, log_id, internet_message_id, sender, subject,
                                      received_at, text, original_text, html, headers)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) RETURNING id",
        )?
        .query_row(
            params![
                ticket_id,
                log_id,
                meta.internet_message_id,
                write.from,
                write.subject,
                meta.received_at.map(stamp),
                write.text,
                write.original_text,
                write.html,
                headers
            ],
            |r| r.get(0),
        )?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO attachments (ticket_message_id, filename, content_type, size, inline, content)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for a in &write.attachments {
        insert.execute(params![
            message_id,
            a.filename,
            a.content_type,
            a.size as i64,
            a.inline,
            a.content
        ])?;
    }
    Ok(())
}

/// One import inside `tx`, in a savepoint: a message that fails (a follow-up to a missing
/// ticket) leaves nothing behind and does not undo the others of its batch.
fn import_in(tx: &mut Transaction, import: &Import, now: &str) -> Result<Recorded, StoreError> {
    let sp = tx.savepoint()?;
    if let Some((log_id, Status::Imported, ticket_id)) = current(&sp, &import.key)? {
        return Ok(Recorded::AlreadyImported { log_id, ticket_id });
    }
    let (ticket_id, result) = match &import.sink {
        SinkWrite::Tickets(write) => {
            let (id, result) = open_or_touch_ticket(&sp, write, now)?;
            (Some(id), result)
        }
        SinkWrite::External { sink, result } => (None, format!("{sink}: {result}")),
    };
    let post_action = Some(import.post_action.as_str()).filter(|p| *p != "none");
    let log_id = upsert_log(
        &sp,
        &import.key,
        &import.meta,
        Status::Imported,
        ticket_id,
        post_action,
        now,
    )?;
    if let (SinkWrite::Tickets(write), Some(ticket_id)) = (&import.sink, ticket_id) {
        add_ticket_message(&sp, ticket_id, log_id, write, &import.meta)?;
    }
    insert_attempt(
        &sp,
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

const LOG_COLUMNS: &str = "id, mailbox, immutable_id, profile, folder, internet_message_id, sender,
    subject, received_at, status, ticket_id, post_action, post_action_status, first_seen, updated_at,
    (SELECT address FROM mailboxes WHERE mailboxes.key = log.mailbox)";

fn log_entry(r: &Row) -> rusqlite::Result<LogEntry> {
    Ok(LogEntry {
        id: r.get(0)?,
        key: MessageKey {
            mailbox: r.get(1)?,
            immutable_id: r.get(2)?,
        },
        meta: MessageMeta {
            profile: r.get(3)?,
            folder: r.get(4)?,
            internet_message_id: r.get(5)?,
            sender: r.get(6)?,
            subject: r.get(7)?,
            received_at: r.get::<_, Option<String>>(8)?.as_deref().map(parse_stamp),
        },
        status: Status::parse(&r.get::<_, String>(9)?).unwrap_or(Status::Failed),
        ticket_id: r.get(10)?,
        post_action: r.get(11)?,
        post_action_status: r
            .get::<_, Option<String>>(12)?
            .as_deref()
            .and_then(PostActionStatus::parse),
        first_seen: parse_stamp(&r.get::<_, String>(13)?),
        updated_at: parse_stamp(&r.get::<_, String>(14)?),
        mailbox_address: r.get(15)?,
    })
}

fn ticket(r: &Row) -> rusqlite::Result<Ticket> {
    Ok(Ticket {
        id: r.get(0)?,
        subject: r.get(1)?,
        requester: r.get(2)?,
        queue: r.get(3)?,
        priority: r.get(4)?,
        tags: parse_list(&r.get::<_, String>(5)?),
        created_at: parse_stamp(&r.get::<_, String>(6)?),
        updated_at: parse_stamp(&r.get::<_, String>(7)?),
        message_count: r.get(8)?,
    })
}

const TICKET_QUERY: &str = "SELECT t.id, t.subject, t.requester, t.queue, t.priority, t.tags,
    t.created_at, t.updated_at, (SELECT COUNT(*) FROM ticket_messages m WHERE m.ticket_id = t.id)
    FROM tickets t";

impl History for SqliteStore {
    fn ticket_exists(&self, id: TicketId) -> Result<bool, StoreError> {
        Ok(self
            .conn
            .prepare_cached("SELECT 1 FROM tickets WHERE id = ?1")?
            .exists([id])?)
    }

    fn ticket_for_message_ids(
        &self,
        mailbox: &str,
        ids: &[String],
    ) -> Result<Option<TicketId>, StoreError> {
        // The newest references are the likeliest to be ours; a long References chain is
        // cut so the query stays small.
        let mut query = self.conn.prepare_cached(
            "SELECT ticket_id FROM log WHERE mailbox = ?1 AND internet_message_id = ?2
             AND ticket_id IS NOT NULL LIMIT 1",
        )?;
        for id in ids.iter().rev().take(50) {
            if let Some(ticket) = query
                .query_row(params![mailbox, id], |r| r.get(0))
                .optional()?
            {
                return Ok(Some(ticket));
            }
        }
        Ok(None)
    }

    fn messages_from_since(
        &self,
        mailbox: &str,
        sender: &str,
        since: DateTime<Utc>,
    ) -> Result<u64, StoreError> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT COUNT(*) FROM log WHERE mailbox = ?1 AND sender = ?2 AND first_seen >= ?3",
            )?
            .query_row(params![mailbox, sender.to_lowercase(), stamp(since)], |r| {
                r.get::<_, i64>(0)
            })? as u64)
    }
}

impl Store for SqliteStore {
    fn lookup(&self, key: &MessageKey) -> Result<Option<LogEntry>, StoreError> {
        let sql = format!("SELECT {LOG_COLUMNS} FROM log WHERE mailbox = ?1 AND immutable_id = ?2");
        Ok(self
            .conn
            .prepare_cached(&sql)?
            .query_row(params![key.mailbox, key.immutable_id], log_entry)
            .optional()?)
    }

    fn record_batch(
        &mut self,
        records: &[Record],
    ) -> Result<Vec<Result<Recorded, StoreError>>, StoreError> {
        let now = stamp(Utc::now());
        let mut tx = self.write_tx()?;
        let results = records
            .iter()
            .map(|record| match record {
                Record::Imported(import) => import_in(&mut tx, import, &now),
                Record::Ignored {
                    key,
                    meta,
                    decision,
                } => outcome_in(
                    &tx,
                    key,
                    meta,
                    Status::Ignored,
                    Some(decision),
                    None,
                    &[],
                    &now,
                )
                .map(|log_id| Recorded::Ignored { log_id }),
            })
            .collect();
        tx.commit()?;
        Ok(results)
    }

    fn record_failure(
        &mut self,
        key: &MessageKey,
        meta: &MessageMeta,
        failure: &Failure,
        request_ids: &[String],
    ) -> Result<LogId, StoreError> {
        self.record_outcome(key, meta, Status::Failed, None, Some(failure), request_ids)
    }

    fn pending_post_actions(
        &self,
        mailbox: &str,
        folder: &str,
    ) -> Result<Vec<PendingPostAction>, StoreError> {
        let mut query = self.conn.prepare_cached(
            "SELECT l.id, l.mailbox, l.immutable_id, l.folder, l.post_action,
                    (SELECT COUNT(*) FROM attempts a WHERE a.log_id = l.id AND a.stage = 'post-action')
             FROM log l
             WHERE l.mailbox = ?1 AND l.folder = ?2 AND l.post_action_status IN ('pending', 'failed')
             ORDER BY l.id",
        )?;
        let rows = query.query_map(params![mailbox, folder], |r| {
            Ok(PendingPostAction {
                log_id: r.get(0)?,
                key: MessageKey {
                    mailbox: r.get(1)?,
                    immutable_id: r.get(2)?,
                },
                folder: r.get(3)?,
                post_action: r.get(4)?,
                attempts: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn record_post_actions(&mut self, outcomes: &[PostActionOutcome]) -> Result<(), StoreError> {
        let now = stamp(Utc::now());
        let tx = self.write_tx()?;
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
            let updated = tx.execute(
                "UPDATE log SET post_action_status = ?2, updated_at = ?3 WHERE id = ?1",
                params![log_id, status.as_str(), now],
            )?;
            if updated == 0 {
                return Err(StoreError::NoSuchEntry(*log_id));
            }
            insert_attempt(
                &tx,
                *log_id,
                &now,
                AttemptRow {
                    stage: "post-action",
                    decision: None,
                    ticket_id: None,
                    result: outcome.as_ref().ok().map(String::as_str),
                    request_ids,
                    failure: outcome.as_ref().err(),
                },
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    fn failed_entries(
        &self,
        mailbox: &str,
        folder: &str,
        max_attempts: u32,
    ) -> Result<Vec<FailedEntry>, StoreError> {
        // The columns by name, as `log_entry` reads them: `log.*` would follow the table's
        // column order, which migrations do not promise.
        let sql = format!(
            "SELECT * FROM (
                SELECT {LOG_COLUMNS}, (SELECT COUNT(*) FROM attempts a
                             WHERE a.log_id = log.id AND a.stage = 'import' AND a.error IS NOT NULL)
                            AS failures
                FROM log
                WHERE mailbox = ?1 AND folder = ?2 AND status = 'failed')
             WHERE failures < ?3
             ORDER BY id"
        );
        let mut query = self.conn.prepare_cached(&sql)?;
        let rows = query.query_map(params![mailbox, folder, max_attempts], |r| {
            let entry = log_entry(r)?;
            Ok(FailedEntry {
                log_id: entry.id,
                key: entry.key,
                meta: entry.meta,
                attempts: r.get("failures")?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn checkpoint(&self, mailbox: &str, folder_id: &str) -> Result<Option<Checkpoint>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT mailbox, folder_id, folder, delta_link, since, updated_at
                 FROM checkpoints WHERE mailbox = ?1 AND folder_id = ?2",
                params![mailbox, folder_id],
                |r| {
                    Ok(Checkpoint {
                        mailbox: r.get(0)?,
                        folder_id: r.get(1)?,
                        folder: r.get(2)?,
                        delta_link: r.get(3)?,
                        since: r.get::<_, Option<String>>(4)?.as_deref().map(parse_stamp),
                        updated_at: parse_stamp(&r.get::<_, String>(5)?),
                    })
                },
            )
            .optional()?)
    }

    fn save_checkpoint(&mut self, checkpoint: &Checkpoint) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO checkpoints (mailbox, folder_id, folder, delta_link, since, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (mailbox, folder_id) DO UPDATE SET
                folder = excluded.folder, delta_link = excluded.delta_link,
                since = excluded.since, updated_at = excluded.updated_at",
            params![
                checkpoint.mailbox,
                checkpoint.folder_id,
                checkpoint.folder,
                checkpoint.delta_link,
                checkpoint.since.map(stamp),
                stamp(checkpoint.updated_at),
            ],
        )?;
        Ok(())
    }

    fn log_list(&self, filter: &LogFilter) -> Result<Vec<LogEntry>, StoreError> {
        let since = filter.since.map(stamp);
        let status = filter.status.map(Status::as_str);
        let sql = format!(
            "SELECT {LOG_COLUMNS} FROM log
             WHERE (?1 IS NULL OR status = ?1)
               AND (?2 IS NULL OR updated_at >= ?2)
               AND (?3 IS NULL OR profile = ?3)
               AND (?4 IS NULL OR instr(lower(coalesce(sender, '')), lower(?4)) > 0)
               AND (?5 IS NULL OR instr(lower(subject), lower(?5)) > 0)
             ORDER BY updated_at DESC, id DESC
             LIMIT ?6"
        );
        let mut query = self.conn.prepare(&sql)?;
        let rows = query.query_map(
            params![
                status,
                since,
                filter.profile,
                filter.sender,
                filter.subject,
                filter.limit.map_or(-1, i64::from)
            ],
            log_entry,
        )?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn log_get(&self, id: LogId) -> Result<Option<LogDetail>, StoreError> {
        let sql = format!("SELECT {LOG_COLUMNS} FROM log WHERE id = ?1");
        let Some(entry) = self.conn.query_row(&sql, [id], log_entry).optional()? else {
            return Ok(None);
        };
        let mut query = self.conn.prepare(
            "SELECT at, stage, decision, rule, reason, ticket_id, result, request_ids, error, hint
             FROM attempts WHERE log_id = ?1 ORDER BY id",
        )?;
        let attempts = query
            .query_map([id], |r| {
                let decision = r
                    .get::<_, Option<String>>(2)?
                    .map(|action| RecordedDecision {
                        action,
                        rule: r
                            .get::<_, Option<String>>(3)
                            .ok()
                            .flatten()
                            .unwrap_or_default(),
                        reason: r.get(4).ok().flatten(),
                    });
                let failure = r.get::<_, Option<String>>(8)?.map(|error| Failure {
                    error,
                    hint: r.get(9).ok().flatten(),
                });
                Ok(Attempt {
                    at: parse_stamp(&r.get::<_, String>(0)?),
                    stage: r.get(1)?,
                    decision,
                    ticket_id: r.get(5)?,
                    result: r.get(6)?,
                    request_ids: parse_list(&r.get::<_, String>(7)?),
                    failure,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(Some(LogDetail { entry, attempts }))
    }

    fn log_prune(&mut self, before: DateTime<Utc>) -> Result<PruneReport, StoreError> {
        let before = stamp(before);
        let tx = self.write_tx()?;
        // Only a message that has left the folder (moved or deleted by us) can lose its row
        // without risk of being imported again.
        let entries_removed = tx.execute(
            "DELETE FROM log WHERE updated_at < ?1 AND status = 'imported'
               AND post_action_status = 'done'
               AND (post_action LIKE 'move:%' OR post_action IN ('delete', 'permanent-delete'))",
            [&before],
        )? as u64;
        // Each kept entry keeps its latest attempt, so `log show` still says why it is there.
        let attempts_removed = tx.execute(
            "DELETE FROM attempts WHERE at < ?1
               AND id NOT IN (SELECT MAX(id) FROM attempts GROUP BY log_id)",
            [&before],
        )? as u64;
        let entries_kept = tx.query_row(
            "SELECT COUNT(*) FROM log WHERE updated_at < ?1",
            [&before],
            |r| r.get::<_, i64>(0),
        )? as u64;
        tx.commit()?;
        Ok(PruneReport {
            entries_removed,
            attempts_removed,
            entries_kept,
        })
    }

    fn adopt_mailbox(&mut self, mailbox: &Identity) -> Result<Adopted, StoreError> {
        let tx = self.write_tx()?;
        let spellings: Vec<String> = tx
            .prepare("SELECT mailbox FROM log UNION SELECT mailbox FROM checkpoints")?
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<Result<Vec<_>, _>>()?
            .into_iter()
            .filter(|m| *m != mailbox.key && mailbox.answers_to(m))
            .collect();
        let mut adopted = Adopted::default();
        for old in &spellings {
            adopted.checkpoints += adopt_checkpoints(&tx, old, &mailbox.key)?;
            adopted.entries += adopt_log(&tx, old, &mailbox.key)?;
        }
        tx.execute(
            "INSERT INTO mailboxes (key, address, updated_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (key) DO UPDATE SET address = excluded.address,
                 updated_at = excluded.updated_at
             WHERE address != excluded.address",
            params![mailbox.key, mailbox.address, stamp(Utc::now())],
        )?;
        tx.commit()?;
        Ok(adopted)
    }

    fn tickets_list(&self, limit: Option<u32>) -> Result<Vec<Ticket>, StoreError> {
        let sql = format!("{TICKET_QUERY} ORDER BY t.updated_at DESC, t.id DESC LIMIT ?1");
        let mut query = self.conn.prepare(&sql)?;
        let rows = query.query_map([limit.map_or(-1, i64::from)], ticket)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn folder_states(&self) -> Result<Vec<FolderState>, StoreError> {
        let stamp = |text: Option<String>| text.as_deref().map(parse_stamp);
        let mut query = self.conn.prepare(super::FOLDER_STATES)?;
        let rows = query.query_map([], |r| {
            Ok(FolderState {
                mailbox: r.get(0)?,
                mailbox_address: r.get(1)?,
                folder: r.get(2)?,
                last_round: stamp(r.get(3)?),
                last_import: stamp(r.get(4)?),
                imported: r.get::<_, i64>(5)? as u64,
                failed: r.get::<_, i64>(6)? as u64,
                pending_post_actions: r.get::<_, i64>(7)? as u64,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn ticket_get(&self, id: TicketId) -> Result<Option<TicketDetail>, StoreError> {
        let sql = format!("{TICKET_QUERY} WHERE t.id = ?1");
        let Some(ticket) = self.conn.query_row(&sql, [id], ticket).optional()? else {
            return Ok(None);
        };
        let mut messages_query = self.conn.prepare(
            "SELECT id, log_id, internet_message_id, sender, subject, received_at, text
             FROM ticket_messages WHERE ticket_id = ?1 ORDER BY id",
        )?;
        let mut attachments_query = self.conn.prepare(
            "SELECT filename, content_type, size, content IS NULL
             FROM attachments WHERE ticket_message_id = ?1 ORDER BY id",
        )?;
        let mut messages = Vec::new();
        let rows = messages_query.query_map([id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                TicketMessage {
                    log_id: r.get(1)?,
                    internet_message_id: r.get(2)?,
                    from: r.get(3)?,
                    subject: r.get(4)?,
                    received_at: r.get::<_, Option<String>>(5)?.as_deref().map(parse_stamp),
                    text: r.get(6)?,
                    attachments: Vec::new(),
                },
            ))
        })?;
        for row in rows {
            let (message_id, mut message) = row?;
            message.attachments = attachments_query
                .query_map([message_id], |r| {
                    Ok(StoredAttachment {
                        filename: r.get(0)?,
                        content_type: r.get(1)?,
                        size: r.get::<_, i64>(2)? as u64,
                        omitted: r.get(3)?,
                    })
                })?
                .collect::<Result<_, _>>()?;
            messages.push(message);
        }
        Ok(Some(TicketDetail { ticket, messages }))
    }
}

impl SqliteStore {
    fn record_outcome(
        &mut self,
        key: &MessageKey,
        meta: &MessageMeta,
        status: Status,
        decision: Option<&RecordedDecision>,
        failure: Option<&Failure>,
        request_ids: &[String],
    ) -> Result<LogId, StoreError> {
        let now = stamp(Utc::now());
        let tx = self.write_tx()?;
        let log_id = outcome_in(&tx, key, meta, status, decision, failure, request_ids, &now)?;
        tx.commit()?;
        Ok(log_id)
    }
}

/// Records an ignore or a failure. Neither ever overwrites an import: a message that made
/// its ticket stays imported, the new attempt is only added to its history.
#[allow(clippy::too_many_arguments)] // one row's columns; a struct would only rename them
fn outcome_in(
    tx: &Connection,
    key: &MessageKey,
    meta: &MessageMeta,
    status: Status,
    decision: Option<&RecordedDecision>,
    failure: Option<&Failure>,
    request_ids: &[String],
    now: &str,
) -> Result<LogId, StoreError> {
    let log_id = match current(tx, key)? {
        Some((log_id, Status::Imported, _)) => log_id,
        _ => upsert_log(tx, key, meta, status, None, None, now)?,
    };
    insert_attempt(
        tx,
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

/// Moves the checkpoints of spelling `old` to `key`; where both have one for a folder, the
/// newer wins (its delta link is the furthest along; the log dedups any replay).
fn adopt_checkpoints(tx: &Connection, old: &str, key: &str) -> rusqlite::Result<u64> {
    tx.execute(
        "DELETE FROM checkpoints AS k WHERE k.mailbox = ?2 AND EXISTS (
             SELECT 1 FROM checkpoints o WHERE o.mailbox = ?1 AND o.folder_id = k.folder_id
               AND o.updated_at > k.updated_at)",
        params![old, key],
    )?;
    let moved = tx.execute(
        "UPDATE OR IGNORE checkpoints SET mailbox = ?2 WHERE mailbox = ?1",
        params![old, key],
    )?;
    tx.execute("DELETE FROM checkpoints WHERE mailbox = ?1", [old])?;
    Ok(moved as u64)
}

/// Moves the log rows of spelling `old` to `key`. A message already logged under `key` (the
/// duplicate the spellings caused) keeps one row: the imported one's outcome, both
/// histories, and every ticket message pointing at it.
fn adopt_log(tx: &Connection, old: &str, key: &str) -> rusqlite::Result<u64> {
    let moved = tx.execute(
        "UPDATE log SET mailbox = ?2 WHERE mailbox = ?1
           AND immutable_id NOT IN (SELECT immutable_id FROM log WHERE mailbox = ?2)",
        params![old, key],
    )?;
    tx.execute(
        "UPDATE log AS k SET status = d.status, ticket_id = d.ticket_id,
             post_action = d.post_action, post_action_status = d.post_action_status
         FROM log AS d
         WHERE d.mailbox = ?1 AND k.mailbox = ?2 AND d.immutable_id = k.immutable_id
           AND d.status = 'imported' AND k.status != 'imported'",
        params![old, key],
    )?;
    let kept = "(SELECT k.id FROM log k JOIN log d ON d.immutable_id = k.immutable_id
                 WHERE d.id = log_id AND k.mailbox = ?2)";
    for table in ["attempts", "ticket_messages"] {
        tx.execute(
            &format!(
                "UPDATE {table} SET log_id = {kept}
                 WHERE log_id IN (SELECT id FROM log WHERE mailbox = ?1)"
            ),
            params![old, key],
        )?;
    }
    let merged = tx.execute("DELETE FROM log WHERE mailbox = ?1", [old])?;
    Ok((moved + merged) as u64)
}

/// The default store file: `$XDG_DATA_HOME/mailconn/mailconn.db`. Data, not state: the
/// tickets in it are the help desk's records and belong in backups.
pub fn default_path() -> Result<PathBuf, StoreError> {
    use etcetera::BaseStrategy;
    let base = etcetera::choose_base_strategy().map_err(|e| StoreError::Open {
        store: "mailconn.db".into(),
        source: e.to_string().into(),
    })?;
    Ok(base.data_dir().join("mailconn").join("mailconn.db"))
}
