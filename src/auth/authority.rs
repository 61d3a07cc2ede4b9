//! Where to sign in and what to ask for: the v2.0 endpoints of a tenant on an authority host,
//! and the scopes of the profile's Graph resource. The scope names the resource (Graph's App
//! ID URI in the profile's cloud, graph-facts §1.2 and §2.1), never the host mailconn sends
//! Graph requests to: Entra answers AADSTS500011 to a scope built from any other URL.

use crate::settings::values::{Endpoint, GraphResource, Tenant};

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

/// App-only sign-in asks for everything the app was granted on Graph.
pub fn app_only_scope(graph: &GraphResource) -> String {
    graph.scope(".default")
}

/// Delegated sign-in: read/write and send for the user's own and shared mailboxes (a help
/// desk mailbox is usually shared), and a refresh token so cron runs need no new sign-in.
pub fn delegated_scopes(graph: &GraphResource) -> Vec<String> {
    let mut scopes: Vec<String> = ["Mail.ReadWrite.Shared", "Mail.Send.Shared", "User.Read"]
        .iter()
        .map(|permission| graph.scope(permission))
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
    fn scopes_name_the_resource_whatever_the_endpoint() {
        let dod: GraphResource = "https://dod-graph.microsoft.us".parse().unwrap();
        assert_eq!(
            app_only_scope(&dod),
            "https://dod-graph.microsoft.us/.default"
        );
        let global: GraphResource = "https://graph.microsoft.com".parse().unwrap();
        let delegated = delegated_scopes(&global);
        assert!(
            delegated.contains(&"https://graph.microsoft.com/Mail.ReadWrite.Shared".to_owned())
        );
        assert!(delegated.contains(&"offline_access".to_owned()));
    }
}
