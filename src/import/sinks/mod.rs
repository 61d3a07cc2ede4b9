//! Sinks: where an imported message goes. The embedded ticket store is written by the store
//! itself, in the log row's transaction ([`crate::store::SinkWrite::Tickets`]); the external
//! sinks here deliver first and the import then records their result text
//! ([`crate::store::SinkWrite::External`]).
//!
//! External sinks are **at-least-once**: a crash between a delivery and the commit of its log
//! row repeats the delivery on the next run. Every sink therefore gives the receiver what it
//! needs to recognise a repeat: the mailbox + immutable id (`exec`: `MAILCONN_MAILBOX` +
//! `MAILCONN_MESSAGE_ID`; `http`/`dir`: `mailbox` + `id` in the JSON), and `dir` names its
//! files after the id so a repeat overwrites.
//!
//! - [`exec`]: a command per message, MIME on stdin, metadata in env vars (like RT's
//!   `rt-mailgate`). Non-zero exit or a timeout = failure.
//! - [`http`]: a signed JSON POST ([`payload`] is the shape, [`http::signature`] the scheme).
//! - [`dir`]: `<id>.eml` + `<id>.json`, written atomically.

pub mod dir;
pub mod exec;
pub mod http;
pub mod payload;

use std::path::PathBuf;
use std::time::Duration;

use crate::error::{Diagnose, ErrorKind};
use crate::import::normalize::Message;
use crate::import::rules::Decision;
use crate::secrets::Secret;
use crate::settings::env;
use crate::settings::profile::{ImportSettings, SinkKind};
use crate::store::{MessageKey, MessageMeta};

pub use dir::DirSink;
pub use exec::ExecSink;
pub use http::HttpSink;

/// How long an `exec` command may run when the profile does not say.
pub const DEFAULT_EXEC_TIMEOUT: Duration = Duration::from_secs(5 * 60);

/// Where imported messages go.
#[derive(Debug)]
pub enum Sink {
    Tickets,
    External(ExternalSink),
}

/// A sink outside mailconn's own store.
#[derive(Debug)]
pub enum ExternalSink {
    Exec(ExecSink),
    Http(HttpSink),
    Dir(DirSink),
}

/// One message on its way to a sink: everything a receiver may need, borrowed from the import.
#[derive(Clone, Copy)]
pub struct Outbound<'a> {
    /// Mailbox + immutable id: the receiver's key for recognising a repeated delivery.
    pub key: &'a MessageKey,
    pub meta: &'a MessageMeta,
    /// New ticket or follow-up (ignored messages never reach a sink), the rule and routing.
    pub decision: &'a Decision,
    pub message: &'a Message,
    /// The text after preprocessing (quotes and signatures stripped); `message.text` is the
    /// full original.
    pub text: &'a str,
    /// The raw RFC 822 message as fetched from Graph.
    pub mime: &'a [u8],
}

/// Names the message rather than dumping it: a debug log line must not carry megabytes of
/// MIME and attachments.
impl std::fmt::Debug for Outbound<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Outbound")
            .field("key", self.key)
            .field("decision", self.decision)
            .field("mime_bytes", &self.mime.len())
            .finish_non_exhaustive()
    }
}

impl Sink {
    /// From the profile's `[import]` table, plus `MAILCONN_HTTP_SINK_KEY` for `http`, which
    /// posts with `http` (the process's client). `Tickets` when nothing is configured.
    pub fn from_settings(
        import: &ImportSettings,
        http: reqwest::Client,
    ) -> Result<Sink, SinkError> {
        import.check_sink().map_err(|p| SinkError::Config {
            message: format!("[import] {}", p.message),
            hint: p.hint,
        })?;
        Ok(match import.sink.unwrap_or(SinkKind::Tickets) {
            SinkKind::Tickets => Sink::Tickets,
            SinkKind::Exec => Sink::External(ExternalSink::Exec(ExecSink::new(
                import.exec.clone().unwrap_or_default(),
                import
                    .exec_timeout
                    .map_or(DEFAULT_EXEC_TIMEOUT, |t| t.duration()),
            )?)),
            SinkKind::Http => {
                let url = import.http_url.clone().ok_or_else(|| SinkError::Config {
                    message: "[import] sink = \"http\" needs http_url".into(),
                    hint: "add http_url = \"https://...\"".into(),
                })?;
                let key = http_key(import.http_key_file.as_deref())?;
                Sink::External(ExternalSink::Http(HttpSink::new(
                    url.url().clone(),
                    key,
                    http,
                )?))
            }
            SinkKind::Dir => Sink::External(ExternalSink::Dir(DirSink::new(
                import.dir.clone().unwrap_or_default(),
            ))),
        })
    }

    /// Short name for logs and the summary: `tickets`, `exec`, `http`, `dir`.
    pub fn name(&self) -> &'static str {
        match self {
            Sink::Tickets => "tickets",
            Sink::External(sink) => sink.name(),
        }
    }
}

impl ExternalSink {
    pub fn name(&self) -> &'static str {
        match self {
            ExternalSink::Exec(_) => "exec",
            ExternalSink::Http(_) => "http",
            ExternalSink::Dir(_) => "dir",
        }
    }

    /// Delivers one message. `Ok` carries the result text for the processing log (`exit 0`,
    /// `HTTP 201`, `wrote /x/y.eml`); `Err` means this message failed and the next run
    /// retries it.
    pub async fn deliver(&self, out: &Outbound<'_>) -> Result<String, SinkError> {
        match self {
            ExternalSink::Exec(sink) => sink.deliver(out).await,
            ExternalSink::Http(sink) => sink.deliver(out).await,
            ExternalSink::Dir(sink) => sink.deliver(out).await,
        }
    }
}

