//! Leases and the write fence in PostgreSQL (see `store/lease.rs` for the model). Every
//! time is the server's `now()`, never a host's clock.

use std::time::Duration;

use postgres::{Client, GenericClient};

use super::statements::Cached;

use super::super::StoreError;
use super::super::lease::{Claim, Lease, LeaseRow, LiveWorker};

type Result<T> = std::result::Result<T, StoreError>;

fn seconds(ttl: Duration) -> f64 {
    ttl.as_secs_f64()
}

pub fn claim(
    db: &mut Client,
    mailbox: &str,
    folder: &str,
    holder: &str,
    ttl: Duration,
) -> Result<Claim> {
    let (mailbox, folder) = (mailbox.to_lowercase(), folder.to_lowercase());
    let granted = {
        let mut tx = db.transaction()?;
        // A writer holds the lease row (FOR SHARE, the fence) while it commits; should it
        // be paused mid-commit, this claim must not wait for it, only report it held.
        tx.batch_execute("SET LOCAL lock_timeout = '1s'")?;
        // A new row starts at epoch 1; a released or expired one is taken over with the
        // next epoch, and so is one of the same holder (a claim run again after its
        // connection broke). An unexpired lease of another worker is left alone (no row
        // comes back).
        let granted = tx.query_opt_cached(
            "INSERT INTO leases (mailbox, folder, holder, epoch, acquired_at, renewed_at, expires_at)
             VALUES ($1, $2, $3, 1, now(), now(), now() + make_interval(secs => $4))
             ON CONFLICT (mailbox, folder) DO UPDATE SET
                 holder = excluded.holder, epoch = leases.epoch + 1,
                 acquired_at = excluded.acquired_at, renewed_at = excluded.renewed_at,
                 expires_at = excluded.expires_at
             WHERE leases.expires_at <= now() OR leases.holder = excluded.holder
             RETURNING epoch",
            &[&mailbox, &folder, &holder, &seconds(ttl)],
        );
        match granted {
            Ok(granted) => {
                tx.commit()?;
                granted
            }
            // Rolled back as `tx` goes.
            Err(e) if e.code() == Some(&postgres::error::SqlState::LOCK_NOT_AVAILABLE) => None,
            Err(e) => return Err(e.into()),
        }
    };
    if let Some(row) = granted {
        return Ok(Claim::Granted(Lease {
            mailbox,
            folder,
            holder: holder.to_owned(),
            epoch: row.get(0),
        }));
    }
    let held = db.query_one_cached(
        "SELECT holder, acquired_at FROM leases WHERE mailbox = $1 AND folder = $2",
        &[&mailbox, &folder],
    )?;
    Ok(Claim::Held {
        holder: held.get(0),
        since: held.get(1),
    })
}

pub fn renew(db: &mut Client, lease: &Lease, ttl: Duration) -> Result<bool> {
    let renewed = db.execute_cached(
        "UPDATE leases SET renewed_at = now(), expires_at = now() + make_interval(secs => $4)
         WHERE mailbox = $1 AND folder = $2 AND epoch = $3",
        &[&lease.mailbox, &lease.folder, &lease.epoch, &seconds(ttl)],
    )?;
    Ok(renewed == 1)
}

pub fn release(db: &mut Client, lease: &Lease) -> Result<()> {
    db.execute_cached(
        "UPDATE leases SET expires_at = now()
         WHERE mailbox = $1 AND folder = $2 AND epoch = $3 AND expires_at > now()",
        &[&lease.mailbox, &lease.folder, &lease.epoch],
    )?;
    Ok(())
}

pub fn list(db: &mut Client) -> Result<Vec<LeaseRow>> {
    Ok(db
        .query_cached(
            "SELECT mailbox, folder, holder, epoch, acquired_at, renewed_at, expires_at,
                    expires_at > now()
             FROM leases ORDER BY mailbox, folder",
            &[],
        )?
        .iter()
        .map(|r| LeaseRow {
            mailbox: r.get(0),
            folder: r.get(1),
            holder: r.get(2),
            epoch: r.get(3),
            acquired_at: r.get(4),
            renewed_at: r.get(5),
            expires_at: r.get(6),
            live: r.get(7),
        })
        .collect())
}

/// Inside a write transaction: fails with [`StoreError::Fenced`] unless `fence` is still
/// the folder's lease. `FOR SHARE` holds off a take-over until this transaction ends, so a
/// take-over is either before the check (and this write fails) or after the commit.
pub fn check(tx: &mut impl GenericClient, fence: Option<&Lease>) -> Result<()> {
    let Some(lease) = fence else {
        return Ok(());
    };
    let current = tx.query_opt_cached(
        "SELECT epoch, holder FROM leases WHERE mailbox = $1 AND folder = $2 FOR SHARE",
        &[&lease.mailbox, &lease.folder],
    )?;
    match current {
        Some(row) if row.get::<_, i64>(0) == lease.epoch => Ok(()),
        other => Err(StoreError::Fenced {
            what: format!("{} folder {}", lease.mailbox, lease.folder),
            holder: other.map(|row| row.get(1)),
        }),
    }
}

pub fn heartbeat(
    db: &mut Client,
    worker: &str,
    profiles: &[String],
    ttl: Duration,
) -> Result<Vec<LiveWorker>> {
    let mut tx = db.transaction()?;
    tx.execute_cached(
        "INSERT INTO workers (id, started_at, seen_at, expires_at, profiles)
         VALUES ($1, now(), now(), now() + make_interval(secs => $2), $3)
         ON CONFLICT (id) DO UPDATE SET seen_at = excluded.seen_at,
             expires_at = excluded.expires_at, profiles = excluded.profiles",
        &[&worker, &seconds(ttl), &profiles],
    )?;
    // Workers gone for a day are forgotten; a recent one stays visible to `status`.
    tx.execute_cached(
        "DELETE FROM workers WHERE expires_at < now() - interval '1 day'",
        &[],
    )?;
    let live = tx
        .query_cached(
            "SELECT id, profiles FROM workers WHERE expires_at > now() ORDER BY id",
            &[],
        )?
        .iter()
        .map(|r| LiveWorker {
            id: r.get(0),
            profiles: r.get(1),
        })
        .collect();
    tx.commit()?;
    Ok(live)
}

pub fn retire(db: &mut Client, worker: &str) -> Result<()> {
    db.execute_cached("DELETE FROM workers WHERE id = $1", &[&worker])?;
    Ok(())
}
