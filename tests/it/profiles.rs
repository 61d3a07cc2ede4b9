//! Profiles through the real binary: add (flags and prompts), list, show, use, remove, and
//! what a broken config file looks like to the user.

use crate::common::{Sandbox, stderr, stdout};
use serde_json::Value;

const CLIENT: &str = "0d2f7a2c-5a4b-4c1e-9d3b-1f2e3d4c5b6a";
const TENANT_ID: &str = "72f988bf-86f1-41af-91ab-2d7cd011db47";

fn add(sb: &Sandbox, name: &str, mailbox: &str) {
    sb.cmd()
        .args([
            "profile",
            "add",
            name,
            "--tenant",
            "contoso.onmicrosoft.com",
        ])
        .args([
            "--client-id",
            CLIENT,
            "--mailbox",
            mailbox,
            "--folder",
            "Inbox/Support",
        ])
        .arg("--no-input")
        .assert()
        .success();
}

fn json(out: &std::process::Output) -> Value {
    serde_json::from_str(&stdout(out))
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {}", stdout(out)))
}

/// `settings.<key>` of `profile show --json` as (value, source).
fn shown(out: &std::process::Output, key: &str) -> (String, String) {
    let v = &json(out)["settings"][key];
    (
        v["value"].as_str().unwrap_or_default().to_owned(),
        v["source"].as_str().unwrap_or_default().to_owned(),
    )
}

#[test]
fn adding_a_profile_non_interactively_writes_a_private_config_file() {
    let sb = Sandbox::new();
    add(&sb, "support", "support@contoso.com");
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

#[test]
fn list_shows_a_plain_table_when_piped_and_json_on_request() {
    let sb = Sandbox::new();
    add(&sb, "support", "support@contoso.com");
    add(&sb, "sales", "sales@contoso.com");

    let out = sb.cmd().args(["profile", "list"]).output().unwrap();
    assert!(out.status.success());
    let table = stdout(&out);
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines.len(), 3, "{table}");
    assert!(lines[0].contains("NAME") && lines[0].contains("MAILBOX"));
    assert!(
        lines[1].contains("sales") && !lines[1].starts_with('*'),
        "{table}"
    );
    assert!(
        lines[2].starts_with('*') && lines[2].contains("support@contoso.com"),
        "{table}"
    );
    assert!(
        !table.contains('│'),
        "piped output must not draw boxes: {table}"
    );

    let out = sb
        .cmd()
        .args(["profile", "list", "--json"])
        .output()
        .unwrap();
    let v = json(&out);
    let profiles = v["profiles"].as_array().unwrap();
    assert_eq!(profiles.len(), 2);
    assert_eq!(profiles[1]["name"], "support");
    assert_eq!(profiles[1]["default"], true);
    assert_eq!(profiles[1]["client_id"], CLIENT);
    assert!(
        stderr(&out).is_empty(),
        "--json list should print nothing else: {}",
        stderr(&out)
    );
}

#[test]
fn an_empty_config_says_how_to_start() {
    let sb = Sandbox::new();
    let out = sb.cmd().args(["profile", "list"]).output().unwrap();
    assert!(out.status.success());
    assert!(stdout(&out).is_empty());
    assert!(
        stderr(&out).contains("mailconn profile add"),
        "{}",
        stderr(&out)
    );
    let out = sb
        .cmd()
        .args(["profile", "list", "--json"])
        .output()
        .unwrap();
    assert_eq!(json(&out)["profiles"], serde_json::json!([]));
}

#[test]
fn a_missing_value_without_a_terminal_names_the_flag() {
    let sb = Sandbox::new();
    // Once with --no-input, once only because stdin is not a terminal.
    for extra in [&["--no-input"][..], &[][..]] {
        let out = sb
            .cmd()
            .args([
                "profile",
                "add",
                "x",
                "--tenant",
                "contoso.com",
                "--client-id",
                CLIENT,
            ])
            .args(extra)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        assert!(
            stderr(&out).contains("missing --mailbox"),
            "{}",
            stderr(&out)
        );
    }
    assert!(
        !sb.config_path().exists(),
        "nothing may be written on failure"
    );
}

