//! A connection profile as stored in the config file. Every field is optional here because
//! the environment may supply it; what a command needs is checked when it resolves its
//! settings. A profile never holds a secret.

use std::path::PathBuf;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::values::{
    AssertionAlg, AuthMethod, ClientId, CloudName, Endpoint, FolderPath, Mailbox, Tenant,
};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cloud: Option<CloudName>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authority_host: Option<Endpoint>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub graph_endpoint: Option<Endpoint>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenant: Option<Tenant>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<ClientId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth: Option<AuthMethod>,
    /// Certificate assertion signing (auth = "certificate").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assertion: Option<AssertionAlg>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mailbox: Option<Mailbox>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub folder: Option<FolderPath>,
    #[serde(default, skip_serializing_if = "ImportSettings::is_empty")]
    pub import: ImportSettings,
}

/// The `[profiles.NAME.import]` table: how `mailconn import` treats this profile's folder.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportSettings {
    /// Rules file deciding new ticket / follow-up / ignore.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rules: Option<PathBuf>,
    /// What happens to a message once its ticket is stored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub post_action: Option<PostAction>,
    /// The processing log and ticket store (SQLite file); default
    /// `$XDG_DATA_HOME/mailconn/mailconn.db`. `MAILCONN_STORE` overrides it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub store: Option<PathBuf>,
}

impl ImportSettings {
    pub fn is_empty(&self) -> bool {
        self == &ImportSettings::default()
    }
}

/// What the import does with a processed message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PostAction {
    None,
    MarkRead,
    Move(FolderPath),
    Delete,
    PermanentDelete,
}

impl PostAction {
    pub fn as_string(&self) -> String {
        match self {
            PostAction::None => "none".into(),
            PostAction::MarkRead => "mark-read".into(),
            PostAction::Move(folder) => format!("move:{folder}"),
            PostAction::Delete => "delete".into(),
            PostAction::PermanentDelete => "permanent-delete".into(),
        }
    }
}

impl FromStr for PostAction {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "none" => Ok(PostAction::None),
            "mark-read" => Ok(PostAction::MarkRead),
            "delete" => Ok(PostAction::Delete),
            "permanent-delete" => Ok(PostAction::PermanentDelete),
            _ => match s.strip_prefix("move:") {
                Some(folder) => Ok(PostAction::Move(folder.parse()?)),
                None => Err(format!(
                    "invalid post action '{s}': expected none, mark-read, move:FOLDER, delete or permanent-delete"
                )),
            },
        }
    }
}

impl Serialize for PostAction {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.as_string())
    }
}

impl<'de> Deserialize<'de> for PostAction {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d)?
            .parse()
            .map_err(serde::de::Error::custom)
    }
}

impl Profile {
    /// Checks that need several fields at once. Returns the problem and its fix.
    pub fn check(&self) -> Result<(), (String, String)> {
        if self.cloud == Some(CloudName::Custom)
            && (self.authority_host.is_none() || self.graph_endpoint.is_none())
        {
            return Err((
                "cloud = \"custom\" needs both authority_host and graph_endpoint".into(),
                "add the two endpoints, or choose a preset cloud (global, usgov, usgov-dod, china)"
                    .into(),
            ));
        }
        if let Some(graph) = &self.graph_endpoint {
            check_graph_endpoint(graph)?;
        }
        if let (Some(tenant), Some(auth)) = (&self.tenant, &self.auth) {
            check_tenant_fits_auth(tenant, *auth)?;
        }
        Ok(())
    }
}

/// A Graph endpoint must carry the API version, or every request path is wrong.
pub fn check_graph_endpoint(graph: &Endpoint) -> Result<(), (String, String)> {
    if graph.url().path().trim_matches('/').is_empty() {
        return Err((
            format!("graph endpoint '{graph}' has no API version"),
            format!("use {}/v1.0", graph.as_str()),
        ));
    }
    Ok(())
}

/// App-only sign-in needs a concrete tenant; `organizations`/`common` only work for
/// delegated sign-in (AADSTS50194 otherwise, graph-facts §1.1).
pub fn check_tenant_fits_auth(tenant: &Tenant, auth: AuthMethod) -> Result<(), (String, String)> {
    if tenant.is_multi_tenant() && auth.is_app_only() {
        return Err((
            format!(
                "tenant '{tenant}' cannot be used with {} sign-in",
                auth.as_str()
            ),
            "app-only sign-in needs the tenant id or a domain of the tenant; 'organizations' and 'common' only work with device-code or browser".into(),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn post_actions_round_trip() {
        for text in [
            "none",
            "mark-read",
            "move:Inbox/Done",
            "delete",
            "permanent-delete",
        ] {
            assert_eq!(text.parse::<PostAction>().unwrap().as_string(), text);
        }
        assert!("move:".parse::<PostAction>().is_err());
        assert!("archive".parse::<PostAction>().is_err());
    }

    #[test]
    fn app_only_sign_in_refuses_a_multi_tenant_authority() {
        let p = Profile {
            tenant: Some("organizations".parse().unwrap()),
            auth: Some(AuthMethod::ClientSecret),
            ..Profile::default()
        };
        assert!(p.check().is_err());
        let delegated = Profile {
            auth: Some(AuthMethod::DeviceCode),
            ..p
        };
        assert!(delegated.check().is_ok());
    }

    #[test]
    fn custom_cloud_needs_both_endpoints() {
        let p = Profile {
            cloud: Some(CloudName::Custom),
            authority_host: Some("http://127.0.0.1:9".parse().unwrap()),
            ..Profile::default()
        };
        assert!(p.check().is_err());
    }
}
