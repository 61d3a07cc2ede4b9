//! The tenants the emulator plays: their directories (apps, users, mailboxes) and the
//! emulator's tunables, read from a TOML or JSON file (`--tenant FILE`) or built in (`demo`).
//!
//! The file format is documented in `docs/emulator.md`; the structs below are that format.
//! A file declares one tenant at its top level, or several under `[[tenants]]`; `[settings]`
//! is top level in both and holds for the whole emulator.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Everything a tenant file declares, in either form.
#[derive(Debug, Clone)]
pub(crate) struct TenantFile {
    pub settings: Settings,
    /// At least one; the first is the one the ready line names as `tenant_id`.
    pub tenants: Vec<TenantSpec>,
}

/// A tenant file as written. The one-tenant form keeps `tenant_id`, `domain`, `apps` and
/// `users` at the top level (every file written before fleets existed); the fleet form puts
/// them in `tenants` entries. serde cannot flatten with `deny_unknown_fields`, so both forms
/// share this struct and [`TenantFile::from_written`] tells them apart.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct WrittenFile {
    #[serde(default)]
    tenant_id: Option<Uuid>,
    #[serde(default)]
    domain: Option<String>,
    #[serde(default)]
    apps: Vec<AppSpec>,
    #[serde(default)]
    users: Vec<UserSpec>,
    #[serde(default)]
    settings: Settings,
    #[serde(default)]
    tenants: Option<Vec<TenantSpec>>,
}

/// One tenant: as the whole one-tenant file, or as one `[[tenants]]` entry.
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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

