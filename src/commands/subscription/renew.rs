//! `mailconn subscription renew ID | --all [--within DUR]`: idempotent, and silent when
//! nothing is due, so cron can run it every hour.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::{credentials, records, until};
use crate::commands::Context;
use crate::commands::session::{block_on, open};
use crate::error::{Diagnose, ErrorKind, Failure, Result, UserError};
use crate::graph::subscriptions::is_gone;
use crate::output::{Render, Table, TableStyle};
use crate::settings::values::Span;
use crate::webhook::manage::Manager;
use crate::webhook::records::renewal_due;

#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("which").required(true).args(["id", "all"])))]
pub struct Args {
    /// The subscription to renew.
    id: Option<String>,

    /// Every subscription of the profile.
    #[arg(long)]
    all: bool,

    /// Only those expiring within this span, e.g. 2d (default: renew whatever is selected).
    #[arg(long, value_name = "DUR")]
    within: Option<Span>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "kebab-case")]
enum Status {
    Renewed,
    NotDue,
    /// Graph no longer has it.
    Gone,
    Failed,
}

#[derive(Debug, Serialize)]
struct Row {
    id: String,
    status: Status,
    /// The expiry Graph returned (renewed) or the recorded one.
    expiration: Option<DateTime<Utc>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

#[derive(Debug, Serialize)]
#[serde(transparent)]
struct Rows(Vec<Row>);

impl Render for Rows {
    fn human(&self, style: TableStyle) -> String {
        if !self.0.iter().any(|r| !matches!(r.status, Status::NotDue)) {
            return format!("nothing to renew ({} not due)", self.0.len());
        }
        let now = Utc::now();
        let mut table = Table::new(style, &["ID", "RESULT", "EXPIRES", "IN"]);
        for r in &self.0 {
            let status = match r.status {
                Status::Renewed => "renewed",
                Status::NotDue => "not due",
                Status::Gone => "GONE",
                Status::Failed => "FAILED",
            };
            table.row([
                r.id.clone(),
                match &r.error {
                    Some(e) => format!("{status}: {e}"),
                    None => status.to_owned(),
                },
                r.expiration
                    .map(|e| e.format("%Y-%m-%d %H:%M:%SZ").to_string())
                    .unwrap_or_else(|| "-".into()),
                r.expiration
                    .map(|e| until(e, now))
                    .unwrap_or_else(|| "-".into()),
            ]);
        }
        table.to_string()
    }
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let warn = |message: &str| ctx.printer.warn(message);
    let session = open(ctx, Default::default(), &warn)?;
    let credentials = credentials(&session)?;
    let records = records(credentials, &session)?;
    let profile = credentials.profile().to_string();
    let mine = records.of_profile(&profile)?;
    // (id, recorded expiry); an id without a record is renewed at Graph all the same.
    let selected: Vec<(String, Option<DateTime<Utc>>)> = match &args.id {
        Some(id) => vec![(
            id.clone(),
            mine.iter().find(|r| &r.id == id).map(|r| r.expiration),
        )],
        None => mine
            .iter()
            .map(|r| (r.id.clone(), Some(r.expiration)))
            .collect(),
    };
    let now = Utc::now();
    let within = args
        .within
        .map(|s| chrono::Duration::from_std(s.duration()).unwrap_or(chrono::Duration::MAX));
    let rows = block_on(async {
        let mut rows = Vec::new();
        let mut manager = None;
        let graph;
        let due: Vec<_> = selected
            .iter()
            .filter(|(_, expiry)| within.is_none_or(|within| renewal_due(*expiry, now, within)))
            .collect();
        if !due.is_empty() {
            graph = session.graph().await?;
            manager = Some(Manager {
                graph: &graph,
                credentials,
                records: &records,
                http: session.http(),
            });
        }
        for (id, expiry) in &selected {
            let is_due = due.iter().any(|(d, _)| d == id);
            let Some(manager) = manager.as_ref().filter(|_| is_due) else {
                rows.push(Row {
                    id: id.clone(),
                    status: Status::NotDue,
                    expiration: *expiry,
                    error: None,
                });
                continue;
            };
            rows.push(match manager.renew(id).await {
                Ok(expiration) => Row {
                    id: id.clone(),
                    status: Status::Renewed,
                    expiration: Some(expiration),
                    error: None,
                },
                Err(e) if is_gone(&e) => Row {
                    id: id.clone(),
                    status: Status::Gone,
                    expiration: *expiry,
                    error: None,
                },
                Err(e) => {
                    if e.kind() == ErrorKind::Auth {
                        return Err(e.into());
                    }
                    Row {
                        id: id.clone(),
                        status: Status::Failed,
                        expiration: *expiry,
                        error: Some(e.to_string()),
                    }
                }
            });
        }
        Ok::<_, Failure>(rows)
    })??;
    let rows = Rows(rows);
    // Nothing done: a sentence on stderr (silenced by -q), so an hourly cron job mails
    // nobody; scripts (--json) always get the rows.
    if ctx.printer.json() || rows.0.iter().any(|r| !matches!(r.status, Status::NotDue)) {
        ctx.printer.data(&rows)?;
    } else {
        ctx.printer.outcome(&rows)?;
    }
    let gone: Vec<&str> = rows
        .0
        .iter()
        .filter(|r| matches!(r.status, Status::Gone))
        .map(|r| r.id.as_str())
        .collect();
    let failed = rows
        .0
        .iter()
        .filter(|r| matches!(r.status, Status::Failed))
        .count();
    if !gone.is_empty() {
        return Err(UserError::new(
            ErrorKind::Failed,
            format!(
                "Graph no longer has subscription {}: it expired or was removed",
                gone.join(", ")
            ),
        )
        .with_hint("make a new one with `mailconn subscription create` (a running `mailconn webhook serve` does this itself) and forget the old one with `mailconn subscription cancel ID`")
        .into());
    }
    if failed > 0 {
        return Err(UserError::new(
            ErrorKind::Failed,
            format!("{failed} subscription(s) could not be renewed"),
        )
        .into());
    }
    if args.id.is_none() && selected.is_empty() {
        tracing::info!("profile {profile} has no subscriptions");
    }
    Ok(())
}
