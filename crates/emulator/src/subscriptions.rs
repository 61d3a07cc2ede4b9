//! Change-notification subscriptions: the store, and the step that turns mailbox changes
//! into notifications for the subscriptions that watch them (graph-facts §8).

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use uuid::Uuid;

use super::mailstore::ChangeKind;
use super::notify::Delivery;
use super::state::{Shared, lock};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Subscription {
    pub id: Uuid,
    /// The tenant of the token that created it (and of the watched mailbox).
    pub tenant_id: Uuid,
    pub app: Uuid,
    /// The signed-in user for delegated subscriptions.
    pub user: Option<Uuid>,
    /// `resource` as the client wrote it.
    pub resource: String,
    pub mailbox: Uuid,
    /// Watched folder id; `None` watches the whole mailbox.
    pub folder: Option<String>,
    pub change_type: String,
    pub notification_url: String,
    pub lifecycle_url: Option<String>,
    pub client_state: Option<String>,
    pub expiration: DateTime<Utc>,
    pub tls_version: String,
    /// Created with `Prefer: IdType="ImmutableId"`: notifications carry immutable ids.
    pub immutable: bool,
    /// When the last `reauthorizationRequired` went out; cleared by a renewal, set by
    /// `/reauthorize` (which answers the reminder without extending).
    #[serde(default)]
    pub reauthorization_sent: Option<DateTime<Utc>>,
}

impl Subscription {
    pub(crate) fn watches(&self, kind: ChangeKind) -> bool {
        let name = match kind {
            ChangeKind::Created => "created",
            ChangeKind::Updated => "updated",
            ChangeKind::Deleted => "deleted",
        };
        self.change_type
            .split(',')
            .any(|c| c.trim().eq_ignore_ascii_case(name))
    }
}

#[derive(Debug, Default, Serialize, Deserialize)]
pub(crate) struct Subscriptions {
    items: Vec<Subscription>,
}

impl Subscriptions {
    pub(crate) fn add(&mut self, subscription: Subscription) {
        self.items.push(subscription);
    }

    /// Live subscriptions; expired ones are dropped first (Graph deletes them).
    pub(crate) fn live(&mut self, now: DateTime<Utc>) -> &mut Vec<Subscription> {
        self.items.retain(|s| s.expiration > now);
        &mut self.items
    }

    pub(crate) fn remove(&mut self, id: Uuid) -> bool {
        let before = self.items.len();
        self.items.retain(|s| s.id != id);
        before != self.items.len()
    }
}

/// Sends notifications for the mailbox changes made since the last call; one POST per
/// notification URL, batching its subscriptions' notifications as Graph does.
pub(crate) fn flush(emulator: &Shared) {
    let changes = lock(&emulator.mail).drain_changes();
    if changes.is_empty() {
        return;
    }
    let now = emulator.clock.now();
    // Per URL: the subscriptions in the batch and their notifications.
    let mut batches: BTreeMap<String, (Vec<Subscription>, Vec<Value>)> = BTreeMap::new();
    let mut subscriptions = lock(&emulator.subscriptions);
    for (owner, change) in &changes {
        for sub in subscriptions.live(now).iter() {
            let in_scope =
                sub.mailbox == *owner && sub.folder.as_ref().is_none_or(|f| *f == change.folder_id);
            if !in_scope || !sub.watches(change.kind) {
                continue;
            }
            let id = if sub.immutable {
                &change.immutable_id
            } else {
                &change.id
            };
            let resource = format!("Users/{owner}/Messages/{id}");
            let notification = json!({
                "id": crate::crypto::base64url(&crate::crypto::random_bytes::<9>()),
                "subscriptionId": sub.id,
                "subscriptionExpirationDateTime": sub.expiration,
                "clientState": sub.client_state,
                "changeType": match change.kind {
                    ChangeKind::Created => "created",
                    ChangeKind::Updated => "updated",
                    ChangeKind::Deleted => "deleted",
                },
                "resource": resource,
                "tenantId": sub.tenant_id,
                "resourceData": {
                    "@odata.type": "#Microsoft.Graph.Message",
                    "@odata.id": resource,
                    "@odata.etag": format!("W/\"{}\"", change.change_key),
                    "id": id,
                },
            });
            let batch = batches.entry(sub.notification_url.clone()).or_default();
            if !batch.0.iter().any(|s| s.id == sub.id) {
                batch.0.push(sub.clone());
            }
            batch.1.push(notification);
        }
    }
    drop(subscriptions);
    for (url, (subscribers, value)) in batches {
        let delivery = emulator.notifier.post(
            "notification",
            subscribers[0].id,
            url,
            json!({"value": value}),
        );
        let emulator = emulator.clone();
        tokio::spawn(async move {
            if delivery.delivered.await == Ok(false) {
                report_missed(&emulator, &subscribers);
            }
        });
    }
}

