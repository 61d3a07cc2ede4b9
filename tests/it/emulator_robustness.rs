//! Malformed requests get the service's client errors, never a 5xx or a dropped connection.

use crate::common::emulator::Emulator;
use serde_json::json;

#[test]
fn garbage_in_gets_client_errors_out() {
    let emu = Emulator::demo();
    let token = emu.app_token();
    let base = emu.base().to_owned();
    let graph = emu.graph().to_owned();
    let tenant = emu.tenant_id().to_owned();
    let requests = vec![
        emu.http.post(format!("{base}/{tenant}/oauth2/v2.0/token")),
        emu.http
            .post(format!("{base}/{tenant}/oauth2/v2.0/token"))
            .body("\u{0}\u{ff}%%%=&&=="),
        emu.http
            .post(format!("{base}/{tenant}/oauth2/v2.0/token"))
            .form(&[("grant_type", "password")]),
        emu.http
            .post(format!("{base}/{tenant}/oauth2/v2.0/token"))
            .header("Authorization", "Basic !!!notbase64")
            .form(&[("grant_type", "client_credentials")]),
        emu.http
            .post(format!("{base}/{tenant}/oauth2/v2.0/token"))
            .form(&[
                ("client_id", emu.demo_value("client_id")),
                ("grant_type", "client_credentials"),
                (
                    "client_assertion_type",
                    "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                ),
                ("client_assertion", "eyJ.garbage.sig"),
                ("scope", "https://graph.microsoft.com/.default"),
            ]),
        emu.http
            .post(format!("{base}/{tenant}/oauth2/v2.0/devicecode"))
            .body("scope="),
        emu.http.get(format!(
            "{base}/{tenant}/oauth2/v2.0/authorize?client_id=%ZZ"
        )),
        emu.http
            .get(format!("{graph}/users/%FF%FE/messages"))
            .bearer_auth(&token),
        emu.http
            .get(format!(
                "{graph}/users/support@contoso.test/messages?$top=abc"
            ))
            .bearer_auth(&token),
        emu.http
            .get(format!(
                "{graph}/users/support@contoso.test/messages?$filter=isRead eq"
            ))
            .bearer_auth(&token),
        emu.http
            .get(format!(
                "{graph}/users/support@contoso.test/messages?$orderby=nonsense desc"
            ))
            .bearer_auth(&token),
        emu.http
            .get(format!(
                "{graph}/users/support@contoso.test/messages?$skip=-1"
            ))
            .bearer_auth(&token),
        emu.http
            .get(format!(
                "{graph}/users/support@contoso.test/mailFolders/nope/messages"
            ))
            .bearer_auth(&token),
        emu.http
            .patch(format!("{graph}/users/support@contoso.test/messages/x"))
            .bearer_auth(&token)
            .body("{"),
        emu.http
            .post(format!("{graph}/users/support@contoso.test/mailFolders"))
            .bearer_auth(&token)
            .body("[]"),
        emu.http
            .post(format!("{graph}/users/support@contoso.test/sendMail"))
            .bearer_auth(&token)
            .json(&json!({"message": 3})),
        emu.http
            .post(format!("{graph}/$batch"))
            .bearer_auth(&token)
            .body("not json"),
        emu.http
            .post(format!("{graph}/$batch"))
            .bearer_auth(&token)
            .json(&json!({"requests": [{"id": "1", "method": "G E T", "url": "/me"}]})),
        emu.http
            .post(format!("{graph}/subscriptions"))
            .bearer_auth(&token)
            .json(&json!({"changeType": "created"})),
        emu.http
            .get(format!("{graph}/subscriptions/not-a-guid"))
            .bearer_auth(&token),
        emu.http
            .post(format!(
                "{}/mailboxes/support@contoso.test/messages",
                emu.admin()
            ))
            .json(&json!({"mime": ""})),
        emu.http
            .post(format!("{}/faults", emu.admin()))
            .json(&json!({"path": "/x", "fault": {"kind": "explode"}})),
        emu.http
            .post(format!("{}/clock/advance", emu.admin()))
            .json(&json!({"seconds": -5})),
    ];
    for request in requests {
        let request = request.build().unwrap();
        let described = format!("{} {}", request.method(), request.url());
        let response = emu
            .http
            .execute(request)
            .unwrap_or_else(|e| panic!("{described}: {e}"));
        let status = response.status().as_u16();
        assert!(
            (400..500).contains(&status),
            "{described} answered {status}"
        );
    }
}
