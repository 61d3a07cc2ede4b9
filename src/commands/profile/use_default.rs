//! `mailconn profile use NAME`: make a profile the default.

use serde::Serialize;

use crate::commands::Context;
use crate::error::Result;
use crate::output::{Render, TableStyle};
use crate::settings::resolve;
use crate::settings::values::ProfileName;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Profile to use by default.
    name: ProfileName,
}

#[derive(Debug, Serialize)]
struct DefaultSet {
    default_profile: ProfileName,
}

impl Render for DefaultSet {
    fn human(&self, _: TableStyle) -> String {
        format!("Default profile is now '{}'.", self.default_profile)
    }
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let mut file = ctx.load_config()?;
    // Refuses a missing or broken profile, with the reason.
    resolve::select_profile(&file, Some(&args.name))?;
    file.set_default(&args.name)?;
    ctx.printer.outcome(&DefaultSet {
        default_profile: args.name,
    })
}
