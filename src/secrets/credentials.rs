//! A profile's credentials: client secret, certificate, federated token file. Setting one
//! writes the secret to the chosen store and records where it went (see [`super::metadata`]);
//! reading takes the environment first, then the recorded store; removing deletes both.

use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use chrono::{DateTime, NaiveDate, Utc};
use etcetera::BaseStrategy;
use serde::Serialize;

use super::certificate::{CertificateInfo, LoadedCertificate};
use super::metadata::{
    self, CertificateRecord, ClientSecretRecord, FederatedTokenFileRecord, Metadata,
    ProfileCredentials,
};
use super::{
    EntryKey, EnvStore, FileStore, KeyringStore, Secret, SecretError, SecretKind, SecretStore,
    SelfCheck, StoreKind, self_check,
};
use crate::settings::env::{self, EnvVar};
use crate::settings::values::ProfileName;

/// The credentials a profile can have.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CredentialKind {
    ClientSecret,
    Certificate,
    FederatedTokenFile,
}

impl CredentialKind {
    pub const ALL: [CredentialKind; 3] = [
        CredentialKind::ClientSecret,
        CredentialKind::Certificate,
        CredentialKind::FederatedTokenFile,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CredentialKind::ClientSecret => "client-secret",
            CredentialKind::Certificate => "certificate",
            CredentialKind::FederatedTokenFile => "federated-token-file",
        }
    }

    /// The secret-store entry, for the kinds that have one.
    fn secret_kind(self) -> Option<SecretKind> {
        match self {
            CredentialKind::ClientSecret => Some(SecretKind::ClientSecret),
            CredentialKind::Certificate => Some(SecretKind::CertificateKey),
            CredentialKind::FederatedTokenFile => None,
        }
    }

    /// The azure-identity variable that provides it and overrides what is stored.
    pub fn env_var(self) -> EnvVar {
        match self {
            CredentialKind::ClientSecret => env::AZURE_CLIENT_SECRET,
            CredentialKind::Certificate => env::AZURE_CLIENT_CERTIFICATE_PATH,
            CredentialKind::FederatedTokenFile => env::AZURE_FEDERATED_TOKEN_FILE,
        }
    }
}

impl fmt::Display for CredentialKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for CredentialKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        CredentialKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| {
                format!("unknown credential '{s}': use client-secret, certificate or federated-token-file")
            })
    }
}

impl Serialize for CredentialKind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// Where the file store and the metadata live.
#[derive(Debug, Clone)]
pub struct Dirs {
    /// Base of the insecure file store (`$XDG_DATA_HOME`).
    pub data: PathBuf,
    /// Base of the metadata file (`$XDG_STATE_HOME`, or the data dir where there is none).
    pub state: PathBuf,
}

impl Dirs {
    pub fn from_environment() -> Result<Dirs, SecretError> {
        let base =
            etcetera::choose_base_strategy().map_err(|e| SecretError::NoHome(e.to_string()))?;
        Ok(Dirs {
            data: base.data_dir(),
            state: base.state_dir().unwrap_or_else(|| base.data_dir()),
        })
    }
}

/// Where a new secret goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    Keyring,
    /// `--insecure-storage`.
    InsecureFile,
}

impl Target {
    fn store_kind(self) -> StoreKind {
        match self {
            Target::Keyring => StoreKind::Keyring,
            Target::InsecureFile => StoreKind::File,
        }
    }
}

/// The outcome of storing a secret.
#[derive(Debug, Serialize)]
pub struct Stored<R: Serialize> {
    /// Also in the record, which is what `--json` shows.
    #[serde(skip)]
    pub store: StoreKind,
    pub location: String,
    #[serde(flatten)]
    pub record: R,
    /// An older copy in another store that could not be deleted (its location and why).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old_copy_left: Option<String>,
}

/// The outcome of removing a credential.
#[derive(Debug, Serialize)]
pub struct Removed {
    pub credential: CredentialKind,
    /// Where it was removed from; `None` when nothing was recorded.
    pub removed_from: Option<String>,
    /// A variable that still provides this credential (mailconn cannot unset it).
    pub still_in_env: Option<&'static str>,
}

/// Where a credential comes from: a secret store, or (for the federated token file, which is
/// a path and not a secret) the metadata record.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Origin {
    Env,
    Keyring,
    File,
    Metadata,
}

