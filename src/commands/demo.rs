//! `mailconn demo`: the main job end to end on a machine with no tenant. It starts the
//! embedded emulator with a seeded support mailbox, points a throwaway profile at it and
//! runs the real commands (as child processes, shown as they run): test-connection, a
//! first import, a follow-up arriving, a second import, the tickets and the processing log.
//! When a tenant is configured, it runs a dry import against it instead: a demo never
//! changes a real mailbox.

use std::path::Path;
use std::process::Command;

use mailconn_emulator::{Ready, ServeOptions};

use super::Context;
use super::emulator::emulator_error;
use super::import::execute;
use super::import_job::{ImportOptions, RunSpec};
use crate::error::{Classify as _, ErrorKind, Result, ResultExt as _, UserError};
use crate::import::run::Scope;
use crate::settings::env;
use crate::settings::resolve::Overrides;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Use the embedded emulator even when a tenant is configured.
    #[arg(long)]
    emulator: bool,
}

/// The support mailbox's folder at the start: new requests, an auto-reply, a bounce-like
/// notice, an HTML-only mail with an attachment.
const SEED: &[(&str, &str)] = &[
    (
        "01.eml",
        "From: Dana Fischer <dana@fabrikam.test>\r\nTo: support@contoso.test\r\nSubject: Printer on floor 3 jams on every page\r\nMessage-ID: <demo-1@fabrikam.test>\r\nDate: Mon, 16 Nov 2026 08:12:00 +0000\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHello,\r\n\r\nthe printer next to the kitchen on floor 3 jams on every page since this morning.\r\n\r\nThanks,\r\nDana\r\n-- \r\nDana Fischer | Accounting | +1 555 0100\r\n",
    ),
    (
        "02.eml",
        "From: Sam Okafor <sam@fabrikam.test>\r\nTo: support@contoso.test\r\nSubject: VPN drops every 10 minutes\r\nMessage-ID: <demo-2@fabrikam.test>\r\nDate: Mon, 16 Nov 2026 09:40:00 +0000\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nSince the update yesterday my VPN disconnects every ten minutes.\r\n\r\nSent from my iPhone\r\n",
    ),
    (
        "03.eml",
        "From: Sam Okafor <sam@fabrikam.test>\r\nTo: support@contoso.test\r\nSubject: Automatic reply: VPN drops every 10 minutes\r\nAuto-Submitted: auto-replied\r\nX-Auto-Response-Suppress: All\r\nMessage-ID: <demo-3@fabrikam.test>\r\nDate: Mon, 16 Nov 2026 09:41:00 +0000\r\n\r\nI am out of the office until Monday.\r\n",
    ),
    (
        "04.eml",
        "From: Lee Wong <lee@fabrikam.test>\r\nTo: support@contoso.test\r\nSubject: New laptop for a starter\r\nMessage-ID: <demo-4@fabrikam.test>\r\nDate: Mon, 16 Nov 2026 10:05:00 +0000\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b4\"\r\n\r\n--b4\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><body><p>Hi team,</p><p>we need a <b>laptop</b> for Alex, who starts on Monday. The form is attached.</p></body></html>\r\n--b4\r\nContent-Type: text/plain; name=\"request.txt\"\r\nContent-Disposition: attachment; filename=\"request.txt\"\r\n\r\nName: Alex\r\nStart: Monday\r\nDepartment: Sales\r\n--b4--\r\n",
    ),
];

/// Arrives after the first import: Dana's reply, which must join her ticket.
const REPLY: &str = "From: Dana Fischer <dana@fabrikam.test>\r\nTo: support@contoso.test\r\nSubject: RE: Printer on floor 3 jams on every page\r\nMessage-ID: <demo-5@fabrikam.test>\r\nIn-Reply-To: <demo-1@fabrikam.test>\r\nReferences: <demo-1@fabrikam.test>\r\nDate: Mon, 16 Nov 2026 11:30:00 +0000\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nIt jams on floor 2 as well now.\r\n\r\nFrom: Dana Fischer\r\nSent: Monday, November 16, 2026 8:12 AM\r\n> the printer next to the kitchen on floor 3 jams on every page\r\n";

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let settings = ctx.settings(Overrides::default())?;
    if !args.emulator && settings.tenant.is_some() {
        ctx.printer.warn(&format!(
            "a tenant is configured ({}); the demo runs a dry import against it, which changes nothing (pass --emulator for the offline demo)",
            settings
                .profile
                .as_ref()
                .map_or_else(|| "from the environment".to_owned(), |p| format!("profile {p}"))
        ));
        return execute(
            ctx,
            RunSpec {
                settings: Default::default(),
                options: ImportOptions::default(),
                backlog: None,
                dry_run: true,
                explain: true,
                scope: Scope::Folder,
            },
        );
    }
    let work = tempfile::Builder::new()
        .prefix("mailconn-demo-")
        .tempdir()
        .classify(ErrorKind::Failed)
        .context("cannot create the demo's temporary directory")?;
    let seed = work.path().join("seed/support@contoso.test/Inbox/Support");
    std::fs::create_dir_all(&seed).classify(ErrorKind::Failed)?;
    for (name, mime) in SEED {
        std::fs::write(seed.join(name), mime).classify(ErrorKind::Failed)?;
    }
    // Multi-threaded: the emulator keeps serving while this thread waits for the children.
    let runtime = tokio::runtime::Runtime::new()
        .classify(ErrorKind::Failed)
        .context("cannot start the async runtime")?;
    let running = runtime
        .block_on(mailconn_emulator::start(ServeOptions {
            listen: ([127, 0, 0, 1], 0).into(),
            tls: false,
            latency: None,
            tenant: None,
            data_dir: Some(work.path().join("emulator")),
            trust: None,
            seed: Some(work.path().join("seed")),
            state_dir: None,
        }))
        .map_err(emulator_error)?;
    let result = steps(&runtime, &running.ready, work.path());
    runtime
        .block_on(running.stop())
        .classify(ErrorKind::Failed)?;
    result
}

