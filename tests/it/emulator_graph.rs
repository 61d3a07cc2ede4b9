//! Conformance of the emulator's Graph v1.0 mail API as a client sees it: the error
//! envelope, mailbox states, folders, paging, ids on move, delta, sending, batching and
//! throttling (graph-facts §3–§7, §10).

use crate::common::emulator::{Emulator, graph_code};
use serde_json::{Value, json};

const SUPPORT: &str = "support@contoso.test";

fn body(response: reqwest::blocking::Response) -> (u16, Value) {
    let status = response.status().as_u16();
    (status, response.json().unwrap_or(Value::Null))
}

#[test]
fn tokens_are_checked_and_errors_use_the_graph_envelope() {
    let emu = Emulator::demo();
    let response = emu
        .http
        .get(format!("{}/users/{SUPPORT}/messages", emu.graph()))
        .send()
        .unwrap();
    assert_eq!(response.status(), 401);
    assert!(
        response.headers()["www-authenticate"]
            .to_str()
            .unwrap()
            .starts_with("Bearer")
    );
    assert!(response.headers().contains_key("request-id"));
    let (_, err) = body(response);
    assert_eq!(graph_code(&err), "InvalidAuthenticationToken");
    assert!(err["error"]["innerError"]["request-id"].is_string());
    assert!(
        !err["error"]["innerError"]["date"]
            .as_str()
            .unwrap()
            .ends_with('Z')
    );

    let (status, err) = body(emu.get(&format!("/users/{SUPPORT}/messages"), "not.a.jwt"));
    assert_eq!(
        (status, graph_code(&err)),
        (401, "InvalidAuthenticationToken")
    );

    // Tokens expire on the emulator's clock.
    let token = emu.app_token();
    assert_eq!(
        emu.get(&format!("/users/{SUPPORT}/messages"), &token)
            .status(),
        200
    );
    emu.admin_post("/clock/advance", json!({"seconds": 3600}));
    let (status, err) = body(emu.get(&format!("/users/{SUPPORT}/messages"), &token));
    assert_eq!(
        (status, graph_code(&err)),
        (401, "InvalidAuthenticationToken")
    );
}

#[test]
fn mailbox_states_and_permissions_give_distinct_errors() {
    let emu = Emulator::demo();
    let token = emu.app_token();
    let (status, user) = body(emu.get(&format!("/users/{SUPPORT}"), &token));
    assert_eq!(status, 200);
    assert_eq!(user["userPrincipalName"], SUPPORT);

    let (status, err) = body(emu.get("/users/una@contoso.test/mailFolders/inbox", &token));
    assert_eq!(
        (status, graph_code(&err)),
        (404, "MailboxNotEnabledForRESTAPI")
    );
    let (status, err) = body(emu.get("/users/nobody@contoso.test/messages", &token));
    assert_eq!((status, graph_code(&err)), (404, "ErrorInvalidUser"));
    let (status, err) = body(emu.get("/users/nobody@contoso.test", &token));
    assert_eq!(
        (status, graph_code(&err)),
        (404, "Request_ResourceNotFound")
    );

    // RBAC for Applications: the scoped app reaches the support mailbox only.
    let scoped = emu.app_token_for(emu.demo_value("scoped_client_id"));
    assert_eq!(
        emu.get(&format!("/users/{SUPPORT}/mailFolders/inbox"), &scoped)
            .status(),
        200
    );
    let (status, err) = body(emu.get("/users/alex@contoso.test/mailFolders/inbox", &scoped));
    assert_eq!((status, graph_code(&err)), (403, "ErrorAccessDenied"));
    assert!(err["error"]["message"].as_str().unwrap().contains("[RAOP]"));
    // Directory reads need User.Read.All, which the scoped app lacks.
    let (status, err) = body(emu.get(&format!("/users/{SUPPORT}"), &scoped));
    assert_eq!(
        (status, graph_code(&err)),
        (403, "Authorization_RequestDenied")
    );

    let unconsented = emu.app_token_for(emu.demo_value("unconsented_client_id"));
    let (status, err) = body(emu.get(&format!("/users/{SUPPORT}/mailFolders/inbox"), &unconsented));
    assert_eq!((status, graph_code(&err)), (403, "ErrorAccessDenied"));
    assert!(!err["error"]["message"].as_str().unwrap().contains("RAOP"));

    let (status, err) = body(emu.get("/me/messages", &token));
    assert_eq!((status, graph_code(&err)), (400, "BadRequest"));
}

