//! Why the emulator cannot start or stopped badly. Problems with what the caller configured
//! are told apart from the rest, so the caller can report them as its configuration errors.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// Anything else: listening, TLS, files the emulator writes, the server task.
    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

// I/O errors of the listener are no configuration problem.
impl From<std::io::Error> for Error {
    fn from(err: std::io::Error) -> Error {
        Error::Other(err.into())
    }
}

/// Options naming something the emulator cannot use.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The tenant file cannot be read, or describes no valid tenant.
    #[error("{0}")]
    Tenant(String),
    /// A seed message cannot be delivered.
    #[error("unusable seed directory: {0}")]
    Seed(String),
    /// The state directory cannot be opened or written, or holds another tenant's state.
    #[error("unusable state directory {}: {reason}", dir.display())]
    StateDir { dir: PathBuf, reason: String },
}
