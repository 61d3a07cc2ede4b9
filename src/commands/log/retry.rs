//! `mailconn log retry ID… | --failed`: runs the import again for chosen entries now, rather
//! than waiting for the next run (which retries failed messages by itself, a few times).

use crate::error::Result;

use crate::commands::Context;
use crate::commands::import::execute;
use crate::commands::import_job::{ImportOptions, RunSpec};
use crate::commands::setting_args::SettingArgs;
use crate::import::run::Scope;
use crate::store::LogId;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Log entries to retry (failed imports, unfinished post-actions).
    #[arg(
        value_name = "ID",
        required_unless_present = "failed",
        conflicts_with = "failed"
    )]
    ids: Vec<LogId>,

    /// Every failed import and unfinished post-action of the profile's folder, however
    /// often it failed before.
    #[arg(long)]
    failed: bool,

    /// Override the profile's settings for this run.
    #[command(flatten)]
    settings: SettingArgs,

    #[command(flatten)]
    options: ImportOptions,
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let scope = if args.failed {
        Scope::AllFailed
    } else {
        Scope::Entries(args.ids)
    };
    execute(
        ctx,
        RunSpec {
            settings: args.settings,
            options: args.options,
            backlog: None,
            dry_run: false,
            explain: true,
            scope,
        },
    )
}
