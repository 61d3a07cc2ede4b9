//! `mailconn test-connection` end to end: the real binary against the emulator, every step
//! and every failure class with its exit code, retries under injected faults, and the JUnit
//! file read back with an XML parser.

use std::time::Duration;

use crate::common::app_profile::{AppProfile, status_fault};
use crate::common::emulator::Emulator;
use crate::common::{stderr, stdout};
use chrono::DateTime;
use serde_json::Value;

const STEPS: [&str; 8] = [
    "endpoints",
    "permissions",
    "token",
    "mailbox",
    "folder",
    "read",
    "write",
    "send",
];

fn outcomes(report: &Value) -> Vec<(String, String)> {
    report["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["name"].as_str().unwrap().to_owned(),
                s["outcome"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn step<'a>(report: &'a Value, name: &str) -> &'a Value {
    report["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == name)
        .unwrap_or_else(|| panic!("no step {name}"))
}

/// Requests to one Graph path (ignoring the query).
fn count_path(requests: &[Value], suffix: &str) -> usize {
    requests
        .iter()
        .filter(|e| e["path"].as_str().unwrap().ends_with(suffix))
        .count()
}

#[test]
fn every_step_passes_on_a_working_mailbox_with_request_ids() {
    let setup = AppProfile::demo();
    setup.emu.deliver(
        "support@contoso.test",
        "Inbox/Support",
        "Printer on fire",
        Value::Null,
    );
    let (out, report) = setup.json(&["test-connection", "--write-check", "--send-check"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut names: Vec<String> = outcomes(&report).into_iter().map(|(n, _)| n).collect();
    names.sort();
    let mut expected = STEPS.map(str::to_owned).to_vec();
    expected.sort();
    assert_eq!(names, expected);
    assert!(
        outcomes(&report).iter().all(|(_, o)| o == "pass"),
        "{report:#}"
    );
    for graph_step in ["mailbox", "folder", "read", "write", "send"] {
        let id = step(&report, graph_step)["request_id"].as_str();
        assert!(
            id.is_some_and(|id| id.len() == 36),
            "{graph_step} has no request-id"
        );
    }
    assert!(
        step(&report, "read")["detail"]
            .as_str()
            .unwrap()
            .contains("Printer on fire")
    );
    assert!(
        step(&report, "permissions")["detail"]
            .as_str()
            .unwrap()
            .contains("Mail.ReadWrite")
    );
    // The write check leaves nothing behind; the send check reached the mailbox.
    let messages = setup.messages("support@contoso.test");
    assert!(!messages.iter().any(|m| m["folder"] == "Drafts"));
    assert!(messages.iter().any(|m| {
        m["folder"] == "Inbox"
            && m["subject"]
                .as_str()
                .unwrap()
                .starts_with("mailconn test-connection [mc-")
    }));
    // The mailbox is probed through a mail path, never the directory read /users/{id}.
    let requests = setup.graph_requests();
    assert!(
        !requests
            .iter()
            .any(|e| e["path"] == "/v1.0/users/support@contoso.test")
    );
}

#[test]
fn the_table_names_each_step_with_its_result() {
    let setup = AppProfile::demo();
    let out = setup.run(&["test-connection"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let table = stdout(&out);
    for line in [
        "mailbox      pass",
        "folder       pass",
        "write        skipped",
    ] {
        assert!(table.contains(line), "{line:?} missing in:\n{table}");
    }
    assert!(table.contains("not asked for (--write-check)"));
}

#[test]
fn an_app_outside_its_rbac_scope_exits_5_and_points_at_the_exchange_check() {
    let setup = AppProfile::new(
        Emulator::demo(),
        "scoped_client_id",
        "alex@contoso.test",
        "Inbox",
    );
    let app = setup.emu.demo_value("scoped_client_id").to_owned();
    let (out, report) = setup.json(&["test-connection"]);
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    let mailbox = step(&report, "mailbox");
    assert_eq!(mailbox["outcome"], "fail");
    assert_eq!(mailbox["error_kind"], "permission");
    assert!(mailbox["detail"].as_str().unwrap().contains("[RAOP]"));
    let fix = mailbox["fix"].as_str().unwrap();
    assert!(
        fix.contains(&format!(
            "Test-ServicePrincipalAuthorization -Identity {app} -Resource alex@contoso.test"
        )),
        "{fix}"
    );
    assert!(mailbox["request_id"].as_str().is_some());
    assert_eq!(step(&report, "folder")["outcome"], "skipped");
    assert!(stderr(&out).contains("Test-ServicePrincipalAuthorization"));
    // Its own mailbox works.
    let own = AppProfile::new(
        Emulator::demo(),
        "scoped_client_id",
        "support@contoso.test",
        "Inbox/Support",
    );
    assert!(own.run(&["test-connection"]).status.success());
}

#[test]
fn an_unlicensed_mailbox_is_explained() {
    let setup = AppProfile::new(Emulator::demo(), "client_id", "una@contoso.test", "Inbox");
    let (out, report) = setup.json(&["test-connection"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let mailbox = step(&report, "mailbox");
    assert!(
        mailbox["detail"]
            .as_str()
            .unwrap()
            .contains("MailboxNotEnabledForRESTAPI")
    );
    assert!(mailbox["fix"].as_str().unwrap().contains("licence"));
}

#[test]
fn flags_override_the_profile_for_one_run() {
    // A CI job checks several mailboxes with one profile.
    let setup = AppProfile::new(
        Emulator::demo(),
        "client_id",
        "support@contoso.test",
        "Inbox/Support",
    );
    let (out, report) = setup.json(&[
        "test-connection",
        "--mailbox",
        "una@contoso.test",
        "--folder",
        "Inbox",
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        step(&report, "mailbox")["detail"]
            .as_str()
            .unwrap()
            .contains("MailboxNotEnabledForRESTAPI")
    );
    let (out, _) = setup.json(&["test-connection"]);
    assert!(
        out.status.success(),
        "the profile itself is unchanged: {}",
        stderr(&out)
    );
}

#[test]
fn an_unknown_mailbox_is_a_configuration_error() {
    let setup = AppProfile::new(
        Emulator::demo(),
        "client_id",
        "nobody@contoso.test",
        "Inbox",
    );
    let (out, report) = setup.json(&["test-connection"]);
    assert_eq!(out.status.code(), Some(78), "{}", stderr(&out));
    let mailbox = step(&report, "mailbox");
    assert!(
        mailbox["detail"]
            .as_str()
            .unwrap()
            .contains("ErrorInvalidUser")
    );
    assert!(
        mailbox["fix"]
            .as_str()
            .unwrap()
            .contains("profile's mailbox")
    );
}

#[test]
fn a_missing_folder_lists_the_folders_that_do_exist() {
    let setup = AppProfile::new(
        Emulator::demo(),
        "client_id",
        "support@contoso.test",
        "Inbox/Suport",
    );
    let (out, report) = setup.json(&["test-connection"]);
    assert_eq!(out.status.code(), Some(78), "{}", stderr(&out));
    let folder = step(&report, "folder");
    assert!(
        folder["detail"]
            .as_str()
            .unwrap()
            .contains("Inbox has no folder 'Suport'")
    );
    assert!(
        folder["fix"]
            .as_str()
            .unwrap()
            .starts_with("folders under Inbox: Support;")
    );
    assert_eq!(step(&report, "read")["outcome"], "skipped");

    // A missing top-level folder lists the top level (which takes two pages), and the
    // first segment is matched without regard to case.
    let top = AppProfile::new(
        Emulator::demo(),
        "client_id",
        "support@contoso.test",
        "Tickets",
    );
    let (out, report) = top.json(&["test-connection"]);
    assert_eq!(out.status.code(), Some(78));
    let fix = step(&report, "folder")["fix"].as_str().unwrap().to_owned();
    for name in ["Inbox", "Sent Items", "Sync Issues"] {
        assert!(fix.contains(name), "{name} missing in {fix}");
    }
    let case = AppProfile::new(
        Emulator::demo(),
        "client_id",
        "support@contoso.test",
        "INBOX/support",
    );
    assert!(case.run(&["test-connection"]).status.success());
}

#[test]
fn a_token_without_roles_fails_the_permission_step_before_any_graph_call() {
    let setup = AppProfile::new(
        Emulator::demo(),
        "unconsented_client_id",
        "support@contoso.test",
        "Inbox",
    );
    let (out, report) = setup.json(&["test-connection", "--send-check"]);
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    let permissions = step(&report, "permissions");
    let detail = permissions["detail"].as_str().unwrap();
    assert!(detail.contains("(none)"), "{detail}");
    assert!(detail.contains("Mail.ReadWrite") && detail.contains("Mail.Send"));
    assert!(
        permissions["fix"]
            .as_str()
            .unwrap()
            .contains("admin consent")
    );
    assert_eq!(step(&report, "mailbox")["outcome"], "skipped");
    assert!(setup.graph_requests().is_empty());
}

#[test]
fn a_wrong_secret_fails_the_token_step_with_the_entra_fix() {
    let setup = AppProfile::demo();
    let (out, report) = setup.json_with_env(
        &["test-connection"],
        &[("AZURE_CLIENT_SECRET", "not-the-secret")],
    );
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    let token = step(&report, "token");
    assert!(token["detail"].as_str().unwrap().contains("AADSTS7000215"));
    assert!(token["fix"].as_str().is_some());
    assert_eq!(step(&report, "permissions")["outcome"], "skipped");
    assert!(setup.graph_requests().is_empty());
}

#[test]
fn an_expired_token_at_graph_is_an_auth_failure() {
    let setup = AppProfile::demo();
    setup.fault(serde_json::json!({
        "path": "/v1.0/users/*", "times": 0, "fault": {"kind": "expired_token"}
    }));
    let (out, report) = setup.json(&["test-connection"]);
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    assert_eq!(step(&report, "mailbox")["error_kind"], "auth");
    // A 401 is not retried.
    assert_eq!(setup.graph_requests().len(), 1);
}

#[test]
fn throttling_is_retried_after_the_time_graph_asks_for() {
    let setup = AppProfile::demo();
    setup.fault(status_fault(
        "GET",
        "/v1.0/users/*/mailFolders/inbox",
        2,
        429,
        Some("0.6"),
    ));
    let out = setup.run(&["test-connection"]);
    assert!(out.status.success(), "{}", stderr(&out));
    // The mailbox probe (two 429s, then 200); the folder step reads the inbox again.
    let tries: Vec<Value> = setup
        .graph_requests()
        .into_iter()
        .filter(|e| e["path"].as_str().unwrap().ends_with("/mailFolders/inbox"))
        .take(3)
        .collect();
    assert_eq!(
        tries
            .iter()
            .map(|e| e["status"].as_u64().unwrap())
            .collect::<Vec<_>>(),
        [429, 429, 200]
    );
    let started = |e: &Value| DateTime::parse_from_rfc3339(e["started"].as_str().unwrap()).unwrap();
    for pair in tries.windows(2) {
        let gap = (started(&pair[1]) - started(&pair[0])).to_std().unwrap();
        assert!(gap >= Duration::from_millis(600), "retried after {gap:?}");
    }
}

#[test]
fn throttling_without_retry_after_backs_off_and_503_gives_up_with_exit_6() {
    let setup = AppProfile::demo();
    setup.fault(status_fault("GET", "/v1.0/users/*/messages*", 1, 429, None));
    let out = setup.run(&["test-connection"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(count_path(&setup.graph_requests(), "/messages"), 2);

    let down = AppProfile::demo();
    down.fault(status_fault(
        "GET",
        "/v1.0/users/*/mailFolders/inbox",
        0,
        503,
        None,
    ));
    let (out, report) = down.json(&["test-connection"]);
    assert_eq!(out.status.code(), Some(6), "{}", stderr(&out));
    assert_eq!(step(&report, "mailbox")["error_kind"], "unavailable");
    // The first try and four retries.
    assert_eq!(count_path(&down.graph_requests(), "/mailFolders/inbox"), 5);
}

#[test]
fn a_read_over_a_broken_connection_is_tried_again() {
    let setup = AppProfile::demo();
    setup.fault(serde_json::json!({
        "method": "GET", "path": "/v1.0/users/*/messages", "fault": {"kind": "reset"}
    }));
    let out = setup.run(&["test-connection"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(count_path(&setup.graph_requests(), "/messages"), 2);
}

#[test]
fn a_send_that_may_have_happened_is_not_repeated() {
    let setup = AppProfile::demo();
    setup.fault(status_fault("POST", "/v1.0/users/*/sendMail", 1, 504, None));
    let (out, report) = setup.json(&["test-connection", "--send-check"]);
    assert_eq!(out.status.code(), Some(6), "{}", stderr(&out));
    assert_eq!(step(&report, "send")["outcome"], "fail");
    assert_eq!(count_path(&setup.graph_requests(), "/sendMail"), 1);
}

#[test]
fn with_cached_token_it_makes_four_graph_requests_and_none_to_entra() {
    let mut setup = AppProfile::demo();
    setup.secret_in_env = false;
    let out = setup
        .cmd()
        .args(["credentials", "set", "client-secret", "--secret-stdin"])
        .write_stdin(setup.emu.demo_value("client_secret").to_owned())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let first = setup.run(&["test-connection"]);
    assert!(first.status.success(), "{}", stderr(&first));
    setup.clear_journal();
    let (out, report) = setup.json(&["test-connection", "--cached-token"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        step(&report, "token")["detail"]
            .as_str()
            .unwrap()
            .starts_with("from the token cache")
    );
    // README "Checking a mailbox": inbox probe, Inbox, Support by name, one message.
    let journal = setup.emu.journal();
    assert_eq!(journal.len(), 4, "{journal:#?}");
    assert!(
        journal
            .iter()
            .all(|e| e["path"].as_str().unwrap().starts_with("/v1.0/"))
    );
    let _ = setup
        .cmd()
        .args(["profile", "remove", &setup.profile.clone()])
        .output();
}

#[test]
fn the_junit_file_is_valid_junit_xml() {
    let setup = AppProfile::new(
        Emulator::demo(),
        "client_id",
        "support@contoso.test",
        "Inbox/Nope & <co>",
    );
    let file = setup.sb.path().join("result.xml");
    let out = setup
        .cmd()
        .args(["test-connection", "--junit"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(78), "{}", stderr(&out));
    let xml = std::fs::read_to_string(&file).unwrap();
    let suite = junit::parse(&xml);
    assert_eq!(suite.root, "testsuites");
    assert_eq!(suite.attr("testsuite", "tests"), "8");
    assert_eq!(suite.attr("testsuite", "failures"), "1");
    assert_eq!(suite.attr("testsuite", "skipped"), "3");
    let cases: Vec<&str> = suite.cases.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        cases,
        [
            "endpoints",
            "token",
            "permissions",
            "mailbox",
            "folder",
            "read",
            "write",
            "send"
        ]
    );
    let folder = &suite.cases[4];
    assert_eq!(folder.failure_type.as_deref(), Some("config"));
    assert!(
        folder
            .failure_message
            .as_deref()
            .unwrap()
            .contains("'Nope & <co>'"),
        "escaped text reads back as written"
    );
    assert!(
        folder
            .system_out
            .as_deref()
            .unwrap()
            .starts_with("request-id: ")
    );
    assert!(suite.cases[5].skipped);
    assert!(suite.cases.iter().all(|c| c.time.parse::<f64>().is_ok()));
}

/// Just enough of a JUnit reader, on a real XML parser.
mod junit {
    use quick_xml::Reader;
    use quick_xml::events::{BytesStart, Event};

    pub struct Case {
        pub name: String,
        pub time: String,
        pub skipped: bool,
        pub failure_type: Option<String>,
        pub failure_message: Option<String>,
        pub system_out: Option<String>,
    }

    pub struct Suite {
        pub root: String,
        attrs: Vec<(String, String, String)>,
        pub cases: Vec<Case>,
    }

    impl Suite {
        pub fn attr(&self, element: &str, name: &str) -> &str {
            self.attrs
                .iter()
                .find(|(e, n, _)| e == element && n == name)
                .map(|(_, _, v)| v.as_str())
                .unwrap_or_else(|| panic!("<{element}> has no {name}"))
        }
    }

    fn attrs(e: &BytesStart<'_>) -> Vec<(String, String)> {
        e.attributes()
            .map(|a| {
                let a = a.expect("well-formed attribute");
                (
                    String::from_utf8(a.key.as_ref().to_vec()).unwrap(),
                    a.unescape_value().expect("valid escapes").into_owned(),
                )
            })
            .collect()
    }

    pub fn parse(xml: &str) -> Suite {
        let mut reader = Reader::from_str(xml);
        let mut suite = Suite {
            root: String::new(),
            attrs: Vec::new(),
            cases: Vec::new(),
        };
        let mut in_system_out = false;
        loop {
            let event = reader.read_event().expect("well-formed XML");
            let (e, empty) = match &event {
                Event::Start(e) => (Some(e), false),
                Event::Empty(e) => (Some(e), true),
                _ => (None, false),
            };
            if let Some(e) = e {
                let name = String::from_utf8(e.name().as_ref().to_vec()).unwrap();
                let a = attrs(e);
                let get = |k: &str| a.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
                if suite.root.is_empty() {
                    suite.root = name.clone();
                }
                match name.as_str() {
                    "testsuites" | "testsuite" => {
                        for (k, v) in &a {
                            suite.attrs.push((name.clone(), k.clone(), v.clone()));
                        }
                    }
                    "testcase" => suite.cases.push(Case {
                        name: get("name").expect("testcase name"),
                        time: get("time").expect("testcase time"),
                        skipped: false,
                        failure_type: None,
                        failure_message: None,
                        system_out: None,
                    }),
                    "skipped" => suite.cases.last_mut().expect("inside a testcase").skipped = true,
                    "failure" => {
                        let case = suite.cases.last_mut().expect("inside a testcase");
                        case.failure_type = get("type");
                        case.failure_message = get("message");
                    }
                    "system-out" => in_system_out = !empty,
                    "property" | "properties" => {}
                    other => panic!("unexpected element <{other}> in JUnit XML"),
                }
                continue;
            }
            match event {
                Event::Text(t) if in_system_out => {
                    let text = t.decode().expect("text").into_owned();
                    suite.cases.last_mut().unwrap().system_out = Some(text);
                }
                Event::End(e) if e.name().as_ref() == b"system-out" => in_system_out = false,
                Event::Eof => break,
                _ => {}
            }
        }
        suite
    }
}

/// Signs alex in through the browser flow (the emulator approves on its own, curl plays the
/// browser) for a delegated profile on `mailbox`.
fn delegated(mailbox: &str) -> AppProfile {
    let setup = AppProfile::with_auth(
        Emulator::demo(),
        "public_client_id",
        "browser",
        mailbox,
        "Inbox",
    );
    setup.emu.auto_approve("alex@contoso.test");
    let out = setup
        .cmd()
        .args(["login", "--browser"])
        .env("BROWSER", "curl --silent --location --output /dev/null %s")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    setup
}

#[test]
fn a_signed_in_user_without_delegate_access_to_the_mailbox_is_named() {
    let setup = delegated("una@contoso.test");
    let (out, report) = setup.json(&["test-connection"]);
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    let permissions = step(&report, "permissions");
    assert_eq!(permissions["outcome"], "pass", "{permissions:#}");
    assert!(
        permissions["detail"]
            .as_str()
            .unwrap()
            .starts_with("delegated scopes")
    );
    let mailbox = step(&report, "mailbox");
    let detail = mailbox["detail"].as_str().unwrap();
    assert!(
        detail.starts_with("alex@contoso.test signed in, but the mailbox is una@contoso.test, and alex@contoso.test has no delegate access to it"),
        "{detail}"
    );
    assert!(mailbox["fix"].as_str().unwrap().contains("Add-MailboxPermission -Identity una@contoso.test -User alex@contoso.test -AccessRights FullAccess"));
    let _ = setup
        .cmd()
        .args(["profile", "remove", &setup.profile.clone()])
        .output();

    // The shared mailbox alex has delegate access to passes.
    let shared = delegated("support@contoso.test");
    let (out, report) = shared.json(&["test-connection"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        step(&report, "token")["detail"]
            .as_str()
            .unwrap()
            .contains("user alex@contoso.test")
    );
    let _ = shared
        .cmd()
        .args(["profile", "remove", &shared.profile.clone()])
        .output();
}
