//! The Graph subscription records of a store that several workers share (see
//! `webhook/records.rs`): any worker renews them and checks their notifications, so they
//! live beside the leases rather than in one host's state directory.

use chrono::{DateTime, Utc};

use super::StoreError;
use crate::webhook::records::Record;

pub trait SubscriptionRecords {
    /// Every profile's records, oldest first.
    fn list(&self) -> Result<Vec<Record>, StoreError>;
    /// Adds or replaces the record with the same id; it must carry its `clientState`'s
    /// digest, the only form in which a shared store keeps it.
    fn put(&mut self, record: &Record) -> Result<(), StoreError>;
    /// `false` when there was none.
    fn remove(&mut self, id: &str) -> Result<bool, StoreError>;
    fn set_expiration(&mut self, id: &str, expiration: DateTime<Utc>) -> Result<(), StoreError>;
}
