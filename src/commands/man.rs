//! `mailconn man`: man pages generated from the clap definition.

use std::path::PathBuf;

use crate::error::{Classify as _, ErrorKind, Result, ResultExt as _};
use crate::output;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Write one page per command into DIR instead of printing the main page.
    #[arg(long, value_name = "DIR")]
    out_dir: Option<PathBuf>,
}

/// `command` is the whole command line's grammar.
pub fn run(args: Args, command: clap::Command) -> Result<()> {
    match args.out_dir {
        None => {
            let mut page = Vec::new();
            clap_mangen::Man::new(command)
                .render(&mut page)
                .classify(ErrorKind::Failed)?;
            output::raw_stdout(&page)
        }
        Some(dir) => {
            std::fs::create_dir_all(&dir)
                .classify(ErrorKind::Failed)
                .with_context(|| format!("cannot create {}", dir.display()))?;
            clap_mangen::generate_to(command, &dir)
                .classify(ErrorKind::Failed)
                .with_context(|| format!("cannot write man pages into {}", dir.display()))?;
            eprintln!("wrote man pages into {}", dir.display());
            Ok(())
        }
    }
}
