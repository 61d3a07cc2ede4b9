//! The store's contract with the import, tested on both backends: real SQLite files and
//! real PostgreSQL databases (one per test, on the server `.ci/with-postgres` starts).

use chrono::{Duration, Utc};

use super::*;
use crate::mailbox::Identity;

fn key(id: &str) -> MessageKey {
    MessageKey {
        mailbox: "support@contoso.com".into(),
        immutable_id: id.into(),
    }
}

fn meta(subject: &str, sender: &str) -> MessageMeta {
    MessageMeta {
        profile: Some("prod".into()),
        folder: "Inbox/Support".into(),
        internet_message_id: Some(format!("{subject}@example.com")),
        sender: Some(sender.into()),
        subject: subject.into(),
        received_at: Some(Utc::now()),
    }
}

fn ticket_write(follow_up: Option<TicketId>) -> TicketWrite {
    TicketWrite {
        follow_up,
        queue: Some("support".into()),
        priority: None,
        tags: vec!["printer".into()],
        from: Some("ann@example.com".into()),
        subject: "Printer on fire".into(),
        text: "It burns.".into(),
        original_text: "It burns.\n\nSent from my iPhone".into(),
        html: None,
        headers: vec![("From".into(), "ann@example.com".into())],
        attachments: vec![Attachment {
            filename: "photo.jpg".into(),
            content_type: "image/jpeg".into(),
            size: 3,
            inline: false,
            content: Some(vec![1, 2, 3]),
        }],
    }
}

fn import(id: &str, follow_up: Option<TicketId>, post_action: &str) -> Import {
    Import {
        key: key(id),
        meta: meta(id, "ann@example.com"),
        decision: RecordedDecision {
            action: if follow_up.is_some() {
                "follow-up"
            } else {
                "new-ticket"
            }
            .into(),
            rule: "default".into(),
            reason: None,
        },
        sink: SinkWrite::Tickets(Box::new(ticket_write(follow_up))),
        post_action: post_action.into(),
        request_ids: vec!["req-1".into()],
    }
}

#[derive(Debug, Clone, Copy)]
enum Backend {
    Sqlite,
    Postgres,
}

/// A new, empty store of one backend, which the test can open again (as another process
/// would) for as long as it holds this.
struct Fresh {
    _dir: tempfile::TempDir,
    location: StoreLocation,
}

impl Fresh {
    fn new(backend: Backend) -> Fresh {
        let dir = tempfile::tempdir().unwrap();
        let location = match backend {
            Backend::Sqlite => StoreLocation::File(dir.path().join("state/mailconn.db")),
            Backend::Postgres => StoreLocation::server(&postgres_database()).unwrap(),
        };
        Fresh {
            _dir: dir,
            location,
        }
    }

    fn open(&self) -> Box<dyn Store> {
        self.location.open().unwrap()
    }
}

/// A new database on the test server; its URL.
pub(crate) fn postgres_database() -> String {
    let server = std::env::var("MAILCONN_TEST_PG_URL").expect(
        "MAILCONN_TEST_PG_URL is not set: run the store tests under .ci/with-postgres (scripts/test does)",
    );
    let name = format!("store_{}", uuid::Uuid::new_v4().simple());
    let mut admin = ::postgres::Client::connect(&format!("{server}/postgres"), ::postgres::NoTls)
        .expect("the test PostgreSQL server answers");
    admin
        .batch_execute(&format!("CREATE DATABASE {name}"))
        .unwrap();
    format!("{server}/{name}")
}

fn temp_store(backend: Backend) -> (Fresh, Box<dyn Store>) {
    let fresh = Fresh::new(backend);
    let store = fresh.open();
    (fresh, store)
}

