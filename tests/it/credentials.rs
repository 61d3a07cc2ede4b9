//! Credentials through the real binary against a real Secret Service (gnome-keyring), cross-
//! checked with `secret-tool`. Run them as `.ci/with-keyring cargo test --test it credentials::`:
//! the tests that need the keyring fail with that hint when there is no session bus.
//!
//! Every test uses its own profile name, because they share one keyring.

use std::path::{Path, PathBuf};
use std::process::Output;

use crate::common::{self, Sandbox, keyring, stderr, stdout};

const CLIENT: &str = "0d2f7a2c-5a4b-4c1e-9d3b-1f2e3d4c5b6a";

/// A sandbox with one profile, `name-PID-N`, as the default.
struct Fixture {
    sb: Sandbox,
    profile: String,
}

impl Fixture {
    fn new(name: &str) -> Fixture {
        let sb = Sandbox::new();
        let profile = common::unique_name(name);
        sb.write_config(&format!(
            "default_profile = \"{profile}\"\n[profiles.{profile}]\n\
             tenant = \"contoso.onmicrosoft.com\"\nclient_id = \"{CLIENT}\"\n\
             auth = \"client-secret\"\nmailbox = \"support@contoso.com\"\n"
        ));
        Fixture { sb, profile }
    }

    /// `mailconn` in the sandbox, connected to the test's Secret Service.
    fn cmd(&self) -> assert_cmd::Command {
        let mut cmd = self.sb.cmd();
        cmd.env("DBUS_SESSION_BUS_ADDRESS", keyring::session_bus());
        cmd
    }

    /// `mailconn` in the sandbox with no D-Bus session at all (a headless server).
    fn cmd_without_keyring(&self) -> assert_cmd::Command {
        let mut cmd = self.sb.cmd();
        // zbus falls back to $XDG_RUNTIME_DIR/bus; point it at a directory without one.
        cmd.env("XDG_RUNTIME_DIR", self.sb.path());
        cmd
    }

    fn account(&self, kind: &str) -> String {
        format!("{}/{kind}", self.profile)
    }

    fn metadata_path(&self) -> PathBuf {
        self.sb.path().join("state/mailconn/credentials.toml")
    }

    fn metadata(&self) -> String {
        std::fs::read_to_string(self.metadata_path()).unwrap_or_default()
    }

    fn insecure_file(&self, kind: &str) -> PathBuf {
        self.sb
            .path()
            .join("data/mailconn/insecure-secrets")
            .join(&self.profile)
            .join(kind)
    }

    fn set_secret(&self, secret: &str, extra: &[&str]) -> Output {
        self.cmd()
            .args(["credentials", "set", "client-secret", "--secret-stdin"])
            .args(extra)
            .write_stdin(format!("{secret}\n"))
            .output()
            .unwrap()
    }

