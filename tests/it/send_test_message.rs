//! `mailconn send-test-message` end to end against the emulator: what arrives, delivery
//! verified and not, send-as denied, attachments inline, attached to a draft and through an
//! upload session, the size limit, and the per-mailbox concurrency limit.

use crate::common::app_profile::{AppProfile, status_fault};
use crate::common::emulator::Emulator;
use crate::common::{stderr, stdout};
use serde_json::{Value, json};

const SUPPORT: &str = "support@contoso.test";

/// The message in `mailbox`'s `folder` whose subject carries `tag`, as Graph shows it.
fn find(setup: &AppProfile, mailbox: &str, folder: &str, tag: &str) -> Option<Value> {
    let token = setup.emu.app_token();
    let body: Value = setup
        .emu
        .get(
            &format!(
                "/users/{mailbox}/mailFolders/{folder}/messages?$top=50&$select=id,subject,ccRecipients,internetMessageHeaders,hasAttachments"
            ),
            &token,
        )
        .json()
        .unwrap();
    body["value"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["subject"].as_str().unwrap().contains(tag))
        .cloned()
}

fn attachments(setup: &AppProfile, mailbox: &str, id: &str) -> Vec<(String, u64)> {
    let token = setup.emu.app_token();
    let body: Value = setup
        .emu
        .get(
            &format!("/users/{mailbox}/messages/{}/attachments", urlencode(id)),
            &token,
        )
        .json()
        .unwrap();
    let mut list: Vec<(String, u64)> = body["value"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["name"].as_str().unwrap().to_owned(),
                a["size"].as_u64().unwrap(),
            )
        })
        .collect();
    list.sort();
    list
}

/// A message's MIME (`$value`).
fn raw(setup: &AppProfile, mailbox: &str, id: &str) -> String {
    let token = setup.emu.app_token();
    setup
        .emu
        .get(
            &format!("/users/{mailbox}/messages/{}/$value", urlencode(id)),
            &token,
        )
        .text()
        .unwrap()
}

fn urlencode(id: &str) -> String {
    id.replace('=', "%3D")
        .replace('/', "%2F")
        .replace('+', "%2B")
}

fn write_file(setup: &AppProfile, name: &str, size: usize) -> String {
    let path = setup.sb.path().join(name);
    let bytes: Vec<u8> = (0..size).map(|i| (i % 251) as u8).collect();
    std::fs::write(&path, bytes).unwrap();
    path.display().to_string()
}

