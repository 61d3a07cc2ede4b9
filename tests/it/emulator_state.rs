//! `--state-dir DIR`: a restart with the same directory and tenant serves the same folders
//! and messages with the same ids and flags, drafts included, and accepts tokens issued
//! before it; the emulator is killed with SIGKILL, so only what was saved before each
//! answer can survive.

use crate::common::emulator::Emulator;
use crate::common::{self, Sandbox};
use serde_json::{Value, json};

const SUPPORT: &str = "support@contoso.test";

fn urlencode(id: &str) -> String {
    url::form_urlencoded::byte_serialize(id.as_bytes()).collect()
}

fn send(request: reqwest::blocking::RequestBuilder) -> (u16, Value) {
    let response = request.send().unwrap();
    let status = response.status().as_u16();
    (status, response.json().unwrap_or(Value::Null))
}

#[test]
fn a_restart_with_the_same_state_dir_serves_the_same_ids_and_flags() {
    let state = tempfile::tempdir().unwrap();
    let state_arg = state.path().to_str().unwrap();
    let mut first = Emulator::start(&["--state-dir", state_arg]);
    let token = first.app_token();
    let graph = first.graph().to_owned();
    let mailbox = format!("{graph}/users/{SUPPORT}");

    let kept = first.deliver(SUPPORT, "Inbox/Support", "Printer", json!({}));
    let moved = first.deliver(SUPPORT, "Inbox/Support", "Scanner", json!({}));
    let kept_id = kept["id"].as_str().unwrap();
    let (status, _) = send(
        first
            .http
            .patch(format!("{mailbox}/messages/{}", urlencode(kept_id)))
            .bearer_auth(&token)
            .json(&json!({"isRead": true, "categories": ["Escalated"]})),
    );
    assert_eq!(status, 200);
    let (status, folder) = send(
        first
            .http
            .post(format!("{mailbox}/mailFolders/inbox/childFolders"))
            .bearer_auth(&token)
            .json(&json!({"displayName": "Done"})),
    );
    assert_eq!(status, 201);
    let (status, after_move) = send(
        first
            .http
            .post(format!(
                "{mailbox}/messages/{}/move",
                urlencode(moved["id"].as_str().unwrap())
            ))
            .bearer_auth(&token)
            .json(&json!({"destinationId": folder["id"]})),
    );
    assert_eq!(status, 201);
    let (status, draft) = send(
        first
            .http
            .post(format!("{mailbox}/messages"))
            .bearer_auth(&token)
            .json(&json!({"subject": "Reply later", "body": {"contentType": "text", "content": "Draft."}})),
    );
    assert_eq!(status, 201);
    first.stop(); // SIGKILL: no chance to save at exit

    let second = Emulator::start(&["--state-dir", state_arg]);
    let graph = second.graph().to_owned();
    let mailbox = format!("{graph}/users/{SUPPORT}");
    // The token from before the restart is still accepted: the signing key was kept.
    let (status, message) = send(
        second
            .http
            .get(format!(
                "{mailbox}/messages/{}?$select=subject,isRead,categories,conversationId",
                urlencode(kept_id)
            ))
            .bearer_auth(&token),
    );
    assert_eq!(status, 200, "{message}");
    assert_eq!(message["subject"], "Printer");
    assert_eq!(message["isRead"], true);
    assert_eq!(message["categories"], json!(["Escalated"]));

    let (status, done) = send(
        second
            .http
            .get(format!(
                "{mailbox}/mailFolders/{}/messages?$select=subject",
                urlencode(folder["id"].as_str().unwrap())
            ))
            .bearer_auth(&token),
    );
    assert_eq!(status, 200, "{done}");
    assert_eq!(done["value"][0]["id"], after_move["id"]);
    assert_eq!(done["value"][0]["subject"], "Scanner");

    let (status, drafts) = send(
        second
            .http
            .get(format!(
                "{mailbox}/mailFolders/drafts/messages?$select=subject,isDraft"
            ))
            .bearer_auth(&token),
    );
    assert_eq!(status, 200);
    assert_eq!(drafts["value"][0]["id"], draft["id"]);
    assert_eq!(drafts["value"][0]["isDraft"], true);

    // The MIME survives too, byte for byte what the client can download.
    let mime = second
        .http
        .get(format!("{mailbox}/messages/{}/$value", urlencode(kept_id)))
        .bearer_auth(&token)
        .send()
        .unwrap()
        .text()
        .unwrap();
    assert!(mime.contains("Subject: Printer"), "{mime}");
}

#[test]
fn seeding_applies_to_a_fresh_state_dir_only() {
    let seed = tempfile::tempdir().unwrap();
    let eml = seed.path().join(SUPPORT).join("Inbox/Support/1.eml");
    std::fs::create_dir_all(eml.parent().unwrap()).unwrap();
    std::fs::write(
        &eml,
        "From: pat@example.com\r\nSubject: Seeded\r\n\r\nHi.\r\n",
    )
    .unwrap();
    let state = tempfile::tempdir().unwrap();
    let args = [
        "--seed",
        seed.path().to_str().unwrap(),
        "--state-dir",
        state.path().to_str().unwrap(),
    ];
    let mut first = Emulator::start(&args);
    let seeded = first.admin_messages(SUPPORT);
    assert_eq!(seeded.len(), 1);
    first.stop();
    let second = Emulator::start(&args);
    let again = second.admin_messages(SUPPORT);
    assert_eq!(again.len(), 1, "not delivered twice");
    assert_eq!(again[0]["id"], seeded[0]["id"]);
}

fn refused(state: &std::path::Path, extra: &[&str], expected: &str) {
    let sandbox = Sandbox::new();
    let output = sandbox
        .cmd()
        .args(["emulator", "serve", "--json", "--state-dir"])
        .arg(state)
        .args(extra)
        .arg("--data-dir")
        .arg(sandbox.path().join("data"))
        .output()
        .unwrap();
    let stderr = common::stderr(&output);
    assert_eq!(output.status.code(), Some(78), "{stderr}");
    assert!(stderr.contains(expected), "{expected:?} not in {stderr}");
}

#[test]
fn a_state_dir_of_another_tenant_or_a_damaged_one_is_refused() {
    let state = tempfile::tempdir().unwrap();
    drop(Emulator::start(&[
        "--state-dir",
        state.path().to_str().unwrap(),
    ]));

    let tenant = state.path().join("other-tenant.toml");
    std::fs::write(
        &tenant,
        "tenant_id = \"5d0c1e2f-3a4b-4c5d-8e6f-7a8b9c0d1e2f\"\ndomain = \"fabrikam.test\"\n",
    )
    .unwrap();
    refused(
        state.path(),
        &["--tenant", tenant.to_str().unwrap()],
        "5d0c1e2f-3a4b-4c5d-8e6f-7a8b9c0d1e2f",
    );

    std::fs::write(state.path().join("state.json"), "{\"format\":1,").unwrap();
    refused(state.path(), &[], "state.json");
}
