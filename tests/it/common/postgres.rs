//! Databases on the private PostgreSQL server `.ci/with-postgres` starts for the suite.

use std::path::Path;

use super::app_profile::AppProfile;
use super::emulator::Emulator;
use super::import::{FOLDER, MAILBOX};

/// A new database on the test server that the password role `mailconn_pw` owns, and a
/// `store_url` naming it over TCP (the password is not in it: see [`write_pgpass`]).
pub fn new_database() -> String {
    let admin = env("MAILCONN_TEST_PG_URL");
    let name = super::unique_name("store").replace('-', "_");
    let mut db = postgres::Client::connect(&format!("{admin}/postgres"), postgres::NoTls)
        .expect("the test PostgreSQL server answers");
    db.batch_execute(&format!("CREATE DATABASE {name} OWNER mailconn_pw"))
        .unwrap();
    format!("{}/{name}", env("MAILCONN_TEST_PG_TCP_URL"))
}

/// The password of the role [`new_database`]'s URLs log in as.
pub fn password() -> String {
    env("MAILCONN_TEST_PG_PASSWORD")
}

/// A libpq password file at `path` (mode 0600) giving `password` for every server.
pub fn write_pgpass(path: &Path, password: &str) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::write(
        path,
        format!("# test server\n*:*:*:mailconn_pw:{password}\n"),
    )
    .unwrap();
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).unwrap();
}

fn env(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| {
        panic!("{name} is not set: run the suite under .ci/with-postgres (scripts/test does)")
    })
}

/// The demo profile with its store on `url`, and the role's password in `~/.pgpass`.
pub fn on_server(url: &str, pgpass_password: &str) -> AppProfile {
    on_server_of(Emulator::demo(), url, pgpass_password, "")
}

/// The same on `emu`, with more `[import]` settings.
pub fn on_server_of(emu: Emulator, url: &str, pgpass_password: &str, import: &str) -> AppProfile {
    let app = AppProfile::new(emu, "client_id", MAILBOX, FOLDER);
    let config = app.sb.read_config();
    app.sb.write_config(&format!(
        "{config}[profiles.{}.import]\nstore_url = \"{url}\"\n{import}",
        app.profile
    ));
    write_pgpass(&app.sb.path().join("home/.pgpass"), pgpass_password);
    app
}

/// A PostgreSQL server of one test's own, to restart or stop under a run: a fresh cluster
/// in a temporary directory on a free port of 127.0.0.1, trust authentication, stopped and
/// removed when dropped. (The suite's shared server must stay up for the other tests.)
pub struct Cluster {
    dir: tempfile::TempDir,
    port: u16,
    /// Extra server settings (`-c name=value …`).
    settings: String,
}

impl Cluster {
    pub fn start() -> Cluster {
        Cluster::start_with(|_| String::new())
    }

    /// A cluster that accepts TCP connections only over TLS, with `cert` as its
    /// certificate (local connections over the socket stay plain, for the test's admin).
    pub fn start_with_tls(cert: &super::cert::Cert) -> Cluster {
        Cluster::start_with(|data| {
            std::fs::copy(cert.cert(), data.join("server.crt")).unwrap();
            std::fs::copy(cert.key(), data.join("server.key")).unwrap();
            std::fs::write(
                data.join("pg_hba.conf"),
                "local all all trust\nhostssl all all 127.0.0.1/32 trust\nhostssl all all ::1/128 trust\n",
            )
            .unwrap();
            if running_as_root() {
                run(std::process::Command::new("chown")
                    .arg("postgres:")
                    .arg(data.join("server.crt"))
                    .arg(data.join("server.key"))
                    .arg(data.join("pg_hba.conf")));
            }
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(
                data.join("server.key"),
                std::fs::Permissions::from_mode(0o600),
            )
            .unwrap();
            "-c ssl=on".to_owned()
        })
    }

    /// Initialises the cluster, lets `prepare` edit its data directory and name extra
    /// server settings, and starts it.
    fn start_with(prepare: impl FnOnce(&Path) -> String) -> Cluster {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        std::fs::create_dir(&data).unwrap();
        let port = super::free_port();
        let mut cluster = Cluster {
            dir,
            port,
            settings: String::new(),
        };
        if running_as_root() {
            // PostgreSQL refuses to run as root; the cluster belongs to Debian's postgres user.
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(cluster.dir.path(), std::fs::Permissions::from_mode(0o755))
                .unwrap();
            run(std::process::Command::new("chown")
                .arg("postgres:")
                .arg(&data));
        }
        run(cluster.server_tool("initdb").arg("-D").arg(&data).args([
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        ]));
        cluster.settings = prepare(&data);
        cluster.pg_ctl("start");
        cluster
    }

    /// A new database on this server, as a `store_url`.
    pub fn new_database(&self, name: &str) -> String {
        // Over the socket: TCP may be TLS only.
        let mut db = postgres::Config::new()
            .host_path(self.dir.path().join("data"))
            .port(self.port)
            .user("postgres")
            .dbname("postgres")
            .connect(postgres::NoTls)
            .unwrap();
        db.batch_execute(&format!("CREATE DATABASE {name}"))
            .unwrap();
        self.url(name)
    }

    fn url(&self, database: &str) -> String {
        format!("postgres://postgres@127.0.0.1:{}/{database}", self.port)
    }

    /// What the server logged (for a failing test's message).
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("data/server.log")).unwrap_or_default()
    }

    /// Stops the server (fast: sessions are cut off) and starts it again, waiting for both.
    pub fn restart(&self) {
        self.pg_ctl("restart");
    }

    fn pg_ctl(&self, action: &str) {
        let data = self.dir.path().join("data");
        run(self
            .server_tool("pg_ctl")
            .arg("-D")
            .arg(&data)
            .arg("-l")
            .arg(data.join("server.log"))
            .args(["-w", "-t", "60", "-m", "fast", "-o"])
            .arg(format!(
                "-h 127.0.0.1 -p {} -k {} -c fsync=off {}",
                self.port,
                data.display(),
                self.settings
            ))
            .arg(action));
    }

    fn server_tool(&self, tool: &str) -> std::process::Command {
        let path = Path::new(&env("MAILCONN_TEST_PG_BIN")).join(tool);
        if running_as_root() {
            let mut cmd = std::process::Command::new("runuser");
            cmd.args(["-u", "postgres", "--"]).arg(path);
            cmd
        } else {
            std::process::Command::new(path)
        }
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let _ = self
            .server_tool("pg_ctl")
            .arg("-D")
            .arg(self.dir.path().join("data"))
            .args(["-m", "immediate", "stop"])
            .output();
    }
}

fn running_as_root() -> bool {
    std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|out| out.stdout.trim_ascii() == b"0")
}

#[track_caller]
fn run(cmd: &mut std::process::Command) {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{cmd:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
