//! How an import shows itself: a progress line on a terminal and one line per message with
//! `--explain` or `--dry-run`, or one JSON object per event with `--json` (for scripts and
//! log collectors). Failures are always reported on stderr, so a cron mail shows them.

use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde::Serialize;

use super::{Printer, Render, Table, TableStyle, write_line};
use crate::import::events::{Event, MessageReport, Outcome, Reporter, Summary};
use crate::import::rules::Action;

pub struct ImportReporter {
    printer: Printer,
    /// Print one line per message (`--explain`, and always in a dry run).
    explain: bool,
    bar: Option<ProgressBar>,
    /// Whose run this is when several run side by side (`import --all`): the profile
    /// prefixes every line, and every JSON event carries the profile and the mailbox.
    owner: Option<Owner>,
}

struct Owner {
    profile: String,
    mailbox: String,
}

/// An event of one of several runs, with whose it is.
#[derive(Serialize)]
struct Tagged<'a> {
    profile: &'a str,
    /// `started` names the mailbox itself (the address, resolved).
    #[serde(skip_serializing_if = "Option::is_none")]
    mailbox: Option<&'a str>,
    #[serde(flatten)]
    event: &'a Event,
}

fn show_bars(printer: &Printer) -> bool {
    !printer.json() && !printer.quiet() && console::Term::stderr().is_term()
}

fn bar_style(template: &str) -> ProgressStyle {
    ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_spinner())
}

impl ImportReporter {
    pub fn new(printer: &Printer, explain: bool) -> ImportReporter {
        let bar = show_bars(printer).then(|| {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
            bar.set_style(bar_style("{spinner} {elapsed} {pos} messages {wide_msg}"));
            bar.enable_steady_tick(std::time::Duration::from_millis(120));
            bar
        });
        ImportReporter {
            printer: printer.clone(),
            explain,
            bar,
            owner: None,
        }
    }

    /// The reporter of `profile`'s run (on `mailbox`, as configured) among others: its
    /// progress line joins `bars`.
    pub fn of_profile(
        printer: &Printer,
        explain: bool,
        bars: &MultiProgress,
        profile: &str,
        mailbox: &str,
    ) -> ImportReporter {
        let bar = show_bars(printer).then(|| {
            let bar = bars.add(ProgressBar::new_spinner());
            bar.set_style(bar_style("{spinner} {prefix} {pos} messages {wide_msg}"));
            bar.set_prefix(profile.to_owned());
            bar.enable_steady_tick(std::time::Duration::from_millis(120));
            bar
        });
        ImportReporter {
            printer: printer.clone(),
            explain,
            bar,
            owner: Some(Owner {
                profile: profile.to_owned(),
                mailbox: mailbox.to_owned(),
            }),
        }
    }

    /// Prints to stdout without tearing the progress line.
    fn line(&self, text: &str) {
        let text = self.labelled(text);
        let print = || {
            let _ = write_line(&mut std::io::stdout().lock(), &text);
        };
        match &self.bar {
            Some(bar) => bar.suspend(print),
            None => print(),
        }
    }

    fn warn(&self, text: &str) {
        let text = self.labelled(text);
        match &self.bar {
            Some(bar) => bar.suspend(|| self.printer.warn(&text)),
            None => self.printer.warn(&text),
        }
    }

    fn labelled(&self, text: &str) -> String {
        match &self.owner {
            Some(owner) => format!("[{}] {text}", owner.profile),
            None => text.to_owned(),
        }
    }

    fn json_line(&self, event: &Event) -> serde_json::Result<String> {
        match &self.owner {
            Some(owner) => serde_json::to_string(&Tagged {
                profile: &owner.profile,
                mailbox: (!matches!(event, Event::Started { .. })).then_some(&owner.mailbox),
                event,
            }),
            None => serde_json::to_string(event),
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
            if let Ok(line) = self.json_line(event) {
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
