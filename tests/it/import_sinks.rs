//! The external sinks against the real thing: processes, HTTP on loopback, files.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use mailconn::error::{Diagnose, ErrorKind};
use mailconn::import::normalize::{Limits, Message, normalize};
use mailconn::import::rules::{Action, Decision, Routing};
use mailconn::import::sinks::{DirSink, ExecSink, ExternalSink, HttpSink, Outbound, SinkError};
use mailconn::secrets::Secret;
use mailconn::store::{MessageKey, MessageMeta};
use sha2::{Digest, Sha256};

#[cfg(feature = "emulator")]
use crate::common::app_profile::AppProfile;
#[cfg(feature = "emulator")]
use crate::common::import::{deliver, import};

const KEY: &str = "test-key-0123456789abcdef";

struct Fixture {
    key: MessageKey,
    meta: MessageMeta,
    decision: Decision,
    message: Message,
    mime: Vec<u8>,
}

impl Fixture {
    /// A message whose body is `body_len` bytes, so the MIME can outgrow any pipe buffer.
    fn new(body_len: usize) -> Fixture {
        let body: String = "All work and no play makes Jack a dull boy.\r\n"
            .chars()
            .cycle()
            .take(body_len)
            .collect();
        let mime = format!(
            "Message-ID: <m1@example.com>\r\nFrom: Alice <alice@example.com>\r\n\
             To: support@contoso.com\r\nSubject: Printer on fire\r\n\
             Content-Type: text/plain; charset=utf-8\r\n\r\n{body}"
        )
        .into_bytes();
        Fixture {
            message: normalize(&mime, &Limits::default()).unwrap(),
            key: MessageKey {
                mailbox: "support@contoso.com".into(),
                immutable_id: "AAkALgAAAAAAHYQDEapmEc2byACqAC/EWg0A+bc=".into(),
            },
            meta: MessageMeta {
                profile: Some("support".into()),
                folder: "Inbox/Support".into(),
                internet_message_id: Some("m1@example.com".into()),
                sender: Some("alice@example.com".into()),
                subject: "Printer on fire".into(),
                received_at: None,
            },
            decision: Decision {
                action: Action::FollowUp { ticket: 42 },
                rule: "follow-up:ticket-token".into(),
                routing: Routing {
                    queue: Some("hardware".into()),
                    priority: None,
                    tags: vec!["fire".into(), "printer".into()],
                },
            },
            mime,
        }
    }

    fn outbound(&self) -> Outbound<'_> {
        Outbound {
            key: &self.key,
            meta: &self.meta,
            decision: &self.decision,
            message: &self.message,
            text: "All work and no play.",
            mime: &self.mime,
        }
    }
}

fn exec(script: &str, args: &[&Path], timeout: Duration) -> ExternalSink {
    let mut argv = vec![
        "/bin/sh".to_owned(),
        "-c".into(),
        script.into(),
        "sh".into(),
    ];
    argv.extend(args.iter().map(|p| p.display().to_string()));
    ExternalSink::Exec(ExecSink::new(argv, timeout).unwrap())
}

const MINUTE: Duration = Duration::from_secs(60);

