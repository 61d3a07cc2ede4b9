//! The pure parts of the sinks: the JSON shape, the signature, file names, variables and
//! configuration. Real processes, HTTP and files are exercised in `tests/it/import_sinks.rs`.

use sha2::{Digest, Sha256};

use super::*;
use crate::import::normalize::{Limits, normalize};
use crate::import::rules::{Action, Routing};
use crate::settings::profile::SinkUrl;

const MIME: &str = "Message-ID: <abc@example.com>\r\n\
From: Alice Example <Alice@Example.com>\r\n\
To: support@contoso.com\r\n\
Cc: bob@example.com\r\n\
Subject: Printer on fire\r\n\
Date: Tue, 14 Nov 2023 22:13:20 +0000\r\n\
MIME-Version: 1.0\r\n\
Content-Type: multipart/mixed; boundary=\"b\"\r\n\
\r\n\
--b\r\n\
Content-Type: text/plain; charset=utf-8\r\n\
\r\n\
It is on fire.\r\n\
\r\n\
> old quote\r\n\
--b\r\n\
Content-Type: application/octet-stream; name=\"log.bin\"\r\n\
Content-Disposition: attachment; filename=\"log.bin\"\r\n\
Content-Transfer-Encoding: base64\r\n\
\r\n\
AAEC\r\n\
--b--\r\n";

struct Fixture {
    key: MessageKey,
    meta: MessageMeta,
    decision: Decision,
    message: Message,
}

impl Fixture {
    fn new() -> Fixture {
        let message = normalize(MIME.as_bytes(), &Limits::default()).unwrap();
        Fixture {
            key: MessageKey {
                mailbox: "support@contoso.com".into(),
                immutable_id: "AAkALgAAAAAAHYQDEapmEc2byACqAC/EWg0A+bc=".into(),
            },
            meta: MessageMeta {
                profile: Some("support".into()),
                folder: "Inbox/Support".into(),
                internet_message_id: Some("abc@example.com".into()),
                sender: Some("alice@example.com".into()),
                subject: "Printer on fire".into(),
                received_at: chrono::DateTime::from_timestamp(1_700_000_100, 0),
            },
            decision: Decision {
                action: Action::FollowUp { ticket: 42 },
                rule: "follow-up:ticket-token".into(),
                routing: Routing {
                    queue: Some("hardware".into()),
                    priority: Some("urgent".into()),
                    tags: vec!["fire".into(), "printer".into()],
                },
            },
            message,
        }
    }

    fn outbound(&self) -> Outbound<'_> {
        Outbound {
            key: &self.key,
            meta: &self.meta,
            decision: &self.decision,
            message: &self.message,
            text: "It is on fire.",
            mime: MIME.as_bytes(),
        }
    }
}

#[test]
fn the_json_shape_is_the_documented_one() {
    let f = Fixture::new();
    let json: serde_json::Value =
        serde_json::from_slice(&payload::Payload::new(&f.outbound()).to_bytes()).unwrap();
    let mut keys: Vec<&str> = json
        .as_object()
        .unwrap()
        .keys()
        .map(|k| k.as_str())
        .collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "attachments",
            "cc",
            "date",
            "decision",
            "folder",
            "from",
            "headers",
            "html",
            "id",
            "in_reply_to",
            "internet_message_id",
            "mailbox",
            "original_text",
            "profile",
            "received_at",
            "references",
            "reply_to",
            "subject",
            "text",
            "to",
            "version"
        ]
    );
    assert_eq!(json["version"], 1);
    assert_eq!(json["id"], "AAkALgAAAAAAHYQDEapmEc2byACqAC/EWg0A+bc=");
    assert_eq!(json["mailbox"], "support@contoso.com");
    assert_eq!(json["folder"], "Inbox/Support");
    assert_eq!(json["internet_message_id"], "abc@example.com");
    assert_eq!(
        json["from"],
        serde_json::json!({"name": "Alice Example", "email": "alice@example.com"})
    );
    assert_eq!(
        json["cc"],
        serde_json::json!([{"name": null, "email": "bob@example.com"}])
    );
    assert_eq!(json["date"], "2023-11-14T22:13:20Z");
    assert_eq!(json["received_at"], "2023-11-14T22:15:00Z");
    assert_eq!(
        json["decision"],
        serde_json::json!({
            "action": "follow-up", "ticket": 42, "rule": "follow-up:ticket-token",
            "queue": "hardware", "priority": "urgent", "tags": ["fire", "printer"]
        })
    );
    assert_eq!(json["text"], "It is on fire.");
    assert!(
        json["original_text"]
            .as_str()
            .unwrap()
            .contains("> old quote")
    );
    assert!(json["html"].as_str().unwrap().contains("It is on fire."));
    assert_eq!(
        json["attachments"],
        serde_json::json!([{
            "filename": "log.bin", "content_type": "application/octet-stream", "size": 3,
            "inline": false, "content_base64": "AAEC", "omitted": false
        }])
    );
    assert_eq!(
        json["headers"][4],
        serde_json::json!({"name": "Subject", "value": "Printer on fire"})
    );
}

