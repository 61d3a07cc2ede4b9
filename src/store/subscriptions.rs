//! A Graph subscription's record, as this host's `subscriptions.toml` and a shared store
//! keep it (`webhook/records.rs` chooses between them), and the records of a store that
//! several workers share: any worker renews them and checks their notifications, so they
//! live beside the leases rather than in one host's state directory.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::StoreError;
use crate::secrets::{Secret, StoreKind};

/// The subscription records of a shared store.
pub trait SubscriptionRecords {
    /// Every profile's records, oldest first.
    fn list(&self) -> Result<Vec<SubscriptionRecord>, StoreError>;
    /// Adds or replaces the record with the same id; it must carry its `clientState`'s
    /// digest, the only form in which a shared store keeps it.
    fn put(&mut self, record: &SubscriptionRecord) -> Result<(), StoreError>;
    /// `false` when there was none.
    fn remove(&mut self, id: &str) -> Result<bool, StoreError>;
    fn set_expiration(&mut self, id: &str, expiration: DateTime<Utc>) -> Result<(), StoreError>;
}

/// One subscription mailconn made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubscriptionRecord {
    pub id: String,
    pub profile: String,
    /// The mailbox's object id (older records: the address as typed, re-keyed by
    /// `Records::adopt` on first use), so every spelling of a mailbox is one mailbox.
    pub mailbox: String,
    /// The address people know the mailbox by.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mailbox_address: Option<String>,
    /// The folder path as configured (`Inbox/Support`), what the import is given.
    pub folder: String,
    /// The folder's id at creation (the resource names it).
    pub folder_id: String,
    pub resource: String,
    pub notification_url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lifecycle_url: Option<String>,
    /// As the server returned it (not as requested).
    pub expiration: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
    /// The secret store holding this subscription's `clientState`: a record on this
    /// host. `None` for a record in a shared store, which keeps its digest instead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_state_store: Option<StoreKind>,
    /// The `clientState`'s digest: a record in a shared store (never in the file).
    #[serde(skip)]
    pub client_state_digest: Option<ClientStateDigest>,
}

/// The SHA-256 of a `clientState`: what a notification's `clientState` is checked against.
#[derive(Clone, PartialEq, Eq)]
pub struct ClientStateDigest([u8; 32]);

impl ClientStateDigest {
    pub fn of(client_state: &Secret) -> ClientStateDigest {
        let digest = aws_lc_rs::digest::digest(
            &aws_lc_rs::digest::SHA256,
            client_state.expose_secret().as_bytes(),
        );
        ClientStateDigest(digest.as_ref().try_into().expect("SHA-256 is 32 bytes"))
    }

    /// A digest as stored; `None` unless it is 32 bytes.
    pub fn from_bytes(bytes: &[u8]) -> Option<ClientStateDigest> {
        Some(ClientStateDigest(bytes.try_into().ok()?))
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// Whether a notification's `clientState` is the one this digest was made of, compared
    /// in constant time.
    pub fn matches(&self, received: Option<&Secret>) -> bool {
        received.is_some_and(|received| {
            aws_lc_rs::constant_time::verify_slices_are_equal(
                ClientStateDigest::of(received).as_bytes(),
                &self.0,
            )
            .is_ok()
        })
    }
}

impl std::fmt::Debug for ClientStateDigest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ClientStateDigest(..)")
    }
}
