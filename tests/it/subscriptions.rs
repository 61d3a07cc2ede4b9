//! `mailconn subscription create|renew|cancel|list` and `mailconn webhook serve` end to end:
//! the real binary against the emulator, which validates, notifies and sends lifecycle events
//! to a real receiver over HTTPS (a certificate made here, trusted by the emulator through
//! `--trust`). The clientState lives in the real keyring (run under `.ci/with-keyring`).

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use crate::common::app_profile::AppProfile;
use crate::common::cert::Cert;
use crate::common::emulator::Emulator;
use crate::common::{keyring, stderr, stdout};
use serde_json::{Value, json};

const MAILBOX: &str = "support@contoso.test";
const FOLDER: &str = "Inbox/Support";

/// A profile on an emulator that trusts the receiver's certificate.
struct Setup {
    app: AppProfile,
    cert: Cert,
}

impl Setup {
    fn new() -> Setup {
        let cert = Cert::new();
        let emu = Emulator::start(&["--trust", cert.cert().to_str().unwrap()]);
        let app = AppProfile::new(emu, "client_id", MAILBOX, FOLDER);
        Setup { app, cert }
    }

    fn cmd(&self) -> assert_cmd::Command {
        let mut cmd = self.app.cmd();
        cmd.env("DBUS_SESSION_BUS_ADDRESS", keyring::session_bus());
        cmd
    }

    fn run(&self, args: &[&str]) -> std::process::Output {
        self.cmd().args(args).output().unwrap()
    }

    fn json(&self, args: &[&str]) -> (std::process::Output, Value) {
        let out = self.cmd().arg("--json").args(args).output().unwrap();
        let value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
            panic!(
                "{args:?}: stdout is not JSON ({e}): {}\nstderr: {}",
                stdout(&out),
                stderr(&out)
            )
        });
        (out, value)
    }

    /// `webhook serve` on a free port over HTTPS.
    fn receiver(&self, extra: &[&str]) -> Receiver {
        self.receiver_on("127.0.0.1:0", extra)
    }

    fn receiver_on(&self, listen: &str, extra: &[&str]) -> Receiver {
        let log = self.app.sb.path().join(format!(
            "receiver-{}.log",
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos()
        ));
        let mut cmd = self.app.sb.std_cmd();
        cmd.env(
            "AZURE_CLIENT_SECRET",
            self.app.emu.demo_value("client_secret"),
        )
        .env("DBUS_SESSION_BUS_ADDRESS", keyring::session_bus())
        .env("MAILCONN_LOG", "mailconn=info,warn")
        .args(["--json", "webhook", "serve", "--listen", listen])
        .arg("--tls-cert")
        .arg(self.cert.cert())
        .arg("--tls-key")
        .arg(self.cert.key())
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(std::fs::File::create(&log).unwrap());
        let mut child = cmd.spawn().unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let ready: Value = serde_json::from_str(&line).unwrap_or_else(|_| {
            let _ = child.kill();
            panic!(
                "no ready line: {line:?}; log: {}",
                std::fs::read_to_string(&log).unwrap_or_default()
            )
        });
        let http = self.cert.client();
        Receiver {
            child,
            url: ready["url"].as_str().unwrap().to_owned(),
            log,
            http,
        }
    }

    /// `subscription create` against the receiver; returns the created record.
    fn create(&self, receiver: &Receiver) -> Value {
        let (out, created) = self.json(&[
            "subscription",
            "create",
            "--notification-url",
            &format!("{}/notify", receiver.url),
            "--lifecycle-url",
            &format!("{}/lifecycle", receiver.url),
        ]);
        assert!(out.status.success(), "{}", stderr(&out));
        created
    }

    fn records_file(&self) -> PathBuf {
        self.app.sb.path().join("state/mailconn/subscriptions.toml")
    }

    fn account(&self, id: &str) -> String {
        format!("{}/client-state/{id}", self.app.profile)
    }

    /// Graph's own view, with an app token of the test.
    fn graph_subscriptions(&self) -> Vec<Value> {
        let token = self.app.emu.app_token();
        let body: Value = self.app.emu.get("/subscriptions", &token).json().unwrap();
        body["value"].as_array().unwrap().clone()
    }

    fn graph_delete(&self, id: &str) {
        let token = self.app.emu.app_token();
        let answer = self
            .app
            .emu
            .http
            .delete(format!("{}/subscriptions/{id}", self.app.emu.graph()))
            .bearer_auth(token)
            .send()
            .unwrap();
        assert_eq!(answer.status(), 204);
    }

    fn lifecycle(&self, id: &str, event: &str) {
        let answer = self.app.emu.admin_post(
            &format!("/subscriptions/{id}/lifecycle"),
            json!({"event": event}),
        );
        assert_eq!(answer.status(), 202, "lifecycle {event}");
    }
}

