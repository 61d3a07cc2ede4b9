//! `mailconn subscription list [--expiring-within DUR]`.

use chrono::Utc;
use serde::Serialize;

use super::{credentials, identified, records, until};
use crate::commands::Context;
use crate::commands::session::{block_on, open};
use crate::error::{ErrorKind, Failure, Result, UserError};
use crate::output::{Render, Table, TableStyle};
use crate::settings::values::Span;
use crate::webhook::manage::{Listed, Presence, merge};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Exit 1 when a subscription expires within this span (e.g. 1d) or Graph no longer has
    /// a recorded one: for monitoring.
    #[arg(long, value_name = "DUR")]
    expiring_within: Option<Span>,
}

#[derive(Debug, Serialize)]
#[serde(transparent)]
struct Rows(Vec<Listed>);

impl Render for Rows {
    fn human(&self, style: TableStyle) -> String {
        if self.0.is_empty() {
            return "no subscriptions".into();
        }
        let now = Utc::now();
        let mut table = Table::new(
            style,
            &[
                "ID",
                "STATE",
                "MAILBOX",
                "FOLDER",
                "EXPIRES",
                "IN",
                "NOTIFICATION URL",
            ],
        );
        for r in &self.0 {
            table.row([
                r.id.clone(),
                match r.presence {
                    Presence::Both => "ok",
                    Presence::OnlyLocal => "ONLY LOCAL",
                    Presence::OnlyRemote => "only remote",
                }
                .to_owned(),
                r.mailbox.clone().unwrap_or_else(|| "-".into()),
                r.folder.clone().unwrap_or_else(|| "-".into()),
                r.expiration.format("%Y-%m-%d %H:%M:%SZ").to_string(),
                until(r.expiration, now),
                r.notification_url.clone(),
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
    let remote = block_on(async {
        let graph = session.graph().await?;
        // Records of an older mailconn name the mailbox as typed: key them by its id.
        if session.settings().mailbox().is_ok() {
            identified(&session, &graph, &records, &warn).await?;
        }
        Ok::<_, Failure>(graph.list_subscriptions().await?)
    })??;
    let local = records.of_profile(credentials.profile().as_str())?;
    let now = Utc::now();
    let rows = Rows(merge(&local, &remote, now));
    ctx.printer.data(&rows)?;
    if let Some(span) = args.expiring_within {
        let limit = span.duration().as_secs() as i64;
        let problems: Vec<String> = rows
            .0
            .iter()
            .filter_map(|r| {
                if r.presence == Presence::OnlyLocal {
                    Some(format!("{} is gone at Graph", r.id))
                } else if r.expires_in_secs <= limit {
                    Some(format!("{} expires in {}", r.id, until(r.expiration, now)))
                } else {
                    None
                }
            })
            .collect();
        if !problems.is_empty() {
            return Err(UserError::new(ErrorKind::Failed, problems.join("; "))
                .with_hint("renew with `mailconn subscription renew --all` (cron: hourly with --within 2d); recreate gone ones with `subscription create`")
                .into());
        }
    }
    Ok(())
}
