//! One mailbox, one identity: the real binary against the emulator's shared mailbox
//! `support@contoso.test` (alias `helpdesk@contoso.test`), reached under every spelling
//! Graph accepts. Whatever the spelling, the log, the checkpoint and the tickets are the
//! same mailbox's: no second backlog import, no duplicate ticket.

use crate::common;

use crate::common::app_profile::AppProfile;
use crate::common::emulator::Emulator;
use crate::common::import::{MAILBOX, assert_each_imported_once, deliver, import, log, tickets};

/// Directory reads (`/users…` without a mailbox path after it) in the journal.
fn directory_reads(app: &AppProfile) -> usize {
    app.graph_requests()
        .iter()
        .filter(|r| {
            let path = r["path"].as_str().unwrap_or_default();
            path.starts_with("/v1.0/users")
                && !["/mailFolders", "/messages", "/sendMail"]
                    .iter()
                    .any(|p| path.contains(p))
        })
        .count()
}

#[test]
fn every_spelling_of_the_mailbox_continues_the_same_checkpoint() {
    let app = AppProfile::demo();
    let id = app.emu.object_id(MAILBOX);
    deliver(&app, "Backlog one");
    deliver(&app, "Backlog two");
    let mut subjects = vec!["Backlog one".to_owned(), "Backlog two".to_owned()];

    let first = import(
        &app,
        &["--mailbox", "SUPPORT@contoso.test", "--backlog", "all"],
    );
    first.expect(0);
    assert_eq!(first.count("imported"), 2);
    let started = first.of("started")[0];
    assert_eq!(started["mailbox"], MAILBOX, "shows the address people know");
    assert_eq!(started["mailbox_id"], id.as_str());

    // No --backlog: a run under another spelling that asked for one again would exit 2.
    for spelling in [MAILBOX, id.as_str(), "helpdesk@contoso.test"] {
        let subject = format!("New for {spelling}");
        deliver(&app, &subject);
        subjects.push(subject);
        app.clear_journal();
        let run = import(&app, &["--mailbox", spelling]);
        run.expect(0);
        assert_eq!(run.of("started")[0]["round"], "incremental", "{spelling}");
        assert_eq!(run.count("imported"), 1, "{spelling}: {run:#?}");
        assert_eq!(run.of("started")[0]["mailbox_id"], id.as_str());
        // One directory read per run; an alias is not a UPN, so it takes a second.
        let expected = if spelling.starts_with("helpdesk") {
            2
        } else {
            1
        };
        assert_eq!(directory_reads(&app), expected, "{spelling}");
    }

    assert_each_imported_once(&app, &subjects);
    assert_eq!(tickets(&app).len(), subjects.len());
    let entries = log(&app);
    assert!(entries.iter().all(|e| e["mailbox"] == id.as_str()));
    // People see the address, not the id the log is keyed by.
    assert!(
        entries.iter().all(|e| e["mailbox_address"] == MAILBOX),
        "{entries:#?}"
    );
    let shown = app.run(&["log", "show", &entries[0]["id"].to_string()]);
    let text = common::stdout(&shown);
    assert!(
        text.contains(&format!("mailbox:       {MAILBOX} / ")) && text.contains(&id),
        "{text}"
    );
}

#[test]
fn without_directory_permission_the_import_runs_keyed_by_the_address_with_a_warning() {
    // The scoped app holds Mail.* roles only: GET /users is 403 Authorization_RequestDenied.
    let app = AppProfile::new(
        Emulator::demo(),
        "scoped_client_id",
        "Support@Contoso.test",
        "Inbox/Support",
    );
    deliver(&app, "Keyed by address");
    let run = import(&app, &["--backlog", "all"]);
    run.expect(0);
    assert_eq!(run.count("imported"), 1);
    let warnings: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.contains("warning"))
        .collect();
    assert_eq!(warnings.len(), 1, "{}", run.stderr);
    assert!(
        warnings[0].contains("User.ReadBasic.All"),
        "names the fix: {}",
        warnings[0]
    );
    assert_eq!(run.of("started")[0]["mailbox_id"], "support@contoso.test");
    // Another case of the same address is still the same mailbox.
    deliver(&app, "Still the same mailbox");
    let again = import(&app, &["--mailbox", "support@CONTOSO.test"]);
    again.expect(0);
    assert_eq!(again.count("imported"), 1);
}

