//! Sign-in and tokens the way Entra ID and Graph really behave: a `custom` cloud profile on
//! the emulator over HTTPS (as the README shows), where the token scope must be Graph's App
//! ID URI and never the endpoint's host; every documented access-token shape (v1, v2, both
//! alias sets, opaque); and `test-connection` testing the configured credential, not a
//! cached token. Run as `scripts/test` (the keyring tests need a Secret Service).

use std::process::Output;

use crate::common::emulator::Emulator;
use crate::common::{self, Sandbox, keyring, stderr, stdout, strip_ansi};
use serde_json::{Value, json};

/// Graph's App ID URI in the worldwide cloud, the default resource of a `custom` cloud.
const GRAPH: &str = "https://graph.microsoft.com";

/// A `custom` cloud profile pointed at an emulator serving HTTPS on 127.0.0.1.
struct Custom {
    emu: Emulator,
    sb: Sandbox,
}

impl Custom {
    fn demo(auth: &str, client_key: &str, mailbox: &str) -> Custom {
        let emu = Emulator::start(&["--tls"]);
        let client_id = emu.demo_value(client_key).to_owned();
        let tenant = emu.tenant_id().to_owned();
        Custom::new(emu, auth, &tenant, &client_id, mailbox)
    }

    fn new(emu: Emulator, auth: &str, tenant: &str, client_id: &str, mailbox: &str) -> Custom {
        // Unique per test: all tests share one keyring.
        let profile = common::unique_name("custom");
        assert!(
            emu.base().starts_with("https://127.0.0.1:"),
            "{}",
            emu.base()
        );
        let sb = Sandbox::new();
        sb.write_config(&format!(
            "default_profile = \"{profile}\"\n[profiles.{profile}]\ncloud = \"custom\"\n\
             authority_host = \"{}\"\ngraph_endpoint = \"{}\"\n\
             tenant = \"{tenant}\"\nclient_id = \"{client_id}\"\nauth = \"{auth}\"\n\
             mailbox = \"{mailbox}\"\nfolder = \"Inbox/Support\"\n",
            emu.base(),
            emu.graph()
        ));
        Custom { emu, sb }
    }

    fn cmd(&self) -> assert_cmd::Command {
        let mut cmd = self.sb.cmd();
        cmd.env("DBUS_SESSION_BUS_ADDRESS", keyring::session_bus())
            .env(
                "MAILCONN_CA_FILE",
                self.emu.ready["ca_file"].as_str().unwrap(),
            );
        cmd
    }

    fn run(&self, args: &[&str]) -> Output {
        self.cmd().args(args).output().unwrap()
    }

    /// Runs with `--json`, asserts success and parses stdout.
    fn json(&self, args: &[&str]) -> Value {
        let out = self.cmd().arg("--json").args(args).output().unwrap();
        assert!(out.status.success(), "{args:?} failed: {}", stderr(&out));
        serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("{args:?}: not JSON ({e}): {}", stdout(&out)))
    }

    fn store(&self, args: &[&str], stdin: &str) {
        let out = self
            .cmd()
            .args(["credentials", "set"])
            .args(args)
            .write_stdin(stdin.to_owned())
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
    }

    fn store_secret(&self, secret: &str) {
        self.store(&["client-secret", "--secret-stdin"], secret);
    }

    /// The `scope` of every request to the token and device-code endpoints, in order.
    fn scopes_sent(&self) -> Vec<String> {
        self.emu
            .journal()
            .iter()
            .filter(|e| {
                let path = e["path"].as_str().unwrap_or_default();
                path.ends_with("/oauth2/v2.0/token") || path.ends_with("/oauth2/v2.0/devicecode")
            })
            .filter_map(|e| {
                e["form"].as_array()?.iter().find_map(|pair| {
                    (pair[0] == "scope").then(|| pair[1].as_str().unwrap().to_owned())
                })
            })
            .collect()
    }
}