impl TenantFile {
    /// Reads a tenant file; `.json` files are JSON, anything else TOML. Certificate paths
    /// are made absolute against the file's directory.
    pub(crate) fn load(path: &Path) -> Result<TenantFile, TenantFileError> {
        let text = std::fs::read_to_string(path).map_err(|source| TenantFileError::Read {
            path: path.to_owned(),
            source,
        })?;
        let written: WrittenFile = if path.extension().is_some_and(|e| e == "json") {
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
        let invalid = |problem| TenantFileError::Invalid {
            path: path.to_owned(),
            problem,
        };
        let mut file = TenantFile::from_written(written).map_err(invalid)?;
        let base = path.parent().unwrap_or(Path::new("."));
        for app in file.tenants.iter_mut().flat_map(|t| &mut t.apps) {
            for cert in &mut app.certificates {
                if cert.is_relative() {
                    *cert = base.join(&*cert);
                }
            }
        }
        file.validate().map_err(invalid)?;
        Ok(file)
    }

    fn from_written(written: WrittenFile) -> Result<TenantFile, String> {
        let WrittenFile {
            tenant_id,
            domain,
            apps,
            users,
            settings,
            tenants,
        } = written;
        let tenants = match (tenants, tenant_id, domain) {
            (None, Some(tenant_id), Some(domain)) => vec![TenantSpec {
                tenant_id,
                domain,
                apps,
                users,
            }],
            (Some(tenants), None, None) if apps.is_empty() && users.is_empty() => tenants,
            (Some(_), ..) => {
                return Err(
                    "with [[tenants]], tenant_id, domain, apps and users belong \
                            inside each tenant, not at the top level"
                        .to_owned(),
                );
            }
            (None, ..) => {
                return Err("the file needs tenant_id and domain (one tenant) or a \
                            [[tenants]] array (several)"
                    .to_owned());
            }
        };
        Ok(TenantFile { settings, tenants })
    }

    /// Cross-field checks serde cannot express. Object ids, UPNs and SMTP addresses are
    /// unique across all tenants, as they are in Entra and Exchange (a domain is verified in
    /// one tenant only), so a mailbox named by address or id identifies its tenant.
    pub(crate) fn validate(&self) -> Result<(), String> {
        if self.tenants.is_empty() {
            return Err("[[tenants]] declares no tenant".to_owned());
        }
        let mut ids = HashSet::new();
        let mut domains = HashSet::new();
        let mut user_ids = HashSet::new();
        // Address -> (which user, its UPN); one user may list an address more than once.
        let mut addresses: HashMap<String, (usize, &str)> = HashMap::new();
        let mut user_index = 0;
        let mut registrations: HashMap<Uuid, (&str, &AppSpec)> = HashMap::new();
        for tenant in &self.tenants {
            let name = tenant.domain.as_str();
            tenant
                .validate()
                .map_err(|problem| format!("tenant {name}: {problem}"))?;
            if !ids.insert(tenant.tenant_id) {
                return Err(format!("tenant id {} is declared twice", tenant.tenant_id));
            }
            if !domains.insert(name.to_ascii_lowercase()) {
                return Err(format!("domain {name} is declared by two tenants"));
            }
            for user in &tenant.users {
                user_index += 1;
                if let Some(id) = user.id
                    && !user_ids.insert(id)
                {
                    return Err(format!("user id {id} is given to two users"));
                }
                for address in user.addresses() {
                    let owner = (user_index, user.upn.as_str());
                    if let Some((other, other_upn)) =
                        addresses.insert(address.to_ascii_lowercase(), owner)
                        && other != user_index
                    {
                        return Err(format!(
                            "address {address} belongs to both {other_upn} and {}",
                            user.upn
                        ));
                    }
                }
            }
            for app in &tenant.apps {
                match registrations.get(&app.client_id) {
                    Some((first, spec)) if spec.registration() != app.registration() => {
                        return Err(format!(
                            "app {} in tenants {first} and {name}: one client id is one app \
                             registration, so its name, public_client, secrets, certificates, \
                             redirect_uris and federated_credentials must be the same in every \
                             tenant (only roles, delegated_scopes and mailbox_scope are per tenant)",
                            app.client_id
                        ));
                    }
                    Some(_) => {}
                    None => {
                        registrations.insert(app.client_id, (name, app));
                    }
                }
            }
        }
        if let Some(upn) = &self.settings.auto_approve
            && !self
                .tenants
                .iter()
                .flat_map(|t| &t.users)
                .any(|u| u.upn.eq_ignore_ascii_case(upn))
        {
            return Err(format!("settings.auto_approve names unknown user '{upn}'"));
        }
        Ok(())
    }
}

impl TenantSpec {
    /// The checks within one tenant.
    fn validate(&self) -> Result<(), String> {
        if !self.domain.contains('.') {
            return Err(format!("domain '{}' must be a dotted name", self.domain));
        }
        let mut client_ids = HashSet::new();
        for app in &self.apps {
            if !client_ids.insert(app.client_id) {
                return Err(format!("app {} is registered twice", app.client_id));
            }
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
        Ok(())
    }
}

impl AppSpec {
    /// What belongs to the app registration (the application object) rather than to its
    /// service principal in one tenant. A multi-tenant app is one registration with a
    /// service principal in each tenant that consented: credentials and reply URLs are the
    /// registration's, consent (roles, delegated scopes) and Exchange's RBAC scope the
    /// tenant's.
    fn registration(&self) -> Registration<'_> {
        Registration {
            name: &self.name,
            public_client: self.public_client,
            secrets: &self.secrets,
            certificates: &self.certificates,
            redirect_uris: &self.redirect_uris,
            federated_credentials: &self.federated_credentials,
        }
    }
}

/// The parts of an [`AppSpec`] that are the same in every tenant of a multi-tenant app.
#[derive(PartialEq)]
struct Registration<'a> {
    name: &'a str,
    public_client: bool,
    secrets: &'a [SecretSpec],
    certificates: &'a [PathBuf],
    redirect_uris: &'a [String],
    federated_credentials: &'a [FederatedCredential],
}

