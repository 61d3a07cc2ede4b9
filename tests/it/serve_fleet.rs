//! Several `mailconn serve` workers on one PostgreSQL store, as on several hosts: they deal
//! the mailboxes among themselves, one is killed with SIGKILL in the middle, the others
//! take its mailboxes over once its lease time is up, and in the end every message is one
//! ticket and sits once in its destination folder.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::common::emulator::Emulator;
use crate::common::postgres::{new_database, password, write_pgpass};
use crate::common::{Sandbox, free_port, signal, stderr, stdout};

const APP: &str = "4c2b9e1d-7a3f-4b6c-8d5e-0f1a2b3c4d5e";
const SECRET: &str = "fleet-of-workers-secret";
const MAILBOXES: usize = 60;
const PER_MAILBOX: usize = 50;
/// Short, so the take-over after the kill is quick; renewed every second.
const LEASE_TTL_S: u64 = 3;

fn mailbox(i: usize) -> String {
    format!("desk{i:02}@fabrikam.test")
}

/// The tenant (one app, MAILBOXES shared mailboxes) and its seed mail, in `dir`.
fn tenant_and_seed(dir: &std::path::Path) -> String {
    let mut tenant = format!(
        "tenant_id = \"8a7b6c5d-4e3f-4a2b-9c1d-0e9f8a7b6c5d\"\ndomain = \"fabrikam.test\"\n\
         [settings]\njournal_capacity = 100\n\
         [[apps]]\nclient_id = \"{APP}\"\nname = \"help desk\"\n\
         secrets = [{{ value = \"{SECRET}\" }}]\nroles = [\"Mail.ReadWrite\", \"User.Read.All\"]\n"
    );
    for i in 0..MAILBOXES {
        tenant.push_str(&format!(
            "[[users]]\nupn = \"{}\"\nkind = \"shared\"\nfolders = [\"Inbox/Support\"]\n",
            mailbox(i)
        ));
        let folder = dir.join("seed").join(mailbox(i)).join("Inbox/Support");
        std::fs::create_dir_all(&folder).unwrap();
        for n in 0..PER_MAILBOX {
            std::fs::write(
                folder.join(format!("{n:03}.eml")),
                format!(
                    "From: user{n}@example.com\r\nTo: {m}\r\nSubject: {}\r\n\
                     Message-ID: <fleet-{i}-{n}@example.com>\r\n\
                     Date: Mon, 7 Dec 2026 09:00:00 +0000\r\n\r\nThe printer on desk {i} is down.\r\n",
                    subject(i, n),
                    m = mailbox(i)
                ),
            )
            .unwrap();
        }
    }
    tenant
}

fn subject(i: usize, n: usize) -> String {
    format!("Fleet {i:02}-{n:03}")
}

struct Worker {
    child: Child,
}