    fn show_json(&self) -> serde_json::Value {
        let out = self
            .cmd()
            .args(["credentials", "show", "--json"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        serde_json::from_slice(&out.stdout).expect("show --json prints JSON")
    }

    /// Fails when `secret` appears in the output, the config file or the metadata file.
    fn assert_nowhere(&self, secret: &str, outputs: &[&Output]) {
        for out in outputs {
            assert!(!stdout(out).contains(secret), "secret on stdout");
            assert!(!stderr(out).contains(secret), "secret on stderr");
        }
        assert!(!self.sb.read_config().contains(secret), "secret in config");
        assert!(!self.metadata().contains(secret), "secret in metadata");
    }
}

fn exit_code(out: &Output) -> i32 {
    out.status.code().expect("exited normally")
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn a_client_secret_goes_to_the_keyring_and_nowhere_else() {
    let fx = Fixture::new("secret");
    let secret = "Qx8~s3cr3t.Value_with-Entra~chars";
    let set = fx.set_secret(secret, &["--expires", "2099-01-31"]);
    assert!(set.status.success(), "{}", stderr(&set));
    assert!(stderr(&set).contains("OS keyring"), "{}", stderr(&set));

    assert_eq!(
        keyring::lookup(&fx.account("client-secret")).as_deref(),
        Some(secret)
    );

    let json = fx.show_json();
    let entry = &json["credentials"][0];
    assert_eq!(entry["credential"], "client-secret");
    assert_eq!(entry["origin"], "keyring");
    assert_eq!(entry["in_use"], true);
    assert_eq!(entry["expires"], "2099-01-31");
    let table = fx.cmd().args(["credentials", "show"]).output().unwrap();
    assert!(stdout(&table).contains("2099-01-31"), "{}", stdout(&table));
    assert!(
        stdout(&table).contains("Secret Service"),
        "{}",
        stdout(&table)
    );

    fx.assert_nowhere(secret, &[&set, &table]);
    assert!(!json.to_string().contains(secret));
    #[cfg(unix)]
    assert_eq!(mode(&fx.metadata_path()), 0o600);

    let removed = fx
        .cmd()
        .args(["credentials", "remove", "client-secret"])
        .output()
        .unwrap();
    assert!(removed.status.success(), "{}", stderr(&removed));
    assert_eq!(keyring::lookup(&fx.account("client-secret")), None);
    assert!(
        !fx.metadata().contains("client-secret"),
        "{}",
        fx.metadata()
    );

    let again = fx
        .cmd()
        .args(["credentials", "remove", "client-secret", "--json"])
        .output()
        .unwrap();
    assert!(again.status.success(), "{}", stderr(&again));
    let json: serde_json::Value = serde_json::from_slice(&again.stdout).unwrap();
    assert_eq!(json["removed"], false);
}

#[test]
fn a_4_kb_secret_is_split_over_keyring_entries_and_reads_back_whole() {
    let fx = Fixture::new("long");
    let secret: String = (0..4096)
        .map(|i| char::from(b'a' + (i % 26) as u8))
        .collect();
    let set = fx.set_secret(&secret, &[]);
    assert!(set.status.success(), "{}", stderr(&set));

    // No single entry exceeds the Windows Credential Manager limit of 2,560 bytes.
    let main = keyring::lookup(&fx.account("client-secret")).expect("main entry");
    assert!(main.starts_with("mailconn-chunks:v1:"), "{main}");
    let mut joined = String::new();
    for i in 1.. {
        match keyring::lookup(&format!("{}#{i}", fx.account("client-secret"))) {
            Some(piece) => {
                assert!(piece.len() <= 2560);
                joined.push_str(&piece);
            }
            None => break,
        }
    }
    assert_eq!(joined, secret);

    // What the token sources will read: through the library, from the recorded store.
    let dirs = mailconn::secrets::credentials::Dirs {
        data: fx.sb.path().join("data"),
        state: fx.sb.path().join("state"),
    };
    let warn = |_: &str| panic!("the file store must not be used");
    let credentials =
        mailconn::secrets::credentials::Credentials::new(fx.profile.parse().unwrap(), &dirs, &warn)
            .unwrap();
    let (read, store) = credentials
        .secret(mailconn::secrets::SecretKind::ClientSecret)
        .unwrap()
        .expect("stored");
    assert_eq!(read.expose_secret(), &secret);
    assert_eq!(store, mailconn::secrets::StoreKind::Keyring);

    fx.cmd()
        .args(["credentials", "remove", "client-secret"])
        .assert()
        .success();
    assert_eq!(
        keyring::lookup(&format!("{}#1", fx.account("client-secret"))),
        None
    );
}

#[test]
fn the_self_check_writes_reads_and_deletes_a_long_probe() {
    keyring::session_bus();
    let keyring = mailconn::secrets::KeyringStore::new().unwrap();
    let check = mailconn::secrets::self_check(&keyring).expect("keyring self-check");
    assert_eq!(check.store, mailconn::secrets::StoreKind::Keyring);
    assert!(check.bytes > 2560);

    let dir = tempfile::tempdir().unwrap();
    let warned = std::cell::Cell::new(0);
    let warn = |_: &str| warned.set(warned.get() + 1);
    let file = mailconn::secrets::FileStore::new(dir.path(), &warn);
    mailconn::secrets::self_check(&file).expect("file self-check");
    assert!(warned.get() > 0, "each use of the file store warns");
}

#[test]
fn a_guid_is_flagged_as_the_secret_id() {
    let fx = Fixture::new("guid");
    let set = fx.set_secret("7f3c2a10-1b2c-4d5e-8f90-a1b2c3d4e5f6", &[]);
    assert!(set.status.success(), "{}", stderr(&set));
    assert!(stderr(&set).contains("secret ID"), "{}", stderr(&set));
    assert!(stderr(&set).contains("AADSTS7000215"), "{}", stderr(&set));
    fx.cmd()
        .args(["credentials", "remove", "client-secret"])
        .assert()
        .success();
}

#[test]
fn without_a_terminal_the_secret_must_come_from_stdin() {
    let fx = Fixture::new("noinput");
    let out = fx
        .cmd()
        .args(["credentials", "set", "client-secret", "--no-input"])
        .output()
        .unwrap();
    assert_eq!(exit_code(&out), 2, "{}", stderr(&out));
    assert!(stderr(&out).contains("--secret-stdin"), "{}", stderr(&out));
    // A secret on the command line is not accepted at all.
    let argv = fx
        .cmd()
        .args(["credentials", "set", "client-secret", "--secret", "x"])
        .output()
        .unwrap();
    assert_eq!(exit_code(&argv), 2);
}

#[test]
fn the_environment_wins_and_is_read_only() {
    let fx = Fixture::new("env");
    let stored = "stored~secret~value";
    let from_env = "env~secret~value";
    let set = fx
        .cmd()
        .env("AZURE_CLIENT_SECRET", from_env)
        .args(["credentials", "set", "client-secret", "--secret-stdin"])
        .write_stdin(stored)
        .output()
        .unwrap();
    assert!(set.status.success(), "{}", stderr(&set));
    assert!(
        stderr(&set).contains("AZURE_CLIENT_SECRET is set and takes precedence"),
        "{}",
        stderr(&set)
    );

    let show = fx
        .cmd()
        .env("AZURE_CLIENT_SECRET", from_env)
        .args(["credentials", "show", "--json"])
        .output()
        .unwrap();
    assert!(show.status.success(), "{}", stderr(&show));
    let json: serde_json::Value = serde_json::from_slice(&show.stdout).unwrap();
    let sources = json["credentials"].as_array().unwrap();
    assert_eq!(sources[0]["origin"], "env");
    assert_eq!(sources[0]["location"], "AZURE_CLIENT_SECRET");
    assert_eq!(sources[0]["in_use"], true);
    assert_eq!(sources[1]["origin"], "keyring");
    assert_eq!(sources[1]["in_use"], false);

    let removed = fx
        .cmd()
        .env("AZURE_CLIENT_SECRET", from_env)
        .args(["credentials", "remove", "client-secret"])
        .output()
        .unwrap();
    assert!(removed.status.success(), "{}", stderr(&removed));
    assert!(
        stderr(&removed).contains("AZURE_CLIENT_SECRET still provides"),
        "{}",
        stderr(&removed)
    );
    assert_eq!(keyring::lookup(&fx.account("client-secret")), None);
    for out in [&set, &show, &removed] {
        fx.assert_nowhere(from_env, &[out]);
        fx.assert_nowhere(stored, &[out]);
    }
}

#[test]
fn the_file_store_is_used_only_when_asked_and_warns_each_time() {
    let fx = Fixture::new("file");
    let secret = "file~stored~secret";
    // No keyring at all: a headless server that opted in.
    let set = fx
        .cmd_without_keyring()
        .args(["credentials", "set", "client-secret", "--secret-stdin"])
        .arg("--insecure-storage")
        .write_stdin(secret)
        .output()
        .unwrap();
    assert!(set.status.success(), "{}", stderr(&set));
    assert!(
        stderr(&set).contains("warning: using the insecure file store"),
        "{}",
        stderr(&set)
    );
    let path = fx.insecure_file("client-secret");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), secret);
    #[cfg(unix)]
    {
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(path.parent().unwrap()), 0o700);
    }

