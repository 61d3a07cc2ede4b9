//! `mailconn login`: sign in and keep the result. Delegated profiles get an interactive
//! sign-in (browser or device code) whose refresh token is stored; app-only profiles get a
//! token with their stored credential, which proves the credential works and fills the cache.

use serde::Serialize;

use super::Context;
use super::session::{block_on, open};
use super::token_summary::TokenSummary;
use crate::auth::DeviceCodePrompt;
use crate::error::{ErrorKind, Result, UserError};
use crate::output::{Render, TableStyle};
use crate::secrets::StoreKind;
use crate::session::{DelegatedFlow, SignInUi, TokenOrigin};
use crate::settings::env;
use crate::settings::resolve::Overrides;
use crate::settings::values::{AuthMethod, ProfileName};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Sign in with a code entered on another device (the default without a usable browser:
    /// no terminal, SSH, --no-input, no display).
    #[arg(long, conflicts_with = "browser")]
    device_code: bool,

    /// Sign in with a browser on this machine (authorization code with PKCE).
    #[arg(long)]
    browser: bool,

    /// Keep the tokens in a plain file (mode 0600, not encrypted) instead of the OS keyring,
    /// for servers without one. Prints a warning each time the file is used.
    #[arg(long)]
    insecure_storage: bool,
}

#[derive(Debug, Serialize)]
struct LoggedIn {
    profile: Option<ProfileName>,
    auth: AuthMethod,
    origin: TokenOrigin,
    #[serde(flatten)]
    token: TokenSummary,
    /// Unix seconds.
    expires_at: u64,
}

impl Render for LoggedIn {
    fn human(&self, _: TableStyle) -> String {
        format!(
            "Signed in ({}): {}.",
            self.auth.as_str(),
            self.token.describe()
        )
    }
}

/// Shows the sign-in steps on stderr: the user has to act on them, so even `-q` shows them.
struct TerminalUi;

impl SignInUi for TerminalUi {
    fn device_code(&self, prompt: &DeviceCodePrompt) {
        eprintln!(
            "To sign in, open {} and enter the code {} (valid for {} minutes).",
            prompt.verification_uri,
            console::style(&prompt.user_code).bold().for_stderr(),
            prompt.expires_in.as_secs() / 60
        );
    }

    fn browser(&self, url: &str) {
        let opened = open_browser(url);
        if opened {
            eprintln!(
                "Opened the sign-in page in your browser. If it did not appear, open:\n{url}"
            );
        } else {
            eprintln!("Open this page in a browser to sign in:\n{url}");
        }
    }
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let warn = |message: &str| ctx.printer.warn(message);
    let session = open(ctx, Overrides::default(), &warn)?;
    let auth = session.settings().auth.value;
    let token = if auth.is_app_only() {
        if args.device_code || args.browser || args.insecure_storage {
            return Err(UserError::new(
                ErrorKind::Usage,
                format!("this profile signs in as the app ({}); --device-code, --browser and --insecure-storage are for delegated sign-in", auth.as_str()),
            )
            .with_hint("app-only credentials are stored with `mailconn credentials set`")
            .into());
        }
        block_on(session.new_access_token())??
    } else {
        if session.settings().profile.is_none() {
            return Err(UserError::new(
                ErrorKind::Config,
                "delegated sign-in keeps a refresh token, which belongs to a profile",
            )
            .with_hint("create one with `mailconn profile add NAME --auth device-code`")
            .into());
        }
        let flow = choose_flow(ctx, &args, auth);
        let store = if args.insecure_storage {
            StoreKind::File
        } else {
            StoreKind::Keyring
        };
        block_on(session.login(flow, &TerminalUi, store))??
    };
    ctx.printer.outcome(&LoggedIn {
        profile: session.settings().profile.clone(),
        auth,
        origin: token.origin,
        token: TokenSummary::of(token.claims().as_ref()),
        expires_at: token.expires_at,
    })
}

/// Flags decide; else a `device-code` profile uses the device code, and a `browser` profile
/// uses the browser when one can open here.
fn choose_flow(ctx: &Context, args: &Args, auth: AuthMethod) -> DelegatedFlow {
    if args.device_code {
        return DelegatedFlow::DeviceCode;
    }
    if args.browser {
        return DelegatedFlow::Browser;
    }
    if auth == AuthMethod::Browser && browser_usable(ctx) {
        DelegatedFlow::Browser
    } else {
        DelegatedFlow::DeviceCode
    }
}

/// A browser opens for the person at this terminal: interactive, not over SSH, and a display
/// (or an explicit BROWSER command) on systems that need one.
fn browser_usable(ctx: &Context) -> bool {
    let has_display = cfg!(any(target_os = "macos", target_os = "windows"))
        || env::DISPLAY.get().is_some()
        || env::WAYLAND_DISPLAY.get().is_some()
        || env::BROWSER.get().is_some();
    ctx.interactive && env::SSH_CONNECTION.get().is_none() && has_display
}

/// Starts the browser on `url` without waiting for it: `BROWSER` (a ':'-separated list of
/// commands, `%s` for the URL) when set, else the platform's opener.
fn open_browser(url: &str) -> bool {
    let spawn = |command: &str| {
        let mut words = command.split_whitespace();
        let Some(program) = words.next() else {
            return false;
        };
        let mut args: Vec<String> = words.map(|w| w.replace("%s", url)).collect();
        if !command.contains("%s") {
            args.push(url.to_owned());
        }
        std::process::Command::new(program)
            .args(args)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .is_ok()
    };
    match env::BROWSER.get() {
        Some(commands) => commands.split(':').any(spawn),
        None if cfg!(target_os = "macos") => spawn("open"),
        None if cfg!(target_os = "windows") => spawn("rundll32 url.dll,FileProtocolHandler"),
        None => spawn("xdg-open"),
    }
}
