//! Ctrl-C during `mailconn import`: the messages in hand are finished (recorded, post-action
//! done), the run exits 130, and the next run imports the rest exactly once.

mod common;

use std::io::{BufRead, BufReader};
use std::process::Stdio;

use common::app_profile::AppProfile;
use common::emulator::Emulator;
use serde_json::{Value, json};

const MAILBOX: &str = "support@contoso.test";
const COUNT: usize = 40;

fn events(lines: &[String]) -> Vec<Value> {
    lines
        .iter()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{l}: {e}")))
        .collect()
}

fn of_kind<'a>(events: &'a [Value], kind: &str) -> Vec<&'a Value> {
    events.iter().filter(|e| e["event"] == kind).collect()
}

#[test]
fn ctrl_c_finishes_the_messages_in_hand_and_the_next_run_takes_the_rest() {
    // Latency keeps the run busy long enough to be interrupted in the middle.
    let ap = AppProfile::new(
        Emulator::start(&["--latency", "40ms"]),
        "client_id",
        MAILBOX,
        "Inbox/Support",
    );
    for n in 0..COUNT {
        ap.emu
            .deliver(MAILBOX, "Inbox/Support", &format!("Request {n}"), json!({}));
    }
    let mut child = ap
        .sb
        .std_cmd()
        .env("AZURE_CLIENT_SECRET", ap.emu.demo_value("client_secret"))
        .args([
            "--json",
            "import",
            "--backlog",
            "all",
            "--post-action",
            "move:Inbox/Done",
            "--create-folder",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = Vec::new();
    let mut reader = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    // Interrupt once the first message is in.
    while reader.read_line(&mut line).unwrap() > 0 {
        lines.push(line.trim_end().to_owned());
        let first_imported = line.contains(r#""event":"message""#);
        line.clear();
        if first_imported {
            let sent = std::process::Command::new("kill")
                .args(["-INT", &child.id().to_string()])
                .status()
                .unwrap();
            assert!(sent.success());
            break;
        }
    }
    for rest in reader.lines() {
        lines.push(rest.unwrap());
    }
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(130), "{lines:#?}");

    let first = events(&lines);
    let imported: Vec<&str> = of_kind(&first, "message")
        .iter()
        .filter(|m| m["outcome"] == "imported")
        .map(|m| m["id"].as_str().unwrap())
        .collect();
    let finished = of_kind(&first, "finished");
    assert_eq!(finished.len(), 1, "{lines:#?}");
    assert_eq!(finished[0]["interrupted"], true);
    assert!(
        !imported.is_empty() && imported.len() < COUNT,
        "the interrupt should land mid-run: {} imported",
        imported.len()
    );
    // Every message that made its ticket also got its post-action before the exit.
    let moved: Vec<&str> = of_kind(&first, "post-action")
        .iter()
        .filter(|p| p["ok"] == true)
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    for id in &imported {
        assert!(moved.contains(id), "{id} was imported but not moved");
    }

    // The next run imports the rest, and nothing twice.
    let output = ap.run(&["--json", "import", "--post-action", "move:Inbox/Done"]);
    assert!(output.status.success(), "{}", common::stderr(&output));
    let second = events(
        &String::from_utf8(output.stdout)
            .unwrap()
            .lines()
            .map(str::to_owned)
            .collect::<Vec<_>>(),
    );
    let summary = of_kind(&second, "finished")[0];
    assert_eq!(
        summary["imported"].as_u64().unwrap() as usize,
        COUNT - imported.len()
    );
    let (_, tickets) = ap.json(&["tickets", "list", "--limit", "1000"]);
    assert_eq!(tickets.as_array().unwrap().len(), COUNT);
    let left: Vec<Value> = ap
        .messages(MAILBOX)
        .into_iter()
        .filter(|m| m["folder"] == "Inbox/Support")
        .collect();
    assert!(left.is_empty(), "still in the folder: {left:#?}");
}
