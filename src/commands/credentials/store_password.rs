//! `mailconn credentials set store-password` and `remove store-password`: the password of
//! the database role a shared store (`store_url`) signs in as, in the OS keyring, for hosts
//! that keep no `PGPASSFILE`. One entry per server, user and database, whichever profiles
//! use it.

use serde::Serialize;

use super::read_secret;
use crate::commands::Context;
use crate::commands::store_access::store_location;
use crate::error::{ErrorKind, Result, UserError};
use crate::output::{Render, TableStyle};
use crate::secrets::{EntryKey, KeyringStore, SecretStore};
use crate::settings::resolve::Overrides;
use crate::store::{ServerUrl, StoreLocation};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Read the password from stdin instead of a hidden prompt (one trailing newline is
    /// dropped).
    #[arg(long)]
    password_stdin: bool,
}

#[derive(Debug, Serialize)]
struct Outcome {
    /// The store as `postgres://USER@HOST:PORT/DATABASE`.
    store: String,
    location: String,
}

impl Render for Outcome {
    fn human(&self, _: TableStyle) -> String {
        format!(
            "Stored the password for {} in the OS keyring ({}).",
            self.store, self.location
        )
    }
}

#[derive(Debug, Serialize)]
struct Removed {
    store: String,
    removed: bool,
}

impl Render for Removed {
    fn human(&self, _: TableStyle) -> String {
        match self.removed {
            true => format!(
                "Removed the password for {} from the OS keyring.",
                self.store
            ),
            false => format!(
                "The OS keyring holds no password for {}; nothing to remove.",
                self.store
            ),
        }
    }
}

/// The selected store, which must be a server.
fn server(ctx: &Context) -> Result<ServerUrl> {
    match store_location(&ctx.settings(Overrides::default())?.import)? {
        StoreLocation::Server(url) => Ok(*url),
        file => Err(UserError::new(
            ErrorKind::Usage,
            format!("the store is the file {file}; a password is for a store_url (PostgreSQL)"),
        )
        .with_hint("set store_url in the profile's [import] table or at the top of the config file")
        .into()),
    }
}

pub fn set(ctx: &Context, args: Args) -> Result<()> {
    let url = server(ctx)?;
    let keyring = KeyringStore::new()?;
    let password = read_secret(
        ctx,
        args.password_stdin,
        "--password-stdin",
        "store password",
    )?;
    if password.expose_secret().is_empty() {
        return Err(UserError::new(ErrorKind::Usage, "the password is empty").into());
    }
    let key = EntryKey::store_password(&url.to_string());
    keyring.set(&key, &password)?;
    ctx.printer.data(&Outcome {
        store: url.to_string(),
        location: keyring.location(&key),
    })
}

/// Forgets the keyring's password of the selected store; none there is reported, not an
/// error, so scripts can run it unconditionally.
pub fn remove(ctx: &Context) -> Result<()> {
    let url = server(ctx)?;
    let removed = KeyringStore::new()?.delete(&EntryKey::store_password(&url.to_string()))?;
    ctx.printer.outcome(&Removed {
        store: url.to_string(),
        removed,
    })
}
