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
pub mod log;
pub mod login;
pub mod logout;
pub mod man;
pub mod profile;
pub mod prompt;
pub mod rules;
pub mod send_test_message;
pub mod session;
pub mod setting_args;
pub mod store_access;
pub mod subscription;
pub mod test_connection;
pub mod tickets;
pub mod token_summary;
pub mod webhook;

use std::path::PathBuf;

use anyhow::Result;

use crate::cli::{Command, GlobalArgs};
use crate::output::Printer;
use crate::settings::file::ConfigFile;
use crate::settings::resolve::{self, Overrides, Resolved};
use crate::settings::{ConfigError, paths};

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
        resolve::resolve(selected, overrides)
    }
}

pub fn dispatch(ctx: &Context, command: Command) -> Result<()> {
    match command {
        Command::Profile(cmd) => profile::run(ctx, cmd),
        Command::Credentials(cmd) => credentials::run(ctx, cmd),
        Command::Login(args) => login::run(ctx, args),
        Command::Logout(args) => logout::run(ctx, args),
        Command::Auth(cmd) => auth::run(ctx, cmd),
        Command::Completions(args) => completions::run(args),
        Command::Man(args) => man::run(args),
        #[cfg(feature = "emulator")]
        Command::Emulator(args) => emulator::run(ctx, args),
        Command::TestConnection(args) => test_connection::run(ctx, args),
        Command::SendTestMessage(args) => send_test_message::run(ctx, args),
        #[cfg(feature = "emulator")]
        Command::Demo(args) => demo::run(ctx, args),
        Command::Import(args) => import::run(ctx, args),
        Command::Log(cmd) => log::run(ctx, cmd),
        Command::Tickets(cmd) => tickets::run(ctx, cmd),
        Command::Rules(cmd) => rules::run(ctx, cmd),
        Command::Subscription(cmd) => subscription::run(ctx, cmd),
        Command::Webhook(cmd) => webhook::run(ctx, cmd),
    }
}