#[test]
fn users_are_found_by_id_or_upn_and_mailboxes_by_any_address() {
    let emu = Emulator::demo();
    let token = emu.app_token();
    let select = "$select=id,mail,userPrincipalName,proxyAddresses";
    let (status, user) = body(emu.get(&format!("/users/SUPPORT@Contoso.TEST?{select}"), &token));
    assert_eq!(status, 200, "{user}");
    let id = user["id"].as_str().unwrap().to_owned();
    assert_eq!(user["mail"], SUPPORT);
    assert_eq!(
        user["proxyAddresses"],
        json!(["SMTP:support@contoso.test", "smtp:helpdesk@contoso.test"])
    );
    assert!(user.get("displayName").is_none(), "only what $select names");
    let (_, by_id) = body(emu.get(&format!("/users/{id}?{select}"), &token));
    assert_eq!(by_id["userPrincipalName"], SUPPORT);

    // The directory knows a user by id or UPN only; an alias is found by filtering.
    let (status, err) = body(emu.get("/users/helpdesk@contoso.test", &token));
    assert_eq!(
        (status, graph_code(&err)),
        (404, "Request_ResourceNotFound")
    );
    let filter = "$filter=proxyAddresses/any(p:p%20eq%20'smtp:HELPDESK@contoso.test')";
    let (status, found) = body(emu.get(&format!("/users?{filter}&$select=id"), &token));
    assert_eq!(status, 200, "{found}");
    assert_eq!(found["value"], json!([{"id": id}]));
    let (status, err) = body(emu.get("/users?$filter=displayName%20eq%20'x'", &token));
    assert_eq!(
        (status, graph_code(&err)),
        (400, "Request_UnsupportedQuery")
    );
    let (status, err) = body(emu.get(&format!("/users/{SUPPORT}?$select=shoeSize"), &token));
    assert_eq!((status, graph_code(&err)), (400, "Request_BadRequest"));

    // Exchange resolves a mailbox path by any of its addresses, in any case.
    for spelling in ["HelpDesk@contoso.test", "SUPPORT@CONTOSO.TEST", id.as_str()] {
        let (status, inbox) =
            body(emu.get(&format!("/users/{spelling}/mailFolders/inbox"), &token));
        assert_eq!(
            (status, inbox["displayName"].as_str()),
            (200, Some("Inbox")),
            "{spelling}"
        );
    }

    // Without a directory role the read is refused, whatever the spelling; the mail roles
    // still reach the mailbox.
    let scoped = emu.app_token_for(emu.demo_value("scoped_client_id"));
    let (status, err) = body(emu.get(&format!("/users?{filter}"), &scoped));
    assert_eq!(
        (status, graph_code(&err)),
        (403, "Authorization_RequestDenied")
    );
    assert_eq!(
        emu.get("/users/helpdesk@contoso.test/mailFolders/inbox", &scoped)
            .status(),
        200
    );
}

#[test]
fn folders_page_filter_and_create() {
    let emu = Emulator::demo();
    let token = emu.app_token();
    let (status, page) = body(emu.get(&format!("/users/{SUPPORT}/mailFolders"), &token));
    assert_eq!(status, 200);
    // More top-level folders than the default page of 10: the client must follow nextLink.
    assert_eq!(page["value"].as_array().unwrap().len(), 10);
    let next = page["@odata.nextLink"].as_str().expect("nextLink");
    let (_, rest) = body(emu.http.get(next).bearer_auth(&token).send().unwrap());
    let names: Vec<String> = page["value"]
        .as_array()
        .unwrap()
        .iter()
        .chain(rest["value"].as_array().unwrap())
        .map(|f| f["displayName"].as_str().unwrap().to_owned())
        .collect();
    assert!(names.contains(&"Inbox".to_owned()) && names.contains(&"Deleted Items".to_owned()));
    assert!(
        !names.contains(&"Yammer Root".to_owned()),
        "hidden folders are excluded by default"
    );
    let (_, hidden) = body(emu.get(
        &format!("/users/{SUPPORT}/mailFolders?includeHiddenFolders=true&$top=100"),
        &token,
    ));
    assert!(
        hidden["value"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["displayName"] == "Yammer Root")
    );

    let filter = "/mailFolders/inbox/childFolders?$filter=displayName eq 'support'";
    let (status, found) = body(emu.get(&format!("/users/{SUPPORT}{filter}"), &token));
    assert_eq!(status, 200);
    assert_eq!(found["value"].as_array().unwrap().len(), 1);
    assert_eq!(found["value"][0]["displayName"], "Support");
    // A display name is not an id: Graph has no path lookup (graph-facts §3.2).
    let (status, err) = body(emu.get(
        &format!("/users/{SUPPORT}/mailFolders/Support/messages"),
        &token,
    ));
    assert_eq!((status, graph_code(&err)), (400, "ErrorInvalidIdMalformed"));
    let bad = "/mailFolders/inbox/childFolders?$filter=displayName in ('a','b')";
    let (status, err) = body(emu.get(&format!("/users/{SUPPORT}{bad}"), &token));
    assert_eq!(
        (status, graph_code(&err)),
        (400, "ErrorInvalidUrlQueryFilter")
    );

    let create = |name: &str| {
        body(
            emu.http
                .post(format!(
                    "{}/users/{SUPPORT}/mailFolders/inbox/childFolders",
                    emu.graph()
                ))
                .bearer_auth(&token)
                .json(&json!({"displayName": name}))
                .send()
                .unwrap(),
        )
    };
    let (status, folder) = create("Processed");
    assert_eq!(status, 201);
    assert_eq!(folder["totalItemCount"], 0);
    let (status, err) = create("processed");
    assert_eq!((status, graph_code(&err)), (409, "ErrorFolderExists"));
}

