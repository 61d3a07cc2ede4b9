//! `mailconn tickets ...`: the embedded ticket store (the import's default sink).

mod list;
mod show;

use clap::Subcommand;

use super::Context;

use crate::error::Result;

#[derive(Debug, Subcommand)]
pub enum TicketsCommand {
    /// List tickets, most recently updated first.
    List(list::Args),
    /// Show a ticket with its messages and attachments.
    Show(show::Args),
}

pub fn run(ctx: &Context, command: TicketsCommand) -> Result<()> {
    match command {
        TicketsCommand::List(args) => list::run(ctx, args),
        TicketsCommand::Show(args) => show::run(ctx, args),
    }
}
