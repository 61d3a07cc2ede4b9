//! Driving `mailconn import` as a user (or cron) does, and reading back what a user sees:
//! the JSON event lines of a run, `tickets list`, `log list`, and the mailbox through the
//! emulator's admin API.

use std::collections::BTreeMap;
use std::process::{Child, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use super::app_profile::AppProfile;
use super::{stderr, stdout};

pub const MAILBOX: &str = "support@contoso.test";
pub const FOLDER: &str = "Inbox/Support";

/// One finished `mailconn --json import …`.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub events: Vec<Value>,
    pub stderr: String,
}

impl Run {
    pub fn from_output(output: &Output) -> Run {
        let text = stdout(output);
        let events = text
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| {
                serde_json::from_str(l).unwrap_or_else(|e| {
                    panic!(
                        "an event line is not JSON ({e}): {l:?}\nstderr: {}",
                        stderr(output)
                    )
                })
            })
            .collect();
        Run {
            // A signal (kill -9) has no code; -1 is none of mailconn's.
            code: output.status.code().unwrap_or(-1),
            events,
            stderr: stderr(output),
        }
    }

    pub fn of(&self, kind: &str) -> Vec<&Value> {
        self.events.iter().filter(|e| e["event"] == kind).collect()
    }

    /// The `finished` event's summary.
    pub fn finished(&self) -> &Value {
        let finished = self.of("finished");
        assert_eq!(finished.len(), 1, "one finished event: {self:#?}");
        finished[0]
    }

    pub fn count(&self, key: &str) -> u64 {
        self.finished()[key]
            .as_u64()
            .unwrap_or_else(|| panic!("finished.{key}: {self:#?}"))
    }

    /// Message events with this outcome.
    pub fn messages(&self, outcome: &str) -> Vec<&Value> {
        self.of("message")
            .into_iter()
            .filter(|m| m["outcome"] == outcome)
            .collect()
    }

    #[track_caller]
    pub fn expect(&self, code: i32) -> &Run {
        assert_eq!(self.code, code, "exit code; the run: {self:#?}");
        self
    }
}

/// `mailconn --json import ARGS`.
pub fn import(app: &AppProfile, args: &[&str]) -> Run {
    let output = app
        .cmd()
        .args(["--json", "import"])
        .args(args)
        .output()
        .unwrap();
    Run::from_output(&output)
}

/// The same, without `--json` (what cron mails to the admin).
pub fn import_plain(app: &AppProfile, args: &[&str]) -> Output {
    app.cmd().arg("import").args(args).output().unwrap()
}

/// `mailconn --json import ARGS` started in the background (stdout/stderr piped).
pub fn spawn_import(app: &AppProfile, args: &[&str]) -> Child {
    let mut cmd = app.sb.std_cmd();
    cmd.env("AZURE_CLIENT_SECRET", app.emu.demo_value("client_secret"))
        .args(["--json", "import"])
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn mailconn import")
}

/// A small text message in the monitored folder; the subject must be unique per test (the
/// Message-ID is made from it).
pub fn deliver(app: &AppProfile, subject: &str) -> Value {
    app.emu.deliver(MAILBOX, FOLDER, subject, json!({}))
}

pub fn deliver_mime(app: &AppProfile, mime: &str) -> Value {
    deliver_body(app, json!({"folder": FOLDER, "mime": mime}))
}

pub fn deliver_body(app: &AppProfile, body: Value) -> Value {
    let response = app
        .emu
        .admin_post(&format!("/mailboxes/{MAILBOX}/messages"), body);
    assert_eq!(response.status(), 201, "delivery failed");
    response.json().unwrap()
}

/// `tickets list --json` (all of them).
pub fn tickets(app: &AppProfile) -> Vec<Value> {
    list(app, &["tickets", "list", "--limit", "100000"])
}

/// `log list --json` (all entries).
pub fn log(app: &AppProfile) -> Vec<Value> {
    list(app, &["log", "list", "--limit", "100000"])
}

fn list(app: &AppProfile, args: &[&str]) -> Vec<Value> {
    let out = app.cmd().arg("--json").args(args).output().unwrap();
    if !out.status.success() && stderr(&out).contains("there is no processing log") {
        return Vec::new();
    }
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    let value: Value = serde_json::from_str(&stdout(&out)).unwrap();
    value.as_array().unwrap().clone()
}

/// The mailbox's messages in `folder` (the admin API's folder path), by subject.
pub fn in_folder(app: &AppProfile, folder: &str) -> Vec<Value> {
    app.messages(MAILBOX)
        .into_iter()
        .filter(|m| m["folder"].as_str().unwrap_or_default() == folder)
        .collect()
}

