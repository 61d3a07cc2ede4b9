//! `mailconn send-test-message`: send a uniquely tagged message from the profile's mailbox
//! through Graph, and with `--verify-delivery` wait until it arrives.

use std::path::{Path, PathBuf};
use std::time::Instant;

use serde::Serialize;

use super::Context;
use super::session::{block_on, open};
use crate::commands::setting_args::SettingArgs;
use crate::error::{
    Classify as _, Diagnose, ErrorKind, Failure, Result, ResultExt as _, UserError,
};
use crate::graph::mail::{FileAttachment, Outgoing};
use crate::output::{Render, TableStyle};
use crate::settings::values::Span;
use crate::smoke::send::{self, Delivery, Sent, Transfer};

/// Exchange Online's default maximum message size (graph-facts §4).
const DEFAULT_MAX_ATTACHMENTS_MB: u64 = 35;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Override the profile's settings for this run (e.g. another mailbox or folder).
    #[command(flatten)]
    settings: SettingArgs,

    /// Recipient (repeatable); default: the profile's mailbox itself.
    #[arg(long, value_name = "ADDR", value_parser = address)]
    to: Vec<String>,

    /// Carbon-copy recipient (repeatable).
    #[arg(long, value_name = "ADDR", value_parser = address)]
    cc: Vec<String>,

    /// Send as, or on behalf of, this mailbox (needs Send As / Send on Behalf).
    #[arg(long, value_name = "ADDR", value_parser = address)]
    from: Option<String>,

    /// Subject; a unique tag is appended.
    #[arg(long, default_value = "mailconn test message")]
    subject: String,

    /// Body text.
    #[arg(long, conflicts_with = "body_file")]
    body: Option<String>,

    /// Read the body from FILE.
    #[arg(long, value_name = "FILE")]
    body_file: Option<PathBuf>,

    /// Send the body as plain text instead of HTML.
    #[arg(long)]
    plain: bool,

    /// Attach files (repeatable); over 3 MB in total they go through a draft, and files over
    /// 3 MB through upload sessions.
    #[arg(long, value_name = "FILE", num_args = 1..)]
    attach: Vec<PathBuf>,

    /// Refuse, before sending, when the attachments total more than MB megabytes.
    #[arg(long, value_name = "MB", default_value_t = DEFAULT_MAX_ATTACHMENTS_MB)]
    max_attachments_size: u64,

    /// Do not keep a copy in Sent Items.
    #[arg(long)]
    no_save: bool,

    /// Wait up to DUR (e.g. 60s, 5m) for the message in the recipient's Inbox and report
    /// the delivery latency; exit 1 when it does not arrive in time.
    #[arg(long, value_name = "DUR")]
    verify_delivery: Option<Span>,
}

fn address(text: &str) -> Result<String, String> {
    match text.split_once('@') {
        Some((local, domain))
            if !local.is_empty() && domain.contains('.') && !text.contains(char::is_whitespace) =>
        {
            Ok(text.to_owned())
        }
        _ => Err(format!("invalid address '{text}': expected name@domain")),
    }
}

#[derive(Debug, Serialize)]
struct Outcome {
    #[serde(flatten)]
    sent: Sent,
    #[serde(skip_serializing_if = "Option::is_none")]
    delivery: Option<Delivery>,
}

impl Render for Outcome {
    fn human(&self, _: TableStyle) -> String {
        let s = &self.sent;
        let mut lines = vec![
            format!(
                "Sent \"{}\" from {}",
                s.subject,
                s.from.as_deref().unwrap_or(&s.mailbox)
            ),
            format!("  to:   {}", s.to.join(", ")),
        ];
        if !s.cc.is_empty() {
            lines.push(format!("  cc:   {}", s.cc.join(", ")));
        }
        lines.push(format!(
            "  tag:  {} (subject and {} header)",
            s.tag,
            send::TAG_HEADER
        ));
        lines.push(format!(
            "  size: {} bytes{}",
            s.size,
            if s.saved_to_sent_items {
                ""
            } else {
                "; not saved to Sent Items"
            }
        ));
        if let Some(id) = &s.draft_id {
            lines.push(format!("  draft id: {id}"));
        }
        for a in &s.attachments {
            let how = match a.transfer {
                Transfer::Inline => "inline",
                Transfer::Attached => "attached to the draft",
                Transfer::UploadSession => "upload session",
            };
            lines.push(format!(
                "  attachment: {} ({} bytes, {how})",
                a.name, a.size
            ));
        }
        if let Some(d) = &self.delivery {
            lines.push(match d.latency_ms {
                Some(ms) => format!(
                    "Delivered to {} in {ms} ms (message id {})",
                    d.mailbox,
                    d.message_id.as_deref().unwrap_or("?")
                ),
                None => format!("NOT delivered to {} in time", d.mailbox),
            });
        }
        lines.join("\n")
    }
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let warn = |message: &str| ctx.printer.warn(message);
    let session = open(ctx, args.settings.clone().into(), &warn)?;
    let settings = session.settings();
    let mailbox = settings.mailbox()?.as_str().to_owned();