struct Receiver {
    child: Child,
    url: String,
    log: PathBuf,
    http: reqwest::blocking::Client,
}

impl Receiver {
    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// Waits until the log has `count` lines containing `needle`.
    fn wait_for(&self, needle: &str, count: usize) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let log = self.log();
            if log.matches(needle).count() >= count {
                return log;
            }
            assert!(
                Instant::now() < deadline,
                "no {count}× {needle:?} in the receiver log:\n{log}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn post(&self, path: &str, body: Vec<u8>) -> reqwest::blocking::Response {
        self.http
            .post(format!("{}{path}", self.url))
            .header("content-type", "application/json")
            .body(body)
            .send()
            .unwrap()
    }
}

impl Drop for Receiver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn create_passes_the_handshake_and_keeps_the_client_state_in_the_keyring() {
    let setup = Setup::new();
    let receiver = setup.receiver(&[]);
    let created = setup.create(&receiver);
    let id = created["id"].as_str().unwrap();
    assert_eq!(
        created["mailbox"],
        setup.app.emu.object_id(MAILBOX),
        "keyed by the object id"
    );
    assert_eq!(created["mailbox_address"], MAILBOX);
    assert_eq!(created["folder"], FOLDER);
    assert_eq!(created["client_state_store"], "keyring");
    // The longest lifetime: 10,080 minutes less a little for clock skew.
    let expiration =
        chrono::DateTime::parse_from_rfc3339(created["expiration"].as_str().unwrap()).unwrap();
    let left = expiration.signed_duration_since(chrono::Utc::now());
    assert!(
        left > chrono::Duration::minutes(10_080 - 10) && left <= chrono::Duration::minutes(10_080),
        "{left}"
    );
    // Graph validated both URLs against the receiver.
    let attempts: Value = setup
        .app
        .emu
        .http
        .get(format!("{}/notifications", setup.app.emu.admin()))
        .send()
        .unwrap()
        .json()
        .unwrap();
    let validations: Vec<&Value> = attempts["attempts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["kind"] == "validation")
        .collect();
    assert_eq!(validations.len(), 2, "{attempts:#}");
    assert!(
        validations
            .iter()
            .all(|a| a["status"] == 200 && a["error"].is_null())
    );
    // Immutable ids were asked for.
    let create = setup
        .app
        .graph_requests()
        .into_iter()
        .find(|e| e["method"] == "POST" && e["path"] == "/v1.0/subscriptions")
        .unwrap();
    assert!(
        create["headers"].as_array().unwrap().iter().any(|h| h[0]
            .as_str()
            .unwrap()
            .eq_ignore_ascii_case("prefer")
            && h[1] == "IdType=\"ImmutableId\""),
        "{create:#}"
    );
    // The clientState: in the keyring, nowhere else.
    let client_state = keyring::lookup(&setup.account(id)).expect("clientState in the keyring");
    assert!(client_state.len() >= 32);
    let records = std::fs::read_to_string(setup.records_file()).unwrap();
    assert!(records.contains(id));
    assert!(!records.contains(&client_state));
    assert_eq!(mode(&setup.records_file()), 0o600);
    assert!(!created.to_string().contains(&client_state));

    // The table says the same for people.
    let out = setup.run(&["subscription", "list"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let table = stdout(&out);
    assert!(
        table.contains(id) && table.contains(" ok ") && table.contains(FOLDER),
        "{table}"
    );
    assert!(!table.contains(&client_state));
    setup.run(&["subscription", "cancel", "--all"]);
}

#[test]
fn a_wrong_or_slow_endpoint_gets_an_error_that_says_what_graph_expects() {
    // A second emulator over TLS plays a web server that answers the handshake wrongly.
    let wrong = Emulator::start(&["--tls"]);
    let ca = wrong.ready["ca_file"].as_str().unwrap().to_owned();
    let emu = Emulator::start(&["--trust", &ca]);
    let app = AppProfile::new(emu, "client_id", MAILBOX, FOLDER);
    let url = format!("{}/hooks/mail", wrong.base());
    let out = app
        .cmd()
        .env("DBUS_SESSION_BUS_ADDRESS", keyring::session_bus())
        .env("MAILCONN_CA_FILE", &ca)
        .args(["subscription", "create", "--notification-url", &url])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("could not validate"), "{err}");
    assert!(err.contains(&url), "{err}");
    assert!(err.contains("instead of 200"), "{err}");
    assert!(
        err.contains("validationToken") && err.contains("text/plain"),
        "{err}"
    );
    assert!(err.contains("within 10 s") && err.contains("curl"), "{err}");
    assert!(
        !app.sb
            .path()
            .join("state/mailconn/subscriptions.toml")
            .exists()
            || !std::fs::read_to_string(app.sb.path().join("state/mailconn/subscriptions.toml"))
                .unwrap()
                .contains("[[subscription]]")
    );

    // Too late: the endpoint takes 11 s.
    let answer = wrong.admin_post(
        "/faults",
        json!({"path": "/slow*", "times": 0, "fault": {"kind": "delay", "ms": 11000}}),
    );
    assert_eq!(answer.status(), 201);
    let url = format!("{}/slow", wrong.base());
    let out = app
        .cmd()
        .env("DBUS_SESSION_BUS_ADDRESS", keyring::session_bus())
        .env("MAILCONN_CA_FILE", &ca)
        .args([
            "--json",
            "subscription",
            "create",
            "--notification-url",
            &url,
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err: Value = serde_json::from_slice(&out.stderr).unwrap();
    let message = err["error"]["message"].as_str().unwrap();
    assert!(message.contains("timed out"), "{message}");
    assert!(message.contains("did not answer within 10 s"), "{message}");
    assert!(err["error"]["hint"].as_str().unwrap().contains(&url));
}

#[test]
fn renew_within_renews_only_what_is_due_and_a_gone_one_fails() {
    let setup = Setup::new();
    let receiver = setup.receiver(&["--no-catch-up"]);
    let created = setup.create(&receiver);
    let id = created["id"].as_str().unwrap();

    // Not due: quiet for people, "not-due" for scripts, exit 0.
    let out = setup.run(&["subscription", "renew", "--all", "--within", "2d"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "");
    let (out, rows) = setup.json(&["subscription", "renew", "--all", "--within", "2d"]);
    assert!(out.status.success());
    assert_eq!(rows[0]["status"], "not-due");
    assert!(
        !setup
            .app
            .graph_requests()
            .iter()
            .any(|e| e["method"] == "PATCH"),
        "nothing due, nothing sent"
    );

    // Due within 8 days: renewed, and the new expiry is recorded.
    std::thread::sleep(Duration::from_millis(1100));
    let (out, rows) = setup.json(&["subscription", "renew", "--all", "--within", "8d"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(rows[0]["status"], "renewed");
    assert_ne!(rows[0]["expiration"], created["expiration"]);
    let records = std::fs::read_to_string(setup.records_file()).unwrap();
    let renewed = rows[0]["expiration"].as_str().unwrap();
    let at_graph = &setup.graph_subscriptions()[0]["expirationDateTime"];
    assert_eq!(
        chrono::DateTime::parse_from_rfc3339(at_graph.as_str().unwrap()).unwrap(),
        chrono::DateTime::parse_from_rfc3339(renewed).unwrap()
    );
    assert!(records.contains(&renewed[..16]), "{records}");

    // By id, when Graph no longer has it: a clear failure.
    setup.graph_delete(id);
    let out = setup.run(&["subscription", "renew", id]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("GONE"));
    assert!(stderr(&out).contains("no longer has"), "{}", stderr(&out));
    setup.run(&["subscription", "cancel", "--all"]);
}

#[test]
fn cancel_deletes_both_sides_and_an_already_gone_one_is_fine() {
    let setup = Setup::new();
    let receiver = setup.receiver(&["--no-catch-up"]);
    let id = setup.create(&receiver)["id"].as_str().unwrap().to_owned();
    assert!(keyring::lookup(&setup.account(&id)).is_some());

    let (out, rows) = setup.json(&["subscription", "cancel", &id]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(rows[0]["remote"], "deleted");
    assert_eq!(rows[0]["local_record_removed"], true);
    assert!(setup.graph_subscriptions().is_empty());
    assert!(keyring::lookup(&setup.account(&id)).is_none());
    assert!(
        !std::fs::read_to_string(setup.records_file())
            .unwrap()
            .contains(&id)
    );

    let out = setup.run(&["subscription", "cancel", &id]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("already gone"), "{}", stdout(&out));
}

#[test]
fn list_flags_drift_and_expiring_within_fails_for_monitoring() {
    let setup = Setup::new();
    let receiver = setup.receiver(&["--no-catch-up"]);
    let local = setup.create(&receiver)["id"].as_str().unwrap().to_owned();
    let kept = setup.create(&receiver)["id"].as_str().unwrap().to_owned();
    // One made by another tool with the same app: Graph knows it, we do not.
    let token = setup.app.emu.app_token();
    let remote: Value = setup
        .app
        .emu
        .http
        .post(format!("{}/subscriptions", setup.app.emu.graph()))
        .bearer_auth(&token)
        .json(&json!({
            "changeType": "created",
            "notificationUrl": format!("{}/elsewhere", receiver.url),
            "resource": "users/support@contoso.test/messages",
            "expirationDateTime": (chrono::Utc::now() + chrono::Duration::hours(30)).to_rfc3339(),
        }))
        .send()
        .unwrap()
        .json()
        .unwrap();
    let remote = remote["id"].as_str().unwrap().to_owned();
    setup.graph_delete(&local);

    let (out, rows) = setup.json(&["subscription", "list"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let presence = |id: &str| {
        rows.as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == id)
            .unwrap_or_else(|| panic!("{id} not listed: {rows:#}"))["presence"]
            .clone()
    };
    assert_eq!(presence(&local), "only-local");
    assert_eq!(presence(&kept), "both");
    assert_eq!(presence(&remote), "only-remote");

    let out = setup.run(&["subscription", "list"]);
    let table = stdout(&out);
    assert!(
        table.contains("ONLY LOCAL") && table.contains("only remote"),
        "{table}"
    );

    // Monitoring: a gone subscription fails the check.
    let out = setup.run(&["subscription", "list", "--expiring-within", "1h"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("is gone at Graph"),
        "{}",
        stderr(&out)
    );
    setup.run(&["subscription", "cancel", &local]);
    let out = setup.run(&["subscription", "list", "--expiring-within", "1h"]);
    assert!(out.status.success(), "{}", stderr(&out));
    // The remote one has 30 h left.
    let (out, _) = setup.json(&["subscription", "list", "--expiring-within", "2d"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains(&remote));
    setup.run(&["subscription", "cancel", &remote]);
    setup.run(&["subscription", "cancel", "--all"]);
}

#[test]
fn the_receiver_checks_what_it_is_sent() {
    let setup = Setup::new();
    let receiver = setup.receiver(&["--no-catch-up", "--max-body", "20000"]);
    let id = setup.create(&receiver)["id"].as_str().unwrap().to_owned();

    // Health for load balancers.
    let health = receiver
        .http
        .get(format!("{}/healthz", receiver.url))
        .send()
        .unwrap();
    assert_eq!(health.status(), 200);
    assert_eq!(health.json::<Value>().unwrap()["status"], "ok");

    // The handshake: the decoded token, as text/plain, nothing else.
    let answer = receiver
        .http
        .post(format!("{}/notify?validationToken=a%20b%3Ac", receiver.url))
        .send()
        .unwrap();
    assert_eq!(answer.status(), 200);
    assert!(
        answer.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/plain")
    );
    assert_eq!(answer.text().unwrap(), "a b:c");

    // Oversized and malformed bodies are refused.
    assert_eq!(receiver.post("/notify", vec![b' '; 30_000]).status(), 413);
    assert_eq!(
        receiver.post("/notify", b"{\"value\":".to_vec()).status(),
        400
    );

    // A wrong clientState is accepted (Graph must not retry) and dropped.
    let forged = json!({"value": [{"subscriptionId": id, "clientState": "guess", "changeType": "created",
        "resource": "Users/x/Messages/y", "tenantId": "t"}]});
    let answer = receiver.post("/notify", forged.to_string().into_bytes());
    assert_eq!(answer.status(), 202);
    let log = receiver.wait_for("clientState does not match", 1);
    assert!(!log.contains("import starting"), "{log}");
    assert!(!log.contains("guess"), "{log}");

    // The right one starts an import.
    let client_state = keyring::lookup(&setup.account(&id)).unwrap();
    let genuine = json!({"value": [{"subscriptionId": id, "clientState": client_state,
        "changeType": "created", "resource": "Users/x/Messages/y", "tenantId": "t"}]});
    assert_eq!(
        receiver
            .post("/notify", genuine.to_string().into_bytes())
            .status(),
        202
    );
    let log = receiver.wait_for("import starting", 1);
    assert!(
        !log.contains(&client_state),
        "the log must not show the clientState"
    );
    setup.run(&["subscription", "cancel", "--all"]);
}

#[test]
fn a_receiver_with_an_unreadable_tls_key_does_not_start() {
    let setup = Setup::new();
    let missing = setup.cert.dir.path().join("no-such-key.pem");
    let out = setup
        .app
        .cmd()
        .env("DBUS_SESSION_BUS_ADDRESS", keyring::session_bus())
        .args([
            "webhook",
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--no-catch-up",
        ])
        .arg("--tls-cert")
        .arg(setup.cert.cert())
        .arg("--tls-key")
        .arg(&missing)
        .output()
        .unwrap();
    // A configuration error, before the receiver says it is ready.
    assert_eq!(out.status.code(), Some(78), "{}", stderr(&out));
    assert_eq!(stdout(&out), "");
    assert!(
        stderr(&out).contains(&format!(
            "cannot read a PEM private key from {}",
            missing.display()
        )),
        "{}",
        stderr(&out)
    );
}

#[test]
fn delivered_mail_reaches_the_receiver_and_starts_an_import() {
    let setup = Setup::new();
    let receiver = setup.receiver(&["--no-catch-up"]);
    setup.create(&receiver);
    setup
        .app
        .emu
        .deliver(MAILBOX, FOLDER, "Printer on fire", Value::Null);
    let log = receiver.wait_for("import starting", 1);
    assert!(log.contains("notification"), "{log}");
    assert!(log.contains("Inbox/Support"), "{log}");
    setup.run(&["subscription", "cancel", "--all"]);
}

#[test]
fn each_lifecycle_event_is_handled() {
    let setup = Setup::new();
    let receiver = setup.receiver(&["--no-catch-up"]);
    let id = setup.create(&receiver)["id"].as_str().unwrap().to_owned();

    // missed: a catch-up import.
    setup.lifecycle(&id, "missed");
    receiver.wait_for("import starting", 1);

    // reauthorizationRequired far from expiry: reauthorize (no renewal needed).
    setup.lifecycle(&id, "reauthorizationRequired");
    receiver.wait_for("reauthorized", 1);
    assert!(
        setup
            .app
            .graph_requests()
            .iter()
            .any(|e| e["method"] == "POST"
                && e["path"] == format!("/v1.0/subscriptions/{id}/reauthorize"))
    );

    // subscriptionRemoved: a new subscription for the same folder, then a catch-up import.
    setup.lifecycle(&id, "subscriptionRemoved");
    let log = receiver.wait_for("subscription re-created", 1);
    receiver.wait_for("import starting", 2);
    let at_graph = setup.graph_subscriptions();
    assert_eq!(at_graph.len(), 1, "{at_graph:#?}");
    let new_id = at_graph[0]["id"].as_str().unwrap();
    assert_ne!(new_id, id);
    assert!(log.contains(new_id));
    let records = std::fs::read_to_string(setup.records_file()).unwrap();
    assert!(
        records.contains(new_id) && !records.contains(&id),
        "{records}"
    );
    assert!(keyring::lookup(&setup.account(&id)).is_none());
    assert!(keyring::lookup(&setup.account(new_id)).is_some());

    // The new subscription works: its notifications are accepted.
    setup
        .app
        .emu
        .deliver(MAILBOX, FOLDER, "After the removal", Value::Null);
    receiver.wait_for("import starting", 3);
    setup.run(&["subscription", "cancel", "--all"]);
}

#[test]
fn the_receiver_renews_due_subscriptions_and_recreates_lost_ones_at_start() {
    let setup = Setup::new();
    let first = setup.receiver(&["--no-catch-up"]);
    let renewed = setup.create(&first)["id"].as_str().unwrap().to_owned();
    let lost = setup.create(&first)["id"].as_str().unwrap().to_owned();
    let listen = first.url.trim_start_matches("https://").to_owned();
    drop(first);
    setup.graph_delete(&lost);

    // Restarted (same address) with a renewal window wider than the lifetime: all are due.
    let receiver = setup.receiver_on(&listen, &["--renew-within", "8d"]);
    receiver.wait_for("subscription re-created", 1);
    receiver.wait_for("renewed", 1);
    // Catch-up at start, one import per folder (both subscriptions watch the same one).
    receiver.wait_for("catch-up import at start", 1);
    receiver.wait_for("import starting", 1);
    assert!(
        setup.app.graph_requests().iter().any(
            |e| e["method"] == "PATCH" && e["path"] == format!("/v1.0/subscriptions/{renewed}")
        )
    );
    let ids: Vec<String> = setup
        .graph_subscriptions()
        .iter()
        .map(|s| s["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(ids.len(), 2);
    assert!(ids.contains(&renewed) && !ids.contains(&lost));
    setup.run(&["subscription", "cancel", "--all"]);
}

#[test]
fn the_running_receiver_keeps_renewing_its_subscriptions() {
    let setup = Setup::new();
    // Checked every second, with a window wider than the lifetime: always due.
    let receiver = setup.receiver(&[
        "--no-catch-up",
        "--renew-within",
        "8d",
        "--renew-check",
        "1s",
    ]);
    let id = setup.create(&receiver)["id"].as_str().unwrap().to_owned();
    // Created after start-up, so only the running loop can renew it, again and again.
    receiver.wait_for("renewed", 2);
    let patches = setup
        .app
        .graph_requests()
        .iter()
        .filter(|e| e["method"] == "PATCH" && e["path"] == format!("/v1.0/subscriptions/{id}"))
        .count();
    assert!(patches >= 2, "{patches} renewals reached Graph");
    setup.run(&["subscription", "cancel", "--all"]);
}

/// Subjects of the tickets in the sandbox's ticket store.
/// (None before the first import has made the store.)
fn ticket_subjects(setup: &Setup) -> Vec<String> {
    let out = setup.run(&["--json", "tickets", "list"]);
    if !out.status.success() {
        assert!(
            stderr(&out).contains("no processing log"),
            "{}",
            stderr(&out)
        );
        return Vec::new();
    }
    let tickets: Value = serde_json::from_slice(&out.stdout).unwrap();
    tickets
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["subject"].as_str().unwrap_or_default().to_owned())
        .collect()
}

fn wait_for_ticket(setup: &Setup, subject: &str, within: Duration) -> Duration {
    let started = Instant::now();
    loop {
        if ticket_subjects(setup).iter().any(|s| s.contains(subject)) {
            return started.elapsed();
        }
        assert!(
            started.elapsed() < within,
            "no ticket {subject:?} within {within:?}: {:?}",
            ticket_subjects(setup)
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// Waits until Graph has tried to deliver a change notification and failed (the receiver is
/// down): the event the negative check after it depends on, instead of a guessed delay.
fn wait_for_failed_notification(setup: &Setup, within: Duration) {
    let started = Instant::now();
    loop {
        let attempts: Value = setup
            .app
            .emu
            .http
            .get(format!("{}/notifications", setup.app.emu.admin()))
            .send()
            .unwrap()
            .json()
            .unwrap();
        let failed = attempts["attempts"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["kind"] == "notification" && !a["error"].is_null());
        if failed {
            return;
        }
        assert!(
            started.elapsed() < within,
            "no failed notification within {within:?}: {attempts:#}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn records_an_older_release_keyed_by_the_address_are_re_keyed_by_the_object_id() {
    let setup = Setup::new();
    let receiver = setup.receiver(&[]);
    setup.create(&receiver);
    let object_id = setup.app.emu.object_id(MAILBOX);
    // What today's release writes: the mailbox as typed in the profile, no address.
    let file = setup.records_file();
    let text = std::fs::read_to_string(&file).unwrap();
    let old: String = text
        .lines()
        .filter(|l| !l.starts_with("mailbox_address"))
        .map(|l| l.replace(&object_id, "Support@Contoso.test") + "\n")
        .collect();
    assert!(old.contains("mailbox = \"Support@Contoso.test\""), "{old}");
    std::fs::write(&file, old).unwrap();

    let (out, rows) = setup.json(&["subscription", "list"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        rows[0]["mailbox"], MAILBOX,
        "shown by its address: {rows:#}"
    );
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        text.contains(&format!("mailbox = \"{object_id}\"")) && text.contains("mailbox_address"),
        "{text}"
    );
    setup.run(&["subscription", "cancel", "--all"]);
}

#[test]
fn a_delivered_message_becomes_a_ticket_within_seconds() {
    let setup = Setup::new();
    let receiver = setup.receiver(&["--backlog", "all"]);
    setup.create(&receiver);
    setup
        .app
        .emu
        .deliver(MAILBOX, FOLDER, "Printer on fire", Value::Null);
    let took = wait_for_ticket(&setup, "Printer on fire", Duration::from_secs(15));
    assert!(took < Duration::from_secs(10), "took {took:?}");
    let log = receiver.wait_for("import finished", 1);
    assert!(!log.contains("import failed"), "{log}");
    // The import went through the one processing log.
    let (out, entries) = setup.json(&["log", "list"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        entries.to_string().contains("Printer on fire"),
        "{entries:#}"
    );
    setup.run(&["subscription", "cancel", "--all"]);
}

#[test]
fn mail_that_arrives_while_the_receiver_is_down_is_imported_at_restart() {
    let setup = Setup::new();
    let receiver = setup.receiver(&["--backlog", "all"]);
    setup.create(&receiver);
    setup
        .app
        .emu
        .deliver(MAILBOX, FOLDER, "Before the outage", Value::Null);
    wait_for_ticket(&setup, "Before the outage", Duration::from_secs(15));
    receiver.wait_for("import finished", 1);
    let listen = receiver.url.trim_start_matches("https://").to_owned();
    drop(receiver);

    // Graph's notification finds nobody and is dropped after its retries.
    setup
        .app
        .emu
        .deliver(MAILBOX, FOLDER, "During the outage", Value::Null);
    wait_for_failed_notification(&setup, Duration::from_secs(15));
    assert!(
        !ticket_subjects(&setup)
            .iter()
            .any(|s| s.contains("During the outage")),
        "Graph's notification reached nobody, so nothing imported the message"
    );

    // The restarted receiver's catch-up import finds it.
    let receiver = setup.receiver_on(&listen, &["--backlog", "all"]);
    receiver.wait_for("catch-up import at start", 1);
    wait_for_ticket(&setup, "During the outage", Duration::from_secs(15));
    setup.run(&["subscription", "cancel", "--all"]);
}
