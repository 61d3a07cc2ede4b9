//! One-time and long-lived grants the identity platform hands out: device codes,
//! authorization codes and refresh tokens, with the states clients must handle.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A delegated grant: who signed in to which app for which Graph scopes.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Delegation {
    pub client_id: Uuid,
    pub user_id: Uuid,
    /// Graph permission names (`Mail.ReadWrite`), without the resource prefix.
    pub scopes: Vec<String>,
    pub offline_access: bool,
    pub openid: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "state", content = "user")]
pub(crate) enum DeviceState {
    Pending,
    Approved(Uuid),
    Declined,
    Redeemed,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct DeviceGrant {
    pub user_code: String,
    /// The tenant the code was requested in: only its users can approve it.
    pub tenant_id: Uuid,
    pub client_id: Uuid,
    pub scopes: Vec<String>,
    pub offline_access: bool,
    pub openid: bool,
    pub expires: DateTime<Utc>,
    pub interval_secs: i64,
    pub last_poll: DateTime<Utc>,
    pub state: DeviceState,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct AuthCode {
    pub delegation: Delegation,
    pub redirect_uri: String,
    pub challenge: Option<(String, String)>,
    pub expires: DateTime<Utc>,
    pub redeemed: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct RefreshGrant {
    pub delegation: Delegation,
    /// Validity runs from issuance; a rotated token starts a fresh window, the old one keeps
    /// aging (so a client that never saves the new token is refused after the idle lifetime).
    pub issued: DateTime<Utc>,
    pub revoked: bool,
}

/// Serialized for `--state-dir` (`persist.rs`), except `auto_approve`, which the tenant
/// file sets at each start.
#[derive(Debug, Default, Serialize, Deserialize)]
pub(crate) struct Grants {
    /// Keyed by `device_code`.
    pub devices: HashMap<String, DeviceGrant>,
    pub codes: HashMap<String, AuthCode>,
    pub refresh: HashMap<String, RefreshGrant>,
    /// Opaque access tokens (`token_shape = "opaque"`): the signed JWT each stands for and
    /// its expiry (Unix seconds).
    #[serde(default)]
    pub opaque_access: HashMap<String, (String, i64)>,
    /// The user `authorize` signs in without a page (tests); from the tenant or the admin API.
    #[serde(skip)]
    pub auto_approve: Option<Uuid>,
}

impl Grants {
    pub(crate) fn device_by_user_code(&mut self, user_code: &str) -> Option<&mut DeviceGrant> {
        self.devices
            .values_mut()
            .find(|d| d.user_code.eq_ignore_ascii_case(user_code.trim()))
    }

    /// Sign-out everywhere: every refresh token of the user answers AADSTS50173 from now on.
    pub(crate) fn revoke_user(&mut self, user_id: Uuid) -> usize {
        let mut count = 0;
        for grant in self.refresh.values_mut() {
            if grant.delegation.user_id == user_id && !grant.revoked {
                grant.revoked = true;
                count += 1;
            }
        }
        count
    }
}
