//! `mailconn tickets list`.

use serde::Serialize;

use crate::commands::Context;
use crate::commands::store_access::open_existing;
use crate::error::Result;
use crate::output::{Render, Table, TableStyle};
use crate::store::Ticket;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// At most this many tickets.
    #[arg(long, default_value_t = 50, value_name = "N")]
    pub limit: u32,
}

#[derive(Debug, Serialize)]
#[serde(transparent)]
struct Tickets(Vec<Ticket>);

impl Render for Tickets {
    fn human(&self, style: TableStyle) -> String {
        if self.0.is_empty() {
            return "no tickets yet".into();
        }
        let mut table = Table::new(
            style,
            &[
                "ID",
                "UPDATED",
                "MESSAGES",
                "QUEUE",
                "PRIORITY",
                "REQUESTER",
                "SUBJECT",
            ],
        );
        let show = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
        for t in &self.0 {
            table.row([
                t.id.to_string(),
                t.updated_at.format("%Y-%m-%d %H:%M").to_string(),
                t.message_count.to_string(),
                show(&t.queue),
                show(&t.priority),
                show(&t.requester),
                t.subject.clone(),
            ]);
        }
        table.to_string()
    }
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let store = open_existing(ctx)?;
    ctx.printer
        .data(&Tickets(store.tickets_list(Some(args.limit))?))
}
