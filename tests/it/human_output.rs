//! Snapshots of the output people read: the help, a table, the `test-connection` report and
//! an import's summary. A change to any of them shows up as a diff to review
//! (`cargo insta review`, see README's Development section), not as a silent change.
//!
//! What differs from run to run (ports, sandbox paths, request ids, timings, dates) is
//! replaced by a placeholder; everything else is compared as printed.

use insta::assert_snapshot;
use regex::{Captures, Regex};

use crate::common::app_profile::AppProfile;
use crate::common::import::{deliver, deliver_mime, import_plain};
use crate::common::{Sandbox, stderr, stdout};

/// `text` with placeholders for what varies per run. `keep` are ids that are the same in
/// every run (the emulator's demo tenant and app), shown as printed.
fn normalise(text: &str, sandbox: &Sandbox, keep: &[&str]) -> String {
    let text = text.replace(&sandbox.path().display().to_string(), "[SANDBOX]");
    let replacements: [(&str, &str); 5] = [
        // The emulator listens on a free port of loopback.
        (r"127\.0\.0\.1:\d+", "127.0.0.1:[PORT]"),
        // AppProfile's profile names are unique per run.
        (r"\bsmoke-\d+-\d+\b", "[PROFILE]"),
        // The tag test-connection puts in the subject of its test message.
        (r"\bmc-[0-9a-f]{12}\b", "mc-[TAG]"),
        (
            r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:?\d{2})?",
            "[TIMESTAMP]",
        ),
        (r"\b\d+(\.\d+)? ?(ms|s)\b", "[TIME]"),
    ];
    let mut text = text;
    for (pattern, placeholder) in replacements {
        text = Regex::new(pattern)
            .unwrap()
            .replace_all(&text, placeholder)
            .into_owned();
    }
    // Graph's request ids and anything else made up during the run, as wide as a GUID so
    // that a table stays aligned.
    let guid = Regex::new(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b");
    guid.unwrap()
        .replace_all(&text, |c: &Captures| {
            if keep.contains(&&c[0]) {
                c[0].to_owned()
            } else {
                format!("{:<36}", "[GUID]")
            }
        })
        .lines()
        .map(|line| format!("{}\n", line.trim_end()))
        .collect()
}

/// The same for `test-connection`'s table, whose TIME column is as wide as its longest
/// timing (9 or 10 ms): the column gets a fixed width, so the rest stays aligned.
fn normalise_report(text: &str, sandbox: &Sandbox, keep: &[&str]) -> String {
    let time_column = Regex::new(r"(\bTIME|\[TIME\]) +").unwrap();
    time_column
        .replace_all(&normalise(text, sandbox, keep), |c: &Captures| {
            format!("{:<8}", &c[1])
        })
        .into_owned()
}

const CLIENT: &str = "0d2f7a2c-5a4b-4c1e-9d3b-1f2e3d4c5b6a";

fn success(out: &std::process::Output) -> String {
    assert!(out.status.success(), "{}", stderr(out));
    stdout(out)
}

#[test]
fn top_level_help() {
    let sb = Sandbox::new();
    let help = success(&sb.cmd().arg("--help").output().unwrap());
    assert_snapshot!("help", normalise(&help, &sb, &[]));
}

#[test]
fn import_help() {
    let sb = Sandbox::new();
    let help = success(&sb.cmd().args(["import", "--help"]).output().unwrap());
    assert_snapshot!("import_help", normalise(&help, &sb, &[]));
}

#[test]
fn profile_list_table() {
    let sb = Sandbox::new();
    for (name, mailbox) in [
        ("support", "support@contoso.com"),
        ("sales", "sales@contoso.com"),
    ] {
        success(
            &sb.cmd()
                .args([
                    "profile",
                    "add",
                    name,
                    "--tenant",
                    "contoso.onmicrosoft.com",
                ])
                .args(["--client-id", CLIENT])
                .args([
                    "--mailbox",
                    mailbox,
                    "--folder",
                    "Inbox/Support",
                    "--no-input",
                ])
                .output()
                .unwrap(),
        );
    }
    let table = success(&sb.cmd().args(["profile", "list"]).output().unwrap());
    assert_snapshot!("profile_list", normalise(&table, &sb, &[CLIENT]));
}

#[test]
fn test_connection_report() {
    let app = AppProfile::demo();
    deliver(&app, "Printer on fire");
    let out = app.run(&["test-connection", "--write-check", "--send-check"]);
    let report = success(&out);
    let keep = [app.emu.tenant_id(), app.emu.demo_value("client_id")];
    assert_snapshot!("test_connection", normalise_report(&report, &app.sb, &keep));
}

#[test]
fn import_summary() {
    let app = AppProfile::demo();
    deliver(&app, "Printer on fire");
    deliver(&app, "VPN drops every hour");
    deliver_mime(
        &app,
        "From: away@example.com\r\nSubject: Out of office\r\nAuto-Submitted: auto-replied\r\n\
         Message-ID: <summary-oof@example.com>\r\n\r\nI am away.\r\n",
    );
    let out = import_plain(&app, &["--backlog", "all"]);
    let summary = success(&out);
    assert_eq!(stderr(&out), "", "a clean run prints nothing else");
    assert_snapshot!("import_summary", normalise(&summary, &app.sb, &[]));
}
