//! Databases on the private PostgreSQL server `.ci/with-postgres` starts for the suite.

use std::path::Path;

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
