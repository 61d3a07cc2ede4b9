//! `mailconn log prune --older-than DUR`.

use serde::Serialize;

use crate::commands::Context;
use crate::commands::store_access::open_existing;
use crate::error::Result;
use crate::output::{Render, TableStyle};
use crate::settings::values::Span;
use crate::store::PruneReport;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Forget history last touched longer ago than this, e.g. 90d.
    #[arg(long, value_name = "DUR")]
    pub older_than: Span,
}

#[derive(Debug, Serialize)]
#[serde(transparent)]
struct Pruned(PruneReport);

impl Render for Pruned {
    fn human(&self, _style: TableStyle) -> String {
        let r = &self.0;
        let mut text = format!(
            "removed {} log entries and {} older attempts",
            r.entries_removed, r.attempts_removed
        );
        if r.entries_kept > 0 {
            text.push_str(&format!(
                "; kept {} old entries whose messages may still be in the folder (removing them would let the next import take those messages again)",
                r.entries_kept
            ));
        }
        text
    }
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let mut store = open_existing(ctx)?;
    let before = chrono::Utc::now()
        - chrono::Duration::from_std(args.older_than.duration()).unwrap_or_default();
    ctx.printer.outcome(&Pruned(store.log_prune(before)?))
}
