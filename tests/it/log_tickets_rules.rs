//! `log`, `tickets` and `rules check` against a store filled through the library, the way
//! the import fills it.

use crate::common::{Sandbox, stderr, stdout};
use mailconn::store::{
    Failure, Import, MessageKey, MessageMeta, Record, Recorded, RecordedDecision, SinkWrite,
    SqliteStore, Store, TicketWrite,
};
use serde_json::Value;

const MAILBOX: &str = "support@contoso.com";

fn key(id: &str) -> MessageKey {
    MessageKey {
        mailbox: MAILBOX.into(),
        immutable_id: id.into(),
    }
}

fn meta(subject: &str, sender: &str) -> MessageMeta {
    MessageMeta {
        profile: Some("prod".into()),
        folder: "Inbox/Support".into(),
        internet_message_id: Some(format!("{}@example.com", subject.len())),
        sender: Some(sender.into()),
        subject: subject.into(),
        received_at: None,
    }
}

/// The default store path inside the sandbox: `$XDG_DATA_HOME/mailconn/mailconn.db`.
fn fill_store(sandbox: &Sandbox) -> (i64, i64) {
    let mut store = SqliteStore::open(&sandbox.path().join("data/mailconn/mailconn.db")).unwrap();
    let imported = Record::Imported(Import {
        key: key("id-1"),
        meta: meta("Printer on fire", "ann@example.com"),
        decision: RecordedDecision {
            action: "new-ticket".into(),
            rule: "route:hardware".into(),
            reason: None,
        },
        sink: SinkWrite::Tickets(Box::new(TicketWrite {
            follow_up: None,
            queue: Some("hardware".into()),
            priority: Some("high".into()),
            tags: vec!["printer".into()],
            from: Some("ann@example.com".into()),
            subject: "Printer on fire".into(),
            text: "It burns.".into(),
            original_text: "It burns.\n\nSent from my iPhone".into(),
            html: None,
            headers: vec![],
            attachments: vec![],
        })),
        post_action: "move:Inbox/Done".into(),
        request_ids: vec!["req-list-1".into()],
    });
    let ignored = Record::Ignored {
        key: key("id-2"),
        meta: meta("Out of office", "bob@example.com"),
        decision: RecordedDecision {
            action: "ignore".into(),
            rule: "auto-reply:auto-submitted".into(),
            reason: Some("Auto-Submitted: auto-replied".into()),
        },
    };
    // One batch, as the import commits them.
    let mut results = store.record_batch(&[imported, ignored]).unwrap();
    assert!(matches!(results.pop(), Some(Ok(Recorded::Ignored { .. }))));
    let recorded = results.pop().unwrap().unwrap();
    let Recorded::Imported {
        log_id,
        ticket_id: Some(ticket),
    } = recorded
    else {
        panic!("{recorded:?}")
    };
    store
        .record_post_action(
            log_id,
            Err(Failure {
                error: "503 from Graph".into(),
                hint: Some("retried on the next run".into()),
            }),
            &["req-move-1".into()],
        )
        .unwrap();
    (log_id, ticket)
}

fn json(sandbox: &Sandbox, args: &[&str]) -> Value {
    let out = sandbox.cmd().arg("--json").args(args).output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    serde_json::from_str(&stdout(&out)).unwrap()
}

