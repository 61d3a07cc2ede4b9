//! The one printer: results go to stdout as a table (or plain columns when stdout is not a
//! terminal) or as JSON with `--json`; notes, warnings and errors go to stderr.

pub mod import_report;
mod table;

use std::io::Write;

use serde::Serialize;

pub use table::{Table, TableStyle};

use crate::error::{Classify as _, Diagnosis, ErrorKind, Result};

/// `--color` choices.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// A command result: serializable for `--json`, renderable for people.
pub trait Render: Serialize {
    fn human(&self, style: TableStyle) -> String;
}

#[derive(Debug, Clone)]
pub struct Printer {
    json: bool,
    quiet: bool,
    table_style: TableStyle,
}

impl Printer {
    pub fn new(json: bool, quiet: bool, color: ColorChoice) -> Printer {
        let stdout = console::Term::stdout();
        let stderr = console::Term::stderr();
        console::set_colors_enabled(wants_color(color, stdout.is_term()));
        console::set_colors_enabled_stderr(wants_color(color, stderr.is_term()));
        let table_style = if stdout.is_term() {
            TableStyle::Boxed {
                width: stdout.size_checked().map(|(_, cols)| cols),
            }
        } else {
            TableStyle::Plain
        };
        Printer {
            json,
            quiet,
            table_style,
        }
    }

    pub fn json(&self) -> bool {
        self.json
    }

    /// `-q`: no progress, no chatter; data and warnings still appear.
    pub fn quiet(&self) -> bool {
        self.quiet
    }

    /// Prints a result to stdout.
    pub fn data<R: Render>(&self, result: &R) -> Result<()> {
        let text = if self.json {
            serde_json::to_string_pretty(result).classify(ErrorKind::Failed)?
        } else {
            result.human(self.table_style)
        };
        write_line(&mut std::io::stdout().lock(), &text)
    }

    /// Reports the outcome of an action: a sentence on stderr for people (silenced by `-q`),
    /// the result as JSON on stdout with `--json`.
    pub fn outcome<R: Render>(&self, result: &R) -> Result<()> {
        if self.json {
            return self.data(result);
        }
        if !self.quiet {
            write_line(
                &mut std::io::stderr().lock(),
                &result.human(self.table_style),
            )?;
        }
        Ok(())
    }

    /// A warning on stderr; shown even with `-q`, because it is about something going wrong.
    pub fn warn(&self, message: &str) {
        let label = console::style("warning:").yellow().bold().for_stderr();
        eprintln!("{label} {message}");
    }

    /// Reports a failure on stderr: a line and a hint, or a JSON object with `--json`.
    pub fn error(&self, diagnosis: &Diagnosis) {
        if self.json {
            let body = serde_json::json!({ "error": diagnosis });
            eprintln!("{body}");
            return;
        }
        let label = console::style("error:").red().bold().for_stderr();
        eprintln!("{label} {}", diagnosis.message);
        if let Some(hint) = &diagnosis.hint {
            let label = console::style("hint:").cyan().for_stderr();
            eprintln!("  {label} {hint}");
        }
    }
}

fn wants_color(choice: ColorChoice, is_term: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            is_term
                && crate::settings::env::NO_COLOR.get().is_none()
                && std::env::var("TERM").map_or(true, |t| t != "dumb")
        }
    }
}

/// Writes generated text (completion scripts, man pages) to stdout as it is.
pub fn raw_stdout(bytes: &[u8]) -> Result<()> {
    let mut out = std::io::stdout().lock();
    ignore_closed_pipe(out.write_all(bytes).and_then(|_| out.flush()))
}

/// Writes a line, treating a closed pipe (`mailconn ... | head`) as success.
pub fn write_line(out: &mut impl Write, text: &str) -> Result<()> {
    ignore_closed_pipe(writeln!(out, "{text}").and_then(|_| out.flush()))
}

fn ignore_closed_pipe(result: std::io::Result<()>) -> Result<()> {
    match result {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.classify(ErrorKind::Failed),
    }
}
