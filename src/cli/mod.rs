//! The command-line grammar's root and its dispatch: the top-level subcommands and which
//! command runs each. Each command's arguments, and the global flags every command gets,
//! live next to the code that uses them in `commands/`; nothing there looks back up here.

use clap::{CommandFactory, Parser, Subcommand};

use crate::commands::{self, Context, GlobalArgs};
use crate::error::Result;

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
    /// Every mailbox folder of the store: which worker holds it, its last pass, what is left.
    Status(commands::status::Args),
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
    /// Long-running worker: import many profiles on their schedules and on change
    /// notifications, renew their subscriptions, serve /healthz and /metrics.
    Serve(commands::serve::Args),
    /// Print or write shell completion scripts.
    Completions(commands::completions::Args),
    /// Print or write man pages.
    Man(commands::man::Args),
    /// Local Microsoft 365 emulator (Entra ID + Graph mail) for offline work and tests.
    #[cfg(feature = "emulator")]
    Emulator(commands::emulator::Args),
}

/// Runs the command the user asked for.
pub fn dispatch(ctx: &Context, command: Command) -> Result<()> {
    match command {
        Command::Profile(cmd) => commands::profile::run(ctx, cmd),
        Command::Credentials(cmd) => commands::credentials::run(ctx, cmd),
        Command::Login(args) => commands::login::run(ctx, args),
        Command::Logout(args) => commands::logout::run(ctx, args),
        Command::Auth(cmd) => commands::auth::run(ctx, cmd),
        Command::Completions(args) => commands::completions::run(args, Cli::command()),
        Command::Man(args) => commands::man::run(args, Cli::command()),
        #[cfg(feature = "emulator")]
        Command::Emulator(args) => commands::emulator::run(ctx, args),
        Command::TestConnection(args) => commands::test_connection::run(ctx, args),
        Command::SendTestMessage(args) => commands::send_test_message::run(ctx, args),
        #[cfg(feature = "emulator")]
        Command::Demo(args) => commands::demo::run(ctx, args),
        Command::Import(args) => commands::import::run(ctx, args),
        Command::Log(cmd) => commands::log::run(ctx, cmd),
        Command::Status(args) => commands::status::run(ctx, args),
        Command::Tickets(cmd) => commands::tickets::run(ctx, cmd),
        Command::Rules(cmd) => commands::rules::run(ctx, cmd),
        Command::Subscription(cmd) => commands::subscription::run(ctx, cmd),
        Command::Webhook(cmd) => commands::webhook::run(ctx, cmd),
        Command::Serve(args) => commands::serve::run(ctx, args),
    }
}
