//! The tenant the emulator plays: its directory (apps, users, mailboxes) and tunables, read
//! from a TOML or JSON file (`--tenant FILE`) or built in (`demo`).
//!
//! The file format is documented in `docs/emulator.md`; the structs below are that format.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A tenant as written in a tenant file.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct TenantSpec {
    pub tenant_id: Uuid,
    /// The verified domain (`contoso.test`); `{domain}` works wherever a tenant id does.
    pub domain: String,
    #[serde(default)]
    pub apps: Vec<AppSpec>,
    #[serde(default)]
    pub users: Vec<UserSpec>,
    #[serde(default)]
    pub settings: Settings,
}

/// An app registration with its service principal and the consent granted to it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct AppSpec {
    pub client_id: Uuid,
    pub name: String,
    /// Public clients (device code, browser) must not present a secret or assertion.
    #[serde(default)]
    pub public_client: bool,
    #[serde(default)]
    pub secrets: Vec<SecretSpec>,
    /// PEM certificate files (relative paths are relative to the tenant file).
    #[serde(default)]
    pub certificates: Vec<PathBuf>,
    #[serde(default)]
    pub redirect_uris: Vec<String>,
    /// Application permissions with admin consent (become the `roles` claim).
    #[serde(default)]
    pub roles: Vec<String>,
    /// Delegated permissions consented for the whole tenant (become the `scp` claim).
    #[serde(default)]
    pub delegated_scopes: Vec<String>,
    /// Exchange RBAC for Applications / application access policy: the mailboxes this app
    /// may reach with app-only tokens. Absent means every mailbox.
    #[serde(default)]
    pub mailbox_scope: Option<Vec<String>>,
    /// Workload identity federation: external tokens this app accepts as its credential.
    #[serde(default)]
    pub federated_credentials: Vec<FederatedCredential>,
}

/// A federated identity credential. The emulator can verify tokens of one issuer only: its
/// own (`issuer = "emulator"`, tokens from the admin API), since it cannot reach others.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FederatedCredential {
    pub issuer: String,
    pub subject: String,
    #[serde(default = "token_exchange_audience")]
    pub audiences: Vec<String>,
}

fn token_exchange_audience() -> Vec<String> {
    vec!["api://AzureADTokenExchange".to_owned()]
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SecretSpec {
    pub value: String,
    /// After this instant the secret is refused with AADSTS7000222.
    #[serde(default)]
    pub expires: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct UserSpec {
    pub upn: String,
    #[serde(default)]
    pub id: Option<Uuid>,
    /// The primary SMTP address; defaults to the `SMTP:` proxy address, else the UPN.
    #[serde(default)]
    pub mail: Option<String>,
    /// Exchange addresses in Graph's shape: `SMTP:primary@x` (at most one) and
    /// `smtp:alias@x`. Mail sent to any of them lands in this mailbox, and mailbox paths
    /// accept any of them.
    #[serde(default)]
    pub proxy_addresses: Vec<String>,
    #[serde(default)]
    pub display_name: Option<String>,
    #[serde(default)]
    pub kind: UserKind,
    /// Without an Exchange Online licence a user has no mailbox
    /// (Graph answers `MailboxNotEnabledForRESTAPI`).
    #[serde(default = "yes")]
    pub licensed: bool,
    /// Folders to create besides the well-known ones, as paths (`Inbox/Support`).
    #[serde(default)]
    pub folders: Vec<String>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum UserKind {
    /// A person who can sign in (device code, browser).
    #[default]
    User,
    /// A shared mailbox: no licence needed, sign-in disabled.
    Shared,
}

fn yes() -> bool {
    true
}

/// The Microsoft cloud the tenant lives in. It decides which App ID URI names Graph at the
/// token endpoint: each cloud's Entra knows its own Graph resource and no other
/// (graph-facts §2.1: tokens are not interchangeable between clouds).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Cloud {
    #[default]
    Global,
    /// The US Government authority serves GCC High and DoD, so both Graph resources.
    Usgov,
    China,
}

impl Cloud {
    pub(crate) fn graph_app_id_uris(self) -> &'static [&'static str] {
        match self {
            Cloud::Global => &["https://graph.microsoft.com"],
            Cloud::Usgov => &[
                "https://graph.microsoft.us",
                "https://dod-graph.microsoft.us",
            ],
            Cloud::China => &["https://microsoftgraph.chinacloudapi.cn"],
        }
    }
}

/// The claim set of the Graph access tokens the emulator issues. Graph's tokens are v1
/// (graph-facts §1.9), but clients must treat them as opaque, so tests switch the shape to
/// prove the client reads any of them or none.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum TokenShape {
    /// `ver` 1.0: `appid`, `appidacr`, `upn`, `unique_name` (what Graph gets from Entra).
    #[default]
    V1,
    /// `ver` 2.0: `azp`, `azpacr`, `preferred_username`.
    V2,
    /// Both alias sets at once, plus large `groups`/`wids` claims.
    Mixed,
    /// Not a JWT at all: an opaque string, which Microsoft reserves the right to issue.
    Opaque,
}

