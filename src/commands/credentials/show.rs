//! `mailconn credentials show`: where each credential of the profile lives, in the order they
//! are consulted, with what is known about it. Never a secret. Reads only the environment
//! and the records, so it answers even where the keyring is not reachable.

use std::path::PathBuf;

use serde::Serialize;

use super::open;
use crate::commands::Context;
use crate::error::Result;
use crate::output::{Render, Table, TableStyle};
use crate::secrets::credentials::{CredentialKind, Located};
use crate::settings::values::ProfileName;

#[derive(Debug, clap::Args)]
pub struct Args {}

#[derive(Debug, Serialize)]
struct Shown {
    profile: ProfileName,
    /// The file that records where credentials are stored.
    records: PathBuf,
    /// Every source found, in precedence order; `in_use` marks the one sign-in would take.
    credentials: Vec<Located>,
    /// Credentials with no source at all.
    not_set: Vec<CredentialKind>,
}

impl Render for Shown {
    fn human(&self, style: TableStyle) -> String {
        let mut table = Table::new(style, &["CREDENTIAL", "FIELD", "VALUE"]);
        for credential in CredentialKind::ALL {
            let mut found = false;
            for located in self
                .credentials
                .iter()
                .filter(|l| l.credential == credential)
            {
                found = true;
                for (field, value) in fields(located) {
                    table.row([credential.to_string(), field.to_owned(), value]);
                }
            }
            if !found {
                table.row([credential.as_str(), "-", "not set"]);
            }
        }
        format!(
            "Credentials of profile '{}' (records: {})\n{table}",
            self.profile,
            self.records.display()
        )
    }
}

fn fields(l: &Located) -> Vec<(&'static str, String)> {
    let state = if l.in_use {
        "in use"
    } else {
        "overridden by the environment"
    };
    let mut rows = vec![
        ("source", format!("{} ({state})", l.origin)),
        ("location", l.location.clone()),
    ];
    if let Some(exists) = l.exists {
        rows.push(("file exists", if exists { "yes" } else { "NO" }.into()));
    }
    if let Some(problem) = &l.problem {
        rows.push(("PROBLEM", problem.clone()));
    }
    if let Some(at) = l.set_at {
        rows.push(("set", at.format("%Y-%m-%d %H:%M:%S UTC").to_string()));
    }
    if let Some(date) = l.expires {
        rows.push(("expires", date.to_string()));
    }
    if let Some(cert) = &l.certificate {
        rows.push(("subject", cert.subject.clone()));
        rows.push((
            "not after",
            cert.not_after.format("%Y-%m-%d %H:%M:%S UTC").to_string(),
        ));
        rows.push(("x5t#S256", cert.x5t_s256.clone()));
        rows.push(("x5t", cert.x5t.clone()));
    }
    rows
}

pub fn run(ctx: &Context, _: Args) -> Result<()> {
    let warn = |message: &str| ctx.printer.warn(message);
    let (_, credentials) = open(ctx, &warn)?;
    let located = credentials.locate()?;
    let not_set = CredentialKind::ALL
        .into_iter()
        .filter(|k| !located.iter().any(|l| l.credential == *k))
        .collect();
    ctx.printer.data(&Shown {
        profile: credentials.profile().clone(),
        records: credentials.metadata_path().to_owned(),
        credentials: located,
        not_set,
    })
}
