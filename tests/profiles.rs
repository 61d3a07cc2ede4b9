//! Profiles through the real binary: add (flags and prompts), list, show, use, remove, and
//! what a broken config file looks like to the user.

mod common;

use common::Sandbox;

const CLIENT: &str = "0d2f7a2c-5a4b-4c1e-9d3b-1f2e3d4c5b6a";

fn add_support(sb: &Sandbox) {
    sb.cmd()
        .args([
            "profile",
            "add",
            "support",
            "--tenant",
            "contoso.onmicrosoft.com",
        ])
        .args([
            "--client-id",
            CLIENT,
            "--mailbox",
            "support@contoso.com",
            "--folder",
            "Inbox/Support",
        ])
        .arg("--no-input")
        .assert()
        .success();
}

#[test]
fn adding_a_profile_non_interactively_writes_a_private_config_file() {
    let sb = Sandbox::new();
    add_support(&sb);
    let text = sb.read_config();
    assert!(text.contains("default_profile = \"support\""), "{text}");
    assert!(
        text.contains("[profiles.support]") && text.contains("folder = \"Inbox/Support\""),
        "{text}"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(sb.config_path())
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}
