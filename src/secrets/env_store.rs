//! The environment as a read-only store: the azure-identity variables, so CI and containers
//! need no keyring and no config file. It comes first in the order: when a variable is set,
//! it wins over anything stored.

use super::certificate;
use super::{EntryKey, Secret, SecretError, SecretKind, SecretStore, StoreKind};
use crate::settings::env::{self, EnvVar};

pub struct EnvStore;

impl EnvStore {
    /// The variable that provides `kind`, if any.
    pub fn var_for(kind: SecretKind) -> Option<EnvVar> {
        match kind {
            SecretKind::ClientSecret => Some(env::AZURE_CLIENT_SECRET),
            SecretKind::CertificateKey => Some(env::AZURE_CLIENT_CERTIFICATE_PATH),
            SecretKind::RefreshToken
            | SecretKind::AccessToken
            | SecretKind::ClientState
            | SecretKind::StorePassword
            | SecretKind::Probe => None,
        }
    }

    /// The variable's value for `kind`, without an entry key: the environment has one value
    /// per kind, whatever the profile.
    pub fn read(kind: SecretKind) -> Result<Option<Secret>, SecretError> {
        match kind {
            SecretKind::ClientSecret => Ok(env::AZURE_CLIENT_SECRET.get().map(Secret::from)),
            SecretKind::CertificateKey => {
                let Some(path) = env::AZURE_CLIENT_CERTIFICATE_PATH.get() else {
                    return Ok(None);
                };
                let password = env::AZURE_CLIENT_CERTIFICATE_PASSWORD
                    .get()
                    .map(Secret::from);
                let loaded = certificate::load_file(path.as_ref(), password.as_ref())?;
                Ok(Some(loaded.bundle))
            }
            SecretKind::RefreshToken
            | SecretKind::AccessToken
            | SecretKind::ClientState
            | SecretKind::StorePassword
            | SecretKind::Probe => Ok(None),
        }
    }
}

impl SecretStore for EnvStore {
    fn kind(&self) -> StoreKind {
        StoreKind::Env
    }

    fn location(&self, key: &EntryKey) -> String {
        Self::var_for(key.kind()).map_or_else(|| "-".into(), |var| var.name.to_owned())
    }

    fn get(&self, key: &EntryKey) -> Result<Option<Secret>, SecretError> {
        Self::read(key.kind())
    }

    fn set(&self, key: &EntryKey, _: &Secret) -> Result<(), SecretError> {
        Err(self.read_only(key))
    }

    fn delete(&self, key: &EntryKey) -> Result<bool, SecretError> {
        Err(self.read_only(key))
    }
}

impl EnvStore {
    fn read_only(&self, key: &EntryKey) -> SecretError {
        SecretError::ReadOnly {
            var: Self::var_for(key.kind()).map_or("the environment", |v| v.name),
        }
    }
}
