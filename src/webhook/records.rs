//! The local record of every subscription mailconn created: `subscriptions.toml` in the
//! state directory (`$XDG_STATE_HOME/mailconn/`, mode 0600). Graph does not return the
//! `clientState`, the folder path or the profile, so this file is what lets `list` flag drift,
//! `renew --all` find its subscriptions and the receiver check notifications and know which
//! folder to import. The `clientState` itself is in the secret store, never here.
//!
//! Changes are made under an advisory lock on a sibling file (a cron `renew` and a running
//! receiver may write at the same moment), and written atomically.

use std::fs::File;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::error::{Diagnose, ErrorKind};
use crate::mailbox::Identity;
use crate::private_fs;
use crate::secrets::StoreKind;

/// One subscription mailconn made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    pub id: String,
    pub profile: String,
    /// The mailbox's object id (older records: the address as typed, re-keyed by
    /// [`Records::adopt`] on first use), so every spelling of a mailbox is one mailbox.
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
    /// The secret store holding this subscription's `clientState`.
    pub client_state_store: StoreKind,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RecordsFile {
    #[serde(
        default,
        rename = "subscription",
        skip_serializing_if = "Vec::is_empty"
    )]
    subscriptions: Vec<Record>,
}

#[derive(Debug, thiserror::Error)]
pub enum RecordsError {
    #[error("cannot {action} the subscription records {path}: {source}")]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("the subscription records {path} are damaged: {message}")]
    Damaged { path: PathBuf, message: String },
}

impl Diagnose for RecordsError {
    fn kind(&self) -> ErrorKind {
        ErrorKind::Config
    }

    fn hint(&self) -> Option<String> {
        match self {
            RecordsError::Io { .. } => {
                Some("check the permissions of the state directory (XDG_STATE_HOME)".into())
            }
            RecordsError::Damaged { .. } => Some(
                "fix the file by hand, or move it away: `mailconn subscription list` then shows the server's subscriptions as only-remote"
                    .into(),
            ),
        }
    }
}

impl Record {
    /// Whether the subscription should be renewed now: it expires within `within`. The one
    /// rule `subscription renew --within` and the receiver's renewals both follow.
    pub fn renewal_due(&self, now: DateTime<Utc>, within: chrono::Duration) -> bool {
        renewal_due(Some(self.expiration), now, within)
    }

    /// The mailbox as a person recognises it.
    pub fn mailbox_shown(&self) -> &str {
        self.mailbox_address.as_deref().unwrap_or(&self.mailbox)
    }
}

/// [`Record::renewal_due`] for an expiry alone (a subscription known only by its id has
/// none and is always due).
pub fn renewal_due(
    expiration: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
    within: chrono::Duration,
) -> bool {
    expiration.is_none_or(|expiration| expiration - now <= within)
}

/// The records file.
#[derive(Debug, Clone)]
pub struct Records {
    path: PathBuf,
}

impl Records {
    /// `subscriptions.toml` under `state_dir/mailconn/`.
    pub fn new(state_dir: &Path) -> Records {
        Records {
            path: state_dir.join("mailconn").join("subscriptions.toml"),
        }
    }

    /// Every record (of every profile).
    pub fn all(&self) -> Result<Vec<Record>, RecordsError> {
        let _lock = self.lock()?;
        Ok(self.read()?.subscriptions)
    }

    /// The records of `profile`.
    pub fn of_profile(&self, profile: &str) -> Result<Vec<Record>, RecordsError> {
        Ok(self
            .all()?
            .into_iter()
            .filter(|r| r.profile == profile)
            .collect())
    }

    pub fn get(&self, id: &str) -> Result<Option<Record>, RecordsError> {
        Ok(self.all()?.into_iter().find(|r| r.id == id))
    }

    /// Adds or replaces the record with the same id.
    pub fn put(&self, record: Record) -> Result<(), RecordsError> {
        self.update(|records| {
            records.retain(|r| r.id != record.id);
            records.push(record);
        })
    }

    /// Removes a record; `false` when there was none.
    pub fn remove(&self, id: &str) -> Result<bool, RecordsError> {
        let mut removed = false;
        self.update(|records| {
            let before = records.len();
            records.retain(|r| r.id != id);
            removed = records.len() != before;
        })?;
        Ok(removed)
    }

    /// Re-keys the records of `profile` that name `mailbox` by another spelling (as an older
    /// mailconn wrote them) to its key, and records its address. Returns how many changed.
    pub fn adopt(&self, profile: &str, mailbox: &Identity) -> Result<usize, RecordsError> {
        let mut changed = 0;
        self.update(|records| {
            for record in records
                .iter_mut()
                .filter(|r| r.profile == profile && mailbox.answers_to(&r.mailbox))
            {
                if record.mailbox != mailbox.key
                    || record.mailbox_address.as_deref() != Some(&mailbox.address)
                {
                    record.mailbox = mailbox.key.clone();
                    record.mailbox_address = Some(mailbox.address.clone());
                    changed += 1;
                }
            }
        })?;
        Ok(changed)
    }

