//! The built-in demo tenant (`mailconn emulator serve` without `--tenant`). Other parts of
//! mailconn and their tests depend on these names and ids; `docs/emulator.md` lists them.

use std::path::{Path, PathBuf};

use uuid::{Uuid, uuid};

use super::identity::EMULATOR_ISSUER;
use super::tenant::{
    AppSpec, FederatedCredential, SecretSpec, Settings, TenantFile, TenantSpec, UserKind, UserSpec,
};

pub(crate) const TENANT_ID: Uuid = uuid!("3b6e8d2a-5c1f-4e7a-9d40-2f8b1c6a7e01");
pub(crate) const DOMAIN: &str = "contoso.test";
/// Confidential app with Mail.ReadWrite + Mail.Send + User.Read.All on every mailbox.
pub(crate) const CONNECTOR_CLIENT_ID: Uuid = uuid!("9d1f6c2e-4a7b-4c3d-8e5f-1a2b3c4d5e01");
/// Public client for device code and browser sign-in (redirect `http://localhost`).
pub(crate) const PUBLIC_CLIENT_ID: Uuid = uuid!("9d1f6c2e-4a7b-4c3d-8e5f-1a2b3c4d5e02");
/// Confidential app limited (RBAC for Applications) to the shared support mailbox.
pub(crate) const SCOPED_CLIENT_ID: Uuid = uuid!("9d1f6c2e-4a7b-4c3d-8e5f-1a2b3c4d5e03");
/// Confidential app with no application permission consented (tokens carry no `roles`).
pub(crate) const UNCONSENTED_CLIENT_ID: Uuid = uuid!("9d1f6c2e-4a7b-4c3d-8e5f-1a2b3c4d5e04");
/// The client secret of every demo confidential app. Shaped like a real secret value.
pub(crate) const CLIENT_SECRET: &str = "Dmo8Q~emulator.demo-secret_value0000000000";
/// A second secret of the same apps that expired long ago (AADSTS7000222).
pub(crate) const EXPIRED_CLIENT_SECRET: &str = "Exp8Q~emulator.expired-secret_value000000";
pub(crate) const SUPPORT_MAILBOX: &str = "support@contoso.test";
pub(crate) const SUPPORT_FOLDER: &str = "Inbox/Support";
/// A second address of the support mailbox (an Exchange alias, `smtp:` proxy address).
pub(crate) const SUPPORT_ALIAS: &str = "helpdesk@contoso.test";
pub(crate) const LICENSED_USER: &str = "alex@contoso.test";
pub(crate) const UNLICENSED_USER: &str = "una@contoso.test";
/// Subject of the connector app's federated credential (issuer: the emulator's own).
pub(crate) const FEDERATED_SUBJECT: &str = "system:serviceaccount:helpdesk:mailconn";

const SUPPORT_ID: Uuid = uuid!("a1b2c3d4-0001-4000-8000-00000000c0de");
const ALEX_ID: Uuid = uuid!("a1b2c3d4-0002-4000-8000-00000000c0de");
const UNA_ID: Uuid = uuid!("a1b2c3d4-0003-4000-8000-00000000c0de");

/// Where the demo app's certificate and key were written.
pub(crate) struct DemoCertificate {
    pub cert_path: PathBuf,
    pub key_path: PathBuf,
}

/// Generates the demo app certificate (RSA-2048, self-signed) into `dir`.
pub(crate) fn write_certificate(dir: &Path) -> anyhow::Result<DemoCertificate> {
    let key = rcgen::KeyPair::generate_rsa_for(&rcgen::PKCS_RSA_SHA256, rcgen::RsaKeySize::_2048)?;
    let mut params = rcgen::CertificateParams::new(Vec::<String>::new())?;
    params
        .distinguished_name
        .push(rcgen::DnType::CommonName, "mailconn demo connector");
    let cert = params.self_signed(&key)?;
    let cert_path = dir.join("demo-connector.crt.pem");
    let key_path = dir.join("demo-connector.key.pem");
    std::fs::write(&cert_path, cert.pem())?;
    write_private(&key_path, key.serialize_pem().as_bytes())?;
    Ok(DemoCertificate {
        cert_path,
        key_path,
    })
}

