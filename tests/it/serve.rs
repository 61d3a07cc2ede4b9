//! `mailconn serve` as a process against the emulator: profiles imported on their schedules
//! and on the emulator's real change notifications (HTTPS, a certificate made here and
//! trusted by the emulator), `/healthz`, `/metrics` as Prometheus text, and SIGTERM in the
//! middle of a run. The receiver's clientStates live in the real keyring (run under
//! `.ci/with-keyring`).

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::common::cert::Cert;
use crate::common::emulator::Emulator;
use crate::common::postgres::{Cluster, new_database, password, write_pgpass};
use crate::common::{self, Sandbox, keyring, stderr, stdout};

const APP: &str = "6e1d2f3a-4b5c-4d6e-9f70-8b9c0d1e2f3a";
const SECRET: &str = "serve-secret-of-the-app";
const FOLDER: &str = "Inbox/Support";

const TENANT: &str = r#"
tenant_id = "5d0c1e2f-3a4b-4c5d-8e6f-7a8b9c0d1e2f"
domain = "fabrikam.test"
[[apps]]
client_id = "6e1d2f3a-4b5c-4d6e-9f70-8b9c0d1e2f3a"
name = "help desk"
secrets = [{ value = "serve-secret-of-the-app" }]
roles = ["Mail.ReadWrite", "User.Read.All"]
[[users]]
upn = "support@fabrikam.test"
kind = "shared"
folders = ["Inbox/Support"]
[[users]]
upn = "it@fabrikam.test"
kind = "shared"
folders = ["Inbox/Support"]
"#;

/// An emulator that trusts the worker's certificate, and a sandbox whose profiles (one per
/// `(suffix, mailbox, extra [import] lines)`) point at it.
struct Setup {
    emu: Emulator,
    sb: Sandbox,
    cert: Cert,
    prefix: String,
}

impl Setup {
    fn new(emulator_args: &[&str], profiles: &[(&str, &str, &str)]) -> Setup {
        let cert = Cert::new();
        let trust = cert.cert();
        let mut args = vec!["--trust", trust.to_str().unwrap()];
        args.extend_from_slice(emulator_args);
        let emu = Emulator::with_tenant_args(TENANT, &args);
        let sb = Sandbox::new();
        let prefix = common::unique_name("serve");
        let mut config = String::new();
        for (suffix, mailbox, import) in profiles {
            config.push_str(&format!(
                "[profiles.{prefix}-{suffix}]\nauthority_host = \"{}\"\ngraph_endpoint = \"{}\"\n\
                 tenant = \"fabrikam.test\"\nclient_id = \"{APP}\"\nmailbox = \"{mailbox}\"\n\
                 folder = \"{FOLDER}\"\n[profiles.{prefix}-{suffix}.import]\n{import}\n",
                emu.base(),
                emu.graph()
            ));
        }
        sb.write_config(&config);
        Setup {
            emu,
            sb,
            cert,
            prefix,
        }
    }

    /// Profiles a (support@) and b (it@) on a new database of the test server with
    /// `import` settings, and a second host: a sandbox of its own with the same config and
    /// password file.
    fn on_one_store(profiles: &[&str], import: &str) -> (Setup, Sandbox) {
        let import = format!("store_url = \"{}\"\n{import}", new_database());
        let mailboxes = [("a", "support@fabrikam.test"), ("b", "it@fabrikam.test")];
        let chosen: Vec<(&str, &str, &str)> = mailboxes
            .iter()
            .filter(|(suffix, _)| profiles.contains(suffix))
            .map(|&(suffix, mailbox)| (suffix, mailbox, import.as_str()))
            .collect();
        let setup = Setup::new(&[], &chosen);
        let other_host = Sandbox::new();
        other_host.write_config(&setup.sb.read_config());
        for sb in [&setup.sb, &other_host] {
            write_pgpass(&sb.path().join("home/.pgpass"), &password());
        }
        (setup, other_host)
    }

    fn profile(&self, suffix: &str) -> String {
        format!("{}-{suffix}", self.prefix)
    }

    fn cmd(&self) -> assert_cmd::Command {
        self.cmd_on(&self.sb)
    }

