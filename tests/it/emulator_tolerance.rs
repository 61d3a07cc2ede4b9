//! The emulator is as tolerant as Graph, no more: query option names and enum values in
//! any case, percent-encoded `$`, absolute next links, PascalCase bodies as SDKs send them,
//! and `Edm.Binary` as standard padded base64 (graph-facts §3.3, §11; docs/emulator.md).

use crate::common::emulator::Emulator;
use base64::Engine;
use serde_json::{Value, json};

const SUPPORT: &str = "support@contoso.test";

fn urlencode(id: &str) -> String {
    url::form_urlencoded::byte_serialize(id.as_bytes()).collect()
}

fn get(emu: &Emulator, token: &str, url: &str) -> Value {
    let response = emu.http.get(url).bearer_auth(token).send().unwrap();
    assert_eq!(response.status(), 200, "{url}");
    response.json().unwrap()
}

fn subjects(page: &Value) -> Vec<&str> {
    page["value"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["subject"].as_str().unwrap())
        .collect()
}

#[test]
fn query_options_in_any_case_and_percent_encoded_mean_the_same() {
    let emu = Emulator::demo();
    let token = emu.app_token();
    for (n, read) in [(1, true), (2, false), (3, false)] {
        emu.deliver(
            SUPPORT,
            "Inbox/Support",
            &format!("Ticket {n}"),
            json!({"received": format!("2026-09-0{n}T10:00:00Z"), "is_read": read}),
        );
    }
    let folder = get(
        &emu,
        &token,
        &format!(
            "{}/users/{SUPPORT}/mailFolders/inbox/childFolders?%24FILTER=displayName%20eq%20'Support'",
            emu.graph()
        ),
    );
    let messages = format!(
        "{}/users/{SUPPORT}/mailFolders/{}/messages",
        emu.graph(),
        urlencode(folder["value"][0]["id"].as_str().unwrap())
    );

    let upper = get(
        &emu,
        &token,
        &format!("{messages}?$TOP=1&$Select=Subject&$COUNT=TRUE"),
    );
    let encoded = get(
        &emu,
        &token,
        &format!("{messages}?%24top=1&%24select=subject&%24count=true"),
    );
    for page in [&upper, &encoded] {
        assert_eq!(subjects(page), ["Ticket 3"], "{page}");
        assert_eq!(page["@odata.count"], 3);
        assert!(
            page["value"][0].get("from").is_none(),
            "$select applied: {page}"
        );
    }

    // The next link is absolute and works as given.
    let next = upper["@odata.nextLink"].as_str().unwrap();
    assert!(next.starts_with(emu.graph()), "{next}");
    assert_eq!(subjects(&get(&emu, &token, next)), ["Ticket 2"]);

    let unread = get(
        &emu,
        &token,
        &format!(
            "{messages}?$filter=receivedDateTime ge 2026-01-01 and isRead eq FALSE\
             &$OrderBy=receivedDateTime ASC&$select=subject"
        ),
    );
    assert_eq!(subjects(&unread), ["Ticket 2", "Ticket 3"]);
    let oldest_first = get(
        &emu,
        &token,
        &format!("{messages}?$orderby=receivedDateTime Asc"),
    );
    assert_eq!(
        subjects(&oldest_first),
        ["Ticket 1", "Ticket 2", "Ticket 3"]
    );
}

#[test]
fn pascal_case_bodies_work_for_move_and_send_mail() {
    let emu = Emulator::demo();
    let token = emu.app_token();
    let delivered = emu.deliver(SUPPORT, "Inbox", "Move me", json!({}));
    let moved = emu
        .http
        .post(format!(
            "{}/users/{SUPPORT}/messages/{}/move",
            emu.graph(),
            urlencode(delivered["id"].as_str().unwrap())
        ))
        .bearer_auth(&token)
        .json(&json!({"DestinationId": "archive"}))
        .send()
        .unwrap();
    assert_eq!(moved.status(), 201);
    let archived = emu.admin_messages(SUPPORT);
    assert_eq!(archived[0]["folder"], "Archive");

    let sent = emu
        .http
        .post(format!("{}/users/{SUPPORT}/sendMail", emu.graph()))
        .bearer_auth(&token)
        .json(&json!({
            "Message": {
                "Subject": "Your ticket",
                "Body": {"ContentType": "Text", "Content": "We are on it."},
                "ToRecipients": [{"EmailAddress": {"Address": "alex@contoso.test"}}],
            },
            "SaveToSentItems": false,
        }))
        .send()
        .unwrap();
    assert_eq!(sent.status(), 202);
    let received = emu.admin_messages("alex@contoso.test");
    assert_eq!(received.len(), 1);
    assert_eq!(received[0]["subject"], "Your ticket");
    assert_eq!(received[0]["folder"], "Inbox");
    assert!(
        emu.admin_messages(SUPPORT)
            .iter()
            .all(|m| m["folder"] != "Sent Items"),
        "SaveToSentItems: false was read"
    );
    let message = get(
        &emu,
        &token,
        &format!(
            "{}/users/alex@contoso.test/messages/{}?$select=body",
            emu.graph(),
            urlencode(received[0]["id"].as_str().unwrap())
        ),
    );
    let body = message["body"]["content"].as_str().unwrap();
    assert!(body.contains("We are on it."), "{message}");
}

#[test]
fn binary_properties_are_standard_padded_base64() {
    let emu = Emulator::demo();
    let token = emu.app_token();
    let mime = "From: pat@example.com\r\nTo: support@contoso.test\r\nSubject: Bytes\r\n\
MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b1\r\n\r\n\
--b1\r\nContent-Type: text/plain\r\n\r\nSee attached.\r\n\
--b1\r\nContent-Type: application/octet-stream; name=blob.bin\r\n\
Content-Disposition: attachment; filename=blob.bin\r\nContent-Transfer-Encoding: base64\r\n\r\n\
+/+/\r\n--b1--\r\n";
    let delivered: Value = emu
        .admin_post(
            &format!("/mailboxes/{SUPPORT}/messages"),
            json!({"mime": mime}),
        )
        .json()
        .unwrap();
    let item = format!(
        "{}/users/{SUPPORT}/messages/{}",
        emu.graph(),
        urlencode(delivered["id"].as_str().unwrap())
    );
    let strict = base64::engine::general_purpose::STANDARD;

    let message = get(&emu, &token, &format!("{item}?$select=conversationIndex"));
    let index = message["conversationIndex"].as_str().unwrap();
    assert!(index.ends_with('='), "22 bytes need padding: {index}");
    assert_eq!(strict.decode(index).unwrap().len(), 22);

    let attachments = get(&emu, &token, &format!("{item}/attachments"));
    let content = attachments["value"][0]["contentBytes"].as_str().unwrap();
    // The bytes fb ff bf encode to '+' and '/' in the standard alphabet, not '-' and '_'.
    assert_eq!(content, "+/+/");
    assert_eq!(strict.decode(content).unwrap(), [0xfb, 0xff, 0xbf]);
}
