//! Change notifications relayed between the workers of one store with PostgreSQL's
//! LISTEN/NOTIFY: Graph posts a notification to the worker its subscription names, which
//! may not be the worker the mailbox is dealt to. That worker announces the profile on the
//! store, and every worker listening there hears it; the one it is dealt to imports.
//!
//! NOTIFY reaches only the sessions listening at that moment, and nothing is kept: a
//! worker that was reconnecting misses it, and the profile's schedule brings its mail
//! instead. That is the same promise Graph's own notifications make.

use std::time::Duration;

use postgres::Client;
use postgres::fallible_iterator::FallibleIterator as _;

use super::super::StoreError;
use super::ServerUrl;

/// The channel every worker of a store listens on; the payload is a profile name.
const CHANNEL: &str = "mailconn_changes";

/// How long the listener waits for a notification before it checks it is still wanted.
const WAKE: Duration = Duration::from_secs(1);

pub fn announce(db: &mut Client, profile: &str) -> Result<(), StoreError> {
    db.execute("SELECT pg_notify($1, $2)", &[&CHANNEL, &profile])?;
    Ok(())
}

/// Listens on a connection and thread of its own and calls `heard` with each announced
/// profile until `wanted` says stop. A connection the server closed (a restart) is made
/// again, as often as it takes; the first is made before this returns, so a server that
/// is down fails the caller at once.
pub fn listen(
    url: &ServerUrl,
    heard: impl Fn(&str) + Send + 'static,
    wanted: impl Fn() -> bool + Send + 'static,
) -> Result<(), StoreError> {
    let (url, shown) = (url.clone(), url.to_string());
    // The driver runs a runtime of its own, so even the first connection is made on the
    // thread (the caller may be on a runtime); the caller waits for its outcome.
    let (started, outcome) = std::sync::mpsc::sync_channel(1);
    std::thread::Builder::new()
        .name("mailconn-changes".into())
        .spawn(move || {
            let mut client = match subscribe(&url) {
                Ok(client) => {
                    let _ = started.send(Ok(()));
                    client
                }
                Err(e) => {
                    let _ = started.send(Err(e));
                    return;
                }
            };
            let mut broken = false;
            let mut pause = Duration::from_millis(100);
            while wanted() {
                if broken || client.is_closed() {
                    std::thread::sleep(pause);
                    match subscribe(&url) {
                        Ok(again) => {
                            tracing::info!(store = %url, "listening for relayed notifications again");
                            (client, broken) = (again, false);
                            pause = Duration::from_millis(100);
                        }
                        Err(_) => pause = (pause * 2).min(Duration::from_secs(5)),
                    }
                    continue;
                }
                for notification in client.notifications().timeout_iter(WAKE).iterator() {
                    match notification {
                        Ok(n) => heard(n.payload()),
                        Err(e) => {
                            tracing::warn!(store = %url, error = %e, "lost the connection that hears relayed notifications; reconnecting");
                            broken = true;
                            break;
                        }
                    }
                }
            }
        })
        .map_err(|e| StoreError::Open {
            store: shown.clone(),
            source: Box::new(e),
        })?;
    outcome.recv().map_err(|_| StoreError::Open {
        store: shown,
        source: "the thread that hears relayed notifications ended at start".into(),
    })?
}

fn subscribe(url: &ServerUrl) -> Result<Client, StoreError> {
    let mut client = url.connect()?;
    client.batch_execute(&format!("LISTEN {CHANNEL}"))?;
    Ok(client)
}
