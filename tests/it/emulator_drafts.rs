//! Drafts, attachments and upload sessions, then sending the draft (graph-facts §4).

use crate::common::emulator::{Emulator, graph_code};
use serde_json::{Value, json};

const SUPPORT: &str = "support@contoso.test";

fn urlencode(id: &str) -> String {
    url::form_urlencoded::byte_serialize(id.as_bytes()).collect()
}

#[test]
fn draft_with_an_uploaded_attachment_is_sent() {
    let emu = Emulator::demo();
    let token = emu.app_token();
    let graph = emu.graph().to_owned();
    let post = |path: &str, body: Value| {
        emu.http
            .post(format!("{graph}{path}"))
            .bearer_auth(&token)
            .json(&body)
            .send()
            .unwrap()
    };

    let created = post(
        &format!("/users/{SUPPORT}/messages"),
        json!({"subject": "Draft", "body": {"contentType": "text", "content": "Logs attached."},
               "toRecipients": [{"emailAddress": {"address": "alex@contoso.test"}}]}),
    );
    assert_eq!(created.status(), 201);
    let draft: Value = created.json().unwrap();
    assert_eq!(draft["isDraft"], true);
    let drafts: Value = emu
        .get(
            &format!("/users/{SUPPORT}/mailFolders/drafts/messages"),
            &token,
        )
        .json()
        .unwrap();
    assert_eq!(drafts["value"][0]["id"], draft["id"]);
    let item = format!(
        "/users/{SUPPORT}/messages/{}",
        urlencode(draft["id"].as_str().unwrap())
    );

    let renamed = emu
        .http
        .patch(format!("{graph}{item}"))
        .bearer_auth(&token)
        .json(&json!({"subject": "Logs for ticket 42"}))
        .send()
        .unwrap();
    assert_eq!(renamed.status(), 200);

    let small = post(
        &format!("{item}/attachments"),
        json!({"@odata.type": "#microsoft.graph.fileAttachment", "name": "small.txt",
               "contentType": "text/plain", "contentBytes": "aGVsbG8="}),
    );
    assert_eq!(small.status(), 201);
    assert_eq!(small.json::<Value>().unwrap()["size"], 5);

    let too_small = post(
        &format!("{item}/attachments/createUploadSession"),
        json!({"AttachmentItem": {"attachmentType": "file", "name": "x.bin", "size": 1000}}),
    );
    assert_eq!(too_small.status(), 400);

    let size: usize = 3 * 1024 * 1024 + 512 * 1024;
    let data: Vec<u8> = (0..size).map(|i| (i % 251) as u8).collect();
    let session = post(
        &format!("{item}/attachments/createUploadSession"),
        json!({"AttachmentItem": {"attachmentType": "file", "name": "big.bin", "size": size,
                                  "contentType": "application/octet-stream"}}),
    );
    assert_eq!(session.status(), 201);
    let session: Value = session.json().unwrap();
    assert_eq!(session["nextExpectedRanges"][0], "0-");
    let upload_url = session["uploadUrl"].as_str().unwrap();
    let put = |range: (usize, usize), with_auth: bool| {
        let mut request = emu
            .http
            .put(upload_url)
            .header(
                "Content-Range",
                format!("bytes {}-{}/{size}", range.0, range.1 - 1),
            )
            .header("Content-Type", "application/octet-stream")
            .body(data[range.0..range.1].to_vec());
        if with_auth {
            request = request.bearer_auth(&token);
        }
        request.send().unwrap()
    };
    let half = 2 * 1024 * 1024;
    assert_eq!(
        put((0, half), true).status(),
        400,
        "no Authorization header on upload URLs"
    );
    assert_eq!(put((half, size), false).status(), 416, "chunks go in order");
    let first = put((0, half), false);
    assert_eq!(first.status(), 200);
    assert_eq!(
        first.json::<Value>().unwrap()["nextExpectedRanges"][0],
        half.to_string()
    );
    let last = put((half, size), false);
    assert_eq!(last.status(), 201);
    assert!(
        last.headers()["location"]
            .to_str()
            .unwrap()
            .contains("/attachments('")
    );

    let sent = emu
        .http
        .post(format!("{graph}{item}/send"))
        .bearer_auth(&token)
        .send()
        .unwrap();
    assert_eq!(sent.status(), 202);
    assert_eq!(
        emu.get(&item, &token).status(),
        404,
        "the draft moved to Sent Items"
    );

    let inbox: Value = emu
        .get(
            "/users/alex@contoso.test/mailFolders/inbox/messages",
            &token,
        )
        .json()
        .unwrap();
    assert_eq!(inbox["value"][0]["subject"], "Logs for ticket 42");
    let received = urlencode(inbox["value"][0]["id"].as_str().unwrap());
    let attachments: Value = emu
        .get(
            &format!("/users/alex@contoso.test/messages/{received}/attachments"),
            &token,
        )
        .json()
        .unwrap();
    let sizes: Vec<u64> = attachments["value"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["size"].as_u64().unwrap())
        .collect();
    assert_eq!(sizes, [5, size as u64]);
    let sent_items: Value = emu
        .get(
            &format!("/users/{SUPPORT}/mailFolders/sentitems/messages"),
            &token,
        )
        .json()
        .unwrap();
    assert_eq!(sent_items["value"][0]["isDraft"], false);

    // Received mail is not a draft: no attachments can be added in the emulator.
    let refused = post(
        &format!("/users/alex@contoso.test/messages/{received}/attachments"),
        json!({"@odata.type": "#microsoft.graph.fileAttachment", "name": "a", "contentBytes": "YQ=="}),
    );
    assert_eq!(refused.status(), 400);
    assert_eq!(
        graph_code(&refused.json().unwrap()),
        "ErrorInvalidOperation"
    );
}
