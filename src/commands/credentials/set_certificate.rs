//! `mailconn credentials set certificate FILE`.

use std::path::PathBuf;

use chrono::Utc;
use serde::Serialize;

use super::{StorageArgs, check_before_prompting, open, read_secret, read_stdin, warn_after_set};
use crate::commands::Context;
use crate::error::Result;
use crate::output::{Render, TableStyle};
use crate::secrets::certificate::{self, CertificateError, LoadedCertificate};
use crate::secrets::credentials::{CredentialKind, Stored};
use crate::secrets::metadata::CertificateRecord;
use crate::secrets::{Secret, SecretError};
use crate::settings::env;
use crate::settings::values::{AuthMethod, ProfileName};

/// Warn this many days before a certificate expires.
const EXPIRY_WARNING_DAYS: i64 = 30;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// PEM file with the private key and the certificate, or a PFX/.p12 file.
    file: PathBuf,

    /// Read the PFX password from stdin (otherwise MAILCONN_CERTIFICATE_PASSWORD, an empty
    /// password, or a hidden prompt).
    #[arg(long)]
    password_stdin: bool,

    #[command(flatten)]
    storage: StorageArgs,
}

#[derive(Debug, Serialize)]
struct Outcome {
    profile: ProfileName,
    credential: CredentialKind,
    #[serde(flatten)]
    stored: Stored<CertificateRecord>,
}

impl Render for Outcome {
    fn human(&self, _: TableStyle) -> String {
        let r = &self.stored.record;
        format!(
            "Stored the certificate key of profile '{}' in the {} ({}).\n  \
             subject   {}\n  not after {}\n  x5t#S256  {}\n  x5t       {}\n\
             Upload the certificate (public part only) to the app registration in Entra if it \
             is not there yet; its thumbprint there is the SHA-1 one (x5t, in hex).",
            self.profile,
            self.stored.store,
            self.stored.location,
            r.subject,
            r.not_after.format("%Y-%m-%d %H:%M:%S UTC"),
            r.x5t_s256,
            r.x5t
        )
    }
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let warn = |message: &str| ctx.printer.warn(message);
    let (resolved, credentials) = open(ctx, &warn)?;
    check_before_prompting(ctx, &credentials, &args.storage, args.password_stdin)?;
    let loaded = load(ctx, &args)?;
    warn_about_expiry(ctx, &loaded);
    let stored = credentials.set_certificate(&loaded, &args.file, args.storage.target())?;
    warn_after_set(
        ctx,
        &resolved,
        &credentials,
        CredentialKind::Certificate,
        AuthMethod::Certificate,
        &stored.old_copy_left,
    );
    ctx.printer.outcome(&Outcome {
        profile: credentials.profile().clone(),
        credential: CredentialKind::Certificate,
        stored,
    })
}

/// Loads the file, finding the PFX password in order: stdin, environment, none (many exports
/// have an empty one), then a prompt.
fn load(ctx: &Context, args: &Args) -> Result<LoadedCertificate> {
    let given: Option<Secret> = if args.password_stdin {
        Some(read_stdin("--password-stdin")?)
    } else {
        env::MAILCONN_CERTIFICATE_PASSWORD.get().map(Secret::from)
    };
    let loaded = match certificate::load_file(&args.file, given.as_ref()) {
        Err(CertificateError::PasswordNeeded) if ctx.interactive => {
            let password = read_secret(ctx, false, "--password-stdin", "PFX password")?;
            certificate::load_file(&args.file, Some(&password))
        }
        other => other,
    };
    // Through SecretError, so the error is classified with its hint.
    Ok(loaded.map_err(SecretError::from)?)
}

fn warn_about_expiry(ctx: &Context, loaded: &LoadedCertificate) {
    let not_after = loaded.info.not_after;
    let days_left = (not_after - Utc::now()).num_days();
    if not_after <= Utc::now() {
        ctx.printer.warn(&format!(
            "the certificate expired on {}: Entra rejects it; create and upload a new one",
            not_after.format("%Y-%m-%d")
        ));
    } else if days_left < EXPIRY_WARNING_DAYS {
        ctx.printer.warn(&format!(
            "the certificate expires in {days_left} days ({})",
            not_after.format("%Y-%m-%d")
        ));
    }
}
