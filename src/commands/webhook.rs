//! `mailconn webhook serve`: the receiver for Graph's change notifications.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::Subcommand;

use super::Context;
use super::session::{block_on, shutdown_signal as shutdown};
use super::store_access::store_location;
use crate::error::{Classify as _, ErrorKind, Result, ResultExt as _, UserError};
use crate::settings::values::Span;
use crate::webhook::import_run::ImportCommand;
use crate::webhook::receiver::{self, Options, Ready};
use crate::webhook::records::Records;

#[derive(Debug, Subcommand)]
pub enum WebhookCommand {
    /// Receive Graph's notifications for the profile's subscriptions and import on each.
    Serve(ServeArgs),
}

#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    #[command(flatten)]
    listen: ListenArgs,

    #[command(flatten)]
    renew: RenewArgs,

    /// Passed to imports, for a folder's first import: take the mail already there (all)
    /// or only what arrives from now on (none).
    #[arg(long, value_name = "CHOICE", value_parser = ["all", "none"])]
    backlog: Option<String>,

    /// An import running longer than this is stopped.
    #[arg(long, value_name = "DUR", default_value = "30m")]
    import_timeout: Span,

    /// Skip the catch-up import of every subscribed folder at start.
    #[arg(long)]
    no_catch_up: bool,
}

/// Where a receiver listens: what `webhook serve` and `serve` share.
#[derive(Debug, clap::Args)]
pub struct ListenArgs {
    /// Address and port to listen on (port 0: a free one, named in the ready line).
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,

    /// PEM certificate chain for HTTPS (Graph calls only https URLs; without TLS, put a
    /// TLS-terminating proxy in front).
    #[arg(long, value_name = "FILE", requires = "tls_key")]
    tls_cert: Option<PathBuf>,

    /// PEM private key of --tls-cert.
    #[arg(long, value_name = "FILE", requires = "tls_cert")]
    tls_key: Option<PathBuf>,

    /// Largest request body accepted, in bytes; larger ones get 413.
    #[arg(long, value_name = "BYTES", default_value_t = 1_000_000)]
    pub max_body: usize,
}

impl ListenArgs {
    /// The certificate chain and key files, when serving HTTPS.
    pub fn tls(&self) -> Option<(PathBuf, PathBuf)> {
        self.tls_cert.clone().zip(self.tls_key.clone())
    }
}

/// When a receiver renews its subscriptions.
#[derive(Debug, clap::Args)]
pub struct RenewArgs {
    /// Renew a subscription when it expires within this span.
    #[arg(long, value_name = "DUR", default_value = "2d")]
    renew_within: Span,

    /// How often to look for subscriptions to renew.
    #[arg(long, value_name = "DUR", default_value = "10m", hide = true)]
    renew_check: Span,
}

impl RenewArgs {
    pub fn within(&self) -> chrono::Duration {
        chrono::Duration::from_std(self.renew_within.duration()).unwrap_or(chrono::Duration::MAX)
    }

    pub fn check(&self) -> std::time::Duration {
        self.renew_check.duration()
    }
}

pub fn run(ctx: &Context, command: WebhookCommand) -> Result<()> {
    match command {
        WebhookCommand::Serve(args) => serve(ctx, args),
    }
}

fn serve(ctx: &Context, args: ServeArgs) -> Result<()> {
    let settings = ctx.settings(Default::default())?;
    let Some(profile) = settings.profile.clone() else {
        return Err(UserError::new(
            ErrorKind::Config,
            "the receiver needs a profile: its subscriptions and their clientStates belong to one",
        )
        .with_hint("select one with -p NAME or MAILCONN_PROFILE")
        .into());
    };
    let mut global = Vec::new();
    if let Some(config) = &ctx.global.config {
        global.extend(["--config".to_owned(), config.display().to_string()]);
    }
    global.extend(["-p".to_owned(), profile.to_string()]);
    let import = ImportCommand {
        program: std::env::current_exe()
            .classify(ErrorKind::Failed)
            .context("cannot find this program's path")?,
        global,
        backlog: args.backlog,
        timeout: args.import_timeout.duration(),
    };
    let records = Records::new(&crate::secrets::credentials::Dirs::from_environment()?.state)
        .with_store(profile.as_str(), &store_location(&settings.import)?);
    let options = Options {
        listen: args.listen.listen,
        tls: args.listen.tls(),
        max_body: args.listen.max_body,
        renew_within: args.renew.within(),
        renew_check: args.renew.check(),
        catch_up: !args.no_catch_up,
    };
    let json = ctx.printer.json();
    let quiet = ctx.global.quiet;
    block_on(async move {
        let shown = profile.clone();
        let ready = |ready: &Ready| {
            if json {
                println!("{}", serde_json::to_string(ready).expect("serializes"));
            } else if !quiet {
                eprintln!(
                    "Receiving Graph notifications at {} for {} subscription(s) of profile {}; Ctrl-C stops.",
                    ready.url, ready.subscriptions, shown
                );
            }
        };
        let shutdown = shutdown();
        receiver::serve(
            options,
            profile,
            settings,
            records,
            import.runner(),
            ready,
            shutdown,
        )
        .await
    })?
}
