//! `mailconn profile remove NAME`: the profile, and with it its stored credentials and
//! tokens (a secret left in the keyring for a profile that no longer exists could never be
//! found or rotated again).

use serde::Serialize;

use crate::commands::Context;
use crate::error::{ErrorKind, Result, UserError};
use crate::output::{Render, TableStyle};
use crate::secrets::credentials::{CredentialKind, Credentials, Dirs};
use crate::settings::ConfigError;
use crate::settings::values::ProfileName;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Profile to remove.
    name: ProfileName,

    /// Leave the profile's secrets and tokens where they are.
    #[arg(long)]
    keep_credentials: bool,
}

#[derive(Debug, Serialize)]
struct Removed {
    profile: ProfileName,
    was_default: bool,
    /// Where secrets and tokens were deleted from.
    credentials_removed_from: Vec<String>,
}

impl Render for Removed {
    fn human(&self, _: TableStyle) -> String {
        let mut text = format!("Removed profile '{}'.", self.profile);
        if !self.credentials_removed_from.is_empty() {
            text.push_str(&format!(
                "\nDeleted its stored credentials: {}.",
                self.credentials_removed_from.join("; ")
            ));
        }
        if self.was_default {
            text.push_str("\nIt was the default; choose another with `mailconn profile use NAME`.");
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
    let credentials_removed_from = if args.keep_credentials {
        Vec::new()
    } else {
        remove_credentials(ctx, &args.name).map_err(|e| {
            let message =
                format!("the profile was kept because its secrets could not be deleted: {e:#}");
            UserError::new(ErrorKind::Failed, message)
                .with_hint("fix the keyring problem, or remove the profile with --keep-credentials")
        })?
    };
    let was_default = file.remove_profile(&args.name)?;
    ctx.printer.outcome(&Removed {
        profile: args.name,
        was_default,
        credentials_removed_from,
    })
}

/// Deletes every credential and token of the profile; returns where they were.
fn remove_credentials(ctx: &Context, name: &ProfileName) -> Result<Vec<String>> {
    let warn = |message: &str| ctx.printer.warn(message);
    let credentials = Credentials::new(name.clone(), &Dirs::from_environment()?, &warn)?;
    let mut places = Vec::new();
    for kind in CredentialKind::ALL {
        places.extend(credentials.remove(kind)?.removed_from);
    }
    places.extend(credentials.remove_tokens()?);
    Ok(places)
}
