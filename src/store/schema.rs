//! The SQLite schema and its migrations. Each migration runs once, in order, inside one
//! transaction with the bump of `schema_version`; never edit a released step, add one.

use rusqlite::{Connection, Transaction};

/// The migrations, in order; the schema version is the number of steps applied.
const MIGRATIONS: &[&str] = &[
    // 1: the processing log, tickets, their messages and attachments.
    "
    CREATE TABLE tickets (
        id          INTEGER PRIMARY KEY,
        subject     TEXT NOT NULL,
        requester   TEXT,
        queue       TEXT,
        priority    TEXT,
        tags        TEXT NOT NULL DEFAULT '[]',
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL
    );
    CREATE TABLE log (
        id                  INTEGER PRIMARY KEY,
        mailbox             TEXT NOT NULL,
        immutable_id        TEXT NOT NULL,
        profile             TEXT,
        folder              TEXT NOT NULL,
        internet_message_id TEXT,
        sender              TEXT,
        subject             TEXT NOT NULL,
        received_at         TEXT,
        status              TEXT NOT NULL,
        ticket_id           INTEGER REFERENCES tickets(id),
        post_action         TEXT,
        post_action_status  TEXT,
        first_seen          TEXT NOT NULL,
        updated_at          TEXT NOT NULL,
        UNIQUE (mailbox, immutable_id)
    );
    CREATE INDEX log_internet_message_id ON log (mailbox, internet_message_id);
    CREATE INDEX log_sender ON log (mailbox, sender, first_seen);
    CREATE INDEX log_pending ON log (mailbox, folder, post_action_status);
    CREATE INDEX log_updated ON log (updated_at);
    CREATE TABLE attempts (
        id                 INTEGER PRIMARY KEY,
        log_id             INTEGER NOT NULL REFERENCES log(id) ON DELETE CASCADE,
        at                 TEXT NOT NULL,
        stage              TEXT NOT NULL,
        decision           TEXT,
        rule               TEXT,
        reason             TEXT,
        ticket_id          INTEGER,
        result             TEXT,
        request_ids        TEXT NOT NULL DEFAULT '[]',
        error              TEXT,
        hint               TEXT
    );
    CREATE INDEX attempts_log ON attempts (log_id);
    CREATE TABLE ticket_messages (
        id                  INTEGER PRIMARY KEY,
        ticket_id           INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
        log_id              INTEGER REFERENCES log(id) ON DELETE SET NULL,
        internet_message_id TEXT,
        sender              TEXT,
        subject             TEXT NOT NULL,
        received_at         TEXT,
        text                TEXT NOT NULL,
        original_text       TEXT NOT NULL,
        html                TEXT,
        headers             TEXT NOT NULL
    );
    CREATE INDEX ticket_messages_ticket ON ticket_messages (ticket_id);
    CREATE TABLE attachments (
        id                 INTEGER PRIMARY KEY,
        ticket_message_id  INTEGER NOT NULL REFERENCES ticket_messages(id) ON DELETE CASCADE,
        filename           TEXT NOT NULL,
        content_type       TEXT NOT NULL,
        size               INTEGER NOT NULL,
        inline             INTEGER NOT NULL,
        content            BLOB
    );
    CREATE INDEX attachments_message ON attachments (ticket_message_id);
    ",
    // 2: where the last complete delta round over a folder ended.
    "
    CREATE TABLE checkpoints (
        mailbox     TEXT NOT NULL,
        folder_id   TEXT NOT NULL,
        folder      TEXT NOT NULL,
        delta_link  TEXT NOT NULL,
        since       TEXT,
        updated_at  TEXT NOT NULL,
        PRIMARY KEY (mailbox, folder_id)
    );
    ",
    // 3: mailboxes are keyed by their Entra object id (older rows by the address as typed,
    // re-keyed on first use by `adopt_mailbox`); this is the address people recognise.
    "
    CREATE TABLE mailboxes (
        key         TEXT PRIMARY KEY,
        address     TEXT NOT NULL,
        updated_at  TEXT NOT NULL
    );
    ",
];

pub const CURRENT: i64 = MIGRATIONS.len() as i64;

/// The schema version recorded in the file (0 for a new file).
pub fn version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.execute_batch("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")?;
    Ok(conn
        .query_row("SELECT MAX(version) FROM schema_version", [], |r| {
            r.get::<_, Option<i64>>(0)
        })?
        .unwrap_or(0))
}

/// Applies the steps after `from`, all in `tx`.
pub fn migrate(tx: &Transaction, from: i64) -> rusqlite::Result<()> {
    for (index, step) in MIGRATIONS.iter().enumerate().skip(from as usize) {
        tx.execute_batch(step)?;
        tx.execute(
            "INSERT INTO schema_version (version) VALUES (?1)",
            [index as i64 + 1],
        )?;
    }
    Ok(())
}