impl From<StoreKind> for Origin {
    fn from(store: StoreKind) -> Origin {
        match store {
            StoreKind::Env => Origin::Env,
            StoreKind::Keyring => Origin::Keyring,
            StoreKind::File => Origin::File,
        }
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Env => StoreKind::Env.fmt(f),
            Origin::Keyring => StoreKind::Keyring.fmt(f),
            Origin::File => StoreKind::File.fmt(f),
            Origin::Metadata => f.write_str("recorded path"),
        }
    }
}

/// One place a credential is found, as `credentials show` and `auth status` list it.
#[derive(Debug, Serialize)]
pub struct Located {
    pub credential: CredentialKind,
    pub origin: Origin,
    pub location: String,
    /// `false` when an earlier store (the environment) overrides this one.
    pub in_use: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub set_at: Option<DateTime<Utc>>,
    /// A client secret's expiry as given with `--expires`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expires: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub certificate: Option<CertificateInfo>,
    /// For a file named by a path (federated token, certificate from the environment):
    /// whether it exists now.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exists: Option<bool>,
    /// Why this source cannot be used as it is, e.g. a certificate file with a wrong password.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problem: Option<String>,
}

/// The credentials of one profile.
pub struct Credentials<'w> {
    profile: ProfileName,
    pub(super) metadata: Metadata,
    keyring: KeyringStore,
    file: FileStore<'w>,
}

