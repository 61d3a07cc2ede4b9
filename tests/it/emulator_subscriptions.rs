//! Subscriptions and change notifications against an HTTPS receiver the test runs itself:
//! the validation handshake, notification payloads, renew/list/delete (graph-facts §8).

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, mpsc};
use std::time::Duration;

use crate::common::emulator::{Emulator, graph_code};
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use tokio::net::{TcpListener, TcpStream};
use tokio_rustls::TlsAcceptor;
use tokio_rustls::rustls::ServerConfig;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use tokio_rustls::server::TlsStream;

/// How the receiver answers validation requests (and change notifications).
#[derive(Clone, Copy)]
enum Answer {
    EchoToken,
    EchoEncoded,
    /// Validates, takes lifecycle notifications, answers change notifications with 500.
    FailChanges,
}

#[derive(Clone)]
struct Receiver {
    answer: Answer,
    notifications: Arc<Mutex<mpsc::Sender<Value>>>,
}

struct Tls(TcpListener, TlsAcceptor);

impl axum::serve::Listener for Tls {
    type Io = TlsStream<TcpStream>;
    type Addr = SocketAddr;
    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        loop {
            if let Ok((tcp, addr)) = self.0.accept().await
                && let Ok(tls) = self.1.accept(tcp).await
            {
                return (tls, addr);
            }
        }
    }
    fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.0.local_addr()
    }
}

async fn hook(
    State(receiver): State<Receiver>,
    Query(query): Query<HashMap<String, String>>,
    body: String,
) -> Response {
    if let Some(token) = query.get("validationToken") {
        let text = match receiver.answer {
            Answer::EchoToken | Answer::FailChanges => token.clone(),
            Answer::EchoEncoded => url::form_urlencoded::byte_serialize(token.as_bytes()).collect(),
        };
        return (StatusCode::OK, [("content-type", "text/plain")], text).into_response();
    }
    let payload: Value = serde_json::from_str(&body).unwrap_or(Value::Null);
    let lifecycle = payload["value"][0].get("lifecycleEvent").is_some();
    if matches!(receiver.answer, Answer::FailChanges) && !lifecycle {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    }
    let _ = receiver.notifications.lock().unwrap().send(payload);
    StatusCode::ACCEPTED.into_response()
}

/// Starts an HTTPS webhook receiver; returns its URL, the CA file to trust and the
/// notifications it receives.
fn start_receiver(
    dir: &std::path::Path,
    answer: Answer,
) -> (String, std::path::PathBuf, mpsc::Receiver<Value>) {
    let certified = rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_owned()]).unwrap();
    let ca = dir.join("receiver-ca.pem");
    std::fs::write(&ca, certified.cert.pem()).unwrap();
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(
        certified.signing_key.serialize_der(),
    ));
    let provider = Arc::new(tokio_rustls::rustls::crypto::aws_lc_rs::default_provider());
    let config = ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(
            vec![CertificateDer::from(certified.cert.der().to_vec())],
            key,
        )
        .unwrap();
    let (tx, rx) = mpsc::channel();
    let (addr_tx, addr_rx) = mpsc::channel();
    let receiver = Receiver {
        answer,
        notifications: Arc::new(Mutex::new(tx)),
    };
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async move {
            let tcp = TcpListener::bind("127.0.0.1:0").await.unwrap();
            addr_tx.send(tcp.local_addr().unwrap()).unwrap();
            let app = axum::Router::new()
                .route("/hook", axum::routing::post(hook))
                .with_state(receiver);
            axum::serve(Tls(tcp, TlsAcceptor::from(Arc::new(config))), app)
                .await
                .unwrap();
        });
    });
    let addr = addr_rx.recv().unwrap();
    (
        format!("https://127.0.0.1:{}/hook?tenant=a", addr.port()),
        ca,
        rx,
    )
}

fn subscribe(emu: &Emulator, token: &str, url: &str, minutes: i64) -> reqwest::blocking::Response {
    let expiry = (chrono::Utc::now() + chrono::Duration::minutes(minutes)).to_rfc3339();
    emu.http
        .post(format!("{}/subscriptions", emu.graph()))
        .bearer_auth(token)
        .json(&json!({
            "changeType": "created,updated",
            "notificationUrl": url,
            "resource": "users/support@contoso.test/mailFolders('inbox')/messages",
            "expirationDateTime": expiry,
            "clientState": "s3cret-state",
        }))
        .send()
        .unwrap()
}

