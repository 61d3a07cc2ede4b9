//! `mailconn logout`: forget the profile's stored tokens (its credentials stay; remove them
//! with `mailconn credentials remove`).

use serde::Serialize;

use super::Context;
use super::session::open;
use crate::error::Result;
use crate::output::{Render, TableStyle};
use crate::settings::resolve::Overrides;
use crate::settings::values::ProfileName;

#[derive(Debug, clap::Args)]
pub struct Args {}

#[derive(Debug, Serialize)]
struct LoggedOut {
    profile: Option<ProfileName>,
    /// Where the tokens were; `null` when there were none.
    removed_from: Option<String>,
}

impl Render for LoggedOut {
    fn human(&self, _: TableStyle) -> String {
        let whom = self
            .profile
            .as_ref()
            .map_or("The environment".to_owned(), |p| format!("Profile '{p}'"));
        match &self.removed_from {
            Some(location) => format!("{whom} is signed out; removed its tokens from {location}."),
            None => format!("{whom} had no stored tokens."),
        }
    }
}

pub fn run(ctx: &Context, _args: Args) -> Result<()> {
    let warn = |message: &str| ctx.printer.warn(message);
    let session = open(ctx, Overrides::default(), &warn)?;
    let removed_from = session.logout()?;
    ctx.printer.outcome(&LoggedOut {
        profile: session.settings().profile.clone(),
        removed_from,
    })
}