#[test]
fn bad_values_are_refused_with_the_reason() {
    let sb = Sandbox::new();
    let cases: &[(&[&str], &str)] = &[
        (&["--client-id", "My Helpdesk App"], "AADSTS90112"),
        (&["--tenant", "contoso"], "invalid tenant"),
        (&["--mailbox", "support"], "invalid mailbox"),
        (&["--folder", "Inbox//Support"], "folder name is empty"),
        (
            &["--graph-endpoint", "http://graph.example.com/v1.0"],
            "only allowed for loopback",
        ),
        (&["--auth", "password"], "invalid value 'password'"),
    ];
    for (args, reason) in cases {
        let out = sb
            .cmd()
            .args(["profile", "add", "x", "--no-input"])
            .args(*args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).contains(reason), "{args:?}: {}", stderr(&out));
    }
}

#[test]
fn app_only_sign_in_with_a_multi_tenant_authority_is_a_config_error() {
    let sb = Sandbox::new();
    let out = sb
        .cmd()
        .args([
            "profile",
            "add",
            "x",
            "--no-input",
            "--tenant",
            "organizations",
            "--client-id",
            CLIENT,
        ])
        .args(["--mailbox", "a@contoso.com", "--auth", "client-secret"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(78));
    assert!(
        stderr(&out).contains("device-code or browser"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn adding_twice_needs_force() {
    let sb = Sandbox::new();
    add(&sb, "support", "support@contoso.com");
    let out = sb
        .cmd()
        .args([
            "profile",
            "add",
            "support",
            "--no-input",
            "--tenant",
            "contoso.com",
            "--client-id",
            CLIENT,
        ])
        .args(["--mailbox", "new@contoso.com"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("already exists") && stderr(&out).contains("--force"));
    sb.cmd()
        .args([
            "profile",
            "add",
            "support",
            "--force",
            "--no-input",
            "--tenant",
            "contoso.com",
            "--client-id",
            CLIENT,
        ])
        .args(["--mailbox", "new@contoso.com"])
        .assert()
        .success();
    assert!(sb.read_config().contains("new@contoso.com"));
}

#[test]
fn a_custom_cloud_is_chosen_by_giving_endpoints() {
    let sb = Sandbox::new();
    sb.cmd()
        .args([
            "profile",
            "add",
            "emu",
            "--no-input",
            "--tenant",
            TENANT_ID,
            "--client-id",
            CLIENT,
        ])
        .args(["--mailbox", "support@contoso.test"])
        .args([
            "--authority-host",
            "http://127.0.0.1:8400",
            "--graph-endpoint",
            "http://127.0.0.1:8400/v1.0",
        ])
        .assert()
        .success();
    let out = sb
        .cmd()
        .args(["profile", "show", "--json"])
        .output()
        .unwrap();
    assert_eq!(shown(&out, "cloud").0, "custom");
    assert_eq!(
        shown(&out, "graph_endpoint").0,
        "http://127.0.0.1:8400/v1.0"
    );
    // Tokens are still for Graph: the endpoint's host is not a resource Entra knows.
    assert_eq!(
        shown(&out, "graph_resource"),
        (
            "https://graph.microsoft.com".to_owned(),
            "inferred from cloud preset".to_owned()
        )
    );
}

#[test]
fn the_graph_resource_is_a_setting_with_its_source() {
    let sb = Sandbox::new();
    add(&sb, "proxied", "support@contoso.com");
    let show = |args: &[&str], env: &[(&str, &str)]| {
        let mut cmd = sb.cmd();
        cmd.args(["profile", "show", "--json"]).args(args);
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.output().unwrap()
    };
    sb.cmd()
        .args(["profile", "add", "proxied", "--force", "--no-input"])
        .args(["--tenant", TENANT_ID, "--client-id", CLIENT])
        .args(["--mailbox", "support@contoso.com"])
        .args(["--graph-resource", "00000003-0000-0000-c000-000000000000"])
        .assert()
        .success();
    assert!(
        sb.read_config()
            .contains("graph_resource = \"00000003-0000-0000-c000-000000000000\"")
    );
    assert_eq!(
        shown(&show(&[], &[]), "graph_resource").1,
        "profile proxied"
    );
    let env = [("MAILCONN_GRAPH_RESOURCE", "https://graph.example.com")];
    assert_eq!(
        shown(&show(&[], &env), "graph_resource"),
        (
            "https://graph.example.com".to_owned(),
            "env MAILCONN_GRAPH_RESOURCE".to_owned()
        )
    );
    // A scope is not a resource: refused before anything is sent.
    let out = show(
        &["--graph-resource", "https://graph.microsoft.com/.default"],
        &[],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("without '/.default'"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_syntax_error_is_reported_with_file_line_and_column() {
    let sb = Sandbox::new();
    sb.write_config("default_profile = \"a\"\n\n[profiles.a\ntenant = \"contoso.com\"\n");
    for args in [
        &["profile", "list"][..],
        &["profile", "show"][..],
        &["profile", "add", "b"][..],
    ] {
        let out = sb.cmd().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(78), "{args:?}");
        let err = stderr(&out);
        let location = format!("{}:3:", sb.config_path().display());
        assert!(err.contains(&location), "{args:?}: {err}");
        assert!(err.contains("hint:"), "{err}");
    }
    assert!(
        sb.read_config().contains("[profiles.a\n"),
        "a broken file must never be rewritten"
    );
}

#[test]
fn one_broken_profile_is_explained_and_the_others_still_work() {
    let sb = Sandbox::new();
    sb.write_config(concat!(
        "default_profile = \"good\"\n",
        "[profiles.good]\ntenant = \"contoso.com\"\nmailbox = \"support@contoso.com\"\n",
        "[profiles.bad]\ntenant = \"contoso.com\"\nclient_id = \"helpdesk\"\n",
    ));
    let out = sb.cmd().args(["profile", "list"]).output().unwrap();
    assert_eq!(out.status.code(), Some(78));
    assert!(stdout(&out).contains("good") && stdout(&out).contains("bad"));
    let location = format!(
        "{}:7:13: invalid client id 'helpdesk'",
        sb.config_path().display()
    );
    assert!(stderr(&out).contains(&location), "{}", stderr(&out));

    let out = sb
        .cmd()
        .args(["profile", "show", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(shown(&out, "mailbox").0, "support@contoso.com");

    let out = sb
        .cmd()
        .args(["-p", "bad", "profile", "show"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(78));
    assert!(stderr(&out).contains(&location));
}

#[test]
fn unknown_keys_are_errors_not_ignored() {
    let sb = Sandbox::new();
    sb.write_config("[profiles.a]\ntennant = \"contoso.com\"\n");
    let out = sb.cmd().args(["profile", "show"]).output().unwrap();
    assert_eq!(out.status.code(), Some(78));
    assert!(
        stderr(&out).contains("2:1") && stderr(&out).contains("tennant"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn settings_resolve_flag_then_env_then_profile_then_azure_env_then_default() {
    let sb = Sandbox::new();
    add(&sb, "support", "support@contoso.com");
    let show = |envs: &[(&str, &str)], args: &[&str]| {
        let out = sb
            .cmd()
            .args(["profile", "show", "--json"])
            .args(args)
            .envs(envs.iter().copied())
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        out
    };
    let out = show(&[("AZURE_TENANT_ID", TENANT_ID)], &[]);
    assert_eq!(
        shown(&out, "tenant"),
        ("contoso.onmicrosoft.com".into(), "profile support".into())
    );
    let out = show(
        &[
            ("MAILCONN_TENANT", "fabrikam.com"),
            ("AZURE_TENANT_ID", TENANT_ID),
        ],
        &[],
    );
    assert_eq!(
        shown(&out, "tenant"),
        ("fabrikam.com".into(), "env MAILCONN_TENANT".into())
    );
    let out = show(
        &[("MAILCONN_TENANT", "fabrikam.com")],
        &["--tenant", "northwind.com"],
    );
    assert_eq!(
        shown(&out, "tenant"),
        ("northwind.com".into(), "flag --tenant".into())
    );
    assert_eq!(
        shown(&out, "auth"),
        ("client-secret".into(), "profile support".into())
    );
    assert_eq!(
        shown(&out, "authority_host").0,
        "https://login.microsoftonline.com"
    );
}

#[test]
fn azure_identity_variables_alone_make_a_working_setup() {
    let sb = Sandbox::new();
    let out = sb
        .cmd()
        .args(["profile", "show", "--json"])
        .env("AZURE_TENANT_ID", TENANT_ID)
        .env("AZURE_CLIENT_ID", CLIENT)
        .env("AZURE_CLIENT_CERTIFICATE_PATH", "/etc/mailconn/cert.pem")
        .env("AZURE_AUTHORITY_HOST", "login.chinacloudapi.cn")
        .env("MAILCONN_MAILBOX", "support@contoso.com")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(json(&out)["profile"], Value::Null);
    assert_eq!(
        shown(&out, "tenant"),
        (TENANT_ID.into(), "env AZURE_TENANT_ID".into())
    );
    assert_eq!(
        shown(&out, "client_id"),
        (CLIENT.into(), "env AZURE_CLIENT_ID".into())
    );
    assert_eq!(
        shown(&out, "auth"),
        (
            "certificate".into(),
            "inferred from AZURE_CLIENT_CERTIFICATE_PATH".into()
        )
    );
    assert_eq!(shown(&out, "cloud").0, "china");
    assert_eq!(
        shown(&out, "graph_endpoint").0,
        "https://microsoftgraph.chinacloudapi.cn/v1.0"
    );
    assert!(!sb.config_path().exists());
}

#[test]
fn national_cloud_presets_carry_their_endpoints() {
    let sb = Sandbox::new();
    for (cloud, authority, graph) in [
        (
            "usgov",
            "https://login.microsoftonline.us",
            "https://graph.microsoft.us/v1.0",
        ),
        (
            "usgov-dod",
            "https://login.microsoftonline.us",
            "https://dod-graph.microsoft.us/v1.0",
        ),
        (
            "china",
            "https://login.chinacloudapi.cn",
            "https://microsoftgraph.chinacloudapi.cn/v1.0",
        ),
    ] {
        let out = sb
            .cmd()
            .args(["profile", "show", "--json"])
            .env("MAILCONN_CLOUD", cloud)
            .output()
            .unwrap();
        assert_eq!(shown(&out, "authority_host").0, authority);
        assert_eq!(shown(&out, "graph_endpoint").0, graph);
    }
    // login.microsoftonline.us serves two clouds: the user has to say which.
    let out = sb
        .cmd()
        .args(["profile", "show"])
        .env("AZURE_AUTHORITY_HOST", "login.microsoftonline.us")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(78));
    assert!(
        stderr(&out).contains("usgov, usgov-dod"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn an_invalid_environment_value_names_the_variable() {
    let sb = Sandbox::new();
    let out = sb
        .cmd()
        .args(["profile", "show"])
        .env("MAILCONN_MAILBOX", "nobody")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(78));
    assert!(
        stderr(&out).contains("MAILCONN_MAILBOX: invalid mailbox 'nobody'"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn profiles_are_selected_by_flag_env_default_or_uniqueness() {
    let sb = Sandbox::new();
    add(&sb, "support", "support@contoso.com");
    let mailbox = |args: &[&str], envs: &[(&str, &str)]| {
        let out = sb
            .cmd()
            .args(args)
            .args(["profile", "show", "--json"])
            .envs(envs.iter().copied())
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        shown(&out, "mailbox").0
    };
    assert_eq!(mailbox(&[], &[]), "support@contoso.com");
    add(&sb, "sales", "sales@contoso.com");
    assert_eq!(
        mailbox(&[], &[]),
        "support@contoso.com",
        "the first profile stays the default"
    );
    assert_eq!(mailbox(&["-p", "sales"], &[]), "sales@contoso.com");
    assert_eq!(
        mailbox(&[], &[("MAILCONN_PROFILE", "sales")]),
        "sales@contoso.com"
    );
    assert_eq!(
        mailbox(&["--profile", "support"], &[("MAILCONN_PROFILE", "sales")]),
        "support@contoso.com"
    );

    let out = sb
        .cmd()
        .args(["-p", "nope", "profile", "show"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(78));
    assert!(
        stderr(&out).contains("profile 'nope' does not exist")
            && stderr(&out).contains("sales, support")
    );
}

#[test]
fn several_profiles_and_no_default_ask_the_user_to_choose() {
    let sb = Sandbox::new();
    sb.write_config(
        "[profiles.a]\ntenant = \"contoso.com\"\n[profiles.b]\ntenant = \"contoso.com\"\n",
    );
    let out = sb.cmd().args(["profile", "show"]).output().unwrap();
    assert_eq!(out.status.code(), Some(78));
    assert!(stderr(&out).contains("profile use"), "{}", stderr(&out));
}

#[test]
fn use_and_remove_manage_the_default() {
    let sb = Sandbox::new();
    add(&sb, "support", "support@contoso.com");
    add(&sb, "sales", "sales@contoso.com");
    sb.cmd()
        .args(["profile", "use", "sales"])
        .assert()
        .success();
    assert!(sb.read_config().starts_with("default_profile = \"sales\""));

    let out = sb
        .cmd()
        .args(["profile", "remove", "sales"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        stderr(&out).contains("It was the default"),
        "{}",
        stderr(&out)
    );
    let text = sb.read_config();
    assert!(
        !text.contains("default_profile") && !text.contains("sales"),
        "{text}"
    );

    let out = sb
        .cmd()
        .args(["profile", "remove", "sales"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(78));
    let out = sb.cmd().args(["profile", "use", "nope"]).output().unwrap();
    assert_eq!(out.status.code(), Some(78));
    assert!(stderr(&out).contains("known profiles: support"));
}

#[test]
fn the_config_location_can_be_chosen() {
    let sb = Sandbox::new();
    let custom = sb.path().join("elsewhere/mailconn.toml");
    sb.cmd()
        .args(["--config"])
        .arg(&custom)
        .args([
            "profile",
            "add",
            "a",
            "--no-input",
            "--tenant",
            "contoso.com",
            "--client-id",
            CLIENT,
        ])
        .args(["--mailbox", "a@contoso.com"])
        .assert()
        .success();
    assert!(custom.exists() && !sb.config_path().exists());
    let out = sb
        .cmd()
        .args(["profile", "list", "--json"])
        .env("MAILCONN_CONFIG", &custom)
        .output()
        .unwrap();
    assert_eq!(json(&out)["profiles"][0]["name"], "a");
}

#[test]
fn usage_errors_exit_2() {
    let sb = Sandbox::new();
    for args in [
        &["profile", "frobnicate"][..],
        &["--bogus"][..],
        &["profile", "add"][..],
        &["--color", "sometimes", "profile", "list"][..],
    ] {
        let out = sb.cmd().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stdout(&out).is_empty());
    }
    let out = sb.cmd().arg("--help").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("Exit codes"));
}

#[test]
fn errors_are_json_on_stderr_with_json() {
    let sb = Sandbox::new();
    let out = sb
        .cmd()
        .args(["--json", "-p", "nope", "profile", "show"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(78));
    assert!(stdout(&out).is_empty());
    let err: Value = serde_json::from_str(stderr(&out).trim()).unwrap();
    assert_eq!(err["error"]["kind"], "config");
    assert_eq!(err["error"]["exit_code"], 78);
    assert!(
        err["error"]["hint"]
            .as_str()
            .unwrap()
            .contains("profile add")
    );
}

#[test]
fn colour_follows_the_flag_and_no_color() {
    let sb = Sandbox::new();
    let err = |args: &[&str], envs: &[(&str, &str)]| {
        let out = sb
            .cmd()
            .args(args)
            .args(["-p", "nope", "profile", "show"])
            .envs(envs.iter().copied())
            .output()
            .unwrap();
        stderr(&out)
    };
    assert!(err(&["--color", "always"], &[]).contains("\u{1b}["));
    assert!(
        err(&["--color", "always"], &[("NO_COLOR", "1")]).contains("\u{1b}["),
        "an explicit flag beats NO_COLOR"
    );
    assert!(
        !err(&[], &[]).contains("\u{1b}["),
        "not a terminal: no colour"
    );
    assert!(!err(&["--color", "never"], &[]).contains("\u{1b}["));
}

#[test]
fn quiet_silences_outcome_lines_but_not_errors() {
    let sb = Sandbox::new();
    let out = sb
        .cmd()
        .args([
            "-q",
            "profile",
            "add",
            "a",
            "--no-input",
            "--tenant",
            "contoso.com",
            "--client-id",
            CLIENT,
        ])
        .args(["--mailbox", "a@contoso.com"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(stderr(&out).is_empty() && stdout(&out).is_empty());
    let out = sb
        .cmd()
        .args(["-q", "profile", "remove", "zzz"])
        .output()
        .unwrap();
    assert!(stderr(&out).contains("error:"));
}

#[test]
fn verbose_logging_goes_to_stderr_and_mailconn_log_overrides() {
    let sb = Sandbox::new();
    let out = sb
        .cmd()
        .args(["profile", "list", "--json"])
        .env("MAILCONN_LOG", "not a [filter")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        stderr(&out).contains("MAILCONN_LOG is not a valid log filter"),
        "{}",
        stderr(&out)
    );
    let _ = json(&out);
}

#[cfg(unix)]
#[test]
fn adding_a_profile_interactively_prompts_for_each_value() {
    use rexpect::session::spawn_command;

    let sb = Sandbox::new();
    let mut cmd = sb.std_cmd();
    cmd.env("TERM", "xterm").args(["profile", "add", "support"]);
    let mut p = spawn_command(cmd, Some(20_000)).unwrap();
    p.exp_string("Microsoft cloud").unwrap();
    p.send_line("").unwrap(); // the default: global
    p.exp_string("Tenant").unwrap();
    p.send_line("contoso.onmicrosoft.com").unwrap();
    p.exp_string("Application (client) id").unwrap();
    p.send_line("not-a-guid").unwrap();
    p.exp_string("AADSTS90112").unwrap(); // refused at the prompt, asked again
    p.send_line(CLIENT).unwrap();
    p.exp_string("Sign-in method").unwrap();
    p.send_line("").unwrap(); // the default: client-secret
    p.exp_string("Mailbox address").unwrap();
    p.send_line("support@contoso.com").unwrap();
    p.exp_string("Folder path").unwrap();
    p.send_line("Inbox/Support").unwrap();
    p.exp_string("Added profile 'support' as the default profile")
        .unwrap();
    p.exp_eof().unwrap();

    let out = sb
        .cmd()
        .args(["profile", "list", "--json"])
        .output()
        .unwrap();
    let profile = &json(&out)["profiles"][0];
    assert_eq!(profile["tenant"], "contoso.onmicrosoft.com");
    assert_eq!(profile["client_id"], CLIENT);
    assert_eq!(profile["auth"], "client-secret");
    assert_eq!(profile["cloud"], "global");
    assert_eq!(profile["folder"], "Inbox/Support");
}
