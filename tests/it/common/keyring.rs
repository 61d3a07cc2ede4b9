//! The test's Secret Service: the session bus `.ci/with-keyring` starts, and `secret-tool`
//! to check what really is in the keyring.

/// The session bus address; without one the keyring tests cannot mean anything, so they fail
/// with the way to run them.
pub fn session_bus() -> String {
    std::env::var("DBUS_SESSION_BUS_ADDRESS").unwrap_or_else(|_| {
        panic!(
            "no D-Bus session: these tests need a real Secret Service. Run them as \
             `.ci/with-keyring cargo test` (Debian packages: dbus, gnome-keyring, \
             libsecret-tools), or simply `scripts/test`"
        )
    })
}

/// `secret-tool lookup service mailconn username ACCOUNT`: the value, or `None`.
pub fn lookup(account: &str) -> Option<String> {
    session_bus();
    let out = std::process::Command::new("secret-tool")
        .args(["lookup", "service", "mailconn", "username", account])
        .output()
        .expect("secret-tool is installed (libsecret-tools)");
    out.status
        .success()
        .then(|| String::from_utf8(out.stdout).unwrap())
}

/// `secret-tool clear ...`: removes an entry behind mailconn's back.
#[cfg(feature = "emulator")]
pub fn clear(account: &str) {
    session_bus();
    let status = std::process::Command::new("secret-tool")
        .args(["clear", "service", "mailconn", "username", account])
        .status()
        .expect("secret-tool is installed (libsecret-tools)");
    assert!(status.success(), "secret-tool clear {account} failed");
}
