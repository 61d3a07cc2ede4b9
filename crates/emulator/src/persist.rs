//! `--state-dir DIR`: the state a client can observe across a restart — mailboxes (folders,
//! messages with their ids, flags and drafts, delta positions), subscriptions, grants
//! (refresh tokens, device and authorization codes), the clock offset and the token-signing
//! keys — kept in `DIR` so a restart with the same tenant serves the same ids and honours
//! the same tokens.
//!
//! Every request that may change state saves it before its response leaves (temp file +
//! rename), so a change a client saw acknowledged survives `kill -9` of the emulator (not a
//! power cut: there is no fsync). Test instrumentation (faults, journal, throttle windows,
//! the notification log) and upload sessions in progress are not kept.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::Context as _;
use axum::extract::{Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use uuid::Uuid;

use super::crypto::SigningKey;
use super::demo::write_private;
use super::identity::grants::Grants;
use super::mailstore::MailStore;
use super::state::{Shared, lock};
use super::subscriptions::Subscriptions;

const STATE_FILE: &str = "state.json";
const TOKEN_KEY_FILE: &str = "token-signing-key.pem";
const FEDERATION_KEY_FILE: &str = "federation-signing-key.pem";
/// Bumped when the layout changes incompatibly; an older emulator refuses a newer file.
/// Format 1 (one tenant) is read by [`migrate_from_1`]; format 2 holds several tenants.
const FORMAT: u32 = 2;

/// What `state.json` holds.
#[derive(Serialize, Deserialize)]
pub(crate) struct Snapshot {
    pub format: u32,
    /// The tenants it was written for, in the tenant file's order.
    pub tenant_ids: Vec<Uuid>,
    pub clock_offset_secs: i64,
    pub mail: MailStore,
    pub subscriptions: Subscriptions,
    pub grants: Grants,
}

/// An open state directory. Saves are serialized so a later snapshot is never overwritten
/// by an earlier one.
pub(crate) struct StateDir {
    path: PathBuf,
    saving: Mutex<()>,
}

impl StateDir {
    /// Creates the directory if needed and reads what an earlier run left there.
    pub(crate) fn open(path: &Path) -> anyhow::Result<(StateDir, Option<Snapshot>)> {
        std::fs::create_dir_all(path)
            .with_context(|| format!("cannot create the state directory {}", path.display()))?;
        let file = path.join(STATE_FILE);
        let snapshot = match std::fs::read(&file) {
            Ok(bytes) => Some(parse(&bytes).with_context(|| format!("{}", file.display()))?),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => None,
            Err(err) => return Err(err).with_context(|| format!("cannot read {}", file.display())),
        };
        let dir = StateDir {
            path: path.to_owned(),
            saving: Mutex::new(()),
        };
        Ok((dir, snapshot))
    }

    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// The token-signing key, generated and saved on first use: tokens issued before a
    /// restart stay valid after it, as long as they have not expired.
    pub(crate) fn token_key(&self) -> anyhow::Result<SigningKey> {
        self.key(TOKEN_KEY_FILE)
    }

    /// The key of the emulator's federated-token issuer, kept for the same reason.
    pub(crate) fn federation_key(&self) -> anyhow::Result<SigningKey> {
        self.key(FEDERATION_KEY_FILE)
    }

    fn key(&self, name: &str) -> anyhow::Result<SigningKey> {
        let path = self.path.join(name);
        match std::fs::read_to_string(&path) {
            Ok(text) => SigningKey::from_pem(&text)
                .with_context(|| format!("{} is not a PKCS#8 RSA key", path.display())),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                let key = SigningKey::generate()?;
                self.write_atomically(name, key.pkcs8_pem().as_bytes())?;
                Ok(key)
            }
            Err(err) => Err(err).with_context(|| format!("cannot read {}", path.display())),
        }
    }

    /// Writes the emulator's current state.
    pub(crate) fn save(&self, emulator: &Shared) -> anyhow::Result<()> {
        let _order = lock(&self.saving);
        // One store at a time, never two locks at once: handlers lock them in other orders.
        let mail = serde_json::to_value(&*lock(&emulator.mail))?;
        let subscriptions = serde_json::to_value(&*lock(&emulator.subscriptions))?;
        let grants = serde_json::to_value(&*lock(&emulator.grants))?;
        let snapshot = serde_json::json!({
            "format": FORMAT,
            "tenant_ids": emulator.directory.tenants.iter().map(|t| t.tenant_id).collect::<Vec<_>>(),
            "clock_offset_secs": emulator.clock.offset_secs(),
            "mail": mail,
            "subscriptions": subscriptions,
            "grants": grants,
        });
        self.write_atomically(STATE_FILE, &serde_json::to_vec(&snapshot)?)
    }

    /// Temp file + rename: a reader (or the next start) sees the old file or the new one,
    /// never half of one.
    fn write_atomically(&self, name: &str, bytes: &[u8]) -> anyhow::Result<()> {
        let target = self.path.join(name);
        let temp = self.path.join(format!(".{name}.tmp"));
        write_private(&temp, bytes).with_context(|| format!("cannot write {}", temp.display()))?;
        std::fs::rename(&temp, &target)
            .with_context(|| format!("cannot replace {}", target.display()))
    }
}