#[tokio::test]
async fn exec_passes_the_mime_on_stdin_and_the_metadata_in_the_environment() {
    let out = tempfile::tempdir().unwrap();
    let f = Fixture::new(2_000);
    let sink = exec(
        r#"cat > "$1/mime" && env > "$1/env" && echo "created ticket 42""#,
        &[out.path()],
        MINUTE,
    );
    let result = sink.deliver(&f.outbound()).await.unwrap();
    assert_eq!(result, "exit 0: created ticket 42");
    assert_eq!(std::fs::read(out.path().join("mime")).unwrap(), f.mime);
    let env = std::fs::read_to_string(out.path().join("env")).unwrap();
    let env: HashMap<&str, &str> = env.lines().filter_map(|l| l.split_once('=')).collect();
    for (name, value) in [
        (
            "MAILCONN_MESSAGE_ID",
            "AAkALgAAAAAAHYQDEapmEc2byACqAC/EWg0A+bc=",
        ),
        ("MAILCONN_INTERNET_MESSAGE_ID", "m1@example.com"),
        ("MAILCONN_MAILBOX", "support@contoso.com"),
        ("MAILCONN_FOLDER", "Inbox/Support"),
        ("MAILCONN_FROM", "alice@example.com"),
        ("MAILCONN_SUBJECT", "Printer on fire"),
        ("MAILCONN_DECISION", "follow-up"),
        ("MAILCONN_TICKET", "42"),
        ("MAILCONN_QUEUE", "hardware"),
        ("MAILCONN_PRIORITY", ""),
        ("MAILCONN_TAGS", "fire,printer"),
        ("MAILCONN_RULE", "follow-up:ticket-token"),
    ] {
        assert_eq!(env.get(name), Some(&value), "{name}");
    }
    assert!(
        env.contains_key("PATH"),
        "the rest of the environment is inherited"
    );
}

/// The secret the admin gave mailconn in its environment never reaches the sink's command.
/// Through the binary, not by changing this process's environment: the whole suite shares
/// this process, and `set_var` beside other threads' `getenv` is undefined behaviour.
#[cfg(feature = "emulator")]
#[test]
fn exec_through_an_import_does_not_pass_on_the_client_secret() {
    let app = AppProfile::demo();
    let out = tempfile::tempdir().unwrap();
    let mut config = app.sb.read_config();
    config.push_str(&format!(
        "[profiles.{}.import]\nsink = \"exec\"\nexec = [\"/bin/sh\", \"-c\", \"env > {}/env\"]\n",
        app.profile,
        out.path().display()
    ));
    app.sb.write_config(&config);
    deliver(&app, "Exec sink sees no secret");

    import(&app, &["--backlog", "all"]).expect(0);

    let env = std::fs::read_to_string(out.path().join("env")).expect("the command ran");
    let env: HashMap<&str, &str> = env.lines().filter_map(|l| l.split_once('=')).collect();
    assert_eq!(
        env.get("MAILCONN_SUBJECT"),
        Some(&"Exec sink sees no secret")
    );
    let secret = app.emu.demo_value("client_secret");
    assert!(!env.contains_key("AZURE_CLIENT_SECRET"), "{env:?}");
    assert!(!env.values().any(|v| v.contains(secret)), "{env:?}");
}

#[tokio::test]
async fn exec_feeds_a_big_message_to_a_command_that_talks_first() {
    // 4 MB in, 1 MB of chatter on stderr before the command reads a byte: both pipes fill
    // up unless the sink writes and reads at once.
    let out = tempfile::tempdir().unwrap();
    let f = Fixture::new(4 << 20);
    let sink = exec(
        r#"head -c 1048576 /dev/zero >&2 && cat > "$1/mime""#,
        &[out.path()],
        MINUTE,
    );
    assert_eq!(sink.deliver(&f.outbound()).await.unwrap(), "exit 0");
    assert_eq!(std::fs::read(out.path().join("mime")).unwrap(), f.mime);
}

#[tokio::test]
async fn exec_judges_a_command_that_ignores_its_input_by_its_exit_status() {
    let f = Fixture::new(1 << 20);
    let ok = exec("exit 0", &[], MINUTE);
    assert_eq!(ok.deliver(&f.outbound()).await.unwrap(), "exit 0");

    let failing = exec(
        "echo 'first line' >&2; echo 'temporary failure: try again' >&2; exit 75",
        &[],
        MINUTE,
    );
    let err = failing.deliver(&f.outbound()).await.unwrap_err();
    let SinkError::Exit { code, .. } = &err else {
        panic!("{err:?}");
    };
    assert_eq!(*code, Some(75));
    let text = err.to_string();
    assert!(text.contains("exited with code 75"), "{text}");
    assert!(
        text.ends_with("first line temporary failure: try again"),
        "{text}"
    );
    assert!(err.hint().unwrap().contains("retried"), "{err:?}");
}

