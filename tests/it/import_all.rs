//! `mailconn import --all`: every profile's mailbox in one process. One mailbox whose
//! secret is wrong and one that Exchange keeps throttling must not stop the others; the
//! summary names both with their fixes, and the exit code is the worst of the mailboxes'.

use serde_json::{Value, json};

use crate::common::app_profile::status_fault;
use crate::common::emulator::Emulator;
use crate::common::{self, Sandbox, keyring, stderr, stdout};

const APP_A: &str = "6e1d2f3a-4b5c-4d6e-9f70-8b9c0d1e2f3a";
const APP_B: &str = "7f2e3a4b-5c6d-4e7f-8a91-9c0d1e2f3a4b";
const SECRET_A: &str = "fleet-secret-of-app-a";

const TENANT: &str = r#"
tenant_id = "5d0c1e2f-3a4b-4c5d-8e6f-7a8b9c0d1e2f"
domain = "fabrikam.test"
[[apps]]
client_id = "6e1d2f3a-4b5c-4d6e-9f70-8b9c0d1e2f3a"
name = "help desk"
secrets = [{ value = "fleet-secret-of-app-a" }]
roles = ["Mail.ReadWrite", "User.Read.All"]
[[apps]]
client_id = "7f2e3a4b-5c6d-4e7f-8a91-9c0d1e2f3a4b"
name = "billing desk"
secrets = [{ value = "fleet-secret-of-app-b" }]
roles = ["Mail.ReadWrite", "User.Read.All"]
[[users]]
upn = "support@fabrikam.test"
kind = "shared"
folders = ["Inbox/Support"]
[[users]]
upn = "it@fabrikam.test"
kind = "shared"
folders = ["Inbox/Support"]
[[users]]
upn = "billing@fabrikam.test"
kind = "shared"
folders = ["Inbox/Support"]
[[users]]
upn = "sales@fabrikam.test"
kind = "shared"
folders = ["Inbox/Support"]
"#;

/// Profile suffix, app, secret in the keyring, mailbox.
const PROFILES: [(&str, &str, &str, &str); 4] = [
    ("support", APP_A, SECRET_A, "support@fabrikam.test"),
    ("it", APP_A, SECRET_A, "it@fabrikam.test"),
    ("billing", APP_B, "not-the-secret", "billing@fabrikam.test"),
    ("sales", APP_A, SECRET_A, "sales@fabrikam.test"),
];
const PER_MAILBOX: usize = 6;

struct Fleet {
    emu: Emulator,
    sb: Sandbox,
    /// The keyring accounts are per profile name, so names are unique to this test.
    names: Vec<String>,
}

impl Fleet {
    fn new() -> Fleet {
        let emu = Emulator::with_tenant(TENANT);
        let sb = Sandbox::new();
        let prefix = common::unique_name("fleet");
        let mut config = String::new();
        let mut names = Vec::new();
        for (suffix, app, _, mailbox) in PROFILES {
            let name = format!("{prefix}-{suffix}");
            config.push_str(&format!(
                "[profiles.{name}]\nauthority_host = \"{}\"\ngraph_endpoint = \"{}\"\n\
                 tenant = \"fabrikam.test\"\nclient_id = \"{app}\"\nmailbox = \"{mailbox}\"\n\
                 folder = \"Inbox/Support\"\n",
                emu.base(),
                emu.graph()
            ));
            names.push(name);
        }
        sb.write_config(&config);
        let fleet = Fleet { emu, sb, names };
        for (name, (_, _, secret, _)) in fleet.names.iter().zip(PROFILES) {
            let out = fleet
                .cmd()
                .args([
                    "-p",
                    name,
                    "credentials",
                    "set",
                    "client-secret",
                    "--secret-stdin",
                ])
                .write_stdin(format!("{secret}\n"))
                .output()
                .unwrap();
            assert!(out.status.success(), "{}", stderr(&out));
        }
        for (_, _, _, mailbox) in PROFILES {
            for n in 0..PER_MAILBOX {
                fleet.emu.deliver(
                    mailbox,
                    "Inbox/Support",
                    &format!("{mailbox} {n}"),
                    json!({}),
                );
            }
        }
        fleet
    }

    fn cmd(&self) -> assert_cmd::Command {
        let mut cmd = self.sb.cmd();
        cmd.env("DBUS_SESSION_BUS_ADDRESS", keyring::session_bus());
        cmd
    }

    /// An app-only token of app A, for the directory lookup and nothing else.
    fn object_id(&self, upn: &str) -> String {
        let answer: Value = self
            .emu
            .token(&[
                ("client_id", APP_A),
                ("client_secret", SECRET_A),
                ("grant_type", "client_credentials"),
                ("scope", "https://graph.microsoft.com/.default"),
            ])
            .json()
            .unwrap();
        let token = answer["access_token"].as_str().unwrap();
        let user: Value = self
            .emu
            .get(&format!("/users/{upn}?$select=id"), token)
            .json()
            .unwrap();
        user["id"].as_str().unwrap().to_owned()
    }

