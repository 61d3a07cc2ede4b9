//! Opening the sign-in session of the selected profile for a command, and running its async
//! work.

use std::future::Future;

use super::Context;
use crate::error::{Classify as _, ErrorKind, Result, ResultExt as _};
use crate::secrets::credentials::{Credentials, Dirs};
use crate::session::Session;
use crate::settings::resolve::Overrides;
use crate::transport;

/// The session of the selected profile, or of the environment alone when there is none.
/// `warn` reports each use of the insecure file store.
pub fn open<'w>(
    ctx: &Context,
    overrides: Overrides,
    warn: &'w dyn Fn(&str),
) -> Result<Session<'w>> {
    let settings = ctx.settings(overrides)?;
    let credentials = match &settings.profile {
        Some(name) => Some(Credentials::new(
            name.clone(),
            &Dirs::from_environment()?,
            warn,
        )?),
        None => None,
    };
    Ok(Session::new(settings, credentials, transport::client()?)?)
}

/// Runs async work on a runtime of its own (commands themselves are synchronous).
pub fn block_on<F: Future>(future: F) -> Result<F::Output> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .classify(ErrorKind::Failed)
        .context("cannot start the async runtime")?;
    Ok(runtime.block_on(future))
}

/// Resolves on SIGINT or SIGTERM (Ctrl-C elsewhere). The handlers are installed when this is
/// called, not when it is first polled: call it before a server announces itself, so a
/// signal sent right after the ready line stops it cleanly instead of killing it.
pub fn shutdown_signal() -> impl Future<Output = ()> {
    #[cfg(unix)]
    let signals = {
        use tokio::signal::unix::{SignalKind, signal};
        signal(SignalKind::interrupt())
            .and_then(|interrupt| Ok((interrupt, signal(SignalKind::terminate())?)))
            .ok()
    };
    async move {
        #[cfg(unix)]
        if let Some((mut interrupt, mut term)) = signals {
            tokio::select! {
                _ = interrupt.recv() => {}
                _ = term.recv() => {}
            }
            return;
        }
        let _ = tokio::signal::ctrl_c().await;
    }
}