/// `test-connection --json`: every step but the ones not asked for passed.
fn assert_all_green(report: &Value) {
    for step in report["steps"].as_array().unwrap() {
        let outcome = step["outcome"].as_str().unwrap();
        let not_asked = outcome == "skipped"
            && step["detail"]
                .as_str()
                .unwrap()
                .starts_with("not asked for");
        assert!(outcome == "pass" || not_asked, "step failed: {step}");
    }
}

fn step<'a>(report: &'a Value, name: &str) -> &'a Value {
    report["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == name)
        .unwrap_or_else(|| panic!("no step {name}"))
}

#[test]
fn a_custom_cloud_signs_in_with_a_client_secret_and_asks_for_graphs_resource() {
    let c = Custom::demo("client-secret", "client_id", "support@contoso.test");
    c.store_secret(c.emu.demo_value("client_secret"));
    assert_eq!(c.json(&["login"])["origin"], "requested");
    assert_all_green(&c.json(&["test-connection", "--write-check", "--send-check"]));
    let scopes = c.scopes_sent();
    assert!(!scopes.is_empty());
    assert!(
        scopes.iter().all(|s| s == &format!("{GRAPH}/.default")),
        "the scope names Graph's App ID URI, not the endpoint: {scopes:?}"
    );
}

#[test]
fn a_custom_cloud_signs_in_with_a_certificate() {
    let c = Custom::demo("certificate", "client_id", "support@contoso.test");
    let key = std::fs::read_to_string(c.emu.demo_value("private_key_path")).unwrap();
    let cert = std::fs::read_to_string(c.emu.demo_value("certificate_path")).unwrap();
    let file = c.sb.path().join("connector.pem");
    std::fs::write(&file, format!("{key}{cert}")).unwrap();
    c.store(&["certificate", file.to_str().unwrap()], "");
    assert_eq!(c.json(&["login"])["origin"], "requested");
    assert_all_green(&c.json(&["test-connection", "--write-check"]));
}

#[test]
fn a_custom_cloud_signs_in_with_a_federated_token() {
    let c = Custom::demo("federated", "client_id", "support@contoso.test");
    let answer: Value = c
        .emu
        .admin_post(
            "/federation/token",
            json!({"subject": c.emu.demo_value("federated_subject")}),
        )
        .json()
        .unwrap();
    let file = c.sb.path().join("azure-identity-token");
    std::fs::write(&file, answer["token"].as_str().unwrap()).unwrap();
    c.store(&["federated-token-file", file.to_str().unwrap()], "");
    assert_eq!(c.json(&["login"])["origin"], "requested");
    assert_all_green(&c.json(&["test-connection"]));

    // A token the issuer no longer vouches for is explained in terms of the token file.
    std::fs::write(&file, "not a token").unwrap();
    let out = c.run(&["login"]);
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("AADSTS50027"), "{err}");
    assert!(
        err.contains(file.to_str().unwrap()) && !err.contains("certificate"),
        "the hint names the token file, not a certificate: {err}"
    );
}

#[test]
fn a_custom_cloud_signs_in_a_user_with_the_device_code() {
    let c = Custom::demo("device-code", "public_client_id", "alex@contoso.test");
    let mut child =
        c.sb.std_cmd()
            .env("DBUS_SESSION_BUS_ADDRESS", keyring::session_bus())
            .env("MAILCONN_CA_FILE", c.emu.ready["ca_file"].as_str().unwrap())
            .args(["login", "--device-code"])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
    let code = {
        use std::io::BufRead;
        let mut lines = std::io::BufReader::new(child.stderr.take().unwrap()).lines();
        loop {
            let line = lines.next().expect("a device code is shown").unwrap();
            if let Some(rest) = line.split(" enter the code ").nth(1) {
                break strip_ansi(rest)
                    .split_whitespace()
                    .next()
                    .unwrap()
                    .to_owned();
            }
        }
    };
    let answer = c.emu.admin_post(
        &format!("/devicecodes/{code}/approve"),
        json!({"user": "alex@contoso.test"}),
    );
    assert_eq!(answer.status(), 204);
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "login failed: {}", stdout(&out));

    let report = c.json(&["test-connection", "--folder", "Inbox"]);
    assert_all_green(&report);
    assert!(
        step(&report, "token")["detail"]
            .as_str()
            .unwrap()
            .contains("refreshed"),
        "a delegated test-connection redeems the stored sign-in: {report}"
    );
    let scopes = c.scopes_sent();
    assert!(
        scopes
            .iter()
            .all(|s| s.contains(&format!("{GRAPH}/Mail.ReadWrite.Shared"))),
        "{scopes:?}"
    );
}