#[tokio::test]
async fn exec_kills_a_command_that_runs_past_its_timeout() {
    let f = Fixture::new(100);
    let sink = exec(
        "echo 'still working' >&2; exec sleep 600",
        &[],
        Duration::from_secs(1),
    );
    let started = Instant::now();
    let err = sink.deliver(&f.outbound()).await.unwrap_err();
    assert!(
        started.elapsed() < Duration::from_secs(60),
        "{:?}",
        started.elapsed()
    );
    assert!(matches!(err, SinkError::Timeout { .. }), "{err:?}");
    let text = err.to_string();
    assert!(
        text.contains("did not finish within 1s and was killed: still working"),
        "{text}"
    );
}

#[tokio::test]
async fn exec_of_a_missing_program_is_a_configuration_problem() {
    let f = Fixture::new(100);
    let sink =
        ExternalSink::Exec(ExecSink::new(vec!["/nonexistent/rt-mailgate".into()], MINUTE).unwrap());
    let err = sink.deliver(&f.outbound()).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Config, "{err:?}");
    assert!(
        err.to_string().contains("/nonexistent/rt-mailgate"),
        "{err}"
    );
    assert!(err.hint().unwrap().contains("absolute path"), "{err:?}");
}

/// HMAC-SHA256 from RFC 2104 over plain SHA-256: what a receiver without an HMAC library
/// would write, independent of the sink's implementation.
fn hmac_hex(key: &[u8], message: &[u8]) -> String {
    let mut block = [0u8; 64];
    block[..key.len()].copy_from_slice(key);
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

#[derive(Clone)]
struct Receiver {
    key: &'static str,
    /// What to answer once the signature checks out.
    status: u16,
    answer: &'static str,
    received: Arc<Mutex<Vec<serde_json::Value>>>,
}

/// Checks a request the way the README tells receivers to, and records what it accepted.
async fn receive(
    axum::extract::State(receiver): axum::extract::State<Receiver>,
    headers: axum::http::HeaderMap,
    body: axum::body::Bytes,
) -> (axum::http::StatusCode, &'static str) {
    let unauthorized = (axum::http::StatusCode::UNAUTHORIZED, "bad signature");
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    };
    let Ok(timestamp) = header("x-mailconn-timestamp").parse::<i64>() else {
        return unauthorized;
    };
    if (chrono::Utc::now().timestamp() - timestamp).abs() > 300 {
        return unauthorized;
    }
    let signed = [format!("{timestamp}.").as_bytes(), &body].concat();
    let expected = format!("sha256={}", hmac_hex(receiver.key.as_bytes(), &signed));
    if header("x-mailconn-signature") != expected || header("content-type") != "application/json" {
        return unauthorized;
    }
    receiver
        .received
        .lock()
        .unwrap()
        .push(serde_json::from_slice(&body).unwrap());
    (
        axum::http::StatusCode::from_u16(receiver.status).unwrap(),
        receiver.answer,
    )
}

/// Serves one receiver on 127.0.0.1 and returns its URL.
async fn serve(receiver: Receiver) -> url::Url {
    let app = axum::Router::new()
        .route("/hook", axum::routing::post(receive))
        .with_state(receiver);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    format!("http://{addr}/hook?queue=support").parse().unwrap()
}

fn http(url: url::Url, key: &str) -> ExternalSink {
    ExternalSink::Http(
        HttpSink::new(url, Secret::from(key.to_owned()), reqwest::Client::new()).unwrap(),
    )
}

fn receiver(key: &'static str, status: u16, answer: &'static str) -> Receiver {
    Receiver {
        key,
        status,
        answer,
        received: Arc::default(),
    }
}

#[tokio::test]
async fn http_posts_signed_json_that_a_receiver_can_verify() {
    let r = receiver(KEY, 201, "");
    let url = serve(r.clone()).await;
    let f = Fixture::new(500);
    let result = http(url, KEY).deliver(&f.outbound()).await.unwrap();
    assert_eq!(result, "HTTP 201");
    let received = r.received.lock().unwrap();
    assert_eq!(received.len(), 1);
    let json = &received[0];
    assert_eq!(json["id"], "AAkALgAAAAAAHYQDEapmEc2byACqAC/EWg0A+bc=");
    assert_eq!(json["mailbox"], "support@contoso.com");
    assert_eq!(json["decision"]["ticket"], 42);
    assert_eq!(json["text"], "All work and no play.");
    assert_eq!(json["subject"], "Printer on fire");
}