/// Private keys (and saved state, which holds refresh tokens) are written readable by the
/// owner only, as a real one should be. A key left
/// by an earlier run in the same `--data-dir` is replaced (the mode applies only on create).
pub(super) fn write_private(path: &Path, text: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)?.write_all(text)
}

pub(crate) fn tenant(cert: &DemoCertificate) -> TenantFile {
    let confidential =
        |client_id, name: &str, roles: &[&str], scope: Option<Vec<String>>| AppSpec {
            client_id,
            name: name.to_owned(),
            public_client: false,
            secrets: vec![
                SecretSpec {
                    value: CLIENT_SECRET.to_owned(),
                    expires: None,
                },
                SecretSpec {
                    value: EXPIRED_CLIENT_SECRET.to_owned(),
                    expires: chrono::DateTime::from_timestamp(1_704_067_200, 0),
                },
            ],
            certificates: vec![cert.cert_path.clone()],
            redirect_uris: Vec::new(),
            roles: roles.iter().map(|r| r.to_string()).collect(),
            delegated_scopes: Vec::new(),
            mailbox_scope: scope,
            federated_credentials: Vec::new(),
        };
    let tenant = TenantSpec {
        tenant_id: TENANT_ID,
        domain: DOMAIN.to_owned(),
        apps: vec![
            AppSpec {
                federated_credentials: vec![FederatedCredential {
                    issuer: EMULATOR_ISSUER.to_owned(),
                    subject: FEDERATED_SUBJECT.to_owned(),
                    audiences: vec!["api://AzureADTokenExchange".to_owned()],
                }],
                ..confidential(
                    CONNECTOR_CLIENT_ID,
                    "Help desk mail connector",
                    &["Mail.ReadWrite", "Mail.Send", "User.Read.All"],
                    None,
                )
            },
            confidential(
                SCOPED_CLIENT_ID,
                "Help desk connector (support mailbox only)",
                &["Mail.ReadWrite", "Mail.Send"],
                Some(vec![SUPPORT_MAILBOX.to_owned()]),
            ),
            confidential(
                UNCONSENTED_CLIENT_ID,
                "Connector awaiting consent",
                &[],
                None,
            ),
            AppSpec {
                client_id: PUBLIC_CLIENT_ID,
                name: "mailconn (delegated sign-in)".to_owned(),
                public_client: true,
                secrets: Vec::new(),
                certificates: Vec::new(),
                redirect_uris: vec!["http://localhost".to_owned()],
                roles: Vec::new(),
                delegated_scopes: [
                    "User.Read",
                    "Mail.ReadWrite",
                    "Mail.Send",
                    "Mail.ReadWrite.Shared",
                    "Mail.Send.Shared",
                ]
                .iter()
                .map(|s| s.to_string())
                .collect(),
                mailbox_scope: None,
                federated_credentials: Vec::new(),
            },
        ],
        users: vec![
            UserSpec {
                upn: SUPPORT_MAILBOX.to_owned(),
                id: Some(SUPPORT_ID),
                mail: None,
                proxy_addresses: vec![format!("smtp:{SUPPORT_ALIAS}")],
                display_name: Some("Contoso Support".to_owned()),
                kind: UserKind::Shared,
                licensed: false,
                folders: vec![SUPPORT_FOLDER.to_owned()],
            },
            UserSpec {
                upn: LICENSED_USER.to_owned(),
                id: Some(ALEX_ID),
                mail: None,
                proxy_addresses: Vec::new(),
                display_name: Some("Alex Wilber".to_owned()),
                kind: UserKind::User,
                licensed: true,
                folders: Vec::new(),
            },
            UserSpec {
                upn: UNLICENSED_USER.to_owned(),
                id: Some(UNA_ID),
                mail: None,
                proxy_addresses: Vec::new(),
                display_name: Some("Una Licensed-Not".to_owned()),
                kind: UserKind::User,
                licensed: false,
                folders: Vec::new(),
            },
        ],
    };
    TenantFile {
        // Device-code polling at the real 5 s would make every delegated test wait; clients
        // must honour whatever `interval` says, so 1 s tests the same contract.
        settings: Settings {
            device_code_interval_secs: 1,
            ..Settings::default()
        },
        tenants: vec![tenant],
    }
}
