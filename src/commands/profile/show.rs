//! `mailconn profile show [NAME]`: the settings a command would use, and where each comes
//! from (flag, environment, profile, default).

use std::path::PathBuf;

use serde::Serialize;

use crate::commands::Context;
use crate::commands::setting_args::SettingArgs;
use crate::error::Result;
use crate::output::{Render, Table, TableStyle};
use crate::settings::profile::ImportSettings;
use crate::settings::resolve::{self, Resolved, Setting};
use crate::settings::values::ProfileName;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Profile to show (default: the one a command would select).
    name: Option<ProfileName>,

    /// Override settings to preview their effect.
    #[command(flatten)]
    settings: SettingArgs,
}

#[derive(Debug, Serialize)]
struct Shown {
    /// `null` when no profile is selected and the settings come from the environment.
    profile: Option<ProfileName>,
    config: PathBuf,
    settings: Settings,
}

/// Each entry is `{ "value": ..., "source": ... }`, or `null` when not set.
#[derive(Debug, Serialize)]
struct Settings {
    cloud: Option<Setting<String>>,
    authority_host: Option<Setting<String>>,
    graph_endpoint: Option<Setting<String>>,
    graph_resource: Option<Setting<String>>,
    tenant: Option<Setting<String>>,
    client_id: Option<Setting<String>>,
    auth: Option<Setting<String>>,
    assertion: Option<Setting<String>>,
    mailbox: Option<Setting<String>>,
    folder: Option<Setting<String>>,
    import: ImportSettings,
}

fn text<T: ToString>(s: &Setting<T>) -> Setting<String> {
    Setting {
        value: s.value.to_string(),
        source: s.source.clone(),
    }
}

impl From<&Resolved> for Settings {
    fn from(r: &Resolved) -> Settings {
        Settings {
            cloud: Some(text(&r.cloud)),
            authority_host: Some(text(&r.authority_host)),
            graph_endpoint: Some(text(&r.graph_endpoint)),
            graph_resource: Some(text(&r.graph_resource)),
            tenant: r.tenant.as_ref().map(text),
            client_id: r.client_id.as_ref().map(text),
            auth: Some(text(&r.auth)),
            assertion: Some(text(&r.assertion)),
            mailbox: r.mailbox.as_ref().map(text),
            folder: Some(text(&r.folder)),
            import: r.import.clone(),
        }
    }
}

impl Render for Shown {
    fn human(&self, style: TableStyle) -> String {
        let s = &self.settings;
        let mut table = Table::new(style, &["SETTING", "VALUE", "SOURCE"]);
        let rows = [
            ("cloud", &s.cloud),
            ("authority host", &s.authority_host),
            ("graph endpoint", &s.graph_endpoint),
            ("graph resource", &s.graph_resource),
            ("tenant", &s.tenant),
            ("client id", &s.client_id),
            ("auth", &s.auth),
            ("assertion", &s.assertion),
            ("mailbox", &s.mailbox),
            ("folder", &s.folder),
        ];
        for (name, setting) in rows {
            match setting {
                Some(v) => table.row([name.to_owned(), v.value.clone(), v.source.to_string()]),
                None => table.row([name, "-", "not set"]),
            };
        }
        if let Some(rules) = &s.import.rules {
            table.row([
                "import rules".to_owned(),
                rules.display().to_string(),
                "profile".into(),
            ]);
        }
        if let Some(action) = &s.import.post_action {
            table.row([
                "import post action".to_owned(),
                action.as_string(),
                "profile".into(),
            ]);
        }
        let title = match &self.profile {
            Some(name) => format!("Profile '{name}' ({})", self.config.display()),
            None => "No profile selected: settings from the environment".to_owned(),
        };
        format!("{title}\n{table}")
    }
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let file = ctx.load_config()?;
    let requested = args.name.as_ref().or(ctx.global.profile.as_ref());
    let selected = resolve::select_profile(&file, requested)?;
    let resolved = resolve::resolve_in(&file, selected, args.settings.into())?;
    ctx.printer.data(&Shown {
        profile: resolved.profile.clone(),
        config: file.path.clone(),
        settings: Settings::from(&resolved),
    })
}