#[tokio::test]
async fn http_with_another_key_is_refused_and_says_why() {
    let r = receiver("the-receivers-own-key-0000", 201, "");
    let url = serve(r.clone()).await;
    let err = http(url, KEY)
        .deliver(&Fixture::new(100).outbound())
        .await
        .unwrap_err();
    let text = err.to_string();
    assert!(text.contains("answered HTTP 401: bad signature"), "{text}");
    assert!(
        !text.contains("queue=support"),
        "the query string is not shown: {text}"
    );
    assert!(err.hint().unwrap().contains("same key"), "{err:?}");
    assert!(!format!("{text} {err:?}").contains(KEY));
    assert!(r.received.lock().unwrap().is_empty());
}

#[tokio::test]
async fn http_server_errors_fail_the_message_with_status_and_answer() {
    let r = receiver(KEY, 500, "database is down\n\n");
    let url = serve(r).await;
    let err = http(url, KEY)
        .deliver(&Fixture::new(100).outbound())
        .await
        .unwrap_err();
    assert!(
        matches!(err, SinkError::Status { status: 500, .. }),
        "{err:?}"
    );
    assert!(
        err.to_string()
            .ends_with("answered HTTP 500: database is down"),
        "{err}"
    );
    assert_eq!(err.kind(), ErrorKind::Unavailable);
}

#[tokio::test]
async fn http_to_a_closed_port_is_a_failed_delivery() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap())
        .parse()
        .unwrap();
    drop(listener);
    let err = http(url, KEY)
        .deliver(&Fixture::new(100).outbound())
        .await
        .unwrap_err();
    assert!(matches!(err, SinkError::Request { .. }), "{err:?}");
    assert_eq!(err.kind(), ErrorKind::Unavailable);
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[tokio::test]
async fn dir_writes_private_eml_and_json_and_a_repeat_overwrites() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("spool/support");
    let sink = ExternalSink::Dir(DirSink::new(dir.clone()));
    let mut f = Fixture::new(300);
    let result = sink.deliver(&f.outbound()).await.unwrap();
    let stem = "AAkALgAAAAAAHYQDEapmEc2byACqAC%2FEWg0A%2Bbc%3D";
    let eml = dir.join(format!("{stem}.eml"));
    let json = dir.join(format!("{stem}.json"));
    assert_eq!(result, format!("wrote {}", eml.display()));
    assert_eq!(std::fs::read(&eml).unwrap(), f.mime);
    let payload: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    assert_eq!(payload["id"], f.key.immutable_id);
    #[cfg(unix)]
    {
        assert_eq!(mode(&eml), 0o600);
        assert_eq!(mode(&json), 0o600);
        assert_eq!(mode(&dir), 0o700);
    }

    // The same message again (a retry after a crash) replaces its files.
    f.mime = b"Subject: second attempt\r\n\r\nnew body\r\n".to_vec();
    sink.deliver(&f.outbound()).await.unwrap();
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, [format!("{stem}.eml"), format!("{stem}.json")]);
    assert_eq!(std::fs::read(&eml).unwrap(), f.mime);
}

#[tokio::test]
async fn dir_that_cannot_be_created_fails_the_message() {
    let root = tempfile::tempdir().unwrap();
    let file = root.path().join("not-a-dir");
    std::fs::write(&file, "x").unwrap();
    let sink = ExternalSink::Dir(DirSink::new(file.join("spool")));
    let err = sink
        .deliver(&Fixture::new(100).outbound())
        .await
        .unwrap_err();
    assert!(matches!(err, SinkError::Write { .. }), "{err:?}");
    assert!(err.to_string().contains("not-a-dir/spool"), "{err}");
}