fn parse(bytes: &[u8]) -> anyhow::Result<Snapshot> {
    let mut value: Value = serde_json::from_slice(bytes).context("not JSON")?;
    let format = value["format"].as_u64().unwrap_or_default();
    if format == 1 {
        migrate_from_1(&mut value);
    } else if format != u64::from(FORMAT) {
        anyhow::bail!(
            "state format {format} is not {FORMAT}; remove the directory to start afresh"
        );
    }
    serde_json::from_value(value).context("not a state this emulator wrote")
}

/// Format 1 was written for one tenant, named once at the top: that tenant becomes the
/// list of tenants and the tenant of every device code and subscription (which name their
/// tenant since format 2). A value that is no format-1 state is left for serde to refuse.
fn migrate_from_1(value: &mut Value) {
    let tenant = value["tenant_id"].take();
    let Some(state) = value.as_object_mut() else {
        return;
    };
    state.remove("tenant_id");
    state.insert("format".into(), FORMAT.into());
    state.insert("tenant_ids".into(), Value::Array(vec![tenant.clone()]));
    let name_tenant = |item: &mut Value| {
        if let Some(item) = item.as_object_mut() {
            item.insert("tenant_id".into(), tenant.clone());
        }
    };
    if let Some(devices) = state
        .get_mut("grants")
        .and_then(|g| g.get_mut("devices"))
        .and_then(Value::as_object_mut)
    {
        devices.values_mut().for_each(name_tenant);
    }
    if let Some(subscriptions) = state
        .get_mut("subscriptions")
        .and_then(|s| s.get_mut("items"))
        .and_then(Value::as_array_mut)
    {
        subscriptions.iter_mut().for_each(name_tenant);
    }
}

/// Middleware: after a request that may have changed something, save before answering.
/// Graph and admin GETs only read; identity GETs can issue codes (`authorize`), so they save.
pub(crate) async fn save_after_change(
    State(emulator): State<Shared>,
    request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path();
    let read_only = matches!(*request.method(), Method::GET | Method::HEAD)
        && (path.starts_with("/v1.0/") || path.starts_with("/admin/"));
    let response = next.run(request).await;
    if !read_only {
        save_now(&emulator);
    }
    response
}

/// Saves if a state directory is in use; a failure is logged (the change stays in memory).
pub(crate) fn save_now(emulator: &Shared) {
    if let Some(dir) = &emulator.state_dir
        && let Err(err) = dir.save(emulator)
    {
        tracing::error!("cannot save the emulator state: {err:#}");
    }
}

/// Serde for byte fields as standard base64 (MIME and attachments stay compact and
/// readable in `state.json`).
pub(crate) mod base64_bytes {
    use base64::Engine;
    use base64::engine::general_purpose::STANDARD;
    use serde::{Deserialize, Deserializer, Serializer};

    pub(crate) fn serialize<S: Serializer>(bytes: &[u8], serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&STANDARD.encode(bytes))
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Vec<u8>, D::Error> {
        let text = String::deserialize(deserializer)?;
        STANDARD.decode(text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A `state.json` as format 1 wrote it: one tenant named at the top, device codes and
    /// subscriptions without a tenant of their own.
    const FORMAT_1: &str = r#"{"format":1,"tenant_id":"3b6e8d2a-5c1f-4e7a-9d40-2f8b1c6a7e01",
        "clock_offset_secs":60,"mail":{"mailboxes":{}},
        "subscriptions":{"items":[{"id":"0f0e0d0c-0b0a-4909-8807-060504030201",
            "app":"9d1f6c2e-4a7b-4c3d-8e5f-1a2b3c4d5e01","user":null,"resource":"users/x/messages",
            "mailbox":"a1b2c3d4-0001-4000-8000-00000000c0de","folder":null,"change_type":"created",
            "notification_url":"https://example.test/n","lifecycle_url":null,"client_state":null,
            "expiration":"2030-01-01T00:00:00Z","tls_version":"v1_2","immutable":false}]},
        "grants":{"devices":{"DAQ":{"user_code":"ABC","client_id":"9d1f6c2e-4a7b-4c3d-8e5f-1a2b3c4d5e02",
            "scopes":[],"offline_access":false,"openid":false,"expires":"2030-01-01T00:00:00Z",
            "interval_secs":5,"last_poll":"2030-01-01T00:00:00Z","state":{"state":"pending"}}},
            "codes":{},"refresh":{}}}"#;

    #[test]
    fn a_format_1_state_reads_as_its_one_tenant() {
        let tenant = uuid::uuid!("3b6e8d2a-5c1f-4e7a-9d40-2f8b1c6a7e01");
        let mut snapshot = parse(FORMAT_1.as_bytes()).unwrap();
        assert_eq!(snapshot.tenant_ids, [tenant]);
        assert_eq!(snapshot.clock_offset_secs, 60);
        assert_eq!(snapshot.grants.devices["DAQ"].tenant_id, tenant);
        let subscriptions = snapshot.subscriptions.live(chrono::Utc::now());
        assert_eq!(subscriptions[0].tenant_id, tenant);
    }

    #[test]
    fn other_formats_are_refused_with_a_way_out() {
        let err = parse(br#"{"format":3}"#).err().unwrap();
        assert!(format!("{err:#}").contains("remove the directory"));
        assert!(parse(br#"{"format":1,"tenant_id":"x"}"#).is_err());
    }
}
