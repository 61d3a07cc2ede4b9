//! `mailconn import` as a user (or cron) meets it: the real binary against the emulator's
//! shared mailbox `support@contoso.test`, folder `Inbox/Support`. Each test asserts what a
//! user would notice: exit codes, tickets, the processing log, where the mail ends up.

use std::time::Duration;

use crate::common::app_profile::{AppProfile, status_fault};
use crate::common::import::{
    FOLDER, Live, MAILBOX, Run, assert_each_imported_once, deliver, deliver_body, deliver_mime,
    fault, folders_by_subject, import, import_plain, in_folder, journalled, log, purge_elsewhere,
    spawn_import, subjects, tickets, wait_until,
};
use crate::common::{self, stderr, stdout};
use serde_json::{Value, json};

fn deliver_all(app: &AppProfile, subjects: &[String]) {
    for s in subjects {
        deliver(app, s);
    }
}

#[test]
fn a_first_run_over_a_folder_with_mail_asks_for_a_backlog_choice_and_writes_nothing() {
    let app = AppProfile::demo();
    deliver_all(&app, &subjects("Backlog", 2));

    let out = import_plain(&app, &[]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    for choice in ["--backlog all", "--backlog none", "--since"] {
        assert!(err.contains(choice), "names {choice}: {err}");
    }
    assert!(err.contains("2 messages"), "says how many: {err}");

    assert!(tickets(&app).is_empty());
    assert!(log(&app).is_empty());
    let untouched = in_folder(&app, FOLDER);
    assert_eq!(untouched.len(), 2);
    assert!(untouched.iter().all(|m| m["is_read"] == false));
    // No checkpoint either: the next run asks again.
    import(&app, &[]).expect(2);
}

#[test]
fn a_first_run_over_an_empty_folder_needs_no_choice() {
    let app = AppProfile::demo();
    let first = import(&app, &[]);
    first.expect(0);
    assert_eq!(first.of("started")[0]["round"], "first");
    deliver(&app, "After an empty start");
    import(&app, &[]).expect(0);
    assert_each_imported_once(&app, &["After an empty start".into()]);
}

#[test]
fn backlog_none_leaves_the_backlog_alone_and_imports_mail_that_arrives_later() {
    let app = AppProfile::demo();
    deliver_all(&app, &subjects("Old", 2));
    let first = import(&app, &["--backlog", "none", "--post-action", "mark-read"]);
    first.expect(0);
    assert_eq!(first.count("imported"), 0);

    // Delivered right after the first run, within the same second as its cutoff.
    deliver(&app, "New after the cutoff");
    let second = import(&app, &["--post-action", "mark-read"]);
    second.expect(0);
    assert_eq!(second.count("imported"), 1, "{second:#?}");
    assert_each_imported_once(&app, &["New after the cutoff".into()]);
    let old: Vec<Value> = in_folder(&app, FOLDER)
        .into_iter()
        .filter(|m| m["subject"].as_str().unwrap().starts_with("Old"))
        .collect();
    assert_eq!(old.len(), 2);
    assert!(old.iter().all(|m| m["is_read"] == false), "{old:#?}");
}

#[test]
fn since_imports_only_mail_received_from_that_date() {
    let app = AppProfile::demo();
    for (subject, received) in [
        ("Last winter", "2026-01-15T09:00:00Z"),
        ("Last week", "2026-11-15T09:00:00Z"),
        ("This morning", "2026-11-22T06:00:00Z"),
    ] {
        let mime = format!(
            "From: pat@example.com\r\nSubject: {subject}\r\nMessage-ID: <{}@example.com>\r\n\r\nbody\r\n",
            subject.replace(' ', ".")
        );
        deliver_body(
            &app,
            json!({"folder": FOLDER, "mime": mime, "received": received}),
        );
    }
    let run = import(&app, &["--since", "2026-11-01"]);
    run.expect(0);
    assert_eq!(run.of("started")[0]["since"], "2026-11-01T00:00:00Z");
    assert_each_imported_once(&app, &["Last week".into(), "This morning".into()]);
    // The cutoff sticks: later runs do not pick up the older mail either.
    import(&app, &[]).expect(0);
    assert_eq!(tickets(&app).len(), 2);
}

#[test]
fn a_dry_run_writes_nothing_and_leaves_the_mail_in_place() {
    let app = AppProfile::demo();
    deliver_all(&app, &subjects("Dry", 2));

    // No backlog choice needed: a dry run only shows.
    let out = import_plain(
        &app,
        &[
            "--dry-run",
            "--post-action",
            "move:Inbox/Done",
            "--create-folder",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("Dry run of Inbox/Support"), "{text}");
    assert!(text.contains("would import: \"Dry 001\""), "{text}");
    assert!(text.contains("would import: \"Dry 002\""), "{text}");
    assert!(
        stderr(&out).contains("--backlog all|none"),
        "{}",
        stderr(&out)
    );

    let json = import(&app, &["--dry-run"]);
    json.expect(0);
    assert_eq!(json.messages("would-import").len(), 2);
    assert_eq!(json.finished()["dry_run"], true);

    assert!(log(&app).is_empty());
    assert!(tickets(&app).is_empty());
    let mail = in_folder(&app, FOLDER);
    assert_eq!(mail.len(), 2);
    assert!(mail.iter().all(|m| m["is_read"] == false));
    // Nothing was written: no checkpoint (the next run still asks), no folder created.
    import(&app, &[]).expect(2);
    let out = import_plain(
        &app,
        &["--backlog", "all", "--post-action", "move:Inbox/Done"],
    );
    assert_eq!(out.status.code(), Some(78), "{}", stderr(&out));
}

#[test]
fn a_second_run_imports_nothing_twice() {
    let app = AppProfile::demo();
    let mut all = subjects("Twice", 3);
    deliver_all(&app, &all);
    let first = import(&app, &["--backlog", "all"]);
    first.expect(0);
    assert_eq!(first.count("imported"), 3);

    let second = import(&app, &[]);
    second.expect(0);
    assert_eq!(second.count("imported"), 0, "{second:#?}");
    assert_eq!(second.of("started")[0]["round"], "incremental");

    deliver(&app, "Twice 004");
    all.push("Twice 004".into());
    let third = import(&app, &[]);
    third.expect(0);
    assert_eq!(third.count("imported"), 1);
    assert_each_imported_once(&app, &all);
}

#[test]
fn mark_read_marks_each_imported_message_read() {
    let app = AppProfile::demo();
    deliver_all(&app, &subjects("Read me", 2));
    let run = import(&app, &["--backlog", "all", "--post-action", "mark-read"]);
    run.expect(0);
    assert_eq!(run.count("post_actions_done"), 2);
    let mail = in_folder(&app, FOLDER);
    assert_eq!(mail.len(), 2);
    assert!(mail.iter().all(|m| m["is_read"] == true), "{mail:#?}");
    assert!(
        log(&app)
            .iter()
            .all(|e| e["post_action"] == "mark-read" && e["post_action_status"] == "done")
    );
}

#[test]
fn move_needs_the_folder_to_exist_or_create_folder() {
    let app = AppProfile::demo();
    deliver_all(&app, &subjects("Move me", 2));

    let out = import_plain(
        &app,
        &["--backlog", "all", "--post-action", "move:Inbox/Done"],
    );
    assert_eq!(out.status.code(), Some(78), "{}", stderr(&out));
    assert!(stderr(&out).contains("Done"), "{}", stderr(&out));
    assert!(log(&app).is_empty(), "nothing imported before the check");

    let run = import(
        &app,
        &[
            "--post-action",
            "move:Inbox/Done",
            "--create-folder",
            "--backlog",
            "all",
        ],
    );
    run.expect(0);
    assert_eq!(run.count("post_actions_done"), 2);
    assert!(in_folder(&app, FOLDER).is_empty());
    assert_eq!(in_folder(&app, "Inbox/Done").len(), 2);
    assert_each_imported_once(&app, &subjects("Move me", 2));
}

#[test]
fn delete_puts_the_mail_in_deleted_items() {
    let app = AppProfile::demo();
    deliver(&app, "Delete me");
    let run = import(&app, &["--backlog", "all", "--post-action", "delete"]);
    run.expect(0);
    assert_eq!(
        folders_by_subject(&app)["Delete me"],
        "Deleted Items",
        "where users (and the help text) expect it"
    );
}

#[test]
fn permanent_delete_needs_confirmation_and_then_the_mail_is_gone() {
    let app = AppProfile::demo();
    deliver(&app, "Purge me");
    let out = import_plain(
        &app,
        &["--backlog", "all", "--post-action", "permanent-delete"],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("--confirm-permanent-delete"),
        "{}",
        stderr(&out)
    );
    assert!(log(&app).is_empty());
    assert_eq!(in_folder(&app, FOLDER).len(), 1);

    import(
        &app,
        &[
            "--backlog",
            "all",
            "--post-action",
            "permanent-delete",
            "--confirm-permanent-delete",
        ],
    )
    .expect(0);
    assert!(
        app.messages(MAILBOX).is_empty(),
        "{:#?}",
        app.messages(MAILBOX)
    );
    assert_each_imported_once(&app, &["Purge me".into()]);
}

#[test]
fn follow_ups_by_in_reply_to_and_by_ticket_token_join_their_ticket() {
    let app = AppProfile::demo();
    deliver_mime(
        &app,
        "From: ann@example.com\r\nSubject: Laptop broken\r\nMessage-ID: <laptop@example.com>\r\n\r\nIt does not boot.\r\n",
    );
    let first = import(&app, &["--backlog", "all"]);
    first.expect(0);
    let ticket = first.messages("imported")[0]["ticket_id"].as_u64().unwrap();

    deliver_mime(
        &app,
        "From: ann@example.com\r\nSubject: Re: Laptop broken\r\nMessage-ID: <reply@example.com>\r\nIn-Reply-To: <laptop@example.com>\r\n\r\nStill broken.\r\n",
    );
    deliver_mime(
        &app,
        &format!(
            "From: bob@example.com\r\nSubject: Any news? [#{ticket}]\r\nMessage-ID: <token@example.com>\r\n\r\nHello?\r\n"
        ),
    );
    let second = import(&app, &[]);
    second.expect(0);
    let imported = second.messages("imported");
    assert_eq!(imported.len(), 2, "{second:#?}");
    let rule_of = |subject: &str| {
        let m = imported.iter().find(|m| m["subject"] == subject).unwrap();
        assert_eq!(m["ticket_id"], ticket, "{m:#}");
        m["decision"]["rule"].as_str().unwrap().to_owned()
    };
    assert_eq!(rule_of("Re: Laptop broken"), "follow-up:references");
    assert_eq!(
        rule_of(&format!("Any news? [#{ticket}]")),
        "follow-up:ticket-token"
    );

    let all = tickets(&app);
    assert_eq!(all.len(), 1, "{all:#?}");
    assert_eq!(all[0]["message_count"], 3);
}

#[test]
fn an_auto_reply_is_ignored_and_explain_and_log_show_name_the_rule() {
    let app = AppProfile::demo();
    deliver_mime(
        &app,
        "From: away@example.com\r\nSubject: Out of office\r\nAuto-Submitted: auto-replied\r\nMessage-ID: <oof@example.com>\r\n\r\nI am away.\r\n",
    );
    deliver(&app, "A real question");
    let out = import_plain(&app, &["--backlog", "all", "--explain"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let line = text
        .lines()
        .find(|l| l.contains("Out of office"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(line.starts_with("ignored:"), "{line}");
    assert!(line.contains("auto-reply:auto-submitted"), "{line}");
    assert!(
        text.lines()
            .any(|l| l.starts_with("imported: \"A real question\"")),
        "{text}"
    );

    let entry = log(&app)
        .into_iter()
        .find(|e| e["subject"] == "Out of office")
        .unwrap();
    assert_eq!(entry["status"], "ignored");
    assert_eq!(entry["ticket_id"], Value::Null);
    let id = entry["id"].to_string();
    let show = app.run(&["log", "show", &id]);
    assert!(show.status.success(), "{}", stderr(&show));
    assert!(
        stdout(&show).contains("auto-reply:auto-submitted"),
        "{}",
        stdout(&show)
    );
    assert_eq!(tickets(&app).len(), 1);
}

#[test]
fn json_events_parse_and_the_summary_matches_them() {
    let app = AppProfile::demo();
    deliver_all(&app, &subjects("Json", 3));
    deliver_mime(
        &app,
        "From: list@example.com\r\nSubject: Newsletter\r\nPrecedence: bulk\r\n\r\nNews.\r\n",
    );
    let run = import(&app, &["--backlog", "all", "--post-action", "mark-read"]);
    run.expect(0);
    assert_eq!(run.events.first().unwrap()["event"], "started");
    assert_eq!(run.events.last().unwrap()["event"], "finished");
    let f = run.finished();
    assert_eq!(f["listed"], 4);
    assert_eq!(f["imported"], 3);
    assert_eq!(f["ignored"], 1);
    assert_eq!(f["failed"], 0);
    assert_eq!(run.messages("imported").len() as u64, run.count("imported"));
    assert_eq!(run.messages("ignored").len() as u64, run.count("ignored"));
    let done = run
        .of("post-action")
        .iter()
        .filter(|p| p["ok"] == true && p["action"] == "mark-read")
        .count() as u64;
    assert_eq!(done, run.count("post_actions_done"));
    assert_eq!(done, 3);
    for m in run.messages("imported") {
        assert!(m["log_id"].is_u64() && m["ticket_id"].is_u64(), "{m:#}");
    }
}

#[test]
fn a_run_while_another_is_importing_exits_7() {
    let app = AppProfile::demo();
    deliver(&app, "Locked out");
    // The first run holds the folder while its listing is slow.
    app.fault(fault(
        "GET",
        "/v1.0/users/*/messages/delta*",
        0,
        1,
        json!({"kind": "delay", "ms": 2000}),
    ));
    let holder = spawn_import(&app, &["--backlog", "all"]);
    // It takes the lock before it asks for a token.
    assert!(
        wait_until(Duration::from_secs(10), || journalled(
            &app,
            "POST",
            "/oauth2/v2.0/token"
        )),
        "the first run never started"
    );
    let out = import_plain(&app, &["--backlog", "all"]);
    assert_eq!(out.status.code(), Some(7), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(&format!("pid {}", holder.id())),
        "names the holder: {err}"
    );
    let first = Run::from_output(&holder.wait_with_output().unwrap());
    first.expect(0);
    assert_each_imported_once(&app, &["Locked out".into()]);
}

#[test]
fn wait_waits_for_the_run_holding_the_folder() {
    let app = AppProfile::demo();
    deliver(&app, "Patience");
    // The lock is the mailbox's whatever its spelling: keyed by its object id.
    let token = app.emu.app_token();
    let user: Value = app
        .emu
        .get(&format!("/users/{MAILBOX}?$select=id"), &token)
        .json()
        .unwrap();
    let held = mailconn::store::lock::FolderLock::acquire(
        &app.sb.path().join("state/mailconn/locks"),
        user["id"].as_str().unwrap(),
        FOLDER,
        mailconn::store::lock::WhenLocked::Fail,
    )
    .unwrap();
    import(&app, &["--backlog", "all"]).expect(7);

    let mut waiter = spawn_import(&app, &["--backlog", "all", "--wait"]);
    // While the lock is held the waiter leaves the mailbox alone: it may only learn who the
    // mailbox is (token, directory read), which the lock's key needs.
    assert!(
        !wait_until(Duration::from_millis(500), || {
            waiter.try_wait().unwrap().is_some() || journalled(&app, "GET", "/mailFolders")
        }),
        "the waiter went ahead while the folder was locked"
    );
    drop(held);
    let run = Run::from_output(&waiter.wait_with_output().unwrap());
    run.expect(0);
    assert_each_imported_once(&app, &["Patience".into()]);
}

#[test]
fn a_failed_message_makes_exit_3_and_the_next_run_imports_it() {
    let app = AppProfile::demo();
    let all = subjects("Flaky", 2);
    deliver_all(&app, &all);
    // Graph refuses one MIME download outright (a 400 is not retried within the run).
    app.fault(status_fault("GET", "/v1.0/users/*/$value", 1, 400, None));
    let first = import(&app, &["--backlog", "all", "--post-action", "mark-read"]);
    first.expect(3);
    assert_eq!(first.count("failed"), 1);
    assert_eq!(first.count("imported"), 1);
    let failed = first.messages("failed");
    assert!(failed[0]["error"].is_string(), "{:#}", failed[0]);
    let listed = app.run(&["--json", "log", "list", "--status", "failed"]);
    let listed: Value = serde_json::from_slice(&listed.stdout).unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 1);

    let second = import(&app, &["--post-action", "mark-read"]);
    second.expect(0);
    assert_eq!(second.count("imported"), 1, "{second:#?}");
    assert_each_imported_once(&app, &all);
    assert!(in_folder(&app, FOLDER).iter().all(|m| m["is_read"] == true));
}

#[test]
fn a_message_deleted_between_listing_and_fetch_is_logged_failed_with_a_hint() {
    let app = AppProfile::demo();
    deliver(&app, "Stays");
    let gone = deliver(&app, "Vanishes");
    // Every MIME download is slow, so the test can purge one message after the listing
    // named it and before its download is served.
    app.fault(fault(
        "GET",
        "/v1.0/users/*/$value",
        0,
        0,
        json!({"kind": "delay", "ms": 1500}),
    ));
    let child = spawn_import(&app, &["--backlog", "all"]);
    assert!(
        wait_until(Duration::from_secs(10), || journalled(
            &app,
            "GET",
            "/messages/delta"
        )),
        "the run never listed the folder"
    );
    purge_elsewhere(&app, gone["id"].as_str().unwrap());

    let run = Run::from_output(&child.wait_with_output().unwrap());
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    run.expect(3);
    let failed = run.messages("failed");
    assert_eq!(failed.len(), 1, "{run:#?}");
    assert_eq!(failed[0]["subject"], "Vanishes");
    let hint = failed[0]["hint"].as_str().unwrap_or_default();
    assert!(hint.contains("left the folder"), "{hint}");
    let entry = log(&app)
        .into_iter()
        .find(|e| e["subject"] == "Vanishes")
        .unwrap();
    assert_eq!(entry["status"], "failed");
    assert_eq!(tickets(&app).len(), 1);

    // The next cron run looks for it again, finds it still gone, and does not fail over it
    // a second time; the attempt is in the log.
    let again = import(&app, &[]);
    again.expect(0);
    assert_eq!(again.count("failed"), 0);
    let (_, shown) = app.json(&["log", "show", &entry["id"].to_string()]);
    let attempts = shown["attempts"].as_array().unwrap();
    assert_eq!(
        attempts.iter().filter(|a| a["failure"].is_object()).count(),
        2,
        "{shown:#}"
    );
}

#[test]
fn ctrl_c_finishes_the_messages_in_hand_exits_130_and_the_next_run_does_the_rest() {
    let app = AppProfile::new(
        common::emulator::Emulator::start(&["--latency", "25ms"]),
        "client_id",
        MAILBOX,
        FOLDER,
    );
    // Several commit batches (of run::COMMIT_EVERY), so the interrupt after the first
    // imported message lands with most of the folder still to do.
    const COUNT: u64 = 150;
    let all = subjects("Interrupted", COUNT as usize);
    deliver_all(&app, &all);
    let mut live = Live::spawn(&app, &["--backlog", "all", "--post-action", "mark-read"]);
    assert!(
        live.until(Duration::from_secs(20), |e| e["event"] == "message"),
        "no message imported"
    );
    common::signal(live.child.id(), "INT");
    let run = live.finish();
    run.expect(130);
    assert!(
        run.stderr.contains("Stopping after the messages in hand"),
        "{}",
        run.stderr
    );
    assert_eq!(run.finished()["interrupted"], true);
    let imported = run.count("imported");
    assert!(imported < COUNT, "stopped early: {run:#?}");
    // Every message it imported got its post-action before it stopped.
    assert_eq!(run.count("post_actions_done"), imported);
    let read = in_folder(&app, FOLDER)
        .into_iter()
        .filter(|m| m["is_read"] == true)
        .count() as u64;
    assert_eq!(read, imported);

    let rest = import(&app, &["--post-action", "mark-read"]);
    rest.expect(0);
    assert_eq!(rest.count("imported"), COUNT - imported);
    assert_each_imported_once(&app, &all);
    assert!(in_folder(&app, FOLDER).iter().all(|m| m["is_read"] == true));
}
