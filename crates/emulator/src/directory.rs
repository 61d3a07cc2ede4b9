//! The tenants' directories at run time: app registrations (with their certificates loaded)
//! and users, looked up the way Entra and Exchange look them up.

use anyhow::Context as _;
use uuid::Uuid;

use super::crypto;
use super::tenant::{AppSpec, Settings, TenantFile, TenantSpec, UserKind, UserSpec};

/// Every tenant the emulator plays, and the settings that hold for all of them.
pub(crate) struct Directory {
    /// At least one; the first is the ready line's `tenant_id`.
    pub tenants: Vec<Tenant>,
    pub settings: Settings,
}

/// One tenant. Object ids, UPNs and SMTP addresses are unique across tenants (the tenant
/// file is validated so), which lets a mailbox named by id or address find its tenant.
pub(crate) struct Tenant {
    pub tenant_id: Uuid,
    pub domain: String,
    pub apps: Vec<App>,
    pub users: Vec<User>,
}

pub(crate) struct App {
    pub spec: AppSpec,
    pub certificates: Vec<Certificate>,
}

/// A registered certificate credential, found by its thumbprint in the assertion header.
pub(crate) struct Certificate {
    pub sha1: Vec<u8>,
    pub sha256: Vec<u8>,
    pub key: jsonwebtoken::DecodingKey,
}

pub(crate) struct User {
    pub id: Uuid,
    pub upn: String,
    /// The primary SMTP address.
    pub mail: String,
    /// As Graph shows them: `SMTP:` the primary (always present), `smtp:` the aliases.
    pub proxy_addresses: Vec<String>,
    pub display_name: String,
    pub kind: UserKind,
    pub licensed: bool,
    pub folders: Vec<String>,
}

impl User {
    /// Shared mailboxes need no licence; user mailboxes exist only with one.
    pub(crate) fn has_mailbox(&self) -> bool {
        self.kind == UserKind::Shared || self.licensed
    }

    pub(crate) fn can_sign_in(&self) -> bool {
        self.kind == UserKind::User
    }

    /// Whether Exchange knows this mailbox by `address`: its UPN or any SMTP proxy address
    /// (the primary included), in any case, as SMTP addresses are.
    pub(crate) fn answers_to(&self, address: &str) -> bool {
        self.upn.eq_ignore_ascii_case(address)
            || self.proxy_addresses.iter().any(|proxy| {
                proxy.split_once(':').is_some_and(|(kind, a)| {
                    kind.eq_ignore_ascii_case("smtp") && a.eq_ignore_ascii_case(address)
                })
            })
    }
}

/// The `SMTP:` primary first (from `mail`, else the spec's own, else the UPN), then the rest.
fn mail_and_proxies(spec: &UserSpec) -> (String, Vec<String>) {
    let primary = |p: &&String| p.starts_with("SMTP:");
    let mail = spec
        .mail
        .clone()
        .or_else(|| {
            spec.proxy_addresses
                .iter()
                .find(primary)
                .map(|p| p[5..].to_owned())
        })
        .unwrap_or_else(|| spec.upn.clone());
    let mut proxies = vec![format!("SMTP:{mail}")];
    proxies.extend(spec.proxy_addresses.iter().filter(|p| !primary(p)).cloned());
    (mail, proxies)
}

impl Directory {
    pub(crate) fn new(file: TenantFile) -> anyhow::Result<Directory> {
        Ok(Directory {
            tenants: file
                .tenants
                .into_iter()
                .map(Tenant::new)
                .collect::<anyhow::Result<_>>()?,
            settings: file.settings,
        })
    }

    /// The tenant the ready line names first.
    pub(crate) fn first(&self) -> &Tenant {
        &self.tenants[0]
    }

    /// A tenant in a URL path: the tenant id or the domain name (case-insensitive).
    pub(crate) fn tenant(&self, segment: &str) -> Option<&Tenant> {
        self.tenants.iter().find(|t| t.matches(segment))
    }

    pub(crate) fn tenant_by_id(&self, id: Uuid) -> Option<&Tenant> {
        self.tenants.iter().find(|t| t.tenant_id == id)
    }

    /// A user of any tenant by object id or UPN (the admin API and `--seed` name users so).
    pub(crate) fn user(&self, key: &str) -> Option<(&Tenant, &User)> {
        self.tenants
            .iter()
            .find_map(|t| t.user(key).map(|user| (t, user)))
    }

