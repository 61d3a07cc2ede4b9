//! Ctrl-C during an interactive sign-in. The handler is installed when [`Interrupt::listen`]
//! is called, before the user is told what to do, so a Ctrl-C typed right after the prompt
//! appears is caught rather than killing the process half-way.

use super::AuthError;

pub struct Interrupt {
    #[cfg(unix)]
    signal: tokio::signal::unix::Signal,
}

impl Interrupt {
    pub fn listen() -> Result<Interrupt, AuthError> {
        #[cfg(unix)]
        {
            let signal = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::interrupt())
                .map_err(AuthError::SignalHandler)?;
            Ok(Interrupt { signal })
        }
        #[cfg(not(unix))]
        Ok(Interrupt {})
    }

    /// Resolves when Ctrl-C is pressed.
    pub async fn pressed(&mut self) {
        #[cfg(unix)]
        {
            self.signal.recv().await;
        }
        #[cfg(not(unix))]
        {
            let _ = tokio::signal::ctrl_c().await;
        }
    }
}
