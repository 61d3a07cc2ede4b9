//! Subscription records in PostgreSQL (migration 4). Each statement stands alone: a record
//! is written whole, and two workers renewing one subscription write the same expiry.

use chrono::{DateTime, Utc};
use postgres::{Client, Row};

use super::statements::Cached;

use super::super::StoreError;
use super::super::{ClientStateDigest, SubscriptionRecord as Record};

type Result<T> = std::result::Result<T, StoreError>;

const COLUMNS: &str = "id, profile, mailbox, mailbox_address, folder, folder_id, resource, \
     notification_url, lifecycle_url, expiration, created_at, client_state_sha256";

pub fn list(db: &mut Client) -> Result<Vec<Record>> {
    db.query_cached(
        &format!("SELECT {COLUMNS} FROM subscriptions ORDER BY created_at, id"),
        &[],
    )?
    .iter()
    .map(record)
    .collect()
}

fn record(row: &Row) -> Result<Record> {
    let digest: Vec<u8> = row.get(11);
    Ok(Record {
        id: row.get(0),
        profile: row.get(1),
        mailbox: row.get(2),
        mailbox_address: row.get(3),
        folder: row.get(4),
        folder_id: row.get(5),
        resource: row.get(6),
        notification_url: row.get(7),
        lifecycle_url: row.get(8),
        expiration: row.get(9),
        created_at: row.get(10),
        client_state_store: None,
        // The column's CHECK keeps it 32 bytes.
        client_state_digest: ClientStateDigest::from_bytes(&digest),
    })
}

pub fn put(db: &mut Client, record: &Record) -> Result<()> {
    let Some(digest) = &record.client_state_digest else {
        return Err(StoreError::Query(
            format!(
                "subscription {} has no clientState digest to keep in the shared store",
                record.id
            )
            .into(),
        ));
    };
    db.execute_cached(
        &format!(
            "INSERT INTO subscriptions ({COLUMNS})
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
             ON CONFLICT (id) DO UPDATE SET
                 profile = excluded.profile, mailbox = excluded.mailbox,
                 mailbox_address = excluded.mailbox_address, folder = excluded.folder,
                 folder_id = excluded.folder_id, resource = excluded.resource,
                 notification_url = excluded.notification_url,
                 lifecycle_url = excluded.lifecycle_url, expiration = excluded.expiration,
                 created_at = excluded.created_at,
                 client_state_sha256 = excluded.client_state_sha256"
        ),
        &[
            &record.id,
            &record.profile,
            &record.mailbox,
            &record.mailbox_address,
            &record.folder,
            &record.folder_id,
            &record.resource,
            &record.notification_url,
            &record.lifecycle_url,
            &record.expiration,
            &record.created_at,
            &digest.as_bytes(),
        ],
    )?;
    Ok(())
}

pub fn remove(db: &mut Client, id: &str) -> Result<bool> {
    Ok(db.execute_cached("DELETE FROM subscriptions WHERE id = $1", &[&id])? > 0)
}

pub fn set_expiration(db: &mut Client, id: &str, expiration: DateTime<Utc>) -> Result<()> {
    db.execute_cached(
        "UPDATE subscriptions SET expiration = $2 WHERE id = $1",
        &[&id, &expiration],
    )?;
    Ok(())
}