impl<'w> Credentials<'w> {
    /// `warn` is called each time the insecure file store is used.
    pub fn new(
        profile: ProfileName,
        dirs: &Dirs,
        warn: &'w dyn Fn(&str),
    ) -> Result<Credentials<'w>, SecretError> {
        Ok(Credentials {
            profile,
            metadata: Metadata::new(&dirs.state),
            keyring: KeyringStore::new()?,
            file: FileStore::new(&dirs.data, warn),
        })
    }

    pub fn profile(&self) -> &ProfileName {
        &self.profile
    }

    pub fn metadata_path(&self) -> &Path {
        self.metadata.path()
    }

    /// The store of a kind; the environment is reached through [`EnvStore`] directly.
    pub fn store(&self, kind: StoreKind) -> &dyn SecretStore {
        match kind {
            StoreKind::Env => &EnvStore,
            StoreKind::Keyring => &self.keyring,
            StoreKind::File => &self.file,
        }
    }

    /// Proves that the store a `set` would write to works (see [`self_check`]), so that
    /// nobody types a secret into a prompt only to learn that the keyring is locked.
    pub fn check_target(&self, target: Target) -> Result<SelfCheck, SecretError> {
        self_check(self.store(target.store_kind()))
    }

    pub fn set_client_secret(
        &self,
        secret: &Secret,
        expires: Option<NaiveDate>,
        target: Target,
    ) -> Result<Stored<ClientSecretRecord>, SecretError> {
        let before = self.metadata.profile(&self.profile)?;
        let previous = before.client_secret.map(|r| r.store);
        let (store, location, old_copy_left) =
            self.put(SecretKind::ClientSecret, secret, target, previous)?;
        let record = ClientSecretRecord {
            store,
            set_at: metadata::now(),
            expires,
        };
        self.metadata
            .update(&self.profile, |p| p.client_secret = Some(record.clone()))?;
        Ok(Stored {
            store,
            location,
            record,
            old_copy_left,
        })
    }

    pub fn set_certificate(
        &self,
        certificate: &LoadedCertificate,
        source: &Path,
        target: Target,
    ) -> Result<Stored<CertificateRecord>, SecretError> {
        let before = self.metadata.profile(&self.profile)?;
        let previous = before.certificate.map(|r| r.store);
        let (store, location, old_copy_left) = self.put(
            SecretKind::CertificateKey,
            &certificate.bundle,
            target,
            previous,
        )?;
        let source = std::path::absolute(source).unwrap_or_else(|_| source.to_owned());
        let record = CertificateRecord::new(store, source, certificate.info.clone());
        self.metadata
            .update(&self.profile, |p| p.certificate = Some(record.clone()))?;
        Ok(Stored {
            store,
            location,
            record,
            old_copy_left,
        })
    }

    /// Records the path (made absolute: cron runs elsewhere). The file must exist now.
    pub fn set_federated_token_file(
        &self,
        path: &Path,
    ) -> Result<FederatedTokenFileRecord, SecretError> {
        let absolute = std::path::absolute(path).map_err(|source| SecretError::File {
            action: "resolve",
            path: path.to_owned(),
            source,
        })?;
        let file = std::fs::metadata(&absolute).map_err(|source| SecretError::File {
            action: "read",
            path: absolute.clone(),
            source,
        })?;
        if !file.is_file() {
            return Err(SecretError::File {
                action: "use",
                path: absolute,
                source: std::io::Error::other("not a regular file"),
            });
        }
        let record = FederatedTokenFileRecord {
            path: absolute,
            set_at: metadata::now(),
        };
        self.metadata.update(&self.profile, |p| {
            p.federated_token_file = Some(record.clone())
        })?;
        Ok(record)
    }

    /// The federated token file: `AZURE_FEDERATED_TOKEN_FILE`, else the recorded path.
    pub fn federated_token_file(&self) -> Result<Option<PathBuf>, SecretError> {
        if let Some(path) = CredentialKind::FederatedTokenFile.env_var().get() {
            return Ok(Some(path.into()));
        }
        let recorded = self.metadata.profile(&self.profile)?;
        Ok(recorded.federated_token_file.map(|r| r.path))
    }

    /// Deletes the stored copy (if any) and its record. The environment is left alone.
    pub fn remove(&self, credential: CredentialKind) -> Result<Removed, SecretError> {
        let recorded = self.metadata.profile(&self.profile)?;
        let removed_from = match credential.secret_kind() {
            Some(kind) => match recorded_store(&recorded, credential) {
                Some(store) => {
                    let store = self.store(store);
                    let key = self.key(kind);
                    store.delete(&key)?;
                    Some(store.location(&key))
                }
                None => None,
            },
            None => recorded
                .federated_token_file
                .as_ref()
                .map(|r| format!("record of {}", r.path.display())),
        };
        if removed_from.is_some() {
            self.metadata.update(&self.profile, |p| match credential {
                CredentialKind::ClientSecret => p.client_secret = None,
                CredentialKind::Certificate => p.certificate = None,
                CredentialKind::FederatedTokenFile => p.federated_token_file = None,
            })?;
        }
        let var = credential.env_var();
        Ok(Removed {
            credential,
            removed_from,
            still_in_env: var.get().map(|_| var.name),
        })
    }

    /// Every place a credential of this profile is found, in the order they are consulted.
    /// Reads only the environment and the metadata: no keyring call, so it works (and is
    /// fast) where the keyring is not reachable.
    pub fn locate(&self) -> Result<Vec<Located>, SecretError> {
        let recorded = self.metadata.profile(&self.profile)?;
        let mut found = Vec::new();
        for credential in CredentialKind::ALL {
            let env_value = credential.env_var().get();
            if let Some(value) = &env_value {
                found.push(from_env(credential, value));
            }
            if let Some(located) = self.recorded(&recorded, credential, env_value.is_none()) {
                found.push(located);
            }
        }
        Ok(found)
    }

    /// The secret of `kind`: from the environment when set, else from the recorded store.
    /// The token sources read their credentials through this.
    pub fn secret(&self, kind: SecretKind) -> Result<Option<(Secret, StoreKind)>, SecretError> {
        let key = self.key(kind);
        if let Some(secret) = EnvStore.get(&key)? {
            return Ok(Some((secret, StoreKind::Env)));
        }
        let recorded = self.metadata.profile(&self.profile)?;
        let credential = match kind {
            SecretKind::ClientSecret => CredentialKind::ClientSecret,
            SecretKind::CertificateKey => CredentialKind::Certificate,
            // Tokens are read through `Credentials::token`.
            SecretKind::RefreshToken
            | SecretKind::AccessToken
            | SecretKind::ClientState
            | SecretKind::StorePassword
            | SecretKind::Probe => {
                return Ok(None);
            }
        };
        let Some(store_kind) = recorded_store(&recorded, credential) else {
            return Ok(None);
        };
        let store = self.store(store_kind);
        match store.get(&key)? {
            Some(secret) => Ok(Some((secret, store_kind))),
            None => Err(SecretError::Damaged {
                account: store.location(&key),
                reason: "recorded as stored there, but the entry is missing".into(),
            }),
        }
    }

    pub(super) fn key(&self, kind: SecretKind) -> EntryKey {
        EntryKey::new(&self.profile, kind)
    }

    /// Writes to the target store, then deletes a copy an earlier `set` left in another
    /// store (a plaintext copy must not linger after moving to the keyring).
    fn put(
        &self,
        kind: SecretKind,
        secret: &Secret,
        target: Target,
        previous: Option<StoreKind>,
    ) -> Result<(StoreKind, String, Option<String>), SecretError> {
        let store_kind = target.store_kind();
        let key = self.key(kind);
        let store = self.store(store_kind);
        store.set(&key, secret)?;
        let old_copy_left = match previous.filter(|p| *p != store_kind) {
            Some(old) => {
                let old = self.store(old);
                old.delete(&key)
                    .err()
                    .map(|e| format!("{} ({e})", old.location(&key)))
            }
            None => None,
        };
        Ok((store_kind, store.location(&key), old_copy_left))
    }

    fn recorded(
        &self,
        recorded: &ProfileCredentials,
        credential: CredentialKind,
        in_use: bool,
    ) -> Option<Located> {
        let base = |origin: Origin, location: String, set_at| Located {
            credential,
            origin,
            location,
            in_use,
            set_at: Some(set_at),
            expires: None,
            certificate: None,
            exists: None,
            problem: None,
        };
        let location =
            |store: StoreKind, kind: SecretKind| self.store(store).location(&self.key(kind));
        match credential {
            CredentialKind::ClientSecret => recorded.client_secret.as_ref().map(|r| Located {
                expires: r.expires,
                ..base(
                    r.store.into(),
                    location(r.store, SecretKind::ClientSecret),
                    r.set_at,
                )
            }),
            CredentialKind::Certificate => recorded.certificate.as_ref().map(|r| Located {
                certificate: Some(CertificateInfo {
                    subject: r.subject.clone(),
                    not_after: r.not_after,
                    x5t: r.x5t.clone(),
                    x5t_s256: r.x5t_s256.clone(),
                }),
                ..base(
                    r.store.into(),
                    location(r.store, SecretKind::CertificateKey),
                    r.set_at,
                )
            }),
            CredentialKind::FederatedTokenFile => {
                recorded.federated_token_file.as_ref().map(|r| Located {
                    exists: Some(r.path.exists()),
                    // A path is no secret: there is no store, only the record.
                    ..base(Origin::Metadata, r.path.display().to_string(), r.set_at)
                })
            }
        }
    }
}