    fn row<'a>(&self, rows: &'a [Value], suffix: &str) -> &'a Value {
        let name = &self.names[PROFILES.iter().position(|p| p.0 == suffix).unwrap()];
        rows.iter()
            .find(|r| r["profile"] == name.as_str())
            .unwrap_or_else(|| panic!("no row for {name}: {rows:#?}"))
    }
}

#[test]
fn one_bad_secret_and_one_throttled_mailbox_do_not_stop_the_others() {
    let fleet = Fleet::new();
    // Exchange keeps throttling sales@ with a Retry-After longer than a run waits.
    let sales = fleet.object_id("sales@fabrikam.test");
    let answer = fleet.emu.admin_post(
        "/faults",
        status_fault(
            "GET",
            &format!("/v1.0/users/{sales}/*"),
            1000,
            429,
            Some("600"),
        ),
    );
    assert_eq!(answer.status(), 201);
    // The lookup's own token request is not the import's.
    let cleared = fleet
        .emu
        .http
        .delete(format!("{}/journal", fleet.emu.admin()))
        .send()
        .unwrap();
    assert!(cleared.status().is_success());

    let out = fleet
        .cmd()
        .args(["--json", "import", "--all", "--backlog", "all"])
        .output()
        .unwrap();
    // The worst of: 0, 0, 4 (sign-in), 6 (throttled).
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    let lines: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let (last, events) = lines.split_last().unwrap();
    assert_eq!(last["event"], "finished-all");
    // Every event says whose it is.
    for event in events {
        assert!(event["profile"].is_string(), "{event}");
        let mailbox = event["mailbox"].as_str().unwrap();
        assert!(mailbox.ends_with("@fabrikam.test"), "{event}");
    }
    let rows = last["mailboxes"].as_array().unwrap();
    assert_eq!(rows.len(), 4);
    for suffix in ["support", "it"] {
        let row = fleet.row(rows, suffix);
        assert_eq!(row["exit_code"], 0, "{row:#}");
        assert_eq!(row["summary"]["imported"], PER_MAILBOX, "{row:#}");
    }
    let billing = fleet.row(rows, "billing");
    assert_eq!(billing["exit_code"], 4, "{billing:#}");
    assert!(
        billing["error"]["message"]
            .as_str()
            .unwrap()
            .contains("AADSTS7000215"),
        "{billing:#}"
    );
    assert!(billing["error"]["hint"].is_string(), "{billing:#}");
    let sales_row = fleet.row(rows, "sales");
    assert_eq!(sales_row["exit_code"], 6, "{sales_row:#}");
    assert!(sales_row["error"]["hint"].is_string(), "{sales_row:#}");

    // support, it and sales share app A's token: one token request for app A.
    let token_requests: Vec<Value> = fleet
        .emu
        .journal()
        .into_iter()
        .filter(|e| {
            e["path"]
                .as_str()
                .unwrap_or_default()
                .ends_with("/oauth2/v2.0/token")
        })
        .collect();
    assert_eq!(
        token_requests.len(),
        2,
        "one for app A, one (refused) for app B: {token_requests:#?}"
    );

    // A second run imports nothing twice; people get a table naming the fixes.
    let again = fleet.cmd().args(["import", "--all"]).output().unwrap();
    assert_eq!(again.status.code(), Some(4), "{}", stderr(&again));
    let table = stdout(&again);
    for name in &fleet.names {
        assert!(table.contains(name.as_str()), "{table}");
    }
    assert!(table.contains("fix:"), "{table}");
    assert!(stderr(&again).contains("2 of 4 mailbox(es) did not import fully"));
    // The profiles share the host's one store.
    let tickets = fleet
        .cmd()
        .args(["--json", "-p", &fleet.names[0], "tickets", "list"])
        .output()
        .unwrap();
    let tickets: Value = serde_json::from_str(&stdout(&tickets)).unwrap();
    assert_eq!(
        tickets.as_array().map(Vec::len),
        Some(2 * PER_MAILBOX),
        "{tickets:#}"
    );
}

#[test]
fn all_refuses_a_profile_flag_and_setting_overrides() {
    let fleet = Fleet::new();
    let out = fleet
        .cmd()
        .args(["-p", &fleet.names[0], "import", "--all"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let out = fleet
        .cmd()
        .args(["import", "--all", "--mailbox", "x@fabrikam.test"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let out = fleet
        .cmd()
        .args(["import", "--all", "--wait"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let out = fleet
        .cmd()
        .args(["import", "--profiles", "nothing-matches-*"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(78), "{}", stderr(&out));
}
