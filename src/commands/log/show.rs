//! `mailconn log show ID`.

use std::fmt::Write as _;

use crate::commands::Context;
use crate::commands::store_access::open_existing;
use crate::error::Result;
use crate::output::{Render, Table, TableStyle};
use crate::store::{LogDetail, LogId, StoreError};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The entry's id (first column of `log list`).
    pub id: LogId,
}

impl Render for LogDetail {
    fn human(&self, style: TableStyle) -> String {
        let e = &self.entry;
        let mut out = String::new();
        let show = |v: Option<String>| v.unwrap_or_else(|| "-".into());
        let _ = writeln!(out, "entry:         {}", e.id);
        let _ = writeln!(out, "status:        {}", e.status.as_str());
        let _ = writeln!(
            out,
            "mailbox:       {} / {}",
            e.mailbox_shown(),
            e.meta.folder
        );
        if e.mailbox_address.is_some() {
            let _ = writeln!(out, "mailbox id:    {}", e.key.mailbox);
        }
        let _ = writeln!(out, "profile:       {}", show(e.meta.profile.clone()));
        let _ = writeln!(out, "message id:    {}", e.key.immutable_id);
        let _ = writeln!(
            out,
            "internet id:   {}",
            show(e.meta.internet_message_id.clone())
        );
        let _ = writeln!(out, "from:          {}", show(e.meta.sender.clone()));
        let _ = writeln!(out, "subject:       {}", e.meta.subject);
        let _ = writeln!(
            out,
            "ticket:        {}",
            show(e.ticket_id.map(|t| t.to_string()))
        );
        let post = e
            .post_action
            .as_ref()
            .map(|a| format!("{a} ({})", e.post_action_status.map_or("-", |s| s.as_str())));
        let _ = writeln!(out, "post-action:   {}", show(post));
        let _ = writeln!(out, "first seen:    {}", e.first_seen.to_rfc3339());
        let _ = writeln!(out, "updated:       {}", e.updated_at.to_rfc3339());
        let mut table = Table::new(
            style,
            &["AT", "STAGE", "DECISION", "RULE", "RESULT", "REQUEST IDS"],
        );
        for a in &self.attempts {
            let decision = a.decision.as_ref().map(|d| match &d.reason {
                Some(reason) => format!("{}: {reason}", d.action),
                None => d.action.clone(),
            });
            let result = match (&a.result, &a.failure) {
                (_, Some(f)) => match &f.hint {
                    Some(hint) => format!("error: {} (hint: {hint})", f.error),
                    None => format!("error: {}", f.error),
                },
                (Some(r), None) => r.clone(),
                (None, None) => "-".into(),
            };
            table.row([
                a.at.format("%Y-%m-%d %H:%M:%S").to_string(),
                a.stage.clone(),
                show(decision),
                show(a.decision.as_ref().map(|d| d.rule.clone())),
                result,
                if a.request_ids.is_empty() {
                    "-".into()
                } else {
                    a.request_ids.join(" ")
                },
            ]);
        }
        out.push('\n');
        out.push_str(&table.to_string());
        out
    }
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let store = open_existing(ctx)?;
    let detail = store
        .log_get(args.id)?
        .ok_or(StoreError::NoSuchEntry(args.id))?;
    ctx.printer.data(&detail)
}