fn an_import_commits_ticket_log_row_and_pending_post_action_together(backend: Backend) {
    let (_fresh, mut store) = temp_store(backend);
    let recorded = store
        .record_imported(&import("m1", None, "move:Done"))
        .unwrap();
    let Recorded::Imported {
        log_id,
        ticket_id: Some(ticket_id),
    } = recorded
    else {
        panic!("{recorded:?}")
    };
    let entry = store.lookup(&key("m1")).unwrap().unwrap();
    assert_eq!(entry.status, Status::Imported);
    assert_eq!(entry.ticket_id, Some(ticket_id));
    assert_eq!(entry.post_action_status, Some(PostActionStatus::Pending));

    let ticket = store.ticket_get(ticket_id).unwrap().unwrap();
    assert_eq!(ticket.ticket.subject, "Printer on fire");
    assert_eq!(ticket.ticket.tags, ["printer"]);
    assert_eq!(ticket.messages.len(), 1);
    assert_eq!(ticket.messages[0].log_id, Some(log_id));
    assert_eq!(ticket.messages[0].attachments[0].filename, "photo.jpg");

    let pending = store
        .pending_post_actions("support@contoso.com", "Inbox/Support")
        .unwrap();
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0].post_action, "move:Done");
    assert_eq!(pending[0].attempts, 0);
}

fn the_same_message_never_becomes_a_second_ticket(backend: Backend) {
    let (_fresh, mut store) = temp_store(backend);
    let first = store.record_imported(&import("m1", None, "none")).unwrap();
    let again = store.record_imported(&import("m1", None, "none")).unwrap();
    let (
        Recorded::Imported { log_id, ticket_id },
        Recorded::AlreadyImported {
            log_id: l2,
            ticket_id: t2,
        },
    ) = (first, again)
    else {
        panic!("{first:?} then {again:?}")
    };
    assert_eq!((log_id, ticket_id), (l2, t2));
    assert_eq!(store.tickets_list(None).unwrap().len(), 1);
}

