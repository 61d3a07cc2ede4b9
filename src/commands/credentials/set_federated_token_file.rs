//! `mailconn credentials set federated-token-file PATH`.

use std::path::PathBuf;

use serde::Serialize;

use super::{open, warn_after_set};
use crate::commands::Context;
use crate::error::Result;
use crate::output::{Render, TableStyle};
use crate::secrets::credentials::CredentialKind;
use crate::secrets::metadata::FederatedTokenFileRecord;
use crate::settings::values::{AuthMethod, ProfileName};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The token file written by the platform (e.g. the Kubernetes workload identity
    /// webhook); it must exist. mailconn reads it at each sign-in, so rotation just works.
    path: PathBuf,
}

#[derive(Debug, Serialize)]
struct Outcome {
    profile: ProfileName,
    credential: CredentialKind,
    #[serde(flatten)]
    record: FederatedTokenFileRecord,
    records: PathBuf,
}

impl Render for Outcome {
    fn human(&self, _: TableStyle) -> String {
        format!(
            "Recorded the federated token file of profile '{}': {} (in {}).",
            self.profile,
            self.record.path.display(),
            self.records.display()
        )
    }
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let warn = |message: &str| ctx.printer.warn(message);
    let (resolved, credentials) = open(ctx, &warn)?;
    let record = credentials.set_federated_token_file(&args.path)?;
    warn_after_set(
        ctx,
        &resolved,
        &credentials,
        CredentialKind::FederatedTokenFile,
        AuthMethod::Federated,
        &None,
    );
    ctx.printer.outcome(&Outcome {
        profile: credentials.profile().clone(),
        credential: CredentialKind::FederatedTokenFile,
        record,
        records: credentials.metadata_path().to_owned(),
    })
}
