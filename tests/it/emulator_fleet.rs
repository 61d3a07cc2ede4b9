//! One emulator playing several tenants (issue 13, part 5): each tenant's identity platform
//! issues tokens for its own apps only, each token sees its own tenant's mailboxes only, and
//! a real `mailconn import` runs against a profile in each.

use serde_json::{Value, json};

use crate::common::emulator::Emulator;
use crate::common::{self, stderr};

const FABRIKAM: &str = "11111111-1111-4111-8111-111111111111";
const NORTHWIND: &str = "22222222-2222-4222-8222-222222222222";
const APP_A: &str = "6e1d2f3a-4b5c-4d6e-9f70-8b9c0d1e2f3a";
const APP_B: &str = "7f2e3a4b-5c6d-4e7f-8a91-9c0d1e2f3a4b";
/// One multi-tenant app: one registration, consented in both tenants.
const APP_BOTH: &str = "8a3f4b5c-6d7e-4f80-9ba2-0d1e2f3a4b5c";
const SECRET_A: &str = "fleet-secret-of-fabrikam-app";
const SECRET_B: &str = "fleet-secret-of-northwind-app";
const SECRET_BOTH: &str = "fleet-secret-of-the-multi-tenant-app";
const DESK_A: &str = "desk@fabrikam.test";
const DESK_B: &str = "help@northwind.test";
const DESK_B_ID: &str = "0f0e0d0c-0b0a-4909-8807-0605040302b0";

fn fleet_file() -> String {
    format!(
        r#"
[settings]
mailbox_request_budget = 500

[[tenants]]
tenant_id = "{FABRIKAM}"
domain = "fabrikam.test"
[[tenants.apps]]
client_id = "{APP_A}"
name = "Fabrikam connector"
secrets = [{{ value = "{SECRET_A}" }}]
roles = ["Mail.ReadWrite", "Mail.Send"]
[[tenants.apps]]
client_id = "{APP_BOTH}"
name = "Help desk SaaS"
secrets = [{{ value = "{SECRET_BOTH}" }}]
roles = ["Mail.ReadWrite"]
[[tenants.users]]
upn = "{DESK_A}"
kind = "shared"
folders = ["Inbox/Support"]

[[tenants]]
tenant_id = "{NORTHWIND}"
domain = "northwind.test"
[[tenants.apps]]
client_id = "{APP_B}"
name = "Northwind connector"
secrets = [{{ value = "{SECRET_B}" }}]
roles = ["Mail.ReadWrite"]
[[tenants.apps]]
client_id = "{APP_BOTH}"
name = "Help desk SaaS"
secrets = [{{ value = "{SECRET_BOTH}" }}]
roles = ["Mail.ReadWrite"]
[[tenants.users]]
upn = "{DESK_B}"
id = "{DESK_B_ID}"
kind = "shared"
folders = ["Inbox/Support"]
"#
    )
}

fn token_request(emu: &Emulator, tenant: &str, client_id: &str, secret: &str) -> (u16, Value) {
    let response = emu
        .http
        .post(format!("{}/{tenant}/oauth2/v2.0/token", emu.base()))
        .form(&[
            ("client_id", client_id),
            ("client_secret", secret),
            ("grant_type", "client_credentials"),
            ("scope", "https://graph.microsoft.com/.default"),
        ])
        .send()
        .unwrap();
    (response.status().as_u16(), response.json().unwrap())
}

fn token(emu: &Emulator, tenant: &str, client_id: &str, secret: &str) -> String {
    let (status, body) = token_request(emu, tenant, client_id, secret);
    assert_eq!(status, 200, "{body}");
    body["access_token"].as_str().unwrap().to_owned()
}

fn tid(token: &str) -> String {
    use base64::Engine;
    let payload = token.split('.').nth(1).unwrap();
    let claims: Value = serde_json::from_slice(
        &base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(payload)
            .unwrap(),
    )
    .unwrap();
    claims["tid"].as_str().unwrap().to_owned()
}