    /// Records the expiry Graph returned.
    pub fn set_expiration(&self, id: &str, expiration: DateTime<Utc>) -> Result<(), RecordsError> {
        self.update(|records| {
            for record in records.iter_mut().filter(|r| r.id == id) {
                record.expiration = expiration;
            }
        })
    }

    fn update(&self, change: impl FnOnce(&mut Vec<Record>)) -> Result<(), RecordsError> {
        let _lock = self.lock()?;
        let mut file = self.read()?;
        let before = file.subscriptions.clone();
        change(&mut file.subscriptions);
        // Nothing changed (a renewal to the same expiry, records already adopted): no
        // rewrite, so a `subscription list` from cron does not touch the file every time.
        if file.subscriptions == before {
            return Ok(());
        }
        let text = toml::to_string(&file).map_err(|e| RecordsError::Damaged {
            path: self.path.clone(),
            message: e.to_string(),
        })?;
        let header = "# Graph subscriptions made by mailconn (`mailconn subscription list`).\n\
                      # Written by mailconn; the clientState of each is in the secret store.\n\n";
        private_fs::write(&self.path, format!("{header}{text}").as_bytes()).map_err(|source| {
            RecordsError::Io {
                action: "write",
                path: self.path.clone(),
                source,
            }
        })
    }

    fn read(&self) -> Result<RecordsFile, RecordsError> {
        match std::fs::read_to_string(&self.path) {
            Ok(text) => toml::from_str(&text).map_err(|e| RecordsError::Damaged {
                path: self.path.clone(),
                message: e.to_string(),
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(RecordsFile::default()),
            Err(source) => Err(RecordsError::Io {
                action: "read",
                path: self.path.clone(),
                source,
            }),
        }
    }

    /// An exclusive lock on `subscriptions.toml.lock`, released when dropped (or when the
    /// process dies).
    fn lock(&self) -> Result<File, RecordsError> {
        let path = self.path.with_extension("toml.lock");
        let io = |action, source| RecordsError::Io {
            action,
            path: path.clone(),
            source,
        };
        if let Some(dir) = path.parent() {
            private_fs::create_dir(dir).map_err(|e| io("create the directory of", e))?;
        }
        let file = private_fs::options()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|e| io("open", e))?;
        file.lock().map_err(|e| io("lock", e))?;
        Ok(file)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(id: &str, profile: &str) -> Record {
        Record {
            id: id.into(),
            profile: profile.into(),
            mailbox: "support@contoso.test".into(),
            mailbox_address: None,
            folder: "Inbox/Support".into(),
            folder_id: "AAMk".into(),
            resource: "users/support@contoso.test/mailFolders('AAMk')/messages".into(),
            notification_url: "https://example.test/notify".into(),
            lifecycle_url: None,
            expiration: Utc::now(),
            created_at: Utc::now(),
            client_state_store: StoreKind::Keyring,
        }
    }

    #[test]
    fn records_round_trip_privately() {
        let dir = tempfile::tempdir().unwrap();
        let records = Records::new(dir.path());
        assert!(records.all().unwrap().is_empty());
        records.put(record("a", "p1")).unwrap();
        records.put(record("b", "p2")).unwrap();
        assert_eq!(records.of_profile("p1").unwrap().len(), 1);
        assert!(records.remove("a").unwrap());
        assert!(!records.remove("a").unwrap());
        assert_eq!(records.all().unwrap(), vec![record_like(&records, "b")]);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&records.path)
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[test]
    fn records_of_another_spelling_are_re_keyed_once() {
        let dir = tempfile::tempdir().unwrap();
        let records = Records::new(dir.path());
        let mut old = record("a", "p1");
        old.mailbox = "Support@Contoso.test".into();
        records.put(old).unwrap();
        records.put(record("b", "p2")).unwrap();
        let identity = Identity {
            configured: "support@contoso.test".into(),
            key: "a1b2".into(),
            address: "support@contoso.test".into(),
            spellings: vec!["support@contoso.test".into()],
            resolved: true,
        };
        assert_eq!(records.adopt("p1", &identity).unwrap(), 1);
        let adopted = records.get("a").unwrap().unwrap();
        assert_eq!(adopted.mailbox, "a1b2");
        assert_eq!(adopted.mailbox_shown(), "support@contoso.test");
        assert_eq!(records.adopt("p1", &identity).unwrap(), 0, "idempotent");
        assert_eq!(
            records.get("b").unwrap().unwrap().mailbox,
            "support@contoso.test"
        );
    }

    fn record_like(records: &Records, id: &str) -> Record {
        records.get(id).unwrap().unwrap()
    }
}
