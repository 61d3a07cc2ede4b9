//! `mailconn profile add NAME`.

use std::path::PathBuf;

use serde::Serialize;

use crate::commands::setting_args::SettingArgs;
use crate::commands::{Context, prompt};
use crate::error::{ErrorKind, Result, UserError};
use crate::output::{Render, TableStyle};
use crate::settings::ConfigError;
use crate::settings::profile::Profile;
use crate::settings::values::{AuthMethod, CloudName, ProfileName};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Name of the new profile (letters, digits, '-', '_').
    name: ProfileName,

    #[command(flatten)]
    settings: SettingArgs,

    /// Make it the default profile (the first profile always becomes the default).
    #[arg(long)]
    default: bool,

    /// Replace a profile of the same name.
    #[arg(long)]
    force: bool,
}

#[derive(Debug, Serialize)]
struct Added {
    profile: ProfileName,
    default: bool,
    replaced: bool,
    config: PathBuf,
}

impl Render for Added {
    fn human(&self, _: TableStyle) -> String {
        let verb = if self.replaced { "Replaced" } else { "Added" };
        let default = if self.default {
            " as the default profile"
        } else {
            ""
        };
        format!(
            "{verb} profile '{}'{default} in {}.",
            self.profile,
            self.config.display()
        )
    }
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let mut file = ctx.load_config()?;
    let replaced = file.profiles.contains_key(&args.name);
    if replaced && !args.force {
        return Err(UserError::new(
            ErrorKind::Failed,
            format!("profile '{}' already exists", args.name),
        )
        .with_hint(format!(
            "use --force to replace it, or `mailconn profile show {}` to see it",
            args.name
        ))
        .into());
    }
    let profile = ask_profile(ctx, args.settings)?;
    profile
        .check()
        .map_err(|(message, hint)| ConfigError::Incompatible { message, hint })?;

    file.put_profile(&args.name, &profile)?;
    let default = args.default || file.default_profile.is_none();
    if default {
        file.set_default(&args.name)?;
    }
    ctx.printer.outcome(&Added {
        profile: args.name,
        default,
        replaced,
        config: file.path.clone(),
    })
}

/// Fills the profile from the flags, asking for what is missing when interactive.
fn ask_profile(ctx: &Context, s: SettingArgs) -> Result<Profile> {
    let endpoints_given = s.authority_host.is_some() || s.graph_endpoint.is_some();
    let cloud_given = s.cloud.or(endpoints_given.then_some(CloudName::Custom));
    let cloud = prompt::choose(
        ctx,
        cloud_given,
        "Microsoft cloud",
        &[
            (
                CloudName::Global,
                "global     worldwide, including Microsoft 365 GCC",
            ),
            (CloudName::UsGov, "usgov      US Government GCC High"),
            (CloudName::UsGovDod, "usgov-dod  US Government DoD"),
            (CloudName::China, "china      operated by 21Vianet"),
            (
                CloudName::Custom,
                "custom     explicit endpoints (e.g. the local emulator)",
            ),
        ],
    )?;
    let (authority_host, graph_endpoint) = if cloud == CloudName::Custom {
        (
            prompt::text(
                ctx,
                s.authority_host,
                "--authority-host",
                "Authority host URL",
                None,
            )?,
            prompt::text(
                ctx,
                s.graph_endpoint,
                "--graph-endpoint",
                "Graph endpoint URL (with /v1.0)",
                None,
            )?,
        )
    } else {
        (s.authority_host, s.graph_endpoint)
    };
    let tenant = prompt::text(
        ctx,
        s.tenant,
        "--tenant",
        "Tenant (directory id or domain)",
        None,
    )?;
    let client_id = prompt::text(
        ctx,
        s.client_id,
        "--client-id",
        "Application (client) id",
        None,
    )?;
    let auth = prompt::choose(
        ctx,
        s.auth,
        "Sign-in method",
        &[
            (
                AuthMethod::ClientSecret,
                "client-secret  app-only, client secret",
            ),
            (
                AuthMethod::Certificate,
                "certificate    app-only, certificate",
            ),
            (
                AuthMethod::Federated,
                "federated      app-only, federated token file",
            ),
            (
                AuthMethod::DeviceCode,
                "device-code    signed-in user, code on another device",
            ),
            (
                AuthMethod::Browser,
                "browser        signed-in user, browser on this machine",
            ),
        ],
    )?;
    let mailbox = prompt::text(ctx, s.mailbox, "--mailbox", "Mailbox address", None)?;
    let folder = prompt::text(ctx, s.folder, "--folder", "Folder path", Some("Inbox"))?;
    Ok(Profile {
        cloud: Some(cloud),
        authority_host,
        graph_endpoint,
        // Only asked for by flag: the cloud's Graph resource suits every real tenant.
        graph_resource: s.graph_resource,
        tenant,
        client_id,
        auth: Some(auth),
        // Only asked for by flag: the default suits every current tenant.
        assertion: s.assertion,
        mailbox,
        folder,
        import: Default::default(),
    })
}
