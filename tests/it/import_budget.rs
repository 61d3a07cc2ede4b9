//! Exchange's request budget (requests per app + mailbox per 10 minutes) running out in the
//! middle of an import: the run stops with exit 6 instead of failing messages, and the run
//! after the window imports the rest, each message once.

use crate::common::emulator::Emulator;
use crate::common::{self, stderr};
use serde_json::{Value, json};

const MAILBOX: &str = "desk@fabrikam.test";
const COUNT: usize = 30;

const TENANT: &str = r#"
tenant_id = "5d0c1e2f-3a4b-4c5d-8e6f-7a8b9c0d1e2f"
domain = "fabrikam.test"
[settings]
mailbox_request_budget = 40
[[apps]]
client_id = "6e1d2f3a-4b5c-4d6e-9f70-8b9c0d1e2f3a"
name = "budget test"
secrets = [{ value = "s3cret-budget-test-value" }]
roles = ["Mail.ReadWrite"]
[[users]]
upn = "desk@fabrikam.test"
kind = "shared"
folders = ["Inbox/Support"]
"#;

#[test]
fn a_spent_request_budget_stops_the_run_and_the_next_window_finishes_it() {
    let emu = Emulator::with_tenant(TENANT);
    for n in 0..COUNT {
        emu.deliver(MAILBOX, "Inbox/Support", &format!("Budget {n}"), json!({}));
    }
    let sb = common::Sandbox::new();
    sb.write_config(&format!(
        "[profiles.desk]\nauthority_host = \"{}\"\ngraph_endpoint = \"{}\"\n\
         tenant = \"fabrikam.test\"\nclient_id = \"6e1d2f3a-4b5c-4d6e-9f70-8b9c0d1e2f3a\"\n\
         mailbox = \"{MAILBOX}\"\nfolder = \"Inbox/Support\"\n",
        emu.base(),
        emu.graph(),
    ));
    let run = |args: &[&str]| {
        sb.cmd()
            .env("AZURE_CLIENT_SECRET", "s3cret-budget-test-value")
            .args(args)
            .output()
            .unwrap()
    };
    let args = [
        "import",
        "--backlog",
        "all",
        "--post-action",
        "move:Inbox/Done",
        "--create-folder",
    ];
    // 30 messages need 60+ requests; the budget is 40.
    let first = run(&args);
    assert_eq!(first.status.code(), Some(6), "{}", stderr(&first));
    assert!(stderr(&first).contains("throttl"), "{}", stderr(&first));
    let log = |status: &str| -> Vec<Value> {
        let out = run(&[
            "--json", "log", "list", "--status", status, "--limit", "500",
        ]);
        serde_json::from_slice::<Value>(&out.stdout)
            .unwrap()
            .as_array()
            .unwrap()
            .clone()
    };
    assert!(
        log("failed").is_empty(),
        "throttling is not a message's failure"
    );
    assert!(
        !log("imported").is_empty(),
        "the run got some work done first"
    );

    // Ten minutes later the budget is back.
    let advanced = emu.admin_post("/clock/advance", json!({"seconds": 601}));
    assert!(advanced.status().is_success());
    let second = run(&["import", "--post-action", "move:Inbox/Done"]);
    assert!(second.status.success(), "{}", stderr(&second));
    let imported = log("imported");
    assert_eq!(imported.len(), COUNT);
    let out = run(&["--json", "tickets", "list", "--limit", "500"]);
    let tickets: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(tickets.as_array().unwrap().len(), COUNT, "one ticket each");
    let left: Vec<Value> = emu
        .admin_messages(MAILBOX)
        .into_iter()
        .filter(|m| m["folder"] == "Inbox/Support")
        .collect();
    assert!(left.is_empty(), "{left:#?}");
}
