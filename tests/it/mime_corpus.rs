//! The malformed and exotic MIME corpus in `tests/fixtures/mime/` goes through every pure
//! stage (normalize, preprocess, rules) without a panic. Files named `unparseable-*` must be
//! a clean error; every other file must yield a message. Each file is also damaged in
//! deterministic ways (truncated, bytes flipped) to reach states no hand-written file covers.

use std::path::{Path, PathBuf};

use mailconn::import::normalize::{Limits, Message, normalize};
use mailconn::import::rules::{Context, Rules};
use mailconn::store::SqliteStore;

fn corpus() -> Vec<(String, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mime");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "eml"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&p).unwrap())
        })
        .collect();
    files.sort();
    assert!(
        files.len() >= 30,
        "the corpus is missing: {}",
        dir.display()
    );
    files
}

fn rules() -> Rules {
    Rules::parse(
        "[loops]\nmax_per_sender = 5\nwindow = \"1h\"\n[[route]]\nname = \"any\"\nbody = \"printer\"\nqueue = \"q\"\n",
        Path::new("rules.toml"),
    )
    .unwrap()
}

/// The later stages, which must accept whatever normalize produced.
fn downstream(rules: &Rules, store: &SqliteStore, message: &Message) {
    let stripped = rules.preprocessor().strip(&message.text);
    assert!(stripped.text.len() <= message.text.replace("\r\n", "\n").len());
    let ctx = Context {
        mailbox: "support@contoso.com",
        now: chrono::Utc::now(),
        history: store,
    };
    rules.decide(message, &ctx).unwrap();
}

#[test]
fn every_corpus_file_is_a_message_or_a_clean_error() {
    let rules = rules();
    let store = SqliteStore::in_memory().unwrap();
    for (name, raw) in corpus() {
        let result = normalize(&raw, &Limits::default());
        if name.starts_with("unparseable-") {
            assert!(result.is_err(), "{name} should not parse");
            continue;
        }
        let message = result.unwrap_or_else(|e| panic!("{name}: {e}"));
        downstream(&rules, &store, &message);
    }
}

#[test]
fn damaged_copies_of_the_corpus_never_panic() {
    let rules = rules();
    let store = SqliteStore::in_memory().unwrap();
    // A fixed-seed generator: the same damage every run, so a failure reproduces.
    let mut state: u64 = 0x6d61_696c_636f_6e6e;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for (_, raw) in corpus() {
        if raw.is_empty() {
            continue;
        }
        for round in 0..8 {
            let mut damaged = raw.clone();
            let cut = (next() as usize) % damaged.len();
            if round % 2 == 0 {
                damaged.truncate(cut.max(1));
            }
            for _ in 0..(1 + next() % 16) {
                let at = (next() as usize) % damaged.len();
                damaged[at] = next() as u8;
            }
            // An error is a fine answer to damage; a panic (or an abort) is not.
            if let Ok(message) = normalize(&damaged, &Limits::default()) {
                downstream(&rules, &store, &message);
            }
        }
    }
}

#[test]
fn the_exotic_files_come_out_readable() {
    let files: std::collections::HashMap<_, _> = corpus().into_iter().collect();
    let parse = |name: &str| normalize(&files[name], &Limits::default()).unwrap();

    let html = parse("html-only.eml");
    assert!(
        html.text.contains("Der Drucker & der Scanner"),
        "{:?}",
        html.text
    );
    assert!(!html.text.contains("alert(1)"), "{:?}", html.text);

    let sjis = parse("shift-jis.eml");
    assert_eq!(sjis.subject, "プリンター");
    assert!(sjis.text.contains("印刷できません"));

    let tnef = parse("tnef-winmail-dat.eml");
    assert_eq!(tnef.attachments[0].filename, "winmail.dat");
    assert_eq!(tnef.attachments[0].content_type, "application/ms-tnef");

    let nested = parse("nested-rfc822.eml");
    assert_eq!(nested.attachments.len(), 1);
    assert_eq!(
        nested.attachments[0].filename,
        "Fwd: the original problem.eml"
    );

    let report = parse("delivery-status-report.eml");
    let store = SqliteStore::in_memory().unwrap();
    let ctx = Context {
        mailbox: "support@contoso.com",
        now: chrono::Utc::now(),
        history: &store,
    };
    let decision = rules().decide(&report, &ctx).unwrap();
    assert_eq!(decision.action.name(), "ignore");

    let headless = parse("body-only-no-headers.eml");
    assert_eq!(headless.text.trim(), "this has no headers at all");

    let huge = parse("huge-header.eml");
    assert_eq!(huge.subject.len(), 300_000);
}
