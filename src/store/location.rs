//! Where the processing log lives: a SQLite file on this host, or a PostgreSQL database that
//! several hosts share.

use std::path::PathBuf;

use super::{Leases, PostgresStore, ServerUrl, SqliteStore, Store, StoreError};

#[derive(Debug, Clone)]
pub enum StoreLocation {
    File(PathBuf),
    /// Boxed: a parsed server configuration is large next to a path.
    Server(Box<ServerUrl>),
}

impl StoreLocation {
    /// A `store_url`: checked here, so a bad one is refused before anything runs.
    pub fn server(url: &str) -> Result<StoreLocation, StoreError> {
        Ok(StoreLocation::Server(Box::new(ServerUrl::parse(url)?)))
    }

    /// Opens (a file: creating) the store and brings its schema up to date.
    pub fn open(&self) -> Result<Box<dyn Store>, StoreError> {
        Ok(match self {
            StoreLocation::File(path) => Box::new(SqliteStore::open(path)?),
            StoreLocation::Server(url) => Box::new(PostgresStore::open(url)?),
        })
    }

    /// A connection of its own for a [`super::LeaseKeeper`]; `None` for a file, which
    /// has no leases.
    pub fn open_leases(&self) -> Result<Option<Box<dyn Leases>>, StoreError> {
        Ok(match self {
            StoreLocation::File(_) => None,
            StoreLocation::Server(url) => Some(Box::new(PostgresStore::open(url)?)),
        })
    }

    /// Calls `heard` with each profile another worker of this store announces as changed
    /// ([`Leases::announce_change`]), from a thread of its own, until `wanted` says stop.
    /// A file has no other workers: there is nothing to hear.
    pub fn listen_for_changes(
        &self,
        heard: impl Fn(&str) + Send + 'static,
        wanted: impl Fn() -> bool + Send + 'static,
    ) -> Result<(), StoreError> {
        match self {
            StoreLocation::File(_) => Ok(()),
            StoreLocation::Server(url) => super::pg::listen_for_changes(url, heard, wanted),
        }
    }

    /// Whether workers on other hosts may share it (and so runs take leases).
    pub fn is_shared(&self) -> bool {
        matches!(self, StoreLocation::Server(_))
    }

    /// Whether there may be something to read: a file that does not exist has nothing, a
    /// server is asked.
    pub fn may_exist(&self) -> bool {
        match self {
            StoreLocation::File(path) => path.exists(),
            StoreLocation::Server(_) => true,
        }
    }
}

impl std::fmt::Display for StoreLocation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreLocation::File(path) => write!(f, "{}", path.display()),
            StoreLocation::Server(url) => write!(f, "{url}"),
        }
    }
}
