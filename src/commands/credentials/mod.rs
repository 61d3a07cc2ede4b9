//! `mailconn credentials ...`: a profile's client secret, certificate or federated token file.
//! Secrets come from a hidden prompt or stdin, never from the command line (argv is visible
//! to every user in `ps` and kept in shell history and process audit logs).

mod remove;
mod set_certificate;
mod set_client_secret;
mod set_federated_token_file;
mod show;
mod store_password;

use std::io::Read;

use clap::Subcommand;
use zeroize::Zeroizing;

use super::Context;
use crate::error::{Classify as _, ErrorKind, Result, ResultExt as _, UserError};
use crate::secrets::Secret;
use crate::secrets::credentials::{CredentialKind, Credentials, Dirs, Target};
use crate::settings::resolve::{Overrides, Resolved};
use crate::settings::values::AuthMethod;

#[derive(Debug, Subcommand)]
pub enum CredentialsCommand {
    /// Store a credential for the profile (the secret goes to the OS keyring).
    #[command(subcommand)]
    Set(SetCommand),
    /// Show where each credential lives and what is known about it (never the secret).
    Show(show::Args),
    /// Remove a credential from its store and forget it.
    Remove(remove::Args),
}

#[derive(Debug, Subcommand)]
pub enum SetCommand {
    /// Client secret of the app registration (its Value, not its Secret ID).
    ClientSecret(set_client_secret::Args),
    /// Certificate with its private key: a PEM file, or a PFX/.p12 file and its password.
    Certificate(set_certificate::Args),
    /// Path of a federated (workload identity) token file; a path, not a secret.
    FederatedTokenFile(set_federated_token_file::Args),
    /// Password of the PostgreSQL role the profile's shared store (store_url) signs in as,
    /// for hosts without a PGPASSFILE.
    StorePassword(store_password::Args),
}

pub fn run(ctx: &Context, command: CredentialsCommand) -> Result<()> {
    match command {
        CredentialsCommand::Set(SetCommand::ClientSecret(args)) => {
            set_client_secret::run(ctx, args)
        }
        CredentialsCommand::Set(SetCommand::Certificate(args)) => set_certificate::run(ctx, args),
        CredentialsCommand::Set(SetCommand::FederatedTokenFile(args)) => {
            set_federated_token_file::run(ctx, args)
        }
        CredentialsCommand::Set(SetCommand::StorePassword(args)) => store_password::set(ctx, args),
        CredentialsCommand::Show(args) => show::run(ctx, args),
        CredentialsCommand::Remove(args) => remove::run(ctx, args),
    }
}

/// Where `set` puts a secret.
#[derive(Debug, clap::Args)]
pub struct StorageArgs {
    /// Store the secret in a plain file (mode 0600, not encrypted) instead of the OS keyring,
    /// for servers without one. Prints a warning each time the file is used.
    #[arg(long)]
    insecure_storage: bool,
}

impl StorageArgs {
    fn target(&self) -> Target {
        if self.insecure_storage {
            Target::InsecureFile
        } else {
            Target::Keyring
        }
    }
}

/// The selected profile's settings and its credentials. `warn` reports each use of the
/// insecure file store.
fn open<'w>(ctx: &Context, warn: &'w dyn Fn(&str)) -> Result<(Resolved, Credentials<'w>)> {
    let resolved = ctx.settings(Overrides::default())?;
    let Some(profile) = resolved.profile.clone() else {
        return Err(UserError::new(
            ErrorKind::Config,
            "credentials belong to a profile, and no profile is configured",
        )
        .with_hint(
            "create one with `mailconn profile add NAME`; without a profile, the AZURE_CLIENT_SECRET, \
             AZURE_CLIENT_CERTIFICATE_PATH or AZURE_FEDERATED_TOKEN_FILE variables provide credentials",
        )
        .into());
    };
    let credentials = Credentials::new(profile, &Dirs::from_environment()?, warn)?;
    Ok((resolved, credentials))
}

/// Before a prompt, checks that the keyring works: a locked or missing keyring is better
/// reported before the user types a secret than after. (The file store needs no check, and
/// checking it would print its warning several times.)
fn check_before_prompting(
    ctx: &Context,
    credentials: &Credentials<'_>,
    storage: &StorageArgs,
    input_from_stdin: bool,
) -> Result<()> {
    if ctx.interactive && !input_from_stdin && storage.target() == Target::Keyring {
        credentials.check_target(Target::Keyring)?;
    }
    Ok(())
}

/// A secret from stdin (`from_stdin`) or a hidden prompt; without a terminal, an error naming
/// `flag`.
fn read_secret(ctx: &Context, from_stdin: bool, flag: &str, question: &str) -> Result<Secret> {
    if from_stdin {
        return read_stdin(flag);
    }
    if !ctx.interactive {
        return Err(UserError::new(ErrorKind::Usage, format!("no {question} given"))
            .with_hint(format!(
                "pipe it in with {flag}, e.g. `printf '%s' \"$VALUE\" | mailconn credentials set ... {flag}` \
                 (prompts are off: --no-input, MAILCONN_NO_INPUT, or no terminal)"
            ))
            .into());
    }
    let value = dialoguer::Password::with_theme(&dialoguer::theme::ColorfulTheme::default())
        .with_prompt(capitalized(question))
        .allow_empty_password(true)
        .interact()
        .classify(ErrorKind::Failed)
        .context("reading the hidden prompt")?;
    Ok(Secret::new(value))
}

/// All of stdin, minus one trailing line break (`echo` adds one; a secret never ends in one).
fn read_stdin(flag: &str) -> Result<Secret> {
    let mut text = Zeroizing::new(String::new());
    std::io::stdin()
        .read_to_string(&mut text)
        .classify(ErrorKind::Failed)
        .with_context(|| format!("reading {flag}"))?;
    let trimmed = text
        .strip_suffix("\r\n")
        .or_else(|| text.strip_suffix('\n'))
        .unwrap_or(&text);
    Ok(Secret::new(trimmed.to_owned()))
}

/// Warnings that apply to every `set`: an older copy left behind, a profile that signs in
/// another way, and an environment variable that overrides what was just stored.
fn warn_after_set(
    ctx: &Context,
    resolved: &Resolved,
    credentials: &Credentials<'_>,
    credential: CredentialKind,
    method: AuthMethod,
    old_copy_left: &Option<String>,
) {
    if let Some(old) = old_copy_left {
        ctx.printer.warn(&format!(
            "the previous copy could not be deleted: {old}; remove it by hand"
        ));
    }
    if resolved.auth.value != method {
        ctx.printer.warn(&format!(
            "profile '{}' signs in with {} ({}); the {credential} is used only with auth {method}",
            credentials.profile(),
            resolved.auth.value,
            resolved.auth.source
        ));
    }
    let var = credential.env_var();
    if var.get().is_some() {
        ctx.printer.warn(&format!(
            "{} is set and takes precedence over what was just stored",
            var.name
        ));
    }
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
