//! `mailconn log ...`: the processing log, one entry per message the import has seen.

mod export;
mod list;
mod prune;
mod retry;
mod show;

use clap::Subcommand;

use super::Context;

use crate::error::Result;

#[derive(Debug, Subcommand)]
pub enum LogCommand {
    /// List log entries, newest first.
    List(list::Args),
    /// Show one entry with every attempt (decision, rule, ticket, post-action, errors).
    Show(show::Args),
    /// Import failed entries again now, and finish their unfinished post-actions.
    Retry(Box<retry::Args>),
    /// Print entries with their attempts as JSON lines (one object per line).
    Export(export::Args),
    /// Forget old history; entries that still guard against a re-import are kept.
    Prune(prune::Args),
}

pub fn run(ctx: &Context, command: LogCommand) -> Result<()> {
    match command {
        LogCommand::List(args) => list::run(ctx, args),
        LogCommand::Show(args) => show::run(ctx, args),
        LogCommand::Retry(args) => retry::run(ctx, *args),
        LogCommand::Export(args) => export::run(ctx, args),
        LogCommand::Prune(args) => prune::run(ctx, args),
    }
}
