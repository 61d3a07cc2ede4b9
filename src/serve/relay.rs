//! Change notifications for folders dealt to another worker: Graph posts each to the URL
//! its subscription names, whichever worker that is. The worker that receives one for a
//! folder it does not hold announces the profile on the shared store; every worker of the
//! store hears it, and the one the folder is dealt to imports it at once instead of at its
//! next poll (see `store/pg/changes.rs`).

use std::collections::HashMap;
use std::sync::Arc;

use tokio::sync::mpsc;

use crate::serve::metrics::Metrics;
use crate::store::{StoreError, StoreLocation};
use crate::webhook::scheduler::Scheduler;

/// Announces that `profile`'s folder changed to the workers of `store`, off the runtime
/// (a store call blocks); a failure is logged, and the folder's schedule brings its mail.
pub fn announce(store: &StoreLocation, profile: &str) {
    let (store, profile) = (store.clone(), profile.to_owned());
    tokio::task::spawn_blocking(move || {
        let announced = store.open_leases().and_then(|leases| {
            leases
                .expect("a shared store has leases")
                .announce_change(&profile)
        });
        match announced {
            Ok(()) => tracing::info!(profile, "notification relayed to the worker it is dealt to"),
            Err(e) => {
                tracing::warn!(profile, error = %e, "cannot relay the notification; the folder's schedule brings its mail")
            }
        }
    });
}

/// Listens on `store` and imports each announced profile that is dealt to this worker
/// (`index`: profile name to the worker's index), until the runtime ends.
pub fn hear(
    store: &StoreLocation,
    index: Arc<HashMap<String, usize>>,
    metrics: Arc<Metrics>,
    scheduler: Arc<Scheduler<String>>,
) -> Result<(), StoreError> {
    let (heard, mut inbox) = mpsc::unbounded_channel::<String>();
    let wanted = heard.clone();
    store.listen_for_changes(
        move |profile| {
            let _ = heard.send(profile.to_owned());
        },
        move || !wanted.is_closed(),
    )?;
    tokio::spawn(async move {
        while let Some(profile) = inbox.recv().await {
            if let Some(&i) = index.get(&profile)
                && metrics.is_dealt(i)
            {
                tracing::info!(profile, "relayed notification");
                scheduler.trigger(profile);
            }
        }
    });
    Ok(())
}
