//! `mailconn status`: every mailbox folder of the store at a glance — which worker holds
//! it (on a shared store), when its last pass ended, and what is left to do.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::Context;
use super::store_access::open_existing_at;
use crate::error::Result;
use crate::output::{Render, Table, TableStyle};
use crate::store::{FolderState, LeaseRow};

#[derive(Debug, clap::Args)]
pub struct Args {}

/// One folder: what the store recorded, and its lease on a shared store.
#[derive(Debug, Serialize)]
struct Row {
    #[serde(flatten)]
    state: FolderState,
    lease: Option<LeaseRow>,
}

#[derive(Debug, Serialize)]
struct Status {
    /// The store, as `store_url` or a file path (never a password).
    store: String,
    /// Whether runs hold leases (a shared store) or this host's file lock.
    leases: bool,
    folders: Vec<Row>,
}

fn when(t: Option<DateTime<Utc>>) -> String {
    t.map_or_else(|| "-".into(), |t| t.format("%Y-%m-%d %H:%M:%S").to_string())
}

impl Render for Status {
    fn human(&self, style: TableStyle) -> String {
        let mut out = format!(
            "store: {} ({})\n",
            self.store,
            if self.leases {
                "shared: runs hold leases"
            } else {
                "this host: runs hold a file lock"
            }
        );
        if self.folders.is_empty() {
            out.push_str("no mailbox imported yet");
            return out;
        }
        let mut table = Table::new(
            style,
            &[
                "MAILBOX",
                "FOLDER",
                "WORKER",
                "SINCE",
                "LAST ROUND",
                "LAST IMPORT",
                "IMPORTED",
                "FAILED",
                "PENDING",
            ],
        );
        for row in &self.folders {
            let s = &row.state;
            let (worker, since) = match &row.lease {
                Some(l) if l.live => (l.holder.clone(), when(Some(l.acquired_at))),
                Some(l) => (
                    format!("none (last: {})", l.holder),
                    format!("ended {}", when(Some(l.expires_at))),
                ),
                None => ("-".into(), "-".into()),
            };
            table.row([
                s.mailbox_address
                    .clone()
                    .unwrap_or_else(|| s.mailbox.clone()),
                s.folder.clone(),
                worker,
                since,
                when(s.last_round),
                when(s.last_import),
                s.imported.to_string(),
                s.failed.to_string(),
                s.pending_post_actions.to_string(),
            ]);
        }
        out.push_str(&table.to_string());
        out
    }
}

/// Folder states joined with their leases. Leases are keyed in lower case (Exchange
/// compares both names case-insensitively); a lease whose folder has recorded nothing yet
/// (its first run is still listing) is a row of its own.
fn join(states: Vec<FolderState>, mut leases: Vec<LeaseRow>) -> Vec<Row> {
    let mut rows: Vec<Row> = states
        .into_iter()
        .map(|state| {
            let found = leases.iter().position(|l| {
                l.mailbox == state.mailbox.to_lowercase() && l.folder == state.folder.to_lowercase()
            });
            Row {
                lease: found.map(|i| leases.swap_remove(i)),
                state,
            }
        })
        .collect();
    rows.extend(leases.into_iter().map(|lease| Row {
        state: FolderState {
            mailbox: lease.mailbox.clone(),
            mailbox_address: None,
            folder: lease.folder.clone(),
            last_round: None,
            last_import: None,
            imported: 0,
            failed: 0,
            pending_post_actions: 0,
        },
        lease: Some(lease),
    }));
    rows
}

pub fn run(ctx: &Context, _args: Args) -> Result<()> {
    let (location, mut store) = open_existing_at(ctx)?;
    let states = store.folder_states()?;
    let leases = match store.leases() {
        Some(leases) => Some(leases.list_leases()?),
        None => None,
    };
    ctx.printer.data(&Status {
        store: location.to_string(),
        leases: leases.is_some(),
        folders: join(states, leases.unwrap_or_default()),
    })
}
