//! The `exec` sink: one command per message, the raw MIME on stdin and the metadata in
//! `MAILCONN_*` variables, the way Request Tracker's `rt-mailgate` is fed by a mail server.
//! Exit status 0 is success; anything else, or running past the timeout, fails the message
//! and the next run tries it again.

use std::process::Stdio;
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWriteExt};
use tokio::process::Command;

use super::{Outbound, SinkError, head_text, squash, tail_text};
use crate::import::rules::Action;
use crate::settings::env;

/// How much of the command's error output a failure keeps: enough for the last message of a
/// Perl or Python traceback, little enough for a log row.
const STDERR_KEPT: usize = 1024;
/// How much of the output we hold while the command runs (the end is what matters).
const OUTPUT_WINDOW: usize = 8 * 1024;
/// The longest single variable value we pass; Linux refuses an argument or variable over
/// 128 KiB at exec time, and a subject that long is an attack or an accident.
const MAX_VAR_LEN: usize = 4096;

#[derive(Debug, Clone)]
pub struct ExecSink {
    argv: Vec<String>,
    timeout: Duration,
}

impl ExecSink {
    /// `argv[0]` is the program (searched in `PATH` when it has no `/`), the rest its
    /// arguments; no shell is involved.
    pub fn new(argv: Vec<String>, timeout: Duration) -> Result<ExecSink, SinkError> {
        if argv.first().is_none_or(|p| p.trim().is_empty()) {
            return Err(SinkError::Config {
                message: "[import] exec names no program".into(),
                hint: "e.g. exec = [\"/usr/bin/rt-mailgate\", \"--queue\", \"support\"]".into(),
            });
        }
        Ok(ExecSink { argv, timeout })
    }

    fn program(&self) -> String {
        self.argv[0].clone()
    }

    pub async fn deliver(&self, out: &Outbound<'_>) -> Result<String, SinkError> {
        let mut cmd = Command::new(&self.argv[0]);
        cmd.args(&self.argv[1..])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true);
        for secret in env::SECRETS {
            cmd.env_remove(secret.name);
        }
        // Every variable is set, empty when it does not apply, so an inherited value can
        // never pass for this message's and `set -u` scripts need no defaults.
        for (name, value) in variables(out) {
            cmd.env(name, value);
        }
        // Its own process group: a Ctrl-C at the terminal goes to mailconn alone, which
        // finishes the message in hand; and a timeout can kill the command with everything
        // it started.
        #[cfg(unix)]
        cmd.process_group(0);
        let mut child = cmd.spawn().map_err(|source| SinkError::Spawn {
            program: self.program(),
            source,
        })?;
        let pid = child.id();
        let (stdin, stdout, stderr) =
            (child.stdin.take(), child.stdout.take(), child.stderr.take());

        let (mut stdout_seen, mut stderr_seen) = (Vec::new(), Vec::new());
        let run = async {
            // All three pipes at once: a command that writes much before it reads its input
            // would otherwise block on a full pipe while we block on its full stdin.
            let feed = async {
                let Some(mut stdin) = stdin else {
                    return Ok(());
                };
                match stdin.write_all(out.mime).await {
                    // A command may exit without reading its input; its exit status says
                    // whether that was a success.
                    Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                    other => other,
                }
                // Dropping stdin here closes it: the command sees the end of the message.
            };
            let (fed, (), (), status) = tokio::join!(
                feed,
                keep_tail(stdout, &mut stdout_seen),
                keep_tail(stderr, &mut stderr_seen),
                child.wait()
            );
            (fed, status)
        };
        let outcome = tokio::time::timeout(self.timeout, run).await;
        let Ok((fed, status)) = outcome else {
            kill_group(pid);
            let _ = child.kill().await;
            return Err(SinkError::Timeout {
                program: self.program(),
                after: self.timeout,
                stderr: tail_text(&stderr_seen, STDERR_KEPT),
            });
        };
        let status = status.map_err(|source| SinkError::Pipe {
            program: self.program(),
            source,
        })?;
        if !status.success() {
            return Err(SinkError::Exit {
                program: self.program(),
                status: describe(&status),
                code: status.code(),
                stderr: tail_text(&stderr_seen, STDERR_KEPT),
            });
        }
        fed.map_err(|source| SinkError::Pipe {
            program: self.program(),
            source,
        })?;
        // The last line the command printed often names what it made ("ticket 42 created").
        let said = last_line(&stdout_seen);
        Ok(if said.is_empty() {
            "exit 0".into()
        } else {
            format!("exit 0: {said}")
        })
    }
}