/// A batch was dropped after its retries: its subscribers' lifecycle URLs hear `missed`,
/// the event that tells a client to resync with delta (graph-facts §8.7; the docs do not
/// say when Graph sends it, losing notifications is what it reports).
fn report_missed(emulator: &Shared, subscribers: &[Subscription]) {
    let now = emulator.clock.now();
    let live: Vec<Uuid> = lock(&emulator.subscriptions)
        .live(now)
        .iter()
        .map(|s| s.id)
        .collect();
    for subscription in subscribers.iter().filter(|s| live.contains(&s.id)) {
        let _ = lifecycle(emulator, subscription, "missed");
    }
}

/// Sends `reauthorizationRequired` to every subscription with a lifecycle URL that is within
/// `reauthorization_notice_secs` of expiry, again every `reauthorization_repeat_secs` until
/// it is renewed or expires (graph-facts §8.7: "every 15 minutes in the last hour").
/// Returns when each reminder's first delivery attempt is done.
pub(crate) async fn remind_near_expiry(emulator: &Shared) {
    let _one_pass = emulator.reminders.lock().await;
    let settings = &emulator.directory.settings;
    let notice = chrono::Duration::seconds(settings.reauthorization_notice_secs);
    let repeat = chrono::Duration::seconds(settings.reauthorization_repeat_secs);
    let now = emulator.clock.now();
    let due: Vec<Subscription> = lock(&emulator.subscriptions)
        .live(now)
        .iter_mut()
        .filter(|s| s.lifecycle_url.is_some() && s.expiration - now <= notice)
        .filter(|s| {
            s.reauthorization_sent
                .is_none_or(|sent| now - sent >= repeat)
        })
        .map(|s| {
            s.reauthorization_sent = Some(now);
            s.clone()
        })
        .collect();
    if due.is_empty() {
        return;
    }
    super::persist::save_now(emulator);
    for subscription in &due {
        if let Ok(delivery) = lifecycle(emulator, subscription, "reauthorizationRequired") {
            let _ = delivery.first_attempt.await;
        }
    }
}

/// Runs [`remind_near_expiry`] every second of real time (the emulator clock may also jump,
/// see `/admin/clock/advance`) for as long as the emulator exists.
pub(crate) fn spawn_reminders(emulator: &Shared) {
    let weak = std::sync::Arc::downgrade(emulator);
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(std::time::Duration::from_secs(1));
        loop {
            ticks.tick().await;
            let Some(emulator) = weak.upgrade() else {
                break;
            };
            remind_near_expiry(&emulator).await;
        }
    });
}

/// A lifecycle event (`reauthorizationRequired`, `subscriptionRemoved`, `missed`) for one
/// subscription, sent to its lifecycle URL. `Err` when it has none.
pub(crate) fn lifecycle(
    emulator: &Shared,
    subscription: &Subscription,
    event: &str,
) -> Result<Delivery, ()> {
    let url = subscription.lifecycle_url.clone().ok_or(())?;
    let payload = json!({"value": [{
        "subscriptionId": subscription.id,
        "subscriptionExpirationDateTime": subscription.expiration,
        "tenantId": subscription.tenant_id,
        "clientState": subscription.client_state,
        "lifecycleEvent": event,
    }]});
    Ok(emulator
        .notifier
        .post("lifecycle", subscription.id, url, payload))
}
