//! `mailconn import`: one run over the profile's folder — mail becomes tickets, processed
//! mail gets its post-action, every message lands in the processing log. Safe under cron.

use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use chrono::{DateTime, NaiveDate, Utc};

use super::Context;
use super::import_job::{ImportOptions, Job, RulesCache, RunSpec, listen_for_ctrl_c, verdict};
use super::session::{block_on, open};
use super::setting_args::SettingArgs;
use crate::error::Result;
use crate::import::run::{Backlog, Scope};
use crate::import::tokens::Tokens;
use crate::output::import_report::ImportReporter;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Override the profile's settings for this run (e.g. another mailbox or folder).
    #[command(flatten)]
    settings: SettingArgs,

    #[command(flatten)]
    options: ImportOptions,

    /// First run on a folder that already holds mail: import all of it, or none of it
    /// (only mail arriving from now on).
    #[arg(long, value_enum, value_name = "CHOICE")]
    backlog: Option<BacklogArg>,

    /// First run: import only mail received on or after DATE (2026-11-01 or RFC 3339).
    #[arg(long, value_name = "DATE", conflicts_with = "backlog", value_parser = parse_date)]
    since: Option<DateTime<Utc>>,

    /// Show what would happen (decision and rule per message); write nothing, touch nothing.
    #[arg(long)]
    dry_run: bool,

    /// Print each message's decision and the rule that made it.
    #[arg(long)]
    explain: bool,

    #[command(flatten)]
    fleet: super::import_all::FleetArgs,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum BacklogArg {
    All,
    None,
}

impl BacklogArg {
    pub fn backlog(self) -> Backlog {
        match self {
            BacklogArg::All => Backlog::All,
            BacklogArg::None => Backlog::Skip,
        }
    }
}

fn parse_date(text: &str) -> Result<DateTime<Utc>, String> {
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Ok(t.with_timezone(&Utc));
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map(|d| d.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc())
        .map_err(|_| format!("invalid date '{text}': expected 2026-11-01 or 2026-11-01T08:00:00Z"))
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let backlog = match (args.backlog, args.since) {
        (Some(choice), _) => Some(choice.backlog()),
        (None, Some(since)) => Some(Backlog::Since(since)),
        (None, None) => None,
    };
    let run = RunSpec {
        settings: args.settings,
        options: args.options,
        backlog,
        dry_run: args.dry_run,
        explain: args.explain || args.dry_run,
        scope: Scope::Folder,
    };
    if args.fleet.selected() {
        return super::import_all::run(ctx, run, args.fleet);
    }
    execute(ctx, run)
}

/// Runs an import (or a `log retry`) and turns its summary into the exit code.
pub fn execute(ctx: &Context, spec: RunSpec) -> Result<()> {
    let warn = |message: &str| ctx.printer.warn(message);
    let session = open(ctx, spec.settings.clone().into(), &warn)?;
    let job = Job::prepare(ctx, &session, &spec, &mut RulesCache::default())?;
    let reporter = ImportReporter::new(&ctx.printer, spec.explain);
    let summary = block_on(async {
        let token = session.access_token().await?;
        let graph = session.graph_with(token.token).with_immutable_ids();
        let stop = Arc::new(AtomicBool::new(false));
        let _listener = listen_for_ctrl_c(stop.clone())?;
        let tokens = Tokens::new(&session, &graph, token.expires_at);
        job.run(&spec, &graph, &tokens, &reporter, &stop, &warn)
            .await
    })??;
    if !ctx.printer.json() {
        ctx.printer.data(&summary)?;
    }
    verdict(&summary)
}
