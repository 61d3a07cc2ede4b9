//! Imports run as child processes of this same binary (`mailconn … import --wait`): one
//! pipeline and one processing log for cron and the receiver, the per-folder lock shared with
//! cron runs, and a crash inside an import cannot take the receiver down.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::Value;

use super::scheduler::{Runner, Target};

/// How to start an import.
#[derive(Debug, Clone)]
pub struct ImportCommand {
    pub program: PathBuf,
    /// Global flags passed on (`--config FILE`, `-p PROFILE`).
    pub global: Vec<String>,
    /// `--backlog all|none` for a folder's first import, if chosen.
    pub backlog: Option<String>,
    /// An import running longer is killed (and runs again on the next notification).
    pub timeout: Duration,
}

/// How an import ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ended {
    Exit(i32),
    Killed,
    NotStarted(String),
}

impl ImportCommand {
    pub fn args(&self, target: &Target) -> Vec<String> {
        let mut args = self.global.clone();
        args.extend(
            [
                "--no-input",
                "--json",
                "import",
                "--wait",
                "--mailbox",
                &target.mailbox,
                "--folder",
                &target.folder,
            ]
            .map(str::to_owned),
        );
        if let Some(backlog) = &self.backlog {
            args.extend(["--backlog".to_owned(), backlog.clone()]);
        }
        args
    }

    /// Runs one import to its end (blocking); returns how it ended and its last JSON line
    /// (the `finished` summary).
    pub fn run_blocking(&self, target: &Target) -> (Ended, Option<Value>) {
        let child = Command::new(&self.program)
            .args(self.args(target))
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn();
        let mut child = match child {
            Ok(child) => child,
            Err(e) => return (Ended::NotStarted(e.to_string()), None),
        };
        let stdout = child.stdout.take().expect("piped stdout");
        let reader = std::thread::spawn(move || {
            let mut last = None;
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Ok(value) = serde_json::from_str::<Value>(&line) {
                    last = Some(value);
                }
            }
            last
        });
        let started = Instant::now();
        let ended = loop {
            match child.try_wait() {
                Ok(Some(status)) => break Ended::Exit(status.code().unwrap_or(-1)),
                Ok(None) if started.elapsed() > self.timeout => {
                    let _ = child.kill();
                    let _ = child.wait();
                    break Ended::Killed;
                }
                Ok(None) => std::thread::sleep(Duration::from_millis(50)),
                Err(e) => break Ended::NotStarted(e.to_string()),
            }
        };
        let summary = reader.join().ok().flatten();
        (ended, summary)
    }

    /// A scheduler runner that runs the import off the async runtime and logs the outcome.
    pub fn runner(self) -> Runner {
        let command = Arc::new(self);
        Arc::new(move |target: Target| {
            let command = command.clone();
            Box::pin(async move {
                tracing::info!(mailbox = %target.mailbox, folder = %target.folder, "import starting");
                let started = Instant::now();
                let t = target.clone();
                let c = command.clone();
                let outcome = tokio::task::spawn_blocking(move || c.run_blocking(&t)).await;
                let (ended, summary) = match outcome {
                    Ok(outcome) => outcome,
                    Err(e) => (Ended::NotStarted(e.to_string()), None),
                };
                log_outcome(&target, &ended, summary.as_ref(), started.elapsed());
            })
        })
    }
}

fn log_outcome(target: &Target, ended: &Ended, summary: Option<&Value>, took: Duration) {
    let summary = summary
        .filter(|v| v["event"] == "finished")
        .map(|v| v.to_string())
        .unwrap_or_default();
    let ms = took.as_millis() as u64;
    let (mailbox, folder) = (&target.mailbox, &target.folder);
    match ended {
        Ended::Exit(0) => {
            tracing::info!(mailbox, folder, ms, summary, "import finished")
        }
        Ended::Exit(3) => {
            tracing::warn!(
                mailbox,
                folder,
                ms,
                summary,
                "import finished with failures (partial); see `mailconn log list`"
            )
        }
        Ended::Exit(2) => tracing::error!(
            mailbox,
            folder,
            ms,
            "import refused (exit 2): a folder's first import needs a backlog choice (run `mailconn import --backlog all|none` once, or start the receiver with --backlog), or the import command is not available in this build"
        ),
        Ended::Exit(code) => {
            tracing::error!(mailbox, folder, ms, code, summary, "import failed")
        }
        Ended::Killed => {
            tracing::error!(mailbox, folder, ms, "import took too long and was stopped")
        }
        Ended::NotStarted(why) => {
            tracing::error!(mailbox, folder, error = %why, "cannot start the import")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_child_gets_the_global_flags_and_the_folder() {
        let command = ImportCommand {
            program: "mailconn".into(),
            global: vec![
                "--config".into(),
                "/c.toml".into(),
                "-p".into(),
                "desk".into(),
            ],
            backlog: Some("none".into()),
            timeout: Duration::from_secs(1),
        };
        let target = Target {
            mailbox: "support@contoso.test".into(),
            folder: "Inbox/Support".into(),
        };
        assert_eq!(
            command.args(&target).join(" "),
            "--config /c.toml -p desk --no-input --json import --wait --mailbox support@contoso.test --folder Inbox/Support --backlog none"
        );
    }
}
