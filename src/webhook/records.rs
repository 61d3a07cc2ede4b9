//! The record of every subscription mailconn created. Graph does not return the
//! `clientState`, the folder path or the profile, so the records are what let `list` flag
//! drift, `renew --all` find its subscriptions and the receiver check notifications and know
//! which folder to import.
//!
//! A profile whose store is on this host keeps its records in `subscriptions.toml` in the
//! state directory (`$XDG_STATE_HOME/mailconn/`, mode 0600) and each `clientState` in its
//! secret store. A profile on a shared store keeps them in that store, so every worker of the
//! fleet can renew them and check their notifications; there the `clientState` is kept
//! only as its SHA-256 digest, which checks a notification but cannot forge one, so the
//! database holds nothing a reader could use to make the workers run imports.
//!
//! Changes to the file are made under an advisory lock on a sibling file (a cron `renew`
//! and a running receiver may write at the same moment), and written atomically.

use std::collections::BTreeMap;
use std::fs::File;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::error::{Diagnose, ErrorKind};
use crate::mailbox::Identity;
use crate::private_fs;
pub use crate::store::{ClientStateDigest, SubscriptionRecord as Record};
use crate::store::{StoreError, StoreLocation, SubscriptionRecords};

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileContents {
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
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl Diagnose for RecordsError {
    fn kind(&self) -> ErrorKind {
        match self {
            RecordsError::Store(e) => e.kind(),
            _ => ErrorKind::Config,
        }
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
            RecordsError::Store(e) => e.hint(),
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

/// The records of every profile: the file, and the shared stores of the profiles that
/// have one.
#[derive(Debug, Clone)]
pub struct Records {
    file: RecordsFile,
    /// The profiles whose records are in a shared store, with that store.
    shared: BTreeMap<String, StoreLocation>,
}

impl Records {
    /// The records of `state_dir/mailconn/subscriptions.toml`.
    pub fn new(state_dir: &Path) -> Records {
        Records {
            file: RecordsFile {
                path: state_dir.join("mailconn").join("subscriptions.toml"),
            },
            shared: BTreeMap::new(),
        }
    }

    /// Keeps the records of `profile` in `store` if it is a shared one.
    pub fn with_store(mut self, profile: &str, store: &StoreLocation) -> Records {
        if store.is_shared() {
            self.shared.insert(profile.to_owned(), store.clone());
        }
        self
    }

    /// Whether `profile`'s records are in a shared store (where a `clientState` is kept as
    /// its digest, not in this host's secret store).
    pub fn is_shared(&self, profile: &str) -> bool {
        self.shared.contains_key(profile)
    }

    /// The shared stores, each once, with what a call made of its records.
    fn each_store<T>(
        &self,
        mut with: impl FnMut(&mut dyn SubscriptionRecords) -> Result<T, StoreError>,
    ) -> Result<Vec<T>, RecordsError> {
        let distinct: BTreeMap<String, &StoreLocation> = self
            .shared
            .values()
            .map(|location| (location.to_string(), location))
            .collect();
        distinct
            .values()
            .map(|location| with_records(location, &mut with))
            .collect()
    }

    /// Every record (of every profile).
    pub fn all(&self) -> Result<Vec<Record>, RecordsError> {
        let mut all = self.file.all()?;
        for records in self.each_store(|s| s.list())? {
            all.extend(records);
        }
        Ok(all)
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

    /// Adds or replaces the record with the same id, where its profile keeps its records.
    pub fn put(&self, record: Record) -> Result<(), RecordsError> {
        match self.shared.get(&record.profile) {
            Some(location) => with_records(location, |s| s.put(&record)),
            None => self.file.put(record),
        }
    }

    /// Removes a record; `false` when there was none.
    pub fn remove(&self, id: &str) -> Result<bool, RecordsError> {
        let mut removed = self.file.remove(id)?;
        for gone in self.each_store(|s| s.remove(id))? {
            removed |= gone;
        }
        Ok(removed)
    }

    /// Re-keys the records of `profile` that name `mailbox` by another spelling (as an older
    /// mailconn wrote them) to its key, and records its address. Returns how many changed.
    pub fn adopt(&self, profile: &str, mailbox: &Identity) -> Result<usize, RecordsError> {
        let Some(location) = self.shared.get(profile) else {
            return self.file.adopt(profile, mailbox);
        };
        with_records(location, |s| {
            let mut changed = 0;
            for mut record in s.list()? {
                if record.profile == profile
                    && mailbox.answers_to(&record.mailbox)
                    && adopted(&mut record, mailbox)
                {
                    s.put(&record)?;
                    changed += 1;
                }
            }
            Ok(changed)
        })
    }

    /// Records the expiry Graph returned.
    pub fn set_expiration(&self, id: &str, expiration: DateTime<Utc>) -> Result<(), RecordsError> {
        self.file.set_expiration(id, expiration)?;
        self.each_store(|s| s.set_expiration(id, expiration))?;
        Ok(())
    }
}

/// Runs `with` on the subscription records of the shared store at `location`.
fn with_records<T>(
    location: &StoreLocation,
    with: impl FnOnce(&mut dyn SubscriptionRecords) -> Result<T, StoreError>,
) -> Result<T, RecordsError> {
    let mut store = location.open()?;
    let records = store
        .subscriptions()
        .expect("a shared store keeps subscription records");
    Ok(with(records)?)
}

/// Gives `record` the mailbox's key and address; whether that changed it.
fn adopted(record: &mut Record, mailbox: &Identity) -> bool {
    if record.mailbox == mailbox.key && record.mailbox_address.as_deref() == Some(&mailbox.address)
    {
        return false;
    }
    record.mailbox = mailbox.key.clone();
    record.mailbox_address = Some(mailbox.address.clone());
    true
}

/// `subscriptions.toml`.
#[derive(Debug, Clone)]
struct RecordsFile {
    path: PathBuf,
}

impl RecordsFile {
    /// Every record (of every profile).
    pub fn all(&self) -> Result<Vec<Record>, RecordsError> {
        let _lock = self.lock()?;
        Ok(self.read()?.subscriptions)
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
                if adopted(record, mailbox) {
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

    fn read(&self) -> Result<FileContents, RecordsError> {
        match std::fs::read_to_string(&self.path) {
            Ok(text) => toml::from_str(&text).map_err(|e| RecordsError::Damaged {
                path: self.path.clone(),
                message: e.to_string(),
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(FileContents::default()),
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
    use crate::secrets::{Secret, StoreKind};

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
            client_state_store: Some(StoreKind::Keyring),
            client_state_digest: None,
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
            let mode = std::fs::metadata(&records.file.path)
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
        let identity = identity();
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

    #[test]
    fn a_digest_matches_its_client_state_only() {
        let made = Secret::new("s3cret".to_owned());
        let digest = ClientStateDigest::of(&made);
        assert!(digest.matches(Some(&Secret::new("s3cret".into()))));
        for other in ["s3creT", "s3cret!", ""] {
            assert!(!digest.matches(Some(&Secret::new(other.into()))), "{other}");
        }
        assert!(!digest.matches(None));
        assert!(!format!("{digest:?}").contains("s3cret"));
        assert_eq!(
            ClientStateDigest::from_bytes(digest.as_bytes()),
            Some(digest)
        );
        assert_eq!(ClientStateDigest::from_bytes(&[0; 31]), None);
    }

    /// A profile on a shared store keeps its records there, with the digest and nothing
    /// of the secret; the other profiles keep theirs in the file.
    #[test]
    fn a_shared_stores_profile_keeps_its_records_in_the_store() {
        let dir = tempfile::tempdir().unwrap();
        let store = StoreLocation::server(&crate::store::tests::postgres_database()).unwrap();
        let records = Records::new(dir.path()).with_store("fleet", &store);
        // Another host: the same store, a state directory of its own.
        let elsewhere = tempfile::tempdir().unwrap();
        let other_host = Records::new(elsewhere.path()).with_store("fleet", &store);
        let client_state = Secret::new("the-client-state".to_owned());
        let mut shared = record("s1", "fleet");
        shared.mailbox = "Support@Contoso.test".into();
        shared.client_state_store = None;
        shared.client_state_digest = Some(ClientStateDigest::of(&client_state));
        records.put(shared).unwrap();
        records.put(record("l1", "local")).unwrap();
        assert!(records.is_shared("fleet") && !records.is_shared("local"));

        let seen = other_host
            .get("s1")
            .unwrap()
            .expect("the other host sees it");
        assert!(
            seen.client_state_digest
                .unwrap()
                .matches(Some(&client_state))
        );
        assert_eq!(seen.client_state_store, None);
        assert_eq!(
            other_host.get("l1").unwrap(),
            None,
            "the file stays on its host"
        );
        let file = std::fs::read_to_string(&records.file.path).unwrap();
        assert!(file.contains("l1") && !file.contains("s1"), "{file}");

        let identity = identity();
        assert_eq!(other_host.adopt("fleet", &identity).unwrap(), 1);
        assert_eq!(records.adopt("fleet", &identity).unwrap(), 0, "done once");
        let later = Utc::now() + chrono::Duration::days(2);
        other_host.set_expiration("s1", later).unwrap();
        let renewed = records.get("s1").unwrap().unwrap();
        assert_eq!(renewed.mailbox, "a1b2");
        assert_eq!(
            renewed.expiration.timestamp_micros(),
            later.timestamp_micros()
        );
        assert!(other_host.remove("s1").unwrap());
        assert!(!records.remove("s1").unwrap());
        assert_eq!(records.all().unwrap().len(), 1);

        // A record without its digest cannot be checked by any worker: refused.
        let err = records.put(record("s2", "fleet")).unwrap_err();
        assert!(err.to_string().contains("digest"), "{err}");
    }

    /// support@contoso.test, resolved to the object id `a1b2`.
    fn identity() -> Identity {
        Identity {
            configured: "support@contoso.test".into(),
            key: "a1b2".into(),
            address: "support@contoso.test".into(),
            spellings: vec!["support@contoso.test".into()],
            resolved: true,
        }
    }

    fn record_like(records: &Records, id: &str) -> Record {
        records.get(id).unwrap().unwrap()
    }
}