    /// A command on the host whose state is in `sb`.
    fn cmd_on(&self, sb: &Sandbox) -> assert_cmd::Command {
        let mut cmd = sb.cmd();
        cmd.env("AZURE_CLIENT_SECRET", SECRET)
            .env("DBUS_SESSION_BUS_ADDRESS", keyring::session_bus());
        cmd
    }

    /// `mailconn --json serve --profiles PREFIX-* …` over HTTPS on a free port.
    fn serve(&self, extra: &[&str]) -> Worker {
        self.serve_on(&self.sb, extra)
    }

    /// The same on the host whose state is in `sb`.
    fn serve_on(&self, sb: &Sandbox, extra: &[&str]) -> Worker {
        self.serve_profiles_on(sb, "*", extra)
    }

    /// A worker on `sb` serving the profiles `PREFIX-{pattern}`.
    fn serve_profiles_on(&self, sb: &Sandbox, pattern: &str, extra: &[&str]) -> Worker {
        let log = sb.path().join(format!(
            "serve-{}.log",
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos()
        ));
        let mut cmd = sb.std_cmd();
        cmd.env("AZURE_CLIENT_SECRET", SECRET)
            .env("DBUS_SESSION_BUS_ADDRESS", keyring::session_bus())
            .env("MAILCONN_LOG", "mailconn=info,warn")
            .args(["--json", "serve", "--listen", "127.0.0.1:0", "--profiles"])
            .arg(format!("{}-{pattern}", self.prefix))
            .arg("--tls-cert")
            .arg(self.cert.cert())
            .arg("--tls-key")
            .arg(self.cert.key())
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(std::fs::File::create(&log).unwrap());
        let mut child = cmd.spawn().unwrap();
        let (lines, inbox) = mpsc::channel();
        let out = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                if lines.send(line).is_err() {
                    break;
                }
            }
        });
        let mut worker = Worker {
            child,
            inbox,
            seen: Vec::new(),
            log,
            url: String::new(),
            http: self.cert.client(),
        };
        let ready = worker.wait_for("the ready line", |e| e["event"] == "ready");
        worker.url = ready["url"].as_str().unwrap().to_owned();
        worker
    }

    /// `subscription create` of a profile against the worker; what it printed.
    fn subscribe(&self, suffix: &str, worker: &Worker) -> Value {
        let out = self
            .cmd()
            .args([
                "--json",
                "-p",
                &self.profile(suffix),
                "subscription",
                "create",
            ])
            .args(["--notification-url", &format!("{}/notify", worker.url)])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        serde_json::from_str(&stdout(&out)).unwrap()
    }

    /// Delivers a message to `mailbox` and waits until `worker` reports it imported.
    fn deliver_to(&self, worker: &mut Worker, mailbox: &str, subject: &str) {
        self.emu.deliver(mailbox, FOLDER, subject, json!({}));
        worker.wait_for(subject, |e| {
            e["event"] == "message" && e["outcome"] == "imported" && e["subject"] == subject
        });
    }

    fn cancel_subscriptions(&self, suffix: &str) {
        self.cmd()
            .args([
                "-p",
                &self.profile(suffix),
                "subscription",
                "cancel",
                "--all",
            ])
            .output()
            .unwrap();
    }

    fn tickets(&self, suffix: &str) -> Vec<Value> {
        let profile = self.profile(suffix);
        self.json_list_on(
            &self.sb,
            &["-p", &profile, "tickets", "list", "--limit", "100000"],
        )
    }

    /// The JSON array `mailconn --json ARGS` prints on the host whose state is in `sb`.
    fn json_list_on(&self, sb: &Sandbox, args: &[&str]) -> Vec<Value> {
        let out = self.cmd_on(sb).arg("--json").args(args).output().unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        serde_json::from_str::<Value>(&stdout(&out))
            .unwrap()
            .as_array()
            .unwrap()
            .clone()
    }
}

struct Worker {
    child: Child,
    inbox: mpsc::Receiver<String>,
    /// Every JSON line so far.
    seen: Vec<Value>,
    log: PathBuf,
    url: String,
    http: reqwest::blocking::Client,
}

impl Worker {
    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// The first event so far (or to come within 30 s) that `wanted` accepts.
    fn wait_for(&mut self, what: &str, wanted: impl Fn(&Value) -> bool) -> Value {
        self.wait_until(what, |seen| seen.iter().find(|e| wanted(e)).cloned())
    }

