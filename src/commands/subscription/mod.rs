//! `mailconn subscription ...`: Graph change-notification subscriptions on the profile's
//! mailbox folders (graph-facts §8), kept in step with their local records.

mod cancel;
mod create;
mod list;
mod renew;

use chrono::{DateTime, Utc};
use clap::Subcommand;

use super::Context;
use super::store_access::store_location;
use crate::error::{ErrorKind, Result, UserError};
use crate::graph::Graph;
use crate::mailbox::{self, Identity};
use crate::secrets::credentials::{Credentials, Dirs};
use crate::session::Session;
use crate::webhook::records::Records;

// Parsed once per process: the size of the largest variant costs nothing worth boxing for.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum SubscriptionCommand {
    /// Subscribe to new mail in the profile's folder: Graph calls --notification-url.
    Create(create::Args),
    /// Extend subscriptions to the longest lifetime Graph allows (for cron: --all --within 2d).
    Renew(renew::Args),
    /// Delete subscriptions at Graph and here; one that is already gone is not an error.
    Cancel(cancel::Args),
    /// The profile's subscriptions, here and at Graph, with drift and time to expiry.
    List(list::Args),
}

pub fn run(ctx: &Context, command: SubscriptionCommand) -> Result<()> {
    match command {
        SubscriptionCommand::Create(args) => create::run(ctx, args),
        SubscriptionCommand::Renew(args) => renew::run(ctx, args),
        SubscriptionCommand::Cancel(args) => cancel::run(ctx, args),
        SubscriptionCommand::List(args) => list::run(ctx, args),
    }
}

/// The profile's credentials: subscriptions belong to a profile, whose secret store keeps
/// their `clientState`s.
fn credentials<'s, 'w>(session: &'s Session<'w>) -> Result<&'s Credentials<'w>> {
    session.credentials().ok_or_else(|| {
        UserError::new(
            ErrorKind::Config,
            "subscriptions need a profile: their clientState is kept in the profile's secret store",
        )
        .with_hint("select one with -p NAME or MAILCONN_PROFILE, or create one with `mailconn profile add`")
        .into()
    })
}

/// Where the profile's subscription records are: its shared store, or this host's file.
fn records(credentials: &Credentials<'_>, session: &Session<'_>) -> Result<Records> {
    let store = store_location(&session.settings().import)?;
    Ok(Records::new(&Dirs::from_environment()?.state)
        .with_store(credentials.profile().as_str(), &store))
}

/// The profile's mailbox as its object id, with the records an older mailconn keyed by
/// another spelling of it re-keyed on the way (and the warning when it cannot be resolved).
async fn identified(
    session: &Session<'_>,
    graph: &Graph,
    records: &Records,
    warn: &dyn Fn(&str),
) -> Result<Identity> {
    let configured = session.settings().mailbox()?.as_str().to_owned();
    let mailbox = mailbox::identify(session, graph, &configured, warn).await?;
    if let Some(credentials) = session.credentials() {
        records.adopt(credentials.profile().as_str(), &mailbox)?;
    }
    Ok(mailbox)
}

/// `6d 23h`, `45m`, `expired 2h ago`: time to an expiry, for people.
pub fn until(expiration: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let secs = (expiration - now).num_seconds();
    let span = |s: i64| {
        let (d, h, m) = (s / 86_400, s % 86_400 / 3600, s % 3600 / 60);
        match (d, h) {
            (0, 0) => format!("{m}m"),
            (0, _) => format!("{h}h {m}m"),
            _ => format!("{d}d {h}h"),
        }
    };
    if secs < 0 {
        format!("expired {} ago", span(-secs))
    } else {
        span(secs)
    }
}