fn recorded_store(recorded: &ProfileCredentials, credential: CredentialKind) -> Option<StoreKind> {
    match credential {
        CredentialKind::ClientSecret => recorded.client_secret.as_ref().map(|r| r.store),
        CredentialKind::Certificate => recorded.certificate.as_ref().map(|r| r.store),
        CredentialKind::FederatedTokenFile => None,
    }
}

/// An environment variable providing a credential. Its value is shown only when it is a
/// path (certificate file, token file), never for the client secret. A certificate named by
/// the environment is opened (with `AZURE_CLIENT_CERTIFICATE_PASSWORD`), so a broken one
/// shows up here and not at the first sign-in.
fn from_env(credential: CredentialKind, value: &str) -> Located {
    let var = credential.env_var().name;
    let mut located = Located {
        credential,
        origin: Origin::Env,
        location: var.to_owned(),
        in_use: true,
        set_at: None,
        expires: None,
        certificate: None,
        exists: None,
        problem: None,
    };
    if credential == CredentialKind::ClientSecret {
        return located;
    }
    located.location = format!("{var}={value}");
    located.exists = Some(Path::new(value).exists());
    if credential == CredentialKind::Certificate {
        let password = env::AZURE_CLIENT_CERTIFICATE_PASSWORD
            .get()
            .map(Secret::from);
        match super::certificate::load_file(Path::new(value), password.as_ref()) {
            Ok(loaded) => located.certificate = Some(loaded.info),
            Err(e) => located.problem = Some(e.to_string()),
        }
    }
    located
}
