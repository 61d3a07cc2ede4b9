//! `mailconn rules check FILE`.

use std::fmt::Write as _;
use std::path::PathBuf;

use serde::Serialize;

use crate::commands::Context;
use crate::error::Result;
use crate::import::rules::{Rules, RulesSummary};
use crate::output::{Render, TableStyle};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The rules file (TOML).
    pub file: PathBuf,
}

#[derive(Debug, Serialize)]
struct Checked {
    file: PathBuf,
    valid: bool,
    #[serde(flatten)]
    summary: RulesSummary,
}

impl Render for Checked {
    fn human(&self, _style: TableStyle) -> String {
        let s = &self.summary;
        let count = |n: usize, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
        let mut out = format!("{}: ok\n", self.file.display());
        let _ = writeln!(out, "  ticket token:  {}", s.ticket_token);
        let _ = writeln!(
            out,
            "  senders:       {}, {}",
            count(s.allow, "allow pattern"),
            count(s.deny, "deny pattern")
        );
        let _ = writeln!(
            out,
            "  loops:         the mailbox + {}; {}",
            count(s.own_addresses, "own address"),
            s.flood_limit
                .as_deref()
                .map_or("no per-sender limit".to_owned(), |l| format!(
                    "at most {l} from one sender"
                ))
        );
        let _ = writeln!(
            out,
            "  auto-replies:  {}",
            if s.ignore_auto_replies {
                "ignored"
            } else {
                "imported"
            }
        );
        let routes = if s.routes.is_empty() {
            "none".to_owned()
        } else {
            s.routes.join(", ")
        };
        let _ = writeln!(out, "  routes:        {routes} (first match wins)");
        let _ = write!(out, "  preprocess:    {}", s.preprocess.join(", "));
        out
    }
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let rules = Rules::load(&args.file)?;
    ctx.printer.data(&Checked {
        file: args.file,
        valid: true,
        summary: rules.summary(),
    })
}
