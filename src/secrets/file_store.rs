//! The opt-in file store (`--insecure-storage`): one file per entry under
//! `$XDG_DATA_HOME/mailconn/insecure-secrets/PROFILE/KIND`, directories 0700, files 0600,
//! written atomically. The files are not encrypted: anyone who can read them (root, backups)
//! has the secret. It exists for headless servers without a keyring, and it is never chosen
//! silently: every read, write and delete calls the warning hook.

use std::path::{Path, PathBuf};

use zeroize::Zeroizing;

use super::{EntryKey, Secret, SecretError, SecretStore, StoreKind};
use crate::private_fs;

pub struct FileStore<'w> {
    dir: PathBuf,
    warn: &'w dyn Fn(&str),
}

impl<'w> FileStore<'w> {
    pub fn new(data_dir: &Path, warn: &'w dyn Fn(&str)) -> FileStore<'w> {
        FileStore {
            dir: data_dir.join("mailconn").join("insecure-secrets"),
            warn,
        }
    }

    fn path(&self, key: &EntryKey) -> PathBuf {
        // Accounts are `PROFILE/KIND` from validated names: no `..`, no absolute paths.
        self.dir.join(key.account())
    }

    fn chosen(&self, key: &EntryKey) {
        (self.warn)(&format!(
            "using the insecure file store: {} is a plain file (mode 0600), not encrypted",
            self.path(key).display()
        ));
    }
}

impl SecretStore for FileStore<'_> {
    fn kind(&self) -> StoreKind {
        StoreKind::File
    }

    fn location(&self, key: &EntryKey) -> String {
        self.path(key).display().to_string()
    }

    fn get(&self, key: &EntryKey) -> Result<Option<Secret>, SecretError> {
        self.chosen(key);
        let path = self.path(key);
        match std::fs::read(&path) {
            Ok(bytes) => {
                let bytes = Zeroizing::new(bytes);
                let text = String::from_utf8(bytes.to_vec()).map_err(|_| SecretError::Damaged {
                    account: path.display().to_string(),
                    reason: "not UTF-8".into(),
                })?;
                Ok(Some(Secret::new(text)))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(source) => Err(SecretError::File {
                action: "read",
                path,
                source,
            }),
        }
    }

    fn set(&self, key: &EntryKey, secret: &Secret) -> Result<(), SecretError> {
        self.chosen(key);
        let path = self.path(key);
        private_fs::write(&path, secret.expose_secret().as_bytes()).map_err(|source| {
            SecretError::File {
                action: "write",
                path,
                source,
            }
        })
    }

    fn delete(&self, key: &EntryKey) -> Result<bool, SecretError> {
        self.chosen(key);
        let path = self.path(key);
        match std::fs::remove_file(&path) {
            Ok(()) => {
                // The profile's directory goes when its last entry goes; a failure only
                // leaves an empty directory behind.
                if let Some(parent) = path.parent() {
                    let _ = std::fs::remove_dir(parent);
                }
                Ok(true)
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
            Err(source) => Err(SecretError::File {
                action: "delete",
                path,
                source,
            }),
        }
    }
}
