//! `mailconn tickets show ID`.

use std::fmt::Write as _;

use crate::commands::Context;
use crate::commands::store_access::open_existing;
use crate::error::Result;
use crate::output::{Render, TableStyle};
use crate::store::{StoreError, TicketDetail, TicketId};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The ticket number.
    pub id: TicketId,
}

impl Render for TicketDetail {
    fn human(&self, _style: TableStyle) -> String {
        let t = &self.ticket;
        let show = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
        let mut out = String::new();
        let _ = writeln!(out, "ticket #{}: {}", t.id, t.subject);
        let _ = writeln!(out, "requester: {}", show(&t.requester));
        let _ = writeln!(
            out,
            "queue: {}   priority: {}   tags: {}",
            show(&t.queue),
            show(&t.priority),
            if t.tags.is_empty() {
                "-".into()
            } else {
                t.tags.join(", ")
            }
        );
        let _ = writeln!(
            out,
            "created: {}   updated: {}",
            t.created_at.to_rfc3339(),
            t.updated_at.to_rfc3339()
        );
        for (n, m) in self.messages.iter().enumerate() {
            let _ = writeln!(
                out,
                "\n--- message {} (log entry {}) ---",
                n + 1,
                m.log_id.map_or_else(|| "pruned".into(), |l| l.to_string())
            );
            let _ = writeln!(out, "from: {}", show(&m.from));
            let _ = writeln!(out, "subject: {}", m.subject);
            if let Some(at) = m.received_at {
                let _ = writeln!(out, "received: {}", at.to_rfc3339());
            }
            let _ = writeln!(out, "\n{}", m.text.trim_end());
            for a in &m.attachments {
                let note = if a.omitted {
                    ", over the size limit: not stored"
                } else {
                    ""
                };
                let _ = writeln!(
                    out,
                    "[attachment] {} ({}, {} bytes{note})",
                    a.filename, a.content_type, a.size
                );
            }
        }
        out.trim_end().to_owned()
    }
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let store = open_existing(ctx)?;
    let ticket = store
        .ticket_get(args.id)?
        .ok_or(StoreError::NoSuchTicket(args.id))?;
    ctx.printer.data(&ticket)
}
