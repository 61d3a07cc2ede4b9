//! `mailconn credentials remove KIND`. Removing what is not there is reported, not an error,
//! so scripts can run it unconditionally.

use serde::Serialize;

use super::{open, store_password};
use crate::commands::Context;
use crate::error::Result;
use crate::output::{Render, TableStyle};
use crate::secrets::credentials::{CredentialKind, Removed};
use crate::settings::values::ProfileName;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Which credential to remove: one of the profile's, or the password of its shared
    /// store (store-password).
    #[arg(value_parser = credential_parser())]
    credential: What,
}

/// What `remove` removes.
#[derive(Debug, Clone, Copy)]
enum What {
    Credential(CredentialKind),
    /// Not the profile's but its store's: one keyring entry per server, user and database.
    StorePassword,
}

const STORE_PASSWORD: &str = "store-password";

/// Lists the kinds in `--help` and completions; parsing stays with the domain type.
fn credential_parser() -> impl clap::builder::TypedValueParser<Value = What> {
    use clap::builder::TypedValueParser;
    let names = CredentialKind::ALL
        .map(CredentialKind::as_str)
        .into_iter()
        .chain([STORE_PASSWORD]);
    clap::builder::PossibleValuesParser::new(names).try_map(|s| match s.as_str() {
        STORE_PASSWORD => Ok(What::StorePassword),
        kind => kind.parse::<CredentialKind>().map(What::Credential),
    })
}

#[derive(Debug, Serialize)]
struct Outcome {
    profile: ProfileName,
    removed: bool,
    #[serde(flatten)]
    detail: Removed,
}

impl Render for Outcome {
    fn human(&self, _: TableStyle) -> String {
        let what = self.detail.credential.as_str().replace('-', " ");
        match &self.detail.removed_from {
            Some(from) => format!("Removed the {what} of profile '{}' ({from}).", self.profile),
            None => format!(
                "No {what} is stored for profile '{}'; nothing to remove.",
                self.profile
            ),
        }
    }
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let credential = match args.credential {
        What::Credential(kind) => kind,
        What::StorePassword => return store_password::remove(ctx),
    };
    let warn = |message: &str| ctx.printer.warn(message);
    let (_, credentials) = open(ctx, &warn)?;
    let detail = credentials.remove(credential)?;
    if let Some(var) = detail.still_in_env {
        ctx.printer.warn(&format!(
            "{var} still provides a {credential} (mailconn only reads the environment); unset it to stop using it"
        ));
    }
    ctx.printer.outcome(&Outcome {
        profile: credentials.profile().clone(),
        removed: detail.removed_from.is_some(),
        detail,
    })
}
