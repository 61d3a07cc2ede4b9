//! How an import shows itself: a progress line on a terminal and one line per message with
//! `--explain` or `--dry-run`, or one JSON object per event with `--json` (for scripts and
//! log collectors). Failures are always reported on stderr, so a cron mail shows them.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::{Printer, Render, Table, TableStyle, write_line};
use crate::import::events::{Event, MessageReport, Outcome, Reporter, Summary};
use crate::import::rules::Action;

pub struct ImportReporter {
    printer: Printer,
    /// Print one line per message (`--explain`, and always in a dry run).
    explain: bool,
    bar: Option<ProgressBar>,
}

impl ImportReporter {
    pub fn new(printer: &Printer, explain: bool) -> ImportReporter {
        let show_bar = !printer.json() && !printer.quiet() && console::Term::stderr().is_term();
        let bar = show_bar.then(|| {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
            bar.set_style(
                ProgressStyle::with_template("{spinner} {elapsed} {pos} messages {wide_msg}")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            );
            bar.enable_steady_tick(std::time::Duration::from_millis(120));
            bar
        });
        ImportReporter {
            printer: printer.clone(),
            explain,
            bar,
        }
    }

    /// Prints to stdout without tearing the progress line.
    fn line(&self, text: &str) {
        let print = || {
            let _ = write_line(&mut std::io::stdout().lock(), text);
        };
        match &self.bar {
            Some(bar) => bar.suspend(print),
            None => print(),
        }
    }

    fn warn(&self, text: &str) {
        match &self.bar {
            Some(bar) => bar.suspend(|| self.printer.warn(text)),
            None => self.printer.warn(text),
        }
    }
}

fn explain_line(m: &MessageReport) -> String {
    let outcome = match m.outcome {
        Outcome::Imported => "imported",
        Outcome::Ignored => "ignored",
        Outcome::Failed => "FAILED",
        Outcome::AlreadyImported => "already imported",
        Outcome::WouldImport => "would import",
        Outcome::WouldIgnore => "would ignore",
    };
    let from = m.from.as_deref().unwrap_or("(no sender)");
    let why = match &m.decision {
        Some(d) => {
            let what = match &d.action {
                Action::NewTicket => match m.ticket_id {
                    Some(n) => format!("new ticket #{n}"),
                    None => "new ticket".to_owned(),
                },
                Action::FollowUp { ticket } => format!("follow-up to #{ticket}"),
                Action::Ignore { reason } => format!("ignored: {reason}"),
            };
            let mut routing = Vec::new();
            if let Some(q) = &d.routing.queue {
                routing.push(format!("queue {q}"));
            }
            if let Some(p) = &d.routing.priority {
                routing.push(format!("priority {p}"));
            }
            if !d.routing.tags.is_empty() {
                routing.push(format!("tags {}", d.routing.tags.join(",")));
            }
            let routing = if routing.is_empty() {
                String::new()
            } else {
                format!(", {}", routing.join(", "))
            };
            format!("{what} (rule {}{routing})", d.rule)
        }
        None => m.error.clone().unwrap_or_default(),
    };
    format!("{outcome}: \"{}\" from {from} -> {why}", m.subject)
}

impl Reporter for ImportReporter {
    fn report(&self, event: &Event) {
        if self.printer.json() {
            if let Ok(line) = serde_json::to_string(event) {
                let _ = write_line(&mut std::io::stdout().lock(), &line);
            }
            return;
        }
        match event {
            Event::Started {
                folder, dry_run, ..
            } => {
                if *dry_run {
                    self.line(&format!(
                        "Dry run of {folder}: nothing is written and the mailbox is not touched."
                    ));
                }
                if let Some(bar) = &self.bar {
                    bar.set_message(folder.clone());
                }
            }
            Event::Message(m) => {
                if let Some(bar) = &self.bar {
                    bar.inc(1);
                }
                if self.explain {
                    self.line(&explain_line(m));
                }
                if m.outcome == Outcome::Failed {
                    let hint = m
                        .hint
                        .as_deref()
                        .map(|h| format!(" (hint: {h})"))
                        .unwrap_or_default();
                    self.warn(&format!(
                        "message \"{}\" failed: {}{hint}",
                        m.subject,
                        m.error.as_deref().unwrap_or("unknown error")
                    ));
                }
            }
            Event::PostAction(p) if !p.ok => self.warn(&format!(
                "{} of log entry {} failed: {}; retried on the next run",
                p.action, p.log_id, p.result
            )),
            Event::PostAction(_) => {}
            Event::Notice { message } => self.warn(message),
            Event::Finished(_) => {
                if let Some(bar) = &self.bar {
                    bar.finish_and_clear();
                }
            }
        }
    }
}

impl Render for Summary {
    fn human(&self, style: TableStyle) -> String {
        let mut table = Table::new(style, &["RESULT", "MESSAGES"]);
        let (imported, ignored) = if self.dry_run {
            ("would import", "would ignore")
        } else {
            ("imported", "ignored")
        };
        let rows = [
            ("listed", self.listed),
            (imported, self.imported),
            (ignored, self.ignored),
            ("failed", self.failed),
            ("already done", self.skipped),
            ("post-actions done", self.post_actions_done),
            ("post-actions failed", self.post_actions_failed),
        ];
        for (name, count) in rows {
            table.row([name.to_owned(), count.to_string()]);
        }
        let mut text = table.to_string();
        if self.interrupted {
            text.push_str("\nInterrupted: the rest is imported by the next run.");
        }
        text
    }
}