#[test]
fn a_store_keyed_by_address_by_todays_release_is_migrated_without_reimport() {
    let app = AppProfile::demo();
    let id = app.emu.object_id(MAILBOX);
    deliver(&app, "Before the upgrade");
    import(&app, &["--backlog", "all"]).expect(0);

    // Turn the store into what today's release writes: schema 2, rows and checkpoint keyed
    // by the mailbox as typed in the profile (here with capitals), no mailboxes table.
    let path = app.sb.path().join("data/mailconn/mailconn.db");
    let typed = "Support@Contoso.test";
    {
        let db = rusqlite::Connection::open(&path).unwrap();
        db.execute_batch(&format!(
            "UPDATE log SET mailbox = '{typed}';
             UPDATE checkpoints SET mailbox = '{typed}',
                 delta_link = replace(delta_link, '{id}', '{typed}');
             DROP TABLE mailboxes;
             DELETE FROM schema_version WHERE version > 2;"
        ))
        .unwrap();
    }

    deliver(&app, "After the upgrade");
    let run = import(&app, &["--mailbox", "support@contoso.test"]);
    run.expect(0);
    assert_eq!(run.of("started")[0]["round"], "incremental", "{run:#?}");
    assert_eq!(run.count("imported"), 1, "only the new message: {run:#?}");
    assert_each_imported_once(
        &app,
        &[
            "Before the upgrade".to_owned(),
            "After the upgrade".to_owned(),
        ],
    );
    assert_eq!(tickets(&app).len(), 2);
    let entries = log(&app);
    assert!(entries.iter().all(|e| e["mailbox"] == id.as_str()));
    // People see the address, not the id the log is keyed by.
    assert!(
        entries.iter().all(|e| e["mailbox_address"] == MAILBOX),
        "{entries:#?}"
    );
    let shown = app.run(&["log", "show", &entries[0]["id"].to_string()]);
    let text = common::stdout(&shown);
    assert!(
        text.contains(&format!("mailbox:       {MAILBOX} / ")) && text.contains(&id),
        "{text}"
    );
}

#[test]
fn a_cron_run_with_a_cached_token_does_not_ask_the_directory_again() {
    let mut app = AppProfile::demo();
    app.secret_in_env = false;
    let out = app
        .cmd()
        .args(["credentials", "set", "client-secret", "--secret-stdin"])
        .write_stdin(app.emu.demo_value("client_secret").to_owned())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", common::stderr(&out));
    import(&app, &["--mailbox", "HelpDesk@contoso.test"]).expect(0);
    app.clear_journal();

    let again = import(&app, &["--mailbox", "HelpDesk@contoso.test"]);
    again.expect(0);
    assert_eq!(again.of("started")[0]["mailbox"], MAILBOX);
    assert_eq!(
        directory_reads(&app),
        0,
        "the identity came with the cached token"
    );
    // Another spelling is another question, asked once and cached beside the first.
    import(&app, &["--mailbox", "SUPPORT@contoso.test"]).expect(0);
    assert_eq!(directory_reads(&app), 1);
    let _ = app
        .cmd()
        .args(["profile", "remove", &app.profile.clone()])
        .output();
}

#[test]
fn a_mailbox_the_directory_does_not_know_is_a_configuration_error() {
    let app = AppProfile::demo();
    let run = import(
        &app,
        &["--mailbox", "nobody@contoso.test", "--backlog", "all"],
    );
    run.expect(78);
    assert!(
        run.stderr
            .contains("no user with the address or id 'nobody@contoso.test'")
            && run.stderr.contains("check the profile's mailbox"),
        "{}",
        run.stderr
    );
}
