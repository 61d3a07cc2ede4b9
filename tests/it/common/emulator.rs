//! The emulator as a child process: `mailconn emulator serve --json`, its ready line, and a
//! blocking HTTP client that trusts its CA. The child is killed when the handle drops.

use std::io::{BufRead, BufReader};
use std::process::{Child, Stdio};

use reqwest::blocking::{Client, Response};
use serde_json::{Value, json};

use super::Sandbox;

pub struct Emulator {
    child: Child,
    pub ready: Value,
    pub http: Client,
    _sandbox: Sandbox,
}

impl Emulator {
    /// The demo tenant over plain HTTP.
    pub fn demo() -> Emulator {
        Emulator::start(&[])
    }

    /// The tenant declared by `toml` (a tenant file) instead of the demo tenant.
    pub fn with_tenant(toml: &str) -> Emulator {
        Emulator::with_tenant_args(toml, &[])
    }

    /// The same with extra arguments (e.g. `--tls`).
    pub fn with_tenant_args(toml: &str, args: &[&str]) -> Emulator {
        let dir = tempfile::tempdir().expect("create temp dir");
        let file = dir.path().join("tenant.toml");
        std::fs::write(&file, toml).expect("write the tenant file");
        // The emulator reads the file before its ready line, so the directory may go after.
        let mut all = vec!["--tenant", file.to_str().expect("UTF-8 temp path")];
        all.extend_from_slice(args);
        Emulator::start(&all)
    }

    /// `mailconn emulator serve --json` with extra arguments.
    pub fn start(args: &[&str]) -> Emulator {
        let sandbox = Sandbox::new();
        let mut command = sandbox.std_cmd();
        command.args(["emulator", "serve", "--json"]).args(args);
        if !args.contains(&"--data-dir") {
            // Inside the sandbox, so files are cleaned up even though the child is killed.
            command
                .arg("--data-dir")
                .arg(sandbox.path().join("emulator"));
        }
        let mut child = command
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("spawn mailconn emulator serve");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("piped stdout"))
            .read_line(&mut line)
            .expect("read the ready line");
        let ready: Value = match serde_json::from_str(&line) {
            Ok(ready) => ready,
            Err(_) => {
                let _ = child.kill();
                let status = child.wait();
                panic!("no JSON ready line, got {line:?}; the emulator ended with {status:?}");
            }
        };
        // The HTTP client must not follow redirects: authorize answers are what we test.
        // Loopback traffic must not go to a proxy from the developer's environment.
        let mut builder = Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy();
        if let Some(ca) = ready["ca_file"].as_str() {
            let pem = std::fs::read(ca).expect("CA file exists");
            builder =
                builder.tls_certs_only([reqwest::Certificate::from_pem(&pem).expect("CA is PEM")]);
        }
        Emulator {
            child,
            ready,
            http: builder.build().expect("HTTP client"),
            _sandbox: sandbox,
        }
    }

    pub fn base(&self) -> &str {
        self.ready["authority_host"].as_str().unwrap()
    }

    pub fn graph(&self) -> &str {
        self.ready["graph_endpoint"].as_str().unwrap()
    }

    pub fn admin(&self) -> &str {
        self.ready["admin_endpoint"].as_str().unwrap()
    }

    pub fn tenant_id(&self) -> &str {
        self.ready["tenant_id"].as_str().unwrap()
    }

    /// A demo-tenant value from the ready line (`client_id`, `client_secret`, …).
    pub fn demo_value(&self, key: &str) -> &str {
        self.ready["demo"][key]
            .as_str()
            .unwrap_or_else(|| panic!("ready line has no demo.{key}"))
    }

    pub fn token_endpoint(&self) -> String {
        format!("{}/{}/oauth2/v2.0/token", self.base(), self.tenant_id())
    }

    pub fn token(&self, form: &[(&str, &str)]) -> Response {
        self.http
            .post(self.token_endpoint())
            .form(form)
            .send()
            .expect("token request")
    }

    /// An app-only Graph token for a demo confidential app, via its secret.
    pub fn app_token_for(&self, client_id: &str) -> String {
        let response = self.token(&[
            ("client_id", client_id),
            ("client_secret", self.demo_value("client_secret")),
            ("grant_type", "client_credentials"),
            ("scope", "https://graph.microsoft.com/.default"),
        ]);
        assert_eq!(response.status(), 200);
        let body: Value = response.json().unwrap();
        body["access_token"].as_str().unwrap().to_owned()
    }

    pub fn app_token(&self) -> String {
        self.app_token_for(self.demo_value("client_id"))
    }

    pub fn get(&self, path: &str, token: &str) -> Response {
        self.http
            .get(format!("{}{path}", self.graph()))
            .bearer_auth(token)
            .send()
            .expect("Graph request")
    }

    pub fn admin_post(&self, path: &str, body: Value) -> Response {
        self.http
            .post(format!("{}{path}", self.admin()))
            .json(&body)
            .send()
            .expect("admin request")
    }

    /// Signs `user` in at `authorize` without the sign-in page, as a browser with a session
    /// would (`PUT {admin}/authorize/auto-approve`).
    pub fn auto_approve(&self, user: &str) {
        let answer = self
            .http
            .put(format!("{}/authorize/auto-approve", self.admin()))
            .json(&json!({ "user": user }))
            .send()
            .expect("admin request");
        assert_eq!(answer.status(), 204, "auto-approve refused");
    }

    /// A user's object id, as the directory reports it.
    pub fn object_id(&self, upn: &str) -> String {
        let user: Value = self
            .get(&format!("/users/{upn}?$select=id"), &self.app_token())
            .json()
            .expect("a directory answer");
        user["id"].as_str().expect("the user has an id").to_owned()
    }

    /// Delivers a small text message; returns the admin API's answer (ids).
    pub fn deliver(&self, mailbox: &str, folder: &str, subject: &str, extra: Value) -> Value {
        let mime = format!(
            "From: Pat Customer <pat@example.com>\r\nTo: {mailbox}\r\nSubject: {subject}\r\nMessage-ID: <{}@example.com>\r\nContent-Type: text/plain\r\n\r\nHello about {subject}.\r\n",
            subject.replace(' ', ".")
        );
        let mut body = json!({"folder": folder, "mime": mime});
        if let (Some(body), Some(extra)) = (body.as_object_mut(), extra.as_object()) {
            body.extend(extra.clone());
        }
        let response = self.admin_post(&format!("/mailboxes/{mailbox}/messages"), body);
        assert_eq!(response.status(), 201, "delivery failed");
        response.json().unwrap()
    }

    /// The admin API's listing of a mailbox's messages, in delivery order.
    pub fn admin_messages(&self, mailbox: &str) -> Vec<Value> {
        let body: Value = self
            .http
            .get(format!("{}/mailboxes/{mailbox}/messages", self.admin()))
            .send()
            .expect("admin request")
            .json()
            .expect("admin listing is JSON");
        body["messages"].as_array().expect("messages").clone()
    }

    pub fn journal(&self) -> Vec<Value> {
        let body: Value = self
            .http
            .get(format!("{}/journal", self.admin()))
            .send()
            .unwrap()
            .json()
            .unwrap();
        body["entries"].as_array().unwrap().clone()
    }
}

impl Emulator {
    /// Stops the child now (it is also stopped on drop).
    pub fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        self.stop();
    }
}

/// The Graph error code of a response body.
pub fn graph_code(body: &Value) -> &str {
    body["error"]["code"].as_str().unwrap_or_default()
}
