//! Flags naming connection settings. `profile add` stores them; other commands use them to
//! override the profile for one run.

use crate::settings::resolve::Overrides;
use crate::settings::values::{
    AssertionAlg, AuthMethod, ClientId, CloudName, Endpoint, FolderPath, GraphResource, Mailbox,
    Tenant,
};

#[derive(Debug, Clone, Default, clap::Args)]
pub struct SettingArgs {
    /// Microsoft cloud: global (incl. GCC), usgov (GCC High), usgov-dod, china, or custom.
    #[arg(long, value_enum, ignore_case = true)]
    pub cloud: Option<CloudName>,

    /// Sign-in authority, e.g. https://login.microsoftonline.com (needed for cloud custom).
    #[arg(long, value_name = "URL")]
    pub authority_host: Option<Endpoint>,

    /// Graph base URL with version, e.g. https://graph.microsoft.com/v1.0 (cloud custom).
    #[arg(long, value_name = "URL")]
    pub graph_endpoint: Option<Endpoint>,

    /// Resource tokens are asked for, e.g. https://graph.microsoft.com (default: the cloud's
    /// Graph; set it only when a custom endpoint serves another resource).
    #[arg(long, value_name = "URI")]
    pub graph_resource: Option<GraphResource>,

    /// Directory (tenant) id or a domain of the tenant.
    #[arg(long, value_name = "TENANT")]
    pub tenant: Option<Tenant>,

    /// Application (client) id of the Entra app registration.
    #[arg(long, value_name = "GUID")]
    pub client_id: Option<ClientId>,

    /// How to sign in.
    #[arg(long, value_enum, ignore_case = true, value_name = "METHOD")]
    pub auth: Option<AuthMethod>,

    /// Certificate assertion signing: ps256 (x5t#S256, default) or rs256 (x5t, older setups).
    #[arg(long, value_enum, ignore_case = true, value_name = "ALG")]
    pub assertion: Option<AssertionAlg>,

    /// Mailbox address (shared mailboxes included) or user object id.
    #[arg(long, value_name = "ADDRESS")]
    pub mailbox: Option<Mailbox>,

    /// Folder path in the mailbox, e.g. Inbox/Support (`\/` for a slash in a name).
    #[arg(long, value_name = "PATH")]
    pub folder: Option<FolderPath>,
}

impl From<SettingArgs> for Overrides {
    fn from(a: SettingArgs) -> Overrides {
        Overrides {
            cloud: a.cloud,
            authority_host: a.authority_host,
            graph_endpoint: a.graph_endpoint,
            graph_resource: a.graph_resource,
            tenant: a.tenant,
            client_id: a.client_id,
            auth: a.auth,
            assertion: a.assertion,
            mailbox: a.mailbox,
            folder: a.folder,
        }
    }
}
