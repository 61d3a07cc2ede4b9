//! Glue between the command line and the domain: one module per leaf command, each with its
//! arguments and `run`.

pub mod auth;
pub mod completions;
pub mod credentials;
#[cfg(feature = "emulator")]
pub mod demo;
#[cfg(feature = "emulator")]
pub mod emulator;
pub mod import;
pub mod import_all;
pub mod import_job;
pub mod log;
pub mod login;
pub mod logout;
pub mod man;
pub mod profile;
pub mod prompt;
pub mod rules;
pub mod send_test_message;
pub mod serve;
pub mod session;
pub mod setting_args;
pub mod status;
pub mod store_access;
pub mod subscription;
pub mod test_connection;
pub mod tickets;
pub mod token_summary;
pub mod webhook;

use std::path::PathBuf;

use clap::ArgAction;

use crate::output::{ColorChoice, Printer};
use crate::settings::env;
use crate::settings::file::ConfigFile;
use crate::settings::resolve::{self, Overrides, Resolved};
use crate::settings::values::ProfileName;
use crate::settings::{ConfigError, paths};

/// Flags accepted by every command. Environment values are hidden from help so generated
/// man pages and completions never capture the generating shell's settings.
#[derive(Debug, Clone, clap::Args)]
#[command(next_help_heading = "Global options")]
pub struct GlobalArgs {
    /// Profile to use (default: `default_profile` of the config file, or its only profile).
    #[arg(short = 'p', long, global = true, env = env::MAILCONN_PROFILE.name, hide_env_values = true, value_name = "NAME")]
    pub profile: Option<ProfileName>,

    /// Config file to read and write.
    #[arg(long, global = true, env = env::MAILCONN_CONFIG.name, hide_env_values = true, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Print results as JSON on stdout (errors as JSON on stderr).
    #[arg(long, global = true)]
    pub json: bool,

    /// When to use colour; `NO_COLOR` turns `auto` off.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// Print only results, warnings and errors.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,

    /// Log more to stderr (-v info, -vv debug, -vvv trace; `MAILCONN_LOG` overrides).
    #[arg(short, long, global = true, action = ArgAction::Count)]
    pub verbose: u8,

    /// Never prompt; fail at once naming the flag or variable that is missing.
    #[arg(long, global = true, env = env::MAILCONN_NO_INPUT.name)]
    pub no_input: bool,
}

/// What every command gets: the global flags, the printer and whether it may prompt.
pub struct Context {
    pub global: GlobalArgs,
    pub printer: Printer,
    /// Prompts are allowed: no `--no-input`, and stdin and stderr are terminals.
    pub interactive: bool,
}

impl Context {
    pub fn new(global: GlobalArgs, printer: Printer) -> Context {
        let interactive = !global.no_input
            && console::Term::stderr().is_term()
            && std::io::IsTerminal::is_terminal(&std::io::stdin());
        Context {
            global,
            printer,
            interactive,
        }
    }

    pub fn config_path(&self) -> Result<PathBuf, ConfigError> {
        match &self.global.config {
            Some(path) => Ok(path.clone()),
            None => paths::default_config_file(),
        }
    }

    pub fn load_config(&self) -> Result<ConfigFile, ConfigError> {
        ConfigFile::load(&self.config_path()?)
    }

    /// The effective settings of this run: the selected profile (if any) under the
    /// environment and the command-line overrides.
    pub fn settings(&self, overrides: Overrides) -> Result<Resolved, ConfigError> {
        let file = self.load_config()?;
        let selected = resolve::select_profile(&file, self.global.profile.as_ref())?;
        let selected_name = selected.map(|(name, _)| name);
        for (name, entry) in &file.profiles {
            if let (Err(problem), false) = (entry, Some(name) == selected_name) {
                let err = file.problem_error(problem);
                self.printer.warn(&format!(
                    "profile '{name}' is broken and was skipped: {err}"
                ));
            }
        }
        resolve::resolve_in(&file, selected, overrides)
    }
}
