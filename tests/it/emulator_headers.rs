//! Conformance: custom `internetMessageHeaders` on messages a client sends or saves
//! (graph-facts §3.5: they must start with `x-` and can be set only at creation).

use crate::common::emulator::{Emulator, graph_code};
use serde_json::{Value, json};

fn message(headers: Value) -> Value {
    json!({
        "subject": "Tagged",
        "body": {"contentType": "text", "content": "Hi."},
        "toRecipients": [{"emailAddress": {"address": "alex@contoso.test"}}],
        "internetMessageHeaders": headers,
    })
}

fn headers_of_first(emu: &Emulator, token: &str, path: &str) -> Vec<Value> {
    let page: Value = emu
        .get(
            &format!("{path}?$select=subject,internetMessageHeaders"),
            token,
        )
        .json()
        .unwrap();
    page["value"][0]["internetMessageHeaders"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

fn has(headers: &[Value], name: &str, value: &str) -> bool {
    headers
        .iter()
        .any(|h| h["name"].as_str().unwrap().eq_ignore_ascii_case(name) && h["value"] == value)
}

#[test]
fn x_headers_travel_with_sent_mail_and_drafts() {
    let emu = Emulator::demo();
    let token = emu.app_token();
    let sent = emu
        .http
        .post(format!(
            "{}/users/support@contoso.test/sendMail",
            emu.graph()
        ))
        .bearer_auth(&token)
        .json(&json!({"message": message(json!([{"name": "X-Ticket-Tag", "value": "t-42"}]))}))
        .send()
        .unwrap();
    assert_eq!(sent.status(), 202);
    let delivered = headers_of_first(
        &emu,
        &token,
        "/users/alex@contoso.test/mailFolders/inbox/messages",
    );
    assert!(has(&delivered, "X-Ticket-Tag", "t-42"), "{delivered:#?}");

    let draft = emu
        .http
        .post(format!(
            "{}/users/support@contoso.test/messages",
            emu.graph()
        ))
        .bearer_auth(&token)
        .json(&message(json!([{"name": "x-draft", "value": "d-1"}])))
        .send()
        .unwrap();
    assert_eq!(draft.status(), 201);
    let drafts = headers_of_first(
        &emu,
        &token,
        "/users/support@contoso.test/mailFolders/drafts/messages",
    );
    assert!(has(&drafts, "x-draft", "d-1"), "{drafts:#?}");
}

#[test]
fn a_custom_header_without_the_x_prefix_is_refused() {
    let emu = Emulator::demo();
    let token = emu.app_token();
    let answer = emu
        .http
        .post(format!(
            "{}/users/support@contoso.test/sendMail",
            emu.graph()
        ))
        .bearer_auth(&token)
        .json(&json!({"message": message(json!([{"name": "Ticket-Tag", "value": "t"}]))}))
        .send()
        .unwrap();
    assert_eq!(answer.status(), 400);
    let body: Value = answer.json().unwrap();
    assert_eq!(graph_code(&body), "InvalidInternetMessageHeader");
    assert_eq!(
        body["error"]["message"],
        "The internet message header name 'Ticket-Tag' should start with 'x-' or 'X-'."
    );
    let inbox: Value = emu
        .get(
            "/users/alex@contoso.test/mailFolders/inbox/messages",
            &token,
        )
        .json()
        .unwrap();
    assert_eq!(inbox["value"], json!([]), "nothing was sent");
}