/// Tunables. Defaults follow the real service (graph-facts.md) unless noted.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub(crate) struct Settings {
    pub cloud: Cloud,
    pub token_shape: TokenShape,
    pub access_token_lifetime_secs: i64,
    pub device_code_lifetime_secs: i64,
    pub device_code_interval_secs: i64,
    /// Refresh tokens unused for this long are refused with AADSTS700082 (90 days).
    pub refresh_token_idle_secs: i64,
    /// Outlook concurrency limit per app + mailbox.
    pub mailbox_concurrency: usize,
    /// Outlook request budget per app + mailbox per window.
    pub mailbox_request_budget: u32,
    pub mailbox_budget_window_secs: i64,
    /// Longest subscription lifetime for Outlook messages (graph-facts §8.2: 10,080 min).
    pub subscription_max_minutes: i64,
    /// `reauthorizationRequired` goes out when a subscription is this close to expiry…
    pub reauthorization_notice_secs: i64,
    /// …and again this often until it is renewed (graph-facts §8.7: the last hour, every
    /// 15 minutes; the docs call the frequency illustrative).
    pub reauthorization_repeat_secs: i64,
    /// Sign this user in at `authorize` without showing the sign-in page (tests).
    pub auto_approve: Option<String>,
    /// Requests the journal keeps (the oldest go first); a benchmark over a fleet of
    /// mailboxes raises it to keep every request of its run.
    pub journal_capacity: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            cloud: Cloud::default(),
            token_shape: TokenShape::default(),
            access_token_lifetime_secs: 3599,
            device_code_lifetime_secs: 900,
            device_code_interval_secs: 5,
            refresh_token_idle_secs: 90 * 24 * 3600,
            mailbox_concurrency: 4,
            mailbox_request_budget: 10_000,
            mailbox_budget_window_secs: 600,
            subscription_max_minutes: 10_080,
            reauthorization_notice_secs: 3600,
            reauthorization_repeat_secs: 900,
            auto_approve: None,
            journal_capacity: 20_000,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub(crate) enum TenantFileError {
    #[error("cannot read tenant file {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("tenant file {path} is not valid TOML: {source}")]
    Toml {
        path: PathBuf,
        source: toml::de::Error,
    },
    #[error("tenant file {path} is not valid JSON: {source}")]
    Json {
        path: PathBuf,
        source: serde_json::Error,
    },
    #[error("tenant file {path}: {problem}")]
    Invalid { path: PathBuf, problem: String },
}

impl TenantSpec {
    /// Reads a tenant file; `.json` files are JSON, anything else TOML. Certificate paths
    /// are made absolute against the file's directory.
    pub(crate) fn load(path: &Path) -> Result<TenantSpec, TenantFileError> {
        let text = std::fs::read_to_string(path).map_err(|source| TenantFileError::Read {
            path: path.to_owned(),
            source,
        })?;
        let mut spec: TenantSpec = if path.extension().is_some_and(|e| e == "json") {
            serde_json::from_str(&text).map_err(|source| TenantFileError::Json {
                path: path.to_owned(),
                source,
            })?
        } else {
            toml::from_str(&text).map_err(|source| TenantFileError::Toml {
                path: path.to_owned(),
                source,
            })?
        };
        let base = path.parent().unwrap_or(Path::new("."));
        for app in &mut spec.apps {
            for cert in &mut app.certificates {
                if cert.is_relative() {
                    *cert = base.join(&*cert);
                }
            }
        }
        spec.validate()
            .map_err(|problem| TenantFileError::Invalid {
                path: path.to_owned(),
                problem,
            })?;
        Ok(spec)
    }