#[test]
fn a_custom_cloud_signs_in_a_user_with_the_browser() {
    let c = Custom::demo("browser", "public_client_id", "alex@contoso.test");
    c.emu.auto_approve("alex@contoso.test");
    // The "browser" trusts the emulator's CA and follows its redirect to mailconn's listener.
    let browser = format!(
        "curl --silent --location --cacert {} --output /dev/null %s",
        c.emu.ready["ca_file"].as_str().unwrap()
    );
    let out = c
        .cmd()
        .args(["--json", "login", "--browser"])
        .env("BROWSER", browser)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let login: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(login["account"], "alex@contoso.test", "{login}");
    assert_all_green(&c.json(&["test-connection", "--folder", "Inbox"]));
}

#[test]
fn a_scope_for_the_endpoints_host_is_refused_and_the_hint_names_it() {
    let c = Custom::demo("client-secret", "client_id", "support@contoso.test");
    c.store_secret(c.emu.demo_value("client_secret"));
    let host = c.emu.base().to_owned();
    let wrong_scope = format!("{host}/.default");

    let out = c
        .cmd()
        .arg("login")
        .env("MAILCONN_GRAPH_RESOURCE", &host)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("AADSTS500011"), "{err}");
    assert!(err.contains(&format!("`{wrong_scope}`")), "{err}");
    assert!(
        err.contains("graph_resource") && err.contains("MAILCONN_GRAPH_RESOURCE"),
        "{err}"
    );

    let out = c
        .cmd()
        .args(["--json", "test-connection", "--graph-resource", &host])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let token = step(&report, "token");
    assert_eq!(token["outcome"], "fail");
    assert!(
        token["fix"].as_str().unwrap().contains(&wrong_scope),
        "{token}"
    );

    // The override is a setting like any other: shown with its source.
    let show = c.json(&["profile", "show", "--graph-resource", &host]);
    let text = show.to_string();
    assert!(text.contains(&host), "{text}");
}

/// A tenant whose Graph tokens have the given claim shape: a connector with mail roles, an
/// app without any, a public client, a shared mailbox and a user.
fn tenant_with_token_shape(shape: &str) -> String {
    format!(
        r#"
tenant_id = "5d0c1e2f-3a4b-4c5d-8e6f-7a8b9c0d1e2f"
domain = "fabrikam.test"
[settings]
token_shape = "{shape}"
device_code_interval_secs = 1
[[apps]]
client_id = "6e1d2f3a-4b5c-4d6e-9f70-8b9c0d1e2f3a"
name = "Connector"
secrets = [{{ value = "s3cret" }}]
roles = ["Mail.ReadWrite", "Mail.Send"]
[[apps]]
client_id = "6e1d2f3a-4b5c-4d6e-9f70-8b9c0d1e2f3c"
name = "No roles"
secrets = [{{ value = "s3cret" }}]
[[users]]
upn = "desk@fabrikam.test"
kind = "shared"
folders = ["Inbox/Support"]
"#
    )
}

const CONNECTOR: &str = "6e1d2f3a-4b5c-4d6e-9f70-8b9c0d1e2f3a";
const NO_ROLES: &str = "6e1d2f3a-4b5c-4d6e-9f70-8b9c0d1e2f3c";
const TENANT: &str = "5d0c1e2f-3a4b-4c5d-8e6f-7a8b9c0d1e2f";

