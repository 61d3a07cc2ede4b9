//! Finding and opening the processing log / ticket store for the commands that read it.

use super::Context;
use crate::error::{ErrorKind, Result, ResultExt as _, UserError};
use crate::settings::env;
use crate::settings::profile::ImportSettings;
use crate::settings::resolve::Overrides;
use crate::store::{Store, StoreLocation, sqlite};

/// The store: `MAILCONN_STORE_URL` > `MAILCONN_STORE` > the profile's `[import] store_url`
/// or `store` > the default file (`$XDG_DATA_HOME/mailconn/mailconn.db`).
pub fn store_location(import: &ImportSettings) -> Result<StoreLocation> {
    if let Some(url) = env::MAILCONN_STORE_URL.get() {
        return Ok(StoreLocation::server(&url)?);
    }
    if let Some(path) = env::MAILCONN_STORE.get() {
        return Ok(StoreLocation::File(path.into()));
    }
    if let Some(url) = &import.store_url {
        return Ok(StoreLocation::server(url)?);
    }
    if let Some(path) = &import.store {
        return Ok(StoreLocation::File(path.clone()));
    }
    Ok(StoreLocation::File(sqlite::default_path()?))
}

/// Opens an existing store. Reading commands do not create a file: an empty log at a
/// mistyped path would look like "nothing was imported".
pub fn open_existing(ctx: &Context) -> Result<Box<dyn Store>> {
    Ok(open_existing_at(ctx)?.1)
}

/// The same, with where the store is.
pub fn open_existing_at(ctx: &Context) -> Result<(StoreLocation, Box<dyn Store>)> {
    let location = match fleet_store(ctx)? {
        Some(fleet) => fleet,
        None => store_location(&ctx.settings(Overrides::default())?.import)?,
    };
    if !location.may_exist() {
        return Err(UserError::new(
            ErrorKind::Failed,
            format!("there is no processing log at {location} yet"),
        )
        .with_hint(
            "`mailconn import` creates it; if it lives elsewhere, set [import] store or store_url in the profile, or MAILCONN_STORE / MAILCONN_STORE_URL",
        )
        .into());
    }
    let store = location
        .open()
        .with_context(|| format!("opening {location}"))?;
    Ok((location, store))
}

/// The store of a whole fleet, for the commands that read the store rather than a profile
/// (`status`, `log`, `tickets`): with no profile asked for and several configured (none of
/// them the default), `MAILCONN_STORE_URL` or the top-level `store_url` names it, rather
/// than an error asking to pick one of profiles that all share it.
fn fleet_store(ctx: &Context) -> Result<Option<StoreLocation>> {
    if ctx.global.profile.is_some() {
        return Ok(None);
    }
    let file = ctx.load_config()?;
    if file.default_profile.is_some() || file.profiles.len() < 2 {
        return Ok(None);
    }
    let url = env::MAILCONN_STORE_URL.get().or(file.store_url);
    Ok(url.map(|url| StoreLocation::server(&url)).transpose()?)
}