#[test]
fn subscription_validates_then_notifies_and_renews() {
    let dir = tempfile::tempdir().unwrap();
    let (url, ca, notifications) = start_receiver(dir.path(), Answer::EchoToken);
    let emu = Emulator::start(&["--trust", ca.to_str().unwrap()]);
    let token = emu.app_token();

    let too_long = subscribe(&emu, &token, &url, 20_000);
    assert_eq!(too_long.status(), 400);
    let plain_http = subscribe(&emu, &token, "http://127.0.0.1:9/hook", 600);
    assert_eq!(plain_http.status(), 400);

    let created = subscribe(&emu, &token, &url, 600);
    assert_eq!(created.status(), 201);
    let created: Value = created.json().unwrap();
    assert_eq!(created["clientState"], "s3cret-state");
    let id = created["id"].as_str().unwrap().to_owned();

    let delivered = emu.deliver("support@contoso.test", "Inbox", "Printer", json!({}));
    let payload = notifications
        .recv_timeout(Duration::from_secs(10))
        .expect("a notification");
    let item = &payload["value"][0];
    assert_eq!(item["subscriptionId"], id.as_str());
    assert_eq!(item["clientState"], "s3cret-state");
    assert_eq!(item["changeType"], "created");
    assert_eq!(item["resourceData"]["id"], delivered["id"]);
    assert_eq!(
        item["resourceData"]["@odata.type"],
        "#Microsoft.Graph.Message"
    );
    // The notification names a message the client can fetch.
    let resource = item["resource"].as_str().unwrap();
    let fetched = emu.get(&format!("/{}", resource.replace('=', "%3D")), &token);
    assert_eq!(fetched.status(), 200);

    // A message elsewhere in the mailbox is not in the watched folder.
    emu.deliver(
        "support@contoso.test",
        "Inbox/Support",
        "Elsewhere",
        json!({}),
    );
    emu.deliver("support@contoso.test", "Inbox", "Second", json!({}));
    let next = notifications.recv_timeout(Duration::from_secs(10)).unwrap();
    assert_eq!(next["value"].as_array().unwrap().len(), 1);
    assert_ne!(next["value"][0]["resourceData"]["id"], delivered["id"]);

    let list: Value = emu.get("/subscriptions", &token).json().unwrap();
    assert_eq!(list["value"][0]["id"], id.as_str());
    assert!(
        list["value"][0]["clientState"].is_null(),
        "list never returns clientState"
    );

    let renewed_to = (chrono::Utc::now() + chrono::Duration::minutes(3000)).to_rfc3339();
    let renewed = emu
        .http
        .patch(format!("{}/subscriptions/{id}", emu.graph()))
        .bearer_auth(&token)
        .json(&json!({"expirationDateTime": renewed_to}))
        .send()
        .unwrap();
    assert_eq!(renewed.status(), 200);

    let deleted = emu
        .http
        .delete(format!("{}/subscriptions/{id}", emu.graph()))
        .bearer_auth(&token)
        .send()
        .unwrap();
    assert_eq!(deleted.status(), 204);
    let (status, err) = {
        let r = emu.get(&format!("/subscriptions/{id}"), &token);
        (r.status(), r.json::<Value>().unwrap())
    };
    assert_eq!(
        (status.as_u16(), graph_code(&err)),
        (404, "ResourceNotFound")
    );
}

#[test]
fn a_receiver_that_echoes_the_encoded_token_fails_validation() {
    let dir = tempfile::tempdir().unwrap();
    let (url, ca, _notifications) = start_receiver(dir.path(), Answer::EchoEncoded);
    let emu = Emulator::start(&["--trust", ca.to_str().unwrap()]);
    let response = subscribe(&emu, &emu.app_token(), &url, 600);
    assert_eq!(response.status(), 400);
    let body: Value = response.json().unwrap();
    assert_eq!(graph_code(&body), "ValidationError");
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("exactly match")
    );
}

#[test]
fn scoped_apps_cannot_subscribe_outside_their_mailboxes() {
    let emu = Emulator::demo();
    let scoped = emu.app_token_for(emu.demo_value("scoped_client_id"));
    let expiry = (chrono::Utc::now() + chrono::Duration::minutes(600)).to_rfc3339();
    let response = emu
        .http
        .post(format!("{}/subscriptions", emu.graph()))
        .bearer_auth(&scoped)
        .json(&json!({"changeType": "created", "notificationUrl": "https://127.0.0.1:9/hook",
                      "resource": "users/alex@contoso.test/messages", "expirationDateTime": expiry}))
        .send()
        .unwrap();
    assert_eq!(response.status(), 403);
    let body: Value = response.json().unwrap();
    assert_eq!(graph_code(&body), "ExtensionError");
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("Access to OData is disabled")
    );
}