    let attachments = args
        .attach
        .iter()
        .map(|path| read_attachment(path))
        .collect::<Result<Vec<_>>>()?;
    let total: usize = attachments.iter().map(|a| a.bytes.len()).sum();
    let limit = args.max_attachments_size.saturating_mul(1_000_000);
    if total as u64 > limit {
        return Err(UserError::new(
            ErrorKind::Failed,
            format!(
                "the attachments total {:.1} MB, over the limit of {} MB; nothing was sent",
                total as f64 / 1e6,
                args.max_attachments_size
            ),
        )
        .with_hint("raise --max-attachments-size (Exchange Online allows 35 MB by default, at most 150 MB) or attach less")
        .into());
    }
    let body = match (&args.body, &args.body_file) {
        (Some(body), _) => body.clone(),
        (None, Some(path)) => std::fs::read_to_string(path)
            .classify(ErrorKind::Failed)
            .with_context(|| format!("cannot read the body file {}", path.display()))?,
        (None, None) => "This is a test message sent by mailconn send-test-message.".into(),
    };
    let to = if args.to.is_empty() {
        vec![mailbox.clone()]
    } else {
        args.to.clone()
    };
    let tag = send::new_tag();
    let message = send::tagged(
        Outgoing {
            subject: args.subject.clone(),
            body,
            html: !args.plain,
            to: to.clone(),
            cc: args.cc.clone(),
            from: args.from.clone(),
            headers: Vec::new(),
            attachments,
        },
        &tag,
    );
    if args.no_save && send::needs_draft(&message) {
        return Err(UserError::new(
            ErrorKind::Usage,
            "--no-save cannot be used with attachments over 3 MB in total: Graph sends those from a draft, which always lands in Sent Items",
        )
        .with_hint("attach less, or leave out --no-save")
        .into());
    }
    // Delivery is checked in the monitored mailbox when it is a recipient, else in the
    // first recipient's (the app must be able to read it).
    let verify_in = to
        .iter()
        .chain(&args.cc)
        .find(|a| a.eq_ignore_ascii_case(&mailbox))
        .unwrap_or(&to[0])
        .clone();

    let (outcome, unverifiable) = block_on(async {
        let graph = session.graph().await?;
        let sent_at = Instant::now();
        let sent = send::send(&graph, &mailbox, &message, !args.no_save).await?;
        let (delivery, unverifiable) = match args.verify_delivery {
            Some(span) => {
                let subject = &message.subject;
                let wait = span.duration();
                match send::await_delivery(&graph, &verify_in, subject, sent_at, wait).await {
                    Ok(delivery) => (Some(delivery), None),
                    Err(e) => (None, Some(e)),
                }
            }
            None => (None, None),
        };
        Ok::<_, Failure>((Outcome { sent, delivery }, unverifiable))
    })??;
    // What was sent is reported even when the delivery cannot be checked.
    ctx.printer.data(&outcome)?;
    if let Some(e) = unverifiable {
        return Err(UserError::new(
            e.kind(),
            format!("sent (tag {tag}), but cannot look for it in {verify_in}: {e}"),
        )
        .with_hint("--verify-delivery looks in the recipient's Inbox, so the app must be able to read that mailbox: send to the profile's mailbox (the default --to) or another one it can read")
        .into());
    }
    match &outcome.delivery {
        Some(d) if !d.arrived => Err(UserError::new(
            ErrorKind::Failed,
            format!(
                "the message (tag {tag}) did not arrive in {verify_in} within {} s",
                args.verify_delivery.map_or(0, |s| s.duration().as_secs())
            ),
        )
        .with_hint("look for an NDR in the sender's Inbox, a transport rule or quarantine; or wait longer with a larger --verify-delivery")
        .into()),
        _ => Ok(()),
    }
}

fn read_attachment(path: &Path) -> Result<FileAttachment> {
    let bytes = std::fs::read(path)
        .classify(ErrorKind::Failed)
        .with_context(|| format!("cannot read the attachment {}", path.display()))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "attachment".into());
    Ok(FileAttachment {
        name,
        content_type: "application/octet-stream".into(),
        bytes,
    })
}