fn shaped(shape: &str, client_id: &str) -> Custom {
    let emu = Emulator::with_tenant_args(&tenant_with_token_shape(shape), &["--tls"]);
    let c = Custom::new(
        emu,
        "client-secret",
        TENANT,
        client_id,
        "desk@fabrikam.test",
    );
    c.store_secret("s3cret");
    c
}

#[test]
fn auth_status_and_test_connection_read_v1_v2_and_mixed_tokens() {
    for shape in ["v1", "v2", "mixed"] {
        let c = shaped(shape, CONNECTOR);
        let status = c.json(&["auth", "status"]);
        let token = &status["token"];
        assert_eq!(token["claims_readable"], true, "{shape}: {token}");
        assert_eq!(token["tenant"], TENANT, "{shape}: {token}");
        assert_eq!(token["app"], CONNECTOR, "{shape}: {token}");
        assert_eq!(
            token["roles"],
            json!(["Mail.ReadWrite", "Mail.Send"]),
            "{shape}: {token}"
        );
        let human = stdout(&c.run(&["auth", "status"]));
        assert!(
            human.contains("Mail.ReadWrite, Mail.Send"),
            "{shape}: {human}"
        );

        let report = c.json(&["test-connection", "--send-check"]);
        assert_all_green(&report);
        assert!(
            step(&report, "permissions")["detail"]
                .as_str()
                .unwrap()
                .contains("Mail.ReadWrite Mail.Send"),
            "{shape}: {report}"
        );
    }
}

#[test]
fn an_opaque_token_is_said_to_be_unreadable_and_graph_decides_the_permissions() {
    let c = shaped("opaque", CONNECTOR);
    let status = c.json(&["auth", "status"]);
    assert_eq!(status["token"]["ok"], true);
    assert_eq!(status["token"]["claims_readable"], false);
    let human = stdout(&c.run(&["auth", "status"]));
    assert!(human.contains("not readable"), "{human}");
    assert!(!human.contains("permissions: none"), "{human}");
    let login = c.run(&["login"]);
    let said = format!("{}{}", stdout(&login), stderr(&login));
    assert!(
        login.status.success() && said.contains("not readable"),
        "{said}"
    );

    let report = c.json(&["test-connection"]);
    assert_all_green(&report);
    assert!(
        step(&report, "permissions")["detail"]
            .as_str()
            .unwrap()
            .contains("not readable"),
        "{report}"
    );

    // Without any role, Graph's own 403 (with its code) decides, never a guess from the token.
    let c = shaped("opaque", NO_ROLES);
    let out = c
        .cmd()
        .args(["--json", "test-connection"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(step(&report, "permissions")["outcome"], "pass", "{report}");
    let mailbox = step(&report, "mailbox");
    assert_eq!(mailbox["outcome"], "fail", "{report}");
    assert!(
        mailbox["detail"]
            .as_str()
            .unwrap()
            .contains("ErrorAccessDenied"),
        "{mailbox}"
    );
}

#[test]
fn test_connection_asks_entra_again_unless_told_to_use_the_cached_token() {
    let c = Custom::demo("client-secret", "client_id", "support@contoso.test");
    c.store_secret(c.emu.demo_value("client_secret"));
    assert_eq!(c.json(&["login"])["origin"], "requested");

    // The secret is rotated away while a good token is still cached.
    c.store_secret("a-secret-that-was-revoked");
    let out = c
        .cmd()
        .args(["--json", "test-connection"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let token = step(&report, "token");
    assert_eq!(token["outcome"], "fail");
    assert!(
        token["detail"].as_str().unwrap().contains("AADSTS7000215"),
        "{token}"
    );

    let report = c.json(&["test-connection", "--cached-token"]);
    assert_all_green(&report);
    assert!(
        step(&report, "token")["detail"]
            .as_str()
            .unwrap()
            .contains("from the token cache"),
        "{report}"
    );
}
