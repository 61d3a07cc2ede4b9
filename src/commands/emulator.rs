//! `mailconn emulator serve`: run the local Microsoft 365 emulator (Entra ID + Graph mail).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use mailconn_emulator::{ConfigError, Latency, ServeOptions};

use crate::commands::Context;
use crate::error::{Classify as _, ErrorKind, Failure, Result, ResultExt as _, UserError};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: EmulatorCommand,
}

#[derive(Debug, clap::Subcommand)]
enum EmulatorCommand {
    /// Serve the identity platform, Graph mail and the admin API until Ctrl-C / SIGTERM.
    ///
    /// Prints one ready line on stdout (a JSON object with --json) naming the authority
    /// host, Graph endpoint, admin endpoint and, for the demo tenant, its ids and secret.
    Serve(ServeArgs),
}

#[derive(Debug, clap::Args)]
struct ServeArgs {
    /// Address to listen on; port 0 picks a free port (see the ready line).
    #[arg(long, default_value = "127.0.0.1:0", value_name = "ADDR")]
    listen: SocketAddr,

    /// Serve HTTPS with a self-signed certificate written to the ready line's `ca_file`.
    #[arg(long)]
    tls: bool,

    /// Delay every response: `50ms`, or `50ms,20ms` for up to 20 ms of extra jitter.
    #[arg(long, value_parser = parse_latency, value_name = "DELAY[,JITTER]")]
    latency: Option<Latency>,

    /// Tenant file (TOML, or JSON when it ends in .json); default: the demo tenant.
    #[arg(long, value_name = "FILE")]
    tenant: Option<PathBuf>,

    /// Directory for generated files (CA, demo certificate); default: a temporary one,
    /// removed on exit.
    #[arg(long, value_name = "DIR")]
    data_dir: Option<PathBuf>,

    /// Also trust these CA certificates (PEM) when calling HTTPS notification URLs.
    #[arg(long, value_name = "PEM_FILE")]
    trust: Option<PathBuf>,

    /// Deliver DIR/<mailbox>/<folder path>/*.eml at start, in name order (missing folders
    /// are created; files directly under DIR/<mailbox> go to Inbox).
    #[arg(long, value_name = "DIR")]
    seed: Option<PathBuf>,

    /// Keep mailboxes, subscriptions, refresh tokens and signing keys in DIR, saved after
    /// every change, so a restart with the same DIR and tenant serves the same ids and
    /// accepts the same tokens (--seed then applies only to a fresh DIR).
    #[arg(long, value_name = "DIR")]
    state_dir: Option<PathBuf>,
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let EmulatorCommand::Serve(serve) = args.command;
    let options = ServeOptions {
        listen: serve.listen,
        tls: serve.tls,
        latency: serve.latency,
        tenant: serve.tenant,
        data_dir: serve.data_dir,
        trust: serve.trust,
        seed: serve.seed,
        state_dir: serve.state_dir,
    };
    // The rest of the CLI is synchronous; the emulator owns its runtime.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .classify(ErrorKind::Failed)
        .context("cannot start the async runtime")?;
    runtime
        .block_on(mailconn_emulator::serve(options, ctx.global.json))
        .map_err(emulator_error)
}

/// What the emulator cannot use of its options is a configuration error (exit 78) with the
/// fix; anything else a plain failure.
pub(super) fn emulator_error(err: mailconn_emulator::Error) -> Failure {
    let problem = match err {
        mailconn_emulator::Error::Config(problem) => problem,
        mailconn_emulator::Error::Other(err) => return Failure::new(ErrorKind::Failed, err),
    };
    let hint = match &problem {
        ConfigError::Tenant(_) => "the tenant file format is described in docs/emulator.md",
        ConfigError::Seed(_) => "seed messages go in DIR/<mailbox>/<folder path>/NAME.eml",
        ConfigError::StateDir { .. } => {
            "use another --state-dir, or remove this one to start afresh"
        }
    };
    UserError::new(ErrorKind::Config, problem.to_string())
        .with_hint(hint)
        .into()
}

fn parse_duration(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    let (number, unit) = text
        .find(|c: char| !c.is_ascii_digit())
        .map(|at| text.split_at(at))
        .unwrap_or((text, "ms"));
    let value: u64 = number
        .parse()
        .map_err(|_| format!("'{text}' is not a duration like 50ms or 2s"))?;
    match unit {
        "ms" => Ok(Duration::from_millis(value)),
        "s" => Ok(Duration::from_secs(value)),
        _ => Err(format!("'{text}': use ms or s")),
    }
}

fn parse_latency(text: &str) -> Result<Latency, String> {
    let (base, jitter) = match text.split_once(',') {
        Some((base, jitter)) => (parse_duration(base)?, parse_duration(jitter)?),
        None => (parse_duration(text)?, Duration::ZERO),
    };
    Ok(Latency { base, jitter })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latency_accepts_delay_and_jitter() {
        assert_eq!(
            parse_latency("50ms,20ms").unwrap(),
            Latency {
                base: Duration::from_millis(50),
                jitter: Duration::from_millis(20)
            }
        );
        assert_eq!(parse_latency("2s").unwrap().base, Duration::from_secs(2));
        assert!(parse_latency("fast").is_err());
        assert!(parse_latency("5m").is_err());
    }
}
