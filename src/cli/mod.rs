//! The command-line grammar: global flags and the top-level subcommands. Clap types only;
//! each leaf command's arguments live next to the code that runs it in `commands/`.

use std::path::PathBuf;

use clap::{ArgAction, Args, Parser, Subcommand};

use crate::commands;
use crate::output::ColorChoice;
use crate::settings::env;
use crate::settings::values::ProfileName;

/// Connect help-desk mail connectors to Microsoft 365 / Exchange Online mailboxes over
/// OAuth 2.0 and Microsoft Graph.
#[derive(Debug, Parser)]
#[command(
    name = "mailconn",
    version,
    propagate_version = true,
    max_term_width = 100
)]
#[command(
    after_help = "Exit codes: 0 ok, 1 failed, 2 usage, 3 partial, 4 auth, 5 permission, \
6 unavailable/throttled, 7 locked, 78 configuration, 130 interrupted."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Command,
}

/// Flags accepted by every command. Environment values are hidden from help so generated
/// man pages and completions never capture the generating shell's settings.
#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Global options")]
pub struct GlobalArgs {
    /// Profile to use (default: `default_profile` of the config file, or its only profile).
    #[arg(short = 'p', long, global = true, env = env::MAILCONN_PROFILE.name, hide_env_values = true, value_name = "NAME")]
    pub profile: Option<ProfileName>,

    /// Config file to read and write.
    #[arg(long, global = true, env = env::MAILCONN_CONFIG.name, hide_env_values = true, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Print results as JSON on stdout (errors as JSON on stderr).
    #[arg(long, global = true)]
    pub json: bool,

    /// When to use colour; `NO_COLOR` turns `auto` off.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// Print only results, warnings and errors.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,

    /// Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides).
    #[arg(short, long, global = true, action = ArgAction::Count)]
    pub verbose: u8,

    /// Never prompt; fail at once naming the flag or variable that is missing.
    #[arg(long, global = true, env = env::MAILCONN_NO_INPUT.name)]
    pub no_input: bool,
}

// Parsed once per process: the size of the largest variant costs nothing worth boxing for.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Manage connection profiles (non-secret settings in the config file).
    #[command(subcommand)]
    Profile(commands::profile::ProfileCommand),
    /// Store, show and remove a profile's client secret, certificate or federated token file.
    #[command(subcommand)]
    Credentials(commands::credentials::CredentialsCommand),
    /// Sign in: interactively for delegated profiles, with the stored credential for app-only.
    Login(commands::login::Args),
    /// Forget the profile's stored tokens.
    Logout(commands::logout::Args),
    /// The state of the profile's sign-in.
    #[command(subcommand)]
    Auth(commands::auth::AuthCommand),
    /// Check the mailbox end to end (token, permissions, mailbox, folder, read), each step with
    /// its fix; for CI with --json or --junit.
    TestConnection(commands::test_connection::Args),
    /// Send a tagged test message from the profile's mailbox through Graph; optionally wait
    /// until it arrives.
    SendTestMessage(commands::send_test_message::Args),
    /// Import the folder's new mail once: tickets, post-actions, processing log (cron-safe).
    Import(commands::import::Args),
    /// Inspect the processing log: every message the import has seen and what became of it.
    #[command(subcommand)]
    Log(commands::log::LogCommand),
    /// The embedded ticket store, the import's default sink.
    #[command(subcommand)]
    Tickets(commands::tickets::TicketsCommand),
    /// Check the import's rules file.
    #[command(subcommand)]
    Rules(commands::rules::RulesCommand),
    /// The main job end to end against the embedded emulator: import a seeded mailbox, show
    /// the tickets and the processing log (a dry import when a tenant is configured).
    #[cfg(feature = "emulator")]
    Demo(commands::demo::Args),
    /// Graph change-notification subscriptions on the profile's mailbox folders.
    #[command(subcommand)]
    Subscription(commands::subscription::SubscriptionCommand),
    /// Receive Graph's change notifications and import on each.
    #[command(subcommand)]
    Webhook(commands::webhook::WebhookCommand),
    /// Print or write shell completion scripts.
    Completions(commands::completions::Args),
    /// Print or write man pages.
    Man(commands::man::Args),
    /// Local Microsoft 365 emulator (Entra ID + Graph mail) for offline work and tests.
    #[cfg(feature = "emulator")]
    Emulator(commands::emulator::Args),
}
