//! `mailconn rules ...`: the import's rules file.

mod check;

use clap::Subcommand;

use super::Context;

use crate::error::Result;

#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// Validate a rules file and summarize what it does (errors as file:line:col, exit 78).
    Check(check::Args),
}

pub fn run(ctx: &Context, command: RulesCommand) -> Result<()> {
    match command {
        RulesCommand::Check(args) => check::run(ctx, args),
    }
}
