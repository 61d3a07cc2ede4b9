//! `mailconn completions`: shell completion scripts generated from the clap definition.

use std::path::PathBuf;

use clap_complete::Shell;

use crate::error::{Classify as _, ErrorKind, Result, ResultExt as _};
use crate::output;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Shell to print the completion script for.
    #[arg(value_enum, required_unless_present = "out_dir")]
    shell: Option<Shell>,

    /// Write the scripts into DIR instead of printing (all shells unless SHELL is given).
    #[arg(long, value_name = "DIR")]
    out_dir: Option<PathBuf>,
}

/// `command` is the whole command line's grammar.
pub fn run(args: Args, mut command: clap::Command) -> Result<()> {
    let Some(dir) = args.out_dir else {
        let shell = args.shell.expect("clap requires SHELL without --out-dir");
        let mut script = Vec::new();
        clap_complete::generate(shell, &mut command, "mailconn", &mut script);
        return output::raw_stdout(&script);
    };
    std::fs::create_dir_all(&dir)
        .classify(ErrorKind::Failed)
        .with_context(|| format!("cannot create {}", dir.display()))?;
    let shells = match args.shell {
        Some(shell) => vec![shell],
        None => vec![
            Shell::Bash,
            Shell::Elvish,
            Shell::Fish,
            Shell::PowerShell,
            Shell::Zsh,
        ],
    };
    for shell in shells {
        let path = clap_complete::generate_to(shell, &mut command, "mailconn", &dir)
            .classify(ErrorKind::Failed)
            .with_context(|| format!("cannot write {shell} completions into {}", dir.display()))?;
        eprintln!("wrote {}", path.display());
    }
    Ok(())
}