impl Worker {
    fn start(sb: &Sandbox) -> Worker {
        let mut child = sb
            .std_cmd()
            .env("AZURE_CLIENT_SECRET", SECRET)
            .args(["--json", "serve", "--all", "--listen", "127.0.0.1:0"])
            .args(["--backlog", "all"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let ready: Value =
            serde_json::from_str(&line).unwrap_or_else(|e| panic!("no ready line ({e}): {line:?}"));
        assert_eq!(ready["event"], "ready", "{ready}");
        Worker { child }
    }

    fn pid(&self) -> String {
        format!("pid {}/", self.child.id())
    }

    fn signal(&mut self, name: &str) {
        signal(self.child.id(), name);
    }

    fn wait(&mut self) -> Option<i32> {
        self.child.wait().unwrap().code()
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `status --json`'s folders, by mailbox address.
fn folders(sb: &Sandbox) -> BTreeMap<String, Value> {
    let out = sb
        .cmd()
        .args(["--json", "-p", "desk00", "status"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let status: Value = serde_json::from_str(&stdout(&out)).unwrap();
    status["folders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let address = f["mailbox_address"].as_str().unwrap_or_default().to_owned();
            (address, f.clone())
        })
        .collect()
}

fn imported(folders: &BTreeMap<String, Value>) -> u64 {
    folders
        .values()
        .map(|f| f["imported"].as_u64().unwrap())
        .sum()
}

/// Polls `what` every 100 ms for up to `within` (waiting on other processes' progress).
fn until(within: Duration, mut what: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + within;
    while Instant::now() < deadline {
        if what() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    false
}

#[test]
fn three_workers_one_killed_import_every_message_once() {
    let dir = tempfile::tempdir().unwrap();
    let tenant = tenant_and_seed(dir.path());
    let seed = dir.path().join("seed");
    let emu = Emulator::with_tenant_args(&tenant, &["--seed", seed.to_str().unwrap()]);
    let sb = Sandbox::new();
    let store = new_database();
    let mut config = String::new();
    for i in 0..MAILBOXES {
        config.push_str(&format!(
            "[profiles.desk{i:02}]\nauthority_host = \"{}\"\ngraph_endpoint = \"{}\"\n\
             tenant = \"fabrikam.test\"\nclient_id = \"{APP}\"\nmailbox = \"{}\"\n\
             folder = \"Inbox/Support\"\n[profiles.desk{i:02}.import]\nstore_url = \"{store}\"\n\
             lease_ttl = \"{LEASE_TTL_S}s\"\npoll_interval = \"2s\"\npost_action = \"move:Archive\"\n",
            emu.base(),
            emu.graph(),
            mailbox(i)
        ));
    }
    sb.write_config(&config);
    write_pgpass(&sb.path().join("home/.pgpass"), &password());

    let mut workers: Vec<Worker> = (0..3).map(|_| Worker::start(&sb)).collect();
    // Under way on every worker's share: then one dies.
    assert!(
        until(Duration::from_secs(60), || imported(&folders(&sb)) >= 300),
        "the workers import"
    );
    let now = folders(&sb);
    let victim_pid = workers[1].pid();
    let victims: Vec<String> = now
        .iter()
        .filter(|(_, f)| {
            f["lease"]["live"] == true
                && f["lease"]["holder"].as_str().unwrap().contains(&victim_pid)
        })
        .map(|(address, _)| address.clone())
        .collect();
    workers[1].signal("KILL");
    let killed = chrono::Utc::now();
    assert_eq!(workers[1].wait(), None, "killed by the signal");

    // Each of its folders gets a new holder once its lease and its heartbeat have expired
    // (at most a lease time after the kill), at the survivors' next heartbeat. The delay is
    // read from the new leases' own start (the database's clock, on this machine), not from
    // how fast this loop polls.
    let mut delays = BTreeMap::new();
    let taken_over = until(Duration::from_secs(LEASE_TTL_S * 10), || {
        let now = folders(&sb);
        for v in &victims {
            let lease = &now[v]["lease"];
            let holder = lease["holder"].as_str().unwrap_or_default();
            if !holder.contains(&victim_pid) && !delays.contains_key(v) {
                let since: chrono::DateTime<chrono::Utc> =
                    lease["acquired_at"].as_str().unwrap().parse().unwrap();
                delays.insert(v.clone(), (since - killed).as_seconds_f64());
            }
        }
        delays.len() == victims.len()
    });
    assert!(
        taken_over,
        "the dead worker's folders {victims:?} were taken over"
    );
    let slowest = delays.values().cloned().fold(0.0, f64::max);
    eprintln!(
        "{} folders of the killed worker taken over {slowest:.1} s after the kill at the latest (lease time {LEASE_TTL_S} s)",
        victims.len()
    );
    // Its lease and heartbeat have expired a lease time after the kill at the latest; the
    // survivors then see it gone within a third of one, and a run that still finds the
    // lease held tries again a third later: one more lease time, and two seconds for the
    // run to start on a machine the whole suite loads.
    assert!(
        slowest <= 2.0 * LEASE_TTL_S as f64 + 2.0,
        "taken over within a lease time of its expiry: {delays:#?}"
    );

    let everything = (MAILBOXES * PER_MAILBOX) as u64;
    let done = until(Duration::from_secs(180), || {
        let now = folders(&sb);
        imported(&now) == everything
            && now
                .values()
                .all(|f| f["pending_post_actions"] == 0 && f["failed"] == 0)
    });
    assert!(done, "everything imported: {:#?}", folders(&sb));
    for w in workers
        .iter_mut()
        .enumerate()
        .filter(|(i, _)| *i != 1)
        .map(|(_, w)| w)
    {
        w.signal("TERM");
        assert_eq!(w.wait(), Some(0), "a survivor stops cleanly");
    }

    // Every message once: one log entry and one ticket each, and once in Archive.
    let out = sb
        .cmd()
        .args([
            "--json", "-p", "desk00", "tickets", "list", "--limit", "100000",
        ])
        .output()
        .unwrap();
    let tickets: Vec<Value> = serde_json::from_str(&stdout(&out)).unwrap();
    let mut subjects: BTreeMap<String, usize> = BTreeMap::new();
    for t in &tickets {
        *subjects
            .entry(t["subject"].as_str().unwrap().to_owned())
            .or_default() += 1;
    }
    assert_eq!(tickets.len() as u64, everything, "one ticket per message");
    assert!(subjects.values().all(|&n| n == 1), "no message twice");
    for i in 0..MAILBOXES {
        let messages = emu.admin_messages(&mailbox(i));
        let archived: Vec<&Value> = messages
            .iter()
            .filter(|m| m["folder"] == "Archive")
            .collect();
        assert_eq!(archived.len(), PER_MAILBOX, "{}: {messages:#?}", mailbox(i));
        assert_eq!(messages.len(), PER_MAILBOX, "nothing left elsewhere");
        let distinct: BTreeSet<&str> = archived
            .iter()
            .map(|m| m["subject"].as_str().unwrap())
            .collect();
        assert_eq!(distinct.len(), PER_MAILBOX);
        assert!(distinct.contains(subject(i, 0).as_str()));
    }
}

#[test]
fn a_worker_whose_shared_store_is_down_does_not_start_and_exits_6() {
    let emu = Emulator::demo();
    let sb = Sandbox::new();
    let port = free_port();
    sb.write_config(&format!(
        "[profiles.desk]\nauthority_host = \"{}\"\ngraph_endpoint = \"{}\"\ntenant = \"{}\"\n\
         client_id = \"{}\"\nmailbox = \"support@contoso.test\"\nfolder = \"Inbox/Support\"\n\
         [profiles.desk.import]\nstore_url = \"postgres://mailconn_pw@127.0.0.1:{port}/mail\"\n",
        emu.base(),
        emu.graph(),
        emu.tenant_id(),
        emu.demo_value("client_id")
    ));
    let out = sb
        .cmd()
        .env("AZURE_CLIENT_SECRET", emu.demo_value("client_secret"))
        .args([
            "serve",
            "--all",
            "--listen",
            "127.0.0.1:0",
            "--backlog",
            "all",
        ])
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(6), "{err}");
    assert!(err.contains(&format!("127.0.0.1:{port}")), "{err}");
    assert!(err.contains("PostgreSQL is running"), "{err}");
    assert!(stdout(&out).is_empty(), "no ready line: {}", stdout(&out));
}
