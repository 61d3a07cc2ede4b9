//! What mailconn knows about each stored credential, without the secret: the store that holds
//! it, when it was set, its expiry, a certificate's thumbprints, a federated token file's path.
//!
//! It lives in its own file, `$XDG_STATE_HOME/mailconn/credentials.toml` (mode 0600), not in
//! the config file, because it is machine state, not configuration:
//! - the config file is written by people (or Ansible, or a dotfiles repo) and may be copied
//!   between machines; "the secret is in this machine's keyring, set at 12:03" is wrong on
//!   any other machine and would turn every `credentials set` into a diff of that file;
//! - `profile add --force` rewrites a profile; it must not forget where secrets live;
//! - it is not secret, but thumbprints, expiry dates and paths are reconnaissance material,
//!   so it is private like the config file.
//!
//! Reads go to the store recorded here, so a profile set up with `--insecure-storage` on a
//! headless server never touches D-Bus again, and a keyring profile never silently reads a
//! stray file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::certificate::CertificateInfo;
use super::{SecretError, StoreKind};
use crate::private_fs;
use crate::settings::Location;
use crate::settings::values::ProfileName;

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MetadataFile {
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    profiles: BTreeMap<String, ProfileCredentials>,
}

/// The credentials recorded for one profile.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct ProfileCredentials {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_secret: Option<ClientSecretRecord>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certificate: Option<CertificateRecord>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub federated_token_file: Option<FederatedTokenFileRecord>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tokens: Option<TokensRecord>,
}

impl ProfileCredentials {
    fn is_empty(&self) -> bool {
        self.client_secret.is_none()
            && self.certificate.is_none()
            && self.federated_token_file.is_none()
            && self.tokens.is_none()
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClientSecretRecord {
    pub store: StoreKind,
    pub set_at: DateTime<Utc>,
    /// As given with `--expires`; Entra does not tell the app.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires: Option<NaiveDate>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CertificateRecord {
    pub store: StoreKind,
    pub set_at: DateTime<Utc>,
    /// The file it was read from (the key is in the store; the file may go away).
    pub source: PathBuf,
    pub subject: String,
    pub not_after: DateTime<Utc>,
    pub x5t: String,
    #[serde(rename = "x5t#S256")]
    pub x5t_s256: String,
}

impl CertificateRecord {
    pub fn new(store: StoreKind, source: PathBuf, info: CertificateInfo) -> CertificateRecord {
        CertificateRecord {
            store,
            set_at: now(),
            source,
            subject: info.subject,
            not_after: info.not_after,
            x5t: info.x5t,
            x5t_s256: info.x5t_s256,
        }
    }
}

/// A path, not a secret: the token in the file is rotated by whoever writes it (Kubernetes,
/// a CI runner), so mailconn reads it at each sign-in.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FederatedTokenFileRecord {
    pub path: PathBuf,
    pub set_at: DateTime<Utc>,
}

/// Where a profile's tokens are kept and what they belong to (the tokens themselves are in
/// that store).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TokensRecord {
    pub store: StoreKind,
    /// The signed-in user (delegated sign-in), for `auth status`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account: Option<String>,
    /// The last interactive sign-in; refresh tokens live 90 days from their last use.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signed_in_at: Option<DateTime<Utc>>,
    /// The last time a refresh token was redeemed (and replaced).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refreshed_at: Option<DateTime<Utc>>,
}

/// The current time, to the second (sub-seconds only clutter the file).
pub fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(Utc::now().timestamp(), 0).unwrap_or_default()
}

/// The metadata file and its path.
pub struct Metadata {
    path: PathBuf,
}

impl Metadata {
    pub fn new(state_dir: &Path) -> Metadata {
        Metadata {
            path: state_dir.join("mailconn").join("credentials.toml"),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The records of `profile` (empty when there are none, or no file yet).
    pub fn profile(&self, profile: &ProfileName) -> Result<ProfileCredentials, SecretError> {
        Ok(self
            .load()?
            .profiles
            .remove(profile.as_str())
            .unwrap_or_default())
    }

    /// Applies `change` to the records of `profile` and writes the file (0600, atomically).
    pub fn update(
        &self,
        profile: &ProfileName,
        change: impl FnOnce(&mut ProfileCredentials),
    ) -> Result<(), SecretError> {
        let mut file = self.load()?;
        let entry = file.profiles.entry(profile.to_string()).or_default();
        change(entry);
        if entry.is_empty() {
            file.profiles.remove(profile.as_str());
        }
        let text = toml::to_string(&file).map_err(|e| self.invalid(e.to_string()))?;
        let text = format!(
            "# Written by mailconn: where each profile's credentials are stored. No secrets.\n\
             # Edit with `mailconn credentials set|remove`.\n{text}"
        );
        private_fs::write(&self.path, text.as_bytes()).map_err(|source| SecretError::File {
            action: "write",
            path: self.path.clone(),
            source,
        })
    }

    fn load(&self) -> Result<MetadataFile, SecretError> {
        match std::fs::read_to_string(&self.path) {
            Ok(text) => toml::from_str(&text).map_err(|e| {
                let at = Location::of_offset(&text, e.span().map_or(0, |s| s.start));
                self.invalid(format!(
                    "line {} column {}: {}",
                    at.line,
                    at.column,
                    e.message().trim()
                ))
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(MetadataFile::default()),
            Err(source) => Err(SecretError::File {
                action: "read",
                path: self.path.clone(),
                source,
            }),
        }
    }

    fn invalid(&self, message: String) -> SecretError {
        SecretError::Metadata {
            path: self.path.clone(),
            message: message.trim().to_owned(),
        }
    }
}
