//! mailconn: connect help-desk mail connectors to Microsoft 365 mailboxes over OAuth 2.0 and
//! Microsoft Graph. The binary is a thin wrapper around [`run`].
//!
//! Modules are private unless the black-box tests or the benches use them (the kinds and
//! exit codes, the import pipeline's stages, the secret stores, the settings files, the
//! processing log), so the compiler reports whatever the product itself no longer uses.

mod auth;
mod cli;
mod commands;
pub mod error;
mod graph;
pub mod import;
mod mailbox;
mod output;
mod private_fs;
pub mod secrets;
mod serve;
mod session;
pub mod settings;
mod smoke;
pub mod store;
mod transport;
mod webhook;

use std::process::ExitCode;

use clap::Parser;

use crate::cli::Cli;
use crate::commands::GlobalArgs;
use crate::output::Printer;

/// Parses the command line, runs the command and maps the outcome to an exit code.
pub fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // Help and version go to stdout with 0; usage errors to stderr with 2.
            let _ = e.print();
            return ExitCode::from(e.exit_code() as u8);
        }
    };
    // The printer decides on colour first; the log writer follows its choice.
    let printer = Printer::new(cli.global.json, cli.global.quiet, cli.global.color);
    init_logging(&cli.global, &printer);
    let ctx = commands::Context::new(cli.global, printer.clone());
    match cli::dispatch(&ctx, cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            let diagnosis = err.diagnosis();
            tracing::debug!(error = ?err, "command failed");
            printer.error(&diagnosis);
            ExitCode::from(diagnosis.exit_code)
        }
    }
}

/// Logs go to stderr. `MAILCONN_LOG` (an env-filter expression) wins over `-v`/`-q`.
fn init_logging(global: &GlobalArgs, printer: &Printer) {
    let default = match (global.quiet, global.verbose) {
        (true, _) => "error",
        (false, 0) => "warn",
        (false, 1) => "mailconn=info,warn",
        (false, 2) => "mailconn=debug,info",
        (false, _) => "trace",
    };
    let var = settings::env::MAILCONN_LOG;
    let filter = match var
        .get()
        .map(|f| tracing_subscriber::EnvFilter::try_new(&f))
    {
        Some(Ok(filter)) => filter,
        Some(Err(e)) => {
            printer.warn(&format!(
                "{} is not a valid log filter ({e}); using the default",
                var.name
            ));
            tracing_subscriber::EnvFilter::new(default)
        }
        None => tracing_subscriber::EnvFilter::new(default),
    };
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(console::colors_enabled_stderr())
        .try_init();
}
