//! The store's contract with the import, tested on real SQLite files.

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

fn temp_store() -> (tempfile::TempDir, SqliteStore) {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(&dir.path().join("state/mailconn.db")).unwrap();
    (dir, store)
}

#[test]
fn an_import_commits_ticket_log_row_and_pending_post_action_together() {
    let (_dir, mut store) = temp_store();
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

#[test]
fn the_same_message_never_becomes_a_second_ticket() {
    let (_dir, mut store) = temp_store();
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

#[test]
fn two_processes_racing_on_one_message_make_one_ticket() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mailconn.db");
    SqliteStore::open(&path).unwrap();
    let results: Vec<Recorded> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..4)
            .map(|_| {
                let path = path.clone();
                s.spawn(move || {
                    let mut store = SqliteStore::open(&path).unwrap();
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
    let store = SqliteStore::open(&path).unwrap();
    assert_eq!(store.tickets_list(None).unwrap().len(), 1);
}

#[test]
fn a_follow_up_to_a_missing_ticket_writes_nothing() {
    let (_dir, mut store) = temp_store();
    let err = store
        .record_imported(&import("m1", Some(99), "none"))
        .unwrap_err();
    assert!(matches!(err, StoreError::NoSuchTicket(99)), "{err}");
    assert_eq!(store.lookup(&key("m1")).unwrap(), None);
    assert!(store.tickets_list(None).unwrap().is_empty());
}

#[test]
fn a_follow_up_adds_the_message_to_its_ticket() {
    let (_dir, mut store) = temp_store();
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

#[test]
fn post_actions_are_retried_until_done_and_every_attempt_is_kept() {
    let (_dir, mut store) = temp_store();
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

#[test]
fn failures_and_ignores_never_undo_an_import() {
    let (_dir, mut store) = temp_store();
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

#[test]
fn history_answers_threads_and_sender_counts() {
    let (_dir, mut store) = temp_store();
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

#[test]
fn log_list_filters_by_status_sender_subject_and_profile() {
    let (_dir, mut store) = temp_store();
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

#[test]
fn prune_only_forgets_messages_that_left_the_folder() {
    let (_dir, mut store) = temp_store();
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

#[test]
fn a_batch_commits_once_and_a_bad_message_does_not_spoil_the_others() {
    let (_dir, mut store) = temp_store();
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

#[test]
fn adopting_a_mailbox_rekeys_every_spelling_and_merges_duplicates() {
    let (_dir, mut store) = temp_store();
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