    let show = fx
        .cmd_without_keyring()
        .args(["credentials", "show", "--json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&show.stdout).unwrap();
    assert_eq!(json["credentials"][0]["origin"], "file");
    fx.assert_nowhere(secret, &[&set, &show]);

    let removed = fx
        .cmd_without_keyring()
        .args(["credentials", "remove", "client-secret"])
        .output()
        .unwrap();
    assert!(removed.status.success(), "{}", stderr(&removed));
    assert!(stderr(&removed).contains("insecure file store"));
    assert!(!path.exists());
}

#[test]
fn moving_a_secret_to_the_keyring_deletes_the_plaintext_copy() {
    let fx = Fixture::new("move");
    let first = fx.set_secret("first~value", &["--insecure-storage"]);
    assert!(first.status.success(), "{}", stderr(&first));
    let path = fx.insecure_file("client-secret");
    assert!(path.exists());

    let second = fx.set_secret("second~value", &[]);
    assert!(second.status.success(), "{}", stderr(&second));
    assert!(!path.exists(), "the plaintext copy is gone");
    assert_eq!(
        keyring::lookup(&fx.account("client-secret")).as_deref(),
        Some("second~value")
    );
    fx.cmd()
        .args(["credentials", "remove", "client-secret"])
        .assert()
        .success();
}

#[test]
fn a_missing_keyring_is_a_configuration_error_naming_the_alternatives() {
    let fx = Fixture::new("nobus");
    let out = fx
        .cmd_without_keyring()
        .args(["credentials", "set", "client-secret", "--secret-stdin"])
        .write_stdin("would-be-secret")
        .output()
        .unwrap();
    assert_eq!(exit_code(&out), 78, "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("OS keyring (Secret Service) is not available"),
        "{err}"
    );
    for alternative in ["AZURE_CLIENT_SECRET", "--insecure-storage"] {
        assert!(err.contains(alternative), "{err}");
    }
    // No silent fallback: nothing was written anywhere.
    assert!(!fx.insecure_file("client-secret").exists());
    assert!(!fx.metadata().contains("client-secret"));
    fx.assert_nowhere("would-be-secret", &[&out]);
}

#[cfg(unix)]
#[test]
fn a_keyring_that_never_answers_times_out() {
    let fx = Fixture::new("hang");
    // A socket that accepts connections and never says a word, like a wedged D-Bus.
    let socket = fx.sb.path().join("silent-bus");
    let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
    let started = std::time::Instant::now();
    let out = fx
        .sb
        .cmd()
        .env(
            "DBUS_SESSION_BUS_ADDRESS",
            format!("unix:path={}", socket.display()),
        )
        .env("MAILCONN_KEYRING_TIMEOUT", "2")
        .args(["credentials", "set", "client-secret", "--secret-stdin"])
        .write_stdin("x")
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    assert_eq!(exit_code(&out), 78, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("did not answer within 2 s"),
        "{}",
        stderr(&out)
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(30));
}

/// Key, certificate, PEM bundle and PFX files made with the openssl CLI, and the expected
/// thumbprints computed by openssl too (not by the code under test).
struct CertFiles {
    key: PathBuf,
    cert: PathBuf,
    both: PathBuf,
    /// Another key with the certificate.
    mismatch: PathBuf,
    pfx: PathBuf,
    x5t: String,
    x5t_s256: String,
    /// A line from the middle of the private key, to look for leaks.
    key_line: String,
}

const PFX_PASSWORD: &str = "pfx-Pa55word";

fn openssl(dir: &Path, script: &str) -> String {
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(script)
        .current_dir(dir)
        .output()
        .expect("sh runs");
    assert!(
        out.status.success(),
        "openssl failed (is the openssl CLI installed?): {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

fn cert_files(dir: &Path) -> CertFiles {
    openssl(
        dir,
        "openssl req -x509 -newkey rsa:2048 -nodes -keyout key.pem -out cert.pem -days 60 \
         -subj /CN=mailconn-test 2>/dev/null && cat key.pem cert.pem > both.pem && \
         openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out other-key.pem \
         2>/dev/null && cat other-key.pem cert.pem > mismatch.pem",
    );
    // Modern encryption on purpose: PBES2 + AES-256 + SHA-256 MAC (OpenSSL 3's default).
    openssl(
        dir,
        &format!(
            "openssl pkcs12 -export -inkey key.pem -in cert.pem -out modern.pfx \
             -keypbe AES-256-CBC -certpbe AES-256-CBC -macalg sha256 -passout pass:{PFX_PASSWORD}"
        ),
    );
    let thumbprint = |digest: &str| {
        openssl(
            dir,
            &format!(
                "openssl x509 -in cert.pem -outform DER | openssl dgst -{digest} -binary \
                 | base64 | tr '+/' '-_' | tr -d '='"
            ),
        )
    };
    let key_text = std::fs::read_to_string(dir.join("key.pem")).unwrap();
    CertFiles {
        key: dir.join("key.pem"),
        cert: dir.join("cert.pem"),
        both: dir.join("both.pem"),
        mismatch: dir.join("mismatch.pem"),
        pfx: dir.join("modern.pfx"),
        x5t: thumbprint("sha1"),
        x5t_s256: thumbprint("sha256"),
        key_line: key_text.lines().nth(10).unwrap().to_owned(),
    }
}

fn set_certificate(fx: &Fixture, file: &Path, extra: &[&str], stdin: &str) -> Output {
    fx.cmd()
        .args(["credentials", "set", "certificate"])
        .arg(file)
        .args(extra)
        .write_stdin(stdin)
        .output()
        .unwrap()
}

#[test]
fn a_pem_certificate_keeps_its_key_in_the_keyring_and_records_thumbprints() {
    let fx = Fixture::new("pem");
    let files = cert_files(fx.sb.path());
    let set = set_certificate(&fx, &files.both, &["--json"], "");
    assert!(set.status.success(), "{}", stderr(&set));
    assert_eq!(
        stdout(&set).matches("\"store\"").count(),
        1,
        "{}",
        stdout(&set)
    );
    let json: serde_json::Value = serde_json::from_slice(&set.stdout).unwrap();
    assert_eq!(json["store"], "keyring");
    assert_eq!(json["x5t"], files.x5t.as_str());
    assert_eq!(json["x5t#S256"], files.x5t_s256.as_str());
    assert_eq!(json["subject"], "CN=mailconn-test");
    // The profile signs in with a client secret: say that the certificate is unused.
    assert!(
        stderr(&set).contains("used only with auth certificate"),
        "{}",
        stderr(&set)
    );

    // The bundle (key + certificate) is over the chunk size; the key is in the pieces.
    let account = fx.account("certificate");
    assert!(
        keyring::lookup(&account)
            .unwrap()
            .starts_with("mailconn-chunks:")
    );
    let mut bundle = String::new();
    for i in 1.. {
        match keyring::lookup(&format!("{account}#{i}")) {
            Some(piece) => bundle.push_str(&piece),
            None => break,
        }
    }
    assert!(
        bundle.contains(&files.key_line),
        "the private key is in the keyring"
    );
    assert!(bundle.contains("-----BEGIN CERTIFICATE-----"));

    let show = fx.show_json();
    let cert = &show["credentials"][0]["certificate"];
    assert_eq!(cert["x5t#S256"], files.x5t_s256.as_str());
    assert!(cert["not_after"].as_str().unwrap().starts_with("20"));
    let table = fx.cmd().args(["credentials", "show"]).output().unwrap();
    assert!(
        stdout(&table).contains(&files.x5t_s256),
        "{}",
        stdout(&table)
    );
    assert!(fx.metadata().contains(&files.x5t), "{}", fx.metadata());
    fx.assert_nowhere(&files.key_line, &[&set, &table]);

    fx.cmd()
        .args(["credentials", "remove", "certificate"])
        .assert()
        .success();
    assert_eq!(keyring::lookup(&account), None);
    assert_eq!(keyring::lookup(&format!("{account}#1")), None);
}

#[test]
fn a_modern_pfx_is_read_with_its_password_from_stdin_or_the_environment() {
    let fx = Fixture::new("pfx");
    let files = cert_files(fx.sb.path());

    let no_password = fx
        .cmd()
        .args(["credentials", "set", "certificate", "--no-input"])
        .arg(&files.pfx)
        .output()
        .unwrap();
    assert_eq!(exit_code(&no_password), 1, "{}", stderr(&no_password));
    assert!(
        stderr(&no_password).contains("--password-stdin"),
        "{}",
        stderr(&no_password)
    );

    let wrong = set_certificate(&fx, &files.pfx, &["--password-stdin"], "wrong\n");
    assert_eq!(exit_code(&wrong), 1);
    assert!(
        stderr(&wrong).contains("password is wrong"),
        "{}",
        stderr(&wrong)
    );

    let set = set_certificate(
        &fx,
        &files.pfx,
        &["--password-stdin", "--json"],
        &format!("{PFX_PASSWORD}\n"),
    );
    assert!(set.status.success(), "{}", stderr(&set));
    let json: serde_json::Value = serde_json::from_slice(&set.stdout).unwrap();
    assert_eq!(json["x5t#S256"], files.x5t_s256.as_str());
    assert_eq!(json["x5t"], files.x5t.as_str());
    fx.assert_nowhere(PFX_PASSWORD, &[&set]);
    fx.assert_nowhere(&files.key_line, &[&set]);

    let by_env = fx
        .cmd()
        .env("MAILCONN_CERTIFICATE_PASSWORD", PFX_PASSWORD)
        .args(["credentials", "set", "certificate", "--no-input"])
        .arg(&files.pfx)
        .output()
        .unwrap();
    assert!(by_env.status.success(), "{}", stderr(&by_env));

    fx.cmd()
        .args(["credentials", "remove", "certificate"])
        .assert()
        .success();
}

#[test]
fn a_certificate_without_its_key_is_refused_with_a_hint() {
    let fx = Fixture::new("nokey");
    let files = cert_files(fx.sb.path());
    let out = set_certificate(&fx, &files.cert, &[], "");
    assert_eq!(exit_code(&out), 1);
    assert!(stderr(&out).contains("no private key"), "{}", stderr(&out));
    assert!(stderr(&out).contains("hint:"), "{}", stderr(&out));
    let mismatch = set_certificate(&fx, &files.mismatch, &[], "");
    assert_eq!(exit_code(&mismatch), 1);
    assert!(
        stderr(&mismatch).contains("does not belong to the certificate"),
        "{}",
        stderr(&mismatch)
    );
    let key_only = set_certificate(&fx, &files.key, &[], "");
    assert_eq!(exit_code(&key_only), 1);
    assert!(
        stderr(&key_only).contains("no certificate"),
        "{}",
        stderr(&key_only)
    );
}

#[test]
fn a_federated_token_file_is_recorded_as_a_path() {
    let fx = Fixture::new("federated");
    let token = fx.sb.path().join("azure-identity-token");
    std::fs::write(&token, "eyJ.token.value").unwrap();

    let missing = fx
        .cmd()
        .args(["credentials", "set", "federated-token-file"])
        .arg(fx.sb.path().join("nope"))
        .output()
        .unwrap();
    assert_eq!(exit_code(&missing), 1, "{}", stderr(&missing));

    let set = fx
        .cmd()
        .args(["credentials", "set", "federated-token-file"])
        .arg(&token)
        .output()
        .unwrap();
    assert!(set.status.success(), "{}", stderr(&set));
    let json = fx.show_json();
    let entry = &json["credentials"][0];
    assert_eq!(entry["credential"], "federated-token-file");
    assert_eq!(entry["origin"], "metadata");
    assert_eq!(entry["location"], token.display().to_string());
    assert_eq!(entry["exists"], true);
    fx.assert_nowhere("eyJ.token.value", &[&set]);

    fx.cmd()
        .args(["credentials", "remove", "federated-token-file"])
        .assert()
        .success();
    assert_eq!(fx.show_json()["credentials"].as_array().unwrap().len(), 0);
}

#[cfg(unix)]
#[test]
fn the_prompt_hides_the_secret_as_it_is_typed() {
    let fx = Fixture::new("prompt");
    let secret = "typed~at~the~prompt";
    let mut cmd = fx.sb.std_cmd();
    cmd.env("DBUS_SESSION_BUS_ADDRESS", keyring::session_bus())
        .args(["credentials", "set", "client-secret"]);
    let mut pty = rexpect::session::spawn_command(cmd, Some(30_000)).expect("spawn in a pty");
    pty.exp_string("Client secret").expect("the prompt");
    pty.send_line(secret).unwrap();
    let rest = pty.exp_eof().expect("the command ends");
    assert!(rest.contains("Stored the client secret"), "{rest}");
    assert!(!rest.contains(secret), "the secret was echoed: {rest}");
    assert_eq!(
        keyring::lookup(&fx.account("client-secret")).as_deref(),
        Some(secret)
    );
    fx.cmd()
        .args(["credentials", "remove", "client-secret"])
        .assert()
        .success();
}

#[test]
fn a_locked_keyring_is_a_configuration_error_too() {
    keyring::session_bus();
    let fx = Fixture::new("locked");
    // A keyring of its own (locking the shared one would break the other tests), locked
    // before mailconn runs; headless, nobody can answer the unlock prompt.
    let script = "dbus-send --session --print-reply --dest=org.freedesktop.secrets \
        /org/freedesktop/secrets org.freedesktop.Secret.Service.Lock \
        array:objpath:/org/freedesktop/secrets/collection/login >/dev/null && \
        printf would-be-secret | \"$0\" credentials set client-secret --secret-stdin";
    let root = fx.sb.path();
    let out = std::process::Command::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.ci/with-keyring"))
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", root.join("home"))
        .env("XDG_CONFIG_HOME", root.join("config"))
        .env("XDG_DATA_HOME", root.join("data"))
        .env("XDG_STATE_HOME", root.join("state"))
        .env("MAILCONN_KEYRING_TIMEOUT", "20")
        .args(["sh", "-c", script, common::bin()])
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert_eq!(exit_code(&out), 78, "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("is not available"), "{err}");
    assert!(err.contains("--insecure-storage"), "{err}");
    assert!(!fx.insecure_file("client-secret").exists());
}

#[test]
fn a_certificate_from_the_environment_is_opened_by_show() {
    let fx = Fixture::new("envcert");
    let files = cert_files(fx.sb.path());
    let show = |password: &str| {
        let out = fx
            .cmd()
            .env("AZURE_CLIENT_CERTIFICATE_PATH", &files.pfx)
            .env("AZURE_CLIENT_CERTIFICATE_PASSWORD", password)
            .args(["credentials", "show", "--json"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        fx.assert_nowhere(PFX_PASSWORD, &[&out]);
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        json["credentials"][0].clone()
    };
    let good = show(PFX_PASSWORD);
    assert_eq!(good["origin"], "env");
    assert_eq!(good["certificate"]["x5t#S256"], files.x5t_s256.as_str());
    let bad = show("wrong");
    assert_eq!(bad["problem"], "the PFX password is wrong");
}

#[test]
fn a_damaged_records_file_is_a_configuration_error_with_a_way_out() {
    let fx = Fixture::new("records");
    std::fs::create_dir_all(fx.metadata_path().parent().unwrap()).unwrap();
    std::fs::write(fx.metadata_path(), "[profiles.x\n").unwrap();
    let out = fx
        .cmd_without_keyring()
        .args(["credentials", "show"])
        .output()
        .unwrap();
    assert_eq!(exit_code(&out), 78, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("credentials.toml"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("fix or delete"), "{}", stderr(&out));
}

#[cfg(unix)]
#[test]
fn a_missing_keyring_is_reported_before_the_secret_is_typed() {
    let fx = Fixture::new("preflight");
    let mut cmd = fx.sb.std_cmd();
    cmd.env("XDG_RUNTIME_DIR", fx.sb.path())
        .args(["credentials", "set", "client-secret"]);
    let mut pty = rexpect::session::spawn_command(cmd, Some(30_000)).expect("spawn in a pty");
    let output = pty
        .exp_eof()
        .expect("the command ends without waiting for input");
    assert!(output.contains("is not available"), "{output}");
    assert!(
        !output.contains("Client secret"),
        "prompted anyway: {output}"
    );
}

#[cfg(unix)]
#[test]
fn a_pfx_password_is_asked_for_at_a_hidden_prompt() {
    let fx = Fixture::new("pfxprompt");
    let files = cert_files(fx.sb.path());
    let mut cmd = fx.sb.std_cmd();
    cmd.env("DBUS_SESSION_BUS_ADDRESS", keyring::session_bus())
        .args(["credentials", "set", "certificate"])
        .arg(&files.pfx);
    let mut pty = rexpect::session::spawn_command(cmd, Some(30_000)).expect("spawn in a pty");
    pty.exp_string("PFX password").expect("the prompt");
    pty.send_line(PFX_PASSWORD).unwrap();
    let rest = pty.exp_eof().expect("the command ends");
    assert!(rest.contains("Stored the certificate key"), "{rest}");
    assert!(rest.contains(&files.x5t_s256), "{rest}");
    assert!(
        !rest.contains(PFX_PASSWORD),
        "the password was echoed: {rest}"
    );
    fx.cmd()
        .args(["credentials", "remove", "certificate"])
        .assert()
        .success();
}
