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