fn two_processes_racing_on_one_message_make_one_ticket(backend: Backend) {
    let fresh = Fresh::new(backend);
    drop(fresh.open());
    let results: Vec<Recorded> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..4)
            .map(|_| {
                let fresh = &fresh;
                s.spawn(move || {
                    let mut store = fresh.open();
                    store.record_imported(&import("m1", None, "none")).unwrap()
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let imported = results
        .iter()
        .filter(|r| matches!(r, Recorded::Imported { .. }))
        .count();
    assert_eq!(imported, 1, "{results:?}");
    assert_eq!(fresh.open().tickets_list(None).unwrap().len(), 1);
}

fn a_follow_up_to_a_missing_ticket_writes_nothing(backend: Backend) {
    let (_fresh, mut store) = temp_store(backend);
    let err = store
        .record_imported(&import("m1", Some(99), "none"))
        .unwrap_err();
    assert!(matches!(err, StoreError::NoSuchTicket(99)), "{err}");
    assert_eq!(store.lookup(&key("m1")).unwrap(), None);
    assert!(store.tickets_list(None).unwrap().is_empty());
}

fn a_follow_up_adds_the_message_to_its_ticket(backend: Backend) {
    let (_fresh, mut store) = temp_store(backend);
    let Recorded::Imported {
        ticket_id: Some(ticket),
        ..
    } = store.record_imported(&import("m1", None, "none")).unwrap()
    else {
        panic!()
    };
    store
        .record_imported(&import("m2", Some(ticket), "none"))
        .unwrap();
    let tickets = store.tickets_list(None).unwrap();
    assert_eq!(tickets.len(), 1);
    assert_eq!(tickets[0].message_count, 2);
}

fn post_actions_are_retried_until_done_and_every_attempt_is_kept(backend: Backend) {
    let (_fresh, mut store) = temp_store(backend);
    let Recorded::Imported { log_id, .. } = store
        .record_imported(&import("m1", None, "mark-read"))
        .unwrap()
    else {
        panic!()
    };
    let failure = Failure {
        error: "503 Service Unavailable".into(),
        hint: Some("retried on the next run".into()),
    };
    store
        .record_post_action(log_id, Err(failure.clone()), &["req-2".into()])
        .unwrap();
    let pending = store
        .pending_post_actions("support@contoso.com", "Inbox/Support")
        .unwrap();
    assert_eq!(pending.len(), 1, "a failed post-action is still pending");
    assert_eq!(pending[0].attempts, 1);

    store
        .record_post_action(log_id, Ok("marked read".into()), &["req-3".into()])
        .unwrap();
    assert!(
        store
            .pending_post_actions("support@contoso.com", "Inbox/Support")
            .unwrap()
            .is_empty()
    );
    let detail = store.log_get(log_id).unwrap().unwrap();
    assert_eq!(
        detail.entry.post_action_status,
        Some(PostActionStatus::Done)
    );
    let stages: Vec<_> = detail.attempts.iter().map(|a| a.stage.as_str()).collect();
    assert_eq!(stages, ["import", "post-action", "post-action"]);
    assert_eq!(detail.attempts[0].request_ids, ["req-1"]);
    assert_eq!(detail.attempts[1].failure.as_ref(), Some(&failure));
    assert_eq!(detail.attempts[2].result.as_deref(), Some("marked read"));

    let err = store
        .record_post_action(12345, Ok("x".into()), &[])
        .unwrap_err();
    assert!(matches!(err, StoreError::NoSuchEntry(12345)));
}

fn post_actions_that_landed_together_are_recorded_together_or_not_at_all(backend: Backend) {
    let (_fresh, mut store) = temp_store(backend);
    let mut logged = Vec::new();
    for id in ["m1", "m2"] {
        let Recorded::Imported { log_id, .. } = store
            .record_imported(&import(id, None, "mark-read"))
            .unwrap()
        else {
            panic!()
        };
        logged.push(log_id);
    }
    let done = |log_id| PostActionOutcome {
        log_id,
        outcome: Ok("marked read".into()),
        request_ids: vec![format!("req-{log_id}")],
    };
    let pending = |store: &dyn Store| {
        store
            .pending_post_actions("support@contoso.com", "Inbox/Support")
            .unwrap()
            .len()
    };
    // One outcome that cannot be written spoils the others: both stay pending.
    let err = store
        .record_post_actions(&[done(logged[0]), done(12345)])
        .unwrap_err();
    assert!(matches!(err, StoreError::NoSuchEntry(12345)), "{err}");
    assert_eq!(pending(&*store), 2);
    store
        .record_post_actions(&[done(logged[0]), done(logged[1])])
        .unwrap();
    assert_eq!(pending(&*store), 0);
    for log_id in logged {
        let detail = store.log_get(log_id).unwrap().unwrap();
        let last = detail.attempts.last().unwrap();
        assert_eq!(last.result.as_deref(), Some("marked read"));
        assert_eq!(last.request_ids, [format!("req-{log_id}")]);
    }
}

fn failures_and_ignores_never_undo_an_import(backend: Backend) {
    let (_fresh, mut store) = temp_store(backend);
    let failure = Failure {
        error: "sink failed".into(),
        hint: None,
    };
    let id = store
        .record_failure(&key("m1"), &meta("m1", "a@example.com"), &failure, &[])
        .unwrap();
    assert_eq!(
        store.lookup(&key("m1")).unwrap().unwrap().status,
        Status::Failed
    );

    store.record_imported(&import("m1", None, "none")).unwrap();
    let again = store
        .record_failure(&key("m1"), &meta("m1", "a@example.com"), &failure, &[])
        .unwrap();
    assert_eq!(again, id, "one row per message");
    let entry = store.lookup(&key("m1")).unwrap().unwrap();
    assert_eq!(entry.status, Status::Imported);
    assert_eq!(store.log_get(id).unwrap().unwrap().attempts.len(), 3);
}

fn history_answers_threads_and_sender_counts(backend: Backend) {
    let (_fresh, mut store) = temp_store(backend);
    let Recorded::Imported {
        ticket_id: Some(ticket),
        ..
    } = store.record_imported(&import("m1", None, "none")).unwrap()
    else {
        panic!()
    };
    let mailbox = "support@contoso.com";
    let refs = vec!["unrelated@x".to_owned(), "m1@example.com".to_owned()];
    assert_eq!(
        store.ticket_for_message_ids(mailbox, &refs).unwrap(),
        Some(ticket)
    );
    assert_eq!(
        store
            .ticket_for_message_ids("other@contoso.com", &refs)
            .unwrap(),
        None
    );
    assert!(store.ticket_exists(ticket).unwrap());
    assert!(!store.ticket_exists(ticket + 1).unwrap());
    let hour_ago = Utc::now() - Duration::hours(1);
    assert_eq!(
        store
            .messages_from_since(mailbox, "ANN@example.com", hour_ago)
            .unwrap(),
        1
    );
    assert_eq!(
        store
            .messages_from_since(mailbox, "ann@example.com", Utc::now() + Duration::hours(1))
            .unwrap(),
        0
    );
}

fn log_list_filters_by_status_sender_subject_and_profile(backend: Backend) {
    let (_fresh, mut store) = temp_store(backend);
    store
        .record_imported(&import("Printer", None, "none"))
        .unwrap();
    store
        .record_ignored(
            &key("ooo"),
            &meta("Out of office", "bob@example.com"),
            &RecordedDecision {
                action: "ignore".into(),
                rule: "auto-reply:auto-submitted".into(),
                reason: Some("Auto-Submitted: auto-replied".into()),
            },
        )
        .unwrap();
    let subjects = |filter: LogFilter| -> Vec<String> {
        store
            .log_list(&filter)
            .unwrap()
            .into_iter()
            .map(|e| e.meta.subject)
            .collect()
    };
    assert_eq!(subjects(LogFilter::default()).len(), 2);
    assert_eq!(
        subjects(LogFilter {
            status: Some(Status::Ignored),
            ..LogFilter::default()
        }),
        ["Out of office"]
    );
    assert_eq!(
        subjects(LogFilter {
            sender: Some("BOB@".into()),
            ..LogFilter::default()
        }),
        ["Out of office"]
    );
    assert_eq!(
        subjects(LogFilter {
            subject: Some("printer".into()),
            ..LogFilter::default()
        }),
        ["Printer"]
    );
    assert!(
        subjects(LogFilter {
            profile: Some("other".into()),
            ..LogFilter::default()
        })
        .is_empty()
    );
    assert!(
        subjects(LogFilter {
            since: Some(Utc::now() + Duration::minutes(1)),
            ..LogFilter::default()
        })
        .is_empty()
    );
}

fn prune_only_forgets_messages_that_left_the_folder(backend: Backend) {
    let (_fresh, mut store) = temp_store(backend);
    let Recorded::Imported { log_id: moved, .. } = store
        .record_imported(&import("moved", None, "move:Done"))
        .unwrap()
    else {
        panic!()
    };
    store
        .record_post_action(moved, Ok("moved".into()), &[])
        .unwrap();
    store
        .record_imported(&import("still-there", None, "mark-read"))
        .unwrap();
    store
        .record_imported(&import("kept", None, "none"))
        .unwrap();

    let report = store.log_prune(Utc::now() + Duration::minutes(1)).unwrap();
    assert_eq!(report.entries_removed, 1);
    assert_eq!(report.entries_kept, 2);
    assert!(store.lookup(&key("moved")).unwrap().is_none());
    assert!(store.lookup(&key("still-there")).unwrap().is_some());
    assert!(store.lookup(&key("kept")).unwrap().is_some());
    // The ticket outlives its log entry.
    assert_eq!(store.tickets_list(None).unwrap().len(), 3);
}

#[cfg(unix)]
#[test]
fn the_file_is_private_and_reopening_keeps_everything() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("deep/dir/mailconn.db");
    {
        let mut store = SqliteStore::open(&path).unwrap();
        store.record_imported(&import("m1", None, "none")).unwrap();
    }
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let dir_mode = std::fs::metadata(path.parent().unwrap())
        .unwrap()
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(dir_mode, 0o700);
    let store = SqliteStore::open(&path).unwrap();
    assert!(store.lookup(&key("m1")).unwrap().is_some());
}

#[test]
fn a_store_from_a_newer_mailconn_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mailconn.db");
    drop(SqliteStore::open(&path).unwrap());
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute("INSERT INTO schema_version (version) VALUES (999)", [])
        .unwrap();
    drop(conn);
    let err = SqliteStore::open(&path).err().unwrap();
    assert!(
        matches!(err, StoreError::TooNew { found: 999, .. }),
        "{err}"
    );
    assert_eq!(
        crate::error::Diagnose::kind(&err),
        crate::error::ErrorKind::Config
    );
}

fn a_batch_commits_once_and_a_bad_message_does_not_spoil_the_others(backend: Backend) {
    let (_fresh, mut store) = temp_store(backend);
    let batch = [
        Record::Imported(import("m1", None, "none")),
        Record::Imported(import("m2", Some(404), "none")),
        Record::Imported(import("m1", None, "none")),
        Record::Imported(import("m3", None, "move:Done")),
        Record::Ignored {
            key: key("m4"),
            meta: meta("Out of office", "bob@example.com"),
            decision: RecordedDecision {
                action: "ignore".into(),
                rule: "auto-reply:auto-submitted".into(),
                reason: None,
            },
        },
    ];
    let results = store.record_batch(&batch).unwrap();
    assert!(matches!(results[0], Ok(Recorded::Imported { .. })));
    assert!(matches!(results[1], Err(StoreError::NoSuchTicket(404))));
    assert!(matches!(results[2], Ok(Recorded::AlreadyImported { .. })));
    assert!(matches!(results[3], Ok(Recorded::Imported { .. })));
    assert!(matches!(results[4], Ok(Recorded::Ignored { .. })));
    assert_eq!(
        store.lookup(&key("m4")).unwrap().unwrap().status,
        Status::Ignored
    );
    assert!(store.lookup(&key("m2")).unwrap().is_none());
    assert_eq!(store.tickets_list(None).unwrap().len(), 2);
    assert_eq!(
        store
            .pending_post_actions("support@contoso.com", "Inbox/Support")
            .unwrap()
            .len(),
        1
    );
}

fn adopting_a_mailbox_rekeys_every_spelling_and_merges_duplicates(backend: Backend) {
    let (_fresh, mut store) = temp_store(backend);
    let spelled = |mailbox: &str, id: &str| {
        let mut i = import(id, None, "none");
        i.key.mailbox = mailbox.into();
        i
    };
    // Today's release keyed rows by the string as typed: two spellings, one message twice.
    store
        .record_imported(&spelled("Support@Contoso.com", "m1"))
        .unwrap();
    store
        .record_imported(&spelled("support@contoso.com", "m1"))
        .unwrap();
    store
        .record_imported(&spelled("helpdesk@contoso.com", "m2"))
        .unwrap();
    store
        .record_imported(&spelled("other@contoso.com", "m3"))
        .unwrap();
    let checkpoint = |mailbox: &str, link: &str, age: i64| Checkpoint {
        mailbox: mailbox.into(),
        folder_id: "F1".into(),
        folder: "Inbox/Support".into(),
        delta_link: link.into(),
        since: None,
        updated_at: Utc::now() - Duration::minutes(age),
    };
    store
        .save_checkpoint(&checkpoint("Support@Contoso.com", "old", 10))
        .unwrap();
    store
        .save_checkpoint(&checkpoint("support@contoso.com", "new", 1))
        .unwrap();

    let identity = Identity {
        configured: "SUPPORT@contoso.com".into(),
        key: "a1b2".into(),
        address: "support@contoso.com".into(),
        spellings: vec!["support@contoso.com".into(), "helpdesk@contoso.com".into()],
        resolved: true,
    };
    let adopted = store.adopt_mailbox(&identity).unwrap();
    assert_eq!(adopted.entries, 3, "m1 twice and m2");
    assert_eq!(
        store.checkpoint("a1b2", "F1").unwrap().unwrap().delta_link,
        "new"
    );
    assert!(
        store
            .checkpoint("support@contoso.com", "F1")
            .unwrap()
            .is_none()
    );

    let m1 = store.lookup(&MessageKey {
        mailbox: "a1b2".into(),
        immutable_id: "m1".into(),
    });
    let m1 = store.log_get(m1.unwrap().unwrap().id).unwrap().unwrap();
    assert_eq!(
        m1.attempts.len(),
        2,
        "both histories are kept on the one row"
    );
    let rows = store.log_list(&LogFilter::default()).unwrap();
    let mut keys: Vec<_> = rows
        .iter()
        .map(|r| (r.key.mailbox.as_str(), r.key.immutable_id.as_str()))
        .collect();
    keys.sort();
    assert_eq!(
        keys,
        [("a1b2", "m1"), ("a1b2", "m2"), ("other@contoso.com", "m3")]
    );
    // Tickets keep their messages.
    let tickets = store.tickets_list(None).unwrap();
    assert_eq!(tickets.iter().map(|t| t.message_count).sum::<u32>(), 4);

    // A second run finds nothing left to move.
    assert_eq!(store.adopt_mailbox(&identity).unwrap(), Adopted::default());
}

#[test]
fn a_database_from_a_newer_mailconn_is_refused() {
    let url = postgres_database();
    drop(StoreLocation::server(&url).unwrap().open().unwrap());
    let mut db = ::postgres::Client::connect(&url, ::postgres::NoTls).unwrap();
    db.execute("INSERT INTO schema_version (version) VALUES (999)", &[])
        .unwrap();
    let err = StoreLocation::server(&url).unwrap().open().err().unwrap();
    assert!(
        matches!(err, StoreError::TooNew { found: 999, .. }),
        "{err}"
    );
}

#[test]
fn workers_starting_together_on_a_new_database_migrate_it_once() {
    let url = postgres_database();
    std::thread::scope(|s| {
        for _ in 0..4 {
            s.spawn(|| StoreLocation::server(&url).unwrap().open().unwrap());
        }
    });
    let mut db = ::postgres::Client::connect(&url, ::postgres::NoTls).unwrap();
    let steps: i64 = db
        .query_one("SELECT COUNT(*) FROM schema_version", &[])
        .unwrap()
        .get(0);
    assert_eq!(steps, pg::schema::CURRENT);
}

/// Every contract test above, once per backend.
macro_rules! on_both_backends {
    ($($test:ident),* $(,)?) => {
        mod sqlite {
            $(#[test] fn $test() { super::$test(super::Backend::Sqlite) })*
        }
        mod postgres {
            $(#[test] fn $test() { super::$test(super::Backend::Postgres) })*
        }
    };
}

on_both_backends!(
    an_import_commits_ticket_log_row_and_pending_post_action_together,
    the_same_message_never_becomes_a_second_ticket,
    two_processes_racing_on_one_message_make_one_ticket,
    a_follow_up_to_a_missing_ticket_writes_nothing,
    a_follow_up_adds_the_message_to_its_ticket,
    post_actions_are_retried_until_done_and_every_attempt_is_kept,
    post_actions_that_landed_together_are_recorded_together_or_not_at_all,
    failures_and_ignores_never_undo_an_import,
    history_answers_threads_and_sender_counts,
    log_list_filters_by_status_sender_subject_and_profile,
    prune_only_forgets_messages_that_left_the_folder,
    a_batch_commits_once_and_a_bad_message_does_not_spoil_the_others,
    adopting_a_mailbox_rekeys_every_spelling_and_merges_duplicates,
);

/// The leases of a new database, and a second store on it (another worker).
fn two_workers() -> (Box<dyn Store>, Box<dyn Store>) {
    let url = postgres_database();
    let open = || StoreLocation::server(&url).unwrap().open().unwrap();
    (open(), open())
}

fn granted(claim: Claim) -> Lease {
    match claim {
        Claim::Granted(lease) => lease,
        held => panic!("not granted: {held:?}"),
    }
}

const LONG: std::time::Duration = std::time::Duration::from_secs(600);
/// A lease that has expired by the time anyone looks at it: take-overs without waiting.
const EXPIRED: std::time::Duration = std::time::Duration::ZERO;

#[test]
fn a_live_lease_is_refused_to_another_worker_and_a_released_one_is_taken_over() {
    let (mut a, mut b) = two_workers();
    let first = granted(
        a.leases()
            .unwrap()
            .claim("Support@Contoso.com", "Inbox/Support", "a", LONG)
            .unwrap(),
    );
    assert_eq!(first.epoch, 1);
    let refused = b
        .leases()
        .unwrap()
        .claim("support@contoso.com", "inbox/support", "b", LONG)
        .unwrap();
    assert!(
        matches!(&refused, Claim::Held { holder, .. } if holder == "a"),
        "{refused:?}"
    );
    a.leases().unwrap().release(&first).unwrap();
    let second = granted(
        b.leases()
            .unwrap()
            .claim("support@contoso.com", "Inbox/Support", "b", LONG)
            .unwrap(),
    );
    assert_eq!(second.epoch, 2, "a take-over raises the epoch");
    assert!(!a.leases().unwrap().renew(&first, LONG).unwrap());
    assert!(b.leases().unwrap().renew(&second, LONG).unwrap());
    let rows = b.leases().unwrap().list_leases().unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!((rows[0].holder.as_str(), rows[0].live), ("b", true));
}

#[test]
fn a_worker_whose_lease_was_taken_over_writes_nothing() {
    let (mut paused, mut other) = two_workers();
    let mailbox = "support@contoso.com";
    let stale = granted(
        paused
            .leases()
            .unwrap()
            .claim(mailbox, "Inbox/Support", "paused", EXPIRED)
            .unwrap(),
    );
    paused.leases().unwrap().fence(&stale);
    // Before the take-over the fenced writer may write.
    paused
        .record_imported(&import("before", None, "move:Done"))
        .unwrap();
    let current = granted(
        other
            .leases()
            .unwrap()
            .claim(mailbox, "Inbox/Support", "other", LONG)
            .unwrap(),
    );
    other.leases().unwrap().fence(&current);

    let batch = paused.record_imported(&import("after", None, "none"));
    assert!(matches!(batch, Err(StoreError::Fenced { .. })), "{batch:?}");
    let before = paused.lookup(&key("before")).unwrap().unwrap();
    let post = paused.record_post_action(before.id, Ok("moved".into()), &[]);
    assert!(matches!(post, Err(StoreError::Fenced { .. })), "{post:?}");
    let checkpoint = Checkpoint {
        mailbox: mailbox.into(),
        folder_id: "F1".into(),
        folder: "Inbox/Support".into(),
        delta_link: "stale".into(),
        since: None,
        updated_at: Utc::now(),
    };
    let saved = paused.save_checkpoint(&checkpoint);
    assert!(matches!(saved, Err(StoreError::Fenced { .. })), "{saved:?}");
    let failed = paused.record_failure(
        &key("after"),
        &meta("after", "ann@example.com"),
        &Failure {
            error: "x".into(),
            hint: None,
        },
        &[],
    );
    assert!(
        matches!(failed, Err(StoreError::Fenced { .. })),
        "{failed:?}"
    );
    assert_eq!(
        crate::error::Diagnose::kind(&failed.unwrap_err()),
        crate::error::ErrorKind::Locked
    );

    // Nothing of it landed; the worker holding the lease writes as usual.
    assert!(other.lookup(&key("after")).unwrap().is_none());
    assert_eq!(
        other
            .lookup(&key("before"))
            .unwrap()
            .unwrap()
            .post_action_status,
        Some(PostActionStatus::Pending)
    );
    assert!(other.checkpoint(mailbox, "F1").unwrap().is_none());
    other
        .record_post_action(before.id, Ok("moved".into()), &[])
        .unwrap();
    other.save_checkpoint(&checkpoint).unwrap();
}

#[test]
fn workers_see_each_other_while_they_beat_and_not_after_they_retire() {
    let (mut a, mut b) = two_workers();
    let serving = |names: &[&str]| names.iter().map(|n| n.to_string()).collect::<Vec<_>>();
    let (of_a, of_b) = (serving(&["it", "support"]), serving(&["sales"]));
    let ids = |live: Vec<lease::LiveWorker>| live.into_iter().map(|w| w.id).collect::<Vec<_>>();
    let live = a.leases().unwrap().heartbeat("a", &of_a, LONG).unwrap();
    assert_eq!(ids(live), ["a"]);
    let live = b.leases().unwrap().heartbeat("b", &of_b, LONG).unwrap();
    assert_eq!(
        live.iter()
            .map(|w| (&*w.id, &w.profiles))
            .collect::<Vec<_>>(),
        [("a", &of_a), ("b", &of_b)],
        "each worker with the profiles it serves"
    );
    // A worker that stopped beating drops out once its time is up.
    a.leases().unwrap().heartbeat("a", &of_a, EXPIRED).unwrap();
    let beat =
        |b: &mut Box<dyn Store>| ids(b.leases().unwrap().heartbeat("b", &of_b, LONG).unwrap());
    assert_eq!(beat(&mut b), ["b"]);
    a.leases().unwrap().heartbeat("a", &of_a, LONG).unwrap();
    a.leases().unwrap().retire("a").unwrap();
    assert_eq!(beat(&mut b), ["b"]);
}

#[test]
fn a_claim_does_not_wait_behind_a_writer_paused_mid_commit() {
    let url = postgres_database();
    let mut paused = StoreLocation::server(&url).unwrap().open().unwrap();
    let stale = granted(
        paused
            .leases()
            .unwrap()
            .claim("support@contoso.com", "Inbox/Support", "paused", EXPIRED)
            .unwrap(),
    );
    // What a fenced write does first, left hanging as by a SIGSTOP between two statements.
    let mut writer = ::postgres::Client::connect(&url, ::postgres::NoTls).unwrap();
    let mut hanging = writer.transaction().unwrap();
    hanging
        .execute(
            "SELECT epoch FROM leases WHERE mailbox = $1 AND folder = $2 FOR SHARE",
            &[&stale.mailbox, &stale.folder],
        )
        .unwrap();
    let mut other = StoreLocation::server(&url).unwrap().open().unwrap();
    let claim = other
        .leases()
        .unwrap()
        .claim("support@contoso.com", "Inbox/Support", "other", LONG)
        .unwrap();
    assert!(
        matches!(&claim, Claim::Held { holder, .. } if holder == "paused"),
        "reported held, not waited for: {claim:?}"
    );
    hanging.rollback().unwrap();
    let taken = granted(
        other
            .leases()
            .unwrap()
            .claim("support@contoso.com", "Inbox/Support", "other", LONG)
            .unwrap(),
    );
    assert_eq!(taken.epoch, stale.epoch + 1);
}

/// What one worker announces, every worker listening on the store hears; the listener
/// connects again after the server dropped its connection (as on a restart).
#[test]
fn an_announced_change_is_heard_by_the_listening_workers_even_after_a_reconnect() {
    let url = postgres_database();
    let location = StoreLocation::server(&url).unwrap();
    let (heard, inbox) = std::sync::mpsc::channel::<String>();
    location
        .listen_for_changes(
            move |profile| {
                let _ = heard.send(profile.to_owned());
            },
            || true,
        )
        .unwrap();
    let mut announcer = location.open_leases().unwrap().unwrap();
    // NOTIFY keeps nothing for a listener that is reconnecting: announce until heard.
    let hears = |announcer: &mut Box<dyn Leases>, profile: &str| {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
        while std::time::Instant::now() < deadline {
            announcer.announce_change(profile).unwrap();
            if let Ok(got) = inbox.recv_timeout(std::time::Duration::from_millis(200)) {
                assert_eq!(got, profile);
                return true;
            }
        }
        false
    };
    assert!(hears(&mut announcer, "support"));
    let mut admin = ::postgres::Client::connect(&url, ::postgres::NoTls).unwrap();
    let dropped = admin
        .execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
             WHERE datname = current_database() AND query LIKE 'LISTEN%'",
            &[],
        )
        .unwrap();
    assert_eq!(dropped, 1, "one listening connection");
    while inbox.try_recv().is_ok() {}
    assert!(
        hears(&mut announcer, "billing"),
        "heard again after the reconnect"
    );
}
