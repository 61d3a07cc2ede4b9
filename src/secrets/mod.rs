//! Secrets: the typed [`Secret`], one [`SecretStore`] trait and three stores, tried in a
//! visible order:
//!
//! 1. the environment ([`EnvStore`], read-only: `AZURE_CLIENT_SECRET`,
//!    `AZURE_CLIENT_CERTIFICATE_PATH` (+ `_PASSWORD`); it wins when set),
//! 2. the OS keyring ([`KeyringStore`], the default for `credentials set`),
//! 3. a plain file ([`FileStore`], only with `--insecure-storage`, with a warning each time).
//!
//! There is no silent fallback: when the keyring is missing or locked, the error says so and
//! names the alternatives. Which store holds each credential is recorded (see [`metadata`]),
//! so a later read goes straight to that store and `auth status` can say where it lives.
//!
//! Entries are keyed by profile and [`SecretKind`] (account `PROFILE/KIND`), so the token
//! cache can keep refresh and access tokens here later by adding kinds.

pub mod certificate;
mod chunks;
mod client_state;
pub mod credentials;
mod env_store;
mod error;
mod file_store;
mod keyring;
pub mod metadata;
mod secret;
mod tokens;

use std::fmt;
use std::time::Instant;

use serde::{Deserialize, Serialize};

pub use env_store::EnvStore;
pub use error::SecretError;
pub use file_store::FileStore;
pub use keyring::KeyringStore;
pub use secret::Secret;

use crate::settings::values::ProfileName;

/// A place secrets are kept. "Not found" is `Ok(None)`, so the next store can be asked.
pub trait SecretStore {
    fn kind(&self) -> StoreKind;
    /// Where `key` lives in this store, for people (never the value).
    fn location(&self, key: &EntryKey) -> String;
    fn get(&self, key: &EntryKey) -> Result<Option<Secret>, SecretError>;
    fn set(&self, key: &EntryKey, secret: &Secret) -> Result<(), SecretError>;
    /// `Ok(false)` when there was nothing to delete.
    fn delete(&self, key: &EntryKey) -> Result<bool, SecretError>;
}

/// The stores, in the order they are consulted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum StoreKind {
    Env,
    Keyring,
    File,
}

impl fmt::Display for StoreKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            StoreKind::Env => "environment",
            StoreKind::Keyring => "OS keyring",
            StoreKind::File => "insecure file",
        })
    }
}

/// What an entry holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SecretKind {
    ClientSecret,
    /// The certificate's PEM bundle: private key and certificates.
    CertificateKey,
    /// A delegated sign-in's refresh token (with when and for what it was issued).
    RefreshToken,
    /// The access token cache, so a cron run or CI check needs no token request.
    AccessToken,
    /// The `clientState` of one Graph subscription (see [`EntryKey::client_state`]).
    ClientState,
    /// The password of a shared store's database role (see [`EntryKey::store_password`]).
    StorePassword,
    /// The throwaway entry of [`self_check`].
    Probe,
}

impl SecretKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SecretKind::ClientSecret => "client-secret",
            SecretKind::CertificateKey => "certificate",
            SecretKind::RefreshToken => "refresh-token",
            SecretKind::AccessToken => "access-token",
            SecretKind::ClientState => "client-state",
            SecretKind::StorePassword => "store-password",
            SecretKind::Probe => "probe",
        }
    }
}

/// The name of one entry: account `PROFILE/KIND` under the service `mailconn`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntryKey {
    account: String,
    kind: SecretKind,
}

impl EntryKey {
    pub fn new(profile: &ProfileName, kind: SecretKind) -> EntryKey {
        EntryKey {
            account: format!("{profile}/{}", kind.as_str()),
            kind,
        }
    }

    /// The `clientState` of subscription `id`: account `PROFILE/client-state/ID`, one entry
    /// per subscription so cancelling one deletes exactly its entry.
    pub fn client_state(profile: &ProfileName, id: &str) -> EntryKey {
        // Subscription ids are GUIDs; anything else is kept to characters safe in a path.
        let id: String = id
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        EntryKey {
            account: format!("{profile}/{}/{id}", SecretKind::ClientState.as_str()),
            kind: SecretKind::ClientState,
        }
    }

    /// The password of the database role a shared store signs in as: one per server, user
    /// and database (`store` names them, never the password), whichever profiles use it.
    /// Profile names have no '@', so no profile's entry can take this name.
    pub fn store_password(store: &str) -> EntryKey {
        EntryKey {
            account: format!("@store/{store}/{}", SecretKind::StorePassword.as_str()),
            kind: SecretKind::StorePassword,
        }
    }

    /// A key no profile can own (profile names have no '.'), unique to this process.
    fn probe() -> EntryKey {
        EntryKey {
            account: format!("self-check.{}/probe", std::process::id()),
            kind: SecretKind::Probe,
        }
    }

    pub fn account(&self) -> &str {
        &self.account
    }

    pub fn kind(&self) -> SecretKind {
        self.kind
    }
}

/// The result of [`self_check`].
#[derive(Debug, Clone, Serialize)]
pub struct SelfCheck {
    pub store: StoreKind,
    /// Where the probe was written.
    pub location: String,
    /// Size of the probe value: larger than the Windows Credential Manager limit, so long
    /// values are exercised too.
    pub bytes: usize,
    pub elapsed_ms: u128,
}

/// Writes, reads back and deletes a probe entry: proves the store is reachable, unlocked,
/// persistent and handles long values. For `auth status`.
pub fn self_check(store: &dyn SecretStore) -> Result<SelfCheck, SecretError> {
    let started = Instant::now();
    let key = EntryKey::probe();
    let probe = Secret::new(probe_value());
    store.set(&key, &probe)?;
    let read = store.get(&key);
    let deleted = store.delete(&key);
    let damaged = |reason: &str| SecretError::Damaged {
        account: key.account().to_owned(),
        reason: reason.to_owned(),
    };
    match read? {
        Some(back) if back.expose_secret() == probe.expose_secret() => {}
        Some(_) => return Err(damaged("the probe read back differs from what was written")),
        None => return Err(damaged("the probe was written but cannot be found")),
    }
    if !deleted? {
        return Err(damaged("the probe was read but could not be deleted"));
    }
    if store.get(&key)?.is_some() {
        return Err(damaged("the probe is still there after deleting it"));
    }
    Ok(SelfCheck {
        store: store.kind(),
        location: store.location(&key),
        bytes: probe.expose_secret().len(),
        elapsed_ms: started.elapsed().as_millis(),
    })
}

/// 4 KiB that differ per run, so a stale probe cannot pass for a fresh one.
fn probe_value() -> String {
    let stamp = format!("{}-{:?};", std::process::id(), std::time::SystemTime::now());
    stamp.repeat(4096 / stamp.len() + 1)[..4096].to_owned()
}
