//! Subscriptions of a profile's mailbox folders, remote (Graph) and local (records + the
//! `clientState` in the secret store) kept in step: what `subscription create|renew|cancel|list`
//! do, and what the receiver does on its own (renewal, re-creation).

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::probe::{self, Probe};
use super::records::{ClientStateDigest, Record, Records, RecordsError};
use crate::error::{Diagnose, ErrorKind};
use crate::graph::folders::FolderError;
use crate::graph::subscriptions::{
    MAX_MINUTES, NewSubscription, Subscription, folder_resource, is_gone, is_validation_failure,
    max_expiration, stated_maximum,
};
use crate::graph::{Graph, GraphError};
use crate::secrets::credentials::Credentials;
use crate::secrets::{Secret, SecretError};
use crate::settings::values::FolderPath;

#[derive(Debug, thiserror::Error)]
pub enum ManageError {
    #[error(
        "Graph could not validate the endpoint of the new subscription ({graph_message}); {findings}"
    )]
    Validation {
        graph_message: String,
        /// What our own handshake found per URL.
        findings: String,
        /// The URL to check first.
        url: String,
    },
    #[error("the notification URL {url} is not usable: {why}")]
    BadUrl { url: String, why: String },
    #[error(transparent)]
    Graph(#[from] GraphError),
    #[error(transparent)]
    Folder(#[from] FolderError),
    #[error(transparent)]
    Records(#[from] RecordsError),
    #[error(transparent)]
    Secrets(#[from] SecretError),
}

impl Diagnose for ManageError {
    fn kind(&self) -> ErrorKind {
        match self {
            ManageError::Validation { .. } => ErrorKind::Failed,
            ManageError::BadUrl { .. } => ErrorKind::Usage,
            ManageError::Graph(e) => e.kind(),
            ManageError::Folder(e) => e.kind(),
            ManageError::Records(e) => e.kind(),
            ManageError::Secrets(e) => e.kind(),
        }
    }

    fn hint(&self) -> Option<String> {
        match self {
            ManageError::Validation { url, .. } => Some(probe::how_to_check(url)),
            ManageError::BadUrl { .. } => Some(
                "Graph calls only https URLs it can reach; plain http is accepted only on a loopback address, for tests".into(),
            ),
            ManageError::Graph(e) => e.hint(),
            ManageError::Folder(e) => e.hint(),
            ManageError::Records(e) => e.hint(),
            ManageError::Secrets(e) => e.hint(),
        }
    }
}

/// An https URL, or http on a loopback host (tests).
pub fn check_url(url: &str) -> Result<(), ManageError> {
    let bad = |why: &str| ManageError::BadUrl {
        url: url.to_owned(),
        why: why.to_owned(),
    };
    let parsed = url::Url::parse(url).map_err(|e| bad(&e.to_string()))?;
    match parsed.scheme() {
        "https" => Ok(()),
        "http" => {
            let loopback = match parsed.host() {
                Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
                Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
                Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
                None => false,
            };
            if loopback {
                Ok(())
            } else {
                Err(bad("Graph requires https"))
            }
        }
        _ => Err(bad("it is neither https nor http")),
    }
}

/// What to subscribe to.
#[derive(Debug, Clone)]
pub struct Spec {
    /// The mailbox's key (object id), which Graph paths and the records use.
    pub mailbox: String,
    /// The address people know it by.
    pub mailbox_address: Option<String>,
    pub folder: FolderPath,
    pub notification_url: String,
    pub lifecycle_url: Option<String>,
}

/// A profile's subscriptions, with the clients and stores they need.
pub struct Manager<'a, 'w> {
    pub graph: &'a Graph,
    pub credentials: &'a Credentials<'w>,
    pub records: &'a Records,
    /// For the validation probe.
    pub http: reqwest::Client,
}

/// 256 random bits, base64url: 43 characters, within Graph's 128.
fn new_client_state() -> Secret {
    use base64::Engine;
    let mut bytes = [0u8; 32];
    aws_lc_rs::rand::fill(&mut bytes).expect("the system RNG works");
    let value = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
    zeroize::Zeroize::zeroize(&mut bytes);
    Secret::new(value)
}

impl Manager<'_, '_> {
    fn profile(&self) -> String {
        self.credentials.profile().to_string()
    }

    /// Creates a subscription to new mail in a folder, with the longest lifetime Graph
    /// allows, and records it.
    pub async fn create(&self, spec: &Spec) -> Result<Record, ManageError> {
        check_url(&spec.notification_url)?;
        if let Some(url) = &spec.lifecycle_url {
            check_url(url)?;
        }
        let folder = self
            .graph
            .resolve_folder(&spec.mailbox, &spec.folder)
            .await?;
        let resource = folder_resource(&spec.mailbox, &folder.id);
        let client_state = new_client_state();
        // A profile on a shared store keeps only the digest, beside the record, so every
        // worker can check the notifications; one on this host keeps the secret itself.
        let (store, digest) = match self.records.is_shared(&self.profile()) {
            true => (None, Some(ClientStateDigest::of(&client_state))),
            false => (Some(self.credentials.client_state_store()?), None),
        };
        let new = NewSubscription {
            resource: &resource,
            change_type: "created",
            notification_url: &spec.notification_url,
            lifecycle_url: spec.lifecycle_url.as_deref(),
            client_state: &client_state,
        };
        let created = match self.create_longest(&new).await {
            Ok(created) => created,
            Err(e) if e.api().is_some_and(is_validation_failure) => {
                return Err(self.explain_validation(spec, &e).await);
            }
            Err(e) => return Err(e.into()),
        };
        // The secret first: a record without it could never check a notification. If it
        // cannot be kept, the subscription is useless: take it back.
        if let Some(store) = store
            && let Err(e) = self
                .credentials
                .set_client_state(&created.id, &client_state, store)
        {
            let _ = self.graph.delete_subscription(&created.id).await;
            return Err(e.into());
        }
        let record = Record {
            id: created.id.clone(),
            profile: self.profile(),
            mailbox: spec.mailbox.clone(),
            mailbox_address: spec.mailbox_address.clone(),
            folder: spec.folder.as_str().to_owned(),
            folder_id: folder.id,
            resource,
            notification_url: spec.notification_url.clone(),
            lifecycle_url: spec.lifecycle_url.clone(),
            expiration: created.expiration,
            created_at: Utc::now(),
            client_state_store: store,
            client_state_digest: digest,
        };
        if let Err(e) = self.records.put(record.clone()) {
            // Unrecorded, it could be neither checked nor renewed: take it back.
            let _ = self.graph.delete_subscription(&created.id).await;
            if let Some(store) = store {
                let _ = self.credentials.remove_client_state(&created.id, store);
            }
            return Err(e.into());
        }
        Ok(record)
    }

    async fn create_longest(&self, new: &NewSubscription<'_>) -> Result<Subscription, GraphError> {
        match self
            .graph
            .create_subscription(new, max_expiration(Utc::now(), MAX_MINUTES))
            .await
        {
            Err(e) if stated_maximum(&e).is_some() => {
                let max = stated_maximum(&e).expect("checked");
                self.graph
                    .create_subscription(new, max_expiration(Utc::now(), max))
                    .await
            }
            other => other,
        }
    }

    /// Graph's refusal plus our own handshake against each URL.
    async fn explain_validation(&self, spec: &Spec, error: &GraphError) -> ManageError {
        let graph_message = error
            .api()
            .map(|e| format!("{} {}: {}", e.status, e.code, e.message))
            .unwrap_or_else(|| error.to_string());
        let urls = std::iter::once(("notification URL", &spec.notification_url))
            .chain(spec.lifecycle_url.iter().map(|u| ("lifecycle URL", u)));
        let mut findings = Vec::new();
        let mut first_bad = None;
        for (what, url) in urls {
            let probe = probe::validation(&self.http, url).await;
            if probe != Probe::Ok && first_bad.is_none() {
                first_bad = Some(url.clone());
            }
            findings.push(format!("the {what} {url} {}", probe.describe()));
        }
        ManageError::Validation {
            graph_message,
            findings: findings.join("; "),
            url: first_bad.unwrap_or_else(|| spec.notification_url.clone()),
        }
    }

    /// Extends a subscription to the longest lifetime and records the expiry Graph returned.
    pub async fn renew(&self, id: &str) -> Result<DateTime<Utc>, GraphError> {
        let renewed = match self
            .graph
            .renew_subscription(id, max_expiration(Utc::now(), MAX_MINUTES))
            .await
        {
            Err(e) if stated_maximum(&e).is_some() => {
                let max = stated_maximum(&e).expect("checked");
                self.graph
                    .renew_subscription(id, max_expiration(Utc::now(), max))
                    .await?
            }
            other => other?,
        };
        if let Err(e) = self.records.set_expiration(id, renewed.expiration) {
            tracing::warn!(subscription = id, error = %e, "renewed, but cannot record the new expiry");
        }
        Ok(renewed.expiration)
    }

    pub async fn reauthorize(&self, id: &str) -> Result<(), GraphError> {
        self.graph.reauthorize_subscription(id).await
    }

    /// Deletes a subscription remotely and locally. Returns whether it still existed
    /// remotely (`false`: already gone, which is not an error).
    pub async fn cancel(&self, id: &str) -> Result<bool, ManageError> {
        let existed = self.graph.delete_subscription(id).await?;
        self.forget(id)?;
        Ok(existed)
    }

    /// Drops the local record and its `clientState` (after the remote side is gone).
    pub fn forget(&self, id: &str) -> Result<bool, ManageError> {
        let Some(record) = self.records.get(id)? else {
            return Ok(false);
        };
        if let Some(store) = record.client_state_store {
            self.credentials.remove_client_state(id, store)?;
        }
        self.records.remove(id)?;
        Ok(true)
    }

    /// A new subscription like `old` (same folder and URLs), then the old one forgotten.
    pub async fn recreate(&self, old: &Record) -> Result<Record, ManageError> {
        let spec = Spec {
            mailbox: old.mailbox.clone(),
            mailbox_address: old.mailbox_address.clone(),
            folder: old.folder.parse().map_err(|why| ManageError::BadUrl {
                url: old.folder.clone(),
                why,
            })?,
            notification_url: old.notification_url.clone(),
            lifecycle_url: old.lifecycle_url.clone(),
        };
        let new = self.create(&spec).await?;
        // Graph may still have it (a lapsed renewal shows as removed only here).
        match self.graph.delete_subscription(&old.id).await {
            Ok(_) => {}
            Err(e) if is_gone(&e) => {}
            Err(e) => {
                tracing::warn!(subscription = %old.id, error = %e, "cannot delete the old subscription")
            }
        }
        self.forget(&old.id)?;
        Ok(new)
    }

    pub async fn remote(&self) -> Result<Vec<Subscription>, GraphError> {
        self.graph.list_subscriptions().await
    }
}

/// What a notification of `record` is checked against: the digest a shared store keeps,
/// or that of the `clientState` in the profile's secret store (`None` when it has lost it).
pub fn client_state_check(
    credentials: &Credentials<'_>,
    record: &Record,
) -> Result<Option<ClientStateDigest>, SecretError> {
    if let Some(digest) = &record.client_state_digest {
        return Ok(Some(digest.clone()));
    }
    let Some(store) = record.client_state_store else {
        return Ok(None);
    };
    Ok(credentials
        .client_state(&record.id, store)?
        .map(|secret| ClientStateDigest::of(&secret)))
}

/// How a subscription looks from both sides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Presence {
    Both,
    /// Recorded here, unknown to Graph: expired or removed.
    OnlyLocal,
    /// Graph has it, this machine has no record (made elsewhere, or the record was lost).
    OnlyRemote,
}

/// One row of `subscription list`.
#[derive(Debug, Clone, Serialize)]
pub struct Listed {
    pub id: String,
    pub presence: Presence,
    pub mailbox: Option<String>,
    pub folder: Option<String>,
    pub resource: String,
    pub notification_url: String,
    pub lifecycle_url: Option<String>,
    /// Graph's expiry when it has the subscription, else the recorded one.
    pub expiration: DateTime<Utc>,
    /// Seconds until `expiration` (negative when past).
    pub expires_in_secs: i64,
}

/// Local records merged with Graph's list, local order first.
pub fn merge(local: &[Record], remote: &[Subscription], now: DateTime<Utc>) -> Vec<Listed> {
    let mut rows: Vec<Listed> = local
        .iter()
        .map(|r| {
            let server = remote.iter().find(|s| s.id == r.id);
            let expiration = server.map_or(r.expiration, |s| s.expiration);
            Listed {
                id: r.id.clone(),
                presence: if server.is_some() {
                    Presence::Both
                } else {
                    Presence::OnlyLocal
                },
                mailbox: Some(r.mailbox_shown().to_owned()),
                folder: Some(r.folder.clone()),
                resource: r.resource.clone(),
                notification_url: r.notification_url.clone(),
                lifecycle_url: r.lifecycle_url.clone(),
                expiration,
                expires_in_secs: (expiration - now).num_seconds(),
            }
        })
        .collect();
    for s in remote
        .iter()
        .filter(|s| !local.iter().any(|r| r.id == s.id))
    {
        rows.push(Listed {
            id: s.id.clone(),
            presence: Presence::OnlyRemote,
            mailbox: None,
            folder: None,
            resource: s.resource.clone(),
            notification_url: s.notification_url.clone(),
            lifecycle_url: s.lifecycle_url.clone(),
            expiration: s.expiration,
            expires_in_secs: (s.expiration - now).num_seconds(),
        });
    }
    rows
}
