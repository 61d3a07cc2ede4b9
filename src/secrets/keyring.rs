//! The OS keyring: Secret Service over D-Bus (zbus, pure Rust) on Linux and the BSDs, the
//! Keychain on macOS, Credential Manager on Windows. Each target links its real store; there
//! is no in-memory mock to fall back to, so a secret that seems stored is stored.
//!
//! Every call runs on a worker thread and is abandoned after a timeout: a Secret Service that
//! accepts the connection and never answers must become an error the user can act on, not a
//! cron job that hangs forever.

use std::sync::{Arc, Mutex, mpsc};
use std::time::Duration;

use keyring_core::{CredentialStore, Entry};
use zeroize::Zeroizing;

use super::chunks::{self, Layout};
use super::{EntryKey, Secret, SecretError, SecretStore, StoreKind};
use crate::settings::ConfigError;
use crate::settings::env;

/// The service name of every entry; the account is `PROFILE/KIND` (see [`EntryKey`]).
pub const SERVICE: &str = "mailconn";

const DEFAULT_TIMEOUT_SECONDS: u64 = 30;

/// What the platform calls its keyring, for messages.
pub const BACKEND: &str = if cfg!(target_os = "macos") {
    "macOS Keychain"
} else if cfg!(target_os = "windows") {
    "Windows Credential Manager"
} else {
    "Secret Service"
};

/// What the platform calls the account field (`secret-tool` searches by `username`).
const ACCOUNT_FIELD: &str = if cfg!(any(target_os = "macos", target_os = "windows")) {
    "account"
} else {
    "username"
};

pub struct KeyringStore {
    timeout: Duration,
}

impl KeyringStore {
    /// Reads the timeout (`MAILCONN_KEYRING_TIMEOUT`); talks to nothing yet, so creating the
    /// store never fails for a missing keyring.
    pub fn new() -> Result<KeyringStore, SecretError> {
        let var = env::MAILCONN_KEYRING_TIMEOUT;
        let seconds = match var.get() {
            None => DEFAULT_TIMEOUT_SECONDS,
            Some(raw) => raw
                .trim()
                .parse::<u64>()
                .ok()
                .filter(|s| *s > 0)
                .ok_or_else(|| ConfigError::Env {
                    var: var.name,
                    message: format!("'{raw}' is not a whole number of seconds above 0"),
                })?,
        };
        Ok(KeyringStore {
            timeout: Duration::from_secs(seconds),
        })
    }

    /// Runs `op` against the platform store on a worker thread, waiting at most the timeout.
    /// A thread that hangs is left behind; it ends with the process.
    fn run<T: Send + 'static>(
        &self,
        op: impl FnOnce(&CredentialStore) -> Result<T, SecretError> + Send + 'static,
    ) -> Result<T, SecretError> {
        let (tx, rx) = mpsc::channel();
        std::thread::Builder::new()
            .name("keyring".into())
            .spawn(move || {
                let result = platform_store().and_then(|store| op(store.as_ref()));
                let _ = tx.send(result);
            })
            .map_err(|e| SecretError::Keyring {
                backend: BACKEND,
                detail: format!("cannot start a worker thread: {e}"),
            })?;
        match rx.recv_timeout(self.timeout) {
            Ok(result) => result,
            Err(mpsc::RecvTimeoutError::Timeout) => Err(SecretError::KeyringTimeout {
                backend: BACKEND,
                seconds: self.timeout.as_secs(),
            }),
            Err(mpsc::RecvTimeoutError::Disconnected) => Err(SecretError::Keyring {
                backend: BACKEND,
                detail: "the keyring worker stopped without an answer".into(),
            }),
        }
    }
}

impl SecretStore for KeyringStore {
    fn kind(&self) -> StoreKind {
        StoreKind::Keyring
    }

    fn location(&self, key: &EntryKey) -> String {
        format!(
            "{BACKEND}: service={SERVICE} {ACCOUNT_FIELD}={}",
            key.account()
        )
    }

    fn get(&self, key: &EntryKey) -> Result<Option<Secret>, SecretError> {
        let account = key.account().to_owned();
        self.run(move |store| read(store, &account))
    }

    fn set(&self, key: &EntryKey, secret: &Secret) -> Result<(), SecretError> {
        let account = key.account().to_owned();
        // The worker outlives this call if it times out, so it gets its own copy.
        let value = Secret::new(secret.expose_secret().clone());
        self.run(move |store| write(store, &account, &value))
    }

    fn delete(&self, key: &EntryKey) -> Result<bool, SecretError> {
        let account = key.account().to_owned();
        self.run(move |store| remove(store, &account))
    }
}

/// The one platform store of this process, opened on first use (on a worker thread: opening
/// the Secret Service connects to D-Bus, which can hang too).
fn platform_store() -> Result<Arc<CredentialStore>, SecretError> {
    static STORE: Mutex<Option<Arc<CredentialStore>>> = Mutex::new(None);
    let mut slot = STORE
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(store) = slot.as_ref() {
        return Ok(store.clone());
    }
    let store = open_platform_store().map_err(|e| SecretError::KeyringUnavailable {
        backend: BACKEND,
        detail: describe(&e),
    })?;
    *slot = Some(store.clone());
    Ok(store)
}