    /// A mailbox of any tenant by object id, UPN or SMTP address.
    pub(crate) fn mailbox(&self, key: &str) -> Option<(&Tenant, &User)> {
        self.tenants
            .iter()
            .find_map(|t| t.mailbox(key).map(|user| (t, user)))
    }

    pub(crate) fn user_by_id(&self, id: Uuid) -> Option<(&Tenant, &User)> {
        self.tenants
            .iter()
            .find_map(|t| t.user_by_id(id).map(|user| (t, user)))
    }

    pub(crate) fn users(&self) -> impl Iterator<Item = &User> {
        self.tenants.iter().flat_map(|t| &t.users)
    }
}

impl Tenant {
    fn new(spec: TenantSpec) -> anyhow::Result<Tenant> {
        let mut apps = Vec::new();
        for app in spec.apps {
            let mut certificates = Vec::new();
            for path in &app.certificates {
                let pem = std::fs::read(path)
                    .with_context(|| format!("cannot read certificate {}", path.display()))?;
                certificates.push(
                    Certificate::from_pem(&pem).with_context(|| {
                        format!("{} is not a PEM RSA certificate", path.display())
                    })?,
                );
            }
            apps.push(App {
                spec: app,
                certificates,
            });
        }
        let users = spec
            .users
            .into_iter()
            .map(|u| {
                let (mail, proxy_addresses) = mail_and_proxies(&u);
                User {
                    id: u.id.unwrap_or_else(Uuid::new_v4),
                    mail,
                    proxy_addresses,
                    display_name: u
                        .display_name
                        .unwrap_or_else(|| u.upn.split('@').next().unwrap_or_default().to_owned()),
                    upn: u.upn,
                    kind: u.kind,
                    licensed: u.licensed,
                    folders: u.folders,
                }
            })
            .collect();
        Ok(Tenant {
            tenant_id: spec.tenant_id,
            domain: spec.domain,
            apps,
            users,
        })
    }

    /// Whether a URL path segment names this tenant: its id or its domain (any case).
    pub(crate) fn matches(&self, segment: &str) -> bool {
        segment.eq_ignore_ascii_case(&self.domain)
            || Uuid::parse_str(segment).is_ok_and(|id| id == self.tenant_id)
    }

    pub(crate) fn app(&self, client_id: Uuid) -> Option<&App> {
        self.apps.iter().find(|a| a.spec.client_id == client_id)
    }

    /// A user by object id or UPN, as the directory read `/users/{id | userPrincipalName}`
    /// does: a mail address or alias that is not the UPN is not found there (graph-facts §3.1).
    pub(crate) fn user(&self, key: &str) -> Option<&User> {
        match Uuid::parse_str(key) {
            Ok(id) => self.user_by_id(id),
            Err(_) => self.users.iter().find(|u| u.upn.eq_ignore_ascii_case(key)),
        }
    }

    /// A mailbox by object id, UPN or any SMTP address (aliases included), case-insensitive:
    /// Exchange resolves mailbox paths (`/users/{x}/messages`, sendMail) and recipients
    /// this way, unlike the directory read.
    pub(crate) fn mailbox(&self, key: &str) -> Option<&User> {
        match Uuid::parse_str(key) {
            Ok(id) => self.user_by_id(id),
            Err(_) => self.users.iter().find(|u| u.answers_to(key)),
        }
    }

    pub(crate) fn user_by_id(&self, id: Uuid) -> Option<&User> {
        self.users.iter().find(|u| u.id == id)
    }
}

impl Certificate {
    fn from_pem(pem: &[u8]) -> anyhow::Result<Certificate> {
        let text = std::str::from_utf8(pem)?;
        let body: String = text
            .lines()
            .skip_while(|l| !l.starts_with("-----BEGIN CERTIFICATE-----"))
            .skip(1)
            .take_while(|l| !l.starts_with("-----END"))
            .collect();
        let der = base64::Engine::decode(&base64::engine::general_purpose::STANDARD, body)?;
        Ok(Certificate {
            sha1: crypto::sha1(&der),
            sha256: crypto::sha256(&der),
            key: jsonwebtoken::DecodingKey::from_rsa_pem(pem)?,
        })
    }
}