fn subjects(emu: &Emulator, mailbox: &str, token: &str) -> Vec<String> {
    let response = emu.get(
        &format!(
            "/users/{mailbox}/mailFolders/inbox/childFolders?$filter=displayName eq 'Support'"
        ),
        token,
    );
    assert_eq!(response.status(), 200);
    let folders: Value = response.json().unwrap();
    let folder = folders["value"][0]["id"].as_str().unwrap();
    let listing: Value = emu
        .get(
            &format!("/users/{mailbox}/mailFolders/{folder}/messages?$select=subject"),
            token,
        )
        .json()
        .unwrap();
    listing["value"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["subject"].as_str().unwrap().to_owned())
        .collect()
}

/// Graph's answer for a mailbox the tenant does not have (graph-facts §10).
fn assert_unknown_mailbox(response: reqwest::blocking::Response) {
    assert_eq!(response.status(), 404);
    let body: Value = response.json().unwrap();
    assert_eq!(body["error"]["code"], "ErrorInvalidUser", "{body}");
}

#[test]
fn each_tenant_issues_its_own_tokens_and_serves_its_own_mailboxes() {
    let emu = Emulator::with_tenant(&fleet_file());
    assert_eq!(
        emu.tenant_id(),
        FABRIKAM,
        "the first tenant, as before fleets"
    );
    assert_eq!(emu.ready["tenant_domain"], "fabrikam.test");
    assert_eq!(
        emu.ready["tenants"],
        json!([
            {"tenant_id": FABRIKAM, "domain": "fabrikam.test"},
            {"tenant_id": NORTHWIND, "domain": "northwind.test"},
        ])
    );
    emu.deliver(DESK_A, "Inbox/Support", "For Fabrikam", json!({}));
    emu.deliver(DESK_B, "Inbox/Support", "For Northwind", json!({}));

    // By domain or by id, each tenant signs its own app in, with its own tid.
    let token_a = token(&emu, "fabrikam.test", APP_A, SECRET_A);
    let token_b = token(&emu, NORTHWIND, APP_B, SECRET_B);
    assert_eq!(tid(&token_a), FABRIKAM);
    assert_eq!(tid(&token_b), NORTHWIND);
    assert_eq!(subjects(&emu, DESK_A, &token_a), ["For Fabrikam"]);
    assert_eq!(subjects(&emu, DESK_B, &token_b), ["For Northwind"]);

    // Another tenant's mailbox is as unknown as one that does not exist, by address or id.
    assert_unknown_mailbox(emu.get(&format!("/users/{DESK_B}/messages"), &token_a));
    assert_unknown_mailbox(emu.get(&format!("/users/{DESK_B_ID}/messages"), &token_a));
    assert_unknown_mailbox(emu.get(&format!("/users/{DESK_A}/mailFolders"), &token_b));

    // Mail to another tenant's address travels there, as it would over SMTP.
    let sent = emu
        .http
        .post(format!("{}/users/{DESK_A}/sendMail", emu.graph()))
        .bearer_auth(&token_a)
        .json(&json!({"message": {
            "subject": "Across tenants",
            "body": {"contentType": "Text", "content": "Hello, Northwind."},
            "toRecipients": [{"emailAddress": {"address": DESK_B}}],
        }}))
        .send()
        .unwrap();
    assert_eq!(sent.status(), 202);
    let inbox: Value = emu
        .get(
            &format!("/users/{DESK_B}/mailFolders/inbox/messages?$select=subject"),
            &token_b,
        )
        .json()
        .unwrap();
    assert_eq!(inbox["value"][0]["subject"], "Across tenants", "{inbox}");

    // Tenant A's app is not registered in tenant B: AADSTS700016 naming B as asked.
    let (status, body) = token_request(&emu, "northwind.test", APP_A, SECRET_A);
    assert_eq!(status, 400, "{body}");
    assert_eq!(body["error"], "unauthorized_client");
    assert_eq!(body["error_codes"], json!([700016]));
    let description = body["error_description"].as_str().unwrap();
    assert!(
        description.contains(&format!(
            "Application with identifier '{APP_A}' was not found in the directory 'northwind.test'"
        )),
        "{description}"
    );

    // The multi-tenant app gets a token per tenant; each reads that tenant only.
    let both_in_b = token(&emu, "northwind.test", APP_BOTH, SECRET_BOTH);
    assert_eq!(tid(&both_in_b), NORTHWIND);
    assert_eq!(subjects(&emu, DESK_B, &both_in_b), ["For Northwind"]);
    assert_unknown_mailbox(emu.get(&format!("/users/{DESK_A}/messages"), &both_in_b));

    // On `common` an app registered in one tenant means that tenant; one registered in
    // several leaves the tenant open, which Entra refuses (AADSTS50059).
    assert_eq!(tid(&token(&emu, "common", APP_B, SECRET_B)), NORTHWIND);
    let (status, body) = token_request(&emu, "common", APP_BOTH, SECRET_BOTH);
    assert_eq!(status, 400, "{body}");
    assert_eq!(body["error"], "invalid_request");
    assert_eq!(body["error_codes"], json!([50059]));

    // Discovery by domain names that tenant's id.
    let discovery: Value = emu
        .http
        .get(format!(
            "{}/northwind.test/v2.0/.well-known/openid-configuration",
            emu.base()
        ))
        .send()
        .unwrap()
        .json()
        .unwrap();
    assert_eq!(
        discovery["issuer"],
        format!("{}/{NORTHWIND}/v2.0", emu.base())
    );
}

