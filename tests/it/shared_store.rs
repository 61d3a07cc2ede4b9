//! `store_url = "postgres://…"`: the processing log and tickets on a real PostgreSQL server
//! (the one `.ci/with-postgres` starts), with the same contract as the SQLite file, a
//! password only from the password file, and answers a sysadmin can act on when the server
//! is down or refuses the login.

use std::time::Duration;

use crate::common::app_profile::AppProfile;
use crate::common::emulator::Emulator;
use crate::common::import::{
    FOLDER, Live, assert_each_imported_once, deliver, import, import_plain, in_folder, subjects,
};
use crate::common::postgres::{
    Cluster, new_database, on_server, on_server_of, password, write_pgpass,
};
use crate::common::{free_port, keyring, signal, stderr, stdout};

#[test]
fn an_import_on_postgres_makes_each_message_one_ticket_and_moves_it_once() {
    let app = on_server(&new_database(), &password());
    let mail = subjects("Shared store", 5);
    for s in &mail {
        deliver(&app, s);
    }
    let first = import(&app, &["--backlog", "all", "--post-action", "move:Archive"]);
    first.expect(0);
    assert_eq!(first.count("imported"), 5);
    // A second run finds everything recorded: nothing imported twice.
    let again = import(&app, &["--post-action", "move:Archive"]);
    again.expect(0);
    assert_eq!(again.count("imported"), 0);
    // `log list` and `tickets list` read the same server.
    assert_each_imported_once(&app, &mail);
    assert_eq!(in_folder(&app, "Archive").len(), 5);
    assert!(in_folder(&app, FOLDER).is_empty());
    // Nothing went to the SQLite file of the sandbox.
    assert!(!app.sb.path().join("data/mailconn/mailconn.db").exists());
}

