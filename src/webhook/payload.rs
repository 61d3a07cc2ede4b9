//! What Graph posts to a receiver (graph-facts §8.4, §8.7): change notifications and
//! lifecycle notifications, both as `{"value":[…]}`, told apart by `lifecycleEvent`. Only the
//! fields the receiver acts on are read; everything else is ignored, so new fields from Graph
//! do not break it.

use serde::Deserialize;

use crate::secrets::Secret;

#[derive(Deserialize)]
struct Envelope {
    value: Vec<Item>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Item {
    subscription_id: String,
    #[serde(default)]
    client_state: Option<String>,
    #[serde(default)]
    change_type: Option<String>,
    #[serde(default)]
    lifecycle_event: Option<String>,
}

/// A lifecycle event (§8.7).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LifecycleEvent {
    ReauthorizationRequired,
    SubscriptionRemoved,
    Missed,
}

impl LifecycleEvent {
    fn parse(name: &str) -> Option<LifecycleEvent> {
        match name {
            "reauthorizationRequired" => Some(LifecycleEvent::ReauthorizationRequired),
            "subscriptionRemoved" => Some(LifecycleEvent::SubscriptionRemoved),
            "missed" => Some(LifecycleEvent::Missed),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            LifecycleEvent::ReauthorizationRequired => "reauthorizationRequired",
            LifecycleEvent::SubscriptionRemoved => "subscriptionRemoved",
            LifecycleEvent::Missed => "missed",
        }
    }
}

/// What one notification asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// `created`, `updated` or `deleted`: the folder changed.
    Change(String),
    Lifecycle(LifecycleEvent),
    /// A lifecycle event this receiver does not know.
    UnknownLifecycle(String),
}

/// One notification. Its `clientState` stays wrapped: it is compared, never shown.
#[derive(Debug)]
pub struct Notification {
    pub subscription_id: String,
    pub client_state: Option<Secret>,
    pub kind: Kind,
}

/// Parses a notification body; `Err` says what is wrong with it (no value from the body).
pub fn parse(body: &[u8]) -> Result<Vec<Notification>, String> {
    let envelope: Envelope = serde_json::from_slice(body).map_err(|e| {
        // The classification only: serde's text may quote the clientState.
        format!(
            "not a notification payload ({:?} at line {})",
            e.classify(),
            e.line()
        )
    })?;
    Ok(envelope
        .value
        .into_iter()
        .map(|item| Notification {
            subscription_id: item.subscription_id,
            client_state: item.client_state.map(Secret::new),
            kind: match item.lifecycle_event {
                Some(event) => LifecycleEvent::parse(&event)
                    .map(Kind::Lifecycle)
                    .unwrap_or(Kind::UnknownLifecycle(event)),
                None => Kind::Change(item.change_type.unwrap_or_default()),
            },
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_and_lifecycle_events_are_told_apart() {
        let body = br#"{"value":[
            {"subscriptionId":"s1","clientState":"abc","changeType":"created","resource":"Users/x/Messages/y","extra":1},
            {"subscriptionId":"s2","clientState":"abc","lifecycleEvent":"missed"},
            {"subscriptionId":"s3","lifecycleEvent":"somethingNew"}]}"#;
        let items = parse(body).unwrap();
        assert_eq!(items[0].kind, Kind::Change("created".into()));
        assert_eq!(items[1].kind, Kind::Lifecycle(LifecycleEvent::Missed));
        assert_eq!(items[2].kind, Kind::UnknownLifecycle("somethingNew".into()));
        assert!(items[2].client_state.is_none());
    }

    #[test]
    fn malformed_bodies_are_refused_without_echoing_them() {
        let err = parse(br#"{"value":[{"clientState":"hunter2"}]}"#).unwrap_err();
        assert!(!err.contains("hunter2"), "{err}");
        assert!(parse(b"[]").is_err());
    }
}