/// Where each message of the mailbox is, by subject.
pub fn folders_by_subject(app: &AppProfile) -> BTreeMap<String, String> {
    app.messages(MAILBOX)
        .into_iter()
        .map(|m| {
            (
                m["subject"].as_str().unwrap_or_default().to_owned(),
                m["folder"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

/// The contract of issue 6: every delivered message is in the processing log exactly once,
/// and each imported one made exactly one ticket of its own (a new ticket per message here:
/// the test mail has distinct subjects and no thread headers).
#[track_caller]
pub fn assert_each_imported_once(app: &AppProfile, subjects: &[String]) {
    let log = log(app);
    let tickets = tickets(app);
    let mut entries: BTreeMap<&str, Vec<&Value>> = BTreeMap::new();
    for e in &log {
        entries
            .entry(e["subject"].as_str().unwrap_or_default())
            .or_default()
            .push(e);
    }
    let mut by_subject: BTreeMap<&str, Vec<&Value>> = BTreeMap::new();
    for t in &tickets {
        by_subject
            .entry(t["subject"].as_str().unwrap_or_default())
            .or_default()
            .push(t);
    }
    for subject in subjects {
        let rows = entries.get(subject.as_str()).cloned().unwrap_or_default();
        assert_eq!(
            rows.len(),
            1,
            "log entries for {subject:?}: {rows:#?}\nwhole log: {log:#?}"
        );
        assert_eq!(rows[0]["status"], "imported", "{subject:?}: {:#?}", rows[0]);
        let made = by_subject
            .get(subject.as_str())
            .cloned()
            .unwrap_or_default();
        assert_eq!(made.len(), 1, "tickets for {subject:?}: {made:#?}");
        assert_eq!(made[0]["message_count"], 1, "{subject:?}: {:#?}", made[0]);
        assert_eq!(made[0]["id"], rows[0]["ticket_id"], "{subject:?}");
    }
    assert_eq!(
        tickets.len(),
        subjects.len(),
        "no other tickets: {tickets:#?}"
    );
    assert_eq!(log.len(), subjects.len(), "no other log entries: {log:#?}");
}

/// Polls `what` until it is true or `within` has passed (for waits that are inherent, such
/// as another process reaching a point; never to paper over a race).
#[track_caller]
pub fn wait_until(within: Duration, mut what: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + within;
    while Instant::now() < deadline {
        if what() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    what()
}

/// Whether the emulator journalled a request whose path ends with `suffix`.
pub fn journalled(app: &AppProfile, method: &str, contains: &str) -> bool {
    app.emu
        .journal()
        .iter()
        .any(|e| e["method"] == method && e["path"].as_str().unwrap_or_default().contains(contains))
}

/// A fault rule of another kind (`reset`, `expired_token`, `malformed`, `delay`).
pub fn fault(method: &str, path: &str, skip: u32, times: u32, fault: Value) -> Value {
    json!({"method": method, "path": path, "skip": skip, "times": times, "fault": fault})
}

/// Ids of messages as delivered: (subject, immutable id).
pub fn subjects(prefix: &str, n: usize) -> Vec<String> {
    (1..=n).map(|i| format!("{prefix} {i:03}")).collect()
}

/// A run in the background whose JSON events are read as they come.
pub struct Live {
    pub child: Child,
    lines: std::sync::mpsc::Receiver<String>,
    /// The events read so far.
    pub seen: Vec<Value>,
}

pub enum Next {
    Event(Value),
    /// Nothing within the time asked.
    Quiet,
    /// stdout closed: the run ended.
    Ended,
}

impl Live {
    pub fn spawn(app: &AppProfile, args: &[&str]) -> Live {
        let mut child = spawn_import(app, args);
        let stdout = child.stdout.take().unwrap();
        let (send, lines) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            use std::io::BufRead;
            for line in std::io::BufReader::new(stdout)
                .lines()
                .map_while(Result::ok)
            {
                if send.send(line).is_err() {
                    break;
                }
            }
        });
        Live {
            child,
            lines,
            seen: Vec::new(),
        }
    }

    pub fn next(&mut self, within: Duration) -> Next {
        use std::sync::mpsc::RecvTimeoutError;
        match self.lines.recv_timeout(within) {
            Ok(line) => {
                let event: Value = serde_json::from_str(&line)
                    .unwrap_or_else(|e| panic!("an event line is not JSON ({e}): {line:?}"));
                self.seen.push(event.clone());
                Next::Event(event)
            }
            Err(RecvTimeoutError::Timeout) => Next::Quiet,
            Err(RecvTimeoutError::Disconnected) => Next::Ended,
        }
    }

    /// Reads events until one satisfies `what`; false if the run ended first or `within`
    /// passed.
    pub fn until(&mut self, within: Duration, mut what: impl FnMut(&Value) -> bool) -> bool {
        let deadline = Instant::now() + within;
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.next(left) {
                Next::Event(e) if what(&e) => return true,
                Next::Event(_) => {}
                Next::Quiet | Next::Ended => return false,
            }
        }
        false
    }

    /// Waits for the end; the events are all of the run's.
    pub fn finish(self) -> Run {
        let Live {
            child,
            lines,
            mut seen,
        } = self;
        let output = child.wait_with_output().unwrap();
        // The reader ends with stdout, which the run closed on exit.
        for line in lines.iter() {
            seen.push(
                serde_json::from_str(&line)
                    .unwrap_or_else(|e| panic!("an event line is not JSON ({e}): {line:?}")),
            );
        }
        Run {
            code: output.status.code().unwrap_or(-1),
            events: seen,
            stderr: stderr(&output),
        }
    }
}

/// Purges a message through another app (its own throttle slots), as a user emptying the
/// dumpster would while an import runs.
pub fn purge_elsewhere(app: &AppProfile, id: &str) {
    let token = app
        .emu
        .app_token_for(app.emu.demo_value("scoped_client_id"));
    let purge = app
        .emu
        .http
        .post(format!(
            "{}/users/{MAILBOX}/messages/{id}/permanentDelete",
            app.emu.graph(),
        ))
        .bearer_auth(token)
        .send()
        .unwrap();
    assert_eq!(purge.status(), 204);
}