#[test]
fn a_server_that_is_down_is_exit_6_and_the_mailbox_is_untouched() {
    let port = free_port();
    let app = on_server(
        &format!("postgres://mailconn_pw@127.0.0.1:{port}/mail"),
        &password(),
    );
    deliver(&app, "Waiting for the database");
    let out = import_plain(&app, &["--backlog", "all", "--post-action", "move:Archive"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(6), "{err}");
    assert!(
        err.contains(&format!("127.0.0.1:{port}")),
        "names the server: {err}"
    );
    assert!(
        err.contains("PostgreSQL is running"),
        "says what to check: {err}"
    );
    let waiting = in_folder(&app, FOLDER);
    assert_eq!(waiting.len(), 1);
    assert_eq!(waiting[0]["is_read"], false);
}

#[test]
fn a_wrong_password_is_a_settings_error_that_never_shows_the_password() {
    let wrong = "not-the-role-password";
    let app = on_server(&new_database(), wrong);
    let out = import_plain(&app, &["--backlog", "all"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(78), "{err}");
    assert!(
        err.contains("PGPASSFILE"),
        "says where the password comes from: {err}"
    );
    assert!(!err.contains(wrong), "{err}");
    assert!(!err.contains(&password()), "{err}");
}

#[test]
fn a_password_in_store_url_is_refused_without_echoing_it() {
    let app = on_server(
        "postgres://mailconn_pw:hunter2secret@127.0.0.1/mail",
        &password(),
    );
    let out = import_plain(&app, &["--backlog", "all"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(78), "{err}");
    assert!(err.contains("PGPASSFILE"), "{err}");
    assert!(!err.contains("hunter2secret"), "{err}");
}

#[test]
fn a_password_file_others_can_read_is_refused() {
    use std::os::unix::fs::PermissionsExt;
    let app = on_server(&new_database(), &password());
    let pgpass = app.sb.path().join("home/.pgpass");
    std::fs::set_permissions(&pgpass, std::fs::Permissions::from_mode(0o644)).unwrap();
    let out = import_plain(&app, &["--backlog", "all"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(78), "{err}");
    assert!(err.contains("chmod 600"), "{err}");
}

#[test]
fn store_and_store_url_together_are_refused_at_the_key() {
    let app = on_server(&new_database(), &password());
    let config = app.sb.read_config();
    app.sb
        .write_config(&format!("{config}store = \"/tmp/elsewhere.db\"\n"));
    let out = import_plain(&app, &["--backlog", "all"]);
    let err = stderr(&out);
    assert_ne!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("both store and store_url"), "{err}");
}

#[test]
fn a_worker_paused_past_its_lease_writes_nothing_after_another_took_over() {
    const MOVE: [&str; 2] = ["--post-action", "move:Archive"];
    let app = on_server_of(
        Emulator::start(&["--latency", "40ms"]),
        &new_database(),
        &password(),
        "lease_ttl = \"5s\"\n",
    );
    let mail = subjects("Paused worker", 40);
    for s in &mail {
        deliver(&app, s);
    }
    let mut paused = Live::spawn(&app, &[&["--backlog", "all"], &MOVE[..]].concat());
    assert!(
        paused.until(Duration::from_secs(30), |e| e["event"] == "message"),
        "the first worker imports"
    );
    signal(paused.child.id(), "STOP");

    // `status` names the worker holding the folder.
    let (_, status) = app.json(&["status"]);
    let lease = &status["folders"][0]["lease"];
    assert_eq!(lease["live"], true, "{status:#}");
    let pid = format!("pid {}/", paused.child.id());
    assert!(
        lease["holder"].as_str().unwrap().contains(&pid),
        "{status:#}"
    );

    // Its lease has not expired yet: another run is refused and told who holds it.
    let refused = import(&app, &MOVE);
    refused.expect(7);
    assert!(refused.stderr.contains("worker"), "{}", refused.stderr);
    // Queued behind it, the next run takes over once the lease expires, and finishes.
    let took_over = import(&app, &[&MOVE[..], &["--wait"]].concat());
    took_over.expect(0);

    signal(paused.child.id(), "CONT");
    let resumed = paused.finish();
    assert_eq!(resumed.code, 7, "{resumed:#?}");
    assert!(resumed.stderr.contains("taken over"), "{}", resumed.stderr);

    assert_each_imported_once(&app, &mail);
    assert!(in_folder(&app, FOLDER).is_empty());
    assert_eq!(in_folder(&app, "Archive").len(), mail.len());
}

#[test]
fn a_server_restarted_mid_run_is_reconnected_and_nothing_is_lost_or_duplicated() {
    let cluster = Cluster::start();
    let app = on_server_of(
        Emulator::start(&["--latency", "30ms"]),
        &cluster.new_database("mail"),
        "unused: trust authentication",
        "",
    );
    let mail = subjects("Restarted store", 40);
    for s in &mail {
        deliver(&app, s);
    }
    let mut live = Live::spawn(&app, &["--backlog", "all", "--post-action", "move:Archive"]);
    assert!(
        live.until(Duration::from_secs(30), |e| e["event"] == "message"),
        "the run imports"
    );
    cluster.restart();
    let run = live.finish();
    run.expect(0);
    assert_each_imported_once(&app, &mail);
    assert!(in_folder(&app, FOLDER).is_empty());
    assert_eq!(in_folder(&app, "Archive").len(), mail.len());
}

#[test]
fn a_top_level_store_url_is_the_store_of_every_profile_without_one_of_its_own() {
    let app = AppProfile::demo();
    let config = app.sb.read_config();
    let mut file = format!("store_url = \"{}\"\n{config}", new_database());
    // A second profile keeps its own file: the top-level URL does not override it.
    let own = app.sb.path().join("own.db");
    file.push_str(&format!(
        "[profiles.own]\ntenant = \"contoso.test\"\n[profiles.own.import]\nstore = \"{}\"\n",
        own.display()
    ));
    app.sb.write_config(&file);
    write_pgpass(&app.sb.path().join("home/.pgpass"), &password());
    deliver(&app, "Top-level store");
    import(&app, &["--backlog", "all"]).expect(0);
    let (_, status) = app.json(&["status"]);
    assert_eq!(status["leases"], true, "{status:#}");
    assert_eq!(status["folders"][0]["imported"], 1, "{status:#}");
    assert!(!app.sb.path().join("data/mailconn/mailconn.db").exists());
    // Nothing was imported there yet, and `status` says where it looked.
    let out = app.run(&["-p", "own", "status"]);
    assert!(
        stderr(&out).contains(&own.display().to_string()),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_store_over_tls_is_used_only_when_its_certificate_verifies() {
    let cert = crate::common::cert::Cert::new();
    let cluster = Cluster::start_with_tls(&cert);
    // localhost is this machine, so TLS is asked for; the server accepts nothing else.
    let url = cluster
        .new_database("tls")
        .replace("127.0.0.1", "localhost")
        + "?sslmode=require";
    let app = on_server(&url, "unused: trust authentication");
    deliver(&app, "Over TLS");

    let untrusted = import_plain(&app, &["--backlog", "all"]);
    let err = stderr(&untrusted);
    assert_eq!(
        untrusted.status.code(),
        Some(78),
        "{err}\n{}",
        cluster.log()
    );
    assert!(err.contains("certificate"), "says why: {err}");
    assert_eq!(in_folder(&app, FOLDER).len(), 1, "nothing touched");

    let ca = cert.cert();
    let ca = ca.to_str().unwrap();
    let trusted = app
        .cmd()
        .env("MAILCONN_CA_FILE", ca)
        .args(["--json", "import", "--backlog", "all"])
        .output()
        .unwrap();
    crate::common::import::Run::from_output(&trusted).expect(0);
    let (_, status) = app.json_with_env(&["status"], &[("MAILCONN_CA_FILE", ca)]);
    assert_eq!(status["folders"][0]["imported"], 1, "{status:#}");
}

#[test]
fn the_store_password_can_live_in_the_os_keyring_instead_of_a_password_file() {
    let app = AppProfile::demo();
    let config = app.sb.read_config();
    app.sb.write_config(&format!(
        "{config}[profiles.{}.import]\nstore_url = \"{}\"\n",
        app.profile,
        new_database()
    ));
    deliver(&app, "Password in the keyring");
    let with_keyring = || {
        let mut cmd = app.cmd();
        cmd.env("DBUS_SESSION_BUS_ADDRESS", keyring::session_bus());
        cmd
    };

    let out = with_keyring()
        .args(["import", "--backlog", "all"])
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(78), "{err}");
    assert!(
        err.contains("credentials set store-password"),
        "says how: {err}"
    );

    let set = with_keyring()
        .args(["credentials", "set", "store-password", "--password-stdin"])
        .write_stdin(password())
        .output()
        .unwrap();
    assert!(set.status.success(), "{}", stderr(&set));
    assert!(stdout(&set).contains("OS keyring"), "{}", stdout(&set));
    assert!(!stdout(&set).contains(&password()) && !stderr(&set).contains(&password()));

    let imported = with_keyring()
        .args(["--json", "import", "--backlog", "all"])
        .output()
        .unwrap();
    crate::common::import::Run::from_output(&imported).expect(0);
    assert!(
        in_folder(&app, FOLDER)
            .iter()
            .all(|m| m["is_read"] == false)
    );

    // Removed, the store cannot be signed in to again; removing twice is not an error.
    let remove = || {
        with_keyring()
            .args(["--json", "credentials", "remove", "store-password"])
            .output()
            .unwrap()
    };
    let first = remove();
    assert!(first.status.success(), "{}", stderr(&first));
    let first: serde_json::Value = serde_json::from_str(&stdout(&first)).unwrap();
    assert_eq!(first["removed"], true, "{first:#}");
    let again = with_keyring().args(["status"]).output().unwrap();
    assert_eq!(again.status.code(), Some(78), "{}", stderr(&again));
    let second = remove();
    assert!(second.status.success(), "{}", stderr(&second));
    let second: serde_json::Value = serde_json::from_str(&stdout(&second)).unwrap();
    assert_eq!(second["removed"], false, "{second:#}");
}

#[test]
fn a_store_password_is_refused_for_a_store_that_is_a_file() {
    let app = AppProfile::demo();
    let out = app
        .cmd()
        .args(["credentials", "set", "store-password", "--password-stdin"])
        .write_stdin("whatever")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("store_url"), "{}", stderr(&out));
}
