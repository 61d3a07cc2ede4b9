//! `mailconn emulator serve` as a process: the ready line, latency, shutdown on SIGTERM and
//! tenant-file errors.

use std::io::{BufRead, BufReader};
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::common::emulator::Emulator;
use crate::common::{self, Sandbox};

#[test]
fn human_ready_line_then_clean_exit_on_sigterm() {
    let sandbox = Sandbox::new();
    let mut child = sandbox
        .std_cmd()
        .args(["emulator", "serve"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert!(line.contains("emulator ready"), "{line}");
    assert!(
        line.contains("http://127.0.0.1:") && line.contains("/v1.0"),
        "{line}"
    );
    assert!(line.contains("support@contoso.test"), "{line}");
    common::signal(child.id(), "TERM");
    let exit = child.wait().unwrap();
    assert!(exit.success(), "exit status {exit:?}");
}

#[test]
fn latency_delays_every_response() {
    let emu = Emulator::start(&["--latency", "300ms,50ms"]);
    let started = Instant::now();
    let url = format!(
        "{}/common/v2.0/.well-known/openid-configuration",
        emu.base()
    );
    assert_eq!(emu.http.get(url).send().unwrap().status(), 200);
    assert!(started.elapsed() >= Duration::from_millis(300));
}

#[test]
fn unusable_tenant_file_is_a_configuration_error() {
    let sandbox = Sandbox::new();
    let tenant = sandbox.path().join("tenant.toml");
    std::fs::write(&tenant, "tenant_id = \"not-a-guid\"\ndomain = \"x.test\"\n").unwrap();
    let output = sandbox
        .cmd()
        .args(["emulator", "serve", "--tenant"])
        .arg(&tenant)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(78));
    assert!(common::stderr(&output).contains("tenant.toml"));
    assert!(
        common::stdout(&output).is_empty(),
        "no ready line on failure"
    );
}

#[test]
fn a_data_dir_can_be_reused_across_runs() {
    let sandbox = Sandbox::new();
    let dir = sandbox.path().join("emulator-data");
    let dir = dir.to_str().unwrap();
    let mut first = Emulator::start(&["--data-dir", dir]);
    let key = first.demo_value("private_key_path").to_owned();
    first.stop();
    let second = Emulator::start(&["--data-dir", dir]);
    assert_eq!(second.demo_value("private_key_path"), key);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&key).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}
