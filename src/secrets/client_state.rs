//! The `clientState` of each Graph subscription: a random value Graph echoes in every
//! notification, proving the notification came from the subscription we made. It is as
//! secret as a password (whoever knows it can make the receiver run imports), so it lives in
//! the profile's secret store, one entry per subscription, and the subscription record names
//! the store that holds it.

use super::credentials::Credentials;
use super::{EntryKey, Secret, SecretError, StoreKind};

impl Credentials<'_> {
    /// Where a new `clientState` goes: the insecure file store when the profile already
    /// keeps its secrets there (a headless server without a keyring), else the OS keyring.
    pub fn client_state_store(&self) -> Result<StoreKind, SecretError> {
        let recorded = self.metadata.profile(self.profile())?;
        let in_file = [
            recorded.client_secret.as_ref().map(|r| r.store),
            recorded.certificate.as_ref().map(|r| r.store),
            recorded.tokens.as_ref().map(|r| r.store),
        ]
        .contains(&Some(StoreKind::File));
        Ok(if in_file {
            StoreKind::File
        } else {
            StoreKind::Keyring
        })
    }

    pub fn set_client_state(
        &self,
        subscription: &str,
        value: &Secret,
        store: StoreKind,
    ) -> Result<(), SecretError> {
        self.store(store)
            .set(&EntryKey::client_state(self.profile(), subscription), value)
    }

    pub fn client_state(
        &self,
        subscription: &str,
        store: StoreKind,
    ) -> Result<Option<Secret>, SecretError> {
        self.store(store)
            .get(&EntryKey::client_state(self.profile(), subscription))
    }

    /// `Ok(false)` when there was nothing to delete.
    pub fn remove_client_state(
        &self,
        subscription: &str,
        store: StoreKind,
    ) -> Result<bool, SecretError> {
        self.store(store)
            .delete(&EntryKey::client_state(self.profile(), subscription))
    }
}
