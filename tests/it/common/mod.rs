//! Hermetic harness for black-box tests: every test runs the real `mailconn` binary as a
//! child process with a fresh HOME and XDG directories and an environment cleared of
//! everything but PATH, so nothing on the developer's machine leaks in.

#[cfg(feature = "emulator")]
pub mod app_profile;
#[cfg(feature = "emulator")]
pub mod cert;
#[cfg(feature = "emulator")]
pub mod emulator;
#[cfg(feature = "emulator")]
pub mod import;
pub mod keyring;
#[cfg(all(unix, feature = "emulator"))]
pub mod postgres;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// A throwaway home for one test.
pub struct Sandbox {
    dir: tempfile::TempDir,
}

impl Sandbox {
    pub fn new() -> Sandbox {
        let dir = tempfile::tempdir().expect("create temp dir");
        for sub in ["home", "config", "data", "state", "cache"] {
            std::fs::create_dir_all(dir.path().join(sub)).expect("create sandbox dir");
        }
        Sandbox { dir }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// The config file mailconn uses by default inside this sandbox.
    pub fn config_path(&self) -> PathBuf {
        self.path().join("config/mailconn/config.toml")
    }

    pub fn write_config(&self, text: &str) {
        let path = self.config_path();
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    pub fn read_config(&self) -> String {
        std::fs::read_to_string(self.config_path()).expect("config file exists")
    }

    /// `mailconn` with the sandbox environment; add args and env per test.
    pub fn cmd(&self) -> assert_cmd::Command {
        let mut cmd = assert_cmd::Command::new(bin());
        self.apply_env(cmd.env_clear());
        cmd
    }

    /// The same environment for a `std::process::Command` (pty and long-running children).
    pub fn std_cmd(&self) -> std::process::Command {
        let mut cmd = std::process::Command::new(bin());
        cmd.env_clear();
        self.apply_env(&mut cmd);
        cmd
    }

    fn apply_env<C: EnvSetter>(&self, cmd: &mut C) {
        let p = self.path();
        cmd.set("PATH", std::env::var("PATH").unwrap_or_default());
        cmd.set("HOME", p.join("home").display().to_string());
        cmd.set("XDG_CONFIG_HOME", p.join("config").display().to_string());
        cmd.set("XDG_DATA_HOME", p.join("data").display().to_string());
        cmd.set("XDG_STATE_HOME", p.join("state").display().to_string());
        cmd.set("XDG_CACHE_HOME", p.join("cache").display().to_string());
    }
}

#[cfg(feature = "emulator")]
/// Sends signal `name` (`TERM`, `INT`, `STOP`, `CONT`, `KILL`) to process `pid`.
#[track_caller]
pub fn signal(pid: u32, name: &str) {
    let sent = std::process::Command::new("kill")
        .args([&format!("-{name}"), &pid.to_string()])
        .status()
        .unwrap();
    assert!(sent.success(), "kill -{name} {pid}");
}

#[cfg(feature = "emulator")]
/// A port of 127.0.0.1 that nothing listens on: bound, then released.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// `prefix-PID-N`, unique across every test of this binary and across concurrent runs that
/// share one Secret Service: for names the keyring keeps, such as profile names.
pub fn unique_name(prefix: &str) -> String {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    format!(
        "{prefix}-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    )
}

pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_mailconn")
}

/// Lets `apply_env` serve both command types.
trait EnvSetter {
    fn set(&mut self, key: &str, value: String);
}

impl EnvSetter for assert_cmd::Command {
    fn set(&mut self, key: &str, value: String) {
        self.env(key, value);
    }
}

impl EnvSetter for std::process::Command {
    fn set(&mut self, key: &str, value: String) {
        self.env(key, value);
    }
}

/// stdout of a finished command as UTF-8.
pub fn stdout(output: &std::process::Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

/// stderr of a finished command as UTF-8.
pub fn stderr(output: &std::process::Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("stderr is UTF-8")
}

/// Text without its ANSI escape sequences (colours, bold).
#[cfg(feature = "emulator")]
pub fn strip_ansi(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            chars.by_ref().find(|c| c.is_ascii_alphabetic());
        } else {
            out.push(c);
        }
    }
    out
}
