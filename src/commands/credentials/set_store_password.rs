//! `mailconn credentials set store-password`: the password of the database role a shared
//! store (`store_url`) signs in as, into the OS keyring, for hosts that keep no
//! `PGPASSFILE`. One entry per server, user and database, whichever profiles use it.

use serde::Serialize;

use super::read_secret;
use crate::commands::Context;
use crate::commands::store_access::store_location;
use crate::error::{ErrorKind, Result, UserError};
use crate::output::{Render, TableStyle};
use crate::secrets::{EntryKey, KeyringStore, SecretStore};
use crate::settings::resolve::Overrides;
use crate::store::StoreLocation;

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

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let location = store_location(&ctx.settings(Overrides::default())?.import)?;
    let StoreLocation::Server(url) = &location else {
        return Err(UserError::new(
            ErrorKind::Usage,
            format!("the store is the file {location}; a password is for a store_url (PostgreSQL)"),
        )
        .with_hint("set store_url in the profile's [import] table or at the top of the config file")
        .into());
    };
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
