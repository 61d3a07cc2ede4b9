//! National cloud presets (graph-facts §2.1): each cloud has its own sign-in authority and
//! Graph host, and tokens do not cross clouds.

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
    }
}
