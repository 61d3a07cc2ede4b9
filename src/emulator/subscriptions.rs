//! Change-notification subscriptions: the store, and the step that turns mailbox changes
//! into notifications for the subscriptions that watch them (graph-facts §8).

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use uuid::Uuid;

use super::mailstore::ChangeKind;
use super::state::{Shared, lock};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Subscription {
    pub id: Uuid,
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
}

impl Subscription {
    pub fn watches(&self, kind: ChangeKind) -> bool {
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
pub struct Subscriptions {
    items: Vec<Subscription>,
}

impl Subscriptions {
    pub fn add(&mut self, subscription: Subscription) {
        self.items.push(subscription);
    }

    /// Live subscriptions; expired ones are dropped first (Graph deletes them).
    pub fn live(&mut self, now: DateTime<Utc>) -> &mut Vec<Subscription> {
        self.items.retain(|s| s.expiration > now);
        &mut self.items
    }

    pub fn remove(&mut self, id: Uuid) -> bool {
        let before = self.items.len();
        self.items.retain(|s| s.id != id);
        before != self.items.len()
    }
}

/// Sends notifications for the mailbox changes made since the last call; one POST per
/// notification URL, batching its subscriptions' notifications as Graph does.
pub fn flush(emulator: &Shared) {
    let changes = lock(&emulator.mail).drain_changes();
    if changes.is_empty() {
        return;
    }
    let now = emulator.clock.now();
    let tenant = emulator.directory.tenant_id.to_string();
    let mut batches: BTreeMap<String, (Uuid, Vec<Value>)> = BTreeMap::new();
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
                "id": crate::emulator::crypto::base64url(&crate::emulator::crypto::random_bytes::<9>()),
                "subscriptionId": sub.id,
                "subscriptionExpirationDateTime": sub.expiration,
                "clientState": sub.client_state,
                "changeType": match change.kind {
                    ChangeKind::Created => "created",
                    ChangeKind::Updated => "updated",
                    ChangeKind::Deleted => "deleted",
                },
                "resource": resource,
                "tenantId": tenant,
                "resourceData": {
                    "@odata.type": "#Microsoft.Graph.Message",
                    "@odata.id": resource,
                    "@odata.etag": format!("W/\"{}\"", change.change_key),
                    "id": id,
                },
            });
            batches
                .entry(sub.notification_url.clone())
                .or_insert_with(|| (sub.id, Vec::new()))
                .1
                .push(notification);
        }
    }
    drop(subscriptions);
    for (url, (first_subscription, value)) in batches {
        emulator.notifier.post(
            "notification",
            first_subscription,
            url,
            json!({"value": value}),
        );
    }
}

/// A lifecycle event (`reauthorizationRequired`, `subscriptionRemoved`, `missed`) for one
/// subscription, sent to its lifecycle URL. `Err` when it has none.
pub fn lifecycle(emulator: &Shared, subscription: &Subscription, event: &str) -> Result<(), ()> {
    let url = subscription.lifecycle_url.clone().ok_or(())?;
    let payload = json!({"value": [{
        "subscriptionId": subscription.id,
        "subscriptionExpirationDateTime": subscription.expiration,
        "tenantId": emulator.directory.tenant_id,
        "clientState": subscription.client_state,
        "lifecycleEvent": event,
    }]});
    emulator
        .notifier
        .post("lifecycle", subscription.id, url, payload);
    Ok(())
}
