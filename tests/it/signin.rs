//! Sign-in end to end: the real binary against the emulator's Entra ID, with credentials and
//! tokens in a real Secret Service. Run as `scripts/test` (or `.ci/with-keyring cargo test
//! --test it signin::`). Every test uses its own profile name, because they share one keyring.

use std::io::{BufRead, BufReader};
use std::process::{Output, Stdio};

use crate::common::emulator::Emulator;
use crate::common::{self, Sandbox, keyring, stderr, stdout, strip_ansi};
use serde_json::{Value, json};

/// An emulator, a sandbox and one profile pointing at the emulator.
struct Setup {
    emu: Emulator,
    sb: Sandbox,
    profile: String,
}

impl Setup {
    /// A profile `name-PID-N` for the demo tenant with the demo app `client_key`.
    fn new(name: &str, auth: &str, client_key: &str) -> Setup {
        Setup::with(Emulator::demo(), name, auth, client_key)
    }

    fn with(emu: Emulator, name: &str, auth: &str, client_key: &str) -> Setup {
        let client_id = emu.demo_value(client_key).to_owned();
        let tenant = emu.tenant_id().to_owned();
        Setup::for_app(emu, name, auth, &tenant, &client_id)
    }

    fn for_app(emu: Emulator, name: &str, auth: &str, tenant: &str, client_id: &str) -> Setup {
        let sb = Sandbox::new();
        let profile = common::unique_name(name);
        sb.write_config(&format!(
            "default_profile = \"{profile}\"\n[profiles.{profile}]\n\
             authority_host = \"{}\"\ngraph_endpoint = \"{}\"\n\
             tenant = \"{tenant}\"\nclient_id = \"{client_id}\"\nauth = \"{auth}\"\n\
             mailbox = \"support@contoso.test\"\n",
            emu.base(),
            emu.graph()
        ));
        Setup { emu, sb, profile }
    }

    fn cmd(&self) -> assert_cmd::Command {
        let mut cmd = self.sb.cmd();
        cmd.env("DBUS_SESSION_BUS_ADDRESS", keyring::session_bus());
        cmd
    }

    fn run(&self, args: &[&str]) -> Output {
        self.cmd().args(args).output().unwrap()
    }