impl UserSpec {
    /// Every address Exchange knows the mailbox by: the UPN, `mail` and the SMTP proxies.
    fn addresses(&self) -> impl Iterator<Item = &str> {
        let smtp = self.proxy_addresses.iter().filter_map(|p| {
            p.split_once(':')
                .filter(|(kind, _)| kind.eq_ignore_ascii_case("smtp"))
                .map(|(_, address)| address)
        });
        std::iter::once(self.upn.as_str())
            .chain(self.mail.as_deref())
            .chain(smtp)
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

    /// What `load` does to a TOML text, short of reading a file.
    fn parse(text: &str) -> Result<TenantFile, String> {
        let written: WrittenFile = toml::from_str(text).map_err(|e| e.to_string())?;
        let file = TenantFile::from_written(written)?;
        file.validate()?;
        Ok(file)
    }

    #[test]
    fn minimal_toml_gets_real_service_defaults() {
        let file = parse(
            r#"
            tenant_id = "3b6e8d2a-5c1f-4e7a-9d40-2f8b1c6a7e01"
            domain = "fabrikam.test"
            [[users]]
            upn = "kim@fabrikam.test"
            "#,
        )
        .unwrap();
        let [tenant] = file.tenants.as_slice() else {
            panic!("one tenant expected: {:?}", file.tenants)
        };
        assert_eq!(tenant.domain, "fabrikam.test");
        assert!(tenant.users[0].licensed);
        assert_eq!(tenant.users[0].kind, UserKind::User);
        assert_eq!(file.settings.mailbox_concurrency, 4);
        assert_eq!(file.settings.device_code_lifetime_secs, 900);
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
        let file = TenantFile::load(&path).unwrap();
        assert_eq!(
            file.tenants[0].apps[0].certificates[0],
            dir.path().join("certs/a.pem")
        );
        std::fs::write(
            &path,
            r#"{"tenant_id": "x", "domain": "a.b", "surprise": 1}"#,
        )
        .unwrap();
        assert!(matches!(
            TenantFile::load(&path),
            Err(TenantFileError::Json { .. })
        ));
    }

    #[test]
    fn several_tenants_share_the_settings_and_keep_their_own_directories() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("fleet.toml");
        std::fs::write(
            &path,
            r#"
            [settings]
            mailbox_concurrency = 2
            auto_approve = "kim@northwind.test"

            [[tenants]]
            tenant_id = "11111111-1111-4111-8111-111111111111"
            domain = "fabrikam.test"
            apps = [{ client_id = "6e1d2f3a-4b5c-4d6e-9f70-8b9c0d1e2f3a", name = "a", certificates = ["a.pem"] }]
            users = [{ upn = "desk@fabrikam.test", kind = "shared" }]

            [[tenants]]
            tenant_id = "22222222-2222-4222-8222-222222222222"
            domain = "northwind.test"
            [[tenants.users]]
            upn = "kim@northwind.test"
            "#,
        )
        .unwrap();
        let file = TenantFile::load(&path).unwrap();
        let domains: Vec<&str> = file.tenants.iter().map(|t| t.domain.as_str()).collect();
        assert_eq!(domains, ["fabrikam.test", "northwind.test"]);
        assert_eq!(file.settings.mailbox_concurrency, 2);
        assert_eq!(file.tenants[1].users[0].upn, "kim@northwind.test");
        assert_eq!(
            file.tenants[0].apps[0].certificates[0],
            dir.path().join("a.pem")
        );
    }

    /// Two tenants, each with `extra` appended to its table (TOML after `[[tenants]]`).
    fn two_tenants(first: &str, second: &str) -> Result<TenantFile, String> {
        parse(&format!(
            r#"
            [[tenants]]
            tenant_id = "11111111-1111-4111-8111-111111111111"
            domain = "fabrikam.test"
            {first}
            [[tenants]]
            tenant_id = "22222222-2222-4222-8222-222222222222"
            domain = "northwind.test"
            {second}
            "#
        ))
    }

    #[test]
    fn the_two_forms_do_not_mix_and_settings_stay_at_the_top() {
        let mixed = parse(
            r#"
            domain = "fabrikam.test"
            [[tenants]]
            tenant_id = "11111111-1111-4111-8111-111111111111"
            domain = "northwind.test"
            "#,
        );
        assert!(mixed.unwrap_err().contains("inside each tenant"));
        assert!(
            parse("[settings]\ncloud = \"global\"")
                .unwrap_err()
                .contains("[[tenants]]")
        );
        assert!(parse("tenants = []").unwrap_err().contains("no tenant"));
        let nested = two_tenants("settings = { mailbox_concurrency = 1 }", "");
        assert!(nested.unwrap_err().contains("unknown field `settings`"));
    }