#[cfg(any(
    target_os = "linux",
    target_os = "freebsd",
    target_os = "openbsd",
    target_os = "netbsd"
))]
fn open_platform_store() -> keyring_core::Result<Arc<CredentialStore>> {
    Ok(zbus_secret_service_keyring_store::Store::new()?)
}

#[cfg(target_os = "macos")]
fn open_platform_store() -> keyring_core::Result<Arc<CredentialStore>> {
    Ok(apple_native_keyring_store::keychain::Store::new()?)
}

#[cfg(target_os = "windows")]
fn open_platform_store() -> keyring_core::Result<Arc<CredentialStore>> {
    Ok(windows_native_keyring_store::Store::new()?)
}

#[cfg(not(any(
    target_os = "linux",
    target_os = "freebsd",
    target_os = "openbsd",
    target_os = "netbsd",
    target_os = "macos",
    target_os = "windows"
)))]
fn open_platform_store() -> keyring_core::Result<Arc<CredentialStore>> {
    Err(keyring_core::Error::NoDefaultStore)
}

fn entry(store: &CredentialStore, account: &str) -> Result<Entry, SecretError> {
    store.build(SERVICE, account, None).map_err(failure)
}

/// The raw value of one entry, `None` when it does not exist.
fn get_raw(
    store: &CredentialStore,
    account: &str,
) -> Result<Option<Zeroizing<String>>, SecretError> {
    match entry(store, account)?.get_password() {
        Ok(value) => Ok(Some(Zeroizing::new(value))),
        Err(keyring_core::Error::NoEntry) => Ok(None),
        Err(e) => Err(failure(e)),
    }
}

fn delete_raw(store: &CredentialStore, account: &str) -> Result<bool, SecretError> {
    match entry(store, account)?.delete_credential() {
        Ok(()) => Ok(true),
        Err(keyring_core::Error::NoEntry) => Ok(false),
        Err(e) => Err(failure(e)),
    }
}

fn read(store: &CredentialStore, account: &str) -> Result<Option<Secret>, SecretError> {
    let Some(main) = get_raw(store, account)? else {
        return Ok(None);
    };
    let damaged = |reason: String| SecretError::Damaged {
        account: account.to_owned(),
        reason,
    };
    let Some(manifest) = chunks::manifest(&main).map_err(damaged)? else {
        return Ok(Some(Secret::new(main.to_string())));
    };
    let mut pieces = Vec::with_capacity(manifest.count);
    for index in 1..=manifest.count {
        let piece = get_raw(store, &chunks::piece_account(account, index))?
            .ok_or_else(|| damaged(format!("piece {index} of {} is missing", manifest.count)))?;
        pieces.push(piece);
    }
    chunks::join(&manifest, &pieces)
        .map(|value| Some(Secret::new(value)))
        .map_err(damaged)
}

/// Writes the pieces before the manifest, then drops pieces an older, longer value left.
fn write(store: &CredentialStore, account: &str, value: &Secret) -> Result<(), SecretError> {
    let old_count = old_piece_count(store, account)?;
    let new_count = match chunks::layout(value.expose_secret()) {
        Layout::Whole(whole) => {
            entry(store, account)?
                .set_password(whole)
                .map_err(failure)?;
            0
        }
        Layout::Chunked { manifest, pieces } => {
            for (i, piece) in pieces.iter().enumerate() {
                entry(store, &chunks::piece_account(account, i + 1))?
                    .set_password(piece)
                    .map_err(failure)?;
            }
            entry(store, account)?
                .set_password(&manifest)
                .map_err(failure)?;
            pieces.len()
        }
    };
    for index in new_count + 1..=old_count {
        delete_raw(store, &chunks::piece_account(account, index))?;
    }
    Ok(())
}

fn remove(store: &CredentialStore, account: &str) -> Result<bool, SecretError> {
    for index in 1..=old_piece_count(store, account)? {
        delete_raw(store, &chunks::piece_account(account, index))?;
    }
    delete_raw(store, account)
}

/// How many pieces the current value has (0 when whole, absent, or unreadable as a manifest,
/// so that a damaged entry can still be overwritten or removed).
fn old_piece_count(store: &CredentialStore, account: &str) -> Result<usize, SecretError> {
    Ok(get_raw(store, account)?
        .and_then(|main| chunks::manifest(&main).ok().flatten())
        .map_or(0, |m| m.count))
}

/// Sorts keyring errors: "cannot get in" (locked, no access, no store) is a configuration
/// problem with alternatives; anything else is a failure of the operation.
fn failure(e: keyring_core::Error) -> SecretError {
    match e {
        keyring_core::Error::NoStorageAccess(_) | keyring_core::Error::NoDefaultStore => {
            SecretError::KeyringUnavailable {
                backend: BACKEND,
                detail: describe(&e),
            }
        }
        other => SecretError::Keyring {
            backend: BACKEND,
            detail: describe(&other),
        },
    }
}

/// The error and its causes on one line (the platform detail is often in the source).
fn describe(e: &keyring_core::Error) -> String {
    let mut text = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(cause) = source {
        let more = cause.to_string();
        if !text.contains(&more) {
            text.push_str(": ");
            text.push_str(&more);
        }
        source = cause.source();
    }
    text
}
