//! National cloud presets (graph-facts §2.1): each cloud has its own sign-in authority,
//! Graph host and Graph resource (App ID URI), and tokens do not cross clouds.

use super::values::CloudName;

/// The sign-in authority and Graph base URL (with version) of a preset cloud.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CloudEndpoints {
    pub authority_host: &'static str,
    pub graph_endpoint: &'static str,
}

impl CloudName {
    /// The preset endpoints, or `None` for `custom`.
    pub fn endpoints(self) -> Option<CloudEndpoints> {
        let (authority_host, graph_endpoint) = match self {
            CloudName::Global => (
                "https://login.microsoftonline.com",
                "https://graph.microsoft.com/v1.0",
            ),
            CloudName::UsGov => (
                "https://login.microsoftonline.us",
                "https://graph.microsoft.us/v1.0",
            ),
            CloudName::UsGovDod => (
                "https://login.microsoftonline.us",
                "https://dod-graph.microsoft.us/v1.0",
            ),
            CloudName::China => (
                "https://login.chinacloudapi.cn",
                "https://microsoftgraph.chinacloudapi.cn/v1.0",
            ),
            CloudName::Custom => return None,
        };
        Some(CloudEndpoints {
            authority_host,
            graph_endpoint,
        })
    }

    /// Graph's App ID URI in this cloud: the resource every token is asked for
    /// (`{resource}/.default`, graph-facts §1.2; national clouds use their own Graph host,
    /// §2.1). A custom cloud is usually Graph behind another endpoint (a proxy, the emulator),
    /// so it defaults to the global resource; `graph_resource` overrides it.
    pub fn graph_resource(self) -> &'static str {
        match self {
            CloudName::Global | CloudName::Custom => "https://graph.microsoft.com",
            CloudName::UsGov => "https://graph.microsoft.us",
            CloudName::UsGovDod => "https://dod-graph.microsoft.us",
            CloudName::China => "https://microsoftgraph.chinacloudapi.cn",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_match_the_national_cloud_table() {
        let dod = CloudName::UsGovDod.endpoints().unwrap();
        assert_eq!(dod.authority_host, "https://login.microsoftonline.us");
        assert_eq!(dod.graph_endpoint, "https://dod-graph.microsoft.us/v1.0");
        let cn = CloudName::China.endpoints().unwrap();
        assert_eq!(
            cn.graph_endpoint,
            "https://microsoftgraph.chinacloudapi.cn/v1.0"
        );
        assert!(CloudName::Custom.endpoints().is_none());
        assert_eq!(
            CloudName::UsGovDod.graph_resource(),
            "https://dod-graph.microsoft.us"
        );
        assert_eq!(
            CloudName::Custom.graph_resource(),
            CloudName::Global.graph_resource()
        );
    }
}