    #[test]
    fn tenants_ids_domains_and_mailbox_names_are_unique_across_the_file() {
        two_tenants("", "").unwrap();
        let same_id = parse(
            r#"
            [[tenants]]
            tenant_id = "11111111-1111-4111-8111-111111111111"
            domain = "fabrikam.test"
            [[tenants]]
            tenant_id = "11111111-1111-4111-8111-111111111111"
            domain = "northwind.test"
            "#,
        );
        assert!(same_id.unwrap_err().contains("declared twice"));
        let same_domain = parse(
            r#"
            [[tenants]]
            tenant_id = "11111111-1111-4111-8111-111111111111"
            domain = "fabrikam.test"
            [[tenants]]
            tenant_id = "22222222-2222-4222-8222-222222222222"
            domain = "Fabrikam.TEST"
            "#,
        );
        assert!(same_domain.unwrap_err().contains("two tenants"));
        let user_id = |upn: &str| {
            format!(r#"users = [{{ upn = "{upn}", id = "0f0e0d0c-0b0a-4909-8807-060504030201" }}]"#)
        };
        let same_user_id = two_tenants(&user_id("a@fabrikam.test"), &user_id("b@northwind.test"));
        assert!(same_user_id.unwrap_err().contains("two users"));
        let alias = two_tenants(
            r#"users = [{ upn = "a@fabrikam.test" }]"#,
            r#"users = [{ upn = "b@northwind.test", proxy_addresses = ["smtp:A@fabrikam.test"] }]"#,
        );
        assert!(
            alias
                .unwrap_err()
                .contains("belongs to both a@fabrikam.test and b@northwind.test")
        );
        // One user may name its own address several ways.
        two_tenants(
            r#"users = [{ upn = "a@fabrikam.test", mail = "a@fabrikam.test", proxy_addresses = ["SMTP:a@fabrikam.test"] }]"#,
            "",
        )
        .unwrap();
        let auto_approve = parse(
            r#"
            settings = { auto_approve = "nobody@fabrikam.test" }
            tenant_id = "11111111-1111-4111-8111-111111111111"
            domain = "fabrikam.test"
            "#,
        );
        assert!(auto_approve.unwrap_err().contains("unknown user"));
    }

    #[test]
    fn one_client_id_in_several_tenants_is_one_registration() {
        let app = |extra: &str| {
            format!(
                r#"apps = [{{ client_id = "6e1d2f3a-4b5c-4d6e-9f70-8b9c0d1e2f3a", name = "Connector", secrets = [{{ value = "s3cret" }}] {extra} }}]"#
            )
        };
        // Consent and RBAC scope are each tenant's own.
        let file = two_tenants(
            &app(r#", roles = ["Mail.ReadWrite"]"#),
            &app(r#", roles = [], mailbox_scope = ["desk@northwind.test"]"#),
        )
        .unwrap();
        assert!(file.tenants[1].apps[0].roles.is_empty());
        let other_secret = two_tenants(
            &app(""),
            r#"apps = [{ client_id = "6e1d2f3a-4b5c-4d6e-9f70-8b9c0d1e2f3a", name = "Connector", secrets = [{ value = "other" }] }]"#,
        );
        assert!(other_secret.unwrap_err().contains("one app registration"));
        let twice_in_one = two_tenants(
            r#"apps = [{ client_id = "6e1d2f3a-4b5c-4d6e-9f70-8b9c0d1e2f3a", name = "a" },
                       { client_id = "6e1d2f3a-4b5c-4d6e-9f70-8b9c0d1e2f3a", name = "b" }]"#,
            "",
        );
        assert!(twice_in_one.unwrap_err().contains("registered twice"));
    }

    #[test]
    fn proxy_addresses_need_graph_shape_and_one_primary() {
        let spec = |proxies: &str| {
            parse(&format!(
                r#"
                tenant_id = "3b6e8d2a-5c1f-4e7a-9d40-2f8b1c6a7e01"
                domain = "fabrikam.test"
                [[users]]
                upn = "kim@fabrikam.test"
                mail = "kim@fabrikam.test"
                proxy_addresses = [{proxies}]
                "#
            ))
        };
        spec(r#""SMTP:kim@fabrikam.test", "smtp:k@fabrikam.test""#).unwrap();
        assert!(spec(r#""k@fabrikam.test""#).is_err());
        assert!(spec(r#""SMTP:a@fabrikam.test", "SMTP:b@fabrikam.test""#).is_err());
        assert!(spec(r#""SMTP:other@fabrikam.test""#).is_err());
    }

    #[test]
    fn undotted_domain_is_refused() {
        let refused = parse(
            r#"
            tenant_id = "3b6e8d2a-5c1f-4e7a-9d40-2f8b1c6a7e01"
            domain = "fabrikam"
            "#,
        );
        assert!(refused.unwrap_err().contains("dotted name"));
    }
}
