//! `mailconn subscription cancel ID | --all`.

use serde::Serialize;

use super::{credentials, records};
use crate::commands::Context;
use crate::commands::session::{block_on, open};
use crate::error::{Failure, Result};
use crate::output::{Render, Table, TableStyle};
use crate::webhook::manage::Manager;

#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("which").required(true).args(["id", "all"])))]
pub struct Args {
    /// The subscription to cancel (also one made elsewhere, known only to Graph).
    id: Option<String>,

    /// Every subscription recorded for the profile (never ones only Graph knows: another
    /// tool may own those).
    #[arg(long)]
    all: bool,
}

#[derive(Debug, Serialize)]
struct Row {
    id: String,
    /// `deleted`, or `already-gone` when Graph no longer had it.
    remote: &'static str,
    /// Whether a local record (and its clientState) was removed.
    local_record_removed: bool,
}

#[derive(Debug, Serialize)]
#[serde(transparent)]
struct Rows(Vec<Row>);

impl Render for Rows {
    fn human(&self, style: TableStyle) -> String {
        if self.0.is_empty() {
            return "no subscriptions to cancel".into();
        }
        let mut table = Table::new(style, &["ID", "AT GRAPH", "LOCAL RECORD"]);
        for r in &self.0 {
            table.row([
                r.id.clone(),
                r.remote.replace('-', " "),
                if r.local_record_removed {
                    "removed".into()
                } else {
                    "none".into()
                },
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
    let ids: Vec<String> = match args.id {
        Some(id) => vec![id],
        None => records
            .of_profile(credentials.profile().as_str())?
            .into_iter()
            .map(|r| r.id)
            .collect(),
    };
    let rows = block_on(async {
        let mut rows = Vec::new();
        if ids.is_empty() {
            return Ok::<_, Failure>(rows);
        }
        let graph = session.graph().await?;
        let manager = Manager {
            graph: &graph,
            credentials,
            records: &records,
            http: session.http(),
        };
        for id in ids {
            let had_record = records.get(&id)?.is_some();
            let existed = manager.cancel(&id).await?;
            rows.push(Row {
                id,
                remote: if existed { "deleted" } else { "already-gone" },
                local_record_removed: had_record,
            });
        }
        Ok::<_, Failure>(rows)
    })??;
    ctx.printer.data(&Rows(rows))
}
