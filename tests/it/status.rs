//! `mailconn status`: each mailbox folder of the store with its worker, last pass and what
//! is left to do, on the SQLite file and on a shared PostgreSQL store.

use serde_json::Value;

use crate::common::app_profile::AppProfile;
use crate::common::emulator::Emulator;
use crate::common::import::{FOLDER, deliver, import, subjects};
use crate::common::postgres::{new_database, on_server_of, password, write_pgpass};
use crate::common::{stderr, stdout};

fn status(app: &AppProfile) -> Value {
    let (out, value) = app.json(&["status"]);
    assert!(out.status.success(), "{}", stderr(&out));
    value
}

#[test]
fn status_on_the_file_store_counts_what_each_folder_imported() {
    let app = AppProfile::demo();
    for s in subjects("Status file", 3) {
        deliver(&app, &s);
    }
    import(&app, &["--backlog", "all"]).expect(0);
    let value = status(&app);
    assert_eq!(value["leases"], false);
    let folders = value["folders"].as_array().unwrap();
    assert_eq!(folders.len(), 1, "{value:#}");
    let f = &folders[0];
    assert_eq!(f["folder"], FOLDER);
    assert_eq!(f["mailbox_address"], "support@contoso.test");
    assert_eq!(
        (f["imported"].as_u64(), f["failed"].as_u64()),
        (Some(3), Some(0))
    );
    assert!(f["last_round"].is_string(), "{f:#}");
    assert!(f["lease"].is_null());

    let out = app.run(&["status"]);
    let text = stdout(&out);
    assert!(text.contains("this host: runs hold a file lock"), "{text}");
    assert!(text.contains("support@contoso.test"), "{text}");
}

#[test]
fn status_on_a_shared_store_shows_the_last_worker_of_each_folder() {
    let app = on_server_of(
        Emulator::demo(),
        &new_database(),
        &password(),
        "post_action = \"mark-read\"\n",
    );
    for s in subjects("Status shared", 2) {
        deliver(&app, &s);
    }
    import(&app, &["--backlog", "all"]).expect(0);
    let value = status(&app);
    assert_eq!(value["leases"], true);
    assert!(
        value["store"]
            .as_str()
            .unwrap()
            .starts_with("postgres://mailconn_pw@127.0.0.1"),
        "{value:#}"
    );
    let f = &value["folders"][0];
    assert_eq!(f["imported"], 2);
    assert_eq!(f["pending_post_actions"], 0);
    // The run released its lease when it ended.
    assert_eq!(f["lease"]["live"], false, "{f:#}");
    assert!(
        f["lease"]["holder"].as_str().unwrap().contains("pid "),
        "{f:#}"
    );
    assert_eq!(f["lease"]["epoch"], 1);

    let text = stdout(&app.run(&["status"]));
    assert!(text.contains("shared: runs hold leases"), "{text}");
    assert!(text.contains("none (last: "), "{text}");
}

#[test]
fn status_of_a_fleet_needs_no_profile_when_the_store_is_named_at_the_top() {
    let app = AppProfile::demo();
    let config = app.sb.read_config();
    // No default profile, two profiles, one store for both.
    let profiles: String = config
        .lines()
        .filter(|l| !l.starts_with("default_profile"))
        .map(|l| format!("{l}\n"))
        .collect();
    app.sb.write_config(&format!(
        "store_url = \"{}\"\n{profiles}[profiles.other]\ntenant = \"contoso.test\"\n",
        new_database()
    ));
    write_pgpass(&app.sb.path().join("home/.pgpass"), &password());
    deliver(&app, "Fleet status");
    import(&app, &["-p", &app.profile, "--backlog", "all"]).expect(0);

    let value = status(&app);
    assert_eq!(value["leases"], true, "{value:#}");
    assert_eq!(value["folders"][0]["imported"], 1, "{value:#}");
}
