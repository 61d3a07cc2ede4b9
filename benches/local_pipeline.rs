//! The import's local pipeline without the network: parse + normalize + preprocess + rules +
//! store, on one thread, into a SQLite file on disk with the store's real durability
//! settings (WAL, synchronous=FULL). Messages are committed in batches of the import's
//! own size (`run::COMMIT_EVERY`, one fsync each), as the import commits a batch before
//! touching any of its messages in the mailbox.
//!
//! `cargo bench --bench local_pipeline [-- COUNT]` prints messages per second. With
//! `MAILCONN_BENCH_STORE_URL=postgres://…` it runs a second time with the store on that
//! PostgreSQL database (`scripts/bench-store` starts a durable private server for it), so
//! the two back ends' cost per message can be compared. No timing assertion lives in the
//! test suite; the figures are recorded in benches/README.md.

use std::path::Path;
use std::time::Instant;

use mailconn::import::normalize::Limits;
use mailconn::import::process::process;
use mailconn::import::rules::Rules;
use mailconn::import::run::COMMIT_EVERY;
use mailconn::store::{Import, MessageKey, MessageMeta, Record, SinkWrite, Store, StoreLocation};

/// Messages committed together, as the import does.
const PAGE: usize = COMMIT_EVERY;

const RULES: &str = r#"
[senders]
deny = ["noreply@*"]
[loops]
max_per_sender = 1000
window = "1h"
[defaults]
queue = "helpdesk"
[[route]]
name = "billing"
subject = '(?i)invoice'
queue = "billing"
"#;

/// A typical help-desk mail: multipart/alternative text + HTML, an Outlook reply header
/// with quoted history, a signature; about 3 KB. Every 10th is a follow-up by token, every
/// 20th an auto-reply.
fn message(i: usize) -> Vec<u8> {
    let subject = match i % 20 {
        0 => "Automatic reply: out of office".to_owned(),
        n if n % 10 == 5 => format!("RE: [#{}] Printer on floor {}", 1 + i / 20, i % 7),
        _ => format!("Printer on floor {} is broken again ({i})", i % 7),
    };
    let auto = if i.is_multiple_of(20) {
        "Auto-Submitted: auto-replied\r\n"
    } else {
        ""
    };
    let quoted = "> Have you tried turning it off and on again?\r\n".repeat(12);
    format!(
        "From: User {u} <user{u}@example.com>\r\nTo: support@contoso.com\r\n\
Subject: {subject}\r\nMessage-ID: <msg{i}@example.com>\r\nDate: Tue, 3 Nov 2026 10:00:00 +0000\r\n\
{auto}MIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=\"b{i}\"\r\n\r\n\
--b{i}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n\
Hello,\r\n\r\nthe printer on floor {f} shows error E{i} again and jams on every page.=\r\n\
 We need it for the invoices today.\r\n\r\nThanks,\r\nUser {u}\r\n-- \r\nUser {u} | Accounting | +1 555 0100\r\n\r\n\
From: Support <support@contoso.com>\r\nSent: Monday, November 2, 2026 9:00 AM\r\nTo: User {u}\r\n\r\n{quoted}\r\n\
--b{i}\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><body><p>Hello,</p><p>the printer on floor {f} \
shows error <b>E{i}</b> again.</p><div>Thanks,<br>User {u}</div><blockquote>{quoted}</blockquote></body></html>\r\n--b{i}--\r\n",
        u = i % 300,
        f = i % 7,
    )
    .into_bytes()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // `cargo test --all-targets` runs this too (without `--bench`): then a few hundred
    // messages check that the pipeline works without spending the suite's time on a figure.
    let measuring = args.iter().any(|a| a == "--bench");
    let count: usize = args
        .iter()
        .find_map(|a| a.parse().ok())
        .unwrap_or(if measuring { 20_000 } else { 200 });
    let corpus: Vec<Vec<u8>> = (0..count).map(message).collect();
    let dir = tempfile::tempdir().unwrap();
    let file = StoreLocation::File(dir.path().join("bench.db"));
    run(&corpus, "SQLite file", file.open().unwrap().as_mut());
    if let Ok(url) = std::env::var("MAILCONN_BENCH_STORE_URL") {
        let server = StoreLocation::server(&url).unwrap();
        run(&corpus, "PostgreSQL", server.open().unwrap().as_mut());
    }
}

/// Runs the pipeline over `corpus` into `store` and prints the figures.
fn run(corpus: &[Vec<u8>], backend: &str, store: &mut dyn Store) {
    let count = corpus.len();
    let bytes: usize = corpus.iter().map(Vec::len).sum();
    let rules = Rules::parse(RULES, Path::new("bench-rules.toml")).unwrap();
    let limits = Limits::default();
    let mailbox = "support@contoso.com";

    let started = Instant::now();
    let (mut tickets, mut ignored) = (0, 0);
    // Time spent in the store, to tell the pure stages' cost from the commits' (fsync).
    let mut in_store = std::time::Duration::ZERO;
    let mut page: Vec<Record> = Vec::with_capacity(PAGE);
    let commit = |page: &mut Vec<Record>, store: &mut dyn Store| {
        let t = Instant::now();
        for result in store.record_batch(page).unwrap() {
            result.unwrap();
        }
        page.clear();
        t.elapsed()
    };
    for (i, raw) in corpus.iter().enumerate() {
        let processed = process(raw, &rules, &limits, mailbox, chrono::Utc::now(), store).unwrap();
        let key = MessageKey {
            mailbox: mailbox.into(),
            immutable_id: format!("AAMk{i}"),
        };
        let meta = processed.meta(&MessageMeta {
            profile: Some("bench".into()),
            folder: "Inbox/Support".into(),
            ..MessageMeta::default()
        });
        let decision = processed.recorded_decision();
        let record = match processed.ticket_target() {
            None => {
                ignored += 1;
                Record::Ignored {
                    key,
                    meta,
                    decision,
                }
            }
            Some(follow_up) => {
                tickets += 1;
                Record::Imported(Import {
                    key,
                    meta,
                    decision,
                    sink: SinkWrite::Tickets(Box::new(processed.into_ticket_write(follow_up))),
                    post_action: "move:Inbox/Done".into(),
                    request_ids: vec![],
                })
            }
        };
        page.push(record);
        if page.len() == PAGE {
            in_store += commit(&mut page, store);
        }
    }
    in_store += commit(&mut page, store);
    let elapsed = started.elapsed();
    let rate = count as f64 / elapsed.as_secs_f64();
    println!(
        "local pipeline, store on a {backend}: {count} messages ({:.1} MB MIME; {tickets} stored, {ignored} ignored) in {:.2} s = {rate:.0} messages/s on one thread",
        bytes as f64 / 1e6,
        elapsed.as_secs_f64()
    );
    let pure = elapsed - in_store;
    println!(
        "  parse + normalize + preprocess + rules (history lookups included): {:.2} s = {:.0} messages/s",
        pure.as_secs_f64(),
        count as f64 / pure.as_secs_f64()
    );
    println!(
        "  store: {tickets} imports + {ignored} ignores, one fsynced transaction per batch of {PAGE}: {:.2} s = {:.0} messages/s",
        in_store.as_secs_f64(),
        count as f64 / in_store.as_secs_f64()
    );
}