#[test]
fn mailconn_imports_from_a_profile_in_each_tenant() {
    let emu = Emulator::with_tenant(&fleet_file());
    for n in 0..3 {
        emu.deliver(DESK_A, "Inbox/Support", &format!("Fabrikam {n}"), json!({}));
        emu.deliver(
            DESK_B,
            "Inbox/Support",
            &format!("Northwind {n}"),
            json!({}),
        );
    }
    let sb = common::Sandbox::new();
    let profile = |name: &str, tenant: &str, app: &str, mailbox: &str| {
        format!(
            "[profiles.{name}]\nauthority_host = \"{}\"\ngraph_endpoint = \"{}\"\n\
             tenant = \"{tenant}\"\nclient_id = \"{app}\"\nmailbox = \"{mailbox}\"\n\
             folder = \"Inbox/Support\"\n",
            emu.base(),
            emu.graph(),
        )
    };
    sb.write_config(&format!(
        "{}{}",
        profile("fabrikam", "fabrikam.test", APP_A, DESK_A),
        profile("northwind", NORTHWIND, APP_B, DESK_B)
    ));
    for (name, secret) in [("fabrikam", SECRET_A), ("northwind", SECRET_B)] {
        let out = sb
            .cmd()
            .env("AZURE_CLIENT_SECRET", secret)
            .args(["-p", name, "import", "--backlog", "all"])
            .args(["--post-action", "move:Inbox/Done", "--create-folder"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{name}: {}", stderr(&out));
    }
    for (mailbox, prefix) in [(DESK_A, "Fabrikam"), (DESK_B, "Northwind")] {
        let messages = emu.admin_messages(mailbox);
        assert_eq!(messages.len(), 3, "{messages:#?}");
        for message in messages {
            assert_eq!(message["folder"], "Inbox/Done", "{message}");
            assert!(
                message["subject"].as_str().unwrap().starts_with(prefix),
                "{message}"
            );
        }
    }
    // The ticket store is the sandbox's, shared by its profiles: three tickets per tenant.
    let out = sb
        .cmd()
        .args([
            "--json", "-p", "fabrikam", "tickets", "list", "--limit", "50",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let tickets: Value = serde_json::from_slice(&out.stdout).unwrap();
    let tickets = tickets.as_array().unwrap();
    assert_eq!(tickets.len(), 6, "{tickets:#?}");
    for prefix in ["Fabrikam", "Northwind"] {
        let of_tenant = tickets
            .iter()
            .filter(|t| t["subject"].as_str().unwrap().starts_with(prefix))
            .count();
        assert_eq!(of_tenant, 3, "{prefix}: {tickets:#?}");
    }
}

/// Hundreds of mailboxes in a tenant, seeded across tenants by address: every mailbox is
/// there, and each tenant's token reaches its last one.
#[test]
fn hundreds_of_mailboxes_load_and_seed_across_tenants() {
    const COUNT: usize = 250;
    let mut file = fleet_file();
    for n in 0..COUNT {
        file.push_str(&format!(
            "[[tenants.users]]\nupn = \"box{n:03}@northwind.test\"\nkind = \"shared\"\n"
        ));
    }
    let seed = tempfile::tempdir().unwrap();
    let last = format!("box{:03}@northwind.test", COUNT - 1);
    for (mailbox, subject) in [
        (DESK_A, "Seeded for Fabrikam"),
        (last.as_str(), "Seeded last"),
    ] {
        let dir = seed.path().join(mailbox).join("Inbox");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("0001.eml"),
            format!("From: pat@example.com\r\nSubject: {subject}\r\n\r\nHello.\r\n"),
        )
        .unwrap();
    }
    let emu = Emulator::with_tenant_args(&file, &["--seed", seed.path().to_str().unwrap()]);
    let token_b = token(&emu, "northwind.test", APP_B, SECRET_B);
    let listing: Value = emu
        .get(&format!("/users/{last}/messages?$select=subject"), &token_b)
        .json()
        .unwrap();
    assert_eq!(listing["value"][0]["subject"], "Seeded last", "{listing}");
    let seeded = emu.admin_messages(DESK_A);
    assert_eq!(seeded[0]["subject"], "Seeded for Fabrikam");
    assert_eq!(seeded[0]["folder"], "Inbox");
    assert_unknown_mailbox(emu.get(
        &format!("/users/{last}/messages"),
        &token(&emu, "fabrikam.test", APP_A, SECRET_A),
    ));
}

/// `--state-dir` keeps every tenant's mail in one state; a file with other tenants (here one
/// fewer) is not that state's and is refused before the ready line.
#[test]
fn a_state_dir_keeps_every_tenant_and_refuses_another_set_of_tenants() {
    let state = tempfile::tempdir().unwrap();
    let args = ["--state-dir", state.path().to_str().unwrap()];
    let first = Emulator::with_tenant_args(&fleet_file(), &args);
    let delivered = first.deliver(DESK_B, "Inbox/Support", "Kept", json!({}));
    drop(first);

    let again = Emulator::with_tenant_args(&fleet_file(), &args);
    let kept = again.admin_messages(DESK_B);
    assert_eq!(kept.len(), 1, "{kept:#?}");
    assert_eq!(kept[0]["id"], delivered["id"]);
    drop(again);

    let dir = tempfile::tempdir().unwrap();
    let fabrikam_only = dir.path().join("fabrikam.toml");
    let file = fleet_file();
    let cut = file.rfind("[[tenants]]").unwrap();
    std::fs::write(&fabrikam_only, &file[..cut]).unwrap();
    let sandbox = common::Sandbox::new();
    let output = sandbox
        .cmd()
        .args(["emulator", "serve", "--json", "--tenant"])
        .arg(&fabrikam_only)
        .args(args)
        .arg("--data-dir")
        .arg(sandbox.path().join("data"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(78), "{}", stderr(&output));
    assert!(
        stderr(&output).contains(&format!(
            "holds the state of tenant {FABRIKAM}, {NORTHWIND}, not of {FABRIKAM}"
        )),
        "{}",
        stderr(&output)
    );
}