#[test]
fn a_tagged_message_arrives_and_its_latency_is_reported() {
    let setup = AppProfile::demo();
    let (out, sent) = setup.json(&[
        "send-test-message",
        "--subject",
        "Smoke",
        "--body",
        "plain words",
        "--plain",
        "--cc",
        "alex@contoso.test",
        "--verify-delivery",
        "10s",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let tag = sent["tag"].as_str().unwrap();
    assert!(tag.starts_with("mc-"));
    assert_eq!(sent["subject"], format!("Smoke [{tag}]"));
    assert_eq!(sent["to"], json!([SUPPORT]));
    assert_eq!(sent["delivery"]["arrived"], true);
    assert_eq!(sent["delivery"]["mailbox"], SUPPORT);
    assert!(sent["delivery"]["latency_ms"].as_u64().is_some());

    let inbox = find(&setup, SUPPORT, "inbox", tag).expect("delivered to the mailbox itself");
    assert_eq!(sent["delivery"]["message_id"], inbox["id"]);
    // Graph shows every body as HTML by default; the MIME says what was sent.
    let mime = raw(&setup, SUPPORT, inbox["id"].as_str().unwrap());
    assert!(mime.contains("Content-Type: text/plain"), "{mime}");
    assert_eq!(
        inbox["ccRecipients"][0]["emailAddress"]["address"],
        "alex@contoso.test"
    );
    let header = inbox["internetMessageHeaders"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| {
            h["name"]
                .as_str()
                .unwrap()
                .eq_ignore_ascii_case("x-mailconn-test-tag")
        })
        .expect("the tag header travels with the message");
    assert_eq!(header["value"], tag);
    let headers = inbox["internetMessageHeaders"].as_array().unwrap();
    assert!(
        headers
            .iter()
            .any(|h| h["name"] == "X-Auto-Response-Suppress" && h["value"] == "All"),
        "no auto-replies to a test message"
    );
    assert!(find(&setup, "alex@contoso.test", "inbox", tag).is_some());
    assert!(find(&setup, SUPPORT, "sentitems", tag).is_some());
}

#[test]
fn the_human_output_says_what_was_sent() {
    let setup = AppProfile::demo();
    let body = setup.sb.path().join("body.html");
    std::fs::write(&body, "<p>From a file</p>").unwrap();
    let out = setup
        .cmd()
        .args([
            "send-test-message",
            "--to",
            "alex@contoso.test",
            "--no-save",
            "--body-file",
        ])
        .arg(&body)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("to:   alex@contoso.test"), "{text}");
    assert!(text.contains("not saved to Sent Items"), "{text}");
    let tag = text
        .split("tag:  ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .expect("the tag is shown");
    let got = find(&setup, "alex@contoso.test", "inbox", tag).expect("delivered to alex");
    let mime = raw(&setup, "alex@contoso.test", got["id"].as_str().unwrap());
    assert!(mime.contains("Content-Type: text/html"), "{mime}");
    assert!(
        find(&setup, SUPPORT, "sentitems", tag).is_none(),
        "--no-save"
    );
}

#[test]
fn a_message_that_never_arrives_fails_the_verification() {
    let setup = AppProfile::demo();
    // Exchange takes the message (202) but transport loses it: the emulator's fault answers
    // 202 without running the send.
    setup.fault(status_fault("POST", "/v1.0/users/*/sendMail", 1, 202, None));
    let started = std::time::Instant::now();
    let (out, sent) = setup.json(&["send-test-message", "--verify-delivery", "2s"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(started.elapsed() >= std::time::Duration::from_secs(2));
    assert_eq!(sent["delivery"]["arrived"], false);
    let err = stderr(&out);
    assert!(
        err.contains("did not arrive in support@contoso.test within 2 s"),
        "{err}"
    );
    assert!(err.contains("NDR"), "{err}");
}

#[test]
fn send_as_without_the_grant_is_exit_5_with_the_fix() {
    let setup = AppProfile::demo();
    let out = setup.run(&["send-test-message", "--from", "alex@contoso.test"]);
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("ErrorSendAsDenied"), "{err}");
    assert!(err.contains("Send As"), "{err}");
    assert!(stdout(&out).is_empty(), "nothing claims to be sent");
}

#[test]
fn a_5_mb_attachment_goes_through_an_upload_session() {
    let setup = AppProfile::demo();
    let big = write_file(&setup, "big.bin", 5_000_000);
    let small = write_file(&setup, "small.txt", 1_000);
    let (out, sent) = setup.json(&[
        "send-test-message",
        "--attach",
        &big,
        &small,
        "--verify-delivery",
        "10s",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        sent["attachments"],
        json!([
            {"name": "big.bin", "size": 5_000_000, "transfer": "upload-session"},
            {"name": "small.txt", "size": 1_000, "transfer": "attached"},
        ])
    );
    assert!(sent["draft_id"].as_str().is_some());
    let id = sent["delivery"]["message_id"].as_str().unwrap();
    assert_eq!(
        attachments(&setup, SUPPORT, id),
        [
            ("big.bin".to_owned(), 5_000_000),
            ("small.txt".to_owned(), 1_000)
        ]
    );
    // The chunks went to the upload URL without a bearer token, in pieces under 4 MB.
    let puts: Vec<Value> = setup
        .emu
        .journal()
        .into_iter()
        .filter(|e| e["method"] == "PUT")
        .collect();
    assert_eq!(puts.len(), 2, "{puts:#?}");
    for put in &puts {
        let headers = put["headers"].as_array().unwrap();
        assert!(!headers.iter().any(|h| h[0] == "authorization"));
        assert!(headers.iter().any(|h| h[0] == "content-range"));
    }
    let tag = sent["tag"].as_str().unwrap();
    assert!(
        find(&setup, SUPPORT, "drafts", tag).is_none(),
        "the draft was sent"
    );
}

#[test]
fn attachments_over_the_limit_are_refused_before_anything_is_sent() {
    let setup = AppProfile::demo();
    let big = write_file(&setup, "big.bin", 2_500_000);
    let out = setup.run(&[
        "send-test-message",
        "--attach",
        &big,
        "--max-attachments-size",
        "2",
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("2.5 MB, over the limit of 2 MB; nothing was sent"),
        "{err}"
    );
    assert!(err.contains("--max-attachments-size"), "{err}");
    assert!(
        setup.emu.journal().is_empty(),
        "not even a token was requested"
    );
}

#[test]
fn no_save_with_a_draft_is_refused_as_a_usage_error() {
    let setup = AppProfile::demo();
    let big = write_file(&setup, "big.bin", 3_100_000);
    let out = setup.run(&["send-test-message", "--attach", &big, "--no-save"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("always lands in Sent Items"));
    assert!(setup.emu.journal().is_empty());
}

#[test]
fn parallel_attachments_keep_to_four_requests_per_mailbox() {
    let setup = AppProfile::new(
        Emulator::start(&["--latency", "300ms"]),
        "client_id",
        SUPPORT,
        "Inbox",
    );
    let files: Vec<String> = (0..6)
        .map(|i| write_file(&setup, &format!("part{i}.bin"), 700_000))
        .collect();
    let mut args = vec!["send-test-message", "--attach"];
    args.extend(files.iter().map(String::as_str));
    let (out, sent) = setup.json(&args);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(sent["attachments"].as_array().unwrap().len(), 6);
    let requests = setup.graph_requests();
    assert!(
        requests.iter().all(|e| e["status"] != 429),
        "throttled: {requests:#?}"
    );
    let most = requests
        .iter()
        .filter_map(|e| e["mailbox_concurrency_at_arrival"].as_u64())
        .max()
        .unwrap();
    assert_eq!(
        most, 4,
        "uses, and keeps to, Outlook's four concurrent requests"
    );
}

#[test]
fn a_recipient_the_app_cannot_read_is_sent_to_but_not_verified() {
    // This app may reach the support mailbox only (RBAC for Applications).
    let setup = AppProfile::new(Emulator::demo(), "scoped_client_id", SUPPORT, "Inbox");
    let (out, sent) = setup.json(&[
        "send-test-message",
        "--to",
        "alex@contoso.test",
        "--verify-delivery",
        "5s",
    ]);
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    let tag = sent["tag"].as_str().unwrap();
    assert!(sent.get("delivery").is_none());
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "sent (tag {tag}), but cannot look for it in alex@contoso.test"
        )),
        "{err}"
    );
    assert!(
        err.contains("the app must be able to read that mailbox"),
        "{err}"
    );
    assert!(find(&setup, "alex@contoso.test", "inbox", tag).is_some());
}
