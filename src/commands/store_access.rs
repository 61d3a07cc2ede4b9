//! Finding and opening the processing log / ticket store for the commands that read it.

use std::path::PathBuf;

use super::Context;
use crate::error::{ErrorKind, Result, ResultExt as _, UserError};
use crate::settings::env;
use crate::settings::profile::ImportSettings;
use crate::settings::resolve::Overrides;
use crate::store::{SqliteStore, sqlite};

/// The store file: `MAILCONN_STORE` > the profile's `[import] store` > the default
/// (`$XDG_DATA_HOME/mailconn/mailconn.db`).
pub fn store_path(import: &ImportSettings) -> Result<PathBuf> {
    if let Some(path) = env::MAILCONN_STORE.get() {
        return Ok(PathBuf::from(path));
    }
    if let Some(path) = &import.store {
        return Ok(path.clone());
    }
    Ok(sqlite::default_path()?)
}

/// Opens an existing store. Reading commands do not create one: an empty log at a mistyped
/// path would look like "nothing was imported".
pub fn open_existing(ctx: &Context) -> Result<SqliteStore> {
    let path = store_path(&ctx.settings(Overrides::default())?.import)?;
    if !path.exists() {
        return Err(UserError::new(
            ErrorKind::Failed,
            format!("there is no processing log at {} yet", path.display()),
        )
        .with_hint(
            "`mailconn import` creates it; if it lives elsewhere, set [import] store in the profile or MAILCONN_STORE",
        )
        .into());
    }
    SqliteStore::open(&path).with_context(|| format!("opening {}", path.display()))
}
