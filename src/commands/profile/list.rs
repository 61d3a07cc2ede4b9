//! `mailconn profile list`.

use std::path::PathBuf;

use serde::Serialize;

use crate::commands::Context;
use crate::error::Result;
use crate::output::{Render, Table, TableStyle};
use crate::settings::profile::Profile;
use crate::settings::values::ProfileName;

#[derive(Debug, clap::Args)]
pub struct Args {}

#[derive(Debug, Serialize)]
struct ProfileList {
    config: PathBuf,
    profiles: Vec<Row>,
}

#[derive(Debug, Serialize)]
struct Row {
    name: ProfileName,
    default: bool,
    #[serde(flatten)]
    profile: Option<Profile>,
    /// What is wrong with a broken profile (`file:line:col: message`).
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

impl Render for ProfileList {
    fn human(&self, style: TableStyle) -> String {
        let mut table = Table::new(
            style,
            &[
                "",
                "NAME",
                "TENANT",
                "CLIENT ID",
                "AUTH",
                "MAILBOX",
                "FOLDER",
                "CLOUD",
            ],
        );
        let show = |v: Option<String>| v.unwrap_or_else(|| "-".into());
        for row in &self.profiles {
            let marker = if row.default { "*" } else { "" };
            match &row.profile {
                Some(p) => table.row([
                    marker.to_owned(),
                    row.name.to_string(),
                    show(p.tenant.as_ref().map(ToString::to_string)),
                    show(p.client_id.as_ref().map(ToString::to_string)),
                    show(p.auth.as_ref().map(ToString::to_string)),
                    show(p.mailbox.as_ref().map(ToString::to_string)),
                    show(p.folder.as_ref().map(ToString::to_string)),
                    show(p.cloud.as_ref().map(ToString::to_string)),
                ]),
                None => table.row([marker, row.name.as_str(), "(invalid: see error below)"]),
            };
        }
        table.to_string()
    }
}

pub fn run(ctx: &Context, _args: Args) -> Result<()> {
    let file = ctx.load_config()?;
    let rows = file
        .profiles
        .iter()
        .map(|(name, entry)| Row {
            name: name.clone(),
            default: file.default_profile.as_ref() == Some(name),
            profile: entry.as_ref().ok().cloned(),
            error: entry
                .as_ref()
                .err()
                .map(|p| file.problem_error(p).to_string()),
        })
        .collect::<Vec<_>>();
    if rows.is_empty() && !ctx.printer.json() {
        ctx.printer.warn(&format!(
            "no profiles in {}; add one with `mailconn profile add NAME`",
            file.path.display()
        ));
        return Ok(());
    }
    ctx.printer.data(&ProfileList {
        config: file.path.clone(),
        profiles: rows,
    })?;

    // Broken profiles: the table shows which, the error says why (and sets exit code 78).
    let mut problems = file.profiles.values().filter_map(|e| e.as_ref().err());
    let first = problems.next();
    for other in problems {
        ctx.printer.warn(&file.problem_error(other).to_string());
    }
    match first {
        Some(problem) => Err(file.problem_error(problem).into()),
        None => Ok(()),
    }
}