fn steps(runtime: &tokio::runtime::Runtime, ready: &Ready, work: &Path) -> Result<()> {
    let demo = ready.demo.as_ref().ok_or_else(|| {
        UserError::new(
            ErrorKind::Failed,
            "the embedded emulator serves no demo tenant",
        )
    })?;
    eprintln!(
        "# The embedded Microsoft 365 emulator serves Entra ID and Graph on {}.\n# Its shared mailbox {} holds {} messages in {}; nothing outside {} is touched.",
        ready.authority_host,
        demo.shared_mailbox,
        SEED.len(),
        demo.shared_mailbox_folder,
        work.display()
    );
    let mailconn = Mailconn::new(work, demo.client_secret)?;
    mailconn.run(&[
        "profile",
        "add",
        "demo",
        "--no-input",
        "--authority-host",
        &ready.authority_host,
        "--graph-endpoint",
        &ready.graph_endpoint,
        "--tenant",
        &ready.tenant_id,
        "--client-id",
        &demo.client_id,
        "--mailbox",
        demo.shared_mailbox,
        "--folder",
        demo.shared_mailbox_folder,
    ])?;
    mailconn.run(&["test-connection"])?;
    eprintln!("\n# A first import must say what to do with mail already in the folder:");
    mailconn.run(&[
        "import",
        "--backlog",
        "all",
        "--post-action",
        "move:Inbox/Processed",
        "--create-folder",
        "--explain",
    ])?;
    eprintln!("\n# Dana replies; the next run (cron, every minute) adds it to her ticket:");
    runtime.block_on(deliver(ready, demo.shared_mailbox, REPLY))?;
    mailconn.run(&[
        "import",
        "--post-action",
        "move:Inbox/Processed",
        "--explain",
    ])?;
    mailconn.run(&["tickets", "list"])?;
    mailconn.run(&["tickets", "show", "1"])?;
    mailconn.run(&["log", "list"])?;
    eprintln!(
        "\n# Next: `mailconn profile add` for your tenant, `mailconn credentials set`, then `mailconn import`."
    );
    Ok(())
}

async fn deliver(ready: &Ready, mailbox: &str, mime: &str) -> Result<()> {
    let url = format!("{}/mailboxes/{mailbox}/messages", ready.admin_endpoint);
    let answer = crate::transport::client()?
        .post(&url)
        .json(&serde_json::json!({"folder": "Inbox/Support", "mime": mime}))
        .send()
        .await
        .and_then(|r| r.error_for_status())
        .classify(ErrorKind::Failed)
        .context("the emulator refused the demo reply")?;
    drop(answer);
    Ok(())
}

/// This binary, run with the demo's own config, state and data directories and nothing of
/// the caller's mailconn environment.
struct Mailconn {
    exe: std::path::PathBuf,
    work: std::path::PathBuf,
    secret: &'static str,
}

impl Mailconn {
    fn new(work: &Path, secret: &'static str) -> Result<Mailconn> {
        Ok(Mailconn {
            exe: std::env::current_exe()
                .classify(ErrorKind::Failed)
                .context("cannot find the mailconn binary")?,
            work: work.to_owned(),
            secret,
        })
    }

    fn run(&self, args: &[&str]) -> Result<()> {
        eprintln!("\n$ mailconn {}", args.join(" "));
        let mut command = Command::new(&self.exe);
        for var in env::ALL {
            command.env_remove(var.name);
        }
        let status = command
            .args(args)
            .env("XDG_CONFIG_HOME", self.work.join("config"))
            .env("XDG_STATE_HOME", self.work.join("state"))
            .env("XDG_DATA_HOME", self.work.join("data"))
            // CI style: the app secret comes from the environment, so the demo needs no
            // keyring. It is the emulator's public demo secret, not a real one.
            .env(env::AZURE_CLIENT_SECRET.name, self.secret)
            .status()
            .classify(ErrorKind::Failed)
            .context("cannot run mailconn")?;
        if status.success() {
            return Ok(());
        }
        Err(UserError::new(
            ErrorKind::Failed,
            format!(
                "the demo step `mailconn {}` failed ({status})",
                args.join(" ")
            ),
        )
        .into())
    }
}