/// Reads a pipe to its end, keeping (at least) the last [`OUTPUT_WINDOW`] bytes in `kept`,
/// which stays readable if the command times out half-way.
async fn keep_tail<R: AsyncRead + Unpin>(pipe: Option<R>, kept: &mut Vec<u8>) {
    let Some(mut pipe) = pipe else {
        return;
    };
    let mut buf = [0u8; 8192];
    loop {
        match pipe.read(&mut buf).await {
            Ok(0) | Err(_) => break,
            Ok(n) => {
                kept.extend_from_slice(&buf[..n]);
                if kept.len() > 2 * OUTPUT_WINDOW {
                    kept.drain(..kept.len() - OUTPUT_WINDOW);
                }
            }
        }
    }
}

fn last_line(output: &[u8]) -> String {
    let text = String::from_utf8_lossy(output);
    let line = text
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("");
    head_text(line.as_bytes(), 200)
}

#[cfg(unix)]
fn describe(status: &std::process::ExitStatus) -> String {
    use std::os::unix::process::ExitStatusExt;
    match (status.code(), status.signal()) {
        (Some(code), _) => format!("exited with code {code}"),
        (None, Some(signal)) => format!("was killed by signal {signal}"),
        (None, None) => format!("ended with {status}"),
    }
}

#[cfg(not(unix))]
fn describe(status: &std::process::ExitStatus) -> String {
    match status.code() {
        Some(code) => format!("exited with code {code}"),
        None => format!("ended with {status}"),
    }
}

/// Kills the command's process group, so a wrapper script's children die with it.
#[cfg(unix)]
fn kill_group(pid: Option<u32>) {
    if let Some(pgid) = pid.and_then(|p| libc::pid_t::try_from(p).ok()) {
        // SAFETY: kill(2) takes plain integers; a negative pid names the process group we
        // created for this command with process_group(0). A group that is already gone
        // only yields ESRCH.
        unsafe {
            libc::kill(-pgid, libc::SIGKILL);
        }
    }
}

#[cfg(not(unix))]
fn kill_group(_: Option<u32>) {}

/// The variables a command receives, in the order the README lists them.
pub fn variables(out: &Outbound<'_>) -> Vec<(&'static str, String)> {
    let d = out.decision;
    let ticket = match &d.action {
        Action::FollowUp { ticket } => ticket.to_string(),
        Action::NewTicket | Action::Ignore { .. } => String::new(),
    };
    let value = |v: &str| {
        let mut v = squash(v);
        if v.len() > MAX_VAR_LEN {
            let mut end = MAX_VAR_LEN;
            while !v.is_char_boundary(end) {
                end -= 1;
            }
            v.truncate(end);
        }
        v
    };
    let opt = |v: Option<&str>| value(v.unwrap_or(""));
    vec![
        ("MAILCONN_MESSAGE_ID", value(&out.key.immutable_id)),
        (
            "MAILCONN_INTERNET_MESSAGE_ID",
            opt(out
                .meta
                .internet_message_id
                .as_deref()
                .or(out.message.internet_message_id.as_deref())),
        ),
        ("MAILCONN_MAILBOX", value(&out.key.mailbox)),
        ("MAILCONN_FOLDER", value(&out.meta.folder)),
        ("MAILCONN_PROFILE", opt(out.meta.profile.as_deref())),
        (
            "MAILCONN_FROM",
            opt(out.message.from.as_ref().map(|a| a.email.as_str())),
        ),
        ("MAILCONN_SUBJECT", value(&out.message.subject)),
        (
            "MAILCONN_RECEIVED",
            out.meta
                .received_at
                .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
                .unwrap_or_default(),
        ),
        ("MAILCONN_DECISION", d.action.name().to_owned()),
        ("MAILCONN_TICKET", ticket),
        ("MAILCONN_QUEUE", opt(d.routing.queue.as_deref())),
        ("MAILCONN_PRIORITY", opt(d.routing.priority.as_deref())),
        ("MAILCONN_TAGS", value(&d.routing.tags.join(","))),
        ("MAILCONN_RULE", value(&d.rule)),
    ]
}
