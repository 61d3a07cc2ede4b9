//! What can go wrong with secrets, each with its class (exit code) and a one-line fix.

use std::path::PathBuf;

use crate::error::{Diagnose, ErrorKind};

/// The ways to provide a secret without the OS keyring; every keyring error names them,
/// because a missing keyring must never silently turn into a plaintext file.
const ALTERNATIVES: &str = "set AZURE_CLIENT_SECRET / AZURE_CLIENT_CERTIFICATE_PATH / \
AZURE_FEDERATED_TOKEN_FILE in the environment, or store the secret in a file (0600, not \
encrypted) with --insecure-storage";

#[derive(Debug, thiserror::Error)]
pub enum SecretError {
    /// No keyring service to talk to, or it refused access (locked, no D-Bus session).
    #[error("the OS keyring ({backend}) is not available: {detail}")]
    KeyringUnavailable {
        backend: &'static str,
        detail: String,
    },
    /// The keyring did not answer in time (typically a D-Bus service that hangs).
    #[error("the OS keyring ({backend}) did not answer within {seconds} s")]
    KeyringTimeout { backend: &'static str, seconds: u64 },
    /// The keyring answered with an error that is not about availability.
    #[error("the OS keyring ({backend}) failed: {detail}")]
    Keyring {
        backend: &'static str,
        detail: String,
    },
    /// An entry exists but cannot be read back as mailconn wrote it.
    #[error("the keyring entry {account} is damaged: {reason}")]
    Damaged { account: String, reason: String },
    /// The environment store cannot be written to or deleted from.
    #[error("{var} comes from the environment, which mailconn only reads")]
    ReadOnly { var: &'static str },
    #[error("cannot {action} {}: {source}", path.display())]
    File {
        action: &'static str,
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: {message}", path.display())]
    Metadata { path: PathBuf, message: String },
    #[error("cannot find the data directory: {0}")]
    NoHome(String),
    #[error(transparent)]
    Certificate(#[from] super::certificate::CertificateError),
    #[error(transparent)]
    Config(#[from] crate::settings::ConfigError),
}

impl Diagnose for SecretError {
    fn kind(&self) -> ErrorKind {
        match self {
            SecretError::KeyringUnavailable { .. }
            | SecretError::KeyringTimeout { .. }
            | SecretError::ReadOnly { .. }
            | SecretError::Metadata { .. }
            | SecretError::NoHome(_) => ErrorKind::Config,
            SecretError::Keyring { .. }
            | SecretError::Damaged { .. }
            | SecretError::File { .. } => ErrorKind::Failed,
            SecretError::Certificate(e) => e.kind(),
            SecretError::Config(e) => e.kind(),
        }
    }

    fn hint(&self) -> Option<String> {
        Some(match self {
            SecretError::KeyringUnavailable { .. } => format!(
                "unlock or start the keyring (on a headless Linux server: a Secret Service \
                 such as gnome-keyring in a D-Bus session), or {ALTERNATIVES}"
            ),
            SecretError::KeyringTimeout { .. } => format!(
                "check that the keyring service responds (MAILCONN_KEYRING_TIMEOUT sets the \
                 wait), or {ALTERNATIVES}"
            ),
            SecretError::Keyring { .. } => format!("retry with -vv for details, or {ALTERNATIVES}"),
            SecretError::Damaged { .. } => {
                "remove it with `mailconn credentials remove KIND` and set it again".into()
            }
            SecretError::ReadOnly { var } => format!("unset {var} to use the stored value"),
            SecretError::File { .. } => "check the permissions of the directory".into(),
            SecretError::Metadata { path, .. } => format!(
                "fix or delete {} (it only records where credentials live; set them again \
                 afterwards)",
                path.display()
            ),
            SecretError::NoHome(_) => "set HOME (or XDG_DATA_HOME and XDG_STATE_HOME)".into(),
            SecretError::Certificate(e) => return e.hint(),
            SecretError::Config(e) => return e.hint(),
        })
    }
}
