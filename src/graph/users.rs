//! Directory reads of users: the one a mailbox is resolved with (graph-facts §3.1).

use serde::Deserialize;

use super::{Graph, GraphError, Page, odata_string, segment};

/// What mailconn reads of a user. `proxyAddresses` needs `User.Read.All`: under
/// `User.ReadBasic.All` Graph leaves it out, so it defaults to empty.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DirectoryUser {
    pub id: String,
    #[serde(default)]
    pub mail: Option<String>,
    #[serde(default)]
    pub user_principal_name: Option<String>,
    #[serde(default)]
    pub proxy_addresses: Vec<String>,
}

const SELECT: &str = "$select=id,mail,userPrincipalName,proxyAddresses";

impl Graph {
    /// `GET /users/{id | userPrincipalName}`; `None` when the directory has no such user.
    /// A mail address that is not the UPN (an alias, or `mail` ≠ UPN) is not found here.
    pub async fn directory_user(&self, key: &str) -> Result<Option<DirectoryUser>, GraphError> {
        let url = self.url(&format!("/users/{}?{SELECT}", segment(key)));
        not_found_is_none(self.get(&url, key, "a user").await)
    }

    /// The user holding `address` among its SMTP proxy addresses (primary or alias).
    /// Directory string filters ignore case, the `smtp:` prefix included.
    pub async fn user_with_address(
        &self,
        address: &str,
    ) -> Result<Option<DirectoryUser>, GraphError> {
        let filter = format!(
            "proxyAddresses/any(p:p eq {})",
            odata_string(&format!("smtp:{address}"))
        );
        let url = self.url(&format!("/users?$filter={}&{SELECT}", segment(&filter)));
        let page: Page<DirectoryUser> = self.get(&url, address, "users").await?;
        Ok(page.value.into_iter().next())
    }
}

fn not_found_is_none<T>(result: Result<T, GraphError>) -> Result<Option<T>, GraphError> {
    match result {
        Ok(value) => Ok(Some(value)),
        Err(e)
            if e.api()
                .is_some_and(|a| a.code == "Request_ResourceNotFound") =>
        {
            Ok(None)
        }
        Err(e) => Err(e),
    }
}
