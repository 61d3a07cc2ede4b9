//! Error kinds, hints and exit codes: the one place that turns any error into what the user
//! sees and what a script can test (`$?`).
//!
//! Domain modules raise their own typed errors; commands wrap them with `anyhow` context.
//! [`classify`] walks the cause chain and asks the first error that knows its kind.

use serde::Serialize;

/// The class of a failure. Each kind has one exit code; the table is a public contract
/// (README "Exit codes").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ErrorKind {
    /// A remote error or bad input that fits no narrower class.
    Failed,
    /// The command line itself is wrong.
    Usage,
    /// The run finished, but some messages or post-actions failed.
    Partial,
    /// Sign-in or consent problem.
    Auth,
    /// The token is valid but lacks a role/scope, or the mailbox is outside the app's scope.
    Permission,
    /// The remote service is down or kept throttling after retries.
    Unavailable,
    /// Another run holds the lock for this mailbox.
    Locked,
    /// The configuration (file, profile, environment) is missing or invalid.
    Config,
    /// Stopped by Ctrl-C / SIGTERM.
    Interrupted,
}

impl ErrorKind {
    /// Every kind, in exit-code order (for the README table and its drift test).
    pub const ALL: [ErrorKind; 9] = [
        ErrorKind::Failed,
        ErrorKind::Usage,
        ErrorKind::Partial,
        ErrorKind::Auth,
        ErrorKind::Permission,
        ErrorKind::Unavailable,
        ErrorKind::Locked,
        ErrorKind::Config,
        ErrorKind::Interrupted,
    ];

    pub fn exit_code(self) -> u8 {
        match self {
            ErrorKind::Failed => 1,
            ErrorKind::Usage => 2,
            ErrorKind::Partial => 3,
            ErrorKind::Auth => 4,
            ErrorKind::Permission => 5,
            ErrorKind::Unavailable => 6,
            ErrorKind::Locked => 7,
            ErrorKind::Config => 78,
            ErrorKind::Interrupted => 130,
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            ErrorKind::Failed => "failed (remote error, bad input)",
            ErrorKind::Usage => "usage error (unknown flag, missing argument)",
            ErrorKind::Partial => "partial: finished, but some messages or post-actions failed",
            ErrorKind::Auth => "authentication or consent problem",
            ErrorKind::Permission => {
                "permission problem (missing role/scope, access policy / RBAC scope)"
            }
            ErrorKind::Unavailable => "remote unavailable or throttled after retries",
            ErrorKind::Locked => "locked: another run holds this mailbox",
            ErrorKind::Config => "configuration error",
            ErrorKind::Interrupted => "interrupted",
        }
    }
}

/// An error whose kind and fix are known where it is raised, e.g. a missing flag in
/// non-interactive mode.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct UserError {
    pub kind: ErrorKind,
    pub message: String,
    pub hint: Option<String>,
}

impl UserError {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        UserError {
            kind,
            message: message.into(),
            hint: None,
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

/// Implemented by typed domain errors that know their class and fix.
pub trait Diagnose {
    fn kind(&self) -> ErrorKind;
    fn hint(&self) -> Option<String>;
}

impl Diagnose for UserError {
    fn kind(&self) -> ErrorKind {
        self.kind
    }
    fn hint(&self) -> Option<String> {
        self.hint.clone()
    }
}

/// What the user is told about a failure.
#[derive(Debug, Serialize)]
pub struct Diagnosis {
    pub kind: ErrorKind,
    pub exit_code: u8,
    /// The whole cause chain, outermost first, joined with ": ".
    pub message: String,
    pub hint: Option<String>,
}

/// Classify an error: the first cause in the chain that knows its kind decides; anything
/// else is a plain failure (exit 1).
pub fn classify(err: &anyhow::Error) -> Diagnosis {
    let (kind, hint) = err
        .chain()
        .find_map(diagnose_cause)
        .unwrap_or((ErrorKind::Failed, None));
    Diagnosis {
        kind,
        exit_code: kind.exit_code(),
        message: chain_message(err),
        hint,
    }
}

fn diagnose_cause(
    cause: &(dyn std::error::Error + 'static),
) -> Option<(ErrorKind, Option<String>)> {
    fn known<E: Diagnose + std::error::Error + 'static>(
        cause: &(dyn std::error::Error + 'static),
    ) -> Option<(ErrorKind, Option<String>)> {
        cause.downcast_ref::<E>().map(|e| (e.kind(), e.hint()))
    }
    known::<UserError>(cause)
        .or_else(|| known::<crate::import::run::ImportError>(cause))
        .or_else(|| known::<crate::settings::ConfigError>(cause))
        .or_else(|| known::<crate::session::SessionError>(cause))
        .or_else(|| known::<crate::auth::AuthError>(cause))
        .or_else(|| known::<crate::transport::TransportError>(cause))
        .or_else(|| known::<crate::secrets::SecretError>(cause))
        .or_else(|| known::<crate::graph::GraphError>(cause))
        .or_else(|| known::<crate::graph::ApiError>(cause))
        .or_else(|| known::<crate::graph::folders::FolderError>(cause))
        .or_else(|| known::<crate::graph::folders::FolderNotFound>(cause))
        .or_else(|| known::<crate::store::StoreError>(cause))
        .or_else(|| known::<crate::import::rules::RulesError>(cause))
        .or_else(|| known::<crate::import::sinks::SinkError>(cause))
        .or_else(|| known::<crate::webhook::manage::ManageError>(cause))
        .or_else(|| known::<crate::webhook::records::RecordsError>(cause))
        .or_else(|| known::<crate::mailbox::MailboxError>(cause))
}

/// Join the chain, skipping a cause whose text is already contained in its parent's (thiserror
/// `#[error("...: {0}")]` wrappers would otherwise print it twice).
fn chain_message(err: &anyhow::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    for cause in err.chain() {
        let text = cause.to_string();
        if parts.last().is_some_and(|prev| prev.contains(&text)) {
            continue;
        }
        parts.push(text);
    }
    parts.join(": ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_codes_follow_the_public_table() {
        let codes: Vec<u8> = ErrorKind::ALL.iter().map(|k| k.exit_code()).collect();
        assert_eq!(codes, [1, 2, 3, 4, 5, 6, 7, 78, 130]);
    }

    #[test]
    fn the_first_cause_that_knows_its_kind_decides() {
        let err = anyhow::Error::new(
            UserError::new(ErrorKind::Locked, "mailbox is locked").with_hint("wait"),
        )
        .context("import failed");
        let d = classify(&err);
        assert_eq!(d.kind, ErrorKind::Locked);
        assert_eq!(d.exit_code, 7);
        assert_eq!(d.message, "import failed: mailbox is locked");
        assert_eq!(d.hint.as_deref(), Some("wait"));
    }

    #[test]
    fn unknown_errors_are_plain_failures() {
        let err = anyhow::anyhow!("boom");
        assert_eq!(classify(&err).exit_code, 1);
    }
}
