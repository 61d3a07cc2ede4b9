//! What an access token says about itself, for people: the tenant, app, user and
//! permissions that `login` and `auth status` show. A token may not be readable at all
//! (Microsoft may issue opaque tokens, graph-facts §1.9); that is said, never shown as "none".

use serde::Serialize;

use crate::auth::Claims;

#[derive(Debug, Default, Serialize)]
pub struct TokenSummary {
    /// Whether the token is a JWT whose claims could be read.
    pub claims_readable: bool,
    pub tenant: Option<String>,
    pub app: Option<String>,
    /// The signed-in user (delegated sign-in).
    pub account: Option<String>,
    pub roles: Vec<String>,
    pub scopes: Vec<String>,
}

const NOT_IN_TOKEN: &str = "(not in the token)";

impl TokenSummary {
    pub fn of(claims: Option<&Claims>) -> TokenSummary {
        let Some(claims) = claims else {
            return TokenSummary::default();
        };
        TokenSummary {
            claims_readable: true,
            tenant: claims.tid.clone(),
            app: claims.appid.clone(),
            account: claims.upn.clone(),
            roles: claims.roles.clone(),
            scopes: claims.scopes().into_iter().map(str::to_owned).collect(),
        }
    }

    /// "alex@contoso.test in tenant T" or "app A in tenant T".
    pub fn holder(&self) -> String {
        let who = match (&self.account, &self.app) {
            (Some(account), _) => account.clone(),
            (None, Some(app)) => format!("app {app}"),
            (None, None) => format!("app {NOT_IN_TOKEN}"),
        };
        format!(
            "{who} in tenant {}",
            self.tenant.as_deref().unwrap_or(NOT_IN_TOKEN)
        )
    }

    /// The roles (app-only) or delegated scopes, comma separated; "none" only when a
    /// readable token really grants nothing.
    pub fn permissions(&self) -> String {
        if !self.claims_readable {
            return "not readable from the token (opaque); `mailconn test-connection` checks what Graph allows".to_owned();
        }
        let granted = if self.roles.is_empty() {
            &self.scopes
        } else {
            &self.roles
        };
        if granted.is_empty() {
            "none".to_owned()
        } else {
            granted.join(", ")
        }
    }

    /// One line: who, where, and what the token grants.
    pub fn describe(&self) -> String {
        if !self.claims_readable {
            return format!("token not readable; permissions: {}", self.permissions());
        }
        format!("{}; permissions: {}", self.holder(), self.permissions())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unreadable_token_is_never_described_as_granting_nothing() {
        let opaque = TokenSummary::of(None);
        assert!(!opaque.describe().contains("none"));
        assert!(opaque.describe().contains("not readable"));

        let empty = TokenSummary::of(Some(&Claims::default()));
        assert_eq!(empty.permissions(), "none");
        assert!(empty.describe().contains("(not in the token)"));
    }

    #[test]
    fn roles_win_over_scopes_and_the_user_over_the_app() {
        let claims = Claims {
            tid: Some("t".into()),
            appid: Some("a".into()),
            upn: Some("u@x".into()),
            roles: vec!["Mail.ReadWrite".into()],
            scp: Some("User.Read".into()),
            ..Claims::default()
        };
        assert_eq!(
            TokenSummary::of(Some(&claims)).describe(),
            "u@x in tenant t; permissions: Mail.ReadWrite"
        );
    }
}
