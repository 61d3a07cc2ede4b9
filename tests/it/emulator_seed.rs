//! `mailconn emulator serve --seed DIR`: `.eml` files under `DIR/<mailbox>/<folder path>/`
//! are delivered at start, and an unusable seed directory stops the start with exit 78.

use std::path::Path;

use crate::common::emulator::Emulator;
use crate::common::{self, Sandbox};
use serde_json::Value;

const SUPPORT: &str = "support@contoso.test";

fn write_eml(path: &Path, subject: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let mime = format!(
        "From: Pat Customer <pat@example.com>\r\nTo: {SUPPORT}\r\nSubject: {subject}\r\n\
Content-Type: text/plain\r\n\r\nAbout {subject}.\r\n"
    );
    std::fs::write(path, mime).unwrap();
}

fn subjects_and_folders(messages: &[Value]) -> Vec<(String, String)> {
    messages
        .iter()
        .map(|m| {
            (
                m["subject"].as_str().unwrap().to_owned(),
                m["folder"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn seed_files_are_delivered_in_name_order_into_their_folders() {
    let seed = tempfile::tempdir().unwrap();
    let mailbox = seed.path().join(SUPPORT);
    write_eml(&mailbox.join("Inbox/Support/0002.eml"), "second");
    write_eml(&mailbox.join("Inbox/Support/0001.eml"), "first");
    write_eml(&mailbox.join("Inbox/Support/0010.EML"), "tenth");
    write_eml(&mailbox.join("Inbox/Seeded/Deep/a.eml"), "deep");
    write_eml(&mailbox.join("loose.eml"), "loose");
    write_eml(&mailbox.join("Inbox/.hidden.eml"), "hidden");
    std::fs::write(mailbox.join("Inbox/Support/README.txt"), "not mail").unwrap();
    std::fs::write(seed.path().join("README.md"), "seed for the demo").unwrap();

    let emu = Emulator::start(&["--seed", seed.path().to_str().unwrap()]);
    let messages = emu.admin_messages(SUPPORT);
    let pairs = |list: &[(&str, &str)]| -> Vec<(String, String)> {
        list.iter()
            .map(|(s, f)| (s.to_string(), f.to_string()))
            .collect()
    };
    assert_eq!(
        subjects_and_folders(&messages),
        pairs(&[
            ("deep", "Inbox/Seeded/Deep"),
            ("first", "Inbox/Support"),
            ("second", "Inbox/Support"),
            ("tenth", "Inbox/Support"),
            ("loose", "Inbox"),
        ])
    );

    // Graph sees the created folders and the messages, stamped with a Message-ID as
    // transport does.
    let token = emu.app_token();
    let folders: Value = emu
        .get(
            &format!(
                "/users/{SUPPORT}/mailFolders/inbox/childFolders?$filter=displayName eq 'Seeded'"
            ),
            &token,
        )
        .json()
        .unwrap();
    let seeded = folders["value"][0]["id"].as_str().expect("Seeded exists");
    let deep: Value = emu
        .get(
            &format!("/users/{SUPPORT}/mailFolders/{seeded}/childFolders"),
            &token,
        )
        .json()
        .unwrap();
    let deep = deep["value"][0]["id"].as_str().expect("Deep exists");
    let listed: Value = emu
        .get(
            &format!(
                "/users/{SUPPORT}/mailFolders/{deep}/messages?$select=subject,internetMessageId"
            ),
            &token,
        )
        .json()
        .unwrap();
    assert_eq!(listed["value"][0]["subject"], "deep");
    assert!(
        listed["value"][0]["internetMessageId"]
            .as_str()
            .unwrap()
            .ends_with("@contoso.test>")
    );
}

/// Starts with `--seed` and expects exit 78 with `expected` in the error output.
fn refused(seed: &Path, expected: &str) {
    let sandbox = Sandbox::new();
    let output = sandbox
        .cmd()
        .args(["emulator", "serve", "--json", "--seed"])
        .arg(seed)
        .arg("--data-dir")
        .arg(sandbox.path().join("data"))
        .output()
        .unwrap();
    let stderr = common::stderr(&output);
    assert_eq!(output.status.code(), Some(78), "{stderr}");
    assert!(stderr.contains(expected), "{expected:?} not in {stderr}");
    assert!(
        common::stdout(&output).is_empty(),
        "no ready line on failure"
    );
}

#[test]
fn an_unusable_seed_directory_is_a_configuration_error_naming_the_file() {
    let seed = tempfile::tempdir().unwrap();
    refused(&seed.path().join("missing"), "missing");

    let unknown = seed.path().join("unknown-mailbox");
    write_eml(&unknown.join("nobody@contoso.test/Inbox/1.eml"), "x");
    refused(&unknown, "nobody@contoso.test");

    let unlicensed = seed.path().join("unlicensed");
    write_eml(&unlicensed.join("una@contoso.test/Inbox/1.eml"), "x");
    refused(&unlicensed, "una@contoso.test");

    let garbage = seed.path().join("garbage");
    write_eml(&garbage.join(SUPPORT).join("Inbox/1-good.eml"), "good");
    std::fs::write(garbage.join(SUPPORT).join("Inbox/2-empty.eml"), "").unwrap();
    refused(&garbage, "2-empty.eml");

    let stray = seed.path().join("stray");
    write_eml(&stray.join("stray.eml"), "x");
    refused(&stray, "stray.eml");
}
