//! Where to sign in and what to ask for: the v2.0 endpoints of a tenant on an authority host,
//! and the Graph scopes of the profile's cloud (a national cloud's Graph host, not the global
//! one, graph-facts §2.1).

use crate::settings::values::{Endpoint, Tenant};

/// The v2.0 endpoints of one tenant.
#[derive(Debug, Clone)]
pub struct Authority {
    base: String,
}

impl Authority {
    pub fn new(host: &Endpoint, tenant: &Tenant) -> Authority {
        Authority {
            base: format!("{}/{}", host.as_str(), tenant.as_str()),
        }
    }

    pub fn token_url(&self) -> String {
        format!("{}/oauth2/v2.0/token", self.base)
    }

    pub fn device_code_url(&self) -> String {
        format!("{}/oauth2/v2.0/devicecode", self.base)
    }

    pub fn authorize_url(&self) -> String {
        format!("{}/oauth2/v2.0/authorize", self.base)
    }
}

/// The Graph resource of a Graph endpoint: its scheme, host and port, without the version.
pub fn graph_resource(graph: &Endpoint) -> String {
    let url = graph.url();
    url[..url::Position::BeforePath].to_owned()
}

/// App-only sign-in asks for everything the app was granted on Graph.
pub fn app_only_scope(graph: &Endpoint) -> String {
    format!("{}/.default", graph_resource(graph))
}

/// Delegated sign-in: read/write and send for the user's own and shared mailboxes (a help
/// desk mailbox is usually shared), and a refresh token so cron runs need no new sign-in.
pub fn delegated_scopes(graph: &Endpoint) -> Vec<String> {
    let resource = graph_resource(graph);
    let mut scopes: Vec<String> = ["Mail.ReadWrite.Shared", "Mail.Send.Shared", "User.Read"]
        .iter()
        .map(|s| format!("{resource}/{s}"))
        .collect();
    scopes.extend([
        "offline_access".to_owned(),
        "openid".to_owned(),
        "profile".to_owned(),
    ]);
    scopes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_follow_the_v2_layout() {
        let a = Authority::new(
            &"https://login.microsoftonline.us".parse().unwrap(),
            &"contoso.com".parse().unwrap(),
        );
        assert_eq!(
            a.token_url(),
            "https://login.microsoftonline.us/contoso.com/oauth2/v2.0/token"
        );
        assert_eq!(
            a.device_code_url(),
            "https://login.microsoftonline.us/contoso.com/oauth2/v2.0/devicecode"
        );
    }

    #[test]
    fn scopes_use_the_clouds_graph_host() {
        let dod: Endpoint = "https://dod-graph.microsoft.us/v1.0".parse().unwrap();
        assert_eq!(
            app_only_scope(&dod),
            "https://dod-graph.microsoft.us/.default"
        );
        let emulator: Endpoint = "http://127.0.0.1:8400/v1.0".parse().unwrap();
        assert_eq!(app_only_scope(&emulator), "http://127.0.0.1:8400/.default");
        assert!(delegated_scopes(&emulator).contains(&"offline_access".to_owned()));
    }
}