    /// Cross-field checks serde cannot express.
    pub(crate) fn validate(&self) -> Result<(), String> {
        if !self.domain.contains('.') {
            return Err(format!("domain '{}' must be a dotted name", self.domain));
        }
        for user in &self.users {
            if !user.upn.contains('@') {
                return Err(format!("user '{}' needs a UPN like name@domain", user.upn));
            }
            check_proxy_addresses(user)?;
            for folder in &user.folders {
                if folder.split('/').any(str::is_empty) {
                    return Err(format!("user '{}': bad folder path '{folder}'", user.upn));
                }
            }
        }
        if let Some(upn) = &self.settings.auto_approve
            && !self.users.iter().any(|u| u.upn.eq_ignore_ascii_case(upn))
        {
            return Err(format!("settings.auto_approve names unknown user '{upn}'"));
        }
        Ok(())
    }
}

/// Graph's shape: `TYPE:address`, one upper-case `SMTP:` (the primary, equal to `mail`).
fn check_proxy_addresses(user: &UserSpec) -> Result<(), String> {
    let mut primaries = Vec::new();
    for proxy in &user.proxy_addresses {
        match proxy.split_once(':') {
            Some(("SMTP", address)) if address.contains('@') => primaries.push(address),
            Some((kind, address)) if !kind.is_empty() && address.contains('@') => {}
            _ => {
                return Err(format!(
                    "user '{}': proxy address '{proxy}' must look like smtp:name@domain",
                    user.upn
                ));
            }
        }
    }
    match (primaries.as_slice(), &user.mail) {
        ([_, _, ..], _) => Err(format!(
            "user '{}': only one proxy address may be the primary (upper-case SMTP:)",
            user.upn
        )),
        ([primary], Some(mail)) if !primary.eq_ignore_ascii_case(mail) => Err(format!(
            "user '{}': the primary proxy address SMTP:{primary} differs from mail '{mail}'",
            user.upn
        )),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minimal_toml_gets_real_service_defaults() {
        let spec: TenantSpec = toml::from_str(
            r#"
            tenant_id = "3b6e8d2a-5c1f-4e7a-9d40-2f8b1c6a7e01"
            domain = "fabrikam.test"
            [[users]]
            upn = "kim@fabrikam.test"
            "#,
        )
        .unwrap();
        assert!(spec.users[0].licensed);
        assert_eq!(spec.users[0].kind, UserKind::User);
        assert_eq!(spec.settings.mailbox_concurrency, 4);
        assert_eq!(spec.settings.device_code_lifetime_secs, 900);
        spec.validate().unwrap();
    }

    #[test]
    fn json_files_load_and_certificate_paths_follow_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tenant.json");
        std::fs::write(
            &path,
            r#"{"tenant_id": "3b6e8d2a-5c1f-4e7a-9d40-2f8b1c6a7e01", "domain": "fabrikam.test",
                "apps": [{"client_id": "6e1d2f3a-4b5c-4d6e-9f70-8b9c0d1e2f3a", "name": "a",
                          "certificates": ["certs/a.pem"]}]}"#,
        )
        .unwrap();
        let spec = TenantSpec::load(&path).unwrap();
        assert_eq!(spec.apps[0].certificates[0], dir.path().join("certs/a.pem"));
        std::fs::write(
            &path,
            r#"{"tenant_id": "x", "domain": "a.b", "surprise": 1}"#,
        )
        .unwrap();
        assert!(matches!(
            TenantSpec::load(&path),
            Err(TenantFileError::Json { .. })
        ));
    }

    #[test]
    fn proxy_addresses_need_graph_shape_and_one_primary() {
        let spec = |proxies: &str| -> TenantSpec {
            toml::from_str(&format!(
                r#"
                tenant_id = "3b6e8d2a-5c1f-4e7a-9d40-2f8b1c6a7e01"
                domain = "fabrikam.test"
                [[users]]
                upn = "kim@fabrikam.test"
                mail = "kim@fabrikam.test"
                proxy_addresses = [{proxies}]
                "#
            ))
            .unwrap()
        };
        spec(r#""SMTP:kim@fabrikam.test", "smtp:k@fabrikam.test""#)
            .validate()
            .unwrap();
        assert!(spec(r#""k@fabrikam.test""#).validate().is_err());
        assert!(
            spec(r#""SMTP:a@fabrikam.test", "SMTP:b@fabrikam.test""#)
                .validate()
                .is_err()
        );
        assert!(spec(r#""SMTP:other@fabrikam.test""#).validate().is_err());
    }

    #[test]
    fn undotted_domain_is_refused() {
        let spec: TenantSpec = toml::from_str(
            r#"
            tenant_id = "3b6e8d2a-5c1f-4e7a-9d40-2f8b1c6a7e01"
            domain = "fabrikam"
            "#,
        )
        .unwrap();
        assert!(spec.validate().is_err());
    }
}
