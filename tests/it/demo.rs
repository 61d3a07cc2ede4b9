//! `mailconn demo`, the README's main-job command: a complete import against the embedded
//! emulator on a machine with nothing configured.

use crate::common::{Sandbox, stderr, stdout};

#[test]
fn the_demo_imports_the_seeded_mailbox_and_files_the_reply_under_its_ticket() {
    let sandbox = Sandbox::new();
    let output = sandbox.std_cmd().arg("demo").output().unwrap();
    let (out, err) = (stdout(&output), stderr(&output));
    assert!(output.status.success(), "{out}\n{err}");
    // The first import: three tickets, the auto-reply ignored by its rule.
    assert!(out.contains("new ticket #3"), "{out}");
    assert!(
        out.contains("ignored: Auto-Submitted: auto-replied (rule auto-reply:auto-submitted)"),
        "{out}"
    );
    // The reply delivered afterwards joins ticket 1 on the next run.
    assert!(
        out.contains("follow-up to #1 (rule follow-up:references)"),
        "{out}"
    );
    assert!(
        out.contains("moved to Inbox/Processed") || out.contains("move:Inbox/Processed (done)"),
        "{out}"
    );
    // Each command is shown as it runs, so the user can repeat it.
    assert!(err.contains("$ mailconn import --backlog all"), "{err}");
    // Its profile, log and tickets lived in a temporary directory, not in the user's.
    let leftovers: Vec<_> = ["config", "state", "data"]
        .iter()
        .map(|d| sandbox.path().join(d).join("mailconn"))
        .filter(|p| p.exists())
        .collect();
    assert!(leftovers.is_empty(), "the demo left {leftovers:?}");
}
