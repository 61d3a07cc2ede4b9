//! `mailconn auth ...`: the state of a profile's sign-in.

mod status;

use clap::Subcommand;

use super::Context;

use crate::error::Result;

#[derive(Debug, Subcommand)]
pub enum AuthCommand {
    /// Where each secret lives, what the token grants, and what expires when.
    Status(status::Args),
}

pub fn run(ctx: &Context, command: AuthCommand) -> Result<()> {
    match command {
        AuthCommand::Status(args) => status::run(ctx, args),
    }
}