    /// What `done` finds in the events so far, once it finds something (within 30 s).
    fn wait_until<T>(&mut self, what: &str, done: impl Fn(&[Value]) -> Option<T>) -> T {
        if let Some(found) = done(&self.seen) {
            return found;
        }
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.inbox.recv_timeout(left) {
                Ok(line) => {
                    let event: Value = serde_json::from_str(&line)
                        .unwrap_or_else(|_| panic!("not JSON on stdout: {line:?}"));
                    self.seen.push(event);
                    if let Some(found) = done(&self.seen) {
                        return found;
                    }
                }
                Err(_) => panic!(
                    "no {what} within 30 s; stdout so far: {:#?}\nlog:\n{}",
                    self.seen,
                    self.log()
                ),
            }
        }
    }

    /// Reads stdout to its end (the worker has exited).
    fn drain(&mut self) {
        while let Ok(line) = self.inbox.recv_timeout(Duration::from_secs(10)) {
            self.seen.push(serde_json::from_str(&line).unwrap());
        }
    }

    fn imported(&self, profile: &str) -> Vec<String> {
        self.seen
            .iter()
            .filter(|e| {
                e["profile"] == profile && e["event"] == "message" && e["outcome"] == "imported"
            })
            .map(|e| e["subject"].as_str().unwrap().to_owned())
            .collect()
    }

    fn get(&self, path: &str) -> reqwest::blocking::Response {
        self.http.get(format!("{}{path}", self.url)).send().unwrap()
    }

    fn terminate(&mut self) -> std::process::ExitStatus {
        common::signal(self.child.id(), "TERM");
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(
                Instant::now() < deadline,
                "still running 60 s after SIGTERM; log:\n{}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Worker {
    /// The profiles `/metrics` says are dealt to this worker.
    fn dealt(&self) -> Vec<String> {
        let samples = parse_prometheus(&self.get("/metrics").text().unwrap());
        samples
            .iter()
            .filter(|((name, _), value)| name == "mailconn_mailbox_dealt" && **value == 1.0)
            .map(|((_, labels), _)| labels["profile"].clone())
            .collect()
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A sample of a Prometheus text page: name and labels.
type Sample = (String, BTreeMap<String, String>);

/// Parses the text exposition format 0.0.4 strictly enough to catch what a scraper refuses:
/// every sample's family has a `# TYPE` (and `# HELP`) line before it, counters end in
/// `_total`, label values are quoted with their escapes, values are numbers.
fn parse_prometheus(page: &str) -> BTreeMap<Sample, f64> {
    assert!(page.ends_with('\n'), "the page ends with a newline");
    let mut types: BTreeMap<String, String> = BTreeMap::new();
    let mut helped = Vec::new();
    let mut samples = BTreeMap::new();
    for line in page.lines() {
        if let Some(rest) = line.strip_prefix("# HELP ") {
            helped.push(rest.split(' ').next().unwrap().to_owned());
            continue;
        }
        if let Some(rest) = line.strip_prefix("# TYPE ") {
            let (name, kind) = rest.split_once(' ').unwrap();
            assert!(
                ["counter", "gauge", "histogram", "summary", "untyped"].contains(&kind),
                "{line}"
            );
            assert!(
                helped.contains(&name.to_owned()),
                "HELP before TYPE: {line}"
            );
            if kind == "counter" {
                assert!(name.ends_with("_total"), "a counter ends in _total: {line}");
            }
            assert!(types.insert(name.to_owned(), kind.to_owned()).is_none());
            continue;
        }
        assert!(!line.starts_with('#') && !line.is_empty(), "{line:?}");
        let name_end = line.find(['{', ' ']).unwrap();
        let name = &line[..name_end];
        assert!(
            name.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':'),
            "{line}"
        );
        let family = ["_bucket", "_sum", "_count"]
            .iter()
            .find_map(|s| {
                name.strip_suffix(s)
                    .filter(|f| types.get(*f).is_some_and(|k| k == "histogram"))
            })
            .unwrap_or(name);
        assert!(types.contains_key(family), "no TYPE before {line}");
        let mut labels = BTreeMap::new();
        let mut rest = &line[name_end..];
        if let Some(inner) = rest.strip_prefix('{') {
            let mut chars = inner.char_indices();
            let mut key = String::new();
            loop {
                let (i, c) = chars.next().expect("labels end with }");
                match c {
                    '}' => {
                        rest = &inner[i + 1..];
                        break;
                    }
                    ',' => {}
                    '=' => {
                        assert_eq!(chars.next().map(|(_, c)| c), Some('"'), "{line}");
                        let mut value = String::new();
                        loop {
                            match chars.next().expect("a closed label value").1 {
                                '"' => break,
                                '\\' => match chars.next().unwrap().1 {
                                    'n' => value.push('\n'),
                                    c @ ('\\' | '"') => value.push(c),
                                    c => panic!("bad escape \\{c} in {line}"),
                                },
                                c => value.push(c),
                            }
                        }
                        labels.insert(std::mem::take(&mut key), value);
                    }
                    c => key.push(c),
                }
            }
        }
        let value = rest.trim();
        let value: f64 = match value {
            "+Inf" => f64::INFINITY,
            v => v
                .parse()
                .unwrap_or_else(|_| panic!("not a number in {line}")),
        };
        assert!(
            samples.insert((name.to_owned(), labels), value).is_none(),
            "a sample twice: {line}"
        );
    }
    samples
}

fn sample(
    samples: &BTreeMap<Sample, f64>,
    name: &str,
    profile: &str,
    mailbox: &str,
) -> Option<f64> {
    let labels = BTreeMap::from([
        ("profile".to_owned(), profile.to_owned()),
        ("mailbox".to_owned(), mailbox.to_owned()),
    ]);
    samples.get(&(name.to_owned(), labels)).copied()
}

#[test]
fn serve_imports_each_profile_on_its_schedule_and_on_notifications() {
    // a: only notifications would bring its mail soon (its schedule is an hour);
    // b: no subscription, a schedule of a second.
    let setup = Setup::new(
        &[],
        &[
            ("a", "support@fabrikam.test", "poll_interval = \"1h\""),
            ("b", "it@fabrikam.test", "poll_interval = \"1s\""),
        ],
    );
    for n in 0..2 {
        for mailbox in ["support@fabrikam.test", "it@fabrikam.test"] {
            setup
                .emu
                .deliver(mailbox, FOLDER, &format!("{mailbox} {n}"), json!({}));
        }
    }
    let (a, b) = (setup.profile("a"), setup.profile("b"));
    let mut worker = setup.serve(&["--backlog", "all"]);
    // Both profiles' first runs happen at start.
    for profile in [&a, &b] {
        let finished = worker.wait_for("a first run", |e| {
            e["profile"] == profile.as_str() && e["event"] == "finished"
        });
        assert_eq!(finished["imported"], 2, "{finished:#}");
    }

    // A notification brings a's new mail long before its hour is up.
    let created = setup.subscribe("a", &worker);
    assert_eq!(created["client_state_store"], "keyring", "{created:#}");
    let delivered = Instant::now();
    setup.emu.deliver(
        "support@fabrikam.test",
        FOLDER,
        "Printer on fire",
        json!({}),
    );
    worker.wait_for("the notified import", |e| {
        e["profile"] == a.as_str() && e["event"] == "message" && e["subject"] == "Printer on fire"
    });
    assert!(delivered.elapsed() < Duration::from_secs(30));
    assert!(worker.log().contains("notification"), "{}", worker.log());
    // b's schedule brings its mail without any notification.
    setup
        .emu
        .deliver("it@fabrikam.test", FOLDER, "Screen is blank", json!({}));
    worker.wait_for("the scheduled import", |e| {
        e["profile"] == b.as_str() && e["event"] == "message" && e["subject"] == "Screen is blank"
    });

    let health = worker.get("/healthz");
    assert_eq!(health.status(), 200);
    let health: Value = health.json().unwrap();
    assert_eq!(health["status"], "ok", "{health:#}");
    assert_eq!(health["mailboxes"], 2, "{health:#}");
    assert_eq!(health["subscriptions"], 1, "{health:#}");

    let metrics = worker.get("/metrics");
    assert_eq!(metrics.status(), 200);
    assert!(
        metrics.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/plain; version=0.0.4"),
    );
    let samples = parse_prometheus(&metrics.text().unwrap());
    let imported = |profile: &str, mailbox: &str| {
        sample(
            &samples,
            "mailconn_messages_imported_total",
            profile,
            mailbox,
        )
    };
    assert_eq!(imported(&a, "support@fabrikam.test"), Some(3.0));
    assert_eq!(imported(&b, "it@fabrikam.test"), Some(3.0));
    assert_eq!(
        sample(
            &samples,
            "mailconn_messages_failed_total",
            &a,
            "support@fabrikam.test"
        ),
        Some(0.0)
    );
    assert!(
        sample(
            &samples,
            "mailconn_notifications_total",
            &a,
            "support@fabrikam.test"
        )
        .is_some_and(|n| n >= 1.0)
    );
    assert!(
        sample(
            &samples,
            "mailconn_graph_requests_total",
            &b,
            "it@fabrikam.test"
        )
        .is_some_and(|n| n > 0.0)
    );
    let arrivals = samples
        .get(&(
            "mailconn_arrival_to_ticket_seconds_count".to_owned(),
            BTreeMap::new(),
        ))
        .copied();
    // Timed from arrival: the two messages that came while the worker ran, not the backlog.
    assert_eq!(arrivals, Some(2.0));

    // Each message became one ticket (both profiles use the host's one store); the
    // clientState appears nowhere the worker writes.
    assert_eq!(setup.tickets("a").len(), 6);
    assert_eq!(worker.terminate().code(), Some(0), "{}", worker.log());
    let client_states: Vec<String> =
        std::fs::read_to_string(setup.sb.path().join("state/mailconn/subscriptions.toml"))
            .unwrap()
            .lines()
            .filter_map(|l| l.strip_prefix("id = \""))
            .filter_map(|id| {
                keyring::lookup(&format!("{a}/client-state/{}", id.trim_end_matches('"')))
            })
            .collect();
    assert_eq!(client_states.len(), 1);
    let everything = format!("{}{:?}", worker.log(), worker.seen);
    assert!(!everything.contains(&client_states[0]));
    setup.cancel_subscriptions("a");
}

#[test]
fn sigterm_mid_run_exits_0_and_the_next_run_takes_the_rest_once() {
    const MESSAGES: usize = 300;
    let setup = Setup::new(
        &["--latency", "20ms"],
        &[("a", "support@fabrikam.test", "post_action = \"mark-read\"")],
    );
    for n in 0..MESSAGES {
        setup.emu.deliver(
            "support@fabrikam.test",
            FOLDER,
            &format!("message {n}"),
            json!({}),
        );
    }
    let a = setup.profile("a");
    let mut worker = setup.serve(&["--backlog", "all"]);
    worker.wait_for("the first imported message", |e| {
        e["event"] == "message" && e["outcome"] == "imported"
    });
    let status = worker.terminate();
    assert_eq!(status.code(), Some(0), "{}", worker.log());
    worker.drain();
    let finished = worker.wait_for("the run's end", |e| e["event"] == "finished");
    assert_eq!(finished["interrupted"], true, "{finished:#}");
    let first = worker.imported(&a);
    assert!(first.len() < MESSAGES, "the signal came mid-run");
    // Every message imported so far had its post-action done.
    assert_eq!(finished["post_actions_done"], first.len(), "{finished:#}");

    // The next run imports exactly the rest.
    let out = setup
        .cmd()
        .args(["--json", "-p", &a, "import"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let last: Value = serde_json::from_str(stdout(&out).lines().last().unwrap()).unwrap();
    assert_eq!(last["event"], "finished");
    assert_eq!(last["imported"], MESSAGES - first.len(), "{last:#}");
    let tickets = setup.tickets("a");
    assert_eq!(tickets.len(), MESSAGES);
    let mut subjects: Vec<&str> = tickets
        .iter()
        .map(|t| t["subject"].as_str().unwrap())
        .collect();
    subjects.sort();
    subjects.dedup();
    assert_eq!(subjects.len(), MESSAGES, "one ticket per message");
}

#[test]
fn serve_refuses_what_it_cannot_serve() {
    let setup = Setup::new(
        &[],
        &[
            ("a", "support@fabrikam.test", ""),
            ("zero", "it@fabrikam.test", "poll_interval = \"0s\""),
        ],
    );
    let run = |args: &[&str]| setup.cmd().args(args).output().unwrap();

    let out = run(&["serve"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("--all, or --profiles PATTERN"),
        "{}",
        stderr(&out)
    );

    let out = run(&["serve", "--profiles", "nothing-matches-*"]);
    assert_eq!(out.status.code(), Some(78), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("no profile matches nothing-matches-*"),
        "{}",
        stderr(&out)
    );

    let out = run(&["-p", &setup.profile("a"), "serve", "--all"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));

    let out = run(&[
        "serve",
        "--profiles",
        &setup.profile("zero"),
        "--listen",
        "127.0.0.1:0",
    ]);
    assert_eq!(out.status.code(), Some(78), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("poll_interval must be longer than 0s"),
        "{}",
        stderr(&out)
    );

    let out = run(&["serve", "--all", "--listen", "not-an-address"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(stdout(&out), "", "no ready line on failure");
}

#[test]
fn a_burst_of_notifications_costs_one_run_and_one_more() {
    // Every Graph answer takes 300 ms, so a run lasts over a second: the burst's
    // notifications all arrive while the first run is going.
    let setup = Setup::new(
        &["--latency", "300ms"],
        &[("a", "support@fabrikam.test", "poll_interval = \"1h\"")],
    );
    let a = setup.profile("a");
    let mut worker = setup.serve(&["--backlog", "all"]);
    worker.wait_for("the run at start", |e| e["event"] == "finished");
    setup.subscribe("a", &worker);
    const BURST: usize = 10;
    for n in 0..BURST {
        setup.emu.deliver(
            "support@fabrikam.test",
            FOLDER,
            &format!("burst {n}"),
            json!({}),
        );
    }
    // Until the runs that imported the burst have ended (their counts are then final).
    worker.wait_until("the end of the burst's runs", |seen| {
        let finished: u64 = seen
            .iter()
            .filter(|e| e["event"] == "finished")
            .map(|e| e["imported"].as_u64().unwrap())
            .sum();
        (finished == BURST as u64).then_some(())
    });
    let samples = parse_prometheus(&worker.get("/metrics").text().unwrap());
    let notified = sample(
        &samples,
        "mailconn_notifications_total",
        &a,
        "support@fabrikam.test",
    );
    assert_eq!(notified, Some(BURST as f64));
    let runs: f64 = ["ok", "partial", "failed", "interrupted"]
        .iter()
        .map(|result| {
            let labels = BTreeMap::from([
                ("profile".to_owned(), a.clone()),
                ("mailbox".to_owned(), "support@fabrikam.test".to_owned()),
                ("result".to_owned(), (*result).to_owned()),
            ]);
            samples[&("mailconn_import_runs_total".to_owned(), labels)]
        })
        .sum();
    // The run at start, the burst's first, and at most one more for all the others.
    assert!(
        (2.0..=3.0).contains(&runs),
        "{runs} runs for {BURST} notifications"
    );
    assert_eq!(worker.imported(&a).len(), BURST);
    assert_eq!(worker.terminate().code(), Some(0));
    setup.cancel_subscriptions("a");
}

/// A fleet on one PostgreSQL store: a subscription made on one host is recorded in the
/// store, so a worker on another host (its own state directory, no secret of it in any
/// keyring) checks its notifications and imports; any host lists and cancels it.
#[test]
fn a_subscription_made_on_one_host_is_served_by_a_worker_on_another() {
    let (setup, other_host) = Setup::on_one_store(&["a"], "poll_interval = \"1h\"");
    let a = setup.profile("a");
    let mut worker = setup.serve_on(&other_host, &["--backlog", "all"]);
    worker.wait_for("the first run", |e| e["event"] == "finished");

    // Made on this host, against the worker on the other.
    let created = setup.subscribe("a", &worker);
    let id = created["id"].as_str().unwrap().to_owned();
    assert!(created.get("client_state_store").is_none(), "{created:#}");
    setup.deliver_to(&mut worker, "support@fabrikam.test", "Printer on fire");
    assert!(worker.log().contains("notification"), "{}", worker.log());

    // A notification with the right id and another clientState is dropped.
    let forged = json!({"value": [{
        "subscriptionId": id,
        "clientState": "guessed",
        "changeType": "created",
        "resource": "users/x/messages/y",
    }]});
    let answer = worker
        .http
        .post(format!("{}/notify", worker.url))
        .json(&forged)
        .send()
        .unwrap();
    assert_eq!(answer.status(), 202);
    let deadline = Instant::now() + Duration::from_secs(10);
    while !worker.log().contains("clientState does not match") {
        assert!(Instant::now() < deadline, "{}", worker.log());
        std::thread::sleep(Duration::from_millis(50));
    }

    // Neither host keeps the secret or a file of records.
    assert_eq!(keyring::lookup(&format!("{a}/client-state/{id}")), None);
    for sb in [&setup.sb, &other_host] {
        assert!(!sb.path().join("state/mailconn/subscriptions.toml").exists());
    }
    // The other host lists it as its own record and cancels it; this one then has none.
    let listed = |sb: &Sandbox| setup.json_list_on(sb, &["-p", &a, "subscription", "list"]);
    let there = listed(&other_host);
    assert_eq!(there.len(), 1, "{there:#?}");
    assert_eq!(there[0]["id"], id.as_str());
    assert_eq!(there[0]["presence"], "both", "{there:#?}");
    let out = setup
        .cmd_on(&other_host)
        .args(["-p", &a, "subscription", "cancel", "--all"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(listed(&setup.sb), Vec::<Value>::new());
    assert_eq!(worker.terminate().code(), Some(0), "{}", worker.log());
}

/// Two workers on one store deal the two mailboxes between them; every notification goes
/// to one worker's URL. The one for the mailbox dealt to the other worker is relayed
/// through the store, and that worker imports it at once (both poll only hourly).
#[test]
fn a_notification_for_a_mailbox_dealt_to_another_worker_is_relayed_to_it() {
    let (setup, other_host) =
        Setup::on_one_store(&["a", "b"], "poll_interval = \"1h\"\nlease_ttl = \"3s\"");
    let mut receiving = setup.serve(&["--backlog", "all"]);
    let mut other = setup.serve_on(&other_host, &["--backlog", "all"]);
    // Until the deal settles: one mailbox each.
    let deadline = Instant::now() + Duration::from_secs(30);
    let (here, there) = loop {
        let (here, there) = (receiving.dealt(), other.dealt());
        if here.len() == 1 && there.len() == 1 && here != there {
            break (here[0].clone(), there[0].clone());
        }
        assert!(Instant::now() < deadline, "no deal: {here:?} / {there:?}");
        std::thread::sleep(Duration::from_millis(100));
    };
    let suffix = |profile: &str| profile.rsplit('-').next().unwrap().to_owned();
    let mailbox_of = |profile: &str| match suffix(profile).as_str() {
        "a" => "support@fabrikam.test",
        _ => "it@fabrikam.test",
    };
    // Both subscriptions name the receiving worker.
    for profile in [&here, &there] {
        setup.subscribe(&suffix(profile), &receiving);
    }
    setup.deliver_to(&mut other, mailbox_of(&there), "Relayed to its worker");
    assert!(
        receiving.log().contains("notification relayed"),
        "{}",
        receiving.log()
    );
    let samples = parse_prometheus(&receiving.get("/metrics").text().unwrap());
    let relayed = |profile: &str| {
        sample(
            &samples,
            "mailconn_notifications_relayed_total",
            profile,
            mailbox_of(profile),
        )
    };
    assert_eq!(relayed(&there), Some(1.0));
    assert_eq!(relayed(&here), Some(0.0));
    assert!(
        other.log().contains("relayed notification"),
        "{}",
        other.log()
    );
    // The receiving worker's own mailbox is still imported by itself.
    setup.deliver_to(
        &mut receiving,
        mailbox_of(&here),
        "Imported where it arrived",
    );
    assert!(
        !receiving
            .imported(&there)
            .contains(&"Relayed to its worker".to_owned()),
        "imported by the worker it is dealt to only"
    );
    for worker in [&mut receiving, &mut other] {
        assert_eq!(worker.terminate().code(), Some(0), "{}", worker.log());
    }
    for suffix in ["a", "b"] {
        setup.cancel_subscriptions(suffix);
    }
}

/// Workers that serve different profiles of one store (one all, one only b): each profile
/// is dealt to exactly one worker that serves it, so none is left unimported.
#[test]
fn workers_serving_different_profiles_deal_every_profile_once() {
    let (setup, other_host) =
        Setup::on_one_store(&["a", "b"], "poll_interval = \"1s\"\nlease_ttl = \"3s\"");
    let (a, b) = (setup.profile("a"), setup.profile("b"));
    let mut both = setup.serve(&["--backlog", "all"]);
    let mut only_b = setup.serve_profiles_on(&other_host, "b", &["--backlog", "all"]);
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let workers = parse_prometheus(&only_b.get("/metrics").text().unwrap())
            .into_iter()
            .find(|((name, _), _)| name == "mailconn_workers_live")
            .map(|(_, live)| live);
        let (mut dealt, theirs) = (both.dealt(), only_b.dealt());
        let overlap = dealt.iter().any(|p| theirs.contains(p));
        dealt.extend(theirs.iter().cloned());
        dealt.sort();
        if workers == Some(2.0) && !overlap && dealt == [a.clone(), b.clone()] {
            assert!(
                theirs.iter().all(|p| *p == b),
                "only b can go there: {theirs:?}"
            );
            break;
        }
        assert!(Instant::now() < deadline, "no deal of both: {dealt:?}");
        std::thread::sleep(Duration::from_millis(100));
    }
    for (mailbox, subject) in [
        ("support@fabrikam.test", "For a"),
        ("it@fabrikam.test", "For b"),
    ] {
        setup.emu.deliver(mailbox, FOLDER, subject, json!({}));
    }
    let deadline = Instant::now() + Duration::from_secs(30);
    let tickets = loop {
        let tickets: Vec<String> = setup
            .tickets("a")
            .iter()
            .map(|t| t["subject"].as_str().unwrap().to_owned())
            .collect();
        if tickets.len() >= 2 {
            break tickets;
        }
        assert!(Instant::now() < deadline, "not both imported: {tickets:?}");
        std::thread::sleep(Duration::from_millis(100));
    };
    let mut tickets = tickets;
    tickets.sort();
    assert_eq!(tickets, ["For a", "For b"]);
    for worker in [&mut both, &mut only_b] {
        assert_eq!(worker.terminate().code(), Some(0), "{}", worker.log());
    }
}

/// PostgreSQL restarted under a worker in the middle of its runs: the runs, the heartbeat
/// and the leases reconnect, mail that comes afterwards is imported too, and every message
/// is one ticket.
#[test]
fn a_worker_rides_out_a_restart_of_its_store() {
    const MESSAGES: usize = 40;
    let cluster = Cluster::start();
    let import = format!(
        "store_url = \"{}\"\npoll_interval = \"1s\"\nlease_ttl = \"3s\"\npost_action = \"mark-read\"",
        cluster.new_database("serve")
    );
    // Slow enough that the first runs' post-actions are still going when the server goes.
    let setup = Setup::new(
        &["--latency", "50ms"],
        &[
            ("a", "support@fabrikam.test", &import),
            ("b", "it@fabrikam.test", &import),
        ],
    );
    let mailboxes = ["support@fabrikam.test", "it@fabrikam.test"];
    let mut subjects = Vec::new();
    for n in 0..MESSAGES {
        for mailbox in mailboxes {
            let subject = format!("{mailbox} before {n}");
            setup.emu.deliver(mailbox, FOLDER, &subject, json!({}));
            subjects.push(subject);
        }
    }
    let mut worker = setup.serve(&["--backlog", "all"]);
    worker.wait_for("the first imported message", |e| {
        e["event"] == "message" && e["outcome"] == "imported"
    });
    cluster.restart();
    for mailbox in mailboxes {
        let subject = format!("{mailbox} after the restart");
        setup.deliver_to(&mut worker, mailbox, &subject);
        subjects.push(subject);
    }
    assert_eq!(worker.terminate().code(), Some(0), "{}", worker.log());
    let mut tickets: Vec<String> = setup
        .tickets("a")
        .iter()
        .map(|t| t["subject"].as_str().unwrap().to_owned())
        .collect();
    tickets.sort();
    subjects.sort();
    assert_eq!(tickets, subjects, "every message one ticket");
}
