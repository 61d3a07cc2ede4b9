//! The `scope` parameter: which resource and which permissions a client asks for.
//! Graph is the only resource this emulator hosts; it answers to its real names too, since
//! MSAL-based scripts ask for `https://graph.microsoft.com/.default`.

use super::error::EntraError;

pub const GRAPH_APP_ID: &str = "00000003-0000-0000-c000-000000000000";
const GRAPH_PUBLIC_ROOT: &str = "https://graph.microsoft.com";
const OIDC_SCOPES: &[&str] = &["openid", "profile", "email", "offline_access"];

#[derive(Debug, Default, PartialEq, Eq)]
pub struct ScopeRequest {
    /// `{graph}/.default`: everything consented for the app.
    pub default: bool,
    /// Graph permission names without the resource prefix.
    pub permissions: Vec<String>,
    pub openid: bool,
    pub offline_access: bool,
}

/// Parses a space-separated `scope`; `graph_root` is the emulator's own Graph root URL.
pub fn parse(scope: &str, graph_root: &str) -> Result<ScopeRequest, EntraError> {
    let mut request = ScopeRequest::default();
    for item in scope.split_whitespace() {
        if OIDC_SCOPES.contains(&item) {
            request.openid |= item == "openid";
            request.offline_access |= item == "offline_access";
            continue;
        }
        let permission = match item.rsplit_once('/') {
            Some((resource, permission)) => {
                let resource = resource.trim_end_matches('/');
                if ![GRAPH_PUBLIC_ROOT, GRAPH_APP_ID, graph_root]
                    .iter()
                    .any(|known| resource.eq_ignore_ascii_case(known))
                {
                    return Err(EntraError::invalid_scope(&format!(
                        "The resource '{resource}' is not hosted by this tenant."
                    )));
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
pub fn require_default(request: &ScopeRequest, raw: &str) -> Result<(), EntraError> {
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

    const ROOT: &str = "http://127.0.0.1:4000";

    #[test]
    fn all_graph_names_mean_graph() {
        for scope in [
            "https://graph.microsoft.com/.default",
            "00000003-0000-0000-c000-000000000000/.default",
            "http://127.0.0.1:4000/.default",
        ] {
            let request = parse(scope, ROOT).unwrap();
            assert!(request.default, "{scope}");
            require_default(&request, scope).unwrap();
        }
    }

    #[test]
    fn delegated_scopes_split_into_permissions_and_oidc() {
        let request = parse(
            "https://graph.microsoft.com/Mail.ReadWrite Mail.Send offline_access openid",
            ROOT,
        )
        .unwrap();
        assert_eq!(request.permissions, vec!["Mail.ReadWrite", "Mail.Send"]);
        assert!(request.offline_access && request.openid && !request.default);
    }

    #[test]
    fn specific_permission_is_not_a_client_credentials_scope() {
        let raw = "https://graph.microsoft.com/User.Read.All";
        let err = require_default(&parse(raw, ROOT).unwrap(), raw).unwrap_err();
        assert_eq!(err.code, 70011);
    }

    #[test]
    fn foreign_resources_and_mixtures_are_refused() {
        assert_eq!(
            parse("https://vault.azure.net/.default", ROOT)
                .unwrap_err()
                .code,
            70011
        );
        assert_eq!(
            parse("https://graph.microsoft.com/.default Mail.Read", ROOT)
                .unwrap_err()
                .code,
            70011
        );
    }
}
