//! Error kinds, hints and exit codes: what the user sees of a failure and what a script can
//! test (`$?`). A leaf: it imports nothing of the crate, and every module may use it.
//!
//! Domain modules raise their own typed errors, and each implements [`Diagnose`] to say its
//! kind and fix. Commands return [`Failure`], which can only be built from an error that
//! knows its kind or from an explicit one ([`Classify`]); `main` prints its [`Diagnosis`].

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

    /// How much a failure needs a person, for "the worst of several" (`import --all`):
    /// an interruption, then what only a person can fix (configuration, sign-in, permission),
    /// then plain failures, then what passes by itself (throttling, a lock, some messages).
    pub fn severity(self) -> u8 {
        match self {
            ErrorKind::Partial => 1,
            ErrorKind::Locked => 2,
            ErrorKind::Unavailable => 3,
            ErrorKind::Failed => 4,
            ErrorKind::Usage => 5,
            ErrorKind::Permission => 6,
            ErrorKind::Auth => 7,
            ErrorKind::Config => 8,
            ErrorKind::Interrupted => 9,
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

/// The result of a command (and of anything that fails the way a command does).
pub type Result<T, E = Failure> = std::result::Result<T, E>;

/// An error on its way to the user, already classified: commands return it, and the only
/// ways to build one take the kind from the error itself ([`Diagnose`]) or from the call site
/// ([`Classify`]). So the compiler, not a list, makes sure every failure has a kind.
pub struct Failure {
    kind: ErrorKind,
    hint: Option<String>,
    error: anyhow::Error,
}

impl<E> From<E> for Failure
where
    E: Diagnose + std::error::Error + Send + Sync + 'static,
{
    fn from(error: E) -> Self {
        Failure {
            kind: error.kind(),
            hint: error.hint(),
            error: anyhow::Error::new(error),
        }
    }
}

impl std::fmt::Debug for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?} ({:?})", self.error, self.kind)
    }
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&chain_message(&self.error))
    }
}

impl Failure {
    /// A failure of `kind` for an error that does not know its own (I/O, parsing, …).
    pub fn new(kind: ErrorKind, error: impl Into<anyhow::Error>) -> Self {
        Failure {
            kind,
            hint: None,
            error: error.into(),
        }
    }

    /// What the user is told: the whole cause chain, the kind's exit code and the hint.
    pub fn diagnosis(&self) -> Diagnosis {
        Diagnosis {
            kind: self.kind,
            exit_code: self.kind.exit_code(),
            message: chain_message(&self.error),
            hint: self.hint.clone(),
        }
    }

    /// The underlying error, for callers that look for a particular cause.
    pub fn error(&self) -> &anyhow::Error {
        &self.error
    }

    /// The same failure with one more layer of explanation.
    pub fn context<C>(self, context: C) -> Self
    where
        C: std::fmt::Display + Send + Sync + 'static,
    {
        Failure {
            error: self.error.context(context),
            ..self
        }
    }
}

/// `.context(…)` for results whose error knows its kind (or already is a [`Failure`]): the
/// message gains a layer, the kind and hint stay.
pub trait ResultExt<T> {
    fn context<C>(self, context: C) -> Result<T, Failure>
    where
        C: std::fmt::Display + Send + Sync + 'static;

    fn with_context<C, F>(self, context: F) -> Result<T, Failure>
    where
        C: std::fmt::Display + Send + Sync + 'static,
        F: FnOnce() -> C;
}

impl<T, E> ResultExt<T> for Result<T, E>
where
    E: Into<Failure>,
{
    fn context<C>(self, context: C) -> Result<T, Failure>
    where
        C: std::fmt::Display + Send + Sync + 'static,
    {
        self.map_err(|e| e.into().context(context))
    }

    fn with_context<C, F>(self, context: F) -> Result<T, Failure>
    where
        C: std::fmt::Display + Send + Sync + 'static,
        F: FnOnce() -> C,
    {
        self.map_err(|e| e.into().context(context()))
    }
}

/// Gives an error that does not know its kind one at the call site: `read(path).classify(ErrorKind::Config)`.
pub trait Classify<T> {
    fn classify(self, kind: ErrorKind) -> Result<T, Failure>;
}

impl<T, E> Classify<T> for Result<T, E>
where
    E: Into<anyhow::Error>,
{
    fn classify(self, kind: ErrorKind) -> Result<T, Failure> {
        self.map_err(|e| Failure::new(kind, e))
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
    fn a_failure_keeps_the_kind_and_hint_of_its_error_under_context() {
        let failed: Result<(), UserError> =
            Err(UserError::new(ErrorKind::Locked, "mailbox is locked").with_hint("wait"));
        let d = failed.context("import failed").unwrap_err().diagnosis();
        assert_eq!(d.kind, ErrorKind::Locked);
        assert_eq!(d.exit_code, 7);
        assert_eq!(d.message, "import failed: mailbox is locked");
        assert_eq!(d.hint.as_deref(), Some("wait"));
    }

    #[test]
    fn an_error_without_a_kind_gets_the_one_its_caller_gives() {
        let failed: Result<(), std::io::Error> = Err(std::io::Error::other("disk on fire"));
        let d = failed.classify(ErrorKind::Config).unwrap_err().diagnosis();
        assert_eq!((d.exit_code, d.message.as_str()), (78, "disk on fire"));
        assert_eq!(d.hint, None);
    }
}
