//! `mailconn credentials remove KIND`. Removing what is not there is reported, not an error,
//! so scripts can run it unconditionally.

use serde::Serialize;

use super::open;
use crate::commands::Context;
use crate::error::Result;
use crate::output::{Render, TableStyle};
use crate::secrets::credentials::{CredentialKind, Removed};
use crate::settings::values::ProfileName;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Which credential to remove.
    #[arg(value_parser = credential_parser())]
    credential: CredentialKind,
}

/// Lists the kinds in `--help` and completions; parsing stays with the domain type.
fn credential_parser() -> impl clap::builder::TypedValueParser<Value = CredentialKind> {
    use clap::builder::TypedValueParser;
    clap::builder::PossibleValuesParser::new(CredentialKind::ALL.map(CredentialKind::as_str))
        .try_map(|s| s.parse::<CredentialKind>())
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
    let warn = |message: &str| ctx.printer.warn(message);
    let (_, credentials) = open(ctx, &warn)?;
    let detail = credentials.remove(args.credential)?;
    if let Some(var) = detail.still_in_env {
        ctx.printer.warn(&format!(
            "{var} still provides a {} (mailconn only reads the environment); unset it to stop using it",
            args.credential
        ));
    }
    ctx.printer.outcome(&Outcome {
        profile: credentials.profile().clone(),
        removed: detail.removed_from.is_some(),
        detail,
    })
}
