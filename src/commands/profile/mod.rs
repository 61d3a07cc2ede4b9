//! `mailconn profile ...`: connection profiles in the config file.

mod add;
mod list;
mod remove;
mod show;
mod use_default;

use clap::Subcommand;

use super::Context;

use crate::error::Result;

#[derive(Debug, Subcommand)]
pub enum ProfileCommand {
    /// Add a profile (prompts for missing values when interactive).
    Add(add::Args),
    /// List the profiles of the config file.
    List(list::Args),
    /// Show the effective settings of a profile and where each value comes from.
    Show(show::Args),
    /// Remove a profile.
    Remove(remove::Args),
    /// Make a profile the default.
    Use(use_default::Args),
}

pub fn run(ctx: &Context, command: ProfileCommand) -> Result<()> {
    match command {
        ProfileCommand::Add(args) => add::run(ctx, args),
        ProfileCommand::List(args) => list::run(ctx, args),
        ProfileCommand::Show(args) => show::run(ctx, args),
        ProfileCommand::Remove(args) => remove::run(ctx, args),
        ProfileCommand::Use(args) => use_default::run(ctx, args),
    }
}