/// The http sink's key: the environment wins (CI, containers), else the profile's key file.
fn http_key(file: Option<&std::path::Path>) -> Result<Secret, SinkError> {
    if let Some(value) = env::MAILCONN_HTTP_SINK_KEY.get() {
        return http::check_key(Secret::from(value), env::MAILCONN_HTTP_SINK_KEY.name);
    }
    match file {
        Some(path) => http::read_key_file(path),
        None => Err(SinkError::Config {
            message: "sink = \"http\" needs a signing key".into(),
            hint: format!(
                "set {} or [import] http_key_file to a random key of at least {} characters, e.g. from `openssl rand -hex 32`",
                env::MAILCONN_HTTP_SINK_KEY.name,
                http::MIN_KEY_LEN
            ),
        }),
    }
}

/// Why a sink could not be set up or a delivery failed. The text goes to the processing log,
/// so no variant ever holds the http key, and URLs are shown without their query string.
#[derive(Debug, thiserror::Error)]
pub enum SinkError {
    #[error("{message}")]
    Config { message: String, hint: String },
    #[error("cannot read the http sink key file {}: {source}", path.display())]
    KeyFile {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot run {program}: {source}")]
    Spawn {
        program: String,
        source: std::io::Error,
    },
    /// The command ran and failed. `stderr` is the end of its error output, bounded.
    #[error("{program} {status}{}", colon(stderr))]
    Exit {
        program: String,
        /// `exited with code 75`, `was killed by signal 9`.
        status: String,
        code: Option<i32>,
        stderr: String,
    },
    #[error(
        "{program} did not finish within {after:?} and was killed{}",
        colon(stderr)
    )]
    Timeout {
        program: String,
        after: Duration,
        stderr: String,
    },
    #[error("cannot pass the message to {program}: {source}")]
    Pipe {
        program: String,
        source: std::io::Error,
    },
    #[error("POST {url} failed: {source}")]
    Request {
        url: String,
        #[source]
        source: reqwest::Error,
    },
    /// The receiver answered with a status other than 2xx. `body` is its start, bounded.
    #[error("POST {url} answered HTTP {status}{}", colon(body))]
    Status {
        url: String,
        status: u16,
        body: String,
    },
    #[error("cannot write {}: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

fn colon(text: &str) -> String {
    if text.is_empty() {
        String::new()
    } else {
        format!(": {text}")
    }
}

impl Diagnose for SinkError {
    fn kind(&self) -> ErrorKind {
        match self {
            SinkError::Config { .. } | SinkError::KeyFile { .. } => ErrorKind::Config,
            SinkError::Spawn { source, .. }
                if matches!(
                    source.kind(),
                    std::io::ErrorKind::NotFound | std::io::ErrorKind::PermissionDenied
                ) =>
            {
                ErrorKind::Config
            }
            SinkError::Request { .. } => ErrorKind::Unavailable,
            SinkError::Status { status, .. } if *status == 429 || *status >= 500 => {
                ErrorKind::Unavailable
            }
            _ => ErrorKind::Failed,
        }
    }

    fn hint(&self) -> Option<String> {
        let retried = "the message is retried on the next run";
        Some(match self {
            SinkError::Config { hint, .. } => hint.clone(),
            SinkError::KeyFile { .. } => format!(
                "make the file readable by this user and not by others (chmod 600), or set {}",
                env::MAILCONN_HTTP_SINK_KEY.name
            ),
            SinkError::Spawn { source, .. } if source.kind() == std::io::ErrorKind::NotFound => {
                "check [import] exec; cron runs with a minimal PATH, so give the program's absolute path".into()
            }
            SinkError::Spawn { .. } => "check that [import] exec names an executable file".into(),
            SinkError::Exit { .. } => {
                format!("the command's exit status was not 0; {retried}")
            }
            SinkError::Timeout { .. } => {
                format!("raise [import] exec_timeout if the command is just slow; {retried}")
            }
            SinkError::Pipe { .. } => retried.into(),
            SinkError::Request { .. } => {
                format!("check that the receiver is up and reachable; {retried}")
            }
            SinkError::Status {
                status: 401 | 403, ..
            } => format!(
                "the receiver refused the request: check that both sides use the same key ({} or http_key_file) and that the clocks agree (the signed timestamp)",
                env::MAILCONN_HTTP_SINK_KEY.name
            ),
            SinkError::Status { .. } => format!("see the receiver's log; {retried}"),
            SinkError::Write { .. } => {
                format!("check the directory's permissions and free space; {retried}")
            }
        })
    }
}

/// The last `max` bytes of `bytes` as one line of text: what is worth keeping of a
/// command's error output or a receiver's answer in a log row.
fn tail_text(bytes: &[u8], max: usize) -> String {
    let start = bytes.len().saturating_sub(max);
    let text = String::from_utf8_lossy(&bytes[start..]);
    squash(&text)
}

/// The first `max` bytes of `bytes` as one line of text.
fn head_text(bytes: &[u8], max: usize) -> String {
    let text = String::from_utf8_lossy(&bytes[..bytes.len().min(max)]);
    squash(&text)
}

/// Control characters (newlines included) become spaces, runs of space collapse: the result
/// stays one readable line in a table or a log.
fn squash(text: &str) -> String {
    text.split(|c: char| c.is_control() || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests;