#[test]
fn a_new_ticket_has_no_ticket_number() {
    let mut f = Fixture::new();
    f.decision.action = Action::NewTicket;
    let json: serde_json::Value =
        serde_json::from_slice(&payload::Payload::new(&f.outbound()).to_bytes()).unwrap();
    assert_eq!(json["decision"]["action"], "new-ticket");
    assert_eq!(json["decision"]["ticket"], serde_json::Value::Null);
}

/// HMAC-SHA256 written out from RFC 2104 with plain SHA-256, as a receiver without an HMAC
/// library would: an implementation independent of the one under test.
fn reference_hmac(key: &[u8], message: &[u8]) -> String {
    let mut block = [0u8; 64];
    if key.len() > 64 {
        block[..32].copy_from_slice(&Sha256::digest(key));
    } else {
        block[..key.len()].copy_from_slice(key);
    }
    let pad = |byte: u8| block.iter().map(|b| b ^ byte).collect::<Vec<u8>>();
    let inner = Sha256::new()
        .chain_update(pad(0x36))
        .chain_update(message)
        .finalize();
    let outer = Sha256::new()
        .chain_update(pad(0x5c))
        .chain_update(inner)
        .finalize();
    outer.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn the_reference_hmac_matches_rfc_4231() {
    assert_eq!(
        reference_hmac(b"Jefe", b"what do ya want for nothing?"),
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
    );
}

#[test]
fn the_signature_covers_timestamp_and_body() {
    // The worked example in the README, also computed with Python's hmac module.
    assert_eq!(
        http::signature(b"0123456789abcdef", 1_700_000_000, br#"{"version":1}"#),
        "sha256=d4d5218e4060ea8d4e3266cccc3a4dad71e647b6992c00beec425264a92b2c5f"
    );
    let key = b"a much longer key that is more than sixty-four bytes long, to exercise hashing";
    let body = Fixture::new().mime_body();
    assert_eq!(
        http::signature(key, 1_712_345_678, &body),
        format!(
            "sha256={}",
            reference_hmac(key, &[b"1712345678.".as_slice(), &body].concat())
        )
    );
    assert_ne!(
        http::signature(key, 1_712_345_679, &body),
        http::signature(key, 1_712_345_678, &body),
        "a replay with another timestamp needs another signature"
    );
}

impl Fixture {
    fn mime_body(&self) -> Vec<u8> {
        payload::Payload::new(&self.outbound()).to_bytes()
    }
}

#[test]
fn file_stems_are_safe_and_one_to_one() {
    assert_eq!(dir::file_stem("AA/b+c=="), "AA%2Fb%2Bc%3D%3D");
    assert_eq!(dir::file_stem("a-b.c"), "a%2Db%2Ec");
    assert_eq!(dir::file_stem("..%"), "%2E%2E%25");
    assert_ne!(dir::file_stem("a/b"), dir::file_stem("a%2Fb"));
    let long = "AAkALgAAAAAAHYQDEapmEc2byACqAC/EWg0A+".repeat(8);
    let stem = dir::file_stem(&long);
    assert!(stem.len() < 200, "{}", stem.len());
    assert!(stem.contains('~'));
    assert_ne!(stem, dir::file_stem(&format!("{long}x")));
    // A cut never leaves half an escape behind.
    let slashes = "/".repeat(100);
    let stem = dir::file_stem(&slashes);
    let (start, _) = stem.split_once('~').unwrap();
    assert_eq!(start.len() % 3, 0, "{start}");
    for stem in [dir::file_stem(&long), dir::file_stem(&slashes)] {
        assert!(
            stem.chars()
                .all(|c| c.is_ascii_alphanumeric() || "_%~".contains(c)),
            "{stem}"
        );
    }
}

#[test]
fn exec_variables_describe_the_message_in_one_line_each() {
    let mut f = Fixture::new();
    f.message.subject = "two\nlines\0and a NUL".into();
    let vars: std::collections::HashMap<_, _> =
        exec::variables(&f.outbound()).into_iter().collect();
    assert_eq!(
        vars["MAILCONN_MESSAGE_ID"],
        "AAkALgAAAAAAHYQDEapmEc2byACqAC/EWg0A+bc="
    );
    assert_eq!(vars["MAILCONN_INTERNET_MESSAGE_ID"], "abc@example.com");
    assert_eq!(vars["MAILCONN_MAILBOX"], "support@contoso.com");
    assert_eq!(vars["MAILCONN_FOLDER"], "Inbox/Support");
    assert_eq!(vars["MAILCONN_PROFILE"], "support");
    assert_eq!(vars["MAILCONN_FROM"], "alice@example.com");
    assert_eq!(vars["MAILCONN_SUBJECT"], "two lines and a NUL");
    assert_eq!(vars["MAILCONN_RECEIVED"], "2023-11-14T22:15:00Z");
    assert_eq!(vars["MAILCONN_DECISION"], "follow-up");
    assert_eq!(vars["MAILCONN_TICKET"], "42");
    assert_eq!(vars["MAILCONN_QUEUE"], "hardware");
    assert_eq!(vars["MAILCONN_PRIORITY"], "urgent");
    assert_eq!(vars["MAILCONN_TAGS"], "fire,printer");
    assert_eq!(vars["MAILCONN_RULE"], "follow-up:ticket-token");
    f.decision.action = Action::NewTicket;
    f.message.subject = "x".repeat(100_000);
    let vars: std::collections::HashMap<_, _> =
        exec::variables(&f.outbound()).into_iter().collect();
    assert_eq!(vars["MAILCONN_TICKET"], "");
    assert!(vars["MAILCONN_SUBJECT"].len() <= 4096);
}

fn settings(toml: &str) -> ImportSettings {
    toml::from_str(toml).unwrap()
}

#[test]
fn nothing_configured_means_the_ticket_store() {
    let sink = Sink::from_settings(&ImportSettings::default(), reqwest::Client::new()).unwrap();
    assert!(matches!(sink, Sink::Tickets));
    assert_eq!(sink.name(), "tickets");
}

#[test]
fn exec_and_dir_are_built_from_settings() {
    let sink = Sink::from_settings(
        &settings("sink = \"exec\"\nexec = [\"/bin/cat\"]\nexec_timeout = \"2m\"\n"),
        reqwest::Client::new(),
    )
    .unwrap();
    assert_eq!(sink.name(), "exec");
    let sink = Sink::from_settings(
        &settings("sink = \"dir\"\ndir = \"/var/spool/mailconn\"\n"),
        reqwest::Client::new(),
    )
    .unwrap();
    assert_eq!(sink.name(), "dir");
}

#[test]
fn settings_that_do_not_fit_together_are_config_errors_with_a_fix() {
    for (toml, says) in [
        ("sink = \"exec\"\n", "needs the command"),
        ("sink = \"exec\"\nexec = []\n", "names no program"),
        (
            "sink = \"exec\"\nexec = [\"x\"]\nexec_timeout = \"0s\"\n",
            "longer than 0s",
        ),
        ("exec = [\"/bin/cat\"]\n", "sink is \"tickets\""),
        (
            "sink = \"dir\"\ndir = \"/d\"\nhttp_url = \"https://example.com/\"\n",
            "http_url is set",
        ),
        ("sink = \"http\"\n", "needs the URL"),
        ("sink = \"dir\"\n", "needs the directory"),
        ("sink = \"dir\"\ndir = \"spool\"\n", "not an absolute path"),
    ] {
        let err = Sink::from_settings(&settings(toml), reqwest::Client::new()).unwrap_err();
        assert!(err.to_string().contains(says), "{toml:?}: {err}");
        assert_eq!(err.kind(), ErrorKind::Config, "{toml:?}");
        assert!(err.hint().is_some(), "{toml:?}");
    }
}

#[test]
fn the_http_url_must_be_https_unless_loopback() {
    for ok in [
        "https://hooks.example.com/mailconn?queue=support",
        "http://127.0.0.1:8080/hook",
        "http://localhost/hook",
        "http://[::1]:9/",
    ] {
        assert!(ok.parse::<SinkUrl>().is_ok(), "{ok}");
    }
    for (bad, says) in [
        ("http://hooks.example.com/mailconn", "use https"),
        ("http://10.0.0.1/hook", "use https"),
        ("ftp://example.com/", "not supported"),
        ("https://user:pass@example.com/", "no secrets"),
        ("hooks.example.com", "invalid http_url"),
    ] {
        let err = bad.parse::<SinkUrl>().unwrap_err();
        assert!(err.contains(says), "{bad}: {err}");
        assert!(!err.contains("pass@"), "{err}");
    }
    let err =
        toml::from_str::<ImportSettings>("sink = \"http\"\nhttp_url = \"http://example.com/\"\n")
            .unwrap_err();
    assert!(err.to_string().contains("use https"), "{err}");
}

#[test]
fn the_http_key_is_checked_and_never_shown() {
    let url: url::Url = "https://example.com/hook".parse().unwrap();
    let client = reqwest::Client::new();
    let err = HttpSink::new(
        url.clone(),
        Secret::from("short-key".to_owned()),
        client.clone(),
    )
    .unwrap_err();
    assert!(err.to_string().contains("shorter than 16"), "{err}");
    assert!(!format!("{err} {err:?}").contains("short-key"));
    let sink = HttpSink::new(url, Secret::from("k".repeat(32)), client).unwrap();
    assert!(!format!("{sink:?}").contains(&"k".repeat(32)));
    let plain: url::Url = "http://example.com/hook".parse().unwrap();
    assert!(HttpSink::new(plain, Secret::from("k".repeat(32)), reqwest::Client::new()).is_err());
}

#[cfg(unix)]
#[test]
fn a_key_file_readable_by_others_is_refused() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("key");
    std::fs::write(&path, "0123456789abcdef0123\n").unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    let err = http::read_key_file(&path).unwrap_err();
    assert!(err.to_string().contains("readable by other users"), "{err}");
    assert!(!err.to_string().contains("0123456789abcdef"), "{err}");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    let key = http::read_key_file(&path).unwrap();
    assert_eq!(key.expose_secret(), "0123456789abcdef0123");
}

#[test]
fn the_future_of_deliver_is_send() {
    fn assert_send<T: Send>(_: T) {}
    let f = Fixture::new();
    let sink = ExternalSink::Dir(DirSink::new("/nonexistent".into()));
    let out = f.outbound();
    assert_send(sink.deliver(&out));
}

#[test]
fn failures_read_as_one_line_with_the_end_of_stderr() {
    let err = SinkError::Exit {
        program: "/usr/bin/rt-mailgate".into(),
        status: "exited with code 75".into(),
        code: Some(75),
        stderr: tail_text(
            b"line one\nAn Error Occurred\n=================\n\nCan't connect\n",
            30,
        ),
    };
    assert_eq!(
        err.to_string(),
        "/usr/bin/rt-mailgate exited with code 75: ============== Can't connect"
    );
    assert_eq!(err.kind(), ErrorKind::Failed);
    let err = SinkError::Status {
        url: "https://example.com/hook".into(),
        status: 503,
        body: String::new(),
    };
    assert_eq!(
        err.to_string(),
        "POST https://example.com/hook answered HTTP 503"
    );
    assert_eq!(err.kind(), ErrorKind::Unavailable);
}