    fn json(&self, args: &[&str]) -> Value {
        let out = self.cmd().arg("--json").args(args).output().unwrap();
        assert!(out.status.success(), "{args:?} failed: {}", stderr(&out));
        serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("{args:?}: not JSON ({e}): {}", stdout(&out)))
    }

    fn set_secret(&self, secret: &str) {
        let out = self
            .cmd()
            .args(["credentials", "set", "client-secret", "--secret-stdin"])
            .write_stdin(secret.to_owned())
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
    }

    /// Stores the demo app's certificate (its key and certificate in one PEM file).
    fn set_demo_certificate(&self) {
        let key = std::fs::read_to_string(self.emu.demo_value("private_key_path")).unwrap();
        let cert = std::fs::read_to_string(self.emu.demo_value("certificate_path")).unwrap();
        self.set_certificate_pem(&format!("{key}{cert}"));
    }

    fn set_certificate_pem(&self, pem: &str) {
        let file = self.sb.path().join("connector.pem");
        std::fs::write(&file, pem).unwrap();
        let out = self
            .cmd()
            .args(["credentials", "set", "certificate"])
            .arg(&file)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
    }

    /// Token requests the emulator saw, as their `grant_type`s.
    fn grants(&self) -> Vec<String> {
        self.emu
            .journal()
            .iter()
            .filter(|e| {
                e["path"]
                    .as_str()
                    .unwrap_or_default()
                    .ends_with("/oauth2/v2.0/token")
            })
            .map(|e| form_value(e, "grant_type"))
            .collect()
    }

    fn account(&self, kind: &str) -> String {
        format!("{}/{kind}", self.profile)
    }

    /// Signs alex in with the device code, approving it through the admin API as a person
    /// would at the verification page, while the CLI polls.
    fn device_code_login(&self) -> Output {
        self.device_code_login_as(|emu, code| {
            let answer = emu.admin_post(
                &format!("/devicecodes/{code}/approve"),
                json!({"user": "alex@contoso.test"}),
            );
            assert_eq!(answer.status(), 204);
        })
    }

    fn device_code_login_as(&self, act: impl FnOnce(&Emulator, &str)) -> Output {
        let mut child = self
            .sb
            .std_cmd()
            .env("DBUS_SESSION_BUS_ADDRESS", keyring::session_bus())
            .args(["login", "--device-code"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
        let mut seen = String::new();
        let code = loop {
            let line = lines
                .next()
                .unwrap_or_else(|| panic!("no device code shown; stderr: {seen}"))
                .unwrap();
            seen.push_str(&line);
            if let Some(rest) = line.split(" enter the code ").nth(1) {
                break strip_ansi(rest)
                    .split_whitespace()
                    .next()
                    .unwrap()
                    .to_owned();
            }
        };
        act(&self.emu, &code);
        let rest: Vec<String> = lines.map_while(Result::ok).collect();
        let mut out = child.wait_with_output().unwrap();
        out.stderr = format!("{seen}\n{}", rest.join("\n")).into_bytes();
        out
    }
}

fn form_value(entry: &Value, name: &str) -> String {
    entry["form"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|pair| pair[0] == name)
        .and_then(|pair| pair[1].as_str())
        .unwrap_or_default()
        .to_owned()
}

fn assert_auth_error(out: &Output, aadsts: &str, fix: &str) {
    assert_eq!(out.status.code(), Some(4), "stderr: {}", stderr(out));
    let err = stderr(out);
    assert!(
        err.contains(&format!("AADSTS{aadsts}")),
        "no AADSTS{aadsts} in: {err}"
    );
    assert!(err.contains(fix), "no fix {fix:?} in: {err}");
    assert!(
        err.contains("correlation id"),
        "no correlation id in: {err}"
    );
}

#[test]
fn a_client_secret_signs_in_and_the_token_is_reused_from_the_cache() {
    let s = Setup::new("secret", "client-secret", "client_id");
    s.set_secret(s.emu.demo_value("client_secret"));

    let login = s.json(&["login"]);
    assert_eq!(login["origin"], "requested");
    assert_eq!(login["tenant"], s.emu.tenant_id());
    let roles: Vec<&str> = login["roles"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(
        roles.contains(&"Mail.ReadWrite") && roles.contains(&"Mail.Send"),
        "{roles:?}"
    );
    assert!(
        keyring::lookup(&s.account("access-token")).is_some(),
        "the access token is cached in the keyring"
    );

    let status = s.json(&["auth", "status"]);
    assert_eq!(status["token"]["ok"], true);
    assert_eq!(status["token"]["origin"], "cache");
    assert_eq!(status["keyring"]["ok"], true, "{}", status["keyring"]);
    assert_eq!(
        s.grants(),
        ["client_credentials"],
        "the second run must not ask Entra again"
    );
}

#[test]
fn a_certificate_signs_in_with_ps256_and_with_rs256() {
    let s = Setup::new("cert", "certificate", "client_id");
    s.set_demo_certificate();
    assert_eq!(s.json(&["login"])["origin"], "requested");
    let out = s
        .cmd()
        .args(["login", "--json"])
        .env("MAILCONN_ASSERTION", "rs256")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let shown = s
        .cmd()
        .args(["profile", "show", "--json"])
        .env("MAILCONN_ASSERTION", "rs256")
        .output()
        .unwrap();
    let shown: Value = serde_json::from_slice(&shown.stdout).unwrap();
    assert_eq!(
        shown["settings"]["assertion"]["value"], "rs256",
        "the second login signed with RS256"
    );
    let assertion_types: Vec<String> = s
        .emu
        .journal()
        .iter()
        .filter(|e| e["status"] == 200)
        .map(|e| form_value(e, "client_assertion_type"))
        .collect();
    assert_eq!(
        assertion_types,
        ["urn:ietf:params:oauth:client-assertion-type:jwt-bearer"; 2]
    );
}

#[test]
fn a_certificate_the_app_does_not_know_is_rejected_with_a_fix() {
    let s = Setup::new("cert-unknown", "certificate", "client_id");
    let key = include_str!("../fixtures/assertion-test-key.pem");
    let cert = include_str!("../fixtures/assertion-test-cert.pem");
    s.set_certificate_pem(&format!("{key}{cert}"));
    assert_auth_error(&s.run(&["login"]), "700027", "thumbprint");
}

#[test]
fn the_classic_setup_mistakes_map_to_their_fixes() {
    // The secret's ID pasted instead of its value.
    let s = Setup::new("wrong-secret", "client-secret", "client_id");
    s.set_secret("3f0c1c2a-0000-4000-8000-000000000000");
    assert_auth_error(&s.run(&["login"]), "7000215", "not its Secret ID");

    // A public client (device code app) configured as a confidential one.
    let s = Setup::new("public-secret", "client-secret", "public_client_id");
    s.set_secret("anything");
    assert_auth_error(&s.run(&["login"]), "700025", "public client");

    // An app id from another tenant, and a tenant that does not exist.
    let emu = Emulator::demo();
    let tenant = emu.tenant_id().to_owned();
    let s = Setup::for_app(
        emu,
        "unknown-app",
        "client-secret",
        &tenant,
        "11111111-2222-4333-8444-555555555555",
    );
    s.set_secret("anything");
    assert_auth_error(&s.run(&["login"]), "700016", "not found in this tenant");
    let s = Setup::for_app(
        Emulator::demo(),
        "unknown-tenant",
        "client-secret",
        "99999999-2222-4333-8444-555555555555",
        "11111111-2222-4333-8444-555555555555",
    );
    s.set_secret("anything");
    assert_auth_error(&s.run(&["login"]), "90002", "tenant was not found");
}

#[test]
fn an_expired_secret_and_missing_consent_are_explained() {
    let tenant = r#"
tenant_id = "5d0c1e2f-3a4b-4c5d-8e6f-7a8b9c0d1e2f"
domain = "fabrikam.test"
[[apps]]
client_id = "6e1d2f3a-4b5c-4d6e-9f70-8b9c0d1e2f3a"
name = "Old connector"
secrets = [{ value = "old-secret", expires = "2020-01-01T00:00:00Z" }]
roles = ["Mail.ReadWrite"]
[[apps]]
client_id = "6e1d2f3a-4b5c-4d6e-9f70-8b9c0d1e2f3b"
name = "Not consented"
public_client = true
redirect_uris = ["http://localhost"]
[[users]]
upn = "kim@fabrikam.test"
[[users]]
upn = "support@fabrikam.test"
"#;
    let emu = Emulator::with_tenant(tenant);
    let s = Setup::for_app(
        emu,
        "expired",
        "client-secret",
        "fabrikam.test",
        "6e1d2f3a-4b5c-4d6e-9f70-8b9c0d1e2f3a",
    );
    s.set_secret("old-secret");
    assert_auth_error(&s.run(&["login"]), "7000222", "has expired");

    let emu = Emulator::with_tenant(tenant);
    let s = Setup::for_app(
        emu,
        "no-consent",
        "device-code",
        "fabrikam.test",
        "6e1d2f3a-4b5c-4d6e-9f70-8b9c0d1e2f3b",
    );
    assert_auth_error(
        &s.run(&["login", "--device-code"]),
        "65001",
        "admin consent",
    );
}

#[test]
fn device_code_sign_in_keeps_the_refresh_token_in_the_keyring() {
    let s = Setup::new("device", "device-code", "public_client_id");
    let out = s.device_code_login();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("/devicelogin"),
        "the verification URL is shown: {}",
        stderr(&out)
    );
    assert!(stdout(&out).is_empty(), "instructions belong on stderr");
    assert!(keyring::lookup(&s.account("refresh-token")).is_some());

    let status = s.json(&["auth", "status"]);
    assert_eq!(status["token"]["account"], "alex@contoso.test");
    assert_eq!(status["sign_in"]["store"], "keyring");
    let expiries = status["expiries"].as_array().unwrap();
    assert!(
        expiries.iter().any(|e| e["what"] == "refresh token"),
        "{expiries:?}"
    );

    let out = s.run(&["logout"]);
    assert!(out.status.success());
    assert!(
        keyring::lookup(&s.account("refresh-token")).is_none(),
        "logout removes the refresh token"
    );
    let out = s.run(&["auth", "status"]);
    assert_eq!(out.status.code(), Some(4));
    assert!(stderr(&out).contains("mailconn login"), "{}", stderr(&out));
}

#[test]
fn a_declined_or_expired_device_code_ends_the_wait() {
    let s = Setup::new("declined", "device-code", "public_client_id");
    let out = s.device_code_login_as(|emu, code| {
        assert_eq!(
            emu.admin_post(&format!("/devicecodes/{code}/decline"), json!({}))
                .status(),
            204
        );
    });
    assert_eq!(out.status.code(), Some(4));
    assert!(stderr(&out).contains("declined"), "{}", stderr(&out));

    let out = s.device_code_login_as(|emu, _| {
        emu.admin_post("/clock/advance", json!({"seconds": 3600}));
    });
    assert_eq!(out.status.code(), Some(4));
    assert!(stderr(&out).contains("expired"), "{}", stderr(&out));
}

#[test]
fn refresh_rotates_the_token_and_the_new_one_is_saved() {
    let s = Setup::new("rotate", "device-code", "public_client_id");
    assert!(s.device_code_login().status.success());
    let first = keyring::lookup(&s.account("refresh-token")).unwrap();

    // An access token that is gone (or near expiry) must be replaced through the refresh token.
    keyring::clear(&s.account("access-token"));
    let status = s.json(&["auth", "status"]);
    assert_eq!(status["token"]["origin"], "refreshed");
    let second = keyring::lookup(&s.account("refresh-token")).unwrap();
    assert_ne!(
        first, second,
        "the rotated refresh token must replace the old one"
    );

    keyring::clear(&s.account("access-token"));
    assert_eq!(s.json(&["auth", "status"])["token"]["origin"], "refreshed");
    let grants = s.grants();
    assert_eq!(
        grants.iter().filter(|g| *g == "refresh_token").count(),
        2,
        "{grants:?}"
    );
}

#[test]
fn a_revoked_sign_in_asks_to_sign_in_again_without_retrying() {
    let s = Setup::new("revoked", "device-code", "public_client_id");
    assert!(s.device_code_login().status.success());
    keyring::clear(&s.account("access-token"));
    s.emu
        .admin_post("/users/alex@contoso.test/revoke-sessions", json!({}));

    for _ in 0..2 {
        assert_auth_error(&s.run(&["auth", "status"]), "50173", "mailconn login");
    }
    let grants = s.grants();
    assert_eq!(
        grants.iter().filter(|g| *g == "refresh_token").count(),
        2,
        "one attempt per run, no loop: {grants:?}"
    );
}

#[test]
fn browser_sign_in_follows_the_redirect_to_the_loopback_listener() {
    let s = Setup::new("browser", "browser", "public_client_id");
    s.emu.auto_approve("alex@contoso.test");
    // The "browser" follows the emulator's redirect to mailconn's listener on localhost.
    let out = s
        .cmd()
        .args(["login", "--browser", "--json"])
        .env("BROWSER", "curl --silent --location --output /dev/null %s")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let login: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(login["account"], "alex@contoso.test");
    assert_eq!(login["origin"], "signed-in");
    assert!(s.grants().contains(&"authorization_code".to_owned()));
    assert!(keyring::lookup(&s.account("refresh-token")).is_some());
}

#[test]
fn a_redirect_with_a_wrong_state_shows_an_error_page_and_stores_nothing() {
    let s = Setup::new("browser-state", "browser", "public_client_id");
    s.emu.auto_approve("alex@contoso.test");
    // A "browser" that takes the emulator's redirect but forges its `state`, as a
    // cross-site request would, and keeps the page mailconn answers with.
    let page = s.sb.path().join("page.html");
    let script = s.sb.path().join("forging-browser.sh");
    std::fs::write(
        &script,
        format!(
            "location=$(curl --silent --output /dev/null --write-out '%{{redirect_url}}' \"$1\")\n\
             curl --silent --output {page}.part \"$(printf %s \"$location\" | sed 's/state=[^&]*/state=forged/')\"\n\
             mv {page}.part {page}\n",
            page = page.display()
        ),
    )
    .unwrap();
    let out = s
        .cmd()
        .args(["login", "--browser"])
        .env("BROWSER", format!("sh {} %s", script.display()))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    assert!(stderr(&out).contains("wrong `state`"), "{}", stderr(&out));
    // mailconn answers the browser and exits; the "browser" saves the page after that, and
    // renames it into place once it has all of it.
    let started = std::time::Instant::now();
    while !page.exists() {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(15),
            "the browser got no page"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let page = std::fs::read_to_string(&page).unwrap();
    assert!(page.contains("Sign-in failed"), "{page}");
    assert!(!page.contains("Signed in"), "{page}");
    assert!(
        !s.grants().contains(&"authorization_code".to_owned()),
        "a forged redirect's code is never redeemed"
    );
    assert!(keyring::lookup(&s.account("refresh-token")).is_none());
}

#[test]
fn without_a_stored_credential_the_error_says_how_to_add_one() {
    let s = Setup::new("no-credential", "client-secret", "client_id");
    let out = s.run(&["login"]);
    assert_eq!(out.status.code(), Some(4));
    assert!(
        stderr(&out).contains("mailconn credentials set client-secret"),
        "{}",
        stderr(&out)
    );
    assert!(
        s.grants().is_empty(),
        "nothing is sent without a credential"
    );
}

#[test]
fn no_secret_or_token_leaks_at_trace_level() {
    let s = Setup::new("leak", "client-secret", "client_id");
    let secret = s.emu.demo_value("client_secret").to_owned();
    s.set_secret(&secret);
    let login = s.cmd().args(["-vvv", "login"]).output().unwrap();
    let status = s
        .cmd()
        .args(["-vvv", "--json", "auth", "status"])
        .output()
        .unwrap();
    assert!(
        login.status.success() && status.status.success(),
        "{}",
        stderr(&login)
    );

    assert!(
        keyring::lookup(&s.account("access-token")).is_some(),
        "a token was issued and cached"
    );
    let metadata =
        std::fs::read_to_string(s.sb.path().join("state/mailconn/credentials.toml")).unwrap();
    let journal = serde_json::to_string(&s.emu.journal()).unwrap();
    // Access tokens and client assertions are JWTs, and every JWT starts with "eyJ" (`{"`).
    for (name, value) in [
        ("client secret", secret.as_str()),
        ("token or assertion", "eyJ"),
    ] {
        for out in [&login, &status] {
            assert!(!stdout(out).contains(value), "{name} on stdout");
            assert!(!stderr(out).contains(value), "{name} on stderr");
        }
        assert!(
            !s.sb.read_config().contains(value),
            "{name} in the config file"
        );
        assert!(
            !metadata.contains(value),
            "{name} in the credential records"
        );
        assert!(!journal.contains(value), "{name} in the emulator's journal");
    }
    assert!(
        stderr(&login).contains("TRACE") || stderr(&login).contains("DEBUG"),
        "-vvv logs something"
    );
}

#[test]
fn a_refresh_token_unused_for_90_days_asks_to_sign_in_again() {
    let s = Setup::new("idle", "device-code", "public_client_id");
    assert!(s.device_code_login().status.success());
    keyring::clear(&s.account("access-token"));
    s.emu
        .admin_post("/clock/advance", json!({"seconds": 91 * 86_400}));
    assert_auth_error(&s.run(&["auth", "status"]), "700082", "90 days");
}

#[test]
fn fail_within_turns_an_upcoming_expiry_into_exit_4() {
    let s = Setup::new("expiring", "client-secret", "client_id");
    let soon = (chrono::Utc::now() + chrono::Duration::days(10))
        .format("%Y-%m-%d")
        .to_string();
    let out = s
        .cmd()
        .args([
            "credentials",
            "set",
            "client-secret",
            "--secret-stdin",
            "--expires",
            &soon,
        ])
        .write_stdin(s.emu.demo_value("client_secret").to_owned())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));

    assert!(
        s.run(&["auth", "status", "--fail-within", "7d"])
            .status
            .success()
    );
    let out = s.run(&["auth", "status", "--fail-within", "14d"]);
    assert_eq!(out.status.code(), Some(4));
    assert!(
        stderr(&out).contains("client-secret expires in"),
        "{}",
        stderr(&out)
    );
    assert!(
        stdout(&out).contains("EXPIRING"),
        "the table still shows everything: {}",
        stdout(&out)
    );
    let out = s.run(&["auth", "status", "--fail-within", "soon"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn without_a_usable_browser_login_uses_the_device_code() {
    // A browser profile, but no terminal: the sign-in must not wait for a browser that
    // cannot open.
    let s = Setup::new("no-browser", "browser", "public_client_id");
    let mut child =
        s.sb.std_cmd()
            .env("DBUS_SESSION_BUS_ADDRESS", keyring::session_bus())
            .arg("login")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
    let first = BufReader::new(child.stderr.take().unwrap())
        .lines()
        .next()
        .unwrap()
        .unwrap();
    let _ = child.kill();
    let _ = child.wait();
    assert!(first.contains("enter the code"), "{first}");
}

#[cfg(unix)]
#[test]
fn ctrl_c_while_waiting_for_the_device_code_exits_130() {
    let s = Setup::new("interrupt", "device-code", "public_client_id");
    let mut child =
        s.sb.std_cmd()
            .env("DBUS_SESSION_BUS_ADDRESS", keyring::session_bus())
            .args(["login", "--device-code"])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    assert!(lines.next().unwrap().unwrap().contains("enter the code"));
    // The CLI is polling now; interrupt it as a terminal's Ctrl-C would.
    common::signal(child.id(), "INT");
    let rest: Vec<String> = lines.map_while(Result::ok).collect();
    assert_eq!(child.wait().unwrap().code(), Some(130), "{rest:?}");
    assert!(rest.join("\n").contains("interrupted"), "{rest:?}");
}

#[test]
fn tokens_can_go_to_an_insecure_file_when_asked() {
    let s = Setup::new("file-tokens", "device-code", "public_client_id");
    let mut child =
        s.sb.std_cmd()
            .args(["login", "--device-code", "--insecure-storage"])
            // No session bus: the keyring is not even tried when the file store is chosen.
            .env("XDG_RUNTIME_DIR", s.sb.path())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let code_line = lines.next().unwrap().unwrap();
    let code = strip_ansi(code_line.split(" enter the code ").nth(1).unwrap())
        .split_whitespace()
        .next()
        .unwrap()
        .to_owned();
    s.emu.admin_post(
        &format!("/devicecodes/{code}/approve"),
        json!({"user": "alex@contoso.test"}),
    );
    let rest = lines.map_while(Result::ok).collect::<Vec<_>>().join("\n");
    assert!(child.wait().unwrap().success(), "{rest}");
    assert!(
        rest.contains("warning:"),
        "choosing the file store warns: {rest}"
    );
    let file = s.sb.path().join(format!(
        "data/mailconn/insecure-secrets/{}/refresh-token",
        s.profile
    ));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&file).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    let out =
        s.sb.cmd()
            .args(["--json", "auth", "status"])
            .env("XDG_RUNTIME_DIR", s.sb.path())
            .output()
            .unwrap();
    let status: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        status["token"]["account"],
        "alex@contoso.test",
        "{}",
        stderr(&out)
    );
    assert_eq!(
        status["keyring"]["ok"], false,
        "no keyring here, and status says so"
    );
}

#[test]
fn removing_a_profile_deletes_its_secrets_and_tokens() {
    let s = Setup::new("removed", "client-secret", "client_id");
    s.set_secret(s.emu.demo_value("client_secret"));
    assert!(s.run(&["login"]).status.success());
    assert!(keyring::lookup(&s.account("client-secret")).is_some());

    let out = s.run(&["profile", "remove", &s.profile]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("Deleted its stored credentials"),
        "{}",
        stderr(&out)
    );
    for kind in ["client-secret", "access-token"] {
        assert!(
            keyring::lookup(&s.account(kind)).is_none(),
            "{kind} left behind"
        );
    }
}

/// A workload-identity token from the emulator's own issuer, written where a platform would.
fn federated_token_file(s: &Setup, subject: &str) -> std::path::PathBuf {
    let answer: Value = s
        .emu
        .admin_post("/federation/token", json!({"subject": subject}))
        .json()
        .unwrap();
    let file = s.sb.path().join("azure-identity-token");
    std::fs::write(&file, answer["token"].as_str().unwrap()).unwrap();
    file
}

#[test]
fn a_federated_token_file_signs_in_and_is_read_afresh_each_time() {
    let s = Setup::new("federated", "federated", "client_id");
    let subject = s.emu.demo_value("federated_subject").to_owned();
    let file = federated_token_file(&s, &subject);
    let out = s
        .cmd()
        .args(["credentials", "set", "federated-token-file"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(s.json(&["login"])["origin"], "requested");

    // The platform rotates the file; the next sign-in must use the new token, and the
    // environment variable (as on Kubernetes) works without any stored credential.
    std::fs::write(&file, "not a token").unwrap();
    assert_auth_error(&s.run(&["login"]), "50027", "federated token file");
    let fresh = federated_token_file(&s, &subject);
    let out = s
        .cmd()
        .args(["login", "--json"])
        .env("AZURE_FEDERATED_TOKEN_FILE", &fresh)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn a_federated_token_for_another_subject_is_refused_with_a_fix() {
    let s = Setup::new("federated-subject", "federated", "client_id");
    let file = federated_token_file(&s, "system:serviceaccount:other:pod");
    let out = s
        .cmd()
        .arg("login")
        .env("AZURE_FEDERATED_TOKEN_FILE", &file)
        .output()
        .unwrap();
    assert_auth_error(&out, "700213", "subject");
}
