//! `mailconn log export`: JSON lines, for archiving or feeding another tool.

use std::io::Write;

use crate::commands::Context;
use crate::commands::store_access::open_existing;
use crate::error::{Classify as _, ErrorKind, Failure, Result};
use crate::settings::values::Span;
use crate::store::{LogFilter, Status};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only entries in this state: imported, ignored or failed.
    #[arg(long, value_name = "STATUS")]
    pub status: Option<Status>,
    /// Only entries updated within this span, e.g. 30d.
    #[arg(long, value_name = "DUR")]
    pub since: Option<Span>,
    /// Only entries of the selected profile (-p); all profiles otherwise.
    #[arg(long)]
    pub this_profile: bool,
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let store = open_existing(ctx)?;
    let filter = LogFilter {
        status: args.status,
        since: super::list::since(args.since),
        profile: super::list::filter_profile(ctx, args.this_profile)?,
        ..LogFilter::default()
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for entry in store.log_list(&filter)? {
        let Some(detail) = store.log_get(entry.id)? else {
            continue; // pruned between the two reads
        };
        let line = serde_json::to_string(&detail).classify(ErrorKind::Failed)?;
        if let Err(e) = writeln!(out, "{line}") {
            // `log export | head` closes the pipe: that is the reader's choice, not a failure.
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                return Ok(());
            }
            return Err(Failure::new(ErrorKind::Failed, e));
        }
    }
    match out.flush() {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(Failure::new(ErrorKind::Failed, e))
        }
        _ => Ok(()),
    }
}