#[test]
fn log_list_shows_each_message_and_filters() {
    let sandbox = Sandbox::new();
    fill_store(&sandbox);
    let all = json(&sandbox, &["log", "list"]);
    assert_eq!(all.as_array().unwrap().len(), 2);

    let ignored = json(&sandbox, &["log", "list", "--status", "ignored"]);
    assert_eq!(ignored[0]["subject"], "Out of office");
    let by_sender = json(&sandbox, &["log", "list", "--sender", "ANN"]);
    assert_eq!(by_sender[0]["post_action_status"], "failed");
    let by_subject = json(&sandbox, &["log", "list", "--subject", "nothing like it"]);
    assert_eq!(by_subject.as_array().unwrap().len(), 0);

    let table = sandbox.cmd().args(["log", "list"]).output().unwrap();
    let text = stdout(&table);
    assert!(text.contains("move:Inbox/Done (failed)"), "{text}");
    assert!(text.contains("Out of office"), "{text}");

    let bad = sandbox
        .cmd()
        .args(["log", "list", "--status", "done"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn log_show_tells_the_whole_story_of_a_message() {
    let sandbox = Sandbox::new();
    let (log_id, ticket) = fill_store(&sandbox);
    let detail = json(&sandbox, &["log", "show", &log_id.to_string()]);
    assert_eq!(detail["ticket_id"], ticket);
    assert_eq!(detail["attempts"][0]["decision"]["rule"], "route:hardware");
    assert_eq!(detail["attempts"][0]["request_ids"][0], "req-list-1");
    assert_eq!(
        detail["attempts"][1]["failure"]["hint"],
        "retried on the next run"
    );

    let text = stdout(
        &sandbox
            .cmd()
            .args(["log", "show", &log_id.to_string()])
            .output()
            .unwrap(),
    );
    assert!(
        text.contains("error: 503 from Graph (hint: retried on the next run)"),
        "{text}"
    );

    let missing = sandbox.cmd().args(["log", "show", "999"]).output().unwrap();
    assert_eq!(missing.status.code(), Some(1));
    assert!(stderr(&missing).contains("log entry 999 does not exist"));
}

#[test]
fn log_export_writes_one_json_object_per_line() {
    let sandbox = Sandbox::new();
    fill_store(&sandbox);
    let out = sandbox.cmd().args(["log", "export"]).output().unwrap();
    assert!(out.status.success());
    let lines: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert!(lines.iter().all(|l| l["attempts"].is_array()));
}

#[test]
fn log_prune_keeps_what_guards_against_a_reimport() {
    let sandbox = Sandbox::new();
    fill_store(&sandbox);
    // Nothing is older than a week yet.
    let out = sandbox
        .cmd()
        .args(["--json", "log", "prune", "--older-than", "7d"])
        .output()
        .unwrap();
    let report: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(report["entries_removed"], 0);
    assert_eq!(
        json(&sandbox, &["log", "list"]).as_array().unwrap().len(),
        2
    );

    let bad = sandbox
        .cmd()
        .args(["log", "prune", "--older-than", "soon"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn tickets_list_and_show() {
    let sandbox = Sandbox::new();
    let (_, ticket) = fill_store(&sandbox);
    let list = json(&sandbox, &["tickets", "list"]);
    assert_eq!(list[0]["subject"], "Printer on fire");
    assert_eq!(list[0]["queue"], "hardware");
    let text = stdout(
        &sandbox
            .cmd()
            .args(["tickets", "show", &ticket.to_string()])
            .output()
            .unwrap(),
    );
    assert!(
        text.contains(&format!("ticket #{ticket}: Printer on fire")),
        "{text}"
    );
    assert!(text.contains("It burns."), "{text}");
    assert!(
        !text.contains("Sent from my iPhone"),
        "the stripped text is shown: {text}"
    );
}

#[test]
fn reading_commands_do_not_invent_an_empty_store() {
    let sandbox = Sandbox::new();
    let out = sandbox.cmd().args(["log", "list"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("there is no processing log at"),
        "{}",
        stderr(&out)
    );
    assert!(!sandbox.path().join("data/mailconn/mailconn.db").exists());

    let elsewhere = sandbox.path().join("elsewhere.db");
    SqliteStore::open(&elsewhere).unwrap();
    let out = sandbox
        .cmd()
        .env("MAILCONN_STORE", &elsewhere)
        .args(["tickets", "list"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out).trim(), "no tickets yet");
}

#[test]
fn rules_check_summarizes_a_good_file_and_points_at_a_bad_one() {
    let sandbox = Sandbox::new();
    let good = sandbox.path().join("rules.toml");
    std::fs::write(
        &good,
        "[senders]\ndeny = [\"noreply@*\"]\n[[route]]\nname = \"billing\"\nsubject = \"(?i)invoice\"\nqueue = \"billing\"\n",
    )
    .unwrap();
    let out = sandbox
        .cmd()
        .args(["rules", "check"])
        .arg(&good)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("routes:        billing (first match wins)"),
        "{text}"
    );
    assert!(text.contains("1 deny pattern"), "{text}");

    let bad = sandbox.path().join("bad.toml");
    std::fs::write(&bad, "[[route]]\nname = \"x\"\nsubject = \"(unclosed\"\n").unwrap();
    let out = sandbox
        .cmd()
        .args(["rules", "check"])
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(78));
    let err = stderr(&out);
    assert!(
        err.contains(&format!("{}:3:11: subject:", bad.display())),
        "{err}"
    );
    assert!(err.contains("hint:"), "{err}");
}

#[test]
fn the_readme_example_rules_file_is_valid_and_does_what_it_says() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let section = readme
        .split("### Rules file")
        .nth(1)
        .expect("README has a Rules file section");
    let example = section
        .split("```toml\n")
        .nth(1)
        .and_then(|s| s.split("```").next())
        .expect("the section has a toml example");
    let sandbox = Sandbox::new();
    let file = sandbox.path().join("rules.toml");
    std::fs::write(&file, example).unwrap();
    let out = sandbox
        .cmd()
        .args(["--json", "rules", "check"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let summary: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(
        summary["routes"],
        serde_json::json!(["newsletters", "billing", "outage"])
    );
    assert_eq!(summary["preprocess"][0], "contoso-footer");
    assert!(
        !summary["preprocess"]
            .as_array()
            .unwrap()
            .contains(&"disclaimer".into())
    );
}
