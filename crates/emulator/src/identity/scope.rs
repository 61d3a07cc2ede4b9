//! The `scope` parameter: which resource and which permissions a client asks for.
//! Graph is the only resource this emulator hosts, and Entra knows it by two names only: its
//! App ID URI in the tenant's cloud and its app id (graph-facts §1.2, §2.1). The URL a client
//! sends Graph requests to is not a resource name: Entra answers a scope built from the
//! emulator's own address (or a proxy's) with AADSTS500011, and so does this emulator.

use super::error::EntraError;

pub(crate) const GRAPH_APP_ID: &str = "00000003-0000-0000-c000-000000000000";
const OIDC_SCOPES: &[&str] = &["openid", "profile", "email", "offline_access"];

#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct ScopeRequest {
    /// `{graph}/.default`: everything consented for the app.
    pub default: bool,
    /// Graph permission names without the resource prefix.
    pub permissions: Vec<String>,
    pub openid: bool,
    pub offline_access: bool,
}

/// The names Graph answers to in one tenant, and the tenant's name for the error text.
#[derive(Debug, Clone)]
pub(super) struct Graph {
    pub app_id_uris: &'static [&'static str],
    pub tenant: String,
}

impl Graph {
    /// App ID URIs are matched without regard to case; the app id is a GUID.
    fn is_named(&self, resource: &str) -> bool {
        resource.eq_ignore_ascii_case(GRAPH_APP_ID)
            || self
                .app_id_uris
                .iter()
                .any(|uri| resource.eq_ignore_ascii_case(uri))
    }
}

/// Parses a space-separated `scope`. A permission without a resource (`Mail.Read`) means
/// Graph, as in Entra.
pub(super) fn parse(scope: &str, graph: &Graph) -> Result<ScopeRequest, EntraError> {
    let mut request = ScopeRequest::default();
    for item in scope.split_whitespace() {
        if OIDC_SCOPES.contains(&item) {
            request.openid |= item == "openid";
            request.offline_access |= item == "offline_access";
            continue;
        }
        let permission = match item.rsplit_once('/') {
            Some((resource, permission)) => {
                if !graph.is_named(resource) {
                    return Err(EntraError::resource_not_found(resource, &graph.tenant));
                }
                permission
            }
            None => item,
        };
        if permission == ".default" {
            request.default = true;
        } else if !permission.is_empty()
            && permission
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_' || c == '-')
        {
            request.permissions.push(permission.to_owned());
        } else {
            return Err(EntraError::invalid_scope("The scope format is invalid."));
        }
    }
    if request.default && !request.permissions.is_empty() {
        return Err(EntraError::invalid_scope(
            "The .default scope can't be combined with resource-specific scopes.",
        ));
    }
    Ok(request)
}

/// Client credentials accept exactly one `{resource}/.default` (graph-facts §1.2).
pub(super) fn require_default(request: &ScopeRequest, raw: &str) -> Result<(), EntraError> {
    if request.default
        && request.permissions.is_empty()
        && !request.openid
        && !request.offline_access
    {
        Ok(())
    } else {
        Err(EntraError::invalid_scope(&format!(
            "The scope '{raw}' is not valid for the client credentials flow: ask for the resource's '/.default' scope, e.g. 'https://graph.microsoft.com/.default'."
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn global() -> Graph {
        Graph {
            app_id_uris: &["https://graph.microsoft.com"],
            tenant: "contoso.test".into(),
        }
    }

    #[test]
    fn graph_is_known_by_its_app_id_uri_and_app_id() {
        for scope in [
            "https://graph.microsoft.com/.default",
            "HTTPS://Graph.Microsoft.com/.default",
            "00000003-0000-0000-c000-000000000000/.default",
        ] {
            let request = parse(scope, &global()).unwrap();
            assert!(request.default, "{scope}");
            require_default(&request, scope).unwrap();
        }
    }

    #[test]
    fn an_endpoint_url_or_another_clouds_graph_is_not_a_resource() {
        for scope in [
            "http://127.0.0.1:4000/.default",
            "https://127.0.0.1:4000/Mail.ReadWrite.Shared",
            "https://graph.microsoft.us/.default",
            "https://vault.azure.net/.default",
        ] {
            let err = parse(scope, &global()).unwrap_err();
            assert_eq!(
                (err.code, err.error),
                (500011, "invalid_resource"),
                "{scope}"
            );
            let resource = scope.rsplit_once('/').unwrap().0;
            assert!(
                err.description.starts_with(&format!(
                    "The resource principal named {resource} was not found in the tenant named contoso.test."
                )),
                "{}",
                err.description
            );
        }
    }

    #[test]
    fn delegated_scopes_split_into_permissions_and_oidc() {
        let request = parse(
            "https://graph.microsoft.com/Mail.ReadWrite Mail.Send offline_access openid",
            &global(),
        )
        .unwrap();
        assert_eq!(request.permissions, vec!["Mail.ReadWrite", "Mail.Send"]);
        assert!(request.offline_access && request.openid && !request.default);
    }

    #[test]
    fn specific_permission_is_not_a_client_credentials_scope() {
        let raw = "https://graph.microsoft.com/User.Read.All";
        let err = require_default(&parse(raw, &global()).unwrap(), raw).unwrap_err();
        assert_eq!(err.code, 70011);
    }

    #[test]
    fn default_cannot_be_mixed_with_permissions() {
        assert_eq!(
            parse("https://graph.microsoft.com/.default Mail.Read", &global())
                .unwrap_err()
                .code,
            70011
        );
    }
}