/// A 10-hour subscription to the support Inbox with `url` for change and lifecycle
/// notifications; returns its id.
fn subscribe_with_lifecycle(emu: &Emulator, token: &str, url: &str) -> String {
    let expiry = chrono::Utc::now() + chrono::Duration::minutes(600);
    let created = emu
        .http
        .post(format!("{}/subscriptions", emu.graph()))
        .bearer_auth(token)
        .json(&json!({
            "changeType": "created",
            "notificationUrl": url,
            "lifecycleNotificationUrl": url,
            "resource": "users/support@contoso.test/mailFolders('inbox')/messages",
            "expirationDateTime": expiry.to_rfc3339(),
            "clientState": "s3cret-state",
        }))
        .send()
        .unwrap();
    assert_eq!(created.status(), 201);
    created.json::<Value>().unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// Moves the emulator clock; returns its new "now". Reminders it makes due have had their
/// first delivery attempt when this returns.
fn advance(emu: &Emulator, seconds: i64) -> chrono::DateTime<chrono::Utc> {
    let answer: Value = emu
        .admin_post("/clock/advance", json!({"seconds": seconds}))
        .json()
        .unwrap();
    answer["now"].as_str().unwrap().parse().unwrap()
}

fn lifecycle_attempts(emu: &Emulator) -> usize {
    let log: Value = emu
        .http
        .get(format!("{}/notifications", emu.admin()))
        .send()
        .unwrap()
        .json()
        .unwrap();
    log["attempts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["kind"] == "lifecycle")
        .count()
}

#[test]
fn reauthorization_is_required_in_the_last_hour_until_renewed() {
    let dir = tempfile::tempdir().unwrap();
    let (url, ca, notifications) = start_receiver(dir.path(), Answer::EchoToken);
    let emu = Emulator::start(&["--trust", ca.to_str().unwrap()]);
    let token = emu.app_token();
    let id = subscribe_with_lifecycle(&emu, &token, &url);

    advance(&emu, 8 * 3600);
    assert_eq!(lifecycle_attempts(&emu), 0, "two hours left: not yet");
    advance(&emu, 3600 + 60);
    assert_eq!(lifecycle_attempts(&emu), 1, "59 minutes left");
    let payload = notifications
        .recv_timeout(Duration::from_secs(10))
        .expect("a lifecycle notification");
    let event = &payload["value"][0];
    assert_eq!(event["lifecycleEvent"], "reauthorizationRequired");
    assert_eq!(event["subscriptionId"], id.as_str());
    assert_eq!(event["clientState"], "s3cret-state");
    assert_eq!(event["tenantId"], emu.tenant_id());
    assert!(event.get("resource").is_none(), "{event}");

    advance(&emu, 10 * 60);
    assert_eq!(lifecycle_attempts(&emu), 1, "repeats every 15 minutes");
    advance(&emu, 5 * 60);
    assert_eq!(lifecycle_attempts(&emu), 2);

    // Reauthorizing (with a fresh token, as the event asks) answers the reminder without
    // extending: the next one is 15 minutes away.
    let token = emu.app_token();
    let reauthorized = emu
        .http
        .post(format!("{}/subscriptions/{id}/reauthorize", emu.graph()))
        .bearer_auth(&token)
        .send()
        .unwrap();
    assert_eq!(reauthorized.status(), 204);
    let now = advance(&emu, 10 * 60);
    assert_eq!(lifecycle_attempts(&emu), 2);

    // A renewal far enough out ends the reminders until its own last hour.
    let renewed = emu
        .http
        .patch(format!("{}/subscriptions/{id}", emu.graph()))
        .bearer_auth(&token)
        .json(&json!({"expirationDateTime": (now + chrono::Duration::minutes(600)).to_rfc3339()}))
        .send()
        .unwrap();
    assert_eq!(renewed.status(), 200);
    advance(&emu, 30 * 60);
    assert_eq!(lifecycle_attempts(&emu), 2, "renewed");
    advance(&emu, 9 * 3600);
    assert_eq!(
        lifecycle_attempts(&emu),
        3,
        "the renewed subscription's last hour"
    );
}

#[test]
fn dropped_notifications_are_reported_as_missed() {
    let dir = tempfile::tempdir().unwrap();
    let (url, ca, lifecycle) = start_receiver(dir.path(), Answer::FailChanges);
    let emu = Emulator::start(&["--trust", ca.to_str().unwrap()]);
    let token = emu.app_token();
    let id = subscribe_with_lifecycle(&emu, &token, &url);

    emu.deliver("support@contoso.test", "Inbox", "Lost", json!({}));
    // Four attempts 1, 2 and 4 s apart, all answered 500, then the batch is dropped.
    let payload = lifecycle
        .recv_timeout(Duration::from_secs(30))
        .expect("a missed notification");
    let event = &payload["value"][0];
    assert_eq!(event["lifecycleEvent"], "missed");
    assert_eq!(event["subscriptionId"], id.as_str());
    assert_eq!(event["clientState"], "s3cret-state");
}

#[test]
fn subscriptions_survive_a_restart_with_the_state_dir() {
    let dir = tempfile::tempdir().unwrap();
    let (url, ca, notifications) = start_receiver(dir.path(), Answer::EchoToken);
    let state = dir.path().join("state");
    let args = [
        "--trust",
        ca.to_str().unwrap(),
        "--state-dir",
        state.to_str().unwrap(),
    ];
    let mut first = Emulator::start(&args);
    let token = first.app_token();
    let id = subscribe_with_lifecycle(&first, &token, &url);
    first.stop();

    let second = Emulator::start(&args);
    let listed: Value = second
        .get(&format!("/subscriptions/{id}"), &token)
        .json()
        .unwrap();
    assert_eq!(listed["id"], id.as_str());
    second.deliver("support@contoso.test", "Inbox", "After restart", json!({}));
    let payload = notifications
        .recv_timeout(Duration::from_secs(10))
        .expect("a notification from the restarted emulator");
    assert_eq!(payload["value"][0]["subscriptionId"], id.as_str());
    assert_eq!(payload["value"][0]["clientState"], "s3cret-state");
}
