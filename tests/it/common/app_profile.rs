//! A sandbox with one app-only profile pointing at an emulator: the client secret comes from
//! `AZURE_CLIENT_SECRET` in the child's environment, so no keyring is needed (and tokens are
//! not cached), unless a test stores the secret in the keyring itself.

use std::process::Output;

use serde_json::{Value, json};

use super::emulator::Emulator;
use super::{Sandbox, keyring, unique_name};

pub struct AppProfile {
    pub emu: Emulator,
    pub sb: Sandbox,
    pub profile: String,
    /// Keep the secret in the environment (false: the test stored it in the keyring).
    pub secret_in_env: bool,
}

impl AppProfile {
    /// The demo app `client_key` (`client_id`, `scoped_client_id`, …) on `mailbox`/`folder`.
    pub fn new(emu: Emulator, client_key: &str, mailbox: &str, folder: &str) -> AppProfile {
        AppProfile::with_auth(emu, client_key, "client-secret", mailbox, folder)
    }

    /// The same with another sign-in method (`browser` for the demo public client).
    pub fn with_auth(
        emu: Emulator,
        client_key: &str,
        auth: &str,
        mailbox: &str,
        folder: &str,
    ) -> AppProfile {
        // Unique per test: all tests share the keyring.
        let sb = Sandbox::new();
        let profile = unique_name("smoke");
        sb.write_config(&format!(
            "default_profile = \"{profile}\"\n[profiles.{profile}]\n\
             authority_host = \"{}\"\ngraph_endpoint = \"{}\"\n\
             tenant = \"{}\"\nclient_id = \"{}\"\nauth = \"{auth}\"\n\
             mailbox = \"{mailbox}\"\nfolder = \"{folder}\"\n",
            emu.base(),
            emu.graph(),
            emu.tenant_id(),
            emu.demo_value(client_key),
        ));
        AppProfile {
            emu,
            sb,
            profile,
            secret_in_env: auth == "client-secret",
        }
    }

    /// The demo connector (every mailbox) on the shared mailbox's `Inbox/Support`.
    pub fn demo() -> AppProfile {
        AppProfile::new(
            Emulator::demo(),
            "client_id",
            "support@contoso.test",
            "Inbox/Support",
        )
    }

    pub fn cmd(&self) -> assert_cmd::Command {
        let mut cmd = self.sb.cmd();
        if self.secret_in_env {
            cmd.env("AZURE_CLIENT_SECRET", self.emu.demo_value("client_secret"));
        } else {
            cmd.env("DBUS_SESSION_BUS_ADDRESS", keyring::session_bus());
        }
        cmd
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.cmd().args(args).output().unwrap()
    }

    /// Runs with `--json` and parses stdout (whatever the exit code).
    pub fn json(&self, args: &[&str]) -> (Output, Value) {
        self.json_with_env(args, &[])
    }

    /// The same with extra (or replaced) environment variables.
    pub fn json_with_env(&self, args: &[&str], env: &[(&str, &str)]) -> (Output, Value) {
        let mut cmd = self.cmd();
        cmd.envs(env.iter().copied());
        let out = cmd.arg("--json").args(args).output().unwrap();
        let value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
            panic!(
                "{args:?}: stdout is not JSON ({e}): {}\nstderr: {}",
                super::stdout(&out),
                super::stderr(&out)
            )
        });
        (out, value)
    }

    /// Arms a fault rule in the emulator.
    pub fn fault(&self, rule: Value) {
        let answer = self.emu.admin_post("/faults", rule);
        assert_eq!(answer.status(), 201, "fault rule refused");
    }

    /// Graph requests (not token requests) the emulator journalled.
    pub fn graph_requests(&self) -> Vec<Value> {
        self.emu
            .journal()
            .into_iter()
            .filter(|e| e["path"].as_str().unwrap_or_default().starts_with("/v1.0/"))
            .collect()
    }

    pub fn clear_journal(&self) {
        let answer = self
            .emu
            .http
            .delete(format!("{}/journal", self.emu.admin()))
            .send()
            .unwrap();
        assert!(answer.status().is_success());
    }

    /// The admin API's view of a mailbox's messages.
    pub fn messages(&self, mailbox: &str) -> Vec<Value> {
        let body: Value = self
            .emu
            .http
            .get(format!("{}/mailboxes/{mailbox}/messages", self.emu.admin()))
            .send()
            .unwrap()
            .json()
            .unwrap();
        body["messages"].as_array().unwrap().clone()
    }
}

/// A fault rule answering `status` (with an optional Retry-After) for matching requests.
pub fn status_fault(
    method: &str,
    path: &str,
    times: u32,
    status: u16,
    retry_after: Option<&str>,
) -> Value {
    let mut fault = json!({"kind": "status", "status": status});
    if let Some(seconds) = retry_after {
        fault["retry_after"] = seconds.into();
    }
    json!({"method": method, "path": path, "times": times, "fault": fault})
}
