//! `mailconn credentials set client-secret`.

use chrono::NaiveDate;
use serde::Serialize;

use super::{StorageArgs, check_before_prompting, open, read_secret, warn_after_set};
use crate::commands::Context;
use crate::error::{ErrorKind, Result, UserError};
use crate::output::{Render, TableStyle};
use crate::secrets::credentials::{CredentialKind, Stored};
use crate::secrets::metadata::ClientSecretRecord;
use crate::settings::values::{AuthMethod, ProfileName};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Read the secret from stdin instead of a hidden prompt (one trailing newline is dropped).
    #[arg(long)]
    secret_stdin: bool,

    /// When the secret expires (YYYY-MM-DD, as shown in Entra), so `auth status` can warn.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    expires: Option<NaiveDate>,

    #[command(flatten)]
    storage: StorageArgs,
}

#[derive(Debug, Serialize)]
struct Outcome {
    profile: ProfileName,
    credential: CredentialKind,
    #[serde(flatten)]
    stored: Stored<ClientSecretRecord>,
}

impl Render for Outcome {
    fn human(&self, _: TableStyle) -> String {
        let expires = match self.stored.record.expires {
            Some(date) => format!(" It expires on {date}."),
            None => String::new(),
        };
        format!(
            "Stored the client secret of profile '{}' in the {} ({}).{expires}",
            self.profile, self.stored.store, self.stored.location
        )
    }
}

fn parse_date(raw: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d")
        .map_err(|_| format!("'{raw}' is not a date like 2027-01-31"))
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let warn = |message: &str| ctx.printer.warn(message);
    let (resolved, credentials) = open(ctx, &warn)?;
    check_before_prompting(ctx, &credentials, &args.storage, args.secret_stdin)?;
    let secret = read_secret(ctx, args.secret_stdin, "--secret-stdin", "client secret")?;
    let value = secret.expose_secret();
    if value.trim().is_empty() {
        return Err(
            UserError::new(ErrorKind::Usage, "the client secret is empty")
                .with_hint("copy the secret's Value from Entra (Certificates & secrets)")
                .into(),
        );
    }
    if value.trim() != value {
        ctx.printer
            .warn("the secret starts or ends with spaces or line breaks; they are kept as given");
    }
    if uuid::Uuid::parse_str(value.trim()).is_ok() {
        ctx.printer.warn(
            "this looks like the secret ID, not its value: Entra shows both under \
             Certificates & secrets, and signing in with the ID fails with AADSTS7000215; \
             copy the Value column (it is shown only right after the secret is created)",
        );
    }
    if let Some(date) = args.expires
        && date <= chrono::Utc::now().date_naive()
    {
        ctx.printer.warn(&format!(
            "--expires {date} is not in the future: Entra rejects an expired secret \
             (AADSTS7000222); create a new one"
        ));
    }
    let stored = credentials.set_client_secret(&secret, args.expires, args.storage.target())?;
    warn_after_set(
        ctx,
        &resolved,
        &credentials,
        CredentialKind::ClientSecret,
        AuthMethod::ClientSecret,
        &stored.old_copy_left,
    );
    ctx.printer.outcome(&Outcome {
        profile: credentials.profile().clone(),
        credential: CredentialKind::ClientSecret,
        stored,
    })
}