fn list(emu: &Emulator, token: &str, path_and_query: &str) -> Value {
    let (status, page) = body(emu.get(path_and_query, token));
    assert_eq!(status, 200, "{page}");
    page
}

fn subjects(page: &Value) -> Vec<String> {
    page["value"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["subject"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn message_paging_uses_skip_so_moving_messages_out_skips_some() {
    let emu = Emulator::demo();
    let token = emu.app_token();
    for i in 0..15 {
        let received = format!("2026-09-01T10:{i:02}:00Z");
        emu.deliver(
            SUPPORT,
            "Inbox/Support",
            &format!("Ticket {i:02}"),
            json!({"received": received}),
        );
    }
    let folder = "/users/support@contoso.test/mailFolders/inbox/childFolders";
    let support_id = list(
        &emu,
        &token,
        &format!("{folder}?$filter=displayName eq 'Support'"),
    )["value"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let messages = format!("/users/{SUPPORT}/mailFolders/{support_id}/messages");

    let first = list(&emu, &token, &format!("{messages}?$count=true"));
    assert_eq!(first["@odata.count"], 15);
    assert_eq!(
        first["value"].as_array().unwrap().len(),
        10,
        "default page size is 10"
    );
    assert_eq!(subjects(&first)[0], "Ticket 14", "newest first");
    let next = first["@odata.nextLink"].as_str().unwrap().to_owned();
    assert!(next.ends_with("?%24count=true&%24skip=10"), "{next}");

    // Move the whole first page out, as an importer with a move post-action does.
    for message in first["value"].as_array().unwrap() {
        let id = message["id"].as_str().unwrap();
        let moved = emu
            .http
            .post(format!(
                "{}/users/{SUPPORT}/messages/{}/move",
                emu.graph(),
                urlencode(id)
            ))
            .bearer_auth(&token)
            .json(&json!({"destinationId": "archive"}))
            .send()
            .unwrap();
        assert_eq!(moved.status(), 201);
    }
    // $skip=10 now skips past everything that is left: the 5 remaining are never seen.
    let (_, second) = body(emu.http.get(&next).bearer_auth(&token).send().unwrap());
    assert!(second["value"].as_array().unwrap().is_empty());
    assert_eq!(
        list(&emu, &token, &messages)["value"]
            .as_array()
            .unwrap()
            .len(),
        5
    );
}

fn urlencode(id: &str) -> String {
    url::form_urlencoded::byte_serialize(id.as_bytes()).collect()
}

#[test]
fn query_options_select_filter_and_the_orderby_rule() {
    let emu = Emulator::demo();
    let token = emu.app_token();
    emu.deliver(
        SUPPORT,
        "Inbox",
        "Old read",
        json!({"received": "2026-01-01T00:00:00Z", "is_read": true}),
    );
    emu.deliver(
        SUPPORT,
        "Inbox",
        "New unread",
        json!({"received": "2026-10-01T00:00:00Z"}),
    );
    let inbox = format!("/users/{SUPPORT}/mailFolders/inbox/messages");

    let page = list(&emu, &token, &format!("{inbox}?$filter=isRead eq false"));
    assert_eq!(subjects(&page), ["New unread"]);
    let page = list(
        &emu,
        &token,
        &format!(
            "{inbox}?$filter=receivedDateTime ge 2026-06-01T00:00:00Z&$orderby=receivedDateTime asc"
        ),
    );
    assert_eq!(subjects(&page), ["New unread"]);
    let page = list(&emu, &token, &format!("{inbox}?$select=subject&$top=1"));
    let first = page["value"][0].as_object().unwrap();
    assert!(
        first.contains_key("id") && first.contains_key("subject") && !first.contains_key("body")
    );
    assert!(page["@odata.nextLink"].is_string());

    let (status, err) = body(emu.get(
        &format!("{inbox}?$filter=isRead eq false&$orderby=receivedDateTime desc"),
        &token,
    ));
    assert_eq!((status, graph_code(&err)), (400, "InefficientFilter"));
    let (status, _) = body(emu.get(&format!("{inbox}?$top=1001"), &token));
    assert_eq!(status, 400);
    // Delivered without a Message-ID, it got one from transport.
    let bare = emu.admin_post(
        &format!("/mailboxes/{SUPPORT}/messages"),
        json!({"mime": "From: a@example.com\r\nSubject: bare\r\n\r\nhi\r\n"}),
    );
    assert!(
        bare.json::<Value>().unwrap()["internet_message_id"]
            .as_str()
            .unwrap()
            .ends_with("@contoso.test>")
    );
}

const MIME_WITH_ATTACHMENT: &str = "From: Pat <pat@example.com>\r\nTo: support@contoso.test\r\nSubject: Logs attached\r\nMessage-ID: <logs-1@example.com>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b1\r\n\r\n--b1\r\nContent-Type: text/html\r\n\r\n<p>See <b>log</b></p>\r\n--b1\r\nContent-Type: text/plain; name=log.txt\r\nContent-Disposition: attachment; filename=log.txt\r\n\r\nline one\r\n--b1--\r\n";

#[test]
fn message_get_mime_attachments_patch_move_delete() {
    let emu = Emulator::demo();
    let token = emu.app_token();
    let delivered = emu.admin_post(
        &format!("/mailboxes/{SUPPORT}/messages"),
        json!({"mime": MIME_WITH_ATTACHMENT}),
    );
    assert_eq!(delivered.status(), 201);
    let delivered: Value = delivered.json().unwrap();
    let id = urlencode(delivered["id"].as_str().unwrap());
    let item = format!("/users/{SUPPORT}/messages/{id}");

    let (status, message) = body(emu.get(&item, &token));
    assert_eq!(status, 200);
    assert_eq!(message["internetMessageId"], "<logs-1@example.com>");
    assert_eq!(message["hasAttachments"], true);
    assert_eq!(message["body"]["contentType"], "html");
    assert_eq!(
        message["from"]["emailAddress"]["address"],
        "pat@example.com"
    );
    assert!(message["@odata.etag"].as_str().unwrap().starts_with("W/\""));

    let text = emu
        .http
        .get(format!("{}{item}", emu.graph()))
        .bearer_auth(&token)
        .header("Prefer", "outlook.body-content-type=\"text\"")
        .send()
        .unwrap();
    assert_eq!(
        text.headers()["preference-applied"],
        "outlook.body-content-type=\"text\""
    );
    let text: Value = text.json().unwrap();
    assert_eq!(text["body"]["contentType"], "text");
    assert_eq!(text["body"]["content"].as_str().unwrap().trim(), "See log");

    let mime = emu.get(&format!("{item}/$value"), &token);
    assert_eq!(mime.status(), 200);
    assert!(
        mime.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/plain")
    );
    assert!(mime.text().unwrap().starts_with("From: Pat"));

    let (_, expanded) = body(emu.get(&format!("{item}?$expand=attachments"), &token));
    assert_eq!(expanded["attachments"][0]["name"], "log.txt");
    let (_, attachments) = body(emu.get(&format!("{item}/attachments"), &token));
    let attachment = &attachments["value"][0];
    assert_eq!(attachment["@odata.type"], "#microsoft.graph.fileAttachment");
    assert_eq!(attachment["name"], "log.txt");
    assert_eq!(attachment["contentBytes"], "bGluZSBvbmU=");

    let patched = emu
        .http
        .patch(format!("{}{item}", emu.graph()))
        .bearer_auth(&token)
        .json(&json!({"isRead": true}))
        .send()
        .unwrap();
    let (status, patched) = body(patched);
    assert_eq!((status, patched["isRead"].as_bool()), (200, Some(true)));
    let refused = emu
        .http
        .patch(format!("{}{item}", emu.graph()))
        .bearer_auth(&token)
        .json(&json!({"subject": "x"}))
        .send()
        .unwrap();
    assert_eq!(refused.status(), 400);

    // Move with immutable ids: the id survives; without, it changes.
    let immutable = emu
        .http
        .post(format!("{}{item}/move", emu.graph()))
        .bearer_auth(&token)
        .header("Prefer", "IdType=\"ImmutableId\"")
        .json(&json!({"destinationId": "archive"}))
        .send()
        .unwrap();
    let (status, moved) = body(immutable);
    assert_eq!(status, 201);
    assert_eq!(moved["id"], delivered["immutable_id"]);
    let (status, err) = body(emu.get(&item, &token));
    assert_eq!(
        (status, graph_code(&err)),
        (404, "ErrorItemNotFound"),
        "the old REST id is gone"
    );

    let by_immutable = format!(
        "/users/{SUPPORT}/messages/{}",
        urlencode(delivered["immutable_id"].as_str().unwrap())
    );
    let (_, again) = body(
        emu.http
            .post(format!("{}{by_immutable}/move", emu.graph()))
            .bearer_auth(&token)
            .json(&json!({"destinationId": "inbox"}))
            .send()
            .unwrap(),
    );
    assert_ne!(again["id"], moved["id"]);
    assert_ne!(
        again["id"].as_str().unwrap(),
        delivered["id"].as_str().unwrap()
    );

    let deleted = emu
        .http
        .delete(format!("{}{by_immutable}", emu.graph()))
        .bearer_auth(&token)
        .send()
        .unwrap();
    assert_eq!(deleted.status(), 204);
    let inbox = list(&emu, &token, &format!("/users/{SUPPORT}/messages"));
    assert!(
        inbox["value"].as_array().unwrap().is_empty(),
        "deleted items leave every listable folder"
    );
    let state: Value = emu
        .http
        .get(format!("{}/mailboxes/{SUPPORT}/messages", emu.admin()))
        .send()
        .unwrap()
        .json()
        .unwrap();
    assert_eq!(state["messages"][0]["folder"], "Deletions");
    assert_eq!(state["messages"][0]["is_read"], true);
    let again = emu
        .http
        .delete(format!("{}{by_immutable}", emu.graph()))
        .bearer_auth(&token)
        .send()
        .unwrap();
    let (status, err) = body(again);
    assert_eq!((status, graph_code(&err)), (400, "ErrorCannotDeleteObject"));
    let purged = emu
        .http
        .post(format!("{}{by_immutable}/permanentDelete", emu.graph()))
        .bearer_auth(&token)
        .send()
        .unwrap();
    assert_eq!(purged.status(), 204);
    assert_eq!(emu.get(&by_immutable, &token).status(), 404);
}

#[test]
fn delta_reports_new_changed_and_removed_messages() {
    let emu = Emulator::demo();
    let token = emu.app_token();
    let kept = emu.deliver(SUPPORT, "Inbox", "Kept", json!({}));
    let gone = emu.deliver(SUPPORT, "Inbox", "Gone", json!({}));
    let delta = format!("/users/{SUPPORT}/mailFolders/inbox/messages/delta?$select=subject,isRead");
    let mut round = list(&emu, &token, &delta);
    assert_eq!(round["value"].as_array().unwrap().len(), 2);
    let delta_link = round["@odata.deltaLink"]
        .as_str()
        .expect("deltaLink")
        .to_owned();

    emu.deliver(SUPPORT, "Inbox", "Fresh", json!({}));
    let patch = format!(
        "{}/users/{SUPPORT}/messages/{}",
        emu.graph(),
        urlencode(kept["id"].as_str().unwrap())
    );
    emu.http
        .patch(patch)
        .bearer_auth(&token)
        .json(&json!({"isRead": true}))
        .send()
        .unwrap();
    let purge = format!(
        "{}/users/{SUPPORT}/messages/{}/permanentDelete",
        emu.graph(),
        urlencode(gone["id"].as_str().unwrap())
    );
    assert_eq!(
        emu.http
            .post(purge)
            .bearer_auth(&token)
            .send()
            .unwrap()
            .status(),
        204
    );

    round = body(
        emu.http
            .get(&delta_link)
            .bearer_auth(&token)
            .send()
            .unwrap(),
    )
    .1;
    let items = round["value"].as_array().unwrap();
    assert_eq!(items.len(), 3, "{round}");
    assert!(items.iter().any(|m| m["subject"] == "Fresh"));
    assert!(
        items
            .iter()
            .any(|m| m["subject"] == "Kept" && m["isRead"] == true)
    );
    assert!(
        items
            .iter()
            .any(|m| m["id"] == gone["id"] && m["@removed"]["reason"] == "deleted")
    );

    let (status, err) = body(emu.get(
        &format!("/users/{SUPPORT}/mailFolders/inbox/messages/delta?$deltatoken=garbage"),
        &token,
    ));
    assert_eq!((status, graph_code(&err)), (410, "SyncStateNotFound"));

    // The only filter delta takes is on receivedDateTime (graph-facts §3.4).
    emu.deliver(
        SUPPORT,
        "Inbox",
        "Ancient",
        json!({"received": "2020-01-01T00:00:00Z"}),
    );
    let recent = list(
        &emu,
        &token,
        &format!(
            "/users/{SUPPORT}/mailFolders/inbox/messages/delta?$filter=receivedDateTime ge 2025-01-01T00:00:00Z&$select=subject"
        ),
    );
    assert!(!subjects(&recent).contains(&"Ancient".to_owned()));
    assert_eq!(subjects(&recent).len(), 2);
    let (status, err) = body(emu.get(
        &format!("/users/{SUPPORT}/mailFolders/inbox/messages/delta?$filter=isRead eq false"),
        &token,
    ));
    assert_eq!(
        (status, graph_code(&err)),
        (400, "ErrorInvalidUrlQueryFilter")
    );
}

#[test]
fn send_mail_delivers_inside_the_tenant_and_saves_a_copy() {
    let emu = Emulator::demo();
    let token = emu.app_token();
    let message = json!({"message": {
        "subject": "Re: Printer",
        "body": {"contentType": "text", "content": "Fixed."},
        "toRecipients": [{"emailAddress": {"address": "alex@contoso.test"}}],
        "attachments": [{"@odata.type": "#microsoft.graph.fileAttachment", "name": "a.txt", "contentType": "text/plain", "contentBytes": "aGk="}]
    }});
    let sent = emu
        .http
        .post(format!("{}/users/{SUPPORT}/sendMail", emu.graph()))
        .bearer_auth(&token)
        .json(&message)
        .send()
        .unwrap();
    assert_eq!(sent.status(), 202);
    assert!(sent.text().unwrap().is_empty());
    let inbox = list(
        &emu,
        &token,
        "/users/alex@contoso.test/mailFolders/inbox/messages",
    );
    assert_eq!(subjects(&inbox), ["Re: Printer"]);
    assert_eq!(inbox["value"][0]["hasAttachments"], true);
    let sent_items = list(
        &emu,
        &token,
        &format!("/users/{SUPPORT}/mailFolders/sentitems/messages"),
    );
    assert_eq!(subjects(&sent_items), ["Re: Printer"]);

    let mut as_other = message.clone();
    as_other["message"]["from"] = json!({"emailAddress": {"address": "alex@contoso.test"}});
    let denied = emu
        .http
        .post(format!("{}/users/{SUPPORT}/sendMail", emu.graph()))
        .bearer_auth(&token)
        .json(&as_other)
        .send()
        .unwrap();
    let (status, err) = body(denied);
    assert_eq!((status, graph_code(&err)), (403, "ErrorSendAsDenied"));

    let bad_mime = emu
        .http
        .post(format!("{}/users/{SUPPORT}/sendMail", emu.graph()))
        .bearer_auth(&token)
        .header("Content-Type", "text/plain")
        .body("%%% not base64")
        .send()
        .unwrap();
    let (status, err) = body(bad_mime);
    assert_eq!(
        (status, graph_code(&err)),
        (400, "ErrorMimeContentInvalidBase64String")
    );
}

fn arm(emu: &Emulator, rule: Value) {
    assert_eq!(emu.admin_post("/faults", rule).status(), 201);
}

#[test]
fn concurrency_over_four_per_mailbox_is_throttled_in_a_batch() {
    let emu = Emulator::demo();
    let token = emu.app_token();
    // Each request holds its slot for 400 ms, so the five overlap for certain.
    arm(
        &emu,
        json!({"path": "/v1.0/$batch", "times": 1, "fault": {"kind": "delay", "ms": 400}}),
    );
    let requests: Vec<Value> = (1..=5)
        .map(|i| json!({"id": i.to_string(), "method": "GET", "url": format!("/users/{SUPPORT}/mailFolders/inbox")}))
        .collect();
    let response = emu
        .http
        .post(format!("{}/$batch", emu.graph()))
        .bearer_auth(&token)
        .json(&json!({"requests": requests}))
        .send()
        .unwrap();
    let (status, batch) = body(response);
    assert_eq!(status, 200);
    let responses = batch["responses"].as_array().unwrap();
    assert_eq!(responses.len(), 5);
    let throttled: Vec<&Value> = responses.iter().filter(|r| r["status"] == 429).collect();
    assert_eq!(throttled.len(), 1, "{batch}");
    assert_eq!(graph_code(&throttled[0]["body"]), "ApplicationThrottled");
    assert!(throttled[0]["headers"]["retry-after"].is_string());

    // The batch itself is authenticated before any item runs.
    let anonymous = emu
        .http
        .post(format!("{}/$batch", emu.graph()))
        .json(&json!({"requests": [{"id": "1", "method": "GET", "url": "/me"}]}))
        .send()
        .unwrap();
    assert_eq!(anonymous.status(), 401);

    // dependsOn serialises; a failed dependency fails its dependants with 424.
    let chained = json!({"requests": [
        {"id": "a", "method": "GET", "url": "/users/nobody@contoso.test/messages"},
        {"id": "b", "method": "GET", "url": format!("/users/{SUPPORT}/messages"), "dependsOn": ["a"]}
    ]});
    let (_, batch) = body(
        emu.http
            .post(format!("{}/$batch", emu.graph()))
            .bearer_auth(&token)
            .json(&chained)
            .send()
            .unwrap(),
    );
    let status_of = |id: &str| {
        batch["responses"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == id)
            .unwrap()["status"]
            .clone()
    };
    assert_eq!((status_of("a"), status_of("b")), (json!(404), json!(424)));
}

#[test]
fn request_budget_runs_out_per_app_and_mailbox() {
    let tenant = r#"
tenant_id = "5d0c1e2f-3a4b-4c5d-8e6f-7a8b9c0d1e2f"
domain = "fabrikam.test"
[settings]
mailbox_request_budget = 3
[[apps]]
client_id = "6e1d2f3a-4b5c-4d6e-9f70-8b9c0d1e2f3a"
name = "budget test"
secrets = [{ value = "s3cret" }, { value = "old", expires = "2020-01-01T00:00:00Z" }]
roles = ["Mail.Read"]
[[users]]
upn = "desk@fabrikam.test"
kind = "shared"
"#;
    let emu = Emulator::with_tenant(tenant);
    assert!(emu.ready.get("demo").is_none());
    let form = |secret| {
        vec![
            ("client_id", "6e1d2f3a-4b5c-4d6e-9f70-8b9c0d1e2f3a"),
            ("client_secret", secret),
            ("grant_type", "client_credentials"),
            ("scope", "https://graph.microsoft.com/.default"),
        ]
    };
    let (status, expired) = body(emu.token(&form("old")));
    assert_eq!(
        (status, expired["error_codes"][0].as_u64()),
        (401, Some(7000222))
    );
    let token: Value = emu.token(&form("s3cret")).json().unwrap();
    let token = token["access_token"].as_str().unwrap();
    for _ in 0..3 {
        assert_eq!(
            emu.get("/users/desk@fabrikam.test/messages", token)
                .status(),
            200
        );
    }
    let response = emu.get("/users/desk@fabrikam.test/messages", token);
    assert_eq!(response.status(), 429);
    assert!(
        response.headers()["retry-after"]
            .to_str()
            .unwrap()
            .parse::<u32>()
            .unwrap()
            > 0
    );
    assert_eq!(graph_code(&response.json().unwrap()), "TooManyRequests");
}

#[test]
fn scripted_faults_answer_instead_of_the_service() {
    let emu = Emulator::demo();
    let token = emu.app_token();
    let path = format!("/v1.0/users/{SUPPORT}/messages");
    arm(
        &emu,
        json!({"method": "GET", "path": path, "fault": {"kind": "status", "status": 503, "retry_after": "2"}}),
    );
    let response = emu.get(&format!("/users/{SUPPORT}/messages"), &token);
    assert_eq!(response.status(), 503);
    assert_eq!(response.headers()["retry-after"], "2");
    assert_eq!(
        emu.get(&format!("/users/{SUPPORT}/messages"), &token)
            .status(),
        200,
        "one-shot"
    );

    arm(&emu, json!({"path": path, "fault": {"kind": "reset"}}));
    let reset = emu
        .http
        .get(format!("{}/users/{SUPPORT}/messages", emu.graph()))
        .bearer_auth(&token)
        .send()
        .and_then(|r| r.bytes());
    assert!(reset.is_err(), "the connection must break");

    arm(&emu, json!({"path": path, "fault": {"kind": "malformed"}}));
    let malformed = emu.get(&format!("/users/{SUPPORT}/messages"), &token);
    assert_eq!(malformed.status(), 200);
    assert!(malformed.json::<Value>().is_err());

    arm(
        &emu,
        json!({"path": "/v1.0/users/*", "skip": 1, "fault": {"kind": "expired_token"}}),
    );
    assert_eq!(
        emu.get(&format!("/users/{SUPPORT}/messages"), &token)
            .status(),
        200
    );
    let (status, err) = body(emu.get(&format!("/users/{SUPPORT}/messages"), &token));
    assert_eq!(
        (status, graph_code(&err)),
        (401, "InvalidAuthenticationToken")
    );

    let journal = emu.journal();
    assert!(journal.iter().filter(|e| e["fault"].is_number()).count() >= 4);
    let text = serde_json::to_string(&journal).unwrap();
    assert!(
        !text.contains(&token),
        "bearer tokens never reach the journal"
    );
}

#[test]
fn delegated_tokens_reach_their_own_and_shared_mailboxes_only() {
    let emu = Emulator::demo();
    let url = format!("{}/{}/oauth2/v2.0/devicecode", emu.base(), emu.tenant_id());
    let device: Value = emu
        .http
        .post(url)
        .form(&[
            ("client_id", emu.demo_value("public_client_id")),
            ("scope", "Mail.ReadWrite Mail.ReadWrite.Shared User.Read"),
        ])
        .send()
        .unwrap()
        .json()
        .unwrap();
    let user_code = device["user_code"].as_str().unwrap();
    let approved = emu.admin_post(
        &format!("/devicecodes/{user_code}/approve"),
        json!({"user": "alex@contoso.test"}),
    );
    assert_eq!(approved.status(), 204);
    emu.admin_post("/clock/advance", json!({"seconds": 5}));
    let token: Value = emu
        .token(&[
            ("client_id", emu.demo_value("public_client_id")),
            ("grant_type", "urn:ietf:params:oauth:grant-type:device_code"),
            ("device_code", device["device_code"].as_str().unwrap()),
        ])
        .json()
        .unwrap();
    let token = token["access_token"].as_str().unwrap();

    let (status, me) = body(emu.get("/me", token));
    assert_eq!(
        (status, me["userPrincipalName"].as_str()),
        (200, Some("alex@contoso.test"))
    );
    assert_eq!(
        emu.get("/me/mailFolders/inbox/messages", token).status(),
        200
    );
    assert_eq!(
        emu.get(&format!("/users/{SUPPORT}/mailFolders/inbox"), token)
            .status(),
        200
    );
    let (status, err) = body(emu.get("/users/una@contoso.test/mailFolders/inbox", token));
    assert_eq!((status, graph_code(&err)), (403, "ErrorAccessDenied"));
    let (status, err) = body(emu.get("/groups/x", token));
    assert_eq!((status, graph_code(&err)), (400, "BadRequest"));
    assert!(
        err["error"]["message"]
            .as_str()
            .unwrap()
            .contains("'groups'")
    );
}

#[test]
fn journal_counts_requests_in_flight_at_arrival() {
    let emu = Emulator::demo();
    let token = emu.app_token();
    // Each request is held for a second, so requests started together overlap.
    arm(
        &emu,
        json!({"path": "/v1.0/users/*/mailFolders/inbox", "times": 0, "fault": {"kind": "delay", "ms": 1000}}),
    );
    std::thread::scope(|scope| {
        for _ in 0..3 {
            scope.spawn(|| {
                let status = emu
                    .get(&format!("/users/{SUPPORT}/mailFolders/inbox"), &token)
                    .status();
                assert_eq!(status, 200);
            });
        }
    });
    let journal = emu.journal();
    let peaks: Vec<u64> = journal
        .iter()
        .filter(|e| e["path"].as_str().unwrap().ends_with("/mailFolders/inbox"))
        .map(|e| e["concurrency_at_arrival"].as_u64().unwrap())
        .collect();
    assert_eq!(peaks.len(), 3);
    assert!(peaks.iter().max().unwrap() >= &2, "{peaks:?}");
    let per_mailbox: Vec<u64> = journal
        .iter()
        .filter(|e| e["mailbox"] == SUPPORT)
        .map(|e| e["mailbox_concurrency_at_arrival"].as_u64().unwrap())
        .collect();
    assert_eq!(per_mailbox.len(), 3);
    assert!(per_mailbox.iter().max().unwrap() >= &2, "{per_mailbox:?}");
    assert!(journal.iter().all(|e| e["duration_ms"].is_u64()));
}
