//! A profile's tokens: the refresh token of a delegated sign-in and the access-token cache.
//! They go to one store, recorded in the metadata like every other credential, so reading
//! them never probes a store they are not in.

use super::credentials::Credentials;
use super::metadata::TokensRecord;
use super::{Secret, SecretError, SecretKind, StoreKind};

impl Credentials<'_> {
    /// Where the tokens are kept, and for whom, if anywhere.
    pub fn tokens_record(&self) -> Result<Option<TokensRecord>, SecretError> {
        Ok(self.metadata.profile(self.profile())?.tokens)
    }

    /// A token entry (`RefreshToken` or `AccessToken`) from the recorded store.
    pub fn token(&self, kind: SecretKind) -> Result<Option<Secret>, SecretError> {
        match self.tokens_record()? {
            Some(record) => self.store(record.store).get(&self.key(kind)),
            None => Ok(None),
        }
    }

    /// Stores a token entry in `store` and updates the record with `change`.
    pub fn set_token(
        &self,
        kind: SecretKind,
        value: &Secret,
        store: StoreKind,
        change: impl FnOnce(&mut TokensRecord),
    ) -> Result<(), SecretError> {
        self.store(store).set(&self.key(kind), value)?;
        self.metadata.update(self.profile(), |p| {
            let record = p.tokens.get_or_insert(TokensRecord {
                store,
                account: None,
                signed_in_at: None,
                refreshed_at: None,
            });
            record.store = store;
            change(record);
        })
    }

    /// Deletes both token entries and the record. Returns where they were, if anywhere.
    pub fn remove_tokens(&self) -> Result<Option<String>, SecretError> {
        let Some(record) = self.tokens_record()? else {
            return Ok(None);
        };
        let store = self.store(record.store);
        for kind in [SecretKind::RefreshToken, SecretKind::AccessToken] {
            store.delete(&self.key(kind))?;
        }
        self.metadata.update(self.profile(), |p| p.tokens = None)?;
        Ok(Some(store.location(&self.key(SecretKind::RefreshToken))))
    }
}
