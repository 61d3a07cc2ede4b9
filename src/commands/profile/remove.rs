//! `mailconn profile remove NAME`.

use anyhow::Result;
use serde::Serialize;

use crate::commands::Context;
use crate::output::{Render, TableStyle};
use crate::settings::ConfigError;
use crate::settings::values::ProfileName;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Profile to remove.
    name: ProfileName,
}

#[derive(Debug, Serialize)]
struct Removed {
    profile: ProfileName,
    was_default: bool,
}

impl Render for Removed {
    fn human(&self, _: TableStyle) -> String {
        let mut text = format!("Removed profile '{}'.", self.profile);
        if self.was_default {
            text.push_str(" It was the default; choose another with `mailconn profile use NAME`.");
        }
        text
    }
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let mut file = ctx.load_config()?;
    if !file.profiles.contains_key(&args.name) {
        return Err(ConfigError::ProfileNotFound {
            name: args.name.to_string(),
            path: file.path.clone(),
            available: file.names(),
        }
        .into());
    }
    let was_default = file.remove_profile(&args.name)?;
    ctx.printer.outcome(&Removed {
        profile: args.name,
        was_default,
    })
}
