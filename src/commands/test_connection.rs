//! `mailconn test-connection`: the mailbox smoke test for people and CI (table, `--json`,
//! `--junit FILE`); the exit code is the class of the first failed step.

use std::path::PathBuf;

use super::Context;
use super::session::{block_on, open};
use crate::commands::setting_args::SettingArgs;
use crate::error::{Classify as _, ErrorKind, Result, ResultExt as _, UserError};
use crate::output::{Render, Table, TableStyle};
use crate::smoke::{self, Checks, Outcome, Report};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Override the profile's settings for this run (e.g. another mailbox or folder).
    #[command(flatten)]
    settings: SettingArgs,

    /// Also check a reversible write: create a draft and delete it (needs Mail.ReadWrite).
    #[arg(long)]
    write_check: bool,

    /// Also send a tagged test message to the mailbox itself (needs Mail.Send).
    #[arg(long)]
    send_check: bool,

    /// Reuse a cached access token instead of asking Entra for a new one. Cheaper for
    /// frequent checks, but then a rotated or revoked secret goes unnoticed until the cached
    /// token expires (up to about 90 minutes).
    #[arg(long)]
    cached_token: bool,

    /// Write the result as JUnit XML (one testcase per step) for CI dashboards.
    #[arg(long, value_name = "FILE")]
    junit: Option<PathBuf>,
}

impl Render for Report {
    fn human(&self, style: TableStyle) -> String {
        let mut table = Table::new(style, &["STEP", "RESULT", "TIME", "REQUEST-ID", "DETAILS"]);
        for step in &self.steps {
            let result = match step.outcome {
                Outcome::Pass => "pass",
                Outcome::Fail => "FAIL",
                Outcome::Skipped => "skipped",
            };
            let details = match &step.fix {
                Some(fix) => format!("{}\nfix: {fix}", step.detail),
                None => step.detail.clone(),
            };
            table.row([
                step.name.to_owned(),
                result.to_owned(),
                format!("{} ms", step.duration_ms),
                step.request_id.clone().unwrap_or_else(|| "-".into()),
                details,
            ]);
        }
        format!(
            "Connection test of {} ({})\n{table}",
            self.mailbox, self.folder
        )
    }
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let warn = |message: &str| ctx.printer.warn(message);
    let session = open(ctx, args.settings.clone().into(), &warn)?;
    let checks = Checks {
        write: args.write_check,
        send: args.send_check,
        cached_token: args.cached_token,
    };
    let report = block_on(smoke::run(&session, checks))??;
    ctx.printer.data(&report)?;
    if let Some(path) = &args.junit {
        std::fs::write(
            path,
            smoke::junit::render(&report, "mailconn test-connection"),
        )
        .classify(ErrorKind::Failed)
        .with_context(|| format!("cannot write the JUnit file {}", path.display()))?;
    }
    match report.first_failure() {
        Some(step) => Err(UserError::new(
            step.error_kind.unwrap_or(ErrorKind::Failed),
            format!("step '{}' failed: {}", step.name, step.detail),
        )
        .with_hint(step.fix.clone().unwrap_or_default())
        .into()),
        None => Ok(()),
    }
}
