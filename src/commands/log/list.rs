//! `mailconn log list`.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::commands::Context;
use crate::commands::store_access::open_existing;
use crate::error::Result;
use crate::output::{Render, Table, TableStyle};
use crate::settings::values::Span;
use crate::store::{LogEntry, LogFilter, Status};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only entries in this state: imported, ignored or failed.
    #[arg(long, value_name = "STATUS")]
    pub status: Option<Status>,
    /// Only entries updated within this span, e.g. 1h or 7d.
    #[arg(long, value_name = "DUR")]
    pub since: Option<Span>,
    /// Only senders whose address contains this text (case-insensitive).
    #[arg(long, value_name = "TEXT")]
    pub sender: Option<String>,
    /// Only subjects that contain this text (case-insensitive).
    #[arg(long, value_name = "TEXT")]
    pub subject: Option<String>,
    /// Only entries of the selected profile (-p); all profiles otherwise.
    #[arg(long)]
    pub this_profile: bool,
    /// At most this many entries.
    #[arg(long, default_value_t = 50, value_name = "N")]
    pub limit: u32,
}

/// The `--since` cutoff for a span back from now.
pub fn since(span: Option<Span>) -> Option<DateTime<Utc>> {
    span.map(|s| Utc::now() - chrono::Duration::from_std(s.duration()).unwrap_or_default())
}

#[derive(Debug, Serialize)]
#[serde(transparent)]
struct Entries(Vec<LogEntry>);

impl Render for Entries {
    fn human(&self, style: TableStyle) -> String {
        if self.0.is_empty() {
            return "no log entries match".into();
        }
        let mut table = Table::new(
            style,
            &[
                "ID",
                "UPDATED",
                "STATUS",
                "TICKET",
                "POST-ACTION",
                "FROM",
                "SUBJECT",
            ],
        );
        for e in &self.0 {
            let post = match (&e.post_action, e.post_action_status) {
                (Some(action), Some(status)) => format!("{action} ({})", status.as_str()),
                _ => "-".into(),
            };
            table.row([
                e.id.to_string(),
                e.updated_at.format("%Y-%m-%d %H:%M").to_string(),
                e.status.as_str().to_owned(),
                e.ticket_id.map_or_else(|| "-".into(), |t| t.to_string()),
                post,
                e.meta.sender.clone().unwrap_or_else(|| "-".into()),
                e.meta.subject.clone(),
            ]);
        }
        table.to_string()
    }
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let store = open_existing(ctx)?;
    let filter = LogFilter {
        status: args.status,
        since: since(args.since),
        profile: filter_profile(ctx, args.this_profile)?,
        sender: args.sender,
        subject: args.subject,
        limit: Some(args.limit),
    };
    ctx.printer.data(&Entries(store.log_list(&filter)?))
}

/// The profile to filter on: the selected one, when asked for.
pub fn filter_profile(ctx: &Context, this_profile: bool) -> Result<Option<String>> {
    if !this_profile {
        return Ok(None);
    }
    let settings = ctx.settings(Default::default())?;
    Ok(settings.profile.map(|p| p.to_string()))
}
