//! A folder larger than one delta page, imported with a post-action that moves each message
//! out: the emulator's `$skiptoken` counts what is still in the folder (Graph promises no
//! better), so moving listed mail mid-round would skip others. Every message must arrive.

use crate::common::app_profile::AppProfile;
use crate::common::stderr;
use serde_json::{Value, json};

const MAILBOX: &str = "support@contoso.test";
/// Three delta pages of 100.
const COUNT: usize = 250;

#[test]
fn moving_mail_out_while_a_multi_page_round_is_imported_skips_nothing() {
    let ap = AppProfile::demo();
    for n in 0..COUNT {
        ap.emu
            .deliver(MAILBOX, "Inbox/Support", &format!("Paged {n}"), json!({}));
    }
    let out = ap.run(&[
        "import",
        "--backlog",
        "all",
        "--post-action",
        "move:Inbox/Done",
        "--create-folder",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let (_, tickets) = ap.json(&["tickets", "list", "--limit", "1000"]);
    assert_eq!(tickets.as_array().unwrap().len(), COUNT);
    let by_folder = |folder: &str| {
        ap.messages(MAILBOX)
            .into_iter()
            .filter(|m: &Value| m["folder"] == folder)
            .count()
    };
    assert_eq!(by_folder("Inbox/Support"), 0);
    assert_eq!(by_folder("Inbox/Done"), COUNT);
}
